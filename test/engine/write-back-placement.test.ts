/**
 * Where results are written (issue 15, defects 3 and 4): added columns go right of the table's own
 * right edge, never past the sheet's last column; a result whose cell is inside a merge is written
 * where Excel shows it, and the user is told.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { a1, parseA1 } from '../../src/engine/address';
import { evaluateGrid, type EvaluateOptions, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import { SHEET_LIMITS } from '../../src/engine/write-plan';
import { gridFromRows, standardForm, withCellsAt, withMerges, type StandardRow } from '../helpers/grid-builder';

const SEED = path.join(__dirname, '..', '..', 'examples', '示例-专项资金自评表.xlsx');

/** standardForm: funds on row 6 (… J 得分), header row 9 (A…I, G 分值, H 得分, I 偏差原因), indicators from row 10, 总分 below. */
const ROWS: StandardRow[] = [
  { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 40 },
  { level1: '产出指标', level2: '质量指标', level3: '合格率', target: '≥90%', actual: '95%', weight: 20 },
  { level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: '≥90%', actual: '95%', weight: 20 },
  { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '92%', weight: 10 },
];
const TOTAL_ROW = 14;

function scored(outcome: EvaluateOutcome): Extract<EvaluateOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome;
}

const run = (grid: Grid, options: EvaluateOptions = {}) => scored(evaluateGrid(grid, options));
const written = (outcome: Extract<EvaluateOutcome, { ok: true }>, address: string) => outcome.plan.writes.find((w) => w.address === address)?.value;
const flagHeader = (outcome: Extract<EvaluateOutcome, { ok: true }>) => outcome.plan.writes.find((w) => w.role === 'header' && w.value === '偏差标记')?.address;

function expectInsideSheet(outcome: Extract<EvaluateOutcome, { ok: true }>): void {
  for (const w of outcome.plan.writes) {
    const { row, col } = parseA1(w.address);
    expect(col).toBeLessThanOrEqual(SHEET_LIMITS.columns);
    expect(row).toBeLessThanOrEqual(SHEET_LIMITS.rows);
  }
}

describe('added columns: right of the table, never past XFD', () => {
  test('the standard form: the flag column right after the form (K), as before', () => {
    expect(flagHeader(run(standardForm(ROWS)))).toBe('K9');
  });

  test('one stray cell in the last column (XFD) of a table row: the flags stay at K, not XFE', () => {
    const out = run(withCellsAt(standardForm(ROWS), { XFD11: '备用' }));
    expect(flagHeader(out)).toBe('K9');
    expect(written(out, 'K10')).toMatch(/^未完成/);
    expectInsideSheet(out);
  });

  test('stray cells far right, on the header row and in the title, do not push the flags away', () => {
    const grid = withMerges(withCellsAt(standardForm(ROWS), { Z9: 'x', AZ1: '打印区域外', XFD9: 'y', XFD1048576: 'z' }), ['A1:T1']);
    const out = run(grid);
    expect(flagHeader(out)).toBe('K9');
    expectInsideSheet(out);
  });

  test("occupied cells right beside the table are skipped: the first column free on the table's rows", () => {
    const out = run(withMerges(withCellsAt(standardForm(ROWS), { K12: '旁注' }), ['L10:L11']));
    expect(flagHeader(out)).toBe('M9');
    expect(written(out, 'M12')).toBe('无偏差');
  });

  test("a header cell merged past the last column counts as the table's: the flag goes after the merge", () => {
    const grid = gridFromRows([
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '100人', 50],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%', 50],
    ]);
    const out = run(withMerges(grid, ['H1:J1']));
    expect(flagHeader(out)).toBe('K1');
  });

  test('a table that ends at the last column: nothing is written past it, and a problem says why', () => {
    const base = standardForm(ROWS);
    const grid: Grid = { ...base, left: SHEET_LIMITS.columns - 9 };
    const out = run(grid);
    expectInsideSheet(out);
    expect(flagHeader(out)).toBeUndefined();
    const problem = out.evaluation.problems.find((p) => p.code === 'no-free-column');
    expect(problem?.message).toBe('第9行右侧直到工作表的最后一列（XFD）都没有空列，未添加“偏差标记”，偏差标记未写入表格');
    // The scores still land in the table's own 得分 column.
    expect(written(out, a1(10, grid.left + 7))).toBe(32);
  });

  test('a table without 分值/得分 columns near the last column: the columns that fit are added, the rest named', () => {
    const grid = gridFromRows(
      [
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'],
        ['产出指标', '数量指标', '培训人数', '≥100人', '100人'],
        ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%'],
      ],
      { left: SHEET_LIMITS.columns - 5 },
    );
    const out = run(grid);
    expectInsideSheet(out);
    expect(out.plan.writes.filter((w) => w.role === 'header').map((w) => [w.address, w.value])).toEqual([['XFD1', '分值']]);
    expect(out.evaluation.problems.filter((p) => p.code === 'no-free-column').map((p) => p.message)).toEqual([
      '第1行右侧直到工作表的最后一列（XFD）都没有空列，未添加“得分”，各行得分和总分未写入表格',
      '第1行右侧直到工作表的最后一列（XFD）都没有空列，未添加“偏差标记”，偏差标记未写入表格',
    ]);
  });

  test('a stray far cell on the row under the table does not stop the 总分 row being added there', () => {
    const grid = withCellsAt(
      gridFromRows([
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '培训人数', '≥100人', '100人', 50],
        ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%', 50],
      ]),
      { XFD4: 'x' },
    );
    const out = run(grid);
    expect(written(out, 'A4')).toBe('总分');
    expect(written(out, 'G4')).toBe(100);
    // the grade goes labelled into the added flag column (H), never bare
    expect(written(out, 'H4')).toBe('等级：优');
  });

  test('a targets-only table: the columns to add go right beside it, not after a stray far cell', () => {
    const grid = withCellsAt(
      gridFromRows([
        ['一级指标', '二级指标', '三级指标', '年度指标值'],
        ['产出指标', '数量指标', '培训人数', '≥100人'],
      ]),
      { XFD2: 'x' },
    );
    const out = evaluateGrid(grid);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.addColumnsPlan?.writes.map((w) => w.address)).toEqual(['E1', 'F1', 'G1', 'H1']);
  });

  test('the command line: a stray cell in XFD gives a copy that reads back, flags at K', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'placement-'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(SEED) as unknown as ArrayBuffer);
    wb.worksheets[0].getCell('XFD15').value = '备用';
    const input = path.join(dir, 'stray.xlsx');
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    const output = path.join(dir, 'out.xlsx');
    const err: string[] = [];
    expect(
      await main(
        ['score', input, '--out', output],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(err).toEqual([]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(readFileSync(output) as unknown as ArrayBuffer);
    const sheet = back.worksheets[0];
    expect(sheet.getCell('K12').value).toBe('偏差标记');
    expect(sheet.getCell('XFD15').value).toBe('备用');
  });
});

