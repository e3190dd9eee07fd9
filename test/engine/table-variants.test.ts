/**
 * Issue 8, classes 1, 2, 4 and 7b: where the table ends, which column is which, points given on
 * group rows, and the unit's own total cell, on tables laid out as units publish them.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { normaliseMerges } from '../../src/engine/grid';
import { classifyIndicatorHeader, weightInLabel } from '../../src/engine/locate/header-vocabulary';
import { findIndicatorTables, readIndicatorTable } from '../../src/engine/locate/locate-table';
import { MOF_2020 } from '../../src/engine/rules/profile';
import { assignWeights } from '../../src/engine/score/assign-weights';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome;
}

const H = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const FUNDS: CellSpec[][] = [
  ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  [null, '年度资金总额', 100, 100, 95, 10, null, null],
];
const BODY: CellSpec[][] = [
  ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
  [null, '质量指标', '合格率', '≥95%', '96%', 20],
  ['效益指标', '社会效益', '群众知晓率', '≥90%', '92%', 10],
  ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10],
];
/** Points on the 数量指标 row only (F4), none on the two indicators under it. */
const LEVEL2_POINTS: CellSpec[][] = [
  ...FUNDS,
  H,
  ['产出指标', '数量指标', null, null, null, 30],
  [null, null, '培训人数', '≥100人', '120人', null],
  [null, null, '场次', '≥5场', '6场', null],
  [null, '质量指标', '合格率', '≥95%', '96%', 30],
  ['效益指标', '社会效益', '知晓率', '≥90%', '92%', 20],
  ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10],
];
const blank = (): CellSpec[] => [null, null, null, null, null, null, null, null];

