/**
 * The same forms with their merges lost or never made (issue 8; found by
 * real-table-variations.test.ts): what the merges told the reader must come from the cells.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { normaliseMerges } from '../../src/engine/grid';
import { readIndicatorTable } from '../../src/engine/locate/locate-table';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome;
}

describe('a two-line header without merges', () => {
  const UPPER: CellSpec[] = ['绩效指标', null, null, '年度指标值', null, null, '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const LOWER: CellSpec[] = ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'];
  const BODY: CellSpec[][] = [
    ['产出指标', '数量指标', '补助人数', '≥', 100, '人', 120, 50],
    [null, '质量指标', '验收合格率', '=', 100, '%', 95, 40],
    ['满意度指标', '服务对象满意度指标', '满意度', '≥', 90, '%', 95, 10],
  ];

  test('实际完成值 | 分值 | 得分 on the upper line, over empty cells of the 三级指标 line, are its columns', () => {
    const outcome = scored(evaluateGrid(gridFromRows([UPPER, LOWER, ...BODY])));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.level1, i.target, i.actual, i.weight, i.status, i.score])).toEqual([
      [3, '产出指标', '≥100人', '120', 50, 'met', 50],
      [4, '产出指标', '=100%', '95', 40, 'unmet', 38],
      [5, '满意度指标', '≥90%', '95', 10, 'met', 10],
    ]);
    // the scores go into the 得分 column named on the upper line
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'I4', value: 38 }));
  });

  test('read as with its merges', () => {
    const merges = ['A1:C1', 'D1:F1', 'G1:G2', 'H1:H2', 'I1:I2', 'J1:J2'];
    const merged = scored(evaluateGrid(gridFromRows([UPPER, LOWER, ...BODY], { merges })));
    const unmerged = scored(evaluateGrid(gridFromRows([UPPER, LOWER, ...BODY])));
    expect(unmerged.evaluation.indicators).toEqual(merged.evaluation.indicators);
    expect(unmerged.evaluation.totalScore).toBe(merged.evaluation.totalScore);
  });

  test('the goal section straight above the header ("预期目标 | 实际完成情况") names no columns', () => {
    const goal: CellSpec[] = ['年度总体目标', '预期目标', null, null, null, '实际完成情况'];
    const header: CellSpec[] = ['一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', '分值'];
    const rows = [goal, header, ['产出指标', '数量指标', '补助人数', '≥100人', null, null, '120人', 50]];
    const table = readIndicatorTable(normaliseMerges(gridFromRows(rows)), 2);
    expect(table.columns).toEqual({ level1: 1, level2: 2, level3: 3, target: 4, actual: 7, weight: 8 });
  });

  test('a single header word above (one column, no second) is not taken for a header line', () => {
    const rows = [
      [null, null, null, null, '实际完成值'],
      ['一级指标', '二级指标', '三级指标', '年度指标值', null, '完成值'],
      ['产出指标', '数量指标', '补助人数', '≥100人', null, '120人'],
    ];
    const table = readIndicatorTable(normaliseMerges(gridFromRows(rows)), 2);
    expect(table.columns.actual).toBe(6);
  });
});

describe('blank lines inside a table without merges', () => {
  test('two blank lines, then a new 二级指标 block of the same 一级 group (no 一级 label on its row): the table goes on, the gap is reported at the 二级 label', () => {
    const rows: CellSpec[][] = [
      ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      [null, '产出指标', '数量指标', '培训人数', '≥100人', '120人', 40],
      [null, null, '时效指标', null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, '成本指标', '运行费', '≤150万元', '150万元', 30],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, '效益指标', '社会效益指标', '正常率', '100%', '100%', 30],
    ];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.level1, i.level2, i.level3, i.score])).toEqual([
      [2, '产出指标', '数量指标', '培训人数', 40],
      [6, '产出指标', '成本指标', '运行费', 30],
      [9, '效益指标', '社会效益指标', '正常率', 30],
    ]);
    expect(outcome.evaluation.totalScore).toBe(100);
    const gaps = outcome.evaluation.problems.filter((p) => p.code === 'table-gap');
    expect(gaps.map((p) => p.cell)).toEqual(['C6', 'B9']);
    expect(gaps[0].message).toContain('第4至5行');
  });

  test('two blank lines, then a note in the 二级 column with no indicator: the table has ended', () => {
    const rows: CellSpec[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 100],
      [null, null, null, null, null, null],
      [null, null, null, null, null, null],
      [null, '质量指标', '注：本表由项目单位填写', null, null, null],
    ];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => i.row)).toEqual([2]);
    expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('table-gap');
  });
});
