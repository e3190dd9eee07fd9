/**
 * End to end: the 网页版 as built by `npm run build` (dist/web/绩效自评助手.html), opened from
 * file:// in headless Debian chromium on a wide desktop window. Every request the page makes is
 * recorded: none may go anywhere but the page's own file. Each example workbook is chosen, its
 * scored copy and its report downloaded, and both compared with what the command line writes for
 * the same file: the same cells on every sheet, the same report text. Screenshots go to
 * test/output/e2e/web-*.png for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workbook, type Worksheet } from 'exceljs';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { scoredCopyName } from '../../src/report-service/file-name';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { run } from '../cli/run-main';
import { partXml, paragraphTexts } from '../report/helpers';
import { workbookFromTranscription } from '../../scripts/real-tables';
import { readCorpus } from '../helpers/real-tables';
import { launchChromium } from './browser';
import { oldBrowserPrelude } from './old-browser';

const ROOT = path.resolve(__dirname, '../..');
const PAGE = path.join(ROOT, 'dist/web/绩效自评助手.html');
const PAGE_URL = pathToFileURL(PAGE).href;
const EXAMPLES = path.join(ROOT, 'examples');
const OUT = path.join(ROOT, 'test/output/e2e');
const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.xlsx'))
  .sort();

jest.setTimeout(180_000);

/** A summary sheet's rows under its header (row 2), keyed by heading; the totals row included. */
function tableRows(sheet: Worksheet): Record<string, unknown>[] {
  const headings = (sheet.getRow(2).values as unknown[]).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row: Record<string, unknown> = {};
    headings.forEach((heading, c) => {
      const value = c > 0 ? sheet.getRow(r).getCell(c).value : null;
      if (value !== null && value !== undefined) row[heading] = value;
    });
    rows.push(row);
  }
  return rows;
}

/**
 * Run twice: in today's Chromium, and with the prelude that deletes the built-ins the oldest
 * target browsers lack (old-browser.ts), so that a missing polyfill fails here, not a user.
 */