describe('results inside merged cells are written where they show', () => {
  const merged = (ranges: string[], rows: StandardRow[] = ROWS) => withMerges(standardForm(rows), ranges);

  test('a 得分 cell merged over two indicator rows (H10:H11) shows their sum in H10, and says so; nothing goes into the hidden H11', () => {
    const plain = run(standardForm(ROWS));
    const out = run(merged(['H10:H11']));
    const [row10, row11] = out.evaluation.indicators;
    expect(written(out, 'H10')).toBe(row10.score + row11.score);
    expect(written(out, 'H11')).toBeUndefined();
    const note = out.evaluation.problems.find((p) => p.code === 'merged-result');
    expect(note?.cell).toBe('H10');
    expect(note?.message).toBe(`H10：H10:H11为合并单元格，其中显示的是第10、11行的得分之和（${row10.score}+${row11.score}）`);
    // The scores themselves, the total and the other cells do not change.
    expect(out.evaluation.totalScore).toBe(plain.evaluation.totalScore);
    expect(written(out, `H${TOTAL_ROW}`)).toBe(plain.evaluation.totalScore);
    expect(written(out, 'K11')).toBe(written(plain, 'K11'));
  });

  test("scored again with --keep-scores, the shared sum is not taken for row 10's hand-set score", () => {
    const grid = merged(['H10:H11']);
    grid.cells[9][7] = { value: 52, text: '52', format: 'General' };
    const out = run(grid, { keepExistingScores: true });
    expect(out.evaluation.problems.map((p) => p.code)).not.toContain('override-invalid');
    expect(out.evaluation.problems.map((p) => p.code)).not.toContain('score-replaced');
  });

  test("a flag column merged over two rows lists both rows' flags, with the worse fill", () => {
    const grid = gridFromRows([
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析', '偏差标记'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '100人', 50],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '45%', 50, undefined, '天气原因'],
    ]);
    const out = run(withMerges(grid, ['I2:I3']));
    const flag = out.plan.writes.find((w) => w.address === 'I2');
    expect(flag?.value).toBe('第2行：无偏差；第3行：未完成（完成率50%）');
    expect(flag?.fill).toBe('red');
    expect(out.plan.writes.find((w) => w.address === 'I3')).toBeUndefined();
  });

  test('weights the run spreads into a merged 分值 cell add up there', () => {
    const rows = ROWS.map((r) => ({ ...r, weight: undefined }));
    const out = run(merged(['G10:G11'], rows));
    const [row10, row11] = out.evaluation.indicators;
    expect(written(out, 'G10')).toBe(Math.round((row10.weight + row11.weight) * 100) / 100);
    expect(written(out, 'G11')).toBeUndefined();
  });

  test('a result hidden in a merge anchored elsewhere is not written, and the cell is named', () => {
    const out = run(merged(['G10:H10', 'I6:J6', `H${TOTAL_ROW}:I${TOTAL_ROW}`]));
    expect(written(out, 'H10')).toBeUndefined();
    expect(written(out, 'J6')).toBeUndefined();
    expect(written(out, `I${TOTAL_ROW}`)).toBeUndefined();
    const hidden = out.evaluation.problems.filter((p) => p.code === 'hidden-by-merge');
    expect(hidden.map((p) => p.cell).sort()).toEqual(['H10', 'J6']);
    // the grade is not put after the total (inside H:I's merge) but labelled in a cell of its own
    expect(out.plan.writes.filter((w) => w.role === 'grade').map((w) => w.value)).toEqual([`等级：${out.evaluation.grade}`]);
    expect(hidden.find((p) => p.cell === 'H10')?.message).toBe('H10：该单元格在合并单元格G10:H10之内，Excel 不显示其中的内容，得分“32”未写入');
  });

  test("the command line: H13:H14 merged in the seed; the copy shows the two rows' sum in H13", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'placement-'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(SEED) as unknown as ArrayBuffer);
    wb.worksheets[0].mergeCells('H13:H14');
    const input = path.join(dir, 'merged.xlsx');
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    const output = path.join(dir, 'out.xlsx');
    const out: string[] = [];
    expect(
      await main(
        ['score', input, '--out', output],
        (l) => out.push(l),
        () => undefined,
      ),
    ).toBe(0);
    expect(out.join('\n')).toContain('H13:H14为合并单元格，其中显示的是第13、14行的得分之和（7.15+7.15）');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(readFileSync(output) as unknown as ArrayBuffer);
    expect(back.worksheets[0].getCell('H13').value).toBe(14.3);
  });
});
