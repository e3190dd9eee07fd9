/**
 * The pages' start-up watch (issue 11, item 9): a page that loads office.js must never sit on
 * "正在加载…" (or a blank page) without saying why. Webpack inlines this file into the <head> of
 * every page that loads office.js (webpack.config.js, `bootScript`), before the office.js tag:
 *
 *   head:  this file, then perfEvalBoot.start({ page: 'taskpane' }), in one inline script;
 *          then the office.js script tag;
 *   body:  perfEvalBoot.check(), in the last inline script.
 * (The file must not contain the closing script tag's text; webpack.config.js checks.)
 *
 * What it tells apart, and what the user then sees (in place of the page, which is only hidden so
 * that the page's own script can still run underneath without errors):
 *   - office.js did not load (the CDN is blocked, a proxy refuses it): `Office` is undefined when
 *     the parser reaches the end of <body>, because the office.js tag is a parser-blocking script in
 *     <head> (as Microsoft requires, "Initialize your Office Add-in", learn.microsoft.com/office/dev/
 *     add-ins/develop/initialize-add-in). So there is nothing to wait for: the "office.js could not
 *     be loaded" notice shows at once. (A request that hangs rather than fails blocks rendering
 *     itself; the browser shows nothing until it gives up, and then this notice.) Without any sign
 *     of an Office host around the page, the notice also says what the page is and how to install it.
 *   - office.js loaded but Office.onReady does not come within READY_WAIT_MS (the host's further
 *     scripts blocked, Office not answering): a "not finished loading" notice, taken back if
 *     Office.onReady arrives after all.
 *   - Office.onReady reports no host and nothing else suggests an Office client (see insideOffice):
 *     the page was opened in a plain browser (office.js resolves onReady with host null outside
 *     Office, same page). Say what this is and how to install it.
 *   - One of the page's own scripts (its webpack bundle) failed to download: say so.
 *
 * Where office.js comes from: Microsoft's CDN, or, for an intranet without internet (issue 16,
 * docs/deploy.md), the unit's own server (the build option ADDIN_OFFICE_JS_URL writes that address
 * into each page's office.js tag). The notices name the address the page's own office.js tag has
 * (officeJsSource), so that they tell the user and the administrator what to check: the CDN and the
 * proxy, or the unit's server and the files copied onto it.
 *
 * ES5 and no DOM API newer than IE11's, because the pages also open in IE11-based Office, where the
 * pages' own guards say that Office is too old; this script then stays out of the way
 * (`perfEvalOldWebview`). Its ES5 syntax is checked by test/boot/syntax-level.test.ts.
 */
