/**
 * @jest-environment jsdom
 *
 * The pages' start-up watch (src/boot/office-boot.js, issue 11 item 9), run as the pages run it: the
 * file's text evaluated as a classic script in the window, `start()` before office.js, `check()` at
 * the end of <body>. What it models:
 *   - office.js is a parser-blocking script in <head> (Microsoft: "Initialize your Office Add-in",
 *     learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in), so at the end of <body>
 *     `Office` either exists or never will;
 *   - outside Office, office.js resolves Office.onReady with host null (same page);
 *   - Office adds `_host_Info=` to an add-in page's URL ("Debug add-ins using developer tools").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = fs.readFileSync(path.join(ROOT, 'src', 'boot', 'office-boot.js'), 'utf8');

interface Boot {
  start(options: { page: string }): void;
  check(): void;
  insideOffice(): boolean;
  READY_WAIT_MS: number;
  notice(): string;
  officeJsSource(): { url: string; host: string; folder: string; microsoft: boolean };
}

type ReadyCallback = (info: { host: string | null; platform: string | null }) => void;

const win = window as unknown as Record<string, unknown>;
const boot = (): Boot => win.perfEvalBoot as Boot;

/** A fresh page: the task pane's body, the script evaluated anew, no Office. */
function page(url = '/taskpane.html'): void {
  window.history.replaceState(null, '', url);
  document.head.innerHTML = '';
  document.body.innerHTML = '<div id="root"><div class="boot">正在加载绩效自评助手…</div></div>';
  delete win.Office;
  delete win.perfEvalOldWebview;
  // Indirect eval: global scope, as an inline <script>.
  (0, eval)(SOURCE);
}

/** An Office global whose onReady hands its callbacks to the test. */
function officeWithReady(): ReadyCallback[] {
  const callbacks: ReadyCallback[] = [];
  win.Office = { onReady: (callback: ReadyCallback) => void callbacks.push(callback) };
  return callbacks;
}

const notice = () => document.getElementById('boot-notice');
const rootShown = () => document.getElementById('root')!.style.display !== 'none';
const links = () => Array.from(notice()!.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent, a.target]);

afterEach(() => {
  jest.useRealTimers();
});

describe('office.js never arrived', () => {
  it('inside Office (the URL carries _host_Info): says office.js could not be loaded, to check the network or proxy, and links to help', () => {
    page('/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0');
    expect(boot().insideOffice()).toBe(true);
    boot().check();
    expect(boot().notice()).toBe('office-js');
    const box = notice()!;
    expect(box.getAttribute('role')).toBe('alert');
    expect(box.querySelector('h1')!.textContent).toBe('无法加载 Office 组件');
    expect(box.textContent).toContain('office.js');
    expect(box.textContent).toContain('请检查网络连接和代理设置');
    expect(box.textContent).toContain('appsforoffice.microsoft.com');
    expect(links()).toEqual([['assets/help.html', '查看使用说明', '_blank']]);
    expect(box.querySelector('[lang=en]')!.textContent).toMatch(/^Office could not load office\.js/);
    // The loading text is hidden, not left spinning.
    expect(rootShown()).toBe(false);
  });

  it('with no sign of Office: says what the page is and how to install it, and that office.js did not load either', () => {
    page('/taskpane.html');
    expect(boot().insideOffice()).toBe(false);
    boot().check();
    expect(boot().notice()).toBe('browser');
    const box = notice()!;
    expect(box.querySelector('h1')!.textContent).toBe('绩效自评助手 · Excel／Word 加载项');
    expect(box.textContent).toContain('须在 Excel 或 Word 中使用');
    expect(box.querySelector('h2')!.textContent).toBe('安装方法');
    expect(box.querySelectorAll('ol li')).toHaveLength(3);
    expect(box.textContent).toContain('上传我的加载项');
    expect(box.textContent).toContain('本机未能从微软服务器加载 Office 组件（office.js）');
    expect(links()).toEqual([
      ['绩效自评助手.html', '打开绩效自评助手网页版', '_blank'],
      ['manifest.xml', '下载清单文件（manifest.xml）', '_blank'],
      ['assets/help.html', '查看使用说明', '_blank'],
    ]);
    expect(rootShown()).toBe(false);
    expect(notice()!.querySelector('a[href="manifest.xml"]')!.getAttribute('download')).toBe('manifest.xml');
  });

  it('an Office global without onReady (a broken or foreign office.js) counts as not loaded', () => {
    page('/taskpane.html?_host_Info=Word$Mac$16.01$en-US');
    win.Office = {};
    boot().check();
    expect(boot().notice()).toBe('office-js');
  });
});

