/**
 * The funds block as units publish it (issue 8, class 3): amounts with their unit in the cell, the
 * block laid out side by side, the executed amount only on a 其中 row, points in the 得分 header,
 * a 执行率 given without amounts, forms that do not score the funds, and the unit's own funds 得分.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';
import ezhou from '../fixtures/real/hubei-ezhou-shenpiju-2021-shiminzhongxin.json';
import qingshen from '../fixtures/real/sichuan-qingshen-2023-gongzi.json';
import cunji from '../fixtures/real/anhui-guichi-tangxi-2022-cunji.json';

const H = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
/** Indicator rows, all met, worth `first` + 20 + 10 + 10 points. */
const body = (first = 50): CellSpec[][] => [
  ['产出指标', '数量指标', '培训人数', '≥100人', '120人', first, null],
  [null, '质量指标', '合格率', '≥95%', '96%', 20, null],
  ['效益指标', '社会效益', '群众知晓率', '≥90%', '92%', 10, null],
  ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10, null],
];
const FUNDS_HEADER = ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const totalRow = (
  initial: CellSpec,
  adjusted: CellSpec,
  executed: CellSpec,
  weight: CellSpec = 10,
  rate: CellSpec = null,
  score: CellSpec = null,
): CellSpec[] => [null, '年度资金总额', initial, adjusted, executed, weight, rate, score];

function run(rows: CellSpec[][], merges: string[] = []): { evaluation: Evaluation; outcome: Extract<EvaluateOutcome, { ok: true }> } {
  const outcome = evaluateGrid(gridFromRows(rows, { merges }));
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return { evaluation: outcome.evaluation, outcome };
}
const problems = (ev: Evaluation, code: string) => ev.problems.filter((p) => p.code === code);
const writes = (outcome: Extract<EvaluateOutcome, { ok: true }>) => new Map(outcome.plan.writes.map((w) => [w.address, w.value]));

describe('amounts with their unit in the cell', () => {
  test('"100万", "100万元", "85万" in a block headed 万元 are 100, 100 and 85', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow('100万', '100万元', '85万'), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ initial: 100, adjusted: 100, executed: 85, rate: 0.85, score: 8.5, unit: '万元' });
    expect(problems(evaluation, 'funds-unreadable')).toEqual([]);
    expect(problems(evaluation, 'funds-unit-converted')).toEqual([]);
  });

  test('"1,250.5万元" with thousands separators', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow('1,300万元', '1,300万元', '1,250.5万元'), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ adjusted: 1300, executed: 1250.5 });
    expect(evaluation.funds?.rate).toBeCloseTo(1250.5 / 1300, 6);
  });

  test('"850000元" in a 万元 block is converted to 85万元, and the message names the cell', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, '850000元'), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ adjusted: 100, executed: 85, rate: 0.85, score: 8.5 });
    const [converted] = problems(evaluation, 'funds-unit-converted');
    expect(converted.cell).toBe('E2');
    expect(converted.message).toContain('850000元');
    expect(converted.message).toContain('85万元');
  });

  test('"85万元" in a block headed 元 is 850000元', () => {
    const header = ['项目资金（元）', ...FUNDS_HEADER.slice(1)];
    const { evaluation } = run([header, totalRow(1000000, 1000000, '85万元'), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ unit: '元', executed: 850000, rate: 0.85 });
    expect(problems(evaluation, 'funds-unit-converted').map((p) => p.cell)).toEqual(['E2']);
  });

  test('an amount with another unit word is flagged, never read as a number', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, '85万美元'), H, ...body()]);
    expect(evaluation.funds?.rate).toBeUndefined();
    expect(problems(evaluation, 'funds-unreadable').map((p) => p.cell)).toEqual(['E2']);
  });
});

describe('the block laid out side by side', () => {
  const sideBySide = ['年度预算数（万元）', 100, '全年执行数（万元）', 95, '执行率', null, '分值', 10, '得分', null];

  test('labels on the left, each amount to the right of its label, on one row', () => {
    const { evaluation, outcome } = run([sideBySide, H, ...body()]);
    expect(evaluation.funds).toMatchObject({ adjusted: 100, executed: 95, rate: 0.95, weight: 10, score: 9.5, unit: '万元' });
    expect(evaluation.funds?.cells).toEqual({ rate: 'F1', score: 'J1' });
    expect(evaluation.totalScore).toBe(99.5);
    expect(evaluation.totalWeight).toBe(100);
    expect(problems(evaluation, 'funds-missing')).toEqual([]);
    const w = writes(outcome);
    expect(w.get('F1')).toBe(0.95);
    expect(w.get('J1')).toBe(9.5);
  });

  test('a label merged over two cells: the amount is the cell after the merge', () => {
    const row = ['全年预算数', null, 200, '全年执行数', 180, '分值', 10, '执行率', null, '得分', null];
    const { evaluation } = run([row, H, ...body()], ['A1:B1']);
    expect(evaluation.funds).toMatchObject({ adjusted: 200, executed: 180, rate: 0.9, score: 9 });
  });

  test('the standard header row, whose neighbours are other headers, is not read side by side', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, 90), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ initial: 100, adjusted: 100, executed: 90, score: 9, cells: { rate: 'G2', score: 'H2' } });
  });
});

