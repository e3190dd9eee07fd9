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

describe('年度指标值 or 实际完成值 merged across columns, with no line naming them', () => {
  test('"≥ | 100人" under one 年度指标值 header read as "≥100人"; "≤ | 5%" as a ceiling', () => {
    const grid = gridFromRows(
      [
        ['一级指标', '二级指标', '三级指标', '年度指标值', null, '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '培训人数', '≥', '100人', '80人', 50],
        ['效益指标', '社会效益指标', '投诉率', '≤', '5%', '3%', 50],
      ],
      { merges: ['D1:E1'] },
    );
    const evaluation = scored(evaluateGrid(grid));
    expect(evaluation.indicators.map((i) => [i.target, i.kind, i.score])).toEqual([
      ['≥100人', 'higher', 40],
      ['≤5%', 'lower', 50],
    ]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('unreadable-target');
  });

  test('with a second header line naming the columns ("完成数 | 完成率"), each is read on its own', () => {
    const grid = gridFromRows(
      [
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', null, '分值', '得分'],
        [null, null, null, null, '完成数', '完成率', null, null],
        ['产出指标', '数量指标', '培训人数', '≥100人', '80人', '80%', 100],
      ],
      { merges: ['E1:F1', 'A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'G1:G2', 'H1:H2'] },
    );
    expect(scored(evaluateGrid(grid)).indicators[0]).toMatchObject({ actual: '80人', status: 'unmet', score: 80 });
  });

  test('"52 | 万元" under one 实际完成值 header read as "52万元", with no unit to assume', () => {
    const grid = gridFromRows(
      [
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', null, '分值', '得分'],
        ['效益指标', '经济效益指标', '带动增收', '≥50万元', 52, '万元', 100],
      ],
      { merges: ['E1:F1'] },
    );
    const evaluation = scored(evaluateGrid(grid));
    expect(evaluation.indicators[0]).toMatchObject({ status: 'met', score: 100 });
    expect(evaluation.problems.map((p) => p.code)).not.toContain('actual-unit-assumed');
  });
});
