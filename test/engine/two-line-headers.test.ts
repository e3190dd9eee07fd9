/**
 * Two-line headers whose 三级指标 line is the lower one (issue 8): the header cells merged down from
 * the line above (实际完成值, 分值, 得分 over two lines) are columns of the same header.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { gridFromRows } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome.evaluation;
}

test('年度指标值 split into 指标性质 | 指标值 | 度量单位 below, 实际完成值 | 分值 | 得分 merged down from above', () => {
  const grid = gridFromRows([
    ['绩效指标', undefined, undefined, '年度指标值', undefined, undefined, '实际完成值', '分值', '得分'],
    ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'],
    ['产出指标', '数量指标', '补助人数', '≥', 100, '人', 120, 50],
    ['效益指标', '社会效益指标', '验收合格率', '=', 100, '%', 95, 50],
  ]);
  const merges = [
    { top: 1, left: 1, bottom: 1, right: 3 },
    { top: 1, left: 4, bottom: 1, right: 6 },
    ...[7, 8, 9].map((col) => ({ top: 1, left: col, bottom: 2, right: col })),
  ];
  const evaluation = scored(evaluateGrid({ ...grid, merges }));
  expect(evaluation.indicators.map((i) => [i.level3, i.target, i.actual, i.status, i.score])).toEqual([
    ['补助人数', '≥100人', '120', 'met', 50],
    ['验收合格率', '=100%', '95', 'unmet', 47.5],
  ]);
});