describe('the executed amount only on the 其中 rows', () => {
  test('a blank cell of the 年度资金总额 row takes the sum of the 其中 rows, and the message names them', () => {
    const { evaluation, outcome } = run([
      FUNDS_HEADER,
      totalRow(100, 100, null),
      [null, '其中：财政拨款', 80, 80, 60],
      [null, '其他资金', 20, 20, 30],
      H,
      ...body(),
    ]);
    expect(evaluation.funds).toMatchObject({ initial: 100, adjusted: 100, executed: 90, rate: 0.9, score: 9 });
    const [summed] = problems(evaluation, 'funds-cell-summed');
    expect(summed.cell).toBe('E2');
    expect(summed.message).toContain('E3');
    expect(summed.message).toContain('E4');
    expect(problems(evaluation, 'funds-no-budget')).toEqual([]);
    expect(writes(outcome).get('H2')).toBe(9);
  });

  test('a filled 总额 cell is kept, not replaced by the sum', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, 95), [null, '其中：财政拨款', 100, 100, 90], H, ...body()]);
    expect(evaluation.funds).toMatchObject({ executed: 95 });
    expect(problems(evaluation, 'funds-cell-summed')).toEqual([]);
  });

  test('the wholly empty 总额 row still takes the sums (one message for the row)', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(null, null, null), [null, '其中：财政拨款', 100, 100, 90], H, ...body()]);
    expect(evaluation.funds).toMatchObject({ adjusted: 100, executed: 90, summedFromSubRows: true });
    expect(problems(evaluation, 'funds-summed')).toHaveLength(1);
    expect(problems(evaluation, 'funds-cell-summed')).toEqual([]);
  });
});

describe('the points in the funds 得分 header', () => {
  test.each([
    ['得分（20分×执行率）', 20, 40],
    ['得分(10分*执行率)', 10, 50],
  ])('"%s" with no 分值 column: the funds are worth %d', (scoreHeader, points, first) => {
    const { evaluation, outcome } = run([
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '执行率', scoreHeader],
      [null, '年度资金总额', 100, 100, 90, null, null],
      H,
      ...body(first),
    ]);
    expect(evaluation.funds).toMatchObject({ rate: 0.9, weight: points, score: points * 0.9, cells: { rate: 'F2', score: 'G2' } });
    expect(evaluation.totalWeight).toBe(100);
    expect(problems(evaluation, 'weights-not-100')).toEqual([]);
    expect(writes(outcome).get('G2')).toBe(points * 0.9);
  });
});

describe('执行率 given, with or without the amounts', () => {
  test.each([
    [0.958, 'a number as a fraction'],
    [95.8, 'a number of percent'],
    ['95.8', 'text without %'],
    ['95.8%', 'text with %'],
  ] as [CellSpec, string][])('%p (%s) with no executed amount: the rate given is used, and said so', (given) => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, null, 10, given), H, ...body()]);
    expect(evaluation.funds?.rate).toBeCloseTo(0.958, 6);
    expect(evaluation.funds?.score).toBe(9.58);
    expect(evaluation.funds?.rateAsWritten).toBe(true);
    const [used] = problems(evaluation, 'funds-rate-used');
    expect(used.cell).toBe('G2');
    expect(used.message).toContain('95.8%');
    expect(problems(evaluation, 'funds-no-budget')).toEqual([]);
  });

  test('a rate that disagrees with the amounts: the amounts win, and the message names both', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, 90, 10, '95.8%'), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ rate: 0.9, score: 9 });
    expect(evaluation.funds?.rateAsWritten).toBeUndefined();
    const [differs] = problems(evaluation, 'funds-rate-differs');
    expect(differs.cell).toBe('G2');
    expect(differs.message).toContain('95.8%');
    expect(differs.message).toContain('E2');
    expect(differs.message).toContain('D2');
    expect(differs.message).toContain('90%');
  });

  test('a rate rounded as printed ("86%" for 86.2%, "86.19%" for 86.18%) agrees', () => {
    for (const [executed, given] of [
      [86.2, '86%'],
      [86.183, '86.19%'],
    ] as const) {
      const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, executed, 10, given), H, ...body()]);
      expect(problems(evaluation, 'funds-rate-differs')).toEqual([]);
    }
  });
});

