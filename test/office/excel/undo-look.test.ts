/**
 * 撤销本次评分 takes back the look a run gave the sheet, not only its values: the cells it styled
 * (Range.copyFrom "Formats", wrapText), the widths of the columns it added, the print area it
 * widened. The look is captured in the write batch before it is changed, and put back by undo's
 * one write, so the syncs stay as they were: a run one write (and one more to widen a print area),
 * undo one read and one write. Everything is compared on the fake's model, before and after.
 */
import { evaluateGrid } from '../../../src/engine/evaluate';
import { parseA1 } from '../../../src/engine/address';
import type { WritePlan } from '../../../src/engine/write-plan';
import { createExcelHost } from '../../../src/office/excel/host';
import { LOOK_BLOCK, MAX_CELL_LOOKS } from '../../../src/office/excel/write';
import type { ReplacedCell, UndoRecord } from '../../../src/app/ports';
import { withRun } from '../../../src/app/last-runs';
import { standardForm, type StandardRow } from '../../helpers/grid-builder';
import { cellsOf, FAKE_STANDARD_WIDTH, lookOfCell, looksOf, workbookFromGrid, type FakeSheet, type FakeWorkbook } from '../../helpers/fake-excel';
import { fakeExcelSession } from '../../helpers/fake-excel-session';

const use = fakeExcelSession();

const ROWS: StandardRow[] = [
  { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 40 },
  { level1: '产出指标', level2: '质量指标', level3: '合格率', target: '≥90%', actual: '95%', weight: 20 },
  // a placeholder row the unit left empty: no flag, its cell of the added column only styled
  { level1: '产出指标', level2: '时效指标', level3: '', target: '', actual: '' },
  { level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: '≥90%', actual: '200%', weight: 20 },
  { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '92%', weight: 10 },
];
const ALL_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

/** The form as a unit draws it: a bold, centred, bordered header row; bordered cells (rows 9–15, A–J); a print area. */
function drawnForm(sheet: FakeSheet): void {
  for (let row = 9; row <= 15; row++) {
    for (let col = 1; col <= 10; col++) {
      sheet.ensure(row, col).style = {
        borders: [...ALL_EDGES],
        ...(row === 9 ? { bold: true, horizontalAlignment: 'Center', fontName: '宋体', fontSize: 12 } : {}),
      };
    }
  }
  sheet.printArea = [{ top: 1, left: 1, bottom: 15, right: 10 }];
}

/** Everything of the sheet a run or its undo may change, as one comparable value. */
function stateOf(sheet: FakeSheet) {
  return { cells: cellsOf(sheet), looks: looksOf(sheet), widths: new Map(sheet.columnWidths), printArea: sheet.printArea.map((a) => ({ ...a })) };
}

async function setUp(extra: (sheet: FakeSheet) => void = () => undefined): Promise<{ model: FakeWorkbook; sheet: FakeSheet; plan: WritePlan }> {
  const model = use(workbookFromGrid(standardForm(ROWS)));
  const sheet = model.sheets[0];
  drawnForm(sheet);
  extra(sheet);
  const outcome = evaluateGrid((await createExcelHost().readActiveSheet()).grid);
  if (!outcome.ok) throw new Error(outcome.message);
  return { model, sheet, plan: outcome.plan };
}

/** Apply the plan and undo it, counting each one's syncs. */
async function runAndUndo(model: FakeWorkbook, plan: WritePlan, between: (record: UndoRecord) => void = () => undefined) {
  const host = createExcelHost();
  let syncs = model.syncCount;
  const record = await host.applyPlan(plan);
  const runSyncs = model.syncCount - syncs;
  between(record);
  syncs = model.syncCount;
  const result = await host.undo(record);
  return { record, result, runSyncs, undoSyncs: model.syncCount - syncs };
}

const at = (sheet: FakeSheet, address: string) => {
  const { row, col } = parseA1(address);
  return sheet.cell(row, col);
};

