/**
 * The trusted-catalog registry file (scripts/make-catalog-reg.js, issue 16) against Microsoft's
 * documentation of those keys: "Sideload Office Add-ins on Windows from a network share", section
 * "Configure the trust with a Registry script"
 * (learn.microsoft.com/office/dev/add-ins/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins).
 * The file is read back as regedit reads it (UTF-16LE with a byte order mark), parsed, and each
 * key, value name and value type compared with the page.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reg = require('../../scripts/make-catalog-reg') as {
  catalogRegText(share: string, options?: { guid?: string; remove?: boolean }): { text: string; share: string; guid: string; key: string };
  encodeReg(text: string): Buffer;
  normaliseShare(share: string): string;
  CATALOGS_KEY: string;
};

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'make-catalog-reg.js');

/** The page's example, as it stands there (its GUID and share). */
const DOCUMENTED_EXAMPLE = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs\\{01234567-89ab-cedf-0123-456789abcedf}]',
  '"Id"="{01234567-89ab-cedf-0123-456789abcedf}"',
  '"Url"="\\\\\\\\TestServer\\\\OfficeAddinManifests"',
  '"Flags"=dword:00000001',
];

type RegValue = { type: 'REG_SZ'; value: string } | { type: 'REG_DWORD'; value: number };

/** A small reader of .reg text: keys, and each key's values with their types; comments skipped. */
function parseReg(text: string): { header: string; keys: { name: string; remove: boolean; values: Record<string, RegValue> }[] } {
  const lines = text.split('\r\n');
  const keys: { name: string; remove: boolean; values: Record<string, RegValue> }[] = [];
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith(';')) continue;
    const key = /^\[(-?)(.+)\]$/.exec(line);
    if (key) {
      keys.push({ name: key[2], remove: key[1] === '-', values: {} });
      continue;
    }
    const sz = /^"([^"]+)"="((?:[^"\\]|\\.)*)"$/.exec(line);
    const dword = /^"([^"]+)"=dword:([0-9a-f]{8})$/.exec(line);
    if (sz) keys[keys.length - 1].values[sz[1]] = { type: 'REG_SZ', value: sz[2].replace(/\\(.)/g, '$1') };
    else if (dword) keys[keys.length - 1].values[dword[1]] = { type: 'REG_DWORD', value: parseInt(dword[2], 16) };
    else throw new Error(`not a .reg line: ${line}`);
  }
  return { header: lines[0], keys };
}

describe('the .reg file for a share', () => {
  const share = '\\\\jxzp-fs01\\加载项目录';
  const { text, guid } = reg.catalogRegText(share);
  const parsed = parseReg(text);

  it("has the documented header, one key under HKCU's TrustedCatalogs named by a GUID, and the three documented values with their types", () => {
    expect(parsed.header).toBe('Windows Registry Editor Version 5.00');
    expect(parsed.keys).toHaveLength(1);
    const [key] = parsed.keys;
    expect(key.name).toBe(`HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs\\${guid}`);
    expect(guid).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
    expect(key.remove).toBe(false);
    expect(key.values).toEqual({
      // "replace … -random-GUID-here- in both places": the Id is the key's GUID, braces kept.
      Id: { type: 'REG_SZ', value: guid },
      // "Any \ characters in the URL must be doubled": read back, the share path itself.
      Url: { type: 'REG_SZ', value: share },
      Flags: { type: 'REG_DWORD', value: 1 },
    });
    // Doubled backslashes in the file itself.
    expect(text).toContain('"Url"="\\\\\\\\jxzp-fs01\\\\加载项目录"');
  });

  it("reproduces the page's own example line for line, given its GUID and share", () => {
    const example = reg.catalogRegText('\\\\TestServer\\OfficeAddinManifests', { guid: '{01234567-89ab-cedf-0123-456789abcedf}' });
    const lines = example.text.split('\r\n').filter((line) => !line.startsWith(';'));
    expect(lines.slice(0, DOCUMENTED_EXAMPLE.length)).toEqual(DOCUMENTED_EXAMPLE);
    expect(lines.slice(DOCUMENTED_EXAMPLE.length).every((line) => line === '')).toBe(true);
  });

  it('is UTF-16LE with a byte order mark and CRLF line ends, as regedit writes and reads it', () => {
    const bytes = reg.encodeReg(text);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    // Every ASCII character is followed by a zero byte: little-endian UTF-16.
    expect([...bytes.subarray(2, 8)]).toEqual([0x57, 0, 0x69, 0, 0x6e, 0]); // "Win"
    const decoded = bytes.subarray(2).toString('utf16le');
    expect(decoded).toBe(text);
    expect(decoded).toContain('加载项目录');
    expect(decoded.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(decoded.endsWith('\r\n')).toBe(true);
  });

  it('gives the same share the same GUID (in any spelling) and another share another one', () => {
    expect(reg.catalogRegText('\\\\JXZP-FS01\\加载项目录\\').guid).toBe(guid);
    expect(reg.catalogRegText('//jxzp-fs01/加载项目录').guid).toBe(guid);
    expect(reg.catalogRegText('\\\\jxzp-fs02\\加载项目录').guid).not.toBe(guid);
    // A version-5 (name-based) UUID of RFC 4122.
    expect(guid[15]).toBe('5');
    expect('89ab').toContain(guid[20]);
  });

  it('--remove writes the deletion of that same key and nothing else', () => {
    const removal = parseReg(reg.catalogRegText(share, { remove: true }).text);
    expect(removal.keys).toEqual([{ name: `${reg.CATALOGS_KEY}\\${guid}`, remove: true, values: {} }]);
  });

  it('refuses what is not a network path, or not a GUID', () => {
    for (const bad of ['C:\\加载项', 'jxzp-fs01\\share', '\\\\jxzp-fs01', '\\\\server\\sh"are', 'https://jxzp.example.gov.cn/', '']) {
      expect(() => reg.normaliseShare(bad)).toThrow(/共享文件夹须写成完整的网络路径/);
    }
    expect(() => reg.catalogRegText('\\\\s\\x', { guid: 'not-a-guid' })).toThrow(/--guid 不是 GUID/);
  });
});

describe('npm run catalog-reg', () => {
  it('writes the file where asked, and says what it set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-reg-'));
    const out = path.join(dir, 'trust.reg');
    const run = spawnSync(process.execPath, [SCRIPT, '\\\\jxzp-fs01\\addins', '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('TrustedCatalogs');
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(2).toString('utf16le')).toBe(reg.catalogRegText('\\\\jxzp-fs01\\addins').text);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without a share, or with a local path: a usage error in Chinese, exit 2', () => {
    for (const args of [[], ['D:\\addins']]) {
      const run = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', cwd: os.tmpdir() });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/共享文件夹|请指定/);
    }
  });
});
