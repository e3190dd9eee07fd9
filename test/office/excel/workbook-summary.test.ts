/**
 * 汇总本工作簿 against the fake object model (test/helpers/fake-excel.ts): every table sheet of a
 * workbook scored with its saved settings and summed up into the add-in's 评分汇总 sheet, whose
 * cells hold what summariseBatch gives for the same sheets scored alone, laid out with the headings
 * of app/summary-sheets.ts and the look of app/summary-look.ts; two reads and one write in all; the
 * tables' cells written only when asked, and then undone as one sheet's run is; a user's sheet of
 * that name never touched; a protected sheet, a sheet the engine refuses and one that cannot be read
 * listed under 未能评分 while the rest go on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { itemsOfScoredSheets } from '../../../src/app/batch-items';
import { summariseBatch, type BatchItem, type BatchSummary } from '../../../src/app/batch-summary';
import { HostError } from '../../../src/app/ports';
import { DEFAULT_SETTINGS } from '../../../src/app/scoring-run';
import { columnWidths, GRADE_FILLS, HEADER_FILL } from '../../../src/app/summary-look';
import { summariseWorkbook, SUMMARY_SHEET_NAME } from '../../../src/app/workbook-summary';
import { a1, columnLetters } from '../../../src/engine/address';
import { evaluateGrid } from '../../../src/engine/evaluate';
import type { Grid } from '../../../src/engine/grid';
import { createExcelHost } from '../../../src/office/excel/host';
import { SHEET_KEY_PROPERTY, SUMMARY_MARK_PROPERTY } from '../../../src/office/excel/sheet-key';
import { layOutSummary } from '../../../src/office/excel/summary-sheet';
import { argbToHex, columnWidthPoints } from '../../../src/office/excel/write';
import { readWorkbookGrids } from '../../../src/xlsx/file';
import { cellsOf, FakeSheet, FakeWorkbook, sheetFromGrid } from '../../helpers/fake-excel';
import { fakeExcelSession } from '../../helpers/fake-excel-session';
import { gridFromRows, standardForm, withCellsAt } from '../../helpers/grid-builder';

const SEED = path.join(__dirname, '..', '..', '..', 'examples', '示例-专项资金自评表.xlsx');

const use = fakeExcelSession();

let seed: Grid;
beforeAll(async () => {
  [seed] = await readWorkbookGrids(new Uint8Array(readFileSync(SEED)));
});

/** A form whose unit entered 50 for a row the rules score 40: a row of 复核差异. */
function enteredForm(sheet: string): Grid {
  const form = standardForm([
    { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 50 },
    { level1: '满意度指标', level2: '服务对象满意度', level3: '学员满意度', target: '≥90%', actual: '95%', weight: 40 },
  ]);
  return { ...withCellsAt(form, { H10: 50, H11: 40 }), sheet };
}

const named = (grid: Grid, sheet: string): Grid => ({ ...grid, sheet });

interface Book {
  model: FakeWorkbook;
  /** The sheets with a table, as they were before the run. */
  grids: Grid[];
}

/**
 * 自评表 (the seed example, 98.75), 复核表 (a hand score off the rules), 封面 (no table), 受保护
 * (a table on a protected sheet), 空表样 (a header and no rows: the engine refuses it), 远处 (a
 * value far away: too large a used range to read).
 */
function workbook(): Book {
  const model = new FakeWorkbook();
  const grids = [seed, enteredForm('复核表')];
  model.sheets.push(sheetFromGrid(seed), sheetFromGrid(grids[1]));
  model.sheets.push(sheetFromGrid(gridFromRows([['2024年度项目支出绩效自评材料']], { sheet: '封面' })));
  const guarded = named(standardForm([{ level1: '产出指标', level2: '数量指标', level3: '维修道路', target: '≥10公里', actual: '12公里' }]), '受保护');
  grids.push(guarded);
  model.sheets.push(sheetFromGrid(guarded, { protected: true }));
  model.sheets.push(sheetFromGrid(named(standardForm([]), '空表样')));
  model.sheets.push(sheetFromGrid(withCellsAt(gridFromRows([['备注']], { sheet: '远处' }), { XFD1048576: '末尾' })));
  return { model: use(model), grids };
}

