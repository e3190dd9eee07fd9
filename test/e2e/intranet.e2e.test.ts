/**
 * End to end, issue 16: the add-in on an intranet with no internet. The test
 *   1. builds the add-in once, as an administrator would, with
 *        ADDIN_PUBLIC_URL=https://localhost:<port>/ ADDIN_OFFICE_JS_URL=https://localhost:<port>/office/office.js
 *      into its own folder (test/output/intranet/web; dist/web, which `npm test` builds for the other
 *      browser tests, is left alone). The 网页版 is left out of this build (ADDIN_PAGES) to save
 *      half a minute: it loads no office.js, and web.e2e.test.ts shows it makes no request at all;
 *   2. serves that folder from a local HTTPS server with the project's own development
 *      certificates (office-addin-dev-certs, as `npm run dev-server` does), with the Office stub of
 *      the other e2e tests (office-stub.ts) as /office/office.js;
 *   3. opens the pages in headless Chromium with every other address refused twice over: the
 *      browser's host resolver answers "not found" for every name but localhost
 *      (--host-resolver-rules), and every request to another origin is aborted and recorded
 *      (page.route); then checks that no request left https://localhost:<port>.
 *
 * Certificates. `office-addin-dev-certs install` would put the CA into the system store, which
 * needs root (../shared/docs/stack.md, trap 6) and is not for a test to do; on Linux Chromium reads
 * its trust store from the user's NSS database, which a test should not change either. So the test
 * generates the certificates (generateCertificates(): no prompt, works on a fresh CI clone) into
 * test/output/intranet/certs and tells Chromium to accept exactly this server's key with
 * --ignore-certificate-errors-spki-list (the SHA-256 of the certificate's public key): any other
 * certificate error still fails, unlike ignoreHTTPSErrors, which would accept anything.
 */
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Grid } from '../../src/engine/grid';
import { readWorkbookGrids } from '../../src/xlsx/read';
import { validateBuiltManifest } from '../../scripts/validate-manifest';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser';
import { bundleOfficeStub } from './bundle-stub';
import type { E2EConfig } from './office-stub';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'test/output/intranet');
const WEB = path.join(OUT, 'web');
const CERTS = path.join(OUT, 'certs');
const SEED = path.join(ROOT, 'examples/示例-专项资金自评表.xlsx');
const PAGES = ['taskpane', 'commands', 'message-dialog', 'report-dialog'];
/** The query Office adds to an add-in page's URL on Windows ("Debug add-ins using developer tools"). */
const IN_OFFICE = '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0';

// The build alone takes about a minute on a 2-core machine (longer when it is busy).
jest.setTimeout(90_000);

let server: Server;
let origin: string;
let officeJsUrl: string;
let browser: Browser;
let stub: string;
let seedGrid: Grid;
/** What the server was asked for, by path. */
const served: string[] = [];
/** When set, the server answers /office/office.js with this status instead of the stub. */
let officeJsStatus: number | undefined;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The development certificates, generated when missing or about to expire. */
async function certificates(): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }> {
  const files = { ca: path.join(CERTS, 'ca.crt'), cert: path.join(CERTS, 'localhost.crt'), key: path.join(CERTS, 'localhost.key') };
  const valid = () => {
    try {
      return new Date(new X509Certificate(readFileSync(files.cert)).validTo).getTime() > Date.now() + 24 * 3600 * 1000 && existsSync(files.key);
    } catch {
      return false;
    }
  };
  if (!valid()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const devCerts = require('office-addin-dev-certs') as { generateCertificates(ca: string, cert: string, key: string, days?: number): Promise<void> };
    await devCerts.generateCertificates(files.ca, files.cert, files.key, 30);
  }
  return { ca: readFileSync(files.ca), cert: readFileSync(files.cert), key: readFileSync(files.key) };
}

