/**
 * One test per layout family: the example workbooks shipped in examples/ are located, parsed and
 * scored, and the write-back plan names the cells each family keeps its results in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import type { WritePlan } from '../../src/engine/write-plan';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { gridFromRows, standardForm, type StandardRow } from '../helpers/grid-builder';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

async function scoreExample(file: string, sheetIndex = 0): Promise<EvaluateOutcome> {
  const grids = await readWorkbookGrids(readFileSync(path.join(EXAMPLES, file)));
  return evaluateGrid(grids[sheetIndex]);
}

async function scored(file: string, sheetIndex = 0): Promise<{ evaluation: Evaluation; plan: WritePlan }> {
  const outcome = await scoreExample(file, sheetIndex);
  if (!outcome.ok) throw new Error(`expected ${file} to score: ${outcome.message}`);
  return outcome;
}

function written(plan: WritePlan, address: string): string | number | undefined {
  return plan.writes.find((w) => w.address === address)?.value;
}

function row(evaluation: Evaluation, sheetRow: number) {
  const found = evaluation.indicators.find((i) => i.row === sheetRow);
  if (!found) throw new Error(`no indicator on row ${sheetRow}`);
  return found;
}

describe('standard form (财预〔2020〕10号 附件)', () => {
  test('the seed table scores 98.75 / 优 with spread weights', async () => {
    const { evaluation, plan } = await scored('示例-专项资金自评表.xlsx');
    expect(evaluation.totalScore).toBe(98.75);
    expect(evaluation.grade).toBe('优');
    expect(evaluation.indicators.map((i) => i.weight)).toEqual([7.15, 7.15, 7.14, 7.14, 7.14, 7.14, 7.14, 30, 10]);
    expect(row(evaluation, 21).score).toBe(8.75);
    expect(evaluation.funds).toMatchObject({ initial: 10, adjusted: 10, executed: 10, rate: 1, weight: 10, score: 10, unit: '万元' });
    expect(row(evaluation, 13)).toMatchObject({ status: 'exceeded', flag: '超目标较多，需说明原因', completion: 1.6 });
    expect(evaluation.project).toMatchObject({
      name: '2024年全国两会信访维稳专项资金',
      department: '中共南岳区委社会工作部',
      unit: '中共南岳区委社会工作部',
      year: 2024,
    });
    // Results land in the form's own cells; the flag column is added right of the table.
    expect(written(plan, 'H13')).toBe(7.15);
    expect(written(plan, 'G13')).toBe(7.15);
    expect(written(plan, 'K12')).toBe('偏差标记');
    expect(written(plan, 'K13')).toBe('超目标较多，需说明原因');
    expect(written(plan, 'I6')).toBe(1);
    expect(written(plan, 'J6')).toBe(10);
    expect(written(plan, 'H22')).toBe(98.75);
    expect(written(plan, 'K22')).toBe('等级：优');
    expect(written(plan, 'I22')).toBeUndefined();
  });

  test('a messy form: table at B2, two-row header, placeholders, 其中 rows, weights in level-1 labels', async () => {
    const { evaluation, plan } = await scored('复杂表头-居家养老.xlsx', 1);
    expect(evaluation.sheet).toBe('2023年自评表');
    expect(evaluation.project.year).toBe(2023);
    // 指标2： (row 16), 其中 (row 21) and …… (row 22) are not indicators.
    expect(evaluation.indicators.map((i) => i.row)).toEqual([15, 17, 18, 19, 20, 23, 24]);
    expect(row(evaluation, 15)).toMatchObject({ level1: '产出指标', level2: '数量指标', level3: '居家养老服务人次', target: '≥12000人次', weight: 20 });
    expect(row(evaluation, 17)).toMatchObject({ level3: '服务回访满意率', core: true, status: 'met' });
    expect(row(evaluation, 23)).toMatchObject({ level1: '效益指标', level2: '可持续影响指标' });
    expect(evaluation.funds).toMatchObject({ adjusted: 53, executed: 51.5, summedFromSubRows: true });
    expect(evaluation.problems.map((p) => p.code)).toContain('funds-summed');
    expect(evaluation.totalWeight).toBe(100);
    expect(written(plan, 'K19')).toBe(4.76);
  });
});

describe('衔接资金 (分值 before the target)', () => {
  test('columns in their own order, percent fractions, a missed deadline', async () => {
    const { evaluation, plan } = await scored('衔接资金-农村公路养护.xlsx');
    expect(row(evaluation, 11)).toMatchObject({ weight: 15, score: 15, status: 'met', target: '不少于120公里' });
    expect(row(evaluation, 12)).toMatchObject({ weight: 10, score: 6.67, status: 'unmet', flag: '未完成（完成率66.7%）' });
    expect(row(evaluation, 13)).toMatchObject({ target: '100%', actual: '100%', status: 'met' });
    expect(row(evaluation, 14)).toMatchObject({ kind: 'date', status: 'needs-judgement', score: 0 });
    expect(row(evaluation, 15)).toMatchObject({ kind: 'lower', status: 'unmet', score: 9.23 });
    expect(row(evaluation, 18)).toMatchObject({ actual: '88.6%', status: 'met' });
    expect(evaluation.funds).toMatchObject({ adjusted: 320, executed: 288.5, score: 9.02 });
    expect(evaluation.funds?.rate).toBeCloseTo(0.9016, 4);
    expect(evaluation.totalScore).toBe(89.92);
    expect(written(plan, 'H12')).toBe(6.67);
    expect(written(plan, 'J12')).toBe('未完成（完成率66.7%）');
    expect(written(plan, 'I6')).toBe(9.02);
    expect(written(plan, 'H20')).toBe(89.92);
  });
});

describe('split target (指标性质 | 指标值 | 度量单位)', () => {
  test('targets are put together from three columns; the grade goes in the total row', async () => {
    const { evaluation, plan } = await scored('分列指标值-课后服务.xlsx');
    expect(evaluation.indicators.map((i) => i.target)).toEqual(['≥1500人次', '不低于80%', '═100%', '≤800元', '效果明显', '建立', '≥90%']);
    expect(row(evaluation, 12).kind).toBe('equal');
    expect(row(evaluation, 13)).toMatchObject({ kind: 'lower', status: 'met' });
    expect(row(evaluation, 15)).toMatchObject({ kind: 'qualitative', score: 10.5, note: '长效机制制度文件已起草，待区教育局审定。' });
    expect(evaluation.funds).toMatchObject({ unit: '元', adjusted: 1200000, executed: 1198600.5, score: 9.99 });
    expect(evaluation.totalScore).toBe(95.49);
    expect(written(plan, 'I17')).toBe(95.49);
    expect(written(plan, 'K17')).toBe('等级：优');
  });
});

describe('Sichuan (预算执行情况（10分） and 绩效指标（90分） blocks)', () => {
  test('权重 columns, the funds block with its own headers, a low execution rate', async () => {
    const { evaluation, plan } = await scored('四川-乡村公共文化服务.xlsx');
    expect(evaluation.funds).toMatchObject({ initial: 80, adjusted: 85, executed: 72.25, weight: 10, score: 8.5 });
    expect(evaluation.problems.find((p) => p.code === 'funds-low-rate')?.cell).toBe('E6');
    expect(row(evaluation, 12)).toMatchObject({ weight: 15, score: 11.25, note: '2个村选址调整，活动室建设顺延至2025年上半年。' });
    expect(row(evaluation, 15)).toMatchObject({ target: '≦5000元/场', kind: 'lower', status: 'met' });
    expect(evaluation.totalScore).toBe(94.75);
    expect(written(plan, 'E6')).toBe(0.85);
    expect(written(plan, 'G6')).toBe(8.5);
    expect(written(plan, 'I18')).toBe(94.75);
  });
});

describe('no weights at all (a Hunan county form)', () => {
  test('weights are spread and 分值/得分/偏差标记 columns and a 总分 row are added', async () => {
    const { evaluation, plan } = await scored('无分值-农村公路养护.xlsx');
    expect(evaluation.indicators.map((i) => i.weight)).toEqual(Array(9).fill(10));
    expect(evaluation.funds).toMatchObject({ weight: 10, score: 9.02 });
    expect(written(plan, 'H11')).toBe('分值');
    expect(written(plan, 'I11')).toBe('得分');
    expect(written(plan, 'J11')).toBe('偏差标记');
    expect(written(plan, 'B21')).toBe('总分');
    expect(written(plan, 'I21')).toBe(evaluation.totalScore);
    expect(evaluation.totalScore).toBe(84.92);
  });
});

describe("the seed's own table", () => {
  test('a table at B3 with actuals but no funds block scores out of 90', async () => {
    const { evaluation } = await scored('指标表加实际值-信访维稳.xlsx');
    expect(evaluation.sheet).toBe('专项年度绩效指标');
    expect(evaluation.funds).toBeUndefined();
    expect(evaluation.totalWeight).toBe(90);
    expect(evaluation.totalScore).toBe(88.75);
    expect(evaluation.problems.map((p) => p.code)).toContain('funds-missing');
  });

  test('targets only: nothing to score, and a plan that adds the missing columns', async () => {
    const outcome = await scoreExample('仅指标值-信访维稳.xlsx');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toBe('targets-only');
    expect(outcome.message).toContain('实际完成值');
    expect(outcome.addColumnsPlan?.writes.map((w) => [w.address, w.value])).toEqual([
      // right of the table's own columns (A–D), not of the title merged over A1:E1
      ['E2', '实际完成值'],
      ['F2', '分值'],
      ['G2', '得分'],
      ['H2', '偏差原因分析及改进措施'],
    ]);
  });
});

describe('sheets that are not tables', () => {
  test('no table, and a header with no rows, are reported with the cell', () => {
    const empty = evaluateGrid(gridFromRows([['工作计划'], ['一、加强学习']]));
    expect(empty).toMatchObject({ ok: false, failure: 'no-table' });
    const headerOnly = evaluateGrid(gridFromRows([['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']]));
    expect(headerOnly).toMatchObject({ ok: false, failure: 'no-rows' });
    if (!headerOnly.ok) expect(headerOnly.message).toMatch(/^C1：/);
  });

  test('a second table on the sheet is reported, the first is scored', () => {
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
    const outcome = evaluateGrid(
      gridFromRows([
        header,
        ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
        ['满意度指标', '满意度', '满意度', '≥90%', '95%', 50],
        [],
        [],
        header,
        ['产出指标', '数量指标', '人数', '≥1人', '1人', 100],
      ]),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.evaluation.indicators).toHaveLength(2);
    expect(outcome.evaluation.problems.find((p) => p.code === 'other-tables')?.message).toContain('第6行');
    expect(outcome.tables).toEqual([
      { headerRow: 1, label: '培训人数等2项指标' },
      { headerRow: 6, label: '人数等1项指标' },
    ]);
  });

  test('the user can choose the second table by its header row', () => {
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
    const rows = [
      header,
      ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
      ['满意度指标', '满意度', '满意度', '≥90%', '95%', 50],
      [],
      [],
      header,
      ['产出指标', '数量指标', '人数', '≥2人', '1人', 100],
    ];
    const second = evaluateGrid(gridFromRows(rows), { tableRow: 6 });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.evaluation.indicators.map((i) => [i.row, i.level3, i.score])).toEqual([[7, '人数', 50]]);
    expect(second.evaluation.problems.find((p) => p.code === 'other-tables')?.message).toContain('第1行');
    const wrong = evaluateGrid(gridFromRows(rows), { tableRow: 3 });
    expect(wrong).toMatchObject({ ok: false, failure: 'no-table' });
    if (!wrong.ok) expect(wrong.message).toContain('第3行');
  });

  test('with two forms on one sheet, the chosen one uses its own project and funds block', () => {
    const rows = (name: string): StandardRow[] => [
      { level1: '产出指标', level2: '数量指标', level3: `${name}人数`, target: '≥10人', actual: '10人', weight: 90 },
    ];
    const first = standardForm(rows('甲'), { initial: 100, adjusted: 100, executed: 100, weight: 10 });
    const second = standardForm(rows('乙'), { initial: 100, adjusted: 100, executed: 50, weight: 10 });
    const offset = first.cells.length + 2;
    second.cells[2] = [
      { value: '项目名称', text: '项目名称', format: 'General' },
      { value: '第二个项目', text: '第二个项目', format: 'General' },
    ];
    const stacked = {
      ...first,
      cells: [...first.cells, [], [], ...second.cells],
      merges: [...first.merges, ...second.merges.map((m) => ({ ...m, top: m.top + offset, bottom: m.bottom + offset }))],
    };
    const outcome = evaluateGrid(stacked, { tableRow: 9 + offset });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.tables.map((t) => t.label)).toEqual(['测试项目', '第二个项目']);
    expect(outcome.evaluation.project.name).toBe('第二个项目');
    expect(outcome.evaluation.funds?.rate).toBe(0.5);
    expect(outcome.evaluation.funds?.cells.rate).toBe(`I${6 + offset}`);
    expect(outcome.evaluation.indicators.map((i) => i.level3)).toEqual(['乙人数']);
  });
});
