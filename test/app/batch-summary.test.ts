/**
 * Issue 14: the summary of many tables says what each table's own result says. Every figure is
 * checked against the single-file Evaluations (or the corpus's published scores), worked out here
 * from them directly, not through the summary's own helpers.
 */
import { summariseBatch, type BatchItem, type BatchSummary, type TableResult } from '../../src/app/batch-summary';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Evaluation, IndicatorResult } from '../../src/engine/evaluation';
import { batchOfEverything, DAMAGED_FILE, itemsOfWorkbook, NO_TABLE_FILE, noTableWorkbook } from '../helpers/batch-items';
import { gridFromRows, standardForm, withCellsAt } from '../helpers/grid-builder';
import { readCorpus } from '../helpers/real-tables';
import { readWorkbookGrids } from '../../src/xlsx/file';

let items: BatchItem[];
let summary: BatchSummary;
let scored: { item: TableResult; evaluation: Evaluation }[];

beforeAll(async () => {
  items = await batchOfEverything();
  summary = summariseBatch(items);
  scored = items.flatMap((item) => ('outcome' in item && item.outcome.ok ? [{ item, evaluation: item.outcome.evaluation }] : []));
}, 60_000);

const rowOf = (file: string, sheet: string) => summary.tables.find((t) => t.file === file && t.sheet === sheet);

/** 万元 from an amount in the sheet's unit, worked out here. */
function inWan(value: number | undefined, unit: string): number | undefined {
  if (value === undefined) return undefined;
  return unit === '元' ? value / 10_000 : unit === '亿元' ? value * 10_000 : value;
}

const COUNTED: Record<string, string> = {
  met: 'met',
  exceeded: 'exceeded',
  unmet: 'unmet',
  'needs-judgement': 'pending',
  'missing-actual': 'pending',
  unreadable: 'unreadable',
};

function countsOf(rows: IndicatorResult[]): Record<string, number> {
  const counts: Record<string, number> = { met: 0, exceeded: 0, unmet: 0, pending: 0, unreadable: 0 };
  for (const r of rows) if (COUNTED[r.status]) counts[COUNTED[r.status]]++;
  return counts;
}

