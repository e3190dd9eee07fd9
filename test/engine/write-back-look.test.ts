/**
 * Issue 9, "the scored workbook must look like the unit's own form": what the write plan asks the
 * hosts to do so that the cells a run adds read as part of the form. Each added cell names a cell
 * of the form to look like (never one inside a merged area), texts wrap, added columns get a width
 * that fits their longest text and are printed with the table, the grade is labelled and never bare
 * in the notes column, and the funds result goes into cells of its own, never as prose into a flag.
 */
import { a1, parseA1 } from '../../src/engine/address';
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import { widenedFormula } from '../../src/engine/plan/print-area';
import { widthForText, MAX_ADDED_COLUMN_WIDTH, type CellWrite, type WritePlan } from '../../src/engine/write-plan';
import { gridFromRows, standardForm, withMerges, type StandardRow } from '../helpers/grid-builder';

/**
 * standardForm: funds header row 5 (… I 执行率, J 得分), values row 6; table header row 9 (A…I, I
 * 偏差原因); rows 10–13; 总分 row 14. The funds block reaches J, so the flag column is K.
 */
const ROWS: StandardRow[] = [
  { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 40 },
  { level1: '产出指标', level2: '质量指标', level3: '合格率', target: '≥90%', actual: '95%', weight: 20 },
  { level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: '≥90%', actual: '200%', weight: 20 },
  { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '92%', weight: 10 },
];
const TOTAL_ROW = 14;

function scored(outcome: EvaluateOutcome): Extract<EvaluateOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome;
}
const run = (grid: Grid) => scored(evaluateGrid(grid));
const at = (plan: WritePlan, address: string): CellWrite | undefined => plan.writes.find((w) => w.address === address);
const column = (address: string) => parseA1(address).col;

/** Every `like` names a cell of the form on the same row or the row above, left of the cell, and outside every merge. */
function expectSoundLikes(plan: WritePlan, grid: Grid): void {
  const looks = [...plan.writes.filter((w) => w.style?.like), ...(plan.formats ?? [])];
  for (const w of looks) {
    const cell = parseA1(w.address);
    const like = parseA1(w.style?.like as string);
    // left on the same row, or (a 总分 row the run adds) in the row above
    expect(like.col).toBeLessThanOrEqual(cell.col);
    expect(like.col < cell.col ? like.row === cell.row || like.row === cell.row - 1 : like.row === cell.row - 1).toBe(true);
    const merged = grid.merges.some((m) => like.row >= m.top && like.row <= m.bottom && like.col >= m.left && like.col <= m.right);
    expect(merged).toBe(false);
  }
}

describe('the added 偏差标记 column looks like the table', () => {
  const grid = standardForm(ROWS);
  const out = run(grid);

  test("its header looks like the table's last header cell (its bold, border and font) and wraps", () => {
    const header = out.plan.writes.find((w) => w.role === 'header' && w.value === '偏差标记') as CellWrite;
    expect(header.address).toBe('K9');
    expect(header.style).toEqual({ like: 'I9', wrap: true });
  });

  test("each flag looks like the table's last cell on its row, wraps, and keeps its traffic-light fill", () => {
    const flags = out.plan.writes.filter((w) => w.role === 'flag');
    expect(flags.length).toBe(ROWS.length);
    for (const flag of flags) {
      const { row } = parseA1(flag.address);
      expect(flag.style).toEqual({ like: a1(row, 9), wrap: true });
      expect(flag.fill).toBeDefined();
    }
    expectSoundLikes(out.plan, grid);
  });

  test('the column is as wide as its longest text needs, within the cap', () => {
    const flagCol = column(out.plan.writes.find((w) => w.role === 'flag')?.address as string);
    const texts = out.plan.writes.filter((w) => column(w.address) === flagCol).map((w) => String(w.value));
    const longest = Math.max(...texts.map(widthForText));
    expect(out.plan.columnWidths).toEqual([{ col: flagCol, width: longest }]);
    expect(longest).toBeGreaterThan(widthForText('偏差标记'));
    expect(widthForText('未完成（完成率80%），需填写偏差原因')).toBe(2 * 16 + 3 + 2);
    expect(widthForText('很'.repeat(100))).toBe(MAX_ADDED_COLUMN_WIDTH);
  });

  test('a print area, where the sheet has one, is to take in the table and the added column', () => {
    expect(out.plan.printArea).toBe(`A9:K${TOTAL_ROW}`);
    expect(widenedFormula("'自评表'!$A$1:$J$14", out.plan.printArea as string)).toBe("'自评表'!$A$1:$K$14");
  });

  test('a row whose last cell is merged looks like the nearest cell outside the merge', () => {
    const mergedGrid = withMerges(standardForm(ROWS), ['I10:I11']);
    const plan = run(mergedGrid).plan;
    expect(at(plan, 'K10')?.style?.like).toBe('H10');
    expect(at(plan, 'K11')?.style?.like).toBe('H11');
    expect(at(plan, 'K12')?.style?.like).toBe('I12');
    expectSoundLikes(plan, mergedGrid);
  });
});