describe('forms that do not score the funds', () => {
  test('no 分值 column, no 得分 column, no points in a label: funds weight 0, total from the indicators', () => {
    const { evaluation } = run([
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '执行率'],
      [null, '年度资金总额', 100, 100, 90, null],
      H,
      ...body(60),
    ]);
    expect(evaluation.funds).toMatchObject({ rate: 0.9, weight: 0, score: 0 });
    expect(evaluation.totalWeight).toBe(100);
    expect(evaluation.totalScore).toBe(100);
    expect(problems(evaluation, 'weights-not-100')).toEqual([]);
    const [notScored] = problems(evaluation, 'funds-not-scored');
    expect(notScored.severity).toBe('info');
    expect(notScored.cell).toBe('C1');
  });

  test('the rate goes in its cell; no 得分 is written and no prose beside the block ("资金得分0" would read as a penalty)', () => {
    const outcome = evaluateGrid(
      gridFromRows([
        ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '执行率'],
        [null, '年度资金总额', 100, 100, 90, null],
        H,
        ...body(60),
      ]),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const row2 = outcome.plan.writes.filter((w) => /^[A-Z]+2$/.test(w.address));
    expect(row2).toEqual([expect.objectContaining({ address: 'F2', value: 0.9, role: 'funds-rate' })]);
  });

  test('a form with no 分值 anywhere (block or indicator table) is scored on the default split, funds included', () => {
    const noWeights = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析及改进措施'];
    const { evaluation } = run([
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '执行率'],
      [null, '年度资金总额', 100, 100, 90, null],
      noWeights,
      ...body().map((r) => r.slice(0, 5)),
    ]);
    expect(evaluation.funds).toMatchObject({ weight: 10, score: 9 });
    expect(problems(evaluation, 'funds-not-scored')).toEqual([]);
  });

  test('a 分值 header with its cell left empty keeps the default points (the form scores the funds)', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, 90, null), H, ...body()]);
    expect(evaluation.funds).toMatchObject({ weight: 10, score: 9 });
    expect(problems(evaluation, 'funds-not-scored')).toEqual([]);
  });

  test('a 得分 column without points or 分值: default points, with a message naming the 得分 cell', () => {
    const { evaluation } = run([
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '执行率', '得分'],
      [null, '年度资金总额', 100, 100, 90, null, null],
      H,
      ...body(),
    ]);
    expect(evaluation.funds).toMatchObject({ weight: 10, score: 9 });
    expect(problems(evaluation, 'funds-weight-assumed').map((p) => p.cell)).toEqual(['G2']);
  });
});

test('funds worth 20 and indicators 80', () => {
  const { evaluation, outcome } = run([FUNDS_HEADER, totalRow(100, 100, 90, 20), H, ...body(40)]);
  expect(evaluation.funds).toMatchObject({ weight: 20, score: 18 });
  expect(evaluation.totalWeight).toBe(100);
  expect(evaluation.totalScore).toBe(98);
  expect(writes(outcome).get('H2')).toBe(18);
});

describe("the unit's own funds 得分", () => {
  test.each([
    [10, '10'],
    ['9.3', '9.3'],
  ])('%p that differs from the computed 9 gets a score-replaced notice naming the cell', (own, shown) => {
    const { evaluation, outcome } = run([FUNDS_HEADER, totalRow(100, 100, 90, 10, '90%', own), H, ...body()]);
    const [replaced] = problems(evaluation, 'score-replaced').filter((p) => p.cell === 'H2');
    expect(replaced.message).toContain(`原得分${shown}`);
    expect(replaced.message).toContain('9');
    expect(writes(outcome).get('H2')).toBe(9);
  });

  test('the same score, or a formula, gets no notice', () => {
    for (const own of [9, { value: 10, formula: 'E2/D2*F2' }] as CellSpec[]) {
      const { evaluation } = run([FUNDS_HEADER, totalRow(100, 100, 90, 10, null, own), H, ...body()]);
      expect(problems(evaluation, 'score-replaced')).toEqual([]);
    }
  });
});