describe('office.js arrived', () => {
  it('Office.onReady in time: no notice, before or after the wait', () => {
    jest.useFakeTimers();
    page();
    const ready = officeWithReady();
    boot().check();
    ready[0]({ host: 'Excel', platform: 'PC' });
    jest.advanceTimersByTime(boot().READY_WAIT_MS * 2);
    expect(notice()).toBeNull();
    expect(rootShown()).toBe(true);
  });

  it('Office.onReady late: a notice after the wait, taken back when Office answers', () => {
    jest.useFakeTimers();
    page();
    const ready = officeWithReady();
    boot().check();
    jest.advanceTimersByTime(boot().READY_WAIT_MS - 1);
    expect(notice()).toBeNull();
    jest.advanceTimersByTime(1);
    expect(boot().notice()).toBe('not-ready');
    expect(notice()!.querySelector('h1')!.textContent).toBe('Office 组件未能完成加载');
    expect(notice()!.textContent).toContain(`在 ${boot().READY_WAIT_MS / 1000} 秒内没有响应`);
    expect(rootShown()).toBe(false);

    ready[0]({ host: 'Word', platform: 'OfficeOnline' });
    expect(notice()).toBeNull();
    expect(boot().notice()).toBe('');
    expect(rootShown()).toBe(true);
  });

  it('Office.onReady with no host (a plain browser): what this is and how to install it, without the office.js line', () => {
    jest.useFakeTimers();
    page();
    const ready = officeWithReady();
    boot().check();
    ready[0]({ host: null, platform: null });
    expect(boot().notice()).toBe('browser');
    expect(notice()!.textContent).toContain('直接用浏览器打开无法运行');
    expect(notice()!.textContent).not.toContain('office.js');
    // first the 网页版, which needs no installing at all
    expect(notice()!.textContent).toContain('绩效自评助手网页版');
    expect(links().map((l) => l[0])).toEqual(['绩效自评助手.html', 'manifest.xml', 'assets/help.html']);
    // The wait ends without replacing it.
    jest.advanceTimersByTime(boot().READY_WAIT_MS);
    expect(boot().notice()).toBe('browser');
    expect(rootShown()).toBe(false);
  });

  it('Office.onReady with no host in a window Office opened (a dialog: no _host_Info there, office-js issue #491): no notice', () => {
    page('/report-dialog.html');
    Object.defineProperty(window, 'opener', { value: {}, configurable: true });
    try {
      const ready = officeWithReady();
      boot().start({ page: 'report-dialog' });
      boot().check();
      ready[0]({ host: null, platform: null });
      expect(notice()).toBeNull();
    } finally {
      Object.defineProperty(window, 'opener', { value: null, configurable: true });
    }
  });

  it('check() runs once: a second call adds no second onReady or timer', () => {
    page();
    const ready = officeWithReady();
    boot().check();
    boot().check();
    expect(ready).toHaveLength(1);
  });
});

it('stays out of the way when the page found an old webview (its own "too old" message is showing)', () => {
  jest.useFakeTimers();
  page();
  win.perfEvalOldWebview = true;
  boot().check();
  jest.advanceTimersByTime(boot().READY_WAIT_MS);
  expect(notice()).toBeNull();
});

