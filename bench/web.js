/**
 * Picked up by bench/run.js: the 网页版's figures (issue 13). Needs the production build
 * (dist/web/绩效自评助手.html; `npm run bench` builds it) and Debian's chromium.
 *  - the first screen's JavaScript, gzipped, and the whole file (webpack records both in
 *    dist/web/bundle-sizes.json as webPage);
 *  - load to interactive: the page opened from file:// in headless chromium, until the file
 *    chooser is enabled; and that it made no request beyond its own file.
 */
require('./ts-require');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.join(__dirname, '..');
const WEB = path.join(ROOT, 'dist/web');
const FIRST_SCREEN_BUDGET_KB = 250;
const FILE_BUDGET_KB = 1.5 * 1024;

function sizes(report) {
  const page = JSON.parse(readFileSync(path.join(WEB, 'bundle-sizes.json'), 'utf8')).webPage;
  if (typeof page?.bytes !== 'number') throw new Error('dist/web/bundle-sizes.json 中没有网页版的大小，请重新运行 npm run build');
  const first = page.firstScreenJs.gzipBytes / 1024;
  const whole = page.bytes / 1024;
  const lazy = Object.entries(page.lazyChunks)
    .map(([name, chunk]) => `${name} ${(chunk.bytes / 1024).toFixed(0)} KB → ${(chunk.inlinedBytes / 1024).toFixed(0)} KB`)
    .join('；');
  console.log(`      ${page.file}：首屏 JS ${(page.firstScreenJs.bytes / 1024).toFixed(0)} KB；内嵌的按需代码（压缩并 base64）${lazy}`);
  report('网页版首屏 JS（gzip）web page first-screen JS, gzipped', first, 'KB', `≤ ${FIRST_SCREEN_BUDGET_KB} KB`, first <= FIRST_SCREEN_BUDGET_KB);
  report('网页版整个文件 web page, whole file', whole, 'KB', `≤ ${FILE_BUDGET_KB} KB`, whole <= FILE_BUDGET_KB);
  return page.file;
}

async function timeToInteractive(report, file) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    console.log('      未安装 chromium，跳过网页版“加载到可操作”一项 / chromium missing: web page time to interactive not measured');
    return;
  }
  const { launchChromium } = require('../test/e2e/browser');
  const url = pathToFileURL(path.join(WEB, file)).href;
  const browser = await launchChromium();
  const times = [];
  const strayRequests = new Set();
  try {
    for (let i = 0; i < 7; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('request', (request) => {
        if (request.url() !== url) strayRequests.add(request.url());
      });
      await page.goto(url);
      await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === '选择工作簿（.xlsx）' && !b.disabled));
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`      加载到可操作 load to interactive: ${sorted.map((t) => t.toFixed(0)).join(' / ')} ms（file://）`);
  report('网页版从加载到可操作（无头 Chromium，file://）web page load to interactive', median, 'ms', '记录（无目标）', true);
  report('网页版对外请求数 web page requests beyond its own file', strayRequests.size, '个', '= 0', strayRequests.size === 0);
}

exports.run = async (report) => {
  if (!existsSync(path.join(WEB, 'bundle-sizes.json'))) throw new Error('dist/web 尚未构建：请先运行 npm run build');
  const file = sizes(report);
  await timeToInteractive(report, file);
};