describe('等级 is labelled and never bare in the notes column', () => {
  test('on the standard form it goes labelled into the flag column, not after the total (the 偏差原因 column)', () => {
    const out = run(standardForm(ROWS));
    const grade = out.plan.writes.filter((w) => w.role === 'grade');
    expect(grade.map((w) => [w.address, w.value])).toEqual([[`K${TOTAL_ROW}`, `等级：${out.evaluation.grade}`]]);
    expect(at(out.plan, `I${TOTAL_ROW}`)).toBeUndefined();
  });

  test('a form\'s own 等级 cell (labelled "等级" after the total) takes the grade there', () => {
    const rows: (string | number | undefined)[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '偏差标记'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%', 50],
      ['总分', undefined, undefined, undefined, undefined, 100, undefined, '等级'],
    ];
    const out = run(gridFromRows(rows));
    expect(out.plan.writes.filter((w) => w.role === 'grade').map((w) => [w.address, w.value])).toEqual([['I4', out.evaluation.grade]]);
  });

  test('with no flag column and the notes column after the total, the grade is not written there', () => {
    const rows: (string | number | undefined)[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '偏差标记'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50, undefined, undefined, '（单位自填）'],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%', 50],
      ['总分', undefined, undefined, undefined, undefined, 100, undefined, undefined, '已复核'],
    ];
    const out = run(gridFromRows(rows));
    const grade = out.plan.writes.filter((w) => w.role === 'grade');
    expect(grade.every((w) => column(w.address) !== 8)).toBe(true);
    expect(out.evaluation.problems.map((p) => p.code)).toContain('no-grade-cell');
  });
});

describe('the funds result goes into cells of its own, never as prose into a flag', () => {
  test('a low rate: the rate in its cell with an amber fill; nothing on the funds row of the flag column', () => {
    const out = run(standardForm(ROWS, { initial: 100, adjusted: 100, executed: 50, weight: 10 }));
    expect(out.evaluation.problems.map((p) => p.code)).toContain('funds-low-rate');
    expect(at(out.plan, 'I6')).toMatchObject({ value: 0.5, role: 'funds-rate', fill: 'amber', numberFormat: '0.00%' });
    expect(at(out.plan, 'J6')).toMatchObject({ role: 'funds-score' });
    expect(out.plan.writes.filter((w) => w.role === 'flag' && parseA1(w.address).row === 6)).toEqual([]);
    expect(out.plan.writes.some((w) => typeof w.value === 'string' && w.value.includes('预算执行率'))).toBe(false);
  });

  const blockWithoutResults = (table: (string | number | undefined)[][]) =>
    gridFromRows([['项目资金（万元）', undefined, '全年预算数', '全年执行数'], [undefined, '年度资金总额', 100, 80], [], ...table]);

  test('a block without 执行率 and 得分 cells gets them as labelled cells beside it, looking like it', () => {
    const grid = blockWithoutResults([
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析及改进措施'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人'],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%'],
    ]);
    const out = run(grid);
    expect(out.evaluation.funds?.rate).toBe(0.8);
    expect(out.evaluation.funds?.weight).toBeGreaterThan(0);
    expect(at(out.plan, 'E1')).toMatchObject({ value: '执行率', role: 'header', style: { like: 'D1', wrap: true } });
    expect(at(out.plan, 'E2')).toMatchObject({ value: 0.8, role: 'funds-rate', numberFormat: '0.00%', style: { like: 'D2' } });
    expect(at(out.plan, 'F1')).toMatchObject({ value: '得分', role: 'header', style: { like: 'D1', wrap: true } });
    expect(at(out.plan, 'F2')).toMatchObject({ value: out.evaluation.funds?.score, role: 'funds-score', style: { like: 'D2' } });
    expect(out.plan.writes.filter((w) => w.role === 'flag' && parseA1(w.address).row <= 2)).toEqual([]);
    expect(out.plan.columnWidths?.map((c) => c.col)).toEqual(expect.arrayContaining([5, 6]));
    expectSoundLikes(out.plan, grid);
  });

  test('a form that does not score the funds (its table\'s 分值 are the whole) gets the rate only, no "得分 0"', () => {
    const out = run(
      blockWithoutResults([
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
        ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 45],
        ['效益指标', '社会效益指标', '知晓率', '≥90%', '95%', 45],
      ]),
    );
    expect(out.evaluation.funds?.weight).toBe(0);
    expect(at(out.plan, 'E2')).toMatchObject({ value: 0.8, role: 'funds-rate' });
    expect(out.plan.writes.filter((w) => w.role === 'funds-score')).toEqual([]);
    expect(
      out.plan.writes
        .filter((w) => parseA1(w.address).row <= 2)
        .map((w) => w.address)
        .sort(),
    ).toEqual(['E1', 'E2']);
  });
});

