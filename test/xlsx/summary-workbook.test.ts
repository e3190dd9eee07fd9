/**
 * Issue 14: the summary workbook is one people want to work with. Read back with exceljs, as Excel
 * would open it: sheets, a frozen and filtered header row, widths, number formats, coloured grades,
 * the totals row, print setup; a sheet with nothing to list says so. The batch's summary is also
 * written to test/output/summary/汇总.xlsx, to render and look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import { summariseBatch, type BatchSummary } from '../../src/app/batch-summary';
import { evaluateGrid } from '../../src/engine/evaluate';
import { streamSummaryWorkbook } from '../../src/xlsx/summary-stream';
import { writeSummaryWorkbook } from '../../src/xlsx/summary-workbook';
import { batchOfEverything } from '../helpers/batch-items';
import { standardForm } from '../helpers/grid-builder';

const OUTPUT = path.join(__dirname, '..', 'output', 'summary');

async function readBack(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

let summary: BatchSummary;
let bytes: Uint8Array;
let workbook: Workbook;

beforeAll(async () => {
  summary = summariseBatch(await batchOfEverything());
  bytes = await writeSummaryWorkbook(summary);
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(path.join(OUTPUT, '汇总.xlsx'), bytes);
  workbook = await readBack(bytes);
}, 60_000);

const sheet = (name: string): Worksheet => {
  const ws = workbook.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** The column of a heading, found in the header row as written. */
function columnOf(ws: Worksheet, heading: string): number {
  let found = 0;
  ws.getRow(2).eachCell((cell, col) => {
    if (cell.value === heading) found = col;
  });
  if (found === 0) throw new Error(`no column ${heading} on ${ws.name}`);
  return found;
}

const letters = (col: number) => String.fromCharCode(64 + col);

const fillOf = (ws: Worksheet, row: number, col: number) => {
  const fill = ws.getCell(row, col).fill;
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
};

test('four sheets, in the order a reviewer works through them', () => {
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['汇总', '复核差异', '偏差未说明', '未能评分']);
});

describe('every sheet: a title for print, one clean header row, frozen and filtered', () => {
  const lengths = () => ({
    汇总: summary.tables.length,
    复核差异: summary.differences.length,
    偏差未说明: summary.unexplained.length,
    未能评分: summary.failures.length,
  });

  test.each(['汇总', '复核差异', '偏差未说明', '未能评分'])('%s', (name) => {
    const ws = sheet(name);
    const width = ws.getRow(2).cellCount;
    const rows = lengths()[name as keyof ReturnType<typeof lengths>];
    expect(rows).toBeGreaterThan(0);
    expect(ws.getCell('A1').value).toEqual(expect.any(String));
    expect(ws.model.merges).toContain(`A1:${letters(width)}1`);
    expect(ws.getCell('A2').value).not.toBe('');
    ws.getRow(2).eachCell((cell) => expect(cell.font?.bold).toBe(true));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' });
    expect(ws.autoFilter).toBe(`A2:${letters(width)}${2 + rows}`);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
  });
});

