#!/usr/bin/env node
/**
 * What each way of loading office.js costs the task pane's start (issue 16, docs/deploy.md,
 * "office.js 的来源"): headless Chromium opens the intranet build's task pane with the Office stub
 * of the e2e tests as office.js, and times navigation → the "一键评分" button, for
 *   - own:            office.js from the unit's server only (ADDIN_OFFICE_JS_URL);
 *   - cdn-refused:    Microsoft's CDN first, the unit's copy when it fails; the intranet refuses the
 *                     connection at once (a firewall that answers with a reset, or DNS that says
 *                     "no such name");
 *   - cdn-dropped:    the same, but the intranet drops the packets, so the browser waits for its
 *                     connection attempt to give up (simulated here by DROP_MS, then a timeout);
 *   - cdn-only-dropped: today's default build (CDN only) on such a network: how long the pane stays
 *                     blank before it can say that office.js did not load.
 * The CDN-first page is the built page with its office.js tag replaced by
 *   <script src=CDN></script><script>window.Office || document.write('<script src=OWN><\/script>')</script>
 * (a parser-blocking fallback, as office.js must be loaded in <head> before the page's code).
 *
 *   node scripts/measure-office-js-start.js [build folder] [--runs N] [--drop-ms MS]
 *
 * The build folder defaults to test/output/intranet/web, with the stub next to it
 * (test/output/intranet/stub/office-stub.js): run `npx jest test/e2e/intranet.e2e.test.ts` first.
 * Nothing leaves the machine: every request is answered by the script (page.route).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml' };

function parseArgs(argv) {
  const options = { web: path.join(ROOT, 'test/output/intranet/web'), runs: 5, dropMs: 5000 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--drop-ms') options.dropMs = Number(argv[++i]);
    else options.web = path.resolve(argv[i]);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const pane = fs.readFileSync(path.join(options.web, 'taskpane.html'), 'utf8');
  const stub = fs.readFileSync(path.join(options.web, '..', 'stub', 'office-stub.js'), 'utf8');
  const tag = /<script src="?([^"\s>]*office\.js)"?><\/script>/.exec(pane);
  if (!tag || tag[1] === CDN) throw new Error('需要用 ADDIN_OFFICE_JS_URL 构建的任务窗格 / needs a build made with ADDIN_OFFICE_JS_URL');
  const own = tag[1];
  const origin = new URL(own).origin;
  const fallback = `<script src="${CDN}"></script><script>window.Office || document.write('<script src="${own}"><\\/script>')</script>`;
  const variants = {
    own: { html: pane, cdn: 'none' },
    'cdn-refused': { html: pane.replace(tag[0], () => fallback), cdn: 'refused' },
    'cdn-dropped': { html: pane.replace(tag[0], () => fallback), cdn: 'dropped' },
    'cdn-only-dropped': { html: pane.replace(tag[0], () => `<script src="${CDN}"></script>`), cdn: 'dropped', notice: true },
  };
  const seed = require(path.join(ROOT, 'dist/xlsx/read.js'));
  const [grid] = await seed.readWorkbookGrids(fs.readFileSync(path.join(ROOT, 'examples/示例-专项资金自评表.xlsx')));

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const results = {};
  for (const [name, variant] of Object.entries(variants)) {
    const times = [];
    for (let run = 0; run < options.runs; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.addInitScript((config) => (window.__E2E__ = config), { host: 'Excel', platform: 'PC', displayLanguage: 'zh-CN', grids: [grid] });
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url === CDN) {
          if (variant.cdn === 'refused') return route.abort('connectionrefused');
          await new Promise((resolve) => setTimeout(resolve, options.dropMs));
          return route.abort('timedout');
        }
        if (url === own) return route.fulfill({ contentType: TYPES['.js'], body: stub });
        if (!url.startsWith(`${origin}/`)) return route.abort();
        const file = path.join(options.web, decodeURIComponent(new URL(url).pathname));
        if (file.endsWith(`${path.sep}taskpane.html`)) return route.fulfill({ contentType: TYPES['.html'], body: variant.html });
        if (!file.startsWith(options.web) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ contentType: TYPES[path.extname(file)] || 'application/octet-stream', body: fs.readFileSync(file) });
      });
      const started = Date.now();
      await page.goto(`${origin}/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`, { waitUntil: 'commit' });
      if (variant.notice) await page.locator('#boot-notice').waitFor({ timeout: 120_000 });
      else await page.getByRole('button', { name: '一键评分' }).waitFor({ timeout: 120_000 });
      times.push(Date.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    results[name] = { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times[times.length - 1], runs: times.length };
    console.log(`${name.padEnd(18)} median ${results[name].medianMs} ms (min ${results[name].minMs}, max ${results[name].maxMs}, ${times.length} runs)`);
  }
  await browser.close();
  console.log(JSON.stringify({ dropMs: options.dropMs, results }, null, 2));
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
