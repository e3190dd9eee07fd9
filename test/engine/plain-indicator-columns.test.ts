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