describe('1. where the table ends', () => {
  test('two blank rows inside a merged 一级指标 block do not end the table; the 总分 row goes below the block', () => {
    const rows = [H, BODY[0], blank(), blank(), BODY[1], ...BODY.slice(2)];
    const outcome = scored(evaluateGrid(gridFromRows(rows, { merges: ['A2:A5'] })));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.level1, i.level3, i.score])).toEqual([
      [2, '产出指标', '培训人数', 50],
      [5, '产出指标', '合格率', 20],
      [6, '效益指标', '群众知晓率', 10],
      [7, '满意度指标', '满意度', 10],
    ]);
    expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('hidden-by-merge');
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'A8', value: '总分' }));
  });

  test('blank rows inside merged 二级指标 blocks (C19:C21 with nothing in it) and a side label over them keep the table going', () => {
    const rows: CellSpec[][] = [
      ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      [null, '产出指标', '数量指标', '培训人数', '≥100人', '120人', 40],
      [null, null, null, null, null, null, null],
      [null, null, '时效指标', null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, '成本指标', '运行费', '≤150万元', '150万元', 30],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, '效益指标', '社会效益', '正常率', '100%', '100%', 30],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
    ];
    const merges = ['A1:A12', 'B2:B9', 'C2:C3', 'C4:C6', 'C7:C9', 'B10:B12', 'C10:C12'];
    const outcome = scored(evaluateGrid(gridFromRows(rows, { merges })));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.level3, i.score])).toEqual([
      [2, '培训人数', 40],
      [7, '运行费', 30],
      [10, '正常率', 30],
    ]);
    expect(outcome.evaluation.totalScore).toBe(100);
    // the table ends with its merged blocks: the 总分 row is added under them, not inside A1:A12
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'B13', value: '总分' }));
    expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('hidden-by-merge');
    // The same when the sheet's last two rows are empty (the reader does not return them) but merged.
    const short = scored(evaluateGrid(gridFromRows(rows.slice(0, 10), { merges })));
    expect(short.plan.writes).toContainEqual(expect.objectContaining({ address: 'B13', value: '总分' }));
    expect(short.evaluation.problems.map((p) => p.code)).not.toContain('hidden-by-merge');
  });

  test('two blank rows outside any merge still end the table', () => {
    const rows = [H, ...BODY, blank(), blank(), ['注：本表由项目单位填写'], [null, null, '另一行', '≥1', '1', 5]];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => i.row)).toEqual([2, 3, 4, 5]);
  });

  test('two blank rows, then a new 一级指标 block with its indicators: the content says the table goes on, and the gap is reported', () => {
    const rows = [...FUNDS, H, ...BODY.slice(0, 2), blank(), blank(), ...BODY.slice(2)];
    const grid = gridFromRows(rows);
    const outcome = scored(evaluateGrid(grid));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.level1])).toEqual([
      [4, '产出指标'],
      [5, '产出指标'],
      [8, '效益指标'],
      [9, '满意度指标'],
    ]);
    const table = readIndicatorTable(normaliseMerges(grid), 3);
    expect(table.problems.map((p) => [p.code, p.cell])).toEqual([['table-gap', 'A8']]);
    expect(table.problems[0].message).toContain('第6至7行');
  });

  test("two blank rows, then the 总分 row: it is the table's total row", () => {
    const rows = [...FUNDS, H, ...BODY, blank(), blank(), ['总分', null, null, null, null, 100, 90]];
    const grid = gridFromRows(rows);
    const table = readIndicatorTable(normaliseMerges(grid), 3);
    expect(table.totalRow).toBe(10);
    expect(table.problems).toEqual([]);
    const outcome = scored(evaluateGrid(grid));
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'G10', value: 99.5, role: 'total' }));
  });

  test('a legend with its own 序号 header under the table (no 总分 row, one blank line) is not read as indicators', () => {
    const rows = [...FUNDS, H, ...BODY, blank(), ['序号', '项目', '说明'], [1, '指标说明', '按年度填写'], [2, '评分', '按规则']];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => i.level3)).toEqual(['培训人数', '合格率', '群众知晓率', '满意度']);
    expect(outcome.evaluation.totalScore).toBe(99.5);
  });

  test('a sub-table straight under the rows with its own 序号 header ends the table', () => {
    const rows = [...FUNDS, H, ...BODY, ['序号', '问题', '整改措施', '完成时限'], [1, '资金拨付滞后', '加快拨付', '2024年6月']];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => i.row)).toEqual([4, 5, 6, 7]);
  });

  test("a signature line and a second project's form end the table", () => {
    const rows = [...FUNDS, H, ...BODY, ['填报日期：2024年3月1日'], ['项目支出绩效自评表'], ['项目名称', '另一项目'], H, BODY[0]];
    const grid = gridFromRows(rows);
    const outcome = scored(evaluateGrid(grid));
    expect(outcome.evaluation.indicators.map((i) => i.row)).toEqual([4, 5, 6, 7]);
    expect([...findIndicatorTables(normaliseMerges(grid)).keys()]).toEqual([3, 11]);
  });

  test('prose that mentions 三级指标 or 具体指标 is not another table: no "本表另有…张绩效指标表" notice', () => {
    const prose: CellSpec[][] = [
      ['三级指标按年度指标值填写'],
      ['具体指标见附表，三级指标、年度指标值按实际填报'],
      [null, null, '三级指标', '按实际填写，不得空项'],
    ];
    const rows = [...FUNDS, H, ...BODY, ['总分', null, null, null, null, 100], [], ...prose];
    const grid = gridFromRows(rows);
    expect([...findIndicatorTables(normaliseMerges(grid)).keys()]).toEqual([3]);
    const outcome = scored(evaluateGrid(grid));
    expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('other-tables');
  });

  test('an indicator named like a header word (指标内容审核率) is a row, not a new table', () => {
    const rows = [...FUNDS, H, ...BODY.slice(0, 2), [null, '质量指标', '指标内容审核率', '≥95%', '96%', 20], ...BODY.slice(2)];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => i.level3)).toContain('指标内容审核率');
    expect(outcome.evaluation.indicators).toHaveLength(5);
  });
});