/** What the summary of those sheets is when each is scored alone (with the default settings), plus what the run could not read. */
function expectedSummary(grids: Grid[], unread: BatchItem[], after: BatchItem[] = []): BatchSummary {
  const scored = [...grids, named(standardForm([]), '空表样')].map((grid) => ({ name: grid.sheet, outcome: evaluateGrid(grid) }));
  const items = itemsOfScoredSheets('', scored);
  // in tab order: 自评表, 复核表, 受保护, 空表样, then 远处
  return summariseBatch([...items, ...unread, ...after]);
}

/** The value each cell of the summary sheet should hold, by address, from the layout of `summary`. */
function expectedCells(summary: BatchSummary): Map<string, unknown> {
  const cells = new Map<string, unknown>();
  for (const placed of layOutSummary(summary).tables) {
    const { table } = placed;
    cells.set(a1(placed.titleRow, 1), table.title);
    table.columns.forEach((column, c) => cells.set(a1(placed.headerRow, c + 1), column.heading));
    const rows = table.rows.length > 0 && table.totals ? [...table.rows, table.totals] : table.rows;
    rows.forEach((row, r) =>
      table.columns.forEach((column, c) => {
        const value = row[column.key];
        if (typeof value === 'number' || typeof value === 'string') cells.set(a1(placed.firstRow + r, c + 1), value);
      }),
    );
    if (table.rows.length === 0) cells.set(a1(placed.firstRow, 1), table.empty);
  }
  return cells;
}

/** The values the sheet holds, by address. */
function valuesOf(sheet: FakeSheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [address, cell] of cellsOf(sheet)) if (cell.value !== null && cell.value !== '') out.set(address, cell.value);
  return out;
}

const tableSheets = (model: FakeWorkbook) => ['自评表', '复核表', '受保护'].map((name) => cellsOf(model.sheet(name)));

test('the 评分汇总 sheet holds summariseBatch of the same sheets, laid out as summary-sheets.ts says; two reads, one write, no table touched', async () => {
  const { model, grids } = workbook();
  const before = tableSheets(model);
  const run = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });

  expect(model.syncCount).toBe(3); // the sheets' names, every sheet's contents, the write
  expect(model.batches.at(-1)?.kinds).not.toContain('getCellProperties'); // the write reads nothing
  expect(tableSheets(model)).toEqual(before);

  const far = run.summary.failures.find((f) => f.sheet === '远处');
  expect(far?.message).toContain('远超绩效指标表本身');
  const expected = expectedSummary(grids, [{ file: '', sheet: '远处', message: far?.message ?? '' }]);
  expect(run.summary).toEqual(expected);
  expect(run.summary.tables.map((t) => [t.sheet, t.totalScore, t.grade])).toEqual([
    ['自评表', 98.75, '优'],
    ['复核表', 90, '优'],
    ['受保护', 60, '优'],
  ]);
  expect(run.summary.differences.map((d) => [d.sheet, d.row, d.entered, d.score])).toEqual([['复核表', 10, 50, 40]]);
  expect(run.summary.failures.map((f) => f.sheet)).toEqual(['空表样', '远处']);
  expect(run.written).toEqual([]);

  expect(run.target).toEqual({ name: SUMMARY_SHEET_NAME, replace: false });
  const sheet = model.sheet(SUMMARY_SHEET_NAME);
  expect(valuesOf(sheet)).toEqual(expectedCells(expected));
  expect(model.activeSheet).toBe(sheet);
  expect(sheet.customProperties.get(SUMMARY_MARK_PROPERTY.toLowerCase())?.value).toBe('1');
});

