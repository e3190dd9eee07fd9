/**
 * Header words as units write them (issue 8, class 2): every spelling below names its column, and
 * a table headed with it scores exactly as the standard header does.
 */
import { evaluateGrid } from '../../src/engine/evaluate';
import { gridFromRows } from '../helpers/grid-builder';

const STANDARD = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const COLUMN = { level3: 2, target: 3, actual: 4, weight: 5, score: 6 } as const;

const SPELLINGS: Record<keyof typeof COLUMN, string[]> = {
  level3: [
    '三级指标',
    '指标名称',
    '三级指标内容',
    '三级指标名称',
    '具体指标',
    '指标内容',
    '绩效指标名称',
    // Right of 二级指标 these name the level-3 column; elsewhere they are the block's side label.
    '绩效指标',
    '考核指标',
    '指标',
    '评价指标',
    '三级',
  ],
  target: [
    '年度指标值',
    '指标值',
    '目标值',
    '年度目标值',
    '预期值',
    '年初目标值',
    '计划值',
    '绩效目标值',
    '年度目标',
    '全年目标值',
    '年初设定目标',
    '指标值（年初设定）',
    '预期指标值',
    '计划完成值',
    '计划完成数',
    '年度计划值',
    '目标',
  ],
  actual: [
    '实际完成值',
    '全年实际值',
    '实际值',
    '完成值',
    '全年完成值',
    '实际完成情况',
    '年度实际完成值',
    '实际完成',
    '完成情况',
    '实际完成指标值',
    '全年实际完成值',
    '执行情况',
    '完成指标值',
    '实际完成数',
    '完成数',
    '达成值',
    '完成结果',
  ],
  weight: ['分值', '权重', '权重（%）', '分值（分）', '标准分值', '满分', '指标分值', '标准分', '（分值）', '指标权重', '指标权重（分）'],
  score: ['得分', '自评得分', '评分', '自评分', '实际得分', '得分（分）', '评价得分', '（得分）'],
};

const BODY = [
  ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 60],
  [null, '质量指标', '合格率', '≥95%', '96%', 40],
];

describe.each(Object.entries(SPELLINGS))('the %s column', (role, names) => {
  test.each(names)('headed "%s"', (name) => {
    const header = [...STANDARD];
    header[COLUMN[role as keyof typeof COLUMN]] = name;
    const outcome = evaluateGrid(gridFromRows([header, ...BODY]));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.evaluation.indicators.map((i) => [i.level3, i.weight, i.score])).toEqual([
      ['培训人数', 60, 48],
      ['合格率', 40, 40],
    ]);
  });
});

test('"绩效指标" as the side label left of 一级指标 is not taken for the level-3 column', () => {
  const outcome = evaluateGrid(gridFromRows([['绩效指标', ...STANDARD], ...BODY.map((r) => [null, ...r])]));
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.evaluation.indicators.map((i) => i.level3)).toEqual(['培训人数', '合格率']);
});

test.each(['偏差原因分析及改进措施', '未完成原因及改进措施', '扣分原因', '扣分说明'])('a column headed "%s" holds the deviation notes', (name) => {
  const header = [...STANDARD];
  header[7] = name;
  const body = BODY.map((r, i) => [...r, null, i === 0 ? '报名人数不足' : null]);
  const outcome = evaluateGrid(gridFromRows([header, ...body]));
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.evaluation.indicators[0].note).toBe('报名人数不足');
  expect(outcome.evaluation.problems.filter((p) => p.code === 'note-required')).toEqual([]);
});

test.each([
  ['年初指标值', '调整后指标值'],
  ['年初目标值', '全年目标值'],
  ['年初目标值', '年度指标值'],
])('"%s" and "%s": the adjusted target is scored, and a notice names both columns', (initial, adjusted) => {
  const header = ['一级指标', '二级指标', '三级指标', initial, adjusted, '实际完成值', '分值', '得分'];
  const outcome = evaluateGrid(gridFromRows([header, ['产出指标', '数量指标', '培训人数', '≥100人', '≥80人', '90人', 100]]));
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.evaluation.indicators[0]).toMatchObject({ target: '≥80人', status: 'met', score: 100 });
  expect(outcome.evaluation.problems.find((p) => p.code === 'target-adjusted')).toMatchObject({
    cell: 'E1',
    message: `E1：表中有两栏指标值：“${initial}”（D1）、“${adjusted}”（E1），按调整后的指标值评分`,
  });
});