describe('汇总: one row per scored table, as its own Evaluation says', () => {
  test('the batch scores the examples, fixtures and the whole corpus, and nothing else', () => {
    expect(scored.length).toBeGreaterThanOrEqual(25);
    expect(summary.tables).toHaveLength(scored.length);
    expect(summary.tables.map((t) => t.index)).toEqual(scored.map((_, i) => i + 1));
    for (const { file } of readCorpus()) expect(summary.tables.filter((t) => t.file.endsWith(file.replace(/\.json$/, '.xlsx')))).toHaveLength(1);
  });

  test('project fields, money in 万元, rate, funds score, total and grade', () => {
    for (const { item, evaluation } of scored) {
      const row = rowOf(item.file, item.sheet);
      expect(row).toBeDefined();
      if (!row) continue;
      expect([row.department, row.unit, row.project, row.year]).toEqual([
        evaluation.project.department,
        evaluation.project.unit,
        evaluation.project.name,
        evaluation.project.year,
      ]);
      const funds = evaluation.funds;
      // 全年预算数; on a form with 年初预算数 only, the 年初预算数 the rate is on.
      const budget = funds?.adjusted ?? (funds?.rateOn === 'initial' ? funds.initial : undefined);
      if (funds && budget !== undefined) expect(row.budget).toBeCloseTo(inWan(budget, funds.unit) as number, 8);
      else expect(row.budget).toBeUndefined();
      if (funds?.executed !== undefined) expect(row.executed).toBeCloseTo(inWan(funds.executed, funds.unit) as number, 8);
      else expect(row.executed).toBeUndefined();
      expect(row.rate).toBe(funds?.rate);
      expect(row.fundsScore).toBe(funds?.score);
      expect(row.totalScore).toBe(evaluation.totalScore);
      expect(row.grade).toBe(evaluation.grade);
      expect(row.problemCount).toBe(evaluation.problems.length);
    }
  });

  test('status counts match each table’s rows (not-applicable rows are not counted)', () => {
    for (const { item, evaluation } of scored) {
      const row = rowOf(item.file, item.sheet);
      const counts = countsOf(evaluation.indicators);
      expect({ met: row?.met, exceeded: row?.exceeded, unmet: row?.unmet, pending: row?.pending, unreadable: row?.unreadable }).toEqual(counts);
    }
    const applicable = scored.flatMap((s) => s.evaluation.indicators).filter((i) => i.status !== 'not-applicable').length;
    const t = summary.totals;
    expect(t.met + t.exceeded + t.unmet + t.pending + t.unreadable).toBe(applicable);
  });

  test('the unit’s own total is the total the corpus says it published, and the difference is against the rules', () => {
    let compared = 0;
    for (const { file, table } of readCorpus()) {
      const row = summary.tables.find((t) => t.file.endsWith(file.replace(/\.json$/, '.xlsx')));
      expect(row).toBeDefined();
      if (!row) continue;
      const published = table.published?.total;
      if (published === undefined) {
        expect(row.enteredTotal).toBeUndefined();
        expect(row.difference).toBeUndefined();
        continue;
      }
      compared++;
      expect(row.enteredTotal).toBe(published);
      expect(row.difference).toBeCloseTo(published - row.totalScore, 6);
    }
    expect(compared).toBeGreaterThanOrEqual(4);
    // 稷山县: the unit docked rows that met their targets, and printed 94 against 99.77 by the rules.
    const jishan = summary.tables.find((t) => t.file.includes('shanxi-jishan'));
    expect(jishan).toMatchObject({ enteredTotal: 94, totalScore: 99.77, difference: -5.77 });
  });

  test('the totals row sums money and counts, and rates the sums, not the average of rates', () => {
    const withBoth = summary.tables.filter((t) => t.budget !== undefined && t.executed !== undefined);
    const budget = summary.tables.reduce((s, t) => s + (t.budget ?? 0), 0);
    const executed = summary.tables.reduce((s, t) => s + (t.executed ?? 0), 0);
    expect(summary.totals.budget).toBeCloseTo(budget, 2);
    expect(summary.totals.executed).toBeCloseTo(executed, 2);
    const rate = withBoth.reduce((s, t) => s + (t.executed as number), 0) / withBoth.reduce((s, t) => s + (t.budget as number), 0);
    expect(summary.totals.rate).toBeCloseTo(rate, 10);
    const averageOfRates = withBoth.reduce((s, t) => s + (t.executed as number) / (t.budget as number), 0) / withBoth.length;
    expect(Math.abs(rate - averageOfRates)).toBeGreaterThan(0.001);
    expect(summary.totals.tables).toBe(summary.tables.length);
    expect(summary.totals.label).toBe(`合计（${summary.tables.length}张表）`);
    for (const key of ['met', 'exceeded', 'unmet', 'pending', 'unreadable'] as const) {
      expect(summary.totals[key]).toBe(summary.tables.reduce((s, t) => s + t[key], 0));
    }
  });

  test('the quoted problems are the table’s errors and warnings, errors first, each with its cell', () => {
    for (const { item, evaluation } of scored) {
      const serious = evaluation.problems.filter((p) => p.severity !== 'info');
      const ranked = [...serious.filter((p) => p.severity === 'error'), ...serious.filter((p) => p.severity === 'warning')];
      expect(rowOf(item.file, item.sheet)?.problems).toBe(
        ranked
          .slice(0, 3)
          .map((p) => p.message)
          .join('\n'),
      );
    }
    const withCell = scored.flatMap((s) => s.evaluation.problems).find((p) => p.cell && p.severity !== 'info');
    expect(summary.tables.some((t) => t.problems.includes(`${withCell?.cell}：`))).toBe(true);

    // The engine reports the missed row (a warning) before the unreadable target (an error) below it.
    const grid = standardForm([
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 45 },
      { level1: '产出指标', level2: '数量指标', level3: '宣传场次', target: '约十场', actual: '10场', weight: 45 },
    ]);
    const outcome = evaluateGrid(grid);
    const s = summariseBatch([{ file: 'f.xlsx', sheet: '自评表', outcome }]);
    const [first, second] = s.tables[0].problems.split('\n');
    expect(first).toMatch(/^E11：无法识别指标值“约十场”/);
    expect(second).toMatch(/^I10：本行未达到目标/);
    expect(s.tables[0].unreadable).toBe(1);
  });

  test('a table with notes only quotes none of them, but counts them', () => {
    const grid = standardForm([{ level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '100人', weight: 90 }]);
    const outcome = evaluateGrid(withCellsAt(grid, { H10: 80 }));
    expect(outcome.ok && outcome.evaluation.problems.every((p) => p.severity === 'info') && outcome.evaluation.problems.length > 0).toBe(true);
    const s = summariseBatch([{ file: 'f.xlsx', sheet: '自评表', outcome }]);
    expect(s.tables[0]).toMatchObject({ problems: '', problemCount: outcome.ok ? outcome.evaluation.problems.length : -1 });
  });

  test('grades are placed among their profile’s bands, whatever they are called', () => {
    const tiers = (profile: string, total: number) => {
      const form = standardForm([{ level1: '产出指标', level2: '数量指标', level3: '人数', target: '≥100人', actual: `${total}人`, weight: 90 }]);
      const outcome = evaluateGrid(form, { profile });
      const s = summariseBatch([{ file: 'a.xlsx', sheet: '自评表', outcome }]);
      return [s.tables[0].grade, s.tables[0].gradeTier];
    };
    expect(tiers('mof-2020', 100)).toEqual(['优', 'top']);
    expect(tiers('mof-2020', 80)).toEqual(['良', 'upper']);
    expect(tiers('mof-2020', 60)).toEqual(['中', 'middle']);
    expect(tiers('mof-2020', 30)).toEqual(['差', 'bottom']);
    expect(tiers('hunan-nanyue', 100)).toEqual(['优秀', 'top']);
    expect(tiers('hunan-nanyue', 80)).toEqual(['优良', 'upper']);
    expect(tiers('provincial-platform', 30)).toEqual(['差', 'bottom']);
  });

  test('a table kept in 元 is summed in 万元 with one kept in 万元', () => {
    const form = (unit: string, adjusted: number, executed: number) =>
      withCellsAt(
        standardForm([{ level1: '产出指标', level2: '数量指标', level3: '人数', target: '≥100人', actual: '100人', weight: 90 }], {
          initial: adjusted,
          adjusted,
          executed,
          weight: 10,
        }),
        { A5: `项目资金（${unit}）` },
      );
    const s = summariseBatch([
      { file: 'yuan.xlsx', sheet: '自评表', outcome: evaluateGrid(form('元', 1_000_000, 800_000)) },
      { file: 'wan.xlsx', sheet: '自评表', outcome: evaluateGrid(form('万元', 300, 300)) },
    ]);
    expect(s.tables.map((t) => [t.budget, t.executed])).toEqual([
      [100, 80],
      [300, 300],
    ]);
    expect(s.totals).toMatchObject({ budget: 400, executed: 380 });
    expect(s.totals.rate).toBeCloseTo(0.95, 10);
  });

  test('a form with 年初预算数 only (2016) has it as its budget, and counts in the totals and their rate', () => {
    const form2016 = gridFromRows([
      ['项目资金（万元）', null, '年初预算数(A)', '全年执行数(B)', '分值(10分)', '执行率(B/A)', '得分'],
      [null, '年度资金总额', 200, 150, 10, null, null],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '人数', '≥100人', '100人', 90, null],
    ]);
    const form2020 = standardForm([{ level1: '产出指标', level2: '数量指标', level3: '人数', target: '≥100人', actual: '100人', weight: 90 }], {
      initial: 100,
      adjusted: 200,
      executed: 200,
      weight: 10,
    });
    const s = summariseBatch([
      { file: '2016.xlsx', sheet: '自评表', outcome: evaluateGrid(form2016) },
      { file: '2020.xlsx', sheet: '自评表', outcome: evaluateGrid(form2020) },
    ]);
    expect(s.tables.map((t) => [t.budget, t.executed, t.rate])).toEqual([
      [200, 150, 0.75],
      [200, 200, 1],
    ]);
    expect(s.totals).toMatchObject({ budget: 400, executed: 350 });
    expect(s.totals.rate).toBeCloseTo(0.875, 10);
  });
});

