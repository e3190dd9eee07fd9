/**
 * End to end (issue 11, item 9): the production pages (dist/web, from `npm run build`) in headless
 * chromium when office.js cannot be had. What the tests play:
 *   - a blocked CDN: the office.js request answered 404 (a proxy's refusal) or aborted (no route);
 *   - a plain browser: an office.js whose Office.onReady reports no host, as the real one does
 *     outside Office (learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in);
 *   - an office.js that loads but never calls back;
 *   - a page bundle that does not download.
 * Each page must then say what is wrong instead of hanging. Screenshots go to /tmp/look11/ (and
 * test/output/e2e/boot/) for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, OFFICE_JS_URL } from './browser';
import { serveDirectory, type StaticServer } from './static-server';

const ROOT = path.resolve(__dirname, '../..');
const WEB = path.join(ROOT, 'dist/web');
const SHOTS = [path.join(ROOT, 'test/output/e2e/boot'), '/tmp/look11'];
/** The query Office adds to an add-in page's URL on Windows ("Debug add-ins using developer tools"). */
const IN_OFFICE = '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0';
/** office.js outside Office: onReady resolves with no host. */
const NO_HOST_OFFICE = `window.Office = { onReady: function (f) { var info = { host: null, platform: null }; if (f) setTimeout(function () { f(info); }, 0); return Promise.resolve(info); },
  HostType: { Excel: 'Excel', Word: 'Word' }, PlatformType: {}, context: { requirements: { isSetSupported: function () { return false; } } } };`;
/** office.js that loads but whose Office never answers. */
const SILENT_OFFICE = `window.Office = { onReady: function () { return new Promise(function () {}); } };`;
/** office.js in Excel: enough for onReady, so that only the page's own bundle is missing. */
const EXCEL_OFFICE = `window.Office = { onReady: function (f) { var info = { host: 'Excel', platform: 'PC' }; if (f) setTimeout(function () { f(info); }, 0); return Promise.resolve(info); } };`;

type OfficeJs = { status: 404 } | { abort: true } | { body: string };

jest.setTimeout(60_000);

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  if (!existsSync(path.join(WEB, 'taskpane.html'))) {
    throw new Error('dist/web 中没有任务窗格页面，请先运行 npm run build（npm test 会先构建）');
  }
  for (const dir of SHOTS) mkdirSync(dir, { recursive: true });
  server = await serveDirectory(WEB);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  /** Requests made outside localhost other than office.js: there must be none. */
  outside: string[];
}

async function open(file: string, officeJs: OfficeJs, options: { missing?: RegExp; width?: number; height?: number } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 360, height: options.height ?? 720 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_URL) {
      if ('status' in officeJs) return route.fulfill({ status: officeJs.status, contentType: 'text/html', body: '<h1>Access denied by proxy</h1>' });
      if ('abort' in officeJs) return route.abort('addressunreachable');
      return route.fulfill({ contentType: 'text/javascript', body: officeJs.body });
    }
    if (url.startsWith(server.origin)) {
      if (options.missing?.test(new URL(url).pathname)) return route.fulfill({ status: 404, body: '' });
      return route.continue();
    }
    outside.push(url);
    return route.abort();
  });
  await page.goto(`${server.origin}/${file}`);
  return { page, outside };
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const dir of SHOTS) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function noticeOf(page: Page): Promise<{ kind: string | null; title: string; text: string; links: [string | null, string][]; hiddenRoot: boolean }> {
  const box = page.locator('#boot-notice');
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  return page.evaluate(() => {
    const element = document.getElementById('boot-notice')!;
    const root = document.getElementById('root') ?? document.querySelector('.bar');
    return {
      kind: element.getAttribute('data-notice'),
      title: element.querySelector('h1')!.textContent ?? '',
      text: element.innerText,
      links: Array.from(element.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent ?? ''] as [string | null, string]),
      hiddenRoot: root ? getComputedStyle(root).display === 'none' : true,
    };
  });
}

