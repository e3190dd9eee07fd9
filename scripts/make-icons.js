/**
 * Draws the add-in's icon and renders it to the PNGs the manifest names (assets/icon-16.png …
 * icon-80.png), plus assets/icon.svg as the editable source.
 *
 * The mark: a white worksheet with a header band and ruled rows on a calm blue tile, and a green
 * check badge at its lower right (表格 + 已核对). Small sizes get their own, simpler drawing on a
 * 16- or 32-unit grid, so that lines fall on whole pixels and stay legible on the ribbon.
 *
 * Run: node scripts/make-icons.js   (needs Debian's chromium at /usr/bin/chromium)
 */
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BLUE = '#1B5FA6';
const BAND = '#CFE2F6';
const RULE = '#8FB2D8';
const GREEN = '#23A15A';
const WHITE = '#FFFFFF';

const svg = (size, body) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;

/** 16 px: tile, sheet with two rules, badge. Every edge on a whole or half pixel as it needs. */
function icon16() {
  return svg(
    16,
    [
      `<rect x="0" y="0" width="16" height="16" rx="3" fill="${BLUE}"/>`,
      `<rect x="2" y="2" width="9" height="11" rx="1" fill="${WHITE}"/>`,
      `<rect x="2" y="2" width="9" height="3" rx="1" fill="${BAND}"/>`,
      `<rect x="2" y="4" width="9" height="1" fill="${BAND}"/>`,
      `<rect x="3" y="7" width="5" height="1" fill="${RULE}"/>`,
      `<rect x="3" y="10" width="4" height="1" fill="${RULE}"/>`,
      `<circle cx="11.5" cy="11.5" r="4.5" fill="${GREEN}"/>`,
      `<path d="M9.4 11.5 L11 13.1 L14 10" fill="none" stroke="${WHITE}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`,
    ].join(''),
  );
}

/** 32 px: the same drawing with a column rule and three rows. */
function icon32() {
  return svg(
    32,
    [
      `<rect x="0" y="0" width="32" height="32" rx="6" fill="${BLUE}"/>`,
      `<rect x="5" y="4" width="18" height="22" rx="2" fill="${WHITE}"/>`,
      `<path d="M7 4 H21 A2 2 0 0 1 23 6 V9 H5 V6 A2 2 0 0 1 7 4 Z" fill="${BAND}"/>`,
      `<rect x="5" y="13" width="18" height="1" fill="${RULE}"/>`,
      `<rect x="5" y="17" width="18" height="1" fill="${RULE}"/>`,
      `<rect x="5" y="21" width="12" height="1" fill="${RULE}"/>`,
      `<rect x="10" y="9" width="1" height="17" fill="${RULE}"/>`,
      `<circle cx="23" cy="23" r="7.5" fill="${GREEN}" stroke="${BLUE}" stroke-width="1.5"/>`,
      `<path d="M19.4 23.2 L22 25.7 L26.7 20.6" fill="none" stroke="${WHITE}" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>`,
    ].join(''),
  );
}

/** 64 units: the full drawing, used for 64 and 80 px and as the editable source. */
function iconLarge(size) {
  const body = [
    `<rect x="0" y="0" width="64" height="64" rx="13" fill="${BLUE}"/>`,
    `<rect x="10" y="8" width="36" height="44" rx="4" fill="${WHITE}"/>`,
    `<path d="M14 8 H42 A4 4 0 0 1 46 12 V18 H10 V12 A4 4 0 0 1 14 8 Z" fill="${BAND}"/>`,
    `<rect x="10" y="26" width="36" height="2" fill="${RULE}"/>`,
    `<rect x="10" y="34" width="36" height="2" fill="${RULE}"/>`,
    `<rect x="10" y="42" width="24" height="2" fill="${RULE}"/>`,
    `<rect x="20" y="18" width="2" height="34" fill="${RULE}"/>`,
    `<circle cx="46" cy="46" r="15" fill="${GREEN}" stroke="${BLUE}" stroke-width="3"/>`,
    `<path d="M38.5 46.5 L43.8 51.5 L53.5 41" fill="none" stroke="${WHITE}" stroke-width="4.8" stroke-linecap="round" stroke-linejoin="round"/>`,
  ].join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">${body}</svg>`;
}

const TARGETS = [
  { file: 'icon-16.png', size: 16, svg: icon16() },
  { file: 'icon-32.png', size: 32, svg: icon32() },
  { file: 'icon-64.png', size: 64, svg: iconLarge(64) },
  { file: 'icon-80.png', size: 80, svg: iconLarge(80) },
];

async function main() {
  const assets = path.join(__dirname, '..', 'assets');
  fs.mkdirSync(assets, { recursive: true });
  fs.writeFileSync(path.join(assets, 'icon.svg'), `${iconLarge(64)}\n`);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    // Nothing here needs the network.
    await page.route('**/*', (route) => route.abort());
    for (const target of TARGETS) {
      await page.setViewportSize({ width: target.size, height: target.size });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${target.svg}</body></html>`);
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      fs.writeFileSync(path.join(assets, target.file), png);
      console.log(`assets/${target.file} (${target.size}×${target.size}, ${png.length} bytes)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
