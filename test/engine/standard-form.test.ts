/** The standard form template: well-formed data that the engine recognises and scores once filled. */
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import { buildStandardForm, standardFormGrid, STANDARD_FORM_COLUMNS, STANDARD_FORM_TITLE } from '../../src/engine/standard-form';

const overlaps = (a: { top: number; left: number; bottom: number; right: number }, b: typeof a) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

function put(grid: Grid, row: number, col: number, value: string | number): void {
  grid.cells[row - 1][col - 1] = { value, text: String(value), format: 'General' };
}

describe('buildStandardForm', () => {
  const form = buildStandardForm(2024);

  test('a rectangle of 10 columns; merges do not overlap and hide no text', () => {
    for (const line of form.rows) expect(line).toHaveLength(STANDARD_FORM_COLUMNS);
    form.merges.forEach((m, i) => {
      for (const other of form.merges.slice(i + 1)) expect(overlaps(m, other)).toBe(false);
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) expect(form.rows[r - 1][c - 1]).toBe('');
      }
    });
    expect(form.columnWidths).toHaveLength(STANDARD_FORM_COLUMNS);
    for (const h of form.headers) expect(overlaps(h, form.table)).toBe(true);
  });

  test('the texts of 财预〔2020〕10号', () => {
    const texts = form.rows.flat();
    expect(form.rows[0][0]).toBe(STANDARD_FORM_TITLE);
    expect(form.rows[1][0]).toBe('（2024年度）');
    expect(buildStandardForm().rows[1][0]).toBe('（    年度）');
    for (const t of [
      '项目名称',
      '主管部门',
      '实施单位',
      '项目资金（万元）',
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '执行率',
      '年度资金总额',
      '其中：当年财政拨款',
      '上年结转资金',
      '其他资金',
      '年度总体目标',
      '预期目标',
      '实际完成情况',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '偏差原因分析及改进措施',
      '产出指标',
      '数量指标',
      '质量指标',
      '时效指标',
      '成本指标',
      '效益指标',
      '经济效益指标',
      '社会效益指标',
      '生态效益指标',
      '可持续影响指标',
      '满意度指标',
      '服务对象满意度指标',
      '总分',
    ]) {
      expect(texts).toContain(t);
    }
    expect(form.rows[form.indicatorHeaderRow - 1].slice(1, 9)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    expect(form.rows[form.totalRow - 1][0]).toBe('总分');
    expect(form.rows[form.totalRow - 1][6]).toBe(100);
  });
});

describe('the engine on the template', () => {
  test('an empty template: recognised, and a clear "no rows" outcome rather than a crash', () => {
    const form = buildStandardForm();
    const outcome = evaluateGrid(standardFormGrid(form));
    expect(outcome).toMatchObject({ ok: false, failure: 'no-rows', tables: [{ headerRow: form.indicatorHeaderRow }] });
    if (!outcome.ok) expect(outcome.message).toContain('没有指标行');
  });

  test('filled in, it scores: funds, every group, total and grade, results written to the right cells', () => {
    const form = buildStandardForm(2024);
    const grid = standardFormGrid(form, '自评表');
    put(grid, 3, 2, '农村公路养护专项资金');
    put(grid, 4, 2, '某县交通运输局');
    put(grid, 4, 7, '某县公路养护中心');
    put(grid, 6, 5, 100);
    put(grid, 6, 6, 100);
    put(grid, 6, 7, 95);
    const rows: [string, string, string][] = [
      ['养护里程', '≥120公里', '126公里'], // 数量
      ['养护站点数', '≥5个', '5个'],
      ['路面优良率', '≥85%', '80%'], // 质量: unmet
      ['验收合格率', '100%', '100%'],
      ['完成时间', '2024年12月底前', '2024年11月'], // 时效
      ['每公里养护成本', '≤0.8万元', '0.75万元'], // 成本
      ['带动就业人数', '≥20人', '22人'], // 经济
      ['群众出行条件', '有效改善', '有效改善'], // 社会
      ['路域环境', '明显改善', '明显改善'], // 生态
      ['养护长效机制', '建立', '已建立'], // 可持续
      ['群众满意度', '≥90%', '93%'], // 满意度
    ];
    rows.forEach(([name, target, actual], i) => {
      const row = form.indicatorRows.first + i;
      put(grid, row, 4, name);
      put(grid, row, 5, target);
      put(grid, row, 6, actual);
    });
    put(grid, form.indicatorRows.first + 2, 9, '部分路段雨季施工受影响，已调整养护计划');

    const outcome = evaluateGrid(grid);
    if (!outcome.ok) throw new Error(outcome.message);
    const { evaluation, plan } = outcome;
    expect(evaluation.project).toMatchObject({ name: '农村公路养护专项资金', department: '某县交通运输局', unit: '某县公路养护中心', year: 2024 });
    expect(evaluation.funds).toMatchObject({ rate: 0.95, score: 9.5, weight: 10 });
    expect(evaluation.indicators).toHaveLength(rows.length);
    expect(evaluation.indicators.map((i) => i.level1)).toEqual([...Array(6).fill('产出指标'), ...Array(4).fill('效益指标'), '满意度指标']);
    expect(evaluation.totalWeight).toBe(100);
    const unmet = evaluation.indicators.find((i) => i.level3 === '路面优良率');
    expect(unmet?.status).toBe('unmet');
    expect(unmet?.score).toBeLessThan(unmet?.weight ?? 0);
    expect(evaluation.totalScore).toBeGreaterThan(90);
    expect(evaluation.totalScore).toBeLessThan(100);
    expect(evaluation.grade).toBe('优');
    // scores in 得分 (H), the total on the 总分 row
    expect(plan.writes).toContainEqual(expect.objectContaining({ address: `H${form.indicatorRows.first}`, role: 'score' }));
    expect(plan.writes).toContainEqual(expect.objectContaining({ address: `H${form.totalRow}`, role: 'total', value: evaluation.totalScore }));
  });
});