describe('复核差异: every row whose entered 得分 is not the rules’ score', () => {
  test('in the corpus, exactly the rows whose published score differs from the engine’s', () => {
    let listed = 0;
    for (const { file, table } of readCorpus()) {
      const name = file.replace(/\.json$/, '.xlsx');
      const entry = scored.find((s) => s.item.file.endsWith(name));
      expect(entry).toBeDefined();
      if (!entry) continue;
      const published = table.published?.rowScores ?? {};
      const expected = entry.evaluation.indicators
        .filter((i) => published[String(i.row)] !== undefined && Math.abs(published[String(i.row)] - i.score) >= 0.005)
        .map((i) => ({ row: i.row, entered: published[String(i.row)], score: i.score }));
      const got = summary.differences.filter((d) => d.file.endsWith(name)).map((d) => ({ row: d.row, entered: d.entered, score: d.score }));
      expect(got).toEqual(expected);
      listed += got.length;
    }
    expect(listed).toBeGreaterThanOrEqual(20);
  });

  test('a row gives its indicator, target, actual, cell, the difference and the engine’s reason', () => {
    const d = summary.differences.find((r) => r.file.includes('shanxi-jishan') && r.row === 17);
    expect(d).toMatchObject({
      sheet: '自评表',
      cell: 'H17',
      level1: '效益指标',
      target: '95%',
      actual: '95%',
      weight: 30,
      entered: 27,
      score: 30,
      difference: -3,
      reason: '无偏差；按规则应得满分',
    });
    const short = summary.differences.find((r) => r.file.includes('hebei-langfang') && r.row === 14);
    expect(short?.reason).toBe('未完成（完成率86.2%）；按规则计8.62分');
    expect(short?.difference).toBe(0.38);
  });

  test('a hand-typed score on an example is listed; the same score as the rules is not', () => {
    const grid = standardForm([
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 50, note: '受天气影响' },
      { level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', target: '≥90%', actual: '95%', weight: 40 },
    ]);
    const typed = withCellsAt(grid, { H10: 50, H11: 40 });
    const s = summariseBatch([{ file: 'typed.xlsx', sheet: '自评表', outcome: evaluateGrid(typed) }]);
    expect(s.differences).toEqual([
      expect.objectContaining({ row: 10, level3: '培训人数', entered: 50, score: 40, difference: 10, reason: '未完成（完成率80%）；按规则计40分' }),
    ]);
  });
});