describe('undo puts back the look a run gave the sheet', () => {
  test("every cell's value and look, the column widths and the print area are as before the run; run 2 syncs, undo 2", async () => {
    const { model, sheet, plan } = await setUp();
    // the plan styles written cells and format-only cells, sizes a column and widens the print area
    expect(plan.writes.some((w) => w.style?.like)).toBe(true);
    expect(plan.formats?.length ?? 0).toBeGreaterThan(0);
    expect(plan.columnWidths?.length ?? 0).toBeGreaterThan(0);
    const before = stateOf(sheet);

    const host = createExcelHost();
    let syncs = model.syncCount;
    const record = await host.applyPlan(plan);
    // one write, and one more to widen the sheet's print area: as before the look was captured
    expect(model.syncCount - syncs).toBe(2);
    const during = stateOf(sheet);
    expect(during.looks).not.toEqual(before.looks);
    expect(during.widths).not.toEqual(before.widths);
    expect(during.printArea).not.toEqual(before.printArea);
    // what the record notes: the looks of the styled cells, the standard width of K, the old print area
    expect(record.columnWidths).toEqual({ K: null });
    expect(record.printArea).toBe('自评表!A1:J15');
    const formatOnly = new Set((plan.formats ?? []).map((f) => f.address));
    for (const cell of record.cells) {
      const styled = formatOnly.has(cell.address) || plan.writes.find((w) => w.address === cell.address)?.style !== undefined;
      expect({ address: cell.address, look: cell.look !== undefined }).toEqual({ address: cell.address, look: styled });
    }

    syncs = model.syncCount;
    const result = await host.undo(record);
    expect(model.syncCount - syncs).toBe(2); // one read, one write
    expect(result).toEqual({ restored: record.cells.length, keptEdited: [], keptUnknown: [] });
    expect(stateOf(sheet)).toEqual(before);
  });

  test('widening the print area fails: the cells stay written and their record is kept, without the print area', async () => {
    const { model, sheet, plan } = await setUp();
    const before = stateOf(sheet);
    const runBatch = model.run.bind(model);
    let calls = 0;
    model.run = (commands) => {
      if (++calls === 2) model.failNextSync('ActivityLimitReached'); // the print area's own sync
      runBatch(commands);
    };
    const host = createExcelHost();
    const record = await host.applyPlan(plan);
    expect(calls).toBe(2);
    expect(record.printArea).toBeUndefined();
    expect(sheet.printArea).toEqual(before.printArea);
    expect(at(sheet, plan.writes[0].address)?.value).toBe(plan.writes[0].value);
    model.run = runBatch;
    await host.undo(record);
    expect(stateOf(sheet)).toEqual(before);
  });

  test('a look of its own in the cells the run styles, and a width of its own in the column it sizes, come back as they were', async () => {
    const { model, sheet, plan } = await setUp((s) => {
      // the unit had drawn a dashed frame and italics beyond the form, and widened column K
      for (let row = 9; row <= 15; row++)
        s.ensure(row, 11).style = { italic: true, fontColor: '#FF0000', borders: ['EdgeLeft', 'DiagonalUp'], verticalAlignment: 'Center' };
      s.columnWidths.set(11, 80);
    });
    const before = stateOf(sheet);
    expect(looksOf(sheet).get('K12')).toMatchObject({ italic: true, fontColor: '#FF0000', edges: ['left', 'diagonalUp'] });
    const { record } = await runAndUndo(model, plan);
    expect(record.columnWidths).toEqual({ K: 80 });
    expect(stateOf(sheet)).toEqual(before);
  });

  test('a cell whose value the user changed after the run keeps its value and its look; the others go back', async () => {
    const { model, sheet, plan } = await setUp();
    const before = stateOf(sheet);
    const flag = plan.writes.find((w) => w.role === 'flag' && w.style)?.address as string;
    const empty = (plan.formats ?? [])[0].address;
    let kept: { flag: unknown; flagLook: unknown; empty: unknown; emptyLook: unknown } | undefined;
    const { result } = await runAndUndo(model, plan, () => {
      // the user explains the deviation over the run's flag, and notes something in a cell the run only styled
      Object.assign(at(sheet, flag) ?? {}, { value: '超额原因：追加了培训场次' });
      Object.assign(at(sheet, empty) ?? {}, { value: '见附件' });
      kept = {
        flag: cellsOf(sheet).get(flag),
        flagLook: lookOfCell(at(sheet, flag)),
        empty: cellsOf(sheet).get(empty),
        emptyLook: lookOfCell(at(sheet, empty)),
      };
    });
    expect(result.keptEdited).toEqual([flag, empty]);
    expect(result.keptUnknown).toEqual([]);
    // kept whole: the run's copied border and wrap stay with the user's text
    expect(kept?.flagLook).toMatchObject({ wrap: true, edges: expect.arrayContaining(['top', 'bottom', 'left', 'right']) });
    expect({
      flag: cellsOf(sheet).get(flag),
      flagLook: lookOfCell(at(sheet, flag)),
      empty: cellsOf(sheet).get(empty),
      emptyLook: lookOfCell(at(sheet, empty)),
    }).toEqual(kept);
    // everything else as before the run, widths and print area included
    const after = stateOf(sheet);
    for (const address of [flag, empty]) {
      after.cells.delete(address);
      after.looks.delete(address);
      before.cells.delete(address);
      before.looks.delete(address);
    }
    expect(after).toEqual(before);
  });

  test('formatting the user gave a result cell after the run is not an edit: the cell and its look go back', async () => {
    const { model, sheet, plan } = await setUp();
    const before = stateOf(sheet);
    const flag = plan.writes.find((w) => w.role === 'flag' && w.style)?.address as string;
    const { result } = await runAndUndo(model, plan, () => {
      const cell = at(sheet, flag);
      if (cell?.style) cell.style.bold = true;
    });
    expect(result.keptEdited).toEqual([]);
    expect(stateOf(sheet)).toEqual(before);
  });

  test('a record saved by an older version (no looks, widths or print area) still undoes the values, and leaves the look', async () => {
    const { model, sheet, plan } = await setUp();
    const before = stateOf(sheet);
    const formatOnly = new Set((plan.formats ?? []).map((f) => f.address));
    const { result, undoSyncs } = await runAndUndo(model, plan, (record) => {
      // what an older version saved: the written cells only, without their looks
      record.cells = record.cells.filter((c) => !formatOnly.has(c.address)).map(({ look: _look, ...cell }): ReplacedCell => cell);
      delete record.columnWidths;
      delete record.printArea;
    });
    expect(undoSyncs).toBe(2);
    expect(result).toEqual({ restored: plan.writes.length, keptEdited: [], keptUnknown: [] });
    // every value is back as it was
    const values = (state: ReturnType<typeof stateOf>) => new Map([...state.cells].filter(([, c]) => c.value !== null || c.formula !== undefined));
    expect(values(stateOf(sheet))).toEqual(values(before));
    // the look is left as the run made it: the record does not know it
    expect(stateOf(sheet).looks).not.toEqual(before.looks);
    expect(sheet.columnWidths.get(11)).not.toBe(undefined);
  });

  test("a ribbon run's record goes through the document's settings with its looks, widths and print area, and undoes them", async () => {
    const { model, sheet, plan } = await setUp();
    const before = stateOf(sheet);
    const record = await createExcelHost().applyPlan(plan);
    await createExcelHost().saveLastRuns((saved) => withRun(saved, record));
    expect(model.storedValue('lastRuns')).toHaveLength(1);
    // a page started later (the pane) loads it from the document
    const pane = createExcelHost();
    await pane.refreshSettings();
    const [loaded] = pane.loadLastRuns();
    expect(loaded).toEqual(record);
    const syncs = model.syncCount;
    await pane.undo(loaded);
    expect(model.syncCount - syncs).toBe(2);
    expect(stateOf(sheet)).toEqual(before);
  });

  test('two runs on the sheet: undo of the merged record goes back to before the first, look included', async () => {
    const { sheet, plan } = await setUp();
    const before = stateOf(sheet);
    const host = createExcelHost();
    const first = await host.applyPlan(plan);
    const outcome = evaluateGrid((await host.readActiveSheet()).grid);
    if (!outcome.ok) throw new Error(outcome.message);
    const second = await host.applyPlan(outcome.plan);
    const [merged] = withRun(withRun([], first), second);
    await host.undo(merged);
    expect(stateOf(sheet)).toEqual(before);
  });
});