describe('1b. subtotal lines inside the table', () => {
  test.each([
    ['in the 三级指标 column', [null, null, '产出指标小计', null, null, 70, 65]],
    ['in the 一级指标 column', ['小计', null, null, null, null, 70, 65]],
  ])('a subtotal line %s is no indicator, does not end the table, and keeps its figures', (_, subtotal) => {
    const outcome = scored(evaluateGrid(gridFromRows([...FUNDS, H, BODY[0], BODY[1], subtotal, BODY[2], BODY[3]])));
    expect(outcome.evaluation.indicators.map((i) => i.level3)).toEqual(['培训人数', '合格率', '群众知晓率', '满意度']);
    expect(outcome.evaluation.totalMax).toBe(100);
    expect(outcome.plan.writes.some((w) => /^[A-Z]+6$/.test(w.address))).toBe(false);
  });

  test('the subtotal line left as it is is named, so that its figures are checked against the new scores', () => {
    const subtotal = [null, null, '产出指标小计', null, null, 70, 65];
    const outcome = scored(evaluateGrid(gridFromRows([...FUNDS, H, BODY[0], BODY[1], subtotal, BODY[2], BODY[3]])));
    expect(outcome.evaluation.problems.find((p) => p.code === 'subtotal-kept')).toMatchObject({
      cell: 'G6',
      message: 'G6：第6行“产出指标小计”是小计行，不作为指标评分，其中的数字未改写，请按各行得分核对',
    });
  });
});

describe('2. which column is which', () => {
  const splitHeader = (lower: string[]): CellSpec[][] => [
    ['一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', '分值', '得分'],
    [null, null, null, ...lower, null, null, null],
  ];
  const splitBody: CellSpec[][] = [
    ['产出指标', '数量指标', '培训人数', '≥', 100, '人', '120人', 50],
    [null, '质量指标', '合格率', '>=', 95, '%', '90%', 20],
    ['效益指标', '社会效益', '知晓率', '≥', 90, '%', '92%', 20],
    ['满意度指标', '满意度', '满意度', '≥', 90, '%', '95%', 10],
  ];
  const merged = ['D1:F1', 'A1:A2', 'B1:B2', 'C1:C2', 'G1:G2', 'H1:H2', 'I1:I2'];

  test.each([[['符号', '数值', '单位']], [['指标性质', '指标值', '计量单位']], [['运算符号', '指标值', '度量单位']]])(
    '年度指标值 split into %j, the label cells merged down over both lines: operator + number + unit is the target',
    (lower) => {
      const outcome = scored(evaluateGrid(gridFromRows([...splitHeader(lower), ...splitBody], { merges: merged })));
      expect(outcome.evaluation.indicators.map((i) => [i.target, i.status, i.score])).toEqual([
        ['≥100人', 'met', 50],
        ['>=95%', 'unmet', 18.95],
        ['≥90%', 'met', 20],
        ['≥90%', 'met', 10],
      ]);
      expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('unreadable-target');
    },
  );

  test('a 指标分值 column holding explanations is not the weight column when 分值 beside it holds the numbers; the doubt names both header cells', () => {
    const rows: CellSpec[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '指标分值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '80人', '按完成比例计分', 60],
      [null, '质量指标', '合格率', '≥95%', '96%', '达到得满分', 40],
    ];
    const grid = gridFromRows(rows);
    const outcome = scored(evaluateGrid(grid));
    expect(outcome.evaluation.indicators.map((i) => [i.weight, i.score])).toEqual([
      [60, 48],
      [40, 40],
    ]);
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'H2', value: 48 }));
    const table = readIndicatorTable(normaliseMerges(grid), 1);
    expect(table.columns.weight).toBe(7);
    const doubt = table.problems.find((p) => p.code === 'column-doubt');
    expect(doubt?.cell).toBe('G1');
    expect(doubt?.message).toContain('F1');
    expect(doubt?.message).toContain('G1');
  });

  test('two 分值-like columns that both hold numbers: the first is kept, as before, and no doubt is raised without cause', () => {
    const rows: CellSpec[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 60],
      [null, '质量指标', '合格率', '≥95%', '96%', 40],
    ];
    const table = readIndicatorTable(normaliseMerges(gridFromRows(rows)), 1);
    expect(table.columns.weight).toBe(6);
    expect(table.problems).toEqual([]);
  });

  test.each(['分值（', '分值(分', '（分值）', '分值20分)', '权重(%)'])('the weight header "%s" still classifies', (text) => {
    expect(classifyIndicatorHeader(text)).toBe('weight');
  });

  test.each(['得分(20分*执行率)', '得分（20分×执行率', '得分20分)', '（得分）'])('the score header "%s" still classifies', (text) => {
    expect(classifyIndicatorHeader(text)).toBe('score');
  });
});

