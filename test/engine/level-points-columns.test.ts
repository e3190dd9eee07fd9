/**
 * "一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值": a 分值 column after each level. The rows' points are
 * the one after 三级指标, and the others are not a doubt about which column is 分值.
 */
import { evaluateGrid } from '../../src/engine/evaluate';
import { gridFromRows } from '../helpers/grid-builder';

test('the rows take the points after 三级指标; the group columns raise no doubt', () => {
  const rows = [
    ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '年度指标值', '实际完成值', '得分'],
    ['产出指标', 50, '数量指标', 30, '培训人数', 15, '≥100人', '120人', null],
    [null, null, null, null, '培训场次', 15, '≥5场', '6场', null],
    [null, null, '质量指标', 20, '合格率', 20, '≥95%', '93%', null],
    ['效益指标', 30, '社会效益', 30, '知晓率', 30, '≥90%', '92%', null],
    ['满意度指标', 10, '满意度', 10, '满意度', 10, '≥90%', '95%', null],
  ];
  const outcome = evaluateGrid(gridFromRows(rows));
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.evaluation.indicators.map((i) => [i.level3, i.weight])).toEqual([
    ['培训人数', 15],
    ['培训场次', 15],
    ['合格率', 20],
    ['知晓率', 30],
    ['满意度', 10],
  ]);
  expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('column-doubt');
  // the scores go into 得分 (I), never over the unit's points on the indicator rows
  expect(outcome.plan.writes.filter((w) => /^[BDF][2-6]$/.test(w.address))).toEqual([]);
});