test('the sheet looks as the summary workbook does: header fill and bold, formats, grades coloured, frozen header, filtered 汇总, widths', async () => {
  const { model } = workbook();
  const run = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });
  const sheet = model.sheet(SUMMARY_SHEET_NAME);
  const layout = layOutSummary(run.summary);
  const [summary, differences] = layout.tables;
  const col = (heading: string) => summary.table.columns.findIndex((c) => c.heading === heading) + 1;
  const cell = (row: number, c: number) => sheet.cell(row, c);

  expect(cell(summary.titleRow, 1)?.style?.fontSize).toBe(14);
  expect(sheet.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: summary.table.columns.length });
  for (let c = 1; c <= summary.table.columns.length; c++) {
    expect([cell(2, c)?.fill, cell(2, c)?.style?.bold, cell(2, c)?.style?.wrap]).toEqual([argbToHex(HEADER_FILL), true, true]);
  }
  expect(cell(3, col('全年预算数（万元）'))?.format).toBe('#,##0.00');
  expect(cell(3, col('执行率'))?.format).toBe('0.00%');
  expect(cell(3, col('按规则计算总分'))?.format).toBe('0.00');
  expect(cell(3, col('等级'))?.fill).toBe(argbToHex(GRADE_FILLS.top));
  expect(cell(3, col('等级'))?.style?.horizontalAlignment).toBe('Center');
  expect(cell(3, col('主要问题'))?.style?.wrap).toBe(true);
  // the totals row: bold, below the filter
  expect(cell(summary.totalsRow ?? 0, col('工作表'))?.value).toBe('合计（3张表）');
  expect(cell(summary.totalsRow ?? 0, col('全年预算数（万元）'))?.style?.bold).toBe(true);
  expect(sheet.frozenRows).toBe(2);
  expect(sheet.autoFilter).toEqual({ top: 2, left: 1, bottom: (summary.totalsRow ?? 0) - 1, right: summary.table.columns.length });
  // 复核差异 below, with its own title and header
  expect(cell(differences.headerRow, 1)?.value).toBe('工作表');
  expect(cell(differences.firstRow, 1)?.value).toBe('复核表');
  // each column as wide as the widest table asks
  layout.widths.forEach((width, i) => expect(sheet.columnWidths.get(i + 1)).toBe(columnWidthPoints(width)));
  expect(layout.widths[0]).toBe(Math.max(...layout.tables.map((t) => columnWidths(t.table)[0])));
  // rows as tall as their wrapped text
  expect(sheet.rowHeights.get(summary.headerRow)).toBeGreaterThan(16);
  expect(columnLetters(summary.table.columns.length)).toBe('U');
});

test('asked to, it writes each table’s results in the same one write; undo puts a sheet back as after 一键评分; the protected sheet is listed, not written', async () => {
  const { model, grids } = workbook();
  const before = tableSheets(model);
  const host = createExcelHost();
  const run = await summariseWorkbook(host, DEFAULT_SETTINGS, { writeScores: true });
  expect(model.syncCount).toBe(3);

  // the same cells as 一键评分 writes on each sheet
  expect(run.written.map((record) => record.sheet)).toEqual(['自评表', '复核表']);
  const plan = evaluateGrid(seed);
  if (!plan.ok) throw new Error('the seed scores');
  for (const write of plan.plan.writes) {
    const { row, col } = (await import('../../../src/engine/address')).parseA1(write.address);
    expect(model.sheet('自评表').cell(row, col)?.value).toBe(write.value);
  }
  expect(model.sheet('自评表').customProperties.get(SHEET_KEY_PROPERTY.toLowerCase())).toBeDefined();
  expect(run.written[0].sheetKey).toBe(model.sheet('自评表').customProperties.get(SHEET_KEY_PROPERTY.toLowerCase())?.value);
  // the protected sheet: summed up, not written, and said so under 未能评分
  expect(run.protectedSheets).toEqual(['受保护']);
  expect(cellsOf(model.sheet('受保护'))).toEqual(before[2]);
  expect(run.summary.tables.map((t) => t.sheet)).toContain('受保护');
  expect(run.summary.failures.find((f) => f.sheet === '受保护')?.message).toContain('受保护，评分结果未写入该表');
  const far = run.summary.failures.find((f) => f.sheet === '远处');
  const notWritten = run.summary.failures.find((f) => f.sheet === '受保护');
  expect(run.summary).toEqual(
    expectedSummary(grids, [{ file: '', sheet: '远处', message: far?.message ?? '' }], [{ file: '', sheet: '受保护', message: notWritten?.message ?? '' }]),
  );

  for (const [i, record] of run.written.entries()) {
    const syncs = model.syncCount;
    const result = await host.undo(record);
    expect(result.keptEdited).toEqual([]);
    expect(model.syncCount - syncs).toBe(2);
    expect(cellsOf(model.sheet(record.sheet))).toEqual(before[i]);
  }
});