describe('4. points on group rows', () => {
  test.each([
    ['产出指标（60分）', '产出指标', 60],
    ['绩效指标(80分)', '绩效指标', 80],
    ['产出指标(60分', '产出指标', 60],
    ['产出指标60分)', '产出指标', 60],
    ['效益指标（22.5分）', '效益指标', 22.5],
    ['数量指标', '数量指标', undefined],
  ])('"%s" → %s, %s points', (text, label, weight) => {
    expect(weightInLabel(text)).toEqual(weight === undefined ? { label } : { label, weight });
  });

  test('a broken bracket "产出指标(60分" on the level-1 caption still spreads its points', () => {
    const rows = [
      ...FUNDS,
      H,
      ['产出指标(60分', '数量指标', '培训人数', '≥100人', '120人', null],
      [null, '质量指标', '合格率', '≥95%', '96%', null],
      ['效益指标（20分）', '社会效益', '知晓率', '≥90%', '92%', null],
      ['满意度指标（10分）', '满意度', '满意度', '≥90%', '95%', null],
    ];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => [i.level1, i.weight])).toEqual([
      ['产出指标', 30],
      ['产出指标', 30],
      ['效益指标', 20],
      ['满意度指标', 10],
    ]);
  });

  test('weights given only on level-1 rows (in the 分值 column, no 三级指标 on that row) are spread over the rows under them', () => {
    const rows = [
      ...FUNDS,
      H,
      ['产出指标', null, null, null, null, 60],
      [null, '数量指标', '培训人数', '≥100人', '120人', null],
      [null, '质量指标', '合格率', '≥95%', '96%', null],
      [null, '时效指标', '完成时间', '12月底前', '11月', null],
      ['效益指标', null, null, null, null, 20],
      [null, '社会效益', '知晓率', '≥90%', '92%', null],
      ['满意度指标', null, null, null, null, 10],
      [null, '满意度', '满意度', '≥90%', '95%', null],
    ];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.weight])).toEqual([
      [5, 20],
      [6, 20],
      [7, 20],
      [9, 20],
      [11, 10],
    ]);
    expect(outcome.evaluation.totalWeight).toBe(100);
    expect(outcome.evaluation.problems.map((p) => p.code)).toContain('weights-spread');
  });

  test('a level-2 row with a 分值 and no 三级指标 is a group: the table records its points for the rows under it', () => {
    const rows = LEVEL2_POINTS;
    const table = readIndicatorTable(normaliseMerges(gridFromRows(rows)), 3);
    expect(table.rows.map((r) => [r.row, r.level2, r.level2Weight, r.level2Row])).toEqual([
      [5, '数量指标', 30, 4],
      [6, '数量指标', 30, 4],
      [7, '质量指标', undefined, undefined],
      [8, '社会效益', undefined, undefined],
      [9, '满意度', undefined, undefined],
    ]);
  });

  test('level-2 points are spread over the level-3 rows under them, with a note naming the cell', () => {
    const rows = [
      { row: 5, level1: '产出指标', level1Row: 4, level2Weight: 30, level2Row: 4, level2: '数量指标', scoreable: true },
      { row: 6, level1: '产出指标', level1Row: 4, level2Weight: 30, level2Row: 4, level2: '数量指标', scoreable: true },
      { row: 7, level1: '产出指标', level1Row: 4, sheetWeight: 30, scoreable: true },
      { row: 8, level1: '效益指标', level1Row: 8, sheetWeight: 20, scoreable: true },
      { row: 9, level1: '满意度指标', level1Row: 9, sheetWeight: 10, scoreable: true },
    ];
    const result = assignWeights(rows, MOF_2020);
    expect([...result.weights]).toEqual([
      [5, 15],
      [6, 15],
      [7, 30],
      [8, 20],
      [9, 10],
    ]);
    expect([...result.decided]).toEqual([5, 6]);
    expect(result.problems).toEqual([{ code: 'group-weight-spread', row: 4, params: { group: '数量指标', weight: 30, count: 2 } }]);
  });

  test('decimal weights are kept as written', () => {
    const rows = [
      ...FUNDS,
      H,
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 22.5],
      [null, '质量指标', '合格率', '≥95%', '96%', 27.5],
      ['效益指标', '社会效益', '知晓率', '≥90%', '92%', 29.75],
      ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10.25],
    ];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => i.weight)).toEqual([22.5, 27.5, 29.75, 10.25]);
    expect(outcome.evaluation.totalWeight).toBe(100);
  });
});