describe('the task pane', () => {
  test('in Office, the CDN refuses office.js: says so at once, with what to check and the help link, which opens', async () => {
    const started = Date.now();
    const { page, outside } = await open(`taskpane.html${IN_OFFICE}`, { status: 404 });
    const notice = await noticeOf(page);
    // No wait: office.js is parser-blocking, so at the end of <body> its failure is certain.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(notice.kind).toBe('office-js');
    expect(notice.title).toBe('无法加载 Office 组件');
    expect(notice.text).toContain('请检查网络连接和代理设置');
    expect(notice.text).toContain('Office could not load office.js');
    expect(notice.hiddenRoot).toBe(true);
    expect(await page.getByText('正在加载绩效自评助手…').isVisible()).toBe(false);
    expect(notice.links).toEqual([['assets/help.html', '查看使用说明']]);
    await shoot(page, 'taskpane-office-js-blocked');

    // The link leads to the help page that the build ships.
    const [help] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: '查看使用说明' }).click()]);
    await help.waitForLoadState();
    expect(new URL(help.url()).pathname).toBe('/assets/help.html');
    expect(await help.locator('h1').innerText()).toBe('绩效自评助手');
    expect(outside).toEqual([]);
  });

  test('in a plain browser with no route to the CDN: what this is, how to install it, and that office.js did not load', async () => {
    const { page } = await open('taskpane.html', { abort: true }, { height: 900 });
    const notice = await noticeOf(page);
    expect(notice.kind).toBe('browser');
    expect(notice.title).toBe('绩效自评助手 · Excel／Word 加载项');
    expect(notice.text).toContain('须在 Excel 或 Word 中使用');
    expect(notice.text).toContain('安装方法');
    expect(notice.text).toContain('本机未能从微软服务器加载 Office 组件（office.js）');
    expect(notice.links).toEqual([
      ['绩效自评助手.html', '打开绩效自评助手网页版'],
      ['manifest.xml', '下载清单文件（manifest.xml）'],
      ['assets/help.html', '查看使用说明'],
    ]);
    // The 网页版 link leads to the page the build ships beside the pane.
    const [web] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: '打开绩效自评助手网页版' }).click()]);
    await web.waitForLoadState();
    expect(decodeURI(new URL(web.url()).pathname)).toBe('/绩效自评助手.html');
    expect(await web.locator('h1').innerText()).toBe('绩效自评助手（网页版）');
    // The manifest link serves the manifest.
    const manifest = await page.request.get(`${server.origin}/manifest.xml`);
    expect(manifest.status()).toBe(200);
    expect(await manifest.text()).toContain('<OfficeApp');
    await shoot(page, 'taskpane-plain-browser-no-office-js');
  });

  test('in a plain browser where office.js loads (onReady reports no host): what this is and how to install it', async () => {
    const { page } = await open('taskpane.html', { body: NO_HOST_OFFICE }, { width: 800, height: 700 });
    const notice = await noticeOf(page);
    expect(notice.kind).toBe('browser');
    expect(notice.text).toContain('直接用浏览器打开无法运行');
    expect(notice.text).not.toContain('本机未能从微软服务器加载');
    expect(notice.hiddenRoot).toBe(true);
    await shoot(page, 'taskpane-plain-browser');
  });

  test('office.js loads but Office never answers: a notice after the wait', async () => {
    const { page } = await open(`taskpane.html${IN_OFFICE}`, { body: SILENT_OFFICE });
    const wait = await page.evaluate(() => (window as unknown as { perfEvalBoot: { READY_WAIT_MS: number } }).perfEvalBoot.READY_WAIT_MS);
    expect(await page.locator('#boot-notice').count()).toBe(0);
    expect(await page.getByText('正在加载绩效自评助手…').isVisible()).toBe(true);
    await page.waitForTimeout(wait + 500);
    const notice = await noticeOf(page);
    expect(notice.kind).toBe('not-ready');
    expect(notice.title).toBe('Office 组件未能完成加载');
    await shoot(page, 'taskpane-office-not-ready');
  });

  test("the pane's own bundle does not download: says the page did not load completely", async () => {
    const { page } = await open(`taskpane.html${IN_OFFICE}`, { body: EXCEL_OFFICE }, { missing: /^\/taskpane\.[0-9a-f]+\.js$/ });
    const notice = await noticeOf(page);
    expect(notice.kind).toBe('bundle');
    expect(notice.title).toBe('加载项页面未能完整加载');
    await shoot(page, 'taskpane-bundle-missing');
  });
});

describe('the other pages that load office.js', () => {
  test('the report dialog in Office without office.js: the notice instead of "正在载入报告…"', async () => {
    const { page } = await open(`report-dialog.html${IN_OFFICE}`, { status: 404 }, { width: 700, height: 500 });
    const notice = await noticeOf(page);
    expect(notice.kind).toBe('office-js');
    expect(await page.getByText('正在载入报告…').isVisible()).toBe(false);
    await shoot(page, 'report-dialog-office-js-blocked');
  });

  test('the ribbon function file opened in a browser: what this is and how to install it', async () => {
    const { page } = await open('commands.html', { body: NO_HOST_OFFICE }, { width: 800, height: 700 });
    const notice = await noticeOf(page);
    expect(notice.kind).toBe('browser');
    await shoot(page, 'commands-plain-browser');
  });
});
