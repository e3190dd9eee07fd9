/**
 * Labels on the side of the indicator block (issue 8): a label merged down the left edge names
 * the block, never a column, whatever its words.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { gridFromRows } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome.evaluation;
}

const HEADER = ['年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
const BODY = [
  [undefined, '产出指标', '数量指标', '改造项目数量', 1, 1, 50],
  [undefined, '效益指标', '社会效益指标', '受益人口', '≥1000人', '1200人', 30],
  [undefined, '满意度指标', '服务对象满意度指标', '满意度', '90%', '100%', 20],
];

describe('a side label merged down the indicator rows', () => {
  test('"年度绩效指标完成情况" over the rows names the block, not the 实际完成值 column', () => {
    const grid = { ...gridFromRows([HEADER, ...BODY]), merges: [{ top: 1, left: 1, bottom: 4, right: 1 }] };
    const evaluation = scored(evaluateGrid(grid));
    expect(evaluation.indicators.map((i) => [i.level3, i.status, i.score])).toEqual([
      ['改造项目数量', 'met', 50],
      ['受益人口', 'met', 30],
      ['满意度', 'met', 20],
    ]);
  });

  test('the same label with its merge lost (text in the header row, nothing under it) is no rival column: no doubt', () => {
    const evaluation = scored(evaluateGrid(gridFromRows([HEADER, ...BODY])));
    expect(evaluation.indicators.map((i) => i.score)).toEqual([50, 30, 20]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('column-doubt');
  });

  test('a rival column with something under it is still a doubt, named by both header cells', () => {
    const header = ['完成情况', ...HEADER.slice(1)];
    const body = [['已完成', ...BODY[0].slice(1)], ...BODY.slice(1)];
    const evaluation = scored(evaluateGrid(gridFromRows([header, ...body])));
    const doubt = evaluation.problems.find((p) => p.code === 'column-doubt');
    expect(doubt?.message).toContain('A1');
    expect(doubt?.message).toContain('F1');
  });
});