/** A standard form of `count` indicator rows, drawn as drawnForm draws the small one. */
async function largeForm(count: number, extra: (sheet: FakeSheet) => void = () => undefined) {
  const many: StandardRow[] = Array.from({ length: count }, (_, i) => ({
    level1: i === 0 ? '产出指标' : undefined,
    level2: i === 0 ? '数量指标' : undefined,
    level3: `指标${i + 1}`,
    target: '≥10人',
    actual: `${8 + (i % 5)}人`,
  }));
  const model = use(workbookFromGrid(standardForm(many)));
  const sheet = model.sheets[0];
  drawnForm(sheet);
  extra(sheet);
  const host = createExcelHost();
  const outcome = evaluateGrid((await host.readActiveSheet()).grid);
  if (!outcome.ok) throw new Error(outcome.message);
  return { model, sheet, host, plan: outcome.plan };
}

describe('a sheet of thousands of rows: the looks are loaded per column run, still in the one write', () => {
  test('2,500 rows (more styled cells than MAX_CELL_LOOKS): run and undo 2 syncs each, every look back as it was', async () => {
    const { model, sheet, host, plan } = await largeForm(2500);
    expect(plan.writes.filter((w) => w.style).length + (plan.formats?.length ?? 0)).toBeGreaterThan(MAX_CELL_LOOKS);
    const before = stateOf(sheet);
    let syncs = model.syncCount;
    const record = await host.applyPlan(plan);
    expect(model.syncCount - syncs).toBe(2); // the write, and the print area's widening
    expect(stateOf(sheet).looks).not.toEqual(before.looks);
    syncs = model.syncCount;
    await host.undo(record);
    expect(model.syncCount - syncs).toBe(2);
    expect(stateOf(sheet)).toEqual(before);
  });

  test('what the cells of a block did not share before is not known: left as the run made it there, the rest put back', async () => {
    // K12 alone was italic and framed on the left: the block K9…K40 (LOOK_BLOCK cells) differs in those
    expect(LOOK_BLOCK).toBe(32);
    const { sheet, host, plan } = await largeForm(2500, (s) => (s.ensure(12, 11).style = { italic: true, borders: ['EdgeLeft'] }));
    const before = stateOf(sheet);
    await host.undo(await host.applyPlan(plan));
    const after = stateOf(sheet);
    // in K9…K40 the italic and the left border stay as the run made them (K9…K15 copied the form's
    // framed cells: left border, not italic); wrap and the other edges are put back
    for (let row = 9; row <= 40; row++) {
      const expected = row <= 15 ? { ...lookOfCell(undefined), edges: ['left'] } : undefined;
      expect([row, after.looks.get(`K${row}`)]).toEqual([row, expected]);
      after.looks.delete(`K${row}`);
      before.looks.delete(`K${row}`);
      after.cells.delete(`K${row}`);
      before.cells.delete(`K${row}`);
    }
    // everything else, K41 on included, as before
    expect(after).toEqual(before);
  });
});