describe('汇总', () => {
  test('a row per table holds figures as numbers, with amount, percent and score formats', () => {
    const ws = sheet('汇总');
    const cols = {
      budget: columnOf(ws, '全年预算数（万元）'),
      executed: columnOf(ws, '全年执行数（万元）'),
      rate: columnOf(ws, '执行率'),
      funds: columnOf(ws, '资金得分'),
      entered: columnOf(ws, '单位自评总分'),
      total: columnOf(ws, '按规则计算总分'),
      difference: columnOf(ws, '差额（自评－计算）'),
      met: columnOf(ws, '达标'),
      year: columnOf(ws, '年度'),
    };
    summary.tables.forEach((t, i) => {
      const row = 3 + i;
      expect(ws.getCell(row, columnOf(ws, '文件')).value).toBe(t.file);
      expect(ws.getCell(row, cols.total).value).toBe(t.totalScore);
      expect(ws.getCell(row, cols.met).value).toBe(t.met);
      expect(ws.getCell(row, cols.budget).value ?? undefined).toBe(t.budget);
      expect(ws.getCell(row, cols.rate).value ?? undefined).toBe(t.rate);
      expect(ws.getCell(row, cols.budget).numFmt).toBe('#,##0.00');
      expect(ws.getCell(row, cols.executed).numFmt).toBe('#,##0.00');
      expect(ws.getCell(row, cols.rate).numFmt).toBe('0.00%');
      for (const col of [cols.funds, cols.entered, cols.total, cols.difference]) expect(ws.getCell(row, col).numFmt).toBe('0.00');
      expect(ws.getCell(row, cols.year).numFmt).toBe('0');
    });
  });

  test('each grade is coloured by its standing: 优 green, 良 pale green, 中 amber, 差 red', () => {
    const ws = sheet('汇总');
    const col = columnOf(ws, '等级');
    const expected: Record<string, string> = { 优: 'FFC6EFCE', 良: 'FFE2EFDA', 中: 'FFFFEB9C', 差: 'FFFFC7CE' };
    const seen = new Set<string>();
    summary.tables.forEach((t, i) => {
      const grade = ws.getCell(3 + i, col).value as string;
      expect(grade).toBe(t.grade);
      expect(fillOf(ws, 3 + i, col)).toBe(expected[grade]);
      seen.add(grade);
    });
    expect([...seen].sort()).toEqual(['中', '优', '差', '良'].sort());
  });

  test('the totals row sits below the filtered rows and sums what the rows above hold', () => {
    const ws = sheet('汇总');
    const last = 2 + summary.tables.length;
    const at = last + 1;
    const column = (heading: string) => {
      const col = columnOf(ws, heading);
      const values: number[] = [];
      for (let r = 3; r <= last; r++) {
        const v = ws.getCell(r, col).value;
        if (typeof v === 'number') values.push(v);
      }
      return { col, sum: values.reduce((s, v) => s + v, 0) };
    };
    expect(ws.getCell(at, columnOf(ws, '文件')).value).toBe(`合计（${summary.tables.length}张表）`);
    const budget = column('全年预算数（万元）');
    const executed = column('全年执行数（万元）');
    expect(ws.getCell(at, budget.col).value).toBeCloseTo(budget.sum, 2);
    expect(ws.getCell(at, executed.col).value).toBeCloseTo(executed.sum, 2);
    expect(ws.getCell(at, budget.col).numFmt).toBe('#,##0.00');
    // The rate is over the tables with both amounts (a 2016 form has no 全年预算数, a sheet may lack the 执行数).
    let budgeted = 0;
    let spent = 0;
    for (let r = 3; r <= last; r++) {
      const [b, e] = [ws.getCell(r, budget.col).value, ws.getCell(r, executed.col).value];
      if (typeof b === 'number' && typeof e === 'number') [budgeted, spent] = [budgeted + b, spent + e];
    }
    const rate = ws.getCell(at, columnOf(ws, '执行率'));
    expect(rate.value).toBeCloseTo(spent / budgeted, 6);
    expect(rate.numFmt).toBe('0.00%');
    for (const heading of ['达标', '超额', '未达标', '待评定', '无法识别']) {
      const c = column(heading);
      expect(ws.getCell(at, c.col).value).toBe(c.sum);
    }
    // Scores do not add up to anything meaningful: left blank.
    expect(ws.getCell(at, columnOf(ws, '按规则计算总分')).value).toBeNull();
    expect(ws.getCell(at, 1).font?.bold).toBe(true);
    expect(ws.autoFilter).toBe(`A2:${letters(ws.getRow(2).cellCount)}${last}`);
  });

  test('columns fit their contents, a CJK character counting two; long text wraps in taller rows', async () => {
    const form = (sheetName: string, project: string) => {
      const grid = {
        ...standardForm([{ level1: '产出指标', level2: '数量指标', level3: '人数', target: '≥100人', actual: '100人', weight: 90 }]),
        sheet: sheetName,
      };
      grid.cells[2][1] = { value: project, text: project, format: 'General' };
      return { file: `${sheetName}.xlsx`, sheet: sheetName, outcome: evaluateGrid(grid) };
    };
    const widthOf = async (sheetName: string, project = '短名') => {
      const ws = (await readBack(await writeSummaryWorkbook(summariseBatch([form(sheetName, project)])))).getWorksheet('汇总') as Worksheet;
      return { sheet: ws.getColumn(columnOf(ws, '工作表')).width, ws };
    };
    const cjk = await widthOf('项目自评表'); // 5 CJK characters: 10 units
    const latin = await widthOf('Sheet12345'); // 10 Latin characters: 10 units
    const short = await widthOf('Sheet'); // 5 units
    expect(cjk.sheet).toBe(latin.sheet);
    expect(cjk.sheet).toBeGreaterThanOrEqual(10);
    expect(short.sheet).toBeLessThan(cjk.sheet as number);

    const long = (await widthOf('表', '某某县2024年度农村公路养护及危桥改造、安全生命防护工程专项补助资金项目')).ws;
    const project = long.getColumn(columnOf(long, '项目名称'));
    expect(project.width).toBeLessThan(60);
    expect(long.getCell(3, columnOf(long, '项目名称')).alignment?.wrapText).toBe(true);
    expect(long.getRow(3).height).toBeGreaterThan(cjk.ws.getRow(3).height);
  });
});

