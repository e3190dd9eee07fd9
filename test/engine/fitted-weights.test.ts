/**
 * Forms that say what the indicator rows are worth together (issue 8, class 3: funds 20 and
 * indicators 80): with no row weights on the sheet, the profile's default level-1 split (50/30/10
 * of 90) is fitted to the indicators' points, in its own proportion, and a notice says so.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { splitInProportion } from '../../src/engine/score/spread-weights';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome.evaluation;
}

/** The 湖北 whole-department form: funds worth 20 in their label, no 分值 column below. */
const FUNDS_20: CellSpec[][] = [
  ['预算执行情况（万元）（20分）', null, null, '预算数(A)', '执行数(B)', '执行率(B/A)', '得分（20分*执行率）'],
  ['部门整体支出总额', null, null, 100, 100, null, null],
];
const HEADER = ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分'];
const ROWS: CellSpec[][] = [
  [null, '产出指标', '数量指标', '办结案件', '168起', '168起'],
  [null, null, '时效指标', '办理时间', '2天以内', '2天以内'],
  [null, '效益指标', '社会效益指标', '改善人居环境', '有效改善', '有效改善'],
  [null, '满意度指标', '满意度指标', '群众满意度', '≥90%', '95%'],
];

describe('splitInProportion', () => {
  test.each<[number, number[], number[]]>([
    [80, [50, 30, 10], [44.44, 26.67, 8.89]],
    [90, [50, 30, 10], [50, 30, 10]],
    [10, [1, 1, 1], [3.34, 3.33, 3.33]],
    [30, [30, 10], [22.5, 7.5]],
    [5, [0, 0], [0, 0]],
  ])('%d in the proportion %j is %j, adding up exactly', (total, parts, shares) => {
    const got = splitInProportion(total, parts);
    expect(got).toEqual(shares);
    if (parts.some((p) => p > 0)) expect(Math.round(got.reduce((s, x) => s + x, 0) * 100)).toBe(Math.round(total * 100));
  });
});

describe('the indicators’ points stated on the form', () => {
  test('a caption above the header, "年度目标1:(80分)": the 80 is split 50 : 30 : 10, the table is worth 100', () => {
    const grid = gridFromRows([...FUNDS_20, ['年度目标1:(80分)', '增强政府工作效率'], HEADER, ...ROWS]);
    const evaluation = scored(evaluateGrid(grid));
    expect(evaluation.indicators.map((i) => [i.level3, i.weight])).toEqual([
      ['办结案件', 22.22],
      ['办理时间', 22.22],
      ['改善人居环境', 26.67],
      ['群众满意度', 8.89],
    ]);
    expect(evaluation.funds?.weight).toBe(20);
    expect(evaluation.totalWeight).toBe(100);
    expect(evaluation.totalScore).toBe(100);
    expect(evaluation.grade).toBe('优');
    expect(evaluation.problems.find((p) => p.code === 'weights-fitted')?.message).toBe(
      'A3：表中列明绩效指标部分共80分，未标分值的一级指标按默认比例折算；表中未填分值，已按产出44.44分、效益26.67分、满意度8.89分平均分配到各三级指标',
    );
    // one notice says both: no second one about spreading
    expect(evaluation.problems.map((p) => p.code)).not.toContain('weights-spread');
  });

  test('a side label "年度绩效目标(80分)" down the indicator block says the same', () => {
    const header = ['年度绩效目标(80分)', ...HEADER.slice(1)];
    const grid = { ...gridFromRows([...FUNDS_20, header, ...ROWS]), merges: [{ top: 3, left: 1, bottom: 7, right: 1 }] };
    const evaluation = scored(evaluateGrid(grid));
    expect(evaluation.totalWeight).toBe(100);
    expect(evaluation.problems.find((p) => p.code === 'weights-fitted')?.cell).toBe('A3');
  });

  test('without a caption, funds stated at 20 leave the indicators 80', () => {
    const evaluation = scored(evaluateGrid(gridFromRows([...FUNDS_20, HEADER, ...ROWS])));
    expect(evaluation.indicators.map((i) => i.weight)).toEqual([22.22, 22.22, 26.67, 8.89]);
    expect(evaluation.totalWeight).toBe(100);
    expect(evaluation.problems.find((p) => p.code === 'weights-fitted')?.message).toContain('资金部分为20分，绩效指标部分按80分计');
  });

  test('a level-1 label with its own points keeps them; the default groups share what is left', () => {
    const rows = ROWS.map((r, i) => (i === 0 ? [null, '产出指标（50分）', ...r.slice(2)] : r));
    const evaluation = scored(evaluateGrid(gridFromRows([...FUNDS_20, ['年度目标1:(80分)'], HEADER, ...rows])));
    expect(evaluation.indicators.map((i) => i.weight)).toEqual([25, 25, 22.5, 7.5]);
    expect(evaluation.totalWeight).toBe(100);
  });

  test('funds at the profile’s own 10 and no caption: the default split as always, no notice', () => {
    const funds: CellSpec[][] = [
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', 100, 100, 100, 10, null, null],
    ];
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分'];
    const rows = ROWS.map((r) => r.slice(1));
    const evaluation = scored(evaluateGrid(gridFromRows([...funds, header, ...rows])));
    expect(evaluation.indicators.map((i) => i.weight)).toEqual([25, 25, 30, 10]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('weights-fitted');
  });

  test('row weights on the sheet are the sheet’s: nothing is fitted', () => {
    const header = [...HEADER.slice(0, 6), '分值', '得分'];
    const rows = ROWS.map((r, i) => [...r, [30, 20, 20, 10][i]]);
    const evaluation = scored(evaluateGrid(gridFromRows([...FUNDS_20, ['年度目标1:(80分)'], header, ...rows])));
    expect(evaluation.indicators.map((i) => i.weight)).toEqual([30, 20, 20, 10]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('weights-fitted');
  });
});