describe('4c. a 分值 cell merged down over several indicator rows', () => {
  test('its points are shared evenly by the rows under it, and a notice names the merge', () => {
    const rows: CellSpec[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 50, null],
      [null, '质量指标', '合格率', '≥95%', '96%', null, null],
      ['效益指标', '社会效益', '知晓率', '≥90%', '92%', 40, null],
      ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10, null],
    ];
    const { evaluation } = scored(evaluateGrid(gridFromRows(rows, { merges: ['A2:A3', 'F2:F3'] })));
    expect(evaluation.indicators.map((i) => [i.level3, i.weight, i.score])).toEqual([
      ['培训人数', 25, 20],
      ['合格率', 25, 25],
      ['知晓率', 40, 40],
      ['满意度', 10, 10],
    ]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('weight-missing');
    expect(evaluation.problems.find((p) => p.code === 'weight-merged-shared')?.message).toBe(
      'F2：F2:F3为合并单元格，其中的分值50分已平均分配给第2、3行（每行约25分）',
    );
  });
});

describe('4b. weights written as shares of one (0.5, 0.3, 0.1 under 权重)', () => {
  const SHARES_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '权重', '得分', '偏差原因分析及改进措施'];
  const FUNDS_SHARE: CellSpec[][] = [
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '权重', '执行率', '得分'],
    [null, '年度资金总额', 100, 100, 95, 0.1, null, null],
  ];
  const SHARES: CellSpec[][] = [
    ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 0.5, null, '报名不足'],
    [null, '质量指标', '合格率', '≥95%', '96%', 0.3, null],
    ['满意度指标', '满意度', '满意度', '≥90%', '95%', 0.1, null],
  ];

  test("are points of 100, the funds block's share too, and a notice says so", () => {
    const evaluation = scored(evaluateGrid(gridFromRows([...FUNDS_SHARE, SHARES_HEADER, ...SHARES]))).evaluation;
    expect(evaluation.indicators.map((i) => [i.level3, i.weight, i.score])).toEqual([
      ['培训人数', 50, 40],
      ['合格率', 30, 30],
      ['满意度', 10, 10],
    ]);
    expect(evaluation.funds).toMatchObject({ weight: 10, score: 9.5 });
    expect([evaluation.totalScore, evaluation.totalMax]).toEqual([89.5, 100]);
    expect(evaluation.problems.find((p) => p.code === 'weights-as-shares')).toMatchObject({
      cell: 'F3',
      message: 'F3：分值栏按比例填写（合计0.9），已换算为百分制分值（0.5即50分）',
    });
  });

  test('points that are small but add up to more than one stay points', () => {
    const rows = SHARES.map((r, i) => r.map((v, j) => (j === 5 ? [5, 3, 2][i] : v)));
    const evaluation = scored(evaluateGrid(gridFromRows([...FUNDS, SHARES_HEADER, ...rows]))).evaluation;
    expect(evaluation.indicators.map((i) => i.weight)).toEqual([5, 3, 2]);
    expect(evaluation.problems.map((p) => p.code)).not.toContain('weights-as-shares');
  });
});

