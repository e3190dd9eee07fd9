/**
 * scripts/fetch-office-js.js (issue 16) against a local fake of the CDN: this machine cannot reach
 * appsforoffice.microsoft.com, so a small HTTP server on 127.0.0.1 serves a fake office.js tree.
 * The fake office.js carries the two tables the script reads (written as the minified office.js
 * writes them): the host file versions, with one host (outlook) we do not need, and the languages.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fetcher = require('../../scripts/fetch-office-js') as {
  fetchOfficeJs(options: { folder: string; base?: string; hosts?: string[]; locales?: string[] | 'all'; log?: (line: string) => void }): Promise<{
    written: string[];
    skipped: { path: string; reason: string }[];
    record: { officeJsVersion: string; files: { path: string; bytes: number; sha256: string }[] };
  }>;
  plan(officeJs: string, options?: { hosts?: string[]; locales?: string[] | 'all' }): { files: { path: string; required: boolean }[]; notes: string[] };
};

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'fetch-office-js.js');

const OFFICE_JS =
  'var OSF=OSF||{};OSF.HostSpecificFileVersionDefault="16.00";OSF.HostSpecificFileVersionMap={excel:{web:"16.00",win32:"16.01"},outlook:{web:"16.01"},word:{win32:"16.01"}};' +
  'OSF.SupportedLocales={"de-de":!0,"en-us":!0,"zh-cn":!0};OSF.ConstantNames={FileVersion:"16.0.99999.10000",OfficeJS:"office.js"};';

/** The fake CDN's tree: path → body. */
function tree(): Record<string, string> {
  const files: Record<string, string> = { 'office.js': OFFICE_JS };
  for (const name of ['excel-web-16.00', 'excel-win32-16.00', 'excel-win32-16.01', 'word-win32-16.00', 'word-win32-16.01', 'outlook-web-16.01']) {
    files[`${name}.js`] = `/* ${name} */ var OfficeExtension;`;
  }
  for (const locale of ['de-de', 'en-us', 'zh-cn']) files[`${locale}/office_strings.js`] = `/* ${locale} */ Strings = {};`;
  files['telemetry/oteljs_agave.js'] = 'var oteljs_agave = {};';
  return files;
}