describe('a write that fails part way puts the look back too', () => {
  test('a plan in two batches whose second fails: the looks and column widths the first set are put back with its values', async () => {
    // 6,000 flags of some 700 bytes: three runs of the added column (MAX_RUN_CELLS each), the first
    // two written with the first batch, the third too large to join them
    const count = 6000;
    const { model, sheet, host, plan } = await largeForm(count);
    const long = '需说明原因'.repeat(47);
    for (const w of plan.writes) if (w.role === 'flag') w.value = long;
    const before = stateOf(sheet);
    const first = model.batches.length;
    const runBatch = model.run.bind(model);
    let calls = 0;
    model.run = (commands) => {
      if (++calls === 2) model.failNextSync('ActivityLimitReached'); // the second write batch: Excel is busy
      runBatch(commands);
    };
    await expect(host.applyPlan(plan)).rejects.toMatchObject({ code: 'busy', message: expect.stringContaining('均已恢复原样') });
    // the first batch was written whole, the look of the added column with it
    // the first batch was written whole, the look of most of the added column with it
    expect(model.batches[first].kinds).toEqual(expect.arrayContaining(['copyFrom', 'wrapText', 'columnWidth', 'values']));
    // the first batch had styled its cells of the added column and sized it: all back as before
    expect(stateOf(sheet)).toEqual(before);
  });
});

describe('the fake models what undo relies on', () => {
  test('getCellProperties reports a never-formatted cell with the defaults, and setCellProperties of that leaves no style', async () => {
    const model = use(workbookFromGrid(standardForm(ROWS)));
    const sheet = model.sheets[0];
    sheet.ensure(30, 2).style = { bold: true, wrap: true, borders: ['EdgeTop', 'InsideHorizontal'], horizontalAlignment: 'Right' };
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet.name);
      const range = ws.getRange('A30:B30');
      const props = range.getCellProperties({
        format: { font: { bold: true, name: true }, borders: { style: true }, wrapText: true, horizontalAlignment: true },
      });
      await context.sync();
      const [[plain, styled]] = props.value;
      expect(plain.format?.font).toEqual({ bold: false, name: 'Calibri' });
      expect(plain.format?.borders?.top?.style).toBe('None');
      expect(styled.format).toMatchObject({ wrapText: true, horizontalAlignment: 'Right', font: { bold: true } });
      // an inside line draws both edges of a cell it was set on
      expect([styled.format?.borders?.top?.style, styled.format?.borders?.bottom?.style, styled.format?.borders?.left?.style]).toEqual([
        'Continuous',
        'Continuous',
        'None',
      ]);
      // B30 back to A30's look: no style left, as a cell never formatted
      ws.getRange('B30').setCellProperties([[{ format: plain.format }]]);
      await context.sync();
    });
    expect(sheet.cell(30, 2)?.style).toBeUndefined();
    expect(looksOf(sheet).has('B30')).toBe(false);
  });

  test('column widths: loaded as points or the standard width, set back to the standard with useStandardWidth', async () => {
    const model = use(workbookFromGrid(standardForm(ROWS)));
    const sheet = model.sheets[0];
    sheet.columnWidths.set(3, 90);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet.name);
      const c = ws.getRange('C:C').format.load(['columnWidth', 'useStandardWidth']);
      const d = ws.getRange('D:D').format.load(['columnWidth', 'useStandardWidth']);
      await context.sync();
      expect([c.columnWidth, c.useStandardWidth, d.columnWidth, d.useStandardWidth]).toEqual([90, false, FAKE_STANDARD_WIDTH, true]);
      ws.getRange('C:C').format.useStandardWidth = true;
      await context.sync();
    });
    expect(sheet.columnWidths.has(3)).toBe(false);
  });
});