describe("7b. the unit's total cell", () => {
  test.each(['得分合计', '合计得分', '项目总得分', '自评得分合计'])(
    'a "%s" row closes the table and receives the total; the old figure is reported',
    (label) => {
      const rows = [...FUNDS, H, ...BODY, [label, null, null, null, null, 100, 90]];
      const outcome = scored(evaluateGrid(gridFromRows(rows)));
      expect(outcome.evaluation.indicators).toHaveLength(4);
      expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'G8', value: 99.5, role: 'total' }));
      expect(outcome.plan.writes.some((w) => w.address.endsWith('9'))).toBe(false);
      const notice = outcome.evaluation.problems.find((p) => p.code === 'total-replaced');
      expect(notice?.cell).toBe('G8');
      expect(notice?.message).toContain('90');
      expect(notice?.message).toContain('99.5');
    },
  );

  test('a total at the top ("项目总得分 | 99") is the total cell: written there, no new 总分 row added', () => {
    const rows = [['项目总得分', 99], ...FUNDS, H, ...BODY];
    const grid = gridFromRows(rows);
    const outcome = scored(evaluateGrid(grid));
    expect(readIndicatorTable(normaliseMerges(grid), 4).totalCell).toEqual({ row: 1, col: 2 });
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'B1', value: 99.5, role: 'total' }));
    expect(outcome.plan.writes.some((w) => w.value === '总分')).toBe(false);
    const notice = outcome.evaluation.problems.find((p) => p.code === 'total-replaced');
    expect(notice?.cell).toBe('B1');
  });

  test('"总分(100分) | 100 | 自评等级 | 优" with the 得分 cell under the grade\'s merge: the one figure is the total, the grade follows', () => {
    const rows = [...FUNDS, H, ...BODY, ['总分(100分)', null, null, 100, '自评等级', '优', null]];
    const grid = gridFromRows(rows, { merges: ['A8:C8', 'F8:G8'] });
    const outcome = scored(evaluateGrid(grid));
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'D8', value: 99.5, role: 'total' }));
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'F8', value: '优', role: 'grade' }));
    expect(outcome.evaluation.enteredTotal).toBe(100);
    expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('hidden-by-merge');
    expect(outcome.evaluation.problems.find((p) => p.code === 'total-replaced')?.cell).toBe('D8');
  });

  test('with two figures on such a row, neither is guessed: the hidden 得分 cell is reported', () => {
    const rows = [...FUNDS, H, ...BODY, ['总分', null, null, 100, 98, '优', null]];
    const outcome = scored(evaluateGrid(gridFromRows(rows, { merges: ['A8:C8', 'F8:G8'] })));
    expect(outcome.plan.writes.filter((w) => w.role === 'total')).toEqual([]);
    expect(outcome.evaluation.problems.find((p) => p.code === 'hidden-by-merge')?.cell).toBe('G8');
  });

  test('a total at the top written in one cell ("项目总得分：99分") is rewritten in the same words', () => {
    const rows = [['项目支出绩效自评表'], ['项目总得分：99分'], ...FUNDS, H, ...BODY];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'A2', value: '项目总得分：99.5分', role: 'total' }));
    expect(outcome.plan.writes.some((w) => w.value === '总分')).toBe(false);
  });

  test('a total at the top and a 得分合计 row at the bottom: both get the total, neither is an indicator', () => {
    const rows = [['项目总得分', 99], ...FUNDS, H, ...BODY, ['得分合计', null, null, null, null, 100, 99]];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators).toHaveLength(4);
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'B1', value: 99.5 }));
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'G9', value: 99.5 }));
    expect(outcome.plan.writes.some((w) => w.value === 0)).toBe(false);
  });

  test("an equal figure raises no notice; the previous table's total row is not taken for this table's top total", () => {
    const first = [...FUNDS, H, ...BODY, ['总分', null, null, null, null, 100, 99.5]];
    const outcome = scored(evaluateGrid(gridFromRows(first)));
    expect(outcome.evaluation.problems.map((p) => p.code)).not.toContain('total-replaced');
    const stacked = gridFromRows([...first, ...FUNDS, H, ...BODY]);
    const second = scored(evaluateGrid(stacked, { tableRow: 11 }));
    expect(readIndicatorTable(normaliseMerges(stacked), 11).totalCell).toBeUndefined();
    expect(second.plan.writes).toContainEqual(expect.objectContaining({ address: 'A16', value: '总分' }));
  });
});