test('a sheet of the user’s named 评分汇总 is never written: the summary goes to 评分汇总2, which the next run replaces', async () => {
  const { model } = workbook();
  const users = sheetFromGrid(gridFromRows([['我的汇总', 123]], { sheet: SUMMARY_SHEET_NAME }));
  model.sheets.push(users);
  const mine = cellsOf(users);
  const first = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });
  expect(first.target).toEqual({ name: '评分汇总2', replace: false });
  expect(cellsOf(users)).toEqual(mine);
  expect(users.customProperties.size).toBe(0);

  // the next run, with fewer tables: the add-in's sheet replaced, nothing of the longer summary left
  model.sheets.splice(
    model.sheets.findIndex((s) => s.name === '复核表'),
    1,
  );
  const sheetCount = model.sheets.length;
  const syncs = model.syncCount;
  const second = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });
  expect(model.syncCount - syncs).toBe(3);
  expect(second.target).toEqual({ name: '评分汇总2', replace: true });
  expect(model.sheets).toHaveLength(sheetCount);
  expect(valuesOf(model.sheet('评分汇总2'))).toEqual(expectedCells(second.summary));
  expect(cellsOf(users)).toEqual(mine);
  // the summary sheet is not a table to sum up
  expect(second.summary.tables.map((t) => t.sheet)).toEqual(['自评表', '受保护']);
});

test('the add-in’s own summary sheet is not scored by 一键评分 either', async () => {
  const { model } = workbook();
  await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });
  const host = createExcelHost();
  const snapshot = await host.readActiveSheet();
  expect(snapshot.summarySheet).toBe(true);
  const { previewSheet } = await import('../../../src/app/scoring-run');
  const outcome = previewSheet(snapshot, DEFAULT_SETTINGS);
  expect(outcome).toMatchObject({ ok: false, failure: 'no-table' });
  expect(outcome.ok ? '' : outcome.message).toContain('评分汇总表，不是自评表');
  expect(model.activeSheet.name).toBe(SUMMARY_SHEET_NAME);
});

test('a workbook too large to read at once is read one sheet at a time, to the same summary', async () => {
  const { model } = workbook();
  const whole = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });
  const together = model.batches[1].responseBytes;
  const { model: again } = workbook();
  // every sheet's answer together is over the limit; each alone is not
  again.payloadLimit = together - 1;
  const parts = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: false });
  expect(parts.summary).toEqual(whole.summary);
  // the names, the refused read, one read per sheet (six), the write
  expect(again.syncCount).toBe(1 + 1 + 6 + 1);
  expect(valuesOf(again.sheet(SUMMARY_SHEET_NAME))).toEqual(valuesOf(model.sheet(SUMMARY_SHEET_NAME)));
});

test('a cell being edited stops the run before anything is written, and says so', async () => {
  const { model } = workbook();
  model.editing = true;
  const error = await summariseWorkbook(createExcelHost(), DEFAULT_SETTINGS, { writeScores: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).code).toBe('editing');
  expect(model.sheets.map((s) => s.name)).not.toContain(SUMMARY_SHEET_NAME);
});