describe('a script of the page fails to download', () => {
  function failScript(attributes: Record<string, string>, async: boolean): void {
    const script = document.createElement('script');
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    script.async = async;
    document.head.appendChild(script);
    script.dispatchEvent(new Event('error'));
  }

  it('the page bundle: says the page did not load completely', () => {
    page();
    boot().start({ page: 'taskpane' });
    failScript({ src: '/taskpane.3f4bcbaa.js', defer: '' }, false);
    expect(boot().notice()).toBe('bundle');
    expect(notice()!.querySelector('h1')!.textContent).toBe('加载项页面未能完整加载');
  });

  it('not a lazy chunk webpack adds later (the pane reports those itself), nor office.js (check() does, with more to say)', () => {
    page();
    boot().start({ page: 'taskpane' });
    failScript({ src: '/docx.1234.chunk.js', 'data-webpack': 'perf-self-eval:chunk-docx' }, true);
    failScript({ src: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js' }, false);
    expect(notice()).toBeNull();
  });
});

describe('the pages run it as described', () => {
  // The address is the build's (webpack.config.js: Microsoft's CDN, or ADDIN_OFFICE_JS_URL).
  const OFFICE_JS = '<script src="<%= officeJsUrl %>"></script>';
  for (const [page, file] of [
    ['taskpane', 'src/taskpane/taskpane.html'],
    ['commands', 'src/commands/commands.html'],
    ['report-dialog', 'src/report-dialog/report-dialog.html'],
  ]) {
    it(`${file}: the script and start() before office.js, check() as the last script of <body>`, () => {
      const html = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const boot = html.indexOf('<script><%= bootScript %>');
      const start = html.indexOf(`perfEvalBoot.start({ page: '${page}' });`);
      const office = html.indexOf(OFFICE_JS);
      expect(boot).toBeGreaterThan(html.indexOf('<head>'));
      expect(start).toBeGreaterThan(boot);
      expect(office).toBeGreaterThan(start);
      const body = html.slice(html.indexOf('<body'));
      const scripts = [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1].trim());
      expect(scripts[scripts.length - 1]).toBe('perfEvalBoot.check();');
      // Nothing but whitespace between that script and </body>.
      expect(body).toMatch(/<script>perfEvalBoot\.check\(\);<\/script>\s*<\/body>/);
    });
  }
});

it('every page that loads office.js takes its address from the build, and none names the CDN itself', () => {
  for (const file of ['src/taskpane/taskpane.html', 'src/commands/commands.html', 'src/commands/message-dialog.html', 'src/report-dialog/report-dialog.html']) {
    const html = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect([file, [...html.matchAll(/<script src="([^"]*)"/g)].map((m) => m[1])]).toEqual([file, ['<%= officeJsUrl %>']]);
    expect(html).not.toContain('appsforoffice.microsoft.com');
  }
  // The 网页版 loads no office.js at all.
  expect(fs.readFileSync(path.join(ROOT, 'src/web/web.html'), 'utf8')).not.toMatch(/office(\.debug)?\.js/i);
});

describe("office.js from the unit's own server (ADDIN_OFFICE_JS_URL, issue 16)", () => {
  const OWN = 'https://jxzp.example.gov.cn/addin/office/office.js';

  /** A page whose office.js tag points at `src`, as the build writes it. */
  function pageWithOfficeJs(src: string, url = '/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0'): void {
    page(url);
    const tag = document.createElement('script');
    tag.setAttribute('src', src);
    document.head.appendChild(tag);
  }

  it("reads the address from the page's office.js tag, by the name office.js itself looks for", () => {
    pageWithOfficeJs(OWN);
    expect(boot().officeJsSource()).toEqual({ url: OWN, host: 'jxzp.example.gov.cn', folder: 'https://jxzp.example.gov.cn/addin/office/', microsoft: false });
    pageWithOfficeJs('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(boot().officeJsSource()).toMatchObject({ host: 'appsforoffice.microsoft.com', microsoft: true });
    // 21Vianet's CDN is Microsoft's too.
    pageWithOfficeJs('https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js');
    expect(boot().officeJsSource().microsoft).toBe(true);
    // No tag: the CDN.
    page();
    expect(boot().officeJsSource()).toMatchObject({ host: 'appsforoffice.microsoft.com', microsoft: true });
  });

  it('office.js did not arrive: names that address and the administrator, not the CDN or the proxy', () => {
    pageWithOfficeJs(OWN);
    boot().check();
    expect(boot().notice()).toBe('office-js');
    const text = notice()!.textContent!;
    expect(notice()!.querySelector('h1')!.textContent).toBe('无法加载 Office 组件');
    expect(text).toContain(`未能从 ${OWN} 加载`);
    expect(text).toContain('本单位服务器');
    expect(text).toContain('信息化管理人员');
    expect(text).not.toContain('appsforoffice.microsoft.com');
    expect(text).not.toContain('微软服务器');
    expect(notice()!.querySelector('[lang=en]')!.textContent).toContain(`Office could not load office.js from ${OWN}`);
  });

  it('office.js arrived but Office does not answer: says the files office.js loads next may be missing, and where', () => {
    jest.useFakeTimers();
    pageWithOfficeJs(OWN);
    win.Office = { onReady: () => undefined };
    boot().check();
    jest.advanceTimersByTime(boot().READY_WAIT_MS);
    expect(boot().notice()).toBe('not-ready');
    const text = notice()!.textContent!;
    expect(text).toContain('office.js 已从本单位服务器载入');
    expect(text).toContain('https://jxzp.example.gov.cn/addin/office/ 下');
    expect(text).toContain('excel-win32-16.01.js');
    expect(text).not.toContain('appsforoffice.microsoft.com');
  });

  it("a plain browser without office.js: the extra line names the unit's server", () => {
    pageWithOfficeJs(OWN, '/taskpane.html');
    boot().check();
    expect(boot().notice()).toBe('browser');
    expect(notice()!.textContent).toContain(`本机未能从本单位服务器（${OWN}）加载 Office 组件（office.js）`);
    expect(notice()!.textContent).not.toContain('微软服务器');
  });

  it('its failing tag is not taken for a page bundle (check() reports it, with the address)', () => {
    pageWithOfficeJs(OWN);
    boot().start({ page: 'taskpane' });
    const script = document.createElement('script');
    script.setAttribute('src', OWN);
    script.async = false;
    document.head.appendChild(script);
    script.dispatchEvent(new Event('error'));
    expect(notice()).toBeNull();
  });
});

it('the report dialog is a window, not the pane: "关闭并重新打开本窗口"', () => {
  page('/report-dialog.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0');
  boot().start({ page: 'report-dialog' });
  boot().check();
  expect(notice()!.textContent).toContain('然后关闭并重新打开本窗口');
  expect(notice()!.textContent).not.toContain('本窗格');
  expect(notice()!.querySelector('[lang=en]')!.textContent).toContain('close and reopen this window');
});
