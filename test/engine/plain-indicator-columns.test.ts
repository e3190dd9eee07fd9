/**
 * Tables with no 一级/二级/三级指标 headers: "绩效指标 | 指标值 | 完成值 | 权重 | 得分" or
 * "指标 | 目标值 | 实际值 | 分值 | 得分". The header is found by its target and actual columns, and
 * the column of names left of them, headed 指标 or 绩效指标, is the indicators' column.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome.evaluation;
}

const ROWS: CellSpec[][] = [
  ['培训人数', '≥100人', '120人', 50, null],
  ['合格率', '≥95%', '93%', 30, null],
  ['满意度', '≥90%', '95%', 20, null],
];

test.each([
  ['指标 | 目标值 | 实际值', ['指标', '目标值', '实际值', '分值', '得分']],
  ['绩效指标 | 指标值 | 完成值', ['绩效指标', '指标值', '完成值', '权重', '得分']],
  ['考核指标 | 年度指标值 | 实际完成值', ['考核指标', '年度指标值', '实际完成值', '分值', '得分']],
])('%s: found, every row scored', (_name, header) => {
  const evaluation = scored(evaluateGrid(gridFromRows([header, ...ROWS])));
  expect(evaluation.indicators.map((i) => [i.level3, i.weight, i.score])).toEqual([
    ['培训人数', 50, 50],
    ['合格率', 30, 29.37],
    ['满意度', 20, 20],
  ]);
  // the weights are the sheet's: no word about groups it cannot place
  expect(evaluation.problems.map((p) => p.code)).not.toContain('unknown-level1');
});

test('a caption line "绩效指标 | | 年度指标值 | 实际完成值" over a 一级/二级/三级 line is not the header', () => {
  const evaluation = scored(
    evaluateGrid(
      gridFromRows([
        ['绩效指标', null, null, '年度指标值', '实际完成值', '分值', '得分'],
        ['一级指标', '二级指标', '三级指标', null, null, null, null],
        ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 60, null],
        ['满意度指标', '满意度', '满意度', '≥90%', '95%', 40, null],
      ]),
    ),
  );
  expect(evaluation.indicators.map((i) => [i.row, i.level1, i.level3])).toEqual([
    [3, '产出指标', '培训人数'],
    [4, '满意度指标', '满意度'],
  ]);
});

test('a side label "绩效指标" with nothing under it is not the names column', () => {
  const outcome = evaluateGrid(
    gridFromRows([
      ['绩效指标', '目标值', '实际值', '分值'],
      [null, '≥100人', '120人', 50],
    ]),
  );
  expect(outcome.ok).toBe(false);
});

describe('the whole-spending form of 重庆 (指标名称 | 计量单位 | 指标性质 | 指标值 | 指标权重（分） | 全年完成值 | 指标得分（分）)', () => {
  const FORM: CellSpec[][] = [
    ['某区林业局2023年度部门整体绩效自评表'],
    ['主管部门', '某区林业局', null, '部门联系人', '李某', '联系电话', null, '自评总分（分）', 97.93],
    [null, '年初预算数', '全年（调整）预算数', '全年执行数', '执行率', '执行率权重', '执行率得分'],
    ['年度总金额', 100, 120, 115, '95.83%', 10, 9.58],
    ['绩效指标', '指标名称', '计量单位', '指标性质', '指标值', '指标权重（分）', '全年完成值', '指标得分（分）', '说明'],
    [null, '当期任务完成率', '%', '≥', 90, 20, 100, 20, null],
    [null, '公益林管护面积', '万亩', '≥', 28, 30, 28, 30, null],
    [null, '森林火灾受害率', '‰', '≤', 0.9, 20, 1.2, 20, null],
    [null, '群众满意度', '%', '≥', 90, 20, 0.95, 20, null],
  ];

  test('the weights come from 指标权重（分）, the funds weight from 执行率权重', () => {
    const evaluation = scored(evaluateGrid(gridFromRows(FORM)));
    expect(evaluation.indicators.map((i) => [i.level3, i.weight, i.score])).toEqual([
      ['当期任务完成率', 20, 20],
      ['公益林管护面积', 30, 30],
      ['森林火灾受害率', 20, 15],
      ['群众满意度', 20, 20],
    ]);
    expect(evaluation.funds).toMatchObject({ weight: 10, score: 9.58, cells: { rate: 'E4', score: 'G4' } });
    expect(evaluation.totalScore).toBe(94.58);
  });

  test('the 计量单位 column is the actual\'s unit too: "28" under 万亩 is 28万亩, with no message; a bare 0.95 under % is still 95%', () => {
    const evaluation = scored(evaluateGrid(gridFromRows(FORM)));
    expect(evaluation.problems.filter((p) => p.code === 'actual-unit-assumed')).toEqual([]);
    expect(evaluation.problems.find((p) => p.code === 'fraction-as-percent')?.cell).toBe('G9');
  });

  test("自评总分 among the project fields is the unit's total: the run's total replaces it, and says so", () => {
    const outcome = evaluateGrid(gridFromRows(FORM));
    const evaluation = scored(outcome);
    expect(evaluation.enteredTotal).toBe(97.93);
    expect(evaluation.problems.find((p) => p.code === 'total-replaced')?.cell).toBe('I2');
    expect(outcome.ok && outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'I2', value: 94.58, role: 'total' }));
  });
});

describe('a table with 二级指标 and no 一级指标 column', () => {
  const rows: CellSpec[][] = [
    ['二级指标', '三级指标', '年度指标值', '实际完成值'],
    ['数量指标', '培训人数', '≥100人', '120人'],
    ['质量指标', '合格率', '≥95%', '93%'],
    ['社会效益指标', '知晓率', '≥90%', '95%'],
    ['满意度指标', '满意度', '≥90%', '95%'],
  ];

  test('the default points go by the 二级指标: 数量 and 质量 share 产出 50, 社会效益 takes 效益 30, 满意度 10', () => {
    const evaluation = scored(evaluateGrid(gridFromRows(rows)));
    expect(evaluation.indicators.map((i) => [i.level3, i.weight])).toEqual([
      ['培训人数', 25],
      ['合格率', 25],
      ['知晓率', 30],
      ['满意度', 10],
    ]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('unknown-level1');
  });
});
