/**
 * One scoring run through the real Excel host over the fake object model: read once, score, write
 * once; the written cells are the plan's and nothing else; undo restores; settings matter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseA1 } from '../../src/engine/address';
import { gridColumnCount, type Grid } from '../../src/engine/grid';
import { FILLS, type WritePlan } from '../../src/engine/write-plan';
import { DEFAULT_SETTINGS, previewSheet, scoreActiveSheet, withoutStaleTableChoice, type ScoringRun } from '../../src/app/scoring-run';
import { createExcelHost } from '../../src/office/excel/host';
import { HostError, type WorkbookSettings } from '../../src/app/ports';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { standardForm, type StandardRow } from '../helpers/grid-builder';
import { cellsOf, FakeWorkbook, workbookFromGrid } from '../helpers/fake-excel';
import { fakeExcelSession } from '../helpers/fake-excel-session';

const SEED = path.join(__dirname, '..', '..', 'examples', '示例-专项资金自评表.xlsx');

let seedGrid: Grid;
beforeAll(async () => {
  [seedGrid] = await readWorkbookGrids(new Uint8Array(readFileSync(SEED)));
});

const use = fakeExcelSession();

function settings(changes: Partial<WorkbookSettings> = {}): WorkbookSettings {
  return { ...DEFAULT_SETTINGS, ...changes };
}

function written(run: ScoringRun): Extract<ScoringRun, { written: true }> {
  if (!run.written) throw new Error(`not written: ${run.outcome.message}`);
  return run;
}

function rows(count: number): StandardRow[] {
  return Array.from({ length: count }, (_, i) => ({
    level1: i === 0 ? '产出指标' : undefined,
    level2: i === 0 ? '数量指标' : undefined,
    level3: `指标${i + 1}`,
    target: '≥10人',
    actual: `${8 + (i % 5)}人`,
  }));
}

/** Each write of the plan is in the sheet: value, fill and number format. */
function expectPlanWritten(model: FakeWorkbook, plan: WritePlan): void {
  const sheet = model.sheet(plan.sheet);
  for (const w of plan.writes) {
    const { row, col } = parseA1(w.address);
    const cell = sheet.cell(row, col);
    expect({ address: w.address, value: cell?.value }).toEqual({ address: w.address, value: w.value });
    if (w.fill) expect(cell?.fill).toBe(`#${FILLS[w.fill].slice(2)}`);
    if (w.numberFormat) expect(cell?.format).toBe(w.numberFormat);
  }
}

/** Every cell not named by the plan is exactly as it was. */
function expectOnlyPlanChanged(before: ReturnType<typeof cellsOf>, after: ReturnType<typeof cellsOf>, plan: WritePlan): void {
  const targets = new Set(plan.writes.map((w) => w.address));
  const untouched = (cells: ReturnType<typeof cellsOf>) => [...cells].filter(([address]) => !targets.has(address));
  expect(untouched(after)).toEqual(untouched(before));
}

/** Two copies of the seed form, one under the other (headers at rows 12 and 12 + gap). */
function twoTables(): Grid {
  const gap = seedGrid.cells.length + 2;
  const cells = [...seedGrid.cells.map((r) => [...r]), [], [], ...seedGrid.cells.map((r) => [...r])].map((r) => {
    const line = [...r];
    line.length = gridColumnCount(seedGrid); // rows of a sparse grid end at their last cell
    return line;
  });
  const merges = [...seedGrid.merges, ...seedGrid.merges.map((m) => ({ ...m, top: m.top + gap, bottom: m.bottom + gap }))];
  const grid: Grid = { ...seedGrid, cells, merges };
  // the second table's first indicator misses its target
  grid.cells[gap + 12][5] = { value: '5人', text: '5人', format: 'General' };
  return grid;
}

