/**
 * End to end: the production build (dist/web, made by `npm run build`) loaded in headless Debian
 * chromium, with a fake Office/Excel/Word host in place of office.js. The test clicks as a user
 * would and checks the cells the pane wrote, the report it delivered and what it showed.
 * Screenshots go to test/output/e2e/ for a person to look at.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import { readWorkbookGrids } from '../../src/xlsx/read';
import { launchChromium, OFFICE_JS_URL } from './browser';
import { bundleOfficeStub } from './bundle-stub';
import type { E2EConfig } from './office-stub';
import { serveDirectory, type StaticServer } from './static-server';

const ROOT = path.resolve(__dirname, '../..');
const WEB = path.join(ROOT, 'dist/web');
const OUT = path.join(ROOT, 'test/output/e2e');
const SEED = path.join(ROOT, 'examples/示例-专项资金自评表.xlsx');
/**
 * office.js for the ribbon's message box page: a dialog page uses onReady, messageParent and the
 * DialogParentMessageReceived handler (DialogApi 1.2); the test plays Office between it and the
 * command's page through window.__dialog.
 */
const DIALOG_OFFICE_STUB = `window.__dialog = { sent: [], handler: null };
window.Office = {
  onReady: function (f) { if (f) f({}); return Promise.resolve({}); },
  EventType: { DialogParentMessageReceived: 'dialogParentMessageReceived' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  context: {
    requirements: { isSetSupported: function (name) { return name === 'DialogApi'; } },
    ui: {
      messageParent: function (m) { window.__dialog.sent.push(m); },
      addHandlerAsync: function (type, handler, callback) { window.__dialog.handler = handler; if (callback) callback({ status: 'succeeded' }); }
    }
  }
};`;
const TRIDENT = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';

jest.setTimeout(90_000);

/** The browser in Chinese; the English cases get one in English (englishBrowser), started when first needed. */
let browser: Browser;
let english: Promise<Browser> | undefined;
const englishBrowser = () => (english ??= launchChromium('en-US'));
let server: StaticServer;
let stub: string;
let seedGrid: Grid;

beforeAll(async () => {
  if (!existsSync(path.join(WEB, 'taskpane.html'))) {
    throw new Error('dist/web 中没有任务窗格页面，请先运行 npm run build（npm test 会先构建）');
  }
  mkdirSync(OUT, { recursive: true });
  stub = readFileSync(await bundleOfficeStub(path.join(OUT, 'stub')), 'utf8');
  server = await serveDirectory(WEB);
  browser = await launchChromium();
  [seedGrid] = await readWorkbookGrids(readFileSync(SEED));
});

afterAll(async () => {
  await browser?.close();
  await (await english)?.close();
  await server?.close();
});

interface OpenedPane {
  page: Page;
  errors: string[];
}

/**
 * The pane as a Chinese user opens it: the browser's locale is zh-CN (dates in the date box read
 * 2026/12/04, as in Chinese Office), unless the test says otherwise (the English cases: en-US).
 */
async function openPane(config: Partial<E2EConfig>, options: { userAgent?: string; page?: string; width?: number } = {}): Promise<OpenedPane> {
  const locale = config.displayLanguage === 'en-US' ? 'en-US' : 'zh-CN';
  const context = await (locale === 'en-US' ? await englishBrowser() : browser).newContext({
    viewport: { width: options.width ?? 360, height: 900 },
    locale,
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Nothing leaves the machine: office.js is answered by the fake, everything else not ours is refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_URL) return route.fulfill({ contentType: 'text/javascript', body: stub });
    if (url.startsWith(server.origin)) return route.continue();
    return route.abort();
  });
  const full: E2EConfig = { host: 'Excel', platform: 'OfficeOnline', displayLanguage: 'zh-CN', grids: [seedGrid], ...config };
  await page.addInitScript(
    (injected) => {
      (window as unknown as { __E2E__: unknown }).__E2E__ = injected;
    },
    full as unknown as Record<string, unknown>,
  );
  await page.goto(`${server.origin}/${options.page ?? 'taskpane.html'}`);
  return { page, errors };
}

type CellState = { value: unknown; formula?: string; format: string; fill: string | null };