let server: Server;
let base: string;
let files: Record<string, string>;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/lib\/1\/hosted\//, '');
    requested.push(name);
    if (name in files) response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(files[name]);
    else response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lib/1/hosted/`;
});

beforeEach(() => {
  files = tree();
  requested.length = 0;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'office-js-'));

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

describe('what it fetches', () => {
  it("office.js, Excel's and Word's files for every platform office.js knows (and older versions where they exist), zh-cn and en-us strings, telemetry; nothing of Outlook", async () => {
    const dir = tempDir();
    const result = await fetcher.fetchOfficeJs({ folder: dir, base });
    expect(listFiles(dir)).toEqual([
      'en-us/office_strings.js',
      'excel-web-16.00.js',
      'excel-win32-16.00.js',
      'excel-win32-16.01.js',
      'office-js-files.json',
      'office.js',
      'telemetry/oteljs_agave.js',
      'word-win32-16.00.js',
      'word-win32-16.01.js',
      'zh-cn/office_strings.js',
    ]);
    expect(requested).not.toContain('outlook-web-16.01.js');
    // The files are the server's, byte for byte.
    for (const file of listFiles(dir).filter((f) => f !== 'office-js-files.json')) expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(files[file]);
    // The record: office.js's version, each file with its size and hash.
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'office-js-files.json'), 'utf8'));
    expect(record.officeJsVersion).toBe('16.0.99999.10000');
    expect(record.source).toBe(base);
    expect(record.files.map((f: { path: string }) => f.path)).toContain('excel-win32-16.01.js');
    expect(record.files.find((f: { path: string }) => f.path === 'office.js').bytes).toBe(Buffer.byteLength(OFFICE_JS));
    expect(result.record.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('--locales all: every language office.js lists', async () => {
    const dir = tempDir();
    await fetcher.fetchOfficeJs({ folder: dir, base, locales: 'all' });
    expect(listFiles(dir).filter((f) => f.endsWith('office_strings.js'))).toEqual([
      'de-de/office_strings.js',
      'en-us/office_strings.js',
      'zh-cn/office_strings.js',
    ]);
  });

  it('an older host version the CDN no longer has, or the telemetry sink, is left out with a note; the rest is written', async () => {
    delete files['word-win32-16.00.js'];
    delete files['telemetry/oteljs_agave.js'];
    const dir = tempDir();
    const result = await fetcher.fetchOfficeJs({ folder: dir, base });
    expect(result.skipped.map((s) => s.path)).toEqual(['word-win32-16.00.js', 'telemetry/oteljs_agave.js']);
    expect(listFiles(dir)).toContain('word-win32-16.01.js');
  });

  it("an office.js whose tables cannot be read: the script's own table for Excel and Word", () => {
    const { files: planned, notes } = fetcher.plan('/* a different office.js */');
    expect(notes.join()).toContain('内置的版本表');
    expect(planned.filter((f) => f.required).map((f) => f.path)).toEqual(
      expect.arrayContaining(['excel-win32-16.01.js', 'word-win32-16.01.js', 'excel-web-16.00.js', 'zh-cn/office_strings.js', 'en-us/office_strings.js']),
    );
  });
});

describe('all or nothing', () => {
  it('a required file missing: an error naming it, and nothing written', async () => {
    delete files['excel-win32-16.01.js'];
    const dir = tempDir();
    await expect(fetcher.fetchOfficeJs({ folder: dir, base })).rejects.toMatchObject({
      message: expect.stringContaining('必需的文件未能下载，未写入任何文件'),
      missing: [expect.objectContaining({ path: 'excel-win32-16.01.js', reason: expect.stringContaining('HTTP 404') })],
    });
    expect(listFiles(dir)).toEqual([]);
  });

  it("a proxy's HTML page answered with 200 is not taken for a script", async () => {
    files['zh-cn/office_strings.js'] = '<!doctype html><title>访问被拒绝</title>';
    const dir = tempDir();
    await expect(fetcher.fetchOfficeJs({ folder: dir, base })).rejects.toMatchObject({
      missing: [expect.objectContaining({ path: 'zh-cn/office_strings.js', reason: expect.stringContaining('网页') })],
    });
    expect(listFiles(dir)).toEqual([]);
  });

  it('no office.js at all', async () => {
    delete files['office.js'];
    await expect(fetcher.fetchOfficeJs({ folder: tempDir(), base })).rejects.toThrow(/无法下载 office\.js/);
  });
});

/** The command as an administrator runs it (asynchronously: the fake server runs in this process). */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run fetch-office-js', () => {
  it('fetches into the folder and says how to build against it', async () => {
    const dir = tempDir();
    const result = await run([path.join(dir, 'office'), '--base', base]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ADDIN_OFFICE_JS_URL');
    expect(fs.existsSync(path.join(dir, 'office', 'office.js'))).toBe(true);
  });

  it('exit 1 when a required file is missing; exit 2 for an http address that is not this machine', async () => {
    delete files['en-us/office_strings.js'];
    const missing = await run([tempDir(), '--base', base]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('en-us/office_strings.js');
    const http = await run([tempDir(), '--base', 'http://appsforoffice.microsoft.com/lib/1/hosted/']);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('--base 必须是 https 地址');
  });

  it('--list prints the addresses to fetch through a proxy, without fetching', async () => {
    const result = await run(['--list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js\toffice.js');
    expect(result.stdout).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/excel-win32-16.01.js\texcel-win32-16.01.js');
    expect(result.stdout).toContain('zh-cn/office_strings.js');
  });
});