/** The user inserts `count` empty rows at the top of the sheet: everything moves down. */
function insertRowsAbove(grid: Grid, count: number): Grid {
  const width = grid.cells[0].length;
  const empty = () => {
    const line: Grid['cells'][number] = [];
    line.length = width;
    return line;
  };
  return {
    ...grid,
    cells: [...Array.from({ length: count }, empty), ...grid.cells],
    merges: grid.merges.map((m) => ({ ...m, top: m.top + count, bottom: m.bottom + count })),
  };
}

describe('scoreActiveSheet on the seed example', () => {
  test("98.75 / 优 under mof-2020, in exactly 2 syncs; only the plan's cells change; undo restores all", async () => {
    const model = use(workbookFromGrid(seedGrid));
    const before = cellsOf(model.sheets[0]);
    const host = createExcelHost();

    const run = written(await scoreActiveSheet(host, settings()));
    expect(run.outcome.evaluation.totalScore).toBe(98.75);
    expect(run.outcome.evaluation.grade).toBe('优');
    expect(model.syncCount).toBe(2);

    expect(run.outcome.plan.writes.length).toBeGreaterThan(10);
    expectPlanWritten(model, run.outcome.plan);
    const after = cellsOf(model.sheets[0]);
    expectOnlyPlanChanged(before, after, run.outcome.plan);
    expect(run.undo.cells.map((c) => c.address)).toEqual(run.outcome.plan.writes.map((w) => w.address));

    // undo: a read of what the cells hold now, then the writes
    expect(await host.undo(run.undo)).toEqual({ restored: run.undo.cells.length, keptEdited: [], keptUnknown: [] });
    expect(model.syncCount).toBe(4);
    expect(cellsOf(model.sheets[0])).toEqual(before);
  });

  test("a second run replaces the first run's results and its undo goes back to them", async () => {
    const model = use(workbookFromGrid(seedGrid));
    const host = createExcelHost();
    const first = written(await scoreActiveSheet(host, settings()));
    const afterFirst = cellsOf(model.sheets[0]);
    const second = written(await scoreActiveSheet(host, settings({ profileId: 'hunan-nanyue' })));
    expect(second.outcome.evaluation.grade).toBe('优秀');
    expect(first.outcome.evaluation.grade).toBe('优');
    await host.undo(second.undo);
    expect(cellsOf(model.sheets[0])).toEqual(afterFirst);
  });

  test('a protected sheet: HostError("protected"), nothing written, one sync (the read)', async () => {
    const model = use(workbookFromGrid(seedGrid, { protected: true }));
    const before = cellsOf(model.sheets[0]);
    const error = await scoreActiveSheet(createExcelHost(), settings()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('protected');
    expect(cellsOf(model.sheets[0])).toEqual(before);
    expect(model.syncCount).toBe(1);
  });

  test('a sheet without a table: nothing written, a clear message', async () => {
    const model = use(
      workbookFromGrid({ sheet: '说明', top: 1, left: 1, cells: [[{ value: '本表无指标', text: '本表无指标', format: 'General' }]], merges: [] }),
    );
    const run = await scoreActiveSheet(createExcelHost(), settings());
    expect(run.written).toBe(false);
    if (!run.written) expect(run.outcome.message).toContain('未找到绩效指标表');
    expect(model.syncCount).toBe(1);
  });
});

describe('syncs do not grow with the sheet', () => {
  // 5000 rows style more cells than MAX_CELL_LOOKS: their looks are captured per column run (src/office/excel/write.ts)
  test.each([10, 1500, 5000])('%i indicator rows: exactly 2 syncs, the plan written, nothing else touched', async (count) => {
    const model = use(workbookFromGrid(standardForm(rows(count))));
    const before = cellsOf(model.sheets[0]);
    const run = written(await scoreActiveSheet(createExcelHost(), settings()));
    expect(model.syncCount).toBe(2);
    expect(run.outcome.evaluation.indicators).toHaveLength(count);
    expectPlanWritten(model, run.outcome.plan);
    expectOnlyPlanChanged(before, cellsOf(model.sheets[0]), run.outcome.plan);
  });
});

describe('the workbook settings change the outcome', () => {
  async function score(changes: Partial<WorkbookSettings>, grid: Grid = seedGrid) {
    use.end();
    const model = use(workbookFromGrid(grid));
    const run = written(await scoreActiveSheet(createExcelHost(), settings(changes)));
    return { model, run, evaluation: run.outcome.evaluation };
  }

  test("profile id: the same total, the seed unit's grade words", async () => {
    const { evaluation } = await score({ profileId: 'hunan-nanyue' });
    expect(evaluation.totalScore).toBe(98.75);
    expect(evaluation.grade).toBe('优秀');
    expect(evaluation.profile).toBe('hunan-nanyue');
  });

  test('an unknown saved profile id falls back to the default rules', async () => {
    const { evaluation } = await score({ profileId: 'gone-profile' });
    expect(evaluation.profile).toBe('mof-2020');
    expect(evaluation.grade).toBe('优');
  });

  test("overrides: a deduction for over-achievement and the user's own grade bands", async () => {
    const base = (await score({})).evaluation;
    const exceeded = base.indicators.filter((i) => i.status === 'exceeded');
    expect(exceeded.length).toBeGreaterThan(0);
    const { evaluation, model, run } = await score({
      overrides: {
        overAchievement: { threshold: 1.3, deduction: 1 },
        grades: [
          { min: 99, label: '卓越' },
          { min: 0, label: '合格' },
        ],
      },
    });
    expect(evaluation.totalScore).toBeCloseTo(base.totalScore - exceeded.length, 2);
    expect(evaluation.grade).toBe('合格');
    const gradeWrite = run.outcome.plan.writes.find((w) => w.role === 'grade');
    // the seed form has no 等级 cell of its own: the grade goes into the flag column, labelled
    expect(gradeWrite?.value).toBe('等级：合格');
    expect(cellsOf(model.sheets[0]).get(gradeWrite?.address ?? '')?.value).toBe('等级：合格');
  });

  test("judgements: the user's share for a qualitative row lowers its score", async () => {
    const base = (await score({})).evaluation;
    const qualitative = base.indicators.find((i) => i.kind === 'qualitative');
    expect(qualitative).toBeDefined();
    const row = qualitative?.row ?? 0;
    const { evaluation } = await score({ judgements: { [seedGrid.sheet]: { [row]: 0.5 } } });
    const judged = evaluation.indicators.find((i) => i.row === row);
    expect(judged?.score).toBeCloseTo((qualitative?.weight ?? 0) * 0.5, 2);
    expect(evaluation.totalScore).toBeLessThan(base.totalScore);
  });

  test('judgements for another sheet do not apply', async () => {
    const base = (await score({})).evaluation;
    const row = base.indicators.find((i) => i.kind === 'qualitative')?.row ?? 0;
    const { evaluation } = await score({ judgements: { 别的表: { [row]: 0 } } });
    expect(evaluation.totalScore).toBe(base.totalScore);
  });

  test('keepExistingScores keeps a hand-set score', async () => {
    const grid = structuredClone(seedGrid);
    grid.cells[12][7] = { value: 5, text: '5', format: 'General' }; // H13: a hand score
    const { evaluation } = await score({ keepExistingScores: true }, grid);
    expect(evaluation.indicators.find((i) => i.row === 13)?.score).toBe(5);
  });

  test('tableRows: the second table of a sheet holding two', async () => {
    const gap = seedGrid.cells.length + 2;
    const first = await score({}, twoTables());
    expect(first.run.outcome.tables.map((t) => t.headerRow)).toEqual([12, 12 + gap]);
    expect(first.evaluation.totalScore).toBe(98.75);

    const { evaluation, run, model } = await score({ tableRows: { [seedGrid.sheet]: 12 + gap } }, twoTables());
    expect(evaluation.indicators[0].row).toBe(13 + gap);
    expect(evaluation.totalScore).toBeLessThan(98.75);
    // the indicator results go to the second table; the first table's 得分 cells stay empty
    const rowResults = run.outcome.plan.writes.filter((w) => w.role === 'score' || w.role === 'flag' || w.role === 'total');
    expect(rowResults.length).toBeGreaterThan(evaluation.indicators.length);
    for (const w of rowResults) expect(parseA1(w.address).row).toBeGreaterThan(gap);
    for (let row = 13; row <= 21; row++) expect(model.sheets[0].cell(row, 8)?.value ?? null).toBeNull();
  });

  test('a stale table choice (rows inserted above it since) scores the first table, as the preview does', async () => {
    const gap = seedGrid.cells.length + 2;
    // The second table was chosen at row 12 + gap; three rows were inserted at the top since.
    const moved = insertRowsAbove(twoTables(), 3);
    const stale = settings({ tableRows: { [seedGrid.sheet]: 12 + gap } });
    const preview = previewSheet({ grid: moved, protected: false }, stale);
    expect(preview.ok).toBe(true);

    const { evaluation, run } = await score({ tableRows: stale.tableRows }, moved);
    expect(run.outcome.tables.map((t) => t.headerRow)).toEqual([15, 15 + gap]);
    // Not "第…行不是绩效指标表的表头": the first table, scored and written like any run.
    expect(evaluation.indicators[0].row).toBe(16);
    expect(evaluation.totalScore).toBe(98.75);
    expect(preview.ok && preview.evaluation).toEqual(evaluation);
    expect(run.outcome.plan.writes.every((w) => parseA1(w.address).row < 15 + gap)).toBe(true);
    // The caller (the pane) learns that the saved choice is stale from the run's tables.
    expect(withoutStaleTableChoice(stale, seedGrid.sheet, run.outcome.tables).tableRows).toEqual({});
  });

  test('a saved table choice that still matches is kept, even when the table fails', async () => {
    const gap = seedGrid.cells.length + 2;
    const grid = twoTables();
    // the second table loses its 实际完成值 header: targets only
    grid.cells[gap + 11] = grid.cells[gap + 11].map((cell) => (cell?.value === '实际完成值' ? undefined : cell));
    const chosen = settings({ tableRows: { [seedGrid.sheet]: 12 + gap } });
    use.end();
    use(workbookFromGrid(grid));
    const run = await scoreActiveSheet(createExcelHost(), chosen);
    expect(run.written).toBe(false);
    if (!run.written) expect(run.outcome.failure).toBe('targets-only');
    expect(withoutStaleTableChoice(chosen, seedGrid.sheet, run.outcome.tables)).toBe(chosen);
  });
});

describe('withoutStaleTableChoice', () => {
  const tables = [
    { headerRow: 9, label: '农民培训项目' },
    { headerRow: 22, label: '道路养护项目' },
  ];

  test('the same settings object when there is nothing to clear', () => {
    const none = settings();
    expect(withoutStaleTableChoice(none, '表', tables)).toBe(none);
    const valid = settings({ tableRows: { 表: 22 } });
    expect(withoutStaleTableChoice(valid, '表', tables)).toBe(valid);
    // another sheet's stale row is that sheet's business
    const other = settings({ tableRows: { 别的表: 5 } });
    expect(withoutStaleTableChoice(other, '表', tables)).toBe(other);
    // no table found at all: kept, the table may come back where it was
    const gone = settings({ tableRows: { 表: 22 } });
    expect(withoutStaleTableChoice(gone, '表', [])).toBe(gone);
  });

  test('a row that is none of the tables is dropped, for that sheet only', () => {
    const stale = settings({ tableRows: { 表: 25, 别的表: 5 }, profileId: 'hunan-nanyue' });
    const cleared = withoutStaleTableChoice(stale, '表', tables);
    expect(cleared).toEqual({ ...stale, tableRows: { 别的表: 5 } });
    expect(stale.tableRows).toEqual({ 表: 25, 别的表: 5 });
  });
});