describe.each([
  ['当前的 Chromium', false],
  ['模拟旧浏览器（Chrome 80 / Firefox 78 / Safari 14 缺少的内置对象已删去）', true],
])('网页版 in %s', (_label, old) => {
  const shot = (name: string) => path.join(OUT, old ? name.replace(/^web-/, 'web-old-') : name);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];
  let work: string;

  /** Today in Beijing, as the page (in that time zone) fills in the report's date. */
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

  beforeAll(async () => {
    if (!existsSync(PAGE)) throw new Error(`没有 ${PAGE}，请先运行 npm run build（npm test 会先构建）`);
    mkdirSync(OUT, { recursive: true });
    work = mkdtempSync(path.join(os.tmpdir(), 'web-e2e-'));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    page = await context.newPage();
    if (old) await page.addInitScript(oldBrowserPrelude());
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(PAGE_URL);
    await page.getByRole('button', { name: '选择工作簿（.xlsx）' }).waitFor();
    // the prelude ran before the page's own scripts, and those built-ins were gone
    if (old) expect(await page.evaluate(() => (window as unknown as { __notDeleted: string[] }).__notDeleted)).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** The bytes of a download the click starts. */
  async function downloadFrom(click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
    const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(file)) };
  }

  /** Every cell of every sheet (value, text, format), by sheet and address, as the reader gives it. */
  async function cellsOf(bytes: Uint8Array): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const grid of await readWorkbookGrids(bytes)) {
      grid.cells.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (cell) out[`${grid.sheet}!R${r + grid.top}C${c + grid.left}`] = cell;
        }),
      );
    }
    return out;
  }

  const reportText = async (bytes: Uint8Array) => paragraphTexts(await partXml(bytes));

  /** Fluent's animations and the fonts settled, for a screenshot. */
  const settled = (p: Page) => p.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => setTimeout(resolve, 300))));

  test('opens from file:// with its title and the privacy line, and nothing else loaded', async () => {
    expect(await page.title()).toBe('绩效自评助手（网页版）');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('绩效自评助手（网页版）');
    expect(await page.getByTestId('privacy').innerText()).toContain('不会上传');
    await settled(page);
    await page.screenshot({ path: shot('web-01-opened.png'), fullPage: true });
    expect(requests).toEqual([PAGE_URL]);
  });

  test('every example: the scored copy and the report are the command line’s', async () => {
    await page.locator('input[type=file][multiple]').setInputFiles(examples.map((name) => path.join(EXAMPLES, name)));
    await page.getByRole('heading', { name: `已选择的文件（${examples.length}）` }).waitFor();
    // every file read: each line under a name says what became of it
    await page.waitForFunction((n) => {
      const statuses = Array.from(document.querySelectorAll('[data-testid="file-status"]')).map((s) => s.textContent ?? '');
      return statuses.length === n && statuses.every((s) => !s.includes('正在读取'));
    }, examples.length);

    const compared: string[] = [];
    const refused: string[] = [];
    for (const [i, name] of examples.entries()) {
      await page
        .getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
        .first()
        .click();
      const card = page.getByRole('region', { name });
      await card.waitFor();

      const cliOut = path.join(work, scoredCopyName(name));
      const cliReport = path.join(work, `${name}.docx`);
      const cli = await run(['score', path.join(EXAMPLES, name), '--out', cliOut, '--report', cliReport, '--date', today]);
      const scoreButton = card.getByRole('button', { name: '一键评分' });
      if (cli.code !== 0) {
        // The command line refuses it (targets only, no table): the page has nothing to score either.
        expect(await scoreButton.count()).toBe(0);
        expect(await card.getByText('这个工作簿中没有可评分的自评表').count()).toBe(1);
        refused.push(name);
        continue;
      }

      const scored = await downloadFrom(() => scoreButton.click());
      expect(scored.name).toBe(scoredCopyName(name));
      expect(await cellsOf(scored.bytes)).toEqual(await cellsOf(new Uint8Array(readFileSync(cliOut))));

      const report = await downloadFrom(() => card.getByRole('button', { name: '生成自评报告' }).click());
      expect(report.name).toMatch(/^绩效自评报告.*\.docx$/);
      expect(await reportText(report.bytes)).toEqual(await reportText(new Uint8Array(readFileSync(cliReport))));

      compared.push(name);
      await card.getByTestId('total').waitFor();
      if (i === 0 || name.startsWith('示例')) {
        await settled(page);
        await page.screenshot({ path: shot(`web-02-scored-${i + 1}.png`), fullPage: true });
      }
    }
    // Only the table with targets and no actual values is refused, by both.
    expect(refused).toEqual(['仅指标值-信访维稳.xlsx']);
    expect(compared).toHaveLength(examples.length - 1);
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE_URL]);
  });

  // The published tables too, once (in today's Chromium): the page's copy of each is the command line's, cell for cell.
  if (!old) {
    test('every table of the real-table corpus: the scored copy is the command line’s', async () => {
      const corpus = await Promise.all(
        readCorpus().map(async ({ file, table }) => {
          const input = path.join(work, file.replace(/\.json$/, '.xlsx'));
          writeFileSync(input, await workbookFromTranscription(table));
          return input;
        }),
      );
      await page.locator('input[type=file][multiple]').setInputFiles(corpus);
      const total = examples.length + corpus.length;
      await page.getByRole('heading', { name: `已选择的文件（${total}）` }).waitFor();
      await page.waitForFunction((n) => {
        const statuses = Array.from(document.querySelectorAll('[data-testid="file-status"]')).map((s) => s.textContent ?? '');
        return statuses.length === n && statuses.every((s) => !s.includes('正在读取'));
      }, total);
      for (const input of corpus) {
        const name = path.basename(input);
        await page
          .getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
          .first()
          .click();
        const card = page.getByRole('region', { name });
        await card.waitFor();
        const cliOut = `${input}.cli.xlsx`;
        expect((await run(['score', input, '--all', '--out', cliOut])).code).toBe(0);
        const scored = await downloadFrom(() => card.getByRole('button', { name: '一键评分' }).click());
        expect(await cellsOf(scored.bytes)).toEqual(await cellsOf(new Uint8Array(readFileSync(cliOut))));
      }
      expect(corpus.length).toBeGreaterThanOrEqual(15);
      expect(errors).toEqual([]);
      expect(requests).toEqual([PAGE_URL]);
    });
  }

  test('全部下载: one .zip with the scored copy and report of every file that can be scored', async () => {
    const zip = await downloadFrom(() => page.getByRole('button', { name: '全部下载' }).click());
    expect(zip.name).toBe('绩效自评结果.zip');
    const names = Object.keys(unzipSync(zip.bytes));
    expect(names.filter((name) => name.endsWith('.scored.xlsx')).length).toBeGreaterThan(0);
    expect(names.filter((name) => name.endsWith('.docx')).length).toBe(names.filter((name) => name.endsWith('.scored.xlsx')).length);
    await page.getByRole('status').first().waitFor();
    await settled(page);
    await page.screenshot({ path: shot('web-03-all-downloaded.png'), fullPage: true });
    expect(requests).toEqual([PAGE_URL]);
  });

  test('下载评分汇总: one workbook whose 汇总 holds the total each file shows, and 未能评分 the file that cannot be scored', async () => {
    // what the list shows for each file: "预计 98.75 分，优", or why it has no total
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="file-status"]')).map((status) => ({
        name: status.previousElementSibling?.textContent ?? '',
        status: status.textContent ?? '',
      })),
    );
    // the examples, and in today's Chromium the corpus chosen after them
    expect(shown.map((file) => file.name)).toEqual(expect.arrayContaining(examples));
    expect(shown).toHaveLength(old ? examples.length : examples.length + readCorpus().length);
    const summary = await downloadFrom(() => page.getByRole('button', { name: '下载评分汇总' }).click());
    expect(summary.name).toBe('评分汇总.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(summary.bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '复核差异', '偏差未说明', '未能评分']);
    const rows = tableRows(workbook.getWorksheet('汇总') as Worksheet);
    for (const file of shown) {
      const expected = /^预计 ([\d.]+) 分，(.+)$/.exec(file.status);
      if (!expected) continue;
      // the list shows the file's first table; the summary has every table of it, the first among them
      const first = rows.find((row) => row['文件'] === file.name);
      expect([file.name, first?.['按规则计算总分'], first?.['等级']]).toEqual([file.name, Number(expected[1]), expected[2]]);
    }
    const scored = shown.filter((file) => file.status.startsWith('预计')).map((file) => file.name);
    expect(new Set(rows.filter((row) => row['序号'] !== undefined).map((row) => row['文件']))).toEqual(new Set(scored));
    const failures = tableRows(workbook.getWorksheet('未能评分') as Worksheet);
    expect(failures.map((row) => row['文件'])).toEqual(['仅指标值-信访维稳.xlsx']);
    await page.getByRole('status').first().waitFor();
    await settled(page);
    await page.screenshot({ path: shot('web-05-summary.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE_URL]);
  });

  test('a narrow window stacks the two columns', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await settled(page);
    await page.screenshot({ path: shot('web-04-narrow.png'), fullPage: false });
    const chooser = await page.getByTestId('drop-zone').boundingBox();
    expect(chooser && chooser.width).toBeLessThanOrEqual(420);
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE_URL]);
  });
});