describe('end to end: the reader’s doubts and group points reach the evaluation', () => {
  test('points on a level-2 row only are spread over its rows, written into their empty 分值 cells, and the note names the 分值 cell', () => {
    const rows = LEVEL2_POINTS;
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    expect(outcome.evaluation.indicators.map((i) => [i.row, i.weight, i.score])).toEqual([
      [5, 15, 15],
      [6, 15, 15],
      [7, 30, 30],
      [8, 20, 20],
      [9, 10, 10],
    ]);
    expect(outcome.evaluation.totalWeight).toBe(100);
    expect(outcome.evaluation.totalScore).toBe(99.5);
    const codes = outcome.evaluation.problems.map((p) => p.code);
    expect(codes).not.toContain('weight-missing');
    expect(outcome.evaluation.problems.find((p) => p.code === 'group-weight-spread')?.cell).toBe('F4');
    expect(outcome.plan.writes).toContainEqual(expect.objectContaining({ address: 'F5', value: 15, role: 'weight' }));
  });

  test('the doubt between 指标分值 and 分值 reaches the evaluation, naming both header cells', () => {
    const rows: CellSpec[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '指标分值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '80人', '按完成比例计分', 60],
      [null, '质量指标', '合格率', '≥95%', '96%', '达到得满分', 40],
    ];
    const outcome = scored(evaluateGrid(gridFromRows(rows)));
    const doubt = outcome.evaluation.problems.find((p) => p.code === 'column-doubt');
    expect(doubt?.message).toMatch(/^G1：表头F1“指标分值”、G1“分值”都可能是“分值”列/);
  });

  test('a gap of blank rows the table was read across is reported on the row below it', () => {
    const body: CellSpec[][] = [
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
      [null, '质量指标', '合格率', '≥95%', '96%', 20],
      [null, null, null, null, null, null],
      [null, null, null, null, null, null],
      ['效益指标', '社会效益', '群众知晓率', '≥90%', '92%', 10],
      ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10],
    ];
    const outcome = scored(evaluateGrid(gridFromRows([...FUNDS, H, ...body])));
    expect(outcome.evaluation.problems.find((p) => p.code === 'table-gap')?.cell).toBe('A8');
    expect(outcome.evaluation.totalScore).toBe(99.5);
  });
});

describe('4d. points written with brackets, or in Chinese numerals', () => {
  test.each(['10（分）', '（10）', '(10)分', '十', '十分'])('"%s" in the 分值 column is 10 points', (written) => {
    const rows: CellSpec[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '80人', written, null],
      ['满意度指标', '满意度', '满意度', '≥90%', '95%', 90, null],
    ];
    const { evaluation } = scored(evaluateGrid(gridFromRows(rows)));
    expect(evaluation.indicators.map((i) => [i.weight, i.score])).toEqual([
      [10, 8],
      [90, 90],
    ]);
  });
});

test('points in Chinese numerals ("二十五", "七十五分") are read as points, not as an empty cell', () => {
  const rows: CellSpec[][] = [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['产出指标', '数量指标', '培训人数', '≥100人', '120人', '二十五', null],
    [null, '质量指标', '合格率', '≥95%', '96%', '七十五分', null],
  ];
  const { evaluation } = scored(evaluateGrid(gridFromRows(rows)));
  expect(evaluation.indicators.map((i) => i.weight)).toEqual([25, 75]);
});