/** Every non-empty cell of a fake sheet, by A1 address. */
async function sheetCells(page: Page, index = 0): Promise<Record<string, CellState>> {
  return page.evaluate((sheetIndex) => {
    const sheet = window.__fake.workbook.sheets[sheetIndex];
    const letters = (col: number): string => {
      let out = '';
      for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
      return out;
    };
    const cells: Record<string, CellState> = {};
    for (const [key, cell] of sheet.cells) {
      const [row, col] = key.split(':').map(Number);
      if ((cell.value === null || cell.value === '') && !cell.formula && cell.fill === null) continue;
      cells[`${letters(col)}${row}`] = { value: cell.value === '' ? null : cell.value, formula: cell.formula, format: cell.format, fill: cell.fill };
    }
    return cells;
  }, index);
}

describe('the Excel task pane in Chromium', () => {
  test('opens, scores the sheet with one click, writes only result cells, and undoes', async () => {
    const { page, errors } = await openPane({});
    const scoreButton = page.getByRole('button', { name: '一键评分' });
    await scoreButton.waitFor();
    await page.getByText('2024年全国两会信访维稳专项资金').first().waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '01-excel-opened.png'), fullPage: true });

    const before = await sheetCells(page);
    // the sheet: one read and one write per click (the undo record's part is read and written apart)
    const sheetSyncs = () => page.evaluate(() => window.__fake.workbook.syncCount - window.__fake.workbook.partBatches);
    const syncsBefore = await sheetSyncs();
    await scoreButton.click();
    await page.getByTestId('total').waitFor();
    expect(await page.getByTestId('total').innerText()).toContain('98.75');
    expect(await page.getByTestId('grade').innerText()).toContain('优');
    expect(await sheetSyncs()).toBe(syncsBefore + 2);
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '02-excel-scored.png'), fullPage: true });

    // The cells written are exactly the engine's plan, and nothing else on the sheet changed.
    const expected = evaluateGrid(seedGrid);
    if (!expected.ok) throw new Error('the seed example must score');
    const after = await sheetCells(page);
    const planned = new Map(expected.plan.writes.map((w) => [w.address, w]));
    for (const [address, write] of planned) expect([address, after[address]?.value]).toEqual([address, write.value]);
    for (const address of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!planned.has(address)) expect([address, after[address]]).toEqual([address, before[address]]);
    }

    await page.getByRole('button', { name: '撤销本次评分' }).click();
    expect(
      await eventually(
        () => sheetCells(page),
        (cells) => JSON.stringify(cells) === JSON.stringify(before),
      ),
    ).toEqual(before);
    expect(errors).toEqual([]);
  });

  test('a cell being edited: nothing is written, the pane asks to finish editing, and 重试 then scores', async () => {
    const { page, errors } = await openPane({});
    await page.getByRole('button', { name: '一键评分' }).waitFor();
    await page.getByText(/预计总分/).waitFor();
    const before = await sheetCells(page);
    await page.evaluate(() => {
      window.__fake.workbook.editing = true;
    });
    await page.getByRole('button', { name: '一键评分' }).click();
    await page
      .getByText(/结束编辑/)
      .first()
      .waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '02b-excel-editing.png'), fullPage: true });
    await page.evaluate(() => {
      window.__fake.workbook.editing = false;
    });
    expect(await sheetCells(page)).toEqual(before);
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('total').waitFor();
    expect(await page.getByTestId('total').innerText()).toContain('98.75');
    expect(errors).toEqual([]);
  });

  test('drafts the report: a real .docx download in Excel on the web', async () => {
    const { page, errors } = await openPane({});
    await page.getByRole('button', { name: '一键评分' }).click();
    await page.getByTestId('total').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '02c-excel-scored-report-next.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), clickGenerate(page)]);
    const file = path.join(OUT, 'report-from-pane.docx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^绩效自评报告.*\.docx$/);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')?.async('string');
    expect(xml).toContain('2024年全国两会信访维稳专项资金');
    expect(xml).toContain('98.75');
    await page
      .getByText(/已下载/)
      .first()
      .waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '03-excel-report.png'), fullPage: true });
    // the report's fields: the date box as a zh-CN webview shows it, with the date as the report writes it
    await page.getByText('更改落款单位、成文日期或提纲').click();
    await page.getByLabel('成文日期').fill('2026-12-04');
    await page.getByText('2026年12月4日').first().waitFor();
    await settled(page);
    await page.getByLabel('成文日期').screenshot({ path: path.join(OUT, '03c-excel-report-date.png') });
    await page.screenshot({ path: path.join(OUT, '03d-excel-report-fields.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('desktop Excel: the report goes to the clipboard as formatted HTML, and the pane says so', async () => {
    const { page, errors } = await openPane({ platform: 'PC' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.getByRole('button', { name: '一键评分' }).click();
    await page.getByTestId('total').waitFor();
    await clickGenerate(page);
    await page
      .getByText(/剪贴板/)
      .first()
      .waitFor();
    const html = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/html'));
      return item ? (await item.getType('text/html')).text() : '';
    });
    expect(html).toContain('<table');
    expect(html).toContain('2024年全国两会信访维稳专项资金');
    expect(html).toContain('98.75');
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '03b-excel-report-desktop.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('settings: another rule profile changes the projected grade, and is saved in the workbook', async () => {
    const { page, errors } = await openPane({});
    await page.getByText(/预计总分 98.75 分，等级“优”/).waitFor();
    await page.getByRole('button', { name: '评分设置' }).click();
    await page.getByLabel('评分规则').first().selectOption('hunan-nanyue');
    await page.getByText(/预计总分 98.75 分，等级“优秀”/).waitFor();
    // saved in the workbook's settings part (the save runs in the background)
    await page.waitForFunction(() => JSON.stringify(window.__fake.workbook.storedValue('settings') ?? null).includes('hunan-nanyue'));
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '09-excel-settings.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('settings in a 320 px pane: basic first, 高级 collapsed, and no label cut when it opens', async () => {
    const { page, errors } = await openPane({}, { width: 320 });
    await page.getByText(/预计总分/).waitFor();
    await page.getByRole('button', { name: '评分设置' }).click();
    const advanced = page.getByRole('button', { name: /^高级/ });
    await advanced.waitFor();
    expect(await advanced.getAttribute('aria-expanded')).toBe('false');
    await page.getByLabel('评分规则').first().selectOption('provincial-platform');
    await page.getByText('所选规则：省级平台规则（线性反向、执行率封顶、超额扣2分）').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '09b-excel-settings-basic-320.png'), fullPage: true });
    await advanced.click();
    await page.getByText('表中未填分值时，一级指标的分值').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '09c-excel-settings-advanced-320.png'), fullPage: true });
    expect(await cutTexts(page)).toEqual([]);
    // The short labels beside a cap's or a grade's fields stay on one line (a wide 删除 once squeezed 执行率低于 into two).
    for (const label of ['执行率低于', '总分最高', '等级名称', '最低分']) {
      const heights = await page
        .locator('label', { hasText: new RegExp(`^${label}$`) })
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      expect([label, Math.max(...heights)]).toEqual([label, expect.any(Number)]);
      expect(Math.max(...heights)).toBeLessThan(30);
    }
    expect(errors).toEqual([]);
  });

  test('a sheet with no table offers the template, which inserts a scoreable standard form', async () => {
    const blank: Grid = { sheet: 'Sheet1', top: 1, left: 1, cells: [[{ value: '工作计划', text: '工作计划', format: 'General' }]], merges: [] };
    const { page, errors } = await openPane({ grids: [blank] });
    const insert = page.getByRole('button', { name: '插入标准自评表模板' });
    await insert.waitFor();
    // Only what can work here: the template; no 一键评分, settings or report.
    expect(await page.getByRole('button', { name: '一键评分' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '评分设置' }).count()).toBe(0);
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '04-excel-no-table.png'), fullPage: true });
    await insert.click();
    expect(
      await eventually(
        () => page.evaluate(() => window.__fake.workbook.sheets.map((s) => s.name)),
        (names) => names.length > 1,
      ),
    ).toEqual(['Sheet1', '绩效自评表']);
    await page
      .getByText(/绩效自评表/)
      .first()
      .waitFor();
    const cells = await sheetCells(page, 1);
    expect(Object.values(cells).map((c) => c.value)).toEqual(expect.arrayContaining(['项目支出绩效自评表', '三级指标', '年度指标值', '实际完成值']));
    expect(errors).toEqual([]);
  });

  test('汇总本工作簿: every table summed up on the add-in’s 评分汇总 sheet in two reads and one write, no table written, the summary shown', async () => {
    const second: Grid = { ...seedGrid, sheet: '副本' };
    const { page, errors } = await openPane({ grids: [seedGrid, second] });
    const summarise = page.getByRole('button', { name: '汇总本工作簿' });
    await summarise.waitFor();
    const before = [await sheetCells(page, 0), await sheetCells(page, 1)];
    const sheetSyncs = () => page.evaluate(() => window.__fake.workbook.syncCount - window.__fake.workbook.partBatches);
    const syncsBefore = await sheetSyncs();
    await summarise.click();
    await page.getByText('已将本工作簿中 2 张自评表的评分结果汇总到工作表“评分汇总”。').waitFor();
    // all the sheets' contents and the write (the sync listing the sheets touches no cell: a part
    // batch to the fake), then the pane reads the summary sheet it shows
    expect(await sheetSyncs()).toBe(syncsBefore + 3);
    expect(await page.evaluate(() => window.__fake.workbook.sheets.map((s) => s.name))).toEqual(['自评表', '副本', '评分汇总']);
    expect([await sheetCells(page, 0), await sheetCells(page, 1)]).toEqual(before);
    const summary = await sheetCells(page, 2);
    expect([summary.A1?.value, summary.B2?.value, summary.B3?.value, summary.B4?.value]).toEqual(['项目支出绩效自评汇总表', '工作表', '自评表', '副本']);
    await page.getByText('本表是助手生成的评分汇总表').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '04b-excel-workbook-summary.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('English Office gets the English pane (an extra case: the screenshots above are zh-CN)', async () => {
    const { page, errors } = await openPane({ displayLanguage: 'en-US' });
    await page.getByRole('button', { name: 'Score', exact: true }).waitFor();
    await page.getByText('100,000 yuan').first().waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '05-excel-english.png'), fullPage: true });
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    await page.getByTestId('total').waitFor();
    await page.getByText('Not met (87.5% of target)').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '05b-excel-english-scored.png'), fullPage: true });
    await page.getByRole('button', { name: 'Scoring settings' }).click();
    await page.getByRole('button', { name: /^Advanced/ }).click();
    await page.getByText('Level-1 weights when the sheet has none').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '05c-excel-english-settings.png'), fullPage: true });
    expect(await cutTexts(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('an IE11 webview gets a clear "not supported" message, not a blank pane', async () => {
    const { page } = await openPane({}, { userAgent: TRIDENT });
    await page
      .getByText(/不支持/)
      .first()
      .waitFor();
    expect(await page.locator('body').innerText()).toMatch(/Office/);
    // it points to the 网页版, served beside the pane
    const link = page.getByRole('link', { name: '绩效自评助手网页版' });
    expect(await link.getAttribute('target')).toBe('_blank');
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${server.origin}/${encodeURI('绩效自评助手.html')}`);
    expect((await page.request.get(href)).status()).toBe(200);
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '06-old-office.png'), fullPage: true });
  });
});

describe('the ribbon button 一键评分 in Chromium', () => {
  test('scores without the pane, shows the total in a message box, completes only once it is closed', async () => {
    const { page, errors } = await openPane({}, { page: 'commands.html' });
    await page.waitForFunction(() => typeof window.__fake.actions.scoreActiveSheet === 'function');
    await page.evaluate(() => {
      (window as unknown as { __completed: number }).__completed = 0;
      void window.__fake.actions.scoreActiveSheet({ completed: () => (window as unknown as { __completed: number }).__completed++ });
    });
    const completed = () => page.evaluate(() => (window as unknown as { __completed: number }).__completed);
    const dialogs = await eventually(
      () => page.evaluate(() => window.__fake.dialogs),
      (urls) => urls.length > 0,
    );
    expect(dialogs).toHaveLength(1);
    const expected = evaluateGrid(seedGrid);
    if (!expected.ok) throw new Error('the seed example must score');
    const cells = await sheetCells(page);
    for (const write of expected.plan.writes) expect([write.address, cells[write.address]?.value]).toEqual([write.address, write.value]);
    expect(await completed()).toBe(0);

    // The message box the user sees, from the URL the command opened.
    const box = await page.context().newPage();
    await box.route('**/*', (route) => {
      const url = route.request().url();
      // The dialog page only needs Office.onReady and messageParent.
      if (url === OFFICE_JS_URL) return route.fulfill({ contentType: 'text/javascript', body: DIALOG_OFFICE_STUB });
      return url.startsWith(server.origin) ? route.continue() : route.abort();
    });
    // 36% × 48% of a 1366 × 768 screen, the size the command asks for on a small laptop
    await box.setViewportSize({ width: 490, height: 370 });
    // Nothing from the workbook in the URL: it would reach the web server's logs.
    expect(dialogs[0]).toBe(`${server.origin}/message-dialog.html?lang=zh-CN`);
    await box.goto(dialogs[0]);
    await box.getByText('正在显示结果…').waitFor();
    // The page says it listens; the command then sends the result (messageChild), and the page shows it.
    expect(
      await eventually(
        () => box.evaluate(() => (window as unknown as { __dialog: { sent: string[] } }).__dialog.sent),
        (sent) => sent.length > 0,
      ),
    ).toEqual(['ready']);
    await page.evaluate(() => window.__fake.messageFromDialog('ready'));
    const sent = await eventually(
      () => page.evaluate(() => window.__fake.sentToDialog),
      (messages) => messages.length > 0,
    );
    expect(sent).toHaveLength(1);
    await box.evaluate((message) => {
      const dialog = (window as unknown as { __dialog: { handler: (arg: { message: string; origin: string }) => void } }).__dialog;
      dialog.handler({ message, origin: location.origin });
    }, sent[0]);
    await box.getByText(/98\.75/).waitFor();
    const text = await box.locator('body').innerText();
    expect(text).toContain('98.75');
    expect(text).toContain('优');
    // Row 13 is well over its target and needs a reason: the warning icon, and the title says so.
    expect(await box.locator('#box').getAttribute('class')).toBe('box warning');
    expect(await box.locator('#title').innerText()).toBe('评分完成，1 处需说明原因');
    await box.screenshot({ path: path.join(OUT, '10-ribbon-message.png') });

    await page.evaluate(() => window.__fake.closeDialog());
    expect(await eventually(completed, (n) => n > 0)).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('the Word task pane in Chromium', () => {
  test('scores a chosen workbook and inserts the report into the open document', async () => {
    const { page, errors } = await openPane({ host: 'Word', platform: 'PC', grids: [] });
    const input = page.locator('input[type=file]');
    await input.setInputFiles(SEED);
    await page.getByText('98.75').first().waitFor();
    // What the report will leave open, with its cell, and the rows a Word user can judge.
    await page
      .getByRole('region', { name: /需要注意的问题/ })
      .getByText('I13')
      .waitFor();
    await page.getByRole('button', { name: /人工评定/ }).click();
    await page.getByText('这里的人工评定只用于本次生成的报告，无法保存到所选工作簿；如需保存，请在 Excel 中评定。').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '07-word-scored.png'), fullPage: true });
    await page.getByRole('listitem', { name: '第20行 维护社会和谐稳定' }).getByLabel('完成情况').selectOption('partial');
    await page.getByText('总分 89.75 分，等级“良”').waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '07b-word-judged.png'), fullPage: true });
    await page.getByRole('button', { name: '插入当前文档' }).click();
    expect(
      await eventually(
        () => page.evaluate(() => window.__fake.word.inserted.length),
        (n) => n > 0,
      ),
    ).toBe(1);
    const inserted = await page.evaluate(() => window.__fake.word.inserted[0]);
    expect(inserted.location).toBe('Replace');
    expect(inserted.via).toBe('document'); // page numbers and margins come with the report
    const docx = await JSZip.loadAsync(Buffer.from(inserted.base64, 'base64'));
    const documentXml = await docx.file('word/document.xml')?.async('string');
    expect(documentXml).toContain('2024年全国两会信访维稳专项资金');
    // The judgement made in the pane is in the report: the new total.
    expect(documentXml).toContain('89.75');
    await settled(page);
    await page.screenshot({ path: path.join(OUT, '08-word-inserted.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

/** The value once `done` holds for it, or the last value after 10 s (for the assertion to show). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Fluent's accordion fades its panel in: let the motion end before a screenshot. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  await page.waitForTimeout(100);
}

/** After a run, 生成自评报告 is one button right under the total (no section to open first). */
async function clickGenerate(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: '生成自评报告' });
  expect(await buttons.count()).toBe(1);
  await buttons.click();
}

/**
 * Every element of the pane whose text is cut: wider than its box with hidden overflow or an
 * ellipsis, or sticking out past the pane's right edge. Names each by its text.
 */
async function cutTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      const text = (el.innerText || (el as HTMLSelectElement).value || '').trim().slice(0, 40);
      if (box.right > width + 0.5) cut.push(`past the edge: ${el.tagName} ${text}`);
      const clips = style.overflowX === 'hidden' || style.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'SELECT' && el.children.length === 0) cut.push(`cut: ${el.tagName} ${text}`);
    }
    return cut;
  });
}