/** The value --ignore-certificate-errors-spki-list takes: base64 of SHA-256 over the DER SubjectPublicKeyInfo. */
function spkiHash(certificate: Buffer): string {
  const der = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** `npm run build`'s webpack, with the intranet options and its own output folder. */
function build(port: number): Promise<void> {
  rmSync(WEB, { recursive: true, force: true });
  const env = {
    ...process.env,
    ADDIN_PUBLIC_URL: `https://localhost:${port}/`,
    ADDIN_OFFICE_JS_URL: `https://localhost:${port}/office/office.js`,
    ADDIN_PAGES: PAGES.join(','),
  };
  const webpack = path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [webpack, '--mode', 'production', '--output-path', WEB],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`构建失败 / the build failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`)) : resolve()),
    );
  });
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const [tls, stubFile, grids] = await Promise.all([certificates(), bundleOfficeStub(path.join(OUT, 'stub')), readWorkbookGrids(readFileSync(SEED))]);
  stub = readFileSync(stubFile, 'utf8');
  seedGrid = grids[0];

  // The server first: the build needs its port.
  server = createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'https://localhost').pathname);
    served.push(urlPath);
    if (urlPath === '/office/office.js') {
      if (officeJsStatus) response.writeHead(officeJsStatus, { 'Content-Type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
      else response.writeHead(200, { 'Content-Type': TYPES['.js'] }).end(stub);
      return;
    }
    const file = path.join(WEB, path.normalize(urlPath).replace(/^([/\\])+/, ''));
    if (!file.startsWith(WEB) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://localhost:${port}`;
  officeJsUrl = `${origin}/office/office.js`;

  await build(port);
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium（${CHROMIUM}）。请先安装：apt-get install -y chromium chromium-l10n（npm test 会自动安装）`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_FLAGS,
      `--ignore-certificate-errors-spki-list=${spkiHash(tls.cert)}`,
      // No name but localhost resolves: nothing could leave the machine even past page.route.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
    ],
    env: { ...process.env, LANGUAGE: 'zh_CN' } as Record<string, string>,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface Opened {
  page: Page;
  /** Every request the page made, in order. */
  requests: string[];
  /** Requests to another origin (refused). */
  outside: string[];
  errors: string[];
}

async function open(file: string, config: Partial<E2EConfig> = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const requests: string[] = [];
  const outside: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => void requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    outside.push(url);
    return route.abort('addressunreachable');
  });
  const full: E2EConfig = { host: 'Excel', platform: 'PC', displayLanguage: 'zh-CN', grids: [seedGrid], ...config };
  await page.addInitScript(
    (injected) => {
      (window as unknown as { __E2E__: unknown }).__E2E__ = injected;
    },
    full as unknown as Record<string, unknown>,
  );
  await page.goto(`${origin}/${file}`);
  return { page, requests, outside, errors };
}

/** All of the page's requests went to our server, and office.js came from its /office/ folder. */
function expectOnlyOurServer(opened: Opened): void {
  expect(opened.outside).toEqual([]);
  expect(opened.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  expect(opened.requests).toContain(officeJsUrl);
}

describe('the folder the build gives', () => {
  it('holds the pages, the help page, the icons and manifest.xml, and names no outside address anywhere', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else files.push(path.relative(WEB, path.join(dir, entry.name)).split(path.sep).join('/'));
      }
    };
    walk(WEB);
    for (const page of PAGES) expect(files).toContain(`${page}.html`);
    expect(files).toEqual(expect.arrayContaining(['manifest.xml', 'assets/help.html', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-80.png']));
    for (const file of files.filter((f) => /\.(html|js|xml)$/.test(f))) {
      const text = readFileSync(path.join(WEB, file), 'utf8');
      expect([file, text.includes('appsforoffice.microsoft.com')]).toEqual([file, false]);
    }
    // Every page that loads office.js loads it from our server, and only from there.
    for (const page of PAGES) {
      const html = readFileSync(path.join(WEB, `${page}.html`), 'utf8');
      expect([page, [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]).filter((src) => /office\.js/.test(src))]).toEqual([
        page,
        [officeJsUrl],
      ]);
    }
  });

  it('its manifest points only under ADDIN_PUBLIC_URL; `npm run validate` would refuse it only because that is localhost', () => {
    const manifest = readFileSync(path.join(WEB, 'manifest.xml'), 'utf8');
    expect(manifest).toContain(`<SourceLocation DefaultValue="${origin}/taskpane.html"/>`);
    const check = validateBuiltManifest(manifest, { publicUrl: `${origin}/`, source: readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8') });
    expect(check.issues.map((issue) => issue.code)).toEqual(['url-localhost']);
  });
});

describe('the pages with office.js from our own server', () => {
  it('the task pane loads office.js from https://localhost:<port>/office/office.js, opens, scores with one click, and asks nothing of anyone else', async () => {
    const opened = await open(`taskpane.html${IN_OFFICE}`);
    const { page } = opened;
    const scoreButton = page.getByRole('button', { name: '一键评分' });
    await scoreButton.waitFor();
    await page.getByText('2024年全国两会信访维稳专项资金').first().waitFor();
    await scoreButton.click();
    await page.getByTestId('total').waitFor();
    expect(await page.getByTestId('total').innerText()).toContain('98.75');
    // The report's code is a lazy chunk: it too comes from our server.
    await page.screenshot({ path: path.join(OUT, 'taskpane-intranet.png'), fullPage: true });
    expect(opened.errors).toEqual([]);
    expect(page.url().startsWith('https://')).toBe(true);
    expectOnlyOurServer(opened);
    expect(served).toContain('/office/office.js');
    await page.context().close();
  });

  it('the ribbon function file registers its command with office.js from our server', async () => {
    const opened = await open(`commands.html${IN_OFFICE}`);
    await opened.page.waitForFunction(() => Boolean(window.__fake && window.__fake.actions.scoreActiveSheet));
    expectOnlyOurServer(opened);
    await opened.page.context().close();
  });

  it('the report dialog and the message box load office.js from our server too', async () => {
    for (const file of ['report-dialog.html', 'message-dialog.html?lang=zh-CN']) {
      const opened = await open(file);
      await opened.page.waitForLoadState('load');
      expectOnlyOurServer(opened);
      await opened.page.context().close();
    }
  });

  it('office.js missing from our server: the pane says so at once and names that address, not the CDN', async () => {
    officeJsStatus = 404;
    try {
      const opened = await open(`taskpane.html${IN_OFFICE}`);
      const box = opened.page.locator('#boot-notice');
      await box.waitFor({ state: 'visible', timeout: 15_000 });
      const text = await box.innerText();
      expect(await box.getAttribute('data-notice')).toBe('office-js');
      expect(text).toContain(`未能从 ${officeJsUrl} 加载`);
      expect(text).toContain('信息化管理人员');
      expect(text).not.toContain('appsforoffice');
      expect(text).not.toContain('代理');
      await opened.page.screenshot({ path: path.join(OUT, 'taskpane-intranet-no-office-js.png'), fullPage: true });
      expect(opened.outside).toEqual([]);
      await opened.page.context().close();
    } finally {
      officeJsStatus = undefined;
    }
  });
});