(function (window) {
  'use strict';
  var document = window.document;
  /** How long office.js may take to call Office.onReady before the page says so. */
  var READY_WAIT_MS = 8000;
  var HELP = 'assets/help.html';
  var MANIFEST = 'manifest.xml';
  // The 网页版, served beside the add-in's pages (webpack.config.js, WEB_PAGE.filename).
  var WEB_PAGE = '绩效自评助手.html';
  /** Microsoft's CDN, when the page has no office.js tag to read the address from. */
  var CDN_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
  /**
   * office.js finds its own folder (for the files it loads next) from a script whose address ends
   * in office.js or office.debug.js, optionally followed by a query; the same rule tells office.js's
   * tag from the page's other scripts here.
   */
  var OFFICE_JS_NAME = /(^|[/\\])office(\.debug)?\.js(\?.*)?(#.*)?$/i;
  /** Microsoft's own hosts for office.js: the worldwide CDN, the government clouds' and 21Vianet's. */
  var MICROSOFT_HOST = /(^|\.)(microsoft\.com|office\.net|office365\.cn)$/i;

  var state = { page: '', notice: '', hidden: [], timer: null, ready: false, checked: false };

  /** Where the page's office.js tag points, and whether that is Microsoft's CDN or the unit's own server. */
  function officeJsSource() {
    var url = CDN_URL;
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute('src');
      if (src && OFFICE_JS_NAME.test(src)) {
        url = scripts[i].src || src;
        break;
      }
    }
    var match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url);
    var host = match ? match[1] : '';
    return { url: url, host: host, folder: url.replace(/[?#].*$/, '').replace(/[^/]*$/, ''), microsoft: MICROSOFT_HOST.test(host) };
  }

  /** The notices, worded for where office.js comes from. */
  function notices(source) {
    var cdn = source.microsoft;
    return {
      // office.js itself did not arrive.
      'office-js': {
        title: '无法加载 Office 组件',
        lines: cdn
          ? [
              '绩效自评助手需要先从微软服务器加载 Office 组件（office.js），但本机目前无法访问该服务器，加载项因此无法启动。',
              '请检查网络连接和代理设置。单位内网限制访问外部网站的，请联系信息化管理人员，将 ' + source.host + ' 加入允许访问的地址，然后关闭并重新打开本窗格。',
            ]
          : [
              '绩效自评助手需要先从本单位服务器加载 Office 组件（office.js），但未能从 ' + source.url + ' 加载，加载项因此无法启动。',
              '请检查网络连接，并在本机浏览器中打开上述地址，看能否访问。无法访问或提示找不到文件的，请联系负责部署本加载项的信息化管理人员，检查该服务器是否正常运行、office.js 是否已按部署说明复制到服务器上，然后关闭并重新打开本窗格。',
            ],
        links: [{ href: HELP, text: '查看使用说明' }],
        en: cdn
          ? 'Office could not load office.js from ' + source.host + ', so the add-in cannot start. Check the network connection and proxy settings, make sure that address can be reached, then close and reopen this pane.'
          : 'Office could not load office.js from ' + source.url + ', so the add-in cannot start. Check the network connection and whether that address opens in a browser on this computer; if it does not, ask whoever deployed the add-in to check the server and that office.js has been copied onto it, then close and reopen this pane.',
      },
      // office.js arrived, Office.onReady did not.
      'not-ready': {
        title: 'Office 组件未能完成加载',
        lines: cdn
          ? [
              'office.js 已经载入，但 Office 在 ' + READY_WAIT_MS / 1000 + ' 秒内没有响应。可能是网络较慢，也可能是部分 Office 组件被代理服务器或防火墙拦截。',
              '请稍候片刻。如仍无变化，请检查网络连接和代理设置（须能访问 ' + source.host + '），然后关闭并重新打开本窗格。',
            ]
          : [
              'office.js 已从本单位服务器载入，但 Office 在 ' + READY_WAIT_MS / 1000 + ' 秒内没有响应。可能是网络较慢，也可能是服务器上缺少 office.js 随后加载的附属文件（与 office.js 同在 ' + source.folder + ' 下，如 excel-win32-16.01.js、zh-cn/office_strings.js）。',
              '请稍候片刻。如仍无变化，请联系负责部署本加载项的信息化管理人员，按部署说明重新复制 office.js 的全部文件，然后关闭并重新打开本窗格。',
            ],
        links: [{ href: HELP, text: '查看使用说明' }],
        en: cdn
          ? 'office.js has loaded, but Office has not responded. Wait a moment; if nothing changes, check the network connection and proxy settings (' + source.host + ' must be reachable), then close and reopen this pane.'
          : 'office.js has loaded from ' + source.url + ', but Office has not responded. Wait a moment; if nothing changes, the files office.js loads next (in ' + source.folder + ') may be missing from the server: ask whoever deployed the add-in to copy all of them, then close and reopen this pane.',
      },
      // No Office around the page: a plain browser.
      browser: {
        title: '绩效自评助手 · Excel／Word 加载项',
        lines: [
          '本页是“绩效自评助手”加载项的一部分，须在 Excel 或 Word 中使用，直接用浏览器打开无法运行。',
          '绩效自评助手对《项目支出绩效自评表》逐项核对指标完成情况，计算得分、总分和等级，并起草绩效自评报告。数据只在本机处理，不上传。',
          '不使用 Office 的，可直接打开“绩效自评助手网页版”：在浏览器中选择填好的自评表，即可评分、下载评分副本并起草报告。',
        ],
        steps: [
          '网页版 Excel 或 Word：打开任一文件，依次点击“插入 → 加载项 → 我的加载项 → 上传我的加载项”，选择清单文件 manifest.xml。',
          '单位统一部署：由信息化管理人员在 Microsoft 365 管理中心的“集成应用”中上传清单文件，部署后在“开始”选项卡中即可看到“绩效自评”组。',
          'Windows 桌面版：由管理人员把清单文件放到共享文件夹，在“文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录”中添加该文件夹，重新启动 Office 后，在“我的加载项 → 共享文件夹”中添加。',
        ],
        links: [
          { href: WEB_PAGE, text: '打开绩效自评助手网页版' },
          { href: MANIFEST, text: '下载清单文件（manifest.xml）', download: true },
          { href: HELP, text: '查看使用说明' },
        ],
        en: 'This page is part of the Performance Self-Evaluation Assistant, an add-in for Excel and Word; it does not run in a web browser on its own. To install it, upload manifest.xml in Excel or Word (Insert > Add-ins > My Add-ins > Upload My Add-in), or ask your administrator to deploy it.',
      },
      // One of the page's own scripts did not download.
      bundle: {
        title: '加载项页面未能完整加载',
        lines: [
          '页面所需的脚本文件未能从加载项服务器下载，加载项无法启动。',
          '请检查网络连接，然后关闭并重新打开本窗格。如多次出现，请联系负责部署本加载项的信息化管理人员。',
        ],
        links: [{ href: HELP, text: '查看使用说明' }],
        en: "A script of this page could not be downloaded from the add-in's server. Check the network connection, then close and reopen this pane; if it keeps happening, contact whoever deployed the add-in.",
      },
    };
  }

  /** Extra line on the plain-browser notice when office.js did not load either. */
  function browserNoOfficeJs(source) {
    return source.microsoft
      ? '另外，本机未能从微软服务器加载 Office 组件（office.js）。如果您是在 Excel 或 Word 中看到本页，请检查网络连接和代理设置（须能访问 ' + source.host + '）。'
      : '另外，本机未能从本单位服务器（' + source.url + '）加载 Office 组件（office.js）。如果您是在 Excel 或 Word 中看到本页，请联系信息化管理人员检查该地址能否访问。';
  }

  var CSS =
    '.boot-notice { padding: 20px 16px; font-family: "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Segoe UI", sans-serif; font-size: 14px; line-height: 1.6; color: #1f1f1f; }' +
    '.boot-notice h1 { font-size: 16px; margin: 0 0 10px; color: #a4262c; }' +
    '.boot-notice.info h1 { color: #1b5fa6; }' +
    '.boot-notice h2 { font-size: 14px; margin: 14px 0 6px; }' +
    '.boot-notice p { margin: 0 0 10px; }' +
    '.boot-notice ol { margin: 0 0 10px; padding-left: 22px; }' +
    '.boot-notice li { margin: 0 0 6px; }' +
    '.boot-notice .links a { margin-right: 16px; color: #0f6cbd; }' +
    '.boot-notice .en { color: #616161; font-size: 13px; }';

  /** Head, before the office.js tag: note which page this is and watch for scripts that fail to download. */
  function start(options) {
    state.page = (options && options.page) || '';
    if (window.addEventListener) {
      // Capture: a script's load error does not bubble. Only scripts written in the page count
      // (parser-inserted ones are not async); the chunks webpack adds later report their own errors.
      window.addEventListener(
        'error',
        function (event) {
          var target = event && event.target;
          if (!target || target.tagName !== 'SCRIPT' || !target.src || target.async || target.getAttribute('data-webpack')) return;
          if (OFFICE_JS_NAME.test(target.src)) return; // office.js: check() says so, with more to say.
          show('bundle');
        },
        true
      );
    }
  }

  /** End of <body>: office.js has either run or failed by now. */
  function check() {
    if (state.checked || window.perfEvalOldWebview) return;
    state.checked = true;
    var office = window.Office;
    if (typeof office === 'undefined' || !office || typeof office.onReady !== 'function') {
      show(insideOffice() ? 'office-js' : 'browser', !insideOffice());
      return;
    }
    state.timer = setTimeout(function () {
      state.timer = null;
      if (!state.ready) show('not-ready');
    }, READY_WAIT_MS);
    try {
      office.onReady(function (info) {
        state.ready = true;
        if (state.timer !== null) clearTimeout(state.timer);
        state.timer = null;
        if (state.notice === 'not-ready') restore();
        // No host, and nothing else says Office is around: a plain browser. Inside an Office dialog
        // onReady's host is not to be relied on (dialogs do not get _host_Info, office-js issue
        // #491), so a page with any sign of Office leaves this to its own code.
        if ((!info || !info.host) && !insideOffice()) show('browser');
      });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no `catch {}`
    } catch (e) {
      show('office-js');
    }
  }

  /**
   * Whether anything says an Office client hosts this page, without office.js: the `_host_Info`
   * query parameter Office adds to an add-in's URL (desktop and web; Microsoft's "Debug add-ins
   * using developer tools" shows it), the host's window name, an embedding frame or an opener (the
   * task pane and dialogs of Office on the web), or the bridges of the desktop webviews (WebView2,
   * WKWebView, the IE control's window.external).
   */
  function insideOffice() {
    try {
      if (/[?&#]_host_Info=/i.test(window.location.search + window.location.hash)) return true;
      if (/host_?Info/i.test(window.name || '')) return true;
      if (window.parent && window.parent !== window) return true;
      if (window.opener) return true;
      if (window.chrome && window.chrome.webview) return true;
      if (window.webkit && window.webkit.messageHandlers) return true;
      if (window.external && 'GetContext' in window.external) return true;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no `catch {}`
    } catch (e) {
      return true; // a cross-origin parent: framed, so hosted
    }
    return false;
  }

  /** Hide the page and show a notice in its place (one at a time; the newest wins). */
  function show(name, noOfficeJs) {
    var source = officeJsSource();
    var notice = notices(source)[name];
    if (!notice || !document.body) return;
    removeNotice();
    addStyle();
    var children = document.body.childNodes;
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child.nodeType === 1 && child.tagName !== 'SCRIPT' && child.style.display !== 'none') {
        state.hidden.push(child);
        child.style.display = 'none';
      }
    }
    // The report dialog is a window of its own; the other pages are the task pane.
    var dialog = state.page === 'report-dialog';
    var place = function (text) {
      return dialog ? text.replace(/本窗格/g, '本窗口').replace(/this pane/g, 'this window') : text;
    };
    var box = element('div', '');
    box.id = 'boot-notice';
    box.className = 'boot-notice' + (name === 'browser' ? ' info' : '');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-notice', name);
    box.appendChild(element('h1', notice.title));
    for (var j = 0; j < notice.lines.length; j++) box.appendChild(element('p', place(notice.lines[j])));
    if (notice.steps) {
      box.appendChild(element('h2', '安装方法'));
      var list = element('ol', '');
      for (var k = 0; k < notice.steps.length; k++) list.appendChild(element('li', notice.steps[k]));
      box.appendChild(list);
    }
    if (noOfficeJs) box.appendChild(element('p', browserNoOfficeJs(source)));
    var links = element('p', '');
    links.className = 'links';
    for (var m = 0; m < notice.links.length; m++) {
      var a = element('a', notice.links[m].text);
      a.href = notice.links[m].href;
      // In Office, a link that opens a new window goes to the browser instead of replacing the pane.
      a.target = '_blank';
      a.rel = 'noopener';
      if (notice.links[m].download) a.setAttribute('download', MANIFEST);
      links.appendChild(a);
    }
    box.appendChild(links);
    var en = element('p', place(notice.en));
    en.className = 'en';
    en.setAttribute('lang', 'en');
    box.appendChild(en);
    document.body.appendChild(box);
    state.notice = name;
  }

  /** Office answered after all: give the page back. */
  function restore() {
    removeNotice();
    for (var i = 0; i < state.hidden.length; i++) state.hidden[i].style.display = '';
    state.hidden = [];
  }

  function removeNotice() {
    var old = document.getElementById('boot-notice');
    if (old && old.parentNode) old.parentNode.removeChild(old);
    state.notice = '';
  }

  function addStyle() {
    if (document.getElementById('boot-notice-style')) return;
    var style = document.createElement('style');
    style.id = 'boot-notice-style';
    style.appendChild(document.createTextNode(CSS));
    (document.head || document.getElementsByTagName('head')[0] || document.body).appendChild(style);
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.appendChild(document.createTextNode(text));
    return node;
  }

  window.perfEvalBoot = {
    start: start,
    check: check,
    insideOffice: insideOffice,
    officeJsSource: officeJsSource,
    READY_WAIT_MS: READY_WAIT_MS,
    /** For tests: the notice now shown ('' for none). */
    notice: function () {
      return state.notice;
    },
  };
})(window);