describe('the review sheets', () => {
  test('复核差异 lists each differing row with scores formatted', () => {
    const ws = sheet('复核差异');
    const entered = columnOf(ws, '单位自评得分');
    const score = columnOf(ws, '按规则计算得分');
    const difference = columnOf(ws, '差额（自评－计算）');
    summary.differences.forEach((d, i) => {
      expect(ws.getCell(3 + i, columnOf(ws, '行号')).value).toBe(d.row);
      expect(ws.getCell(3 + i, entered).value).toBe(d.entered);
      expect(ws.getCell(3 + i, score).value).toBe(d.score);
      expect(ws.getCell(3 + i, difference).value).toBe(d.difference);
      for (const col of [entered, score, difference]) expect(ws.getCell(3 + i, col).numFmt).toBe('0.00');
      expect(ws.getCell(3 + i, columnOf(ws, '差异原因')).value).toBe(d.reason);
    });
  });

  test('偏差未说明 and 未能评分 list their rows', () => {
    const unexplained = sheet('偏差未说明');
    summary.unexplained.forEach((u, i) => expect(unexplained.getCell(3 + i, columnOf(unexplained, '应填写偏差原因的单元格')).value).toBe(u.noteCell));
    const failures = sheet('未能评分');
    summary.failures.forEach((f, i) => expect(failures.getCell(3 + i, columnOf(failures, '未能评分的原因')).value).toBe(f.message));
  });
});

test('a sheet with nothing to list says so in one row, and 汇总 then has no totals row', async () => {
  const empty = await readBack(await writeSummaryWorkbook(summariseBatch([])));
  const said: Record<string, RegExp> = { 汇总: /没有评出分数/, 复核差异: /均与按规则计算的得分一致/, 偏差未说明: /均已填写原因/, 未能评分: /均已评分/ };
  for (const ws of empty.worksheets) {
    const width = ws.getRow(2).cellCount;
    expect(ws.getCell('A3').value).toMatch(said[ws.name]);
    expect(ws.model.merges).toContain(`A3:${letters(width)}3`);
    expect(ws.rowCount).toBe(3);
    expect(ws.autoFilter).toBe(`A2:${letters(width)}3`);
  }
});

test('the bytes are a plain Uint8Array, as the 网页版 needs', () => {
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(Buffer.isBuffer(bytes)).toBe(false);
  expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK');
});

/** Everything a reader of the sheet sees: values, formats, fills, fonts, borders, merges, widths, heights, views, filter, print setup. */
function lookOf(ws: Worksheet): unknown {
  const cells: unknown[] = [];
  const heights: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    heights.push([r, row.height]);
    row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.address, cell.value, cell.numFmt, cell.fill, cell.font, cell.border, cell.alignment]));
  });
  const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width);
  return {
    cells,
    heights,
    widths,
    merges: ws.model.merges,
    views: ws.views,
    autoFilter: ws.autoFilter,
    print: ws.pageSetup.printTitlesRow,
    fit: ws.pageSetup.fitToWidth,
  };
}

test("the command line's streamed summary (summary-stream.ts) holds what the in-memory one holds, cell for cell and look for look", async () => {
  const streamed = await readBack(await streamSummaryWorkbook(summary));
  expect(streamed.worksheets.map((ws) => ws.name)).toEqual(workbook.worksheets.map((ws) => ws.name));
  for (const ws of workbook.worksheets) expect(lookOf(streamed.getWorksheet(ws.name) as Worksheet)).toEqual(lookOf(ws));
});
