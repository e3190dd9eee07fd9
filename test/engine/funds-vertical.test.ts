/**
 * The funds block laid out down a column (issue 8): each label on its own line with its amount to
 * the right (年初预算数 | 100 / 全年预算数 | 100 / 全年执行数 | 95 / 执行率 | / 分值 | 10 / 得分 |), as
 * some units keep it above the indicator table. It is read as the funds block, each figure from the
 * cell beside its own label.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import { normaliseMerges } from '../../src/engine/grid';
import { fundsCell, locateFunds } from '../../src/engine/locate/locate-funds';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

const H = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
/** Indicator rows worth 90 points, all met. */
const BODY: CellSpec[][] = [
  ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
  [null, '质量指标', '合格率', '≥95%', '96%', 20],
  ['效益指标', '社会效益', '群众知晓率', '≥90%', '92%', 10],
  ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10],
];

/** The block down column B, amounts in C, "项目资金（万元）" merged down column A beside it. */
function vertical(
  amounts: { initial?: CellSpec; adjusted?: CellSpec; executed?: CellSpec; weight?: CellSpec; rate?: CellSpec; score?: CellSpec } = {},
): CellSpec[][] {
  const { initial = 100, adjusted = 100, executed = 95, weight = 10, rate = null, score = null } = amounts;
  return [
    ['项目名称', '测试项目'],
    ['项目资金（万元）', '年初预算数', initial],
    [null, '全年预算数', adjusted],
    [null, '全年执行数', executed],
    [null, '执行率', rate],
    [null, '分值', weight],
    [null, '得分', score],
  ];
}
const MERGES = ['A2:A7'];

function run(rows: CellSpec[][], merges: string[] = MERGES): { evaluation: Evaluation; outcome: Extract<EvaluateOutcome, { ok: true }> } {
  const outcome = evaluateGrid(gridFromRows(rows, { merges }));
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return { evaluation: outcome.evaluation, outcome };
}
const codes = (ev: Evaluation) => ev.problems.map((p) => p.code);

describe('the funds block down a column', () => {
  test('each amount beside its label: the rate, the score and the total as on the standard form', () => {
    const { evaluation, outcome } = run([...vertical(), H, ...BODY]);
    expect(evaluation.funds).toMatchObject({ initial: 100, adjusted: 100, executed: 95, rate: 0.95, weight: 10, score: 9.5, unit: '万元' });
    expect(evaluation.funds?.cells).toEqual({ rate: 'C5', score: 'C7' });
    expect(evaluation.totalScore).toBe(99.5);
    expect(evaluation.totalWeight).toBe(100);
    expect(codes(evaluation)).not.toContain('funds-missing');
    // The amounts and the 分值 given are never written over; the rate and the score go into their own cells.
    const writes = outcome.plan.writes;
    expect(writes.filter((w) => ['C2', 'C3', 'C4', 'C6'].includes(w.address))).toEqual([]);
    expect(writes).toContainEqual(expect.objectContaining({ address: 'C5', value: 0.95, role: 'funds-rate' }));
    expect(writes).toContainEqual(expect.objectContaining({ address: 'C7', value: 9.5, role: 'funds-score' }));
  });

  test('every field at its own cell', () => {
    const grid = normaliseMerges(gridFromRows([...vertical(), H, ...BODY], { merges: MERGES }));
    const block = locateFunds(grid, 8);
    expect(block?.layout).toBe('vertical');
    const at = (field: Parameters<typeof fundsCell>[1]) => fundsCell(block!, field);
    expect([at('initial'), at('adjusted'), at('executed'), at('rate'), at('weight'), at('score')]).toEqual([
      { row: 2, col: 3 },
      { row: 3, col: 3 },
      { row: 4, col: 3 },
      { row: 5, col: 3 },
      { row: 6, col: 3 },
      { row: 7, col: 3 },
    ]);
  });

  test("a low rate is flagged at the 执行率 cell, the unit's own 执行率 is checked against the amounts", () => {
    const { evaluation } = run([...vertical({ executed: 80, rate: '85%' }), H, ...BODY]);
    expect(evaluation.funds).toMatchObject({ rate: 0.8, score: 8 });
    expect(evaluation.problems.find((p) => p.code === 'funds-low-rate')?.cell).toBe('C5');
    const differs = evaluation.problems.find((p) => p.code === 'funds-rate-differs');
    expect(differs?.cell).toBe('C5');
    expect(differs?.message).toContain('C4');
    expect(differs?.message).toContain('C3');
  });

  test('an unreadable 分值 beside its label is refused, naming its cell', () => {
    const outcome = evaluateGrid(gridFromRows([...vertical({ weight: '约10分' }), H, ...BODY], { merges: MERGES }));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toContain('C6');
  });

  test('the 分值 beside its label sets the funds points', () => {
    const { evaluation } = run([...vertical({ weight: 20 }), H, ...BODY]);
    expect(evaluation.funds).toMatchObject({ weight: 20, score: 19 });
  });

  test("the unit's own funds 得分 beside its label is noted when it differs", () => {
    const { evaluation } = run([...vertical({ score: 10 }), H, ...BODY]);
    expect(evaluation.problems.find((p) => p.code === 'score-replaced' && p.cell === 'C7')).toBeDefined();
  });

  test('amounts in 元 with the unit in the labels, no merged block label, labels in column A', () => {
    const rows: CellSpec[][] = [
      ['项目名称', '测试项目'],
      ['年初预算数（元）', 200000],
      ['全年预算数（元）', 200000],
      ['全年执行数（元）', 190000],
      ['执行率', null],
      ['分值', 10],
      ['得分', null],
    ];
    const { evaluation } = run([...rows, H, ...BODY], []);
    expect(evaluation.funds).toMatchObject({ adjusted: 200000, executed: 190000, rate: 0.95, score: 9.5, unit: '元' });
    expect(evaluation.funds?.cells).toEqual({ rate: 'B5', score: 'B7' });
  });

  test('the standard block (headers on one row, amounts under them) is read as before', () => {
    const rows: CellSpec[][] = [
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', 100, 100, 90, 10, null, null],
    ];
    const { evaluation } = run([...rows, H, ...BODY], []);
    expect(evaluation.funds).toMatchObject({ adjusted: 100, executed: 90, score: 9, cells: { rate: 'G2', score: 'H2' } });
  });

  test('a column of words with no budget and executed amount beside them is no funds block', () => {
    const rows: CellSpec[][] = [
      ['项目名称', '测试项目'],
      ['分值', 10],
      ['得分', null],
      ['执行率', '95%'],
    ];
    const grid = normaliseMerges(gridFromRows([...rows, H, ...BODY]));
    expect(locateFunds(grid, 5)).toBeUndefined();
  });
});