describe('偏差未说明: missed or much-exceeded rows with an empty 偏差原因 cell', () => {
  test('per table, the rows the engine asks a reason for (its note-required notices)', () => {
    for (const { item, evaluation } of scored) {
      const listed = summary.unexplained.filter((u) => u.file === item.file && u.sheet === item.sheet);
      const asked = evaluation.problems.filter((p) => p.code === 'note-required').length;
      expect(listed).toHaveLength(asked);
      for (const u of listed) {
        const row = evaluation.indicators.find((i) => i.row === u.row);
        expect(row?.note).toBeUndefined();
        expect(['unmet', 'exceeded']).toContain(row?.status);
        expect(u.noteCell).toBe(row?.cells.note ?? '表中无偏差原因栏');
        expect(u.situation).toBe(row?.flag);
      }
    }
    expect(summary.unexplained.length).toBeGreaterThan(5);
  });

  test('a filled reason, a met row and a row waiting for judgement are not listed', () => {
    const grid = standardForm([
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 30, note: '受天气影响' },
      { level1: '产出指标', level2: '数量指标', level3: '宣传场次', target: '≥10场', actual: '20场', weight: 30 },
      { level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', target: '≥90%', actual: '95%', weight: 20 },
      { level1: '效益指标', level2: '社会效益指标', level3: '服务效果', target: '明显提升', actual: '有待观察', weight: 10 },
    ]);
    const s = summariseBatch([{ file: 'f.xlsx', sheet: '自评表', outcome: evaluateGrid(grid) }]);
    expect(s.unexplained.map((u) => [u.row, u.level3, u.noteCell])).toEqual([[11, '宣传场次', 'I11']]);
    expect(s.unexplained[0].situation).toMatch(/^超目标较多/);
  });
});

describe('未能评分: files and sheets that could not be read', () => {
  test('the damaged file, the workbook with no table and the tables with targets only', () => {
    const byFile = (name: string) => summary.failures.filter((f) => f.file.endsWith(name));
    expect(byFile(DAMAGED_FILE)).toEqual([{ file: DAMAGED_FILE, sheet: '', message: expect.stringMatching(/截断|不完整|损坏/) }]);
    expect(byFile(NO_TABLE_FILE)).toEqual([{ file: NO_TABLE_FILE, sheet: '', message: expect.stringContaining('未找到绩效指标表') }]);
    const refused = items.filter((i) => 'outcome' in i && !i.outcome.ok) as TableResult[];
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const r of refused) {
      expect(byFile(r.file)).toContainEqual({ file: r.file, sheet: r.sheet, message: r.outcome.ok ? '' : r.outcome.message });
    }
    expect(summary.failures).toHaveLength(refused.length + 2);
    expect(summary.tables.some((t) => t.file === DAMAGED_FILE || t.file === NO_TABLE_FILE)).toBe(false);
  });

  test('a workbook with no table is one failure for the file, not one per sheet', async () => {
    const grids = await readWorkbookGrids(await noTableWorkbook());
    const extra = gridFromRows([['说明'], ['本册另附佐证材料']], { sheet: '附件' });
    const s = summariseBatch(itemsOfWorkbook('cover.xlsx', [...grids, extra]));
    expect(s.failures).toEqual([{ file: 'cover.xlsx', sheet: '', message: expect.stringContaining('未找到绩效指标表') }]);
    expect(s.tables).toEqual([]);
  });

  test('an empty batch has empty tables and zero totals, with no rate to divide by', () => {
    const s = summariseBatch([]);
    expect(s).toEqual({
      tables: [],
      totals: { label: '合计（0张表）', tables: 0, met: 0, exceeded: 0, unmet: 0, pending: 0, unreadable: 0 },
      differences: [],
      unexplained: [],
      failures: [],
    });
  });
});