describe('the funds blocks of real tables', () => {
  const realRun = (table: { cells: CellSpec[][]; merges?: string[] }) => run(table.cells, table.merges);

  test('鄂州: "150万" amounts are read, and 分值 100 (the whole table\'s points) is not taken as the funds\' points', () => {
    const { evaluation } = realRun(ezhou as unknown as { cells: CellSpec[][]; merges: string[] });
    expect(evaluation.funds).toMatchObject({ initial: 150, adjusted: 150, executed: 125.25, rate: 0.835, weight: 10, score: 8.35 });
    const [isTotal] = problems(evaluation, 'funds-weight-is-total');
    expect(isTotal.cell).toBe('G6');
    expect(isTotal.message).toContain('100');
    // the unit's own funds 得分 98 is replaced, and said so
    expect(problems(evaluation, 'score-replaced').some((p) => p.cell === 'I6' && p.message.includes('原得分98'))).toBe(true);
  });

  test('青神: the block label "年度预算数(万元)" is not the budget column; the 调整后预算数 column is', () => {
    const { evaluation } = realRun(qingshen as unknown as { cells: CellSpec[][]; merges: string[] });
    expect(evaluation.funds).toMatchObject({ initial: 238.93, adjusted: 251.89, executed: 251.89, rate: 1, weight: 10, score: 10 });
    expect(problems(evaluation, 'funds-unreadable')).toEqual([]);
  });

  test('棠溪 村级: the all-zero 总额 row is summed from its 其中 row, and the printed 执行率 0 is named as disagreeing', () => {
    const { evaluation } = realRun(cunji as unknown as { cells: CellSpec[][]; merges: string[] });
    expect(evaluation.funds).toMatchObject({ rate: 1, score: 10, summedFromSubRows: true });
    expect(problems(evaluation, 'funds-rate-differs').map((p) => p.cell)).toEqual(['H7']);
    expect(problems(evaluation, 'score-replaced').map((p) => p.cell)).toContain('I7');
  });
});

describe('a form with 年初预算数 and no 全年预算数 (the 2016 form)', () => {
  const HEADER_2016 = ['项目资金（万元）', null, '年初预算数(A)', '全年执行数(B)', '分值(10分)', '执行率(B/A)', '得分'];
  const H_2016 = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];

  test('the rate is taken on 年初预算数, worked out from the amounts rather than the printed 50%, and the notice says so', () => {
    const { evaluation } = run([HEADER_2016, [null, '年度资金总额', 310.2, 154.74, 10, '50%', 5], H_2016, ...body().map((r) => r.slice(0, 7))]);
    expect(evaluation.funds?.rate).toBeCloseTo(154.74 / 310.2, 6);
    expect(evaluation.funds?.score).toBe(4.99);
    expect(evaluation.funds?.rateOn).toBe('initial');
    expect(problems(evaluation, 'funds-rate-used')).toEqual([]);
    expect(problems(evaluation, 'funds-initial-budget')[0]?.message).toBe('C2：表中没有“全年预算数”，预算执行率按“年初预算数”计算');
  });

  test('with a 全年预算数 column as well, the rate stays on 全年预算数 and there is no such notice', () => {
    const { evaluation } = run([FUNDS_HEADER, totalRow(200, 100, 95), H, ...body()]);
    expect(evaluation.funds?.rate).toBeCloseTo(0.95, 6);
    expect(evaluation.funds?.rateOn).toBe('adjusted');
    expect(problems(evaluation, 'funds-initial-budget')).toEqual([]);
  });
});

describe('the block’s money headers as units word them', () => {
  test.each([
    ['预算数 | 执行数 | 执行率', ['资金投入情况（万元）', '预算数', '执行数', '执行率', '分值', '得分']],
    ['预算资金 | 实际支出 | 支出进度', ['项目资金（万元）', '预算资金', '实际支出', '支出进度', '分值', '得分']],
    ['调整后预算 | 实际执行', ['预算执行情况（万元）', '年初预算', '调整后预算', '实际执行', '执行率', '分值', '得分']],
    ['批复预算 | 支出金额', ['项目资金（万元）', '批复预算', '支出金额', '执行率', '分值', '得分']],
  ])('%s', (_name, header) => {
    const amounts = header.length === 7 ? [80, 100, 95] : [100, 95];
    const { evaluation } = run([header, ['年度资金总额', ...amounts, null, 10, null], H, ...body()]);
    expect(evaluation.funds).toMatchObject({ rate: 0.95, score: 9.5, weight: 10 });
  });
});

describe('a funds block under the indicator table', () => {
  test('ends the indicators, is scored as the funds, and the 总分 under it takes the total', () => {
    const { evaluation, outcome } = run([H, ...body(), FUNDS_HEADER, totalRow(100, 100, 95), ['总分', null, null, null, null, null, 100]]);
    expect(evaluation.indicators.map((i) => i.row)).toEqual([2, 3, 4, 5]);
    expect(evaluation.funds).toMatchObject({ rate: 0.95, score: 9.5, weight: 10 });
    expect(evaluation.totalScore).toBe(99.5);
    expect(writes(outcome).get('G8')).toBe(99.5);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('unknown-level1');
  });
});
