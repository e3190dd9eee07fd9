/** Header words broken over lines or spaced out inside the cell are still the header (issue 8, class 2). */
import { evaluateGrid } from '../../src/engine/evaluate';
import { gridFromRows } from '../helpers/grid-builder';

test.each(['指标\n名称', '三 级\n指 标', '具体\n指标', '指 标 内 容'])('the level-3 header %j', (level3) => {
  const rows = [
    ['一级指标', '二级指标', level3, '年度\n指标值', '实际\n完成值', '分值', '得分'],
    ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 90, null],
  ];
  const outcome = evaluateGrid(gridFromRows(rows));
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.evaluation.indicators.map((i) => [i.level3, i.score])).toEqual([['培训人数', 90]]);
});