describe('added 分值/得分 columns (no-weights layout) sit against the table, inside its border', () => {
  const grid = gridFromRows([
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '未完成原因和改进措施'],
    ['产出指标', '数量指标', '培训人数', '≥100人', '120人'],
    ['效益指标', '社会效益指标', '知晓率', '≥90%', '85%'],
    ['满意度指标', '满意度指标', '满意度', '≥90%', '95%'],
  ]);
  const out = run(grid);

  test('分值, 得分 and 偏差标记 follow the table with no empty column, headers looking like its header', () => {
    const headers = out.plan.writes.filter((w) => w.role === 'header' && parseA1(w.address).row === 1);
    expect(headers.map((w) => [w.address, w.value, w.style?.like])).toEqual([
      ['G1', '分值', 'F1'],
      ['H1', '得分', 'F1'],
      ['I1', '偏差标记', 'F1'],
    ]);
  });

  test("the 总分 row added under the table looks like the table's last row, the border closed under it", () => {
    expect(at(out.plan, 'A5')).toMatchObject({ value: '总分', style: { like: 'A4' } });
    const formatted = new Set((out.plan.formats ?? []).map((f) => f.address));
    for (const address of ['B5', 'C5', 'D5', 'E5', 'F5']) expect(formatted.has(address)).toBe(true);
    expect(at(out.plan, 'H5')).toMatchObject({ role: 'total', style: { like: 'F4' } });
    expect(at(out.plan, 'I5')?.value).toBe(`等级：${out.evaluation.grade}`);
  });

  test('numbers in added columns are not left to a text format copied from their neighbour', () => {
    for (const w of out.plan.writes.filter((x) => typeof x.value === 'number' && x.style?.like)) expect(w.numberFormat ?? 'General').not.toBe('@');
    expect(at(out.plan, 'G2')?.numberFormat).toBe('General');
  });

  test('no format-only cell is a written cell, and every added column has a width and prints with the table', () => {
    const writes = new Set(out.plan.writes.map((w) => w.address));
    expect((out.plan.formats ?? []).filter((f) => writes.has(f.address))).toEqual([]);
    expect(out.plan.columnWidths?.map((c) => c.col)).toEqual([7, 8, 9]);
    expect(out.plan.printArea).toBe('A1:I5');
    expectSoundLikes(out.plan, grid);
  });
});

describe('--add-columns: the columns to fill in look like the table', () => {
  const grid = gridFromRows([
    ['一级指标', '二级指标', '三级指标', '年度指标值'],
    ['产出指标', '数量指标', '培训人数', '≥100人'],
    ['效益指标', '社会效益指标', '知晓率', '≥90%'],
  ]);
  const outcome = evaluateGrid(grid);

  test('headers like the last header cell, the empty cells under them inside the border, widths and print area set', () => {
    if (outcome.ok || !outcome.addColumnsPlan) throw new Error('expected a targets-only outcome with a plan');
    const plan = outcome.addColumnsPlan;
    expect(plan.writes.map((w) => [w.address, w.style?.like])).toEqual([
      ['E1', 'D1'],
      ['F1', 'D1'],
      ['G1', 'D1'],
      ['H1', 'D1'],
    ]);
    const formats = (plan.formats ?? []).map((f) => [f.address, f.style.like]);
    for (const col of ['E', 'F', 'G', 'H']) for (const row of [2, 3]) expect(formats).toContainEqual([`${col}${row}`, `D${row}`]);
    expect(plan.columnWidths?.find((c) => c.col === 8)?.width).toBe(widthForText('偏差原因分析及改进措施'));
    expect(plan.printArea).toBe('A1:H3');
    expectSoundLikes(plan, grid);
  });
});
