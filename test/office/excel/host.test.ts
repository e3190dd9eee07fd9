/**
 * The Excel host against the fake object model (test/helpers/fake-excel.ts): the Grid it reads,
 * the number of syncs, the writes and their undo, error mapping, settings, the template sheet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { a1 } from '../../../src/engine/address';
import { evaluateGrid } from '../../../src/engine/evaluate';
import { buildStandardForm, HEADER_FILL } from '../../../src/engine/standard-form';
import { FILLS, type CellWrite, type WritePlan } from '../../../src/engine/write-plan';
import { DEFAULT_SETTINGS } from '../../../src/app/scoring-run';
import { createExcelHost } from '../../../src/office/excel/host';
import { LAST_RUNS_MAX_BYTES } from '../../../src/app/last-runs';
import { LEGACY_KEYS } from '../../../src/office/excel/legacy-settings';
import { SHEET_KEY_PROPERTY } from '../../../src/office/excel/sheet-key';
import { CELLS_PER_BLOCK, parseAreaList } from '../../../src/office/excel/read';
import { asCellInput, MAX_BATCH_BYTES } from '../../../src/office/excel/write';
import { missingRequirements } from '../../../src/office/requirements';
import { HostError, type UndoRecord, type WorkbookSettings } from '../../../src/app/ports';
import { readWorkbookGrids } from '../../../src/xlsx/file';
import { gridFromRows, standardForm, type StandardRow } from '../../helpers/grid-builder';
import { cellsOf, FAKE_PAYLOAD_LIMIT, FakeSheet, FakeWorkbook, sheetFromGrid, workbookFromGrid } from '../../helpers/fake-excel';
import { byPosition, canonicalGrid, fakeExcelSession } from '../../helpers/fake-excel-session';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xlsx'));

const use = fakeExcelSession();

const canonical = canonicalGrid;

function rows(count: number): StandardRow[] {
  return Array.from({ length: count }, (_, i) => ({
    level1: i === 0 ? '产出指标' : undefined,
    level2: i === 0 ? '数量指标' : undefined,
    level3: `指标${i + 1}`,
    target: '≥10人',
    actual: `${10 + (i % 5)}人`,
  }));
}

async function expectHostError(promise: Promise<unknown>, code: HostError['code']): Promise<HostError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).code).toBe(code);
  return error as HostError;
}

describe('readActiveSheet', () => {
  test.each(exampleFiles)('%s: the same Grid as the .xlsx reader', async (file) => {
    const grids = await readWorkbookGrids(new Uint8Array(readFileSync(path.join(EXAMPLES, file))));
    for (const grid of grids) {
      const fake = use(workbookFromGrid(grid));
      const snapshot = await createExcelHost().readActiveSheet();
      expect(canonical(snapshot.grid)).toEqual(canonical(grid));
      expect(snapshot.protected).toBe(false);
      expect(fake.syncCount).toBe(1);
    }
  });

  test.each([10, 5000])('one sync for a sheet of %i indicator rows', async (count) => {
    const grid = standardForm(rows(count));
    const fake = use(workbookFromGrid(grid));
    const snapshot = await createExcelHost().readActiveSheet();
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(fake.syncCount).toBe(1);
    expect(snapshot.grid.cells).toHaveLength(grid.cells.length);
    expect(snapshot.grid.cells[9 + count - 1][3]?.value).toBe(`指标${count}`);
  });

  test('a sheet too large for one response of Excel on the web is read in blocks, to the same Grid', async () => {
    const grid = standardForm(rows(16_000));
    const unlimited = use(workbookFromGrid(grid));
    unlimited.payloadLimit = Infinity; // as on desktop Excel, which has no such limit
    const whole = (await createExcelHost().readActiveSheet()).grid;
    expect(unlimited.syncCount).toBe(1);
    const fake = use(workbookFromGrid(grid));
    const snapshot = await createExcelHost().readActiveSheet();
    expect(canonical(snapshot.grid)).toEqual(canonical(whole));
    // the refused read, the size, then the blocks
    const blocks = Math.ceil(grid.cells.length / Math.floor(CELLS_PER_BLOCK / 10));
    expect(fake.syncCount).toBe(2 + blocks);
  });

  test('an empty sheet gives an empty grid', async () => {
    const model = new FakeWorkbook();
    model.sheets.push(new FakeSheet('空表'));
    use(model);
    const snapshot = await createExcelHost().readActiveSheet();
    expect(snapshot.grid).toEqual({ sheet: '空表', top: 1, left: 1, cells: [], merges: [] });
    const outcome = evaluateGrid(snapshot.grid);
    expect(outcome.ok).toBe(false);
  });

  test('formulas lose "=", errors keep their text, booleans, a table not at A1, the protection flag', async () => {
    const grid = gridFromRows(
      [
        ['三级指标', '年度指标值', { value: true, text: 'TRUE' }],
        [
          { value: 20, text: '20', formula: 'SUM(C5:C6)' },
          { value: null, text: '#DIV/0!', error: '#DIV/0!', formula: 'C5/0' },
          { value: 0.962, text: '96.2%', format: '0.0%' },
        ],
      ],
      { sheet: 'Sheet 1', top: 3, left: 2, merges: ['B6:D6'] },
    );
    use(workbookFromGrid(grid, { protected: true }));
    const snapshot = await createExcelHost().readActiveSheet();
    expect(snapshot.protected).toBe(true);
    expect(snapshot.grid).toMatchObject({ sheet: 'Sheet 1', top: 3, left: 2, merges: [{ top: 6, left: 2, bottom: 6, right: 4 }] });
    expect(snapshot.grid.cells[0][2]).toEqual({ value: true, text: 'TRUE', format: 'General' });
    expect(snapshot.grid.cells[1][0]).toEqual({ value: 20, text: '20', format: 'General', formula: 'SUM(C5:C6)' });
    expect(snapshot.grid.cells[1][1]).toEqual({ value: null, text: '#DIV/0!', format: 'General', error: '#DIV/0!', formula: 'C5/0' });
    expect(snapshot.grid.cells[1][2]).toEqual({ value: 0.962, text: '96.2%', format: '0.0%' });
  });

  test('a number too wide for its column ("####") gets its formatted text back', async () => {
    const grid = gridFromRows([[{ value: 1234567.5, text: '#####', format: '#,##0.00' }]]);
    use(workbookFromGrid(grid));
    const snapshot = await createExcelHost().readActiveSheet();
    expect(snapshot.grid.cells[0][0]?.text).toBe('1,234,567.50');
  });

  test('formatting alone does not widen the grid; merges outside the values are still listed', async () => {
    const sheet = sheetFromGrid(gridFromRows([['项目名称', '某项目']], { top: 2, left: 1 }));
    sheet.ensure(30, 20).fill = '#FF0000';
    sheet.merges = [{ top: 2, left: 2, bottom: 2, right: 8 }];
    const model = new FakeWorkbook();
    model.sheets.push(sheet);
    use(model);
    const snapshot = await createExcelHost().readActiveSheet();
    expect(snapshot.grid).toMatchObject({ top: 2, left: 1 });
    expect(snapshot.grid.cells).toHaveLength(1);
    expect(snapshot.grid.cells[0]).toHaveLength(2);
    expect(snapshot.grid.merges).toEqual([{ top: 2, left: 2, bottom: 2, right: 8 }]);
  });
});

describe('parseAreaList', () => {
  test('plain, quoted and Chinese sheet names; commas inside quotes', () => {
    expect(parseAreaList('自评表!A1:J1, 自评表!A5:A9')).toEqual([
      { top: 1, left: 1, bottom: 1, right: 10 },
      { top: 5, left: 1, bottom: 9, right: 1 },
    ]);
    expect(parseAreaList("'Sheet 1'!A1:B2,'Sheet 1'!$C$3")).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 3, left: 3, bottom: 3, right: 3 },
    ]);
    expect(parseAreaList("'自评表, 2024''s'!B13:B19")).toEqual([{ top: 13, left: 2, bottom: 19, right: 2 }]);
    expect(parseAreaList('A1:B2')).toEqual([{ top: 1, left: 1, bottom: 2, right: 2 }]);
    expect(parseAreaList('')).toEqual([]);
  });
});

function plan(writes: CellWrite[], sheet = '自评表'): WritePlan {
  return { sheet, writes, kept: [] };
}

function seedLikeSheet(): FakeWorkbook {
  const grid = standardForm(rows(6));
  const model = workbookFromGrid(grid);
  const sheet = model.sheets[0];
  sheet.ensure(10, 8).fill = '#00B0F0'; // H10: a fill the user set
  const h11 = sheet.ensure(11, 8);
  h11.value = 3;
  h11.format = '0.0';
  const h12 = sheet.ensure(12, 8);
  h12.formula = 'G12*0.9';
  h12.value = null;
  return model;
}

describe('applyPlan and undo', () => {
  const writes: CellWrite[] = [
    { address: 'H10', value: 5, role: 'score' },
    { address: 'H11', value: 4.5, role: 'score' },
    { address: 'H12', value: 4, role: 'score' },
    { address: 'J10', value: '无偏差', role: 'flag', fill: 'green' },
    { address: 'J11', value: '未完成（完成率90%）', role: 'flag', fill: 'red' },
    { address: 'J12', value: '=危险', role: 'flag' },
    { address: 'I6', value: 0.9, role: 'funds-rate', numberFormat: '0.00%' },
  ];

  test('one sync, one values write per column run, previous state captured before the writes', async () => {
    const fake = use(seedLikeSheet());
    const before = cellsOf(fake.sheets[0]);
    const record = await createExcelHost().applyPlan(plan(writes));
    expect(fake.syncCount).toBe(1);
    // 3 column runs (H10:H12, J10:J12, I6): one values write each, not one per cell; loads first
    const kinds = fake.batches[0].kinds;
    const count = (kind: string) => kinds.filter((k) => k === kind).length;
    expect(count('values')).toBe(3);
    expect(count('numberFormat')).toBe(1); // only the I6 run carries a format
    expect(count('setCellProperties')).toBe(1); // only the J run carries fills
    expect(count('load')).toBe(3);
    expect(count('getCellProperties')).toBe(3);
    expect(kinds.lastIndexOf('load')).toBeLessThan(kinds.indexOf('values'));
    expect(kinds.lastIndexOf('getCellProperties')).toBeLessThan(kinds.indexOf('values'));

    const sheet = fake.sheets[0];
    expect(sheet.cell(10, 8)).toMatchObject({ value: 5, fill: '#00B0F0' });
    expect(sheet.cell(12, 8)?.formula).toBeUndefined();
    expect(sheet.cell(10, 10)).toMatchObject({ value: '无偏差', fill: `#${FILLS.green.slice(2)}` });
    expect(sheet.cell(11, 10)).toMatchObject({ fill: `#${FILLS.red.slice(2)}` });
    expect(sheet.cell(12, 10)).toMatchObject({ value: '=危险' }); // text, not a formula
    expect(sheet.cell(12, 10)?.formula).toBeUndefined();
    expect(sheet.cell(6, 9)).toMatchObject({ value: 0.9, format: '0.00%' });

    expect(record.sheet).toBe('自评表');
    expect(record.cells.map((c) => c.address)).toEqual(writes.map((w) => w.address));
    // what was there before, and what the run wrote (a protected text without its apostrophe)
    expect(record.cells.find((c) => c.address === 'H10')).toEqual({ address: 'H10', value: '', numberFormat: 'General', fill: '#00B0F0', written: 5 });
    expect(record.cells.find((c) => c.address === 'H11')).toEqual({ address: 'H11', value: 3, numberFormat: '0.0', fill: null, written: 4.5 });
    expect(record.cells.find((c) => c.address === 'H12')).toMatchObject({ formula: '=G12*0.9', fill: null, written: 4 });
    expect(record.cells.find((c) => c.address === 'J12')?.written).toBe('=危险');

    // nothing outside the plan changed
    const after = cellsOf(sheet);
    const targets = new Set(writes.map((w) => w.address));
    for (const [address, cell] of before) if (!targets.has(address)) expect(after.get(address)).toEqual(cell);
    for (const address of after.keys()) if (!targets.has(address)) expect(before.has(address)).toBe(true);

    expect(await createExcelHost().undo(record)).toEqual({ restored: writes.length, keptEdited: [], keptUnknown: [] });
    // a read of what the cells hold now, then the writes
    expect(fake.syncCount).toBe(3);
    expect(fake.batches[1].kinds.every((k) => k === 'load')).toBe(true);
    expect(fake.batches[2].kinds).toContain('formulas');
    const restored = cellsOf(sheet);
    expect(restored.get('H12')?.formula).toBe('G12*0.9');
    expect(restored.get('H10')).toEqual({ value: null, format: 'General', fill: '#00B0F0', text: '' }); // empty, the user's fill kept
    expect(sheet.cell(10, 10)).toMatchObject({ value: null, fill: null });
    expect(restored.get('H11')).toEqual(before.get('H11'));
    // formula cells get their formula back (the fake computes nothing); every other cell is as it was
    restored.delete('H12');
    before.delete('H12');
    expect(restored).toEqual(before);
  });

  test('a plan larger than one request is split into chunks; undo puts everything back', async () => {
    const count = 12_000;
    const grid = standardForm(rows(count));
    const fake = use(workbookFromGrid(grid));
    const before = cellsOf(fake.sheets[0]);
    const long = '未完成，需填写偏差原因：实际完成值低于年度指标值，请在偏差原因分析及改进措施栏中说明原因和下一步改进措施。'.repeat(3);
    const huge = plan(
      Array.from({ length: count }, (_, i): CellWrite[] => [
        { address: a1(10 + i, 8), value: i % 7, role: 'score' },
        { address: a1(10 + i, 10), value: long, role: 'flag', fill: i % 2 ? 'red' : 'amber' },
      ]).flat(),
    );
    const record = await createExcelHost().applyPlan(huge);
    // as one batch it would be far over Excel's 5 MB: each chunk stays under it
    expect(fake.batches.reduce((sum, b) => sum + b.bytes, 0)).toBeGreaterThan(FAKE_PAYLOAD_LIMIT);
    expect(fake.syncCount).toBe(fake.batches.length);
    expect(fake.syncCount).toBeGreaterThan(1);
    for (const batch of fake.batches) {
      expect(batch.bytes).toBeLessThan(MAX_BATCH_BYTES * 1.5);
      expect(batch.responseBytes).toBeLessThan(MAX_BATCH_BYTES * 1.5);
    }
    expect(fake.sheets[0].cell(10 + count - 1, 10)?.value).toBe(long);
    expect(record.cells).toHaveLength(huge.writes.length);

    const syncs = fake.syncCount;
    expect(await createExcelHost().undo(record)).toEqual({ restored: huge.writes.length, keptEdited: [], keptUnknown: [] });
    expect(cellsOf(fake.sheets[0])).toEqual(before);
    // the read and the writes are split under the limit too
    for (const batch of fake.batches.slice(syncs)) {
      expect(batch.bytes).toBeLessThan(MAX_BATCH_BYTES * 1.5);
      expect(batch.responseBytes).toBeLessThan(MAX_BATCH_BYTES * 1.5);
    }
  });

  test('undo keeps the cells edited since the run, names them, and restores the others: two syncs', async () => {
    const fake = use(seedLikeSheet());
    const sheet = fake.sheets[0];
    const before = cellsOf(sheet);
    const record = await createExcelHost().applyPlan(plan(writes));
    const scored = cellsOf(sheet);
    // later, the user types their own score, a note in the flag column, a formula
    Object.assign(sheet.ensure(11, 8), { value: 4 }); // H11: the run wrote 4.5
    Object.assign(sheet.ensure(11, 10), { value: '已说明：因疫情延期' }); // J11: the run's flag replaced
    Object.assign(sheet.ensure(12, 8), { value: 4, formula: 'G12*0.8' }); // H12: same value as the run's, but a formula
    // Excel gives a number back within its 15 digits: still what the run wrote
    sheet.ensure(6, 9).value = 0.9 + 1e-15;
    const syncs = fake.syncCount;

    const result = await createExcelHost().undo(record);
    expect(result).toEqual({ restored: 4, keptEdited: ['H11', 'H12', 'J11'], keptUnknown: [] });
    expect(fake.syncCount).toBe(syncs + 2);

    const after = cellsOf(sheet);
    // the edits are kept as typed, with what the run left around them (J11's fill)
    expect(after.get('H11')).toMatchObject({ value: 4, format: '0.0' });
    expect(after.get('J11')).toEqual({ ...scored.get('J11'), value: '已说明：因疫情延期', text: '已说明：因疫情延期' });
    expect(sheet.cell(12, 8)).toMatchObject({ formula: 'G12*0.8' });
    // the others are as before the run: the protected text "=危险" matched what the run wrote
    for (const address of ['H10', 'J10', 'J12', 'I6']) expect([address, after.get(address)]).toEqual([address, before.get(address)]);
  });

  test("a number written into a text-formatted cell comes back as text: still the run's, restored", async () => {
    const fake = use(seedLikeSheet());
    const sheet = fake.sheets[0];
    const record = await createExcelHost().applyPlan(plan([{ address: 'H11', value: 4.5, role: 'score' }]));
    sheet.ensure(11, 8).value = '4.5'; // as Excel keeps a number written into an "@" cell
    expect(await createExcelHost().undo(record)).toEqual({ restored: 1, keptEdited: [], keptUnknown: [] });
    expect(sheet.cell(11, 8)).toMatchObject({ value: 3, format: '0.0' });
    // but a text the run wrote matches exactly only
    const flag = await createExcelHost().applyPlan(plan([{ address: 'J10', value: '无偏差', role: 'flag' }]));
    sheet.ensure(10, 10).value = '无偏差 ';
    expect(await createExcelHost().undo(flag)).toEqual({ restored: 0, keptEdited: ['J10'], keptUnknown: [] });
  });

  test('when every cell was edited, undo writes nothing: one sync, the read', async () => {
    const fake = use(seedLikeSheet());
    const record = await createExcelHost().applyPlan(plan([{ address: 'H10', value: 5, role: 'score' }]));
    fake.sheets[0].ensure(10, 8).value = 6;
    const syncs = fake.syncCount;
    expect(await createExcelHost().undo(record)).toEqual({ restored: 0, keptEdited: ['H10'], keptUnknown: [] });
    expect(fake.syncCount).toBe(syncs + 1);
    expect(fake.sheets[0].cell(10, 8)).toMatchObject({ value: 6, fill: '#00B0F0' });
  });

  test("a cell put back by hand to its old value counts as restored (nothing of the user's is lost)", async () => {
    const fake = use(seedLikeSheet());
    const record = await createExcelHost().applyPlan(plan([{ address: 'H11', value: 4.5, role: 'score', numberFormat: '0.00' }]));
    fake.sheets[0].ensure(11, 8).value = 3;
    expect(await createExcelHost().undo(record)).toEqual({ restored: 1, keptEdited: [], keptUnknown: [] });
    expect(fake.sheets[0].cell(11, 8)).toMatchObject({ value: 3, format: '0.0' });
  });

  test('a batch Excel refuses as too large: a message that says what to do', async () => {
    const fake = use(workbookFromGrid(standardForm(rows(10))));
    fake.payloadLimit = 1000;
    const error = await expectHostError(createExcelHost().applyPlan(plan(writes)), 'unknown');
    expect(error.message).toContain('上限');
    expect(error.messageEn).toContain('more data than Excel can transfer');
  });

  test('a later chunk that fails puts the earlier chunks back', async () => {
    const count = 12_000;
    const fake = use(workbookFromGrid(standardForm(rows(count))));
    const before = cellsOf(fake.sheets[0]);
    const long = '需说明原因'.repeat(40);
    const huge = plan(Array.from({ length: count }, (_, i): CellWrite => ({ address: a1(10 + i, 10), value: long, role: 'flag', fill: 'red' })));
    const runBatch = fake.run.bind(fake);
    let calls = 0;
    fake.run = (commands) => {
      if (++calls === 2) fake.failNextSync('ActivityLimitReached');
      runBatch(commands);
    };
    await expectHostError(createExcelHost().applyPlan(huge), 'busy');
    expect(cellsOf(fake.sheets[0])).toEqual(before);
  });

  test('a protected sheet: HostError("protected"), nothing written', async () => {
    const fake = use(seedLikeSheet());
    fake.sheets[0].protected = true;
    const before = cellsOf(fake.sheets[0]);
    const error = await expectHostError(createExcelHost().applyPlan(plan(writes)), 'protected');
    expect(error.message).toContain('自评表');
    expect(error.messageEn).toContain('protected');
    expect(error.message).toContain('未写入任何内容'); // true: the first write was refused
    expect(cellsOf(fake.sheets[0])).toEqual(before);
  });

  describe('a write stopped part way (Office keeps what the batch did before the failing command)', () => {
    /** A protected form whose score and flag cells are unlocked, as some issued templates are; I6 (执行率) stays locked. */
    function partlyLocked(): FakeWorkbook {
      const model = seedLikeSheet();
      const sheet = model.sheets[0];
      sheet.protected = true;
      sheet.unlock('H10:H12');
      sheet.unlock('J10:J12');
      return model;
    }

    test.each([
      ['the last read stands in for the lost loads', 'lost', true],
      ["the failed batch's own loads", 'kept', false],
    ] as const)('a locked cell after some written ones: the sheet as it was (%s)', async (_, loads, readFirst) => {
      const fake = use(partlyLocked());
      fake.loadsOfFailedBatch = loads;
      const sheet = fake.sheets[0];
      const before = cellsOf(sheet);
      const host = createExcelHost();
      if (readFirst) await host.readActiveSheet();
      const syncs = fake.syncCount;
      // H10:H12 are written, then I6 (locked) stops the batch
      const error = await expectHostError(host.applyPlan(plan(writes)), 'protected');
      expect(cellsOf(sheet)).toEqual(before);
      expect(sheet.cell(12, 8)?.formula).toBe('G12*0.9');
      expect(error.message).toContain('已写入的 3 个单元格均已恢复原样');
      expect(error.message).not.toContain('未写入任何内容');
      expect(error.messageEn).toContain('put back');
      // the failed write, a read of the cells, the rollback: nothing written into the locked cell
      expect(fake.syncCount - syncs).toBe(3);
    });

    test('neither the loads nor a read to fall back on: the message names the cells left written', async () => {
      const fake = use(partlyLocked());
      const error = await expectHostError(createExcelHost().applyPlan(plan(writes)), 'protected');
      // the score cells hold the run's values and what they held before is not known: named, not guessed
      expect(error.message).toContain('有 3 个单元格未能恢复原样');
      expect(error.message).toContain('：H10:H12。');
      expect(error.message).not.toContain('未写入任何内容');
      expect(error.messageEn).toContain('3 cell(s) could not be put back');
      expect(error.messageEn).toContain(': H10:H12.');
      expect(fake.sheets[0].cell(10, 8)?.value).toBe(5);
      // the flag and funds cells, which the batch never reached, are untouched
      expect(fake.sheets[0].cell(10, 10)?.value ?? null).toBeNull();
      expect(fake.sheets[0].cell(10, 10)?.fill ?? null).toBeNull();
    });

    test('fills and formats already set when a later cell fails: put back from the loads; from a read, named', async () => {
      const withFormats = (): FakeWorkbook => {
        const model = partlyLocked();
        model.sheets[0].unlock('I6');
        model.sheets[0].allowFormatCells = true;
        return model;
      };
      // K5 is locked: H, I6 (value and format) and J (values and fills) are written before it fails
      const more = plan([...writes, { address: 'K5', value: '优', role: 'grade' }]);

      const kept = use(withFormats());
      kept.loadsOfFailedBatch = 'kept';
      const before = cellsOf(kept.sheets[0]);
      const error = await expectHostError(createExcelHost().applyPlan(more), 'protected');
      expect(cellsOf(kept.sheets[0])).toEqual(before);
      expect(error.message).toContain(`已写入的 ${writes.length} 个单元格均已恢复原样`);

      const lost = use(withFormats());
      const host = createExcelHost();
      await host.readActiveSheet();
      const partial = await expectHostError(host.applyPlan(more), 'protected');
      // values come back from the read; the fills it never saw (J12 has none), and I6's format (I6
      // was empty, so the read has no format for it), are named
      expect(partial.message).toContain('有 3 个单元格未能恢复原样');
      expect(partial.message).toContain('：I6、J10:J11。');
      const after = cellsOf(lost.sheets[0]);
      for (const [address, cell] of before) expect([address, after.get(address)?.value ?? null]).toEqual([address, cell.value]);
      expect(lost.sheets[0].cell(10, 10)?.fill).toBe(`#${FILLS.green.slice(2)}`);
    });

    test("a later chunk stopped part way: the earlier chunks and the failed one's written runs are put back", async () => {
      const count = 12_000;
      const fake = use(workbookFromGrid(standardForm(rows(count))));
      fake.loadsOfFailedBatch = 'kept';
      const sheet = fake.sheets[0];
      sheet.protected = true;
      sheet.allowFormatCells = true;
      sheet.unlock(`J10:J${9 + count - 1}`); // the last flag cell stays locked
      const before = cellsOf(sheet);
      const long = '需说明原因'.repeat(40);
      const huge = plan(Array.from({ length: count }, (_, i): CellWrite => ({ address: a1(10 + i, 10), value: long, role: 'flag', fill: 'red' })));
      const error = await expectHostError(createExcelHost().applyPlan(huge), 'protected');
      expect(error.message).toContain('均已恢复原样');
      expect(cellsOf(sheet)).toEqual(before);
    });
  });

  test('undo keeps an old text as text, whatever Excel would make of it typed', async () => {
    const texts = ['(12)', '1E5', '￥12', '12%', '2024-1-1', '#N/A', '１２'];
    // the fake reads a typed entry as Excel does: without an apostrophe the first five become numbers
    const probe = use(seedLikeSheet());
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('自评表').getRange('H40:H44').values = texts.slice(0, 5).map((t) => [t]);
      await context.sync();
    });
    expect([40, 41, 42, 43, 44].map((row) => probe.sheets[0].cell(row, 8)?.value)).toEqual([-12, 100000, 12, 0.12, 45292]);

    const fake = use(seedLikeSheet());
    const sheet = fake.sheets[0];
    texts.forEach((text, i) => Object.assign(sheet.ensure(20 + i, 8), { value: text }));
    const before = cellsOf(sheet);
    const record = await createExcelHost().applyPlan(plan(texts.map((_, i) => ({ address: `H${20 + i}`, value: i, role: 'score' as const }))));
    expect(sheet.cell(20, 8)?.value).toBe(0);
    expect(await createExcelHost().undo(record)).toEqual({ restored: texts.length, keptEdited: [], keptUnknown: [] });
    expect(texts.map((_, i) => sheet.cell(20 + i, 8)?.value)).toEqual(texts);
    expect(cellsOf(sheet)).toEqual(before);
    // a text Excel keeps as typed is written as it is
    expect(['无偏差', '偏差较大，需说明原因', 'TRUE', '=危险', '-', '12月'].map(asCellInput)).toEqual([
      '无偏差',
      '偏差较大，需说明原因',
      "'TRUE",
      "'=危险",
      "'-",
      "'12月",
    ]);
  });

  test('a write into a merged cell is a range of its own, so no range write cuts through a merge', async () => {
    const flags = plan([10, 11, 12].map((row) => ({ address: `J${row}`, value: '无偏差', role: 'flag' as const })));
    const valueWrites = (model: FakeWorkbook) => model.batches[model.batches.length - 1].kinds.filter((k) => k === 'values').length;

    const fake = use(workbookFromGrid(standardForm(rows(4))));
    fake.sheets[0].merges.push({ top: 11, left: 10, bottom: 11, right: 11 });
    const host = createExcelHost();
    await host.readActiveSheet(); // the host learns the merges from its read
    const record = await host.applyPlan(flags);
    expect(valueWrites(fake)).toBe(3); // J10, J11 (merged J11:K11), J12
    expect(record.cells).toHaveLength(3);
    expect(fake.sheets[0].cell(11, 10)?.value).toBe('无偏差');

    const plain = use(workbookFromGrid(standardForm(rows(4))));
    await createExcelHost().applyPlan(flags);
    expect(valueWrites(plain)).toBe(1); // J10:J12 in one write
  });
});

describe('error mapping', () => {
  test.each([
    ['InvalidOperationInCellEditMode', 'editing'],
    ['ActivityLimitReached', 'busy'],
    ['RequestAborted', 'busy'],
    ['ServiceNotAvailable', 'busy'],
    ['Conflict', 'busy'],
    ['ItemNotFound', 'stale'],
    ['InvalidArgument', 'unknown'],
  ] as const)('%s → %s', async (code, expected) => {
    const fake = use(seedLikeSheet());
    // an error of no meaning of its own may be the merged-areas limit: the read is tried once more,
    // in parts, where a lasting error fails again (a read changes nothing, so only a sync is spent)
    fake.failNextSync(code, undefined, 2);
    await expectHostError(createExcelHost().readActiveSheet(), expected);
    expect(fake.syncCount).toBe(expected === 'unknown' ? 2 : 1);
  });

  test('an unexplained read failure that does not last: the read in parts succeeds', async () => {
    const fake = use(seedLikeSheet());
    const whole = (await createExcelHost().readActiveSheet()).grid;
    fake.failNextSync('GeneralException', 'An internal error has occurred.');
    const syncs = fake.syncCount;
    expect(canonical((await createExcelHost().readActiveSheet()).grid)).toEqual(canonical(whole));
    // the failed read, the size and values, the merges in blocks
    expect(fake.syncCount - syncs).toBe(3);
  });

  test('a cell being edited fails every operation with the Enter/Esc advice', async () => {
    const fake = use(seedLikeSheet());
    fake.editing = true;
    const error = await expectHostError(createExcelHost().applyPlan(plan([{ address: 'H10', value: 1, role: 'score' }])), 'editing');
    expect(error.message).toBe('请先结束单元格编辑（按 Enter 或 Esc），再重试');
    expect(fake.sheets[0].cell(10, 8)?.value ?? null).toBeNull();
  });

  test("a host made to wait for cell edits (the ribbon's) runs its batches once the edit ends", async () => {
    const fake = use(seedLikeSheet());
    fake.editing = true;
    const host = createExcelHost({ waitForCellEdit: true });
    const writing = host.applyPlan(plan([{ address: 'H10', value: 1, role: 'score' }]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.syncCount).toBe(0);
    fake.editing = false;
    const record = await writing;
    expect(record.cells.map((c) => c.address)).toEqual(['H10']);
    expect(fake.sheets[0].cell(10, 8)?.value).toBe(1);
  });

  test('a plain InvalidOperation that speaks of cell edit mode is editing too: a read says so, a write claims no rollback', async () => {
    const fake = use(seedLikeSheet());
    fake.editing = 'InvalidOperation';
    const read = await expectHostError(createExcelHost().readActiveSheet(), 'editing');
    expect(read.message).toBe('请先结束单元格编辑（按 Enter 或 Esc），再重试');
    const write = await expectHostError(createExcelHost().applyPlan(plan([{ address: 'H10', value: 1, role: 'score' }])), 'editing');
    expect(write.message).toBe('请先结束单元格编辑（按 Enter 或 Esc），再重试');
    expect(write.message).not.toContain('未能恢复原样');
    expect(fake.sheets[0].cell(10, 8)?.value ?? null).toBeNull();
  });

  test('an InvalidOperation about something else is not taken for editing', async () => {
    use(seedLikeSheet()).failNextSync('InvalidOperation', 'The operation is not valid for a range with merged cells.', 2);
    await expectHostError(createExcelHost().readActiveSheet(), 'unknown');
  });

  test('GeneralException is "busy" only when Office says so; otherwise Office\'s message is kept', async () => {
    const fake = use(seedLikeSheet());
    fake.failNextSync('GeneralException', 'The workbook is busy; please try again later.');
    await expectHostError(createExcelHost().readActiveSheet(), 'busy');
    fake.failNextSync('GeneralException', 'An internal error has occurred.', 2);
    const error = await expectHostError(createExcelHost().readActiveSheet(), 'unknown');
    expect(error.message).toContain('An internal error has occurred.');
    expect(error.messageEn).toContain('An internal error has occurred.');
  });

  test('a plan for a sheet that is gone, and an undo for one: stale', async () => {
    use(seedLikeSheet());
    await expectHostError(createExcelHost().applyPlan(plan([{ address: 'H10', value: 1, role: 'score' }], '已删除')), 'stale');
    await expectHostError(createExcelHost().undo({ sheet: '已删除', cells: [{ address: 'A1', value: '', numberFormat: 'General', fill: null }] }), 'stale');
  });
});

describe('selectCell and onActiveSheetChanged', () => {
  test('selectCell activates the sheet and selects the cell in one sync', async () => {
    const model = seedLikeSheet();
    model.sheets.push(new FakeSheet('Sheet2'));
    model.activeIndex = 1;
    use(model);
    await createExcelHost().selectCell('自评表', 'E15');
    expect(model.activeSheet.name).toBe('自评表');
    expect(model.sheets[0].selection).toBe('E15');
    expect(model.syncCount).toBe(1);
  });

  test('the listener hears sheet activations until unsubscribed', async () => {
    const model = seedLikeSheet();
    model.sheets.push(new FakeSheet('Sheet2'));
    use(model);
    const heard: string[] = [];
    const unsubscribe = await createExcelHost().onActiveSheetChanged(() => heard.push('changed'));
    model.userActivates('Sheet2');
    expect(heard).toEqual(['changed']);
    await unsubscribe();
    model.userActivates('自评表');
    expect(heard).toEqual(['changed']);
  });
});

describe('insertTemplateSheet', () => {
  test('a new, formatted standard form under a free name, activated, that the engine reads', async () => {
    const model = seedLikeSheet();
    model.sheets.push(new FakeSheet('绩效自评表'));
    use(model);
    const host = createExcelHost();
    const name = await host.insertTemplateSheet();
    expect(name).toBe('绩效自评表2');
    expect(model.syncCount).toBe(2);
    expect(model.activeSheet.name).toBe('绩效自评表2');

    const form = buildStandardForm();
    const sheet = model.activeSheet;
    expect([...sheet.merges].sort(byPosition)).toEqual([...form.merges].sort(byPosition));
    expect(sheet.cell(1, 1)).toMatchObject({ value: '项目支出绩效自评表', style: { bold: true, fontSize: 18 } });
    expect(sheet.cell(12, 4)).toMatchObject({ value: '三级指标', fill: `#${HEADER_FILL.slice(2)}`, style: { bold: true } });
    expect(sheet.cell(13, 2)?.value).toBe('产出指标');
    expect(sheet.cell(form.totalRow, 1)?.value).toBe('总分');
    expect(sheet.cell(14, 5)?.style?.borders).toEqual(expect.arrayContaining(['EdgeTop', 'InsideHorizontal', 'InsideVertical']));
    expect(sheet.cell(14, 5)?.style?.wrap).toBe(true);
    expect(sheet.columnWidths.get(4)).toBeGreaterThan(sheet.columnWidths.get(7) ?? Infinity);

    const snapshot = await host.readActiveSheet();
    const outcome = evaluateGrid(snapshot.grid);
    expect(outcome).toMatchObject({ ok: false, failure: 'no-rows' });

    // a second template takes the next free name
    expect(await host.insertTemplateSheet()).toBe('绩效自评表3');
  });

  test('a protected workbook structure: HostError("protected") that says so', async () => {
    const model = seedLikeSheet();
    use(model);
    model.failNextSync('AccessDenied');
    const error = await expectHostError(createExcelHost().insertTemplateSheet(), 'protected');
    expect(error.message).toContain('工作簿');
  });
});

/** A page started now that has read the add-in's parts (as the pane does before it shows). */
async function freshHost() {
  const host = createExcelHost();
  await host.refreshSettings();
  return host;
}

describe('settings', () => {
  const custom: WorkbookSettings = {
    profileId: 'hunan-nanyue',
    overrides: {
      overAchievement: { threshold: 1.5, deduction: 1 },
      grades: [
        { min: 85, label: '优秀' },
        { min: 0, label: '一般' },
      ],
    },
    keepExistingScores: true,
    judgements: { 自评表: { 20: 0.5, 21: { tier: 'partial', share: 0.7 } } },
    tableRows: { 自评表: 30 },
  };

  test("round trip through the workbook's settings part, read by a page that refreshes", async () => {
    const model = use(seedLikeSheet());
    const host = createExcelHost();
    expect(host.loadSettings()).toEqual(DEFAULT_SETTINGS);
    await host.saveSettings(custom);
    expect(model.customXmlParts).toHaveLength(1);
    expect(model.storedValue('settings')).toEqual(custom);
    expect([...model.savedSettings.keys()]).toEqual([]);
    expect((await freshHost()).loadSettings()).toEqual(custom);
  });

  test.each([
    ['not JSON', '{broken'],
    ['a number', 42],
    ['an array', [1, 2]],
    ['null', null],
  ])('a corrupt value saved by an earlier build (%s) gives the defaults', (_, value) => {
    const model = use(seedLikeSheet());
    model.settingValues.set(LEGACY_KEYS.settings, value);
    expect(createExcelHost().loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  test('wrong fields fall back one by one; unknown fields are dropped', () => {
    const model = use(seedLikeSheet());
    model.settingValues.set(LEGACY_KEYS.settings, {
      profileId: 7,
      keepExistingScores: 'yes',
      overrides: { reverseFormula: 'linear', lateShare: 2, grades: 'none', colour: 'red', funds: { flagBelow: 0.8, totalCaps: 'x' } },
      judgements: { 自评表: { 20: 0.4, abc: 1, 21: { tier: 'excellent' }, 22: 3 } },
      tableRows: { 自评表: 12, 其他: -1 },
      secret: 'dropped',
    });
    expect(createExcelHost().loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      overrides: { reverseFormula: 'linear', funds: { flagBelow: 0.8 } },
      judgements: { 自评表: { 20: 0.4 } },
      tableRows: { 自评表: 12 },
    });
  });

  test('a saved JSON string is read too', () => {
    const model = use(seedLikeSheet());
    model.settingValues.set(LEGACY_KEYS.settings, JSON.stringify(custom));
    expect(createExcelHost().loadSettings()).toEqual(custom);
  });

  test('a failed save is a HostError; loadSettings outside Office gives the defaults', async () => {
    const model = use(seedLikeSheet());
    model.failPartWrites = true;
    await expectHostError(createExcelHost().saveSettings(custom), 'unknown');
    use.end();
    expect(createExcelHost().loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('last runs (undo records kept in the document)', () => {
  const scored: UndoRecord = {
    sheet: '自评表',
    cells: [
      { address: 'H10', value: '', numberFormat: 'General', fill: '#00B0F0', written: 5 },
      { address: 'H11', value: 3, numberFormat: '0.0', fill: null, written: 4.5 },
      { address: 'H12', value: 0, formula: '=G12*0.9', numberFormat: 'General', fill: null, written: 4 },
      { address: 'J10', value: true, numberFormat: 'General', fill: null, written: '无偏差' },
    ],
  };
  const other: UndoRecord = { sheet: "Bob's 表", cells: [{ address: 'AB1048576', value: '说明', numberFormat: '@', fill: '#FFFF00' }] };

  test('round trip in a part of their own; the settings part is not touched; no cell is read or written', async () => {
    const model = use(seedLikeSheet());
    const host = createExcelHost();
    expect(host.loadLastRuns()).toEqual([]);
    await host.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
    const settingsPart = { ...model.customXmlParts[0] };
    const writes = model.partWriteCount;
    expect(await host.saveLastRuns(() => [other, scored])).toEqual({ saved: [other, scored], skipped: [] });
    expect(model.partWriteCount).toBe(writes + 1);
    expect(model.partBatches).toBe(model.syncCount);
    expect(model.customXmlParts).toHaveLength(2);
    expect(model.customXmlParts[0]).toEqual(settingsPart);
    const again = await freshHost();
    expect(again.loadLastRuns()).toEqual([other, scored]);
    expect(again.loadSettings()).toEqual({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  });

  test('an empty list leaves an empty part (so that nothing older is read in its place)', async () => {
    const model = use(seedLikeSheet());
    const host = createExcelHost();
    await host.saveLastRuns(() => [scored]);
    await host.saveLastRuns(() => []);
    expect(model.storedValue('lastRuns')).toEqual([]);
    expect((await freshHost()).loadLastRuns()).toEqual([]);
  });

  test.each([
    ['not JSON', '[{broken'],
    ['a number', 42],
    ['an object', { sheet: '自评表', cells: [] }],
    ['null', null],
    ['an array of junk', [1, 'x', null, []]],
  ])('corrupt data saved by an earlier build (%s) gives an empty list, without throwing', (_, value) => {
    const model = use(seedLikeSheet());
    model.settingValues.set(LEGACY_KEYS.lastRuns, value);
    expect(createExcelHost().loadLastRuns()).toEqual([]);
  });

  test('a record with one damaged cell is dropped whole; good ones, and a saved JSON string, are kept', () => {
    const model = use(seedLikeSheet());
    const damaged = [
      { ...scored.cells[0], address: 'H 10' },
      { ...scored.cells[0], address: '$H$10' },
      { ...scored.cells[0], value: null },
      { ...scored.cells[0], value: { x: 1 } },
      { ...scored.cells[0], formula: 'G12*0.9' },
      { ...scored.cells[0], numberFormat: 7 },
      { ...scored.cells[0], fill: 5 },
      { ...scored.cells[0], written: null },
      { ...scored.cells[0], written: true },
      { ...scored.cells[0], written: { x: 1 } },
      { address: 'H10', value: '' },
    ];
    for (const cell of damaged) {
      model.settingValues.set(LEGACY_KEYS.lastRuns, [other, { sheet: '自评表', cells: [cell, scored.cells[1]] }]);
      expect(createExcelHost().loadLastRuns()).toEqual([other]);
    }
    model.settingValues.set(LEGACY_KEYS.lastRuns, [
      { sheet: '', cells: scored.cells },
      { sheet: '自评表', cells: [] },
      { sheet: '自评表', cells: [scored.cells[0], scored.cells[0]] },
    ]);
    expect(createExcelHost().loadLastRuns()).toEqual([]);
    model.settingValues.set(LEGACY_KEYS.lastRuns, JSON.stringify([scored, { ...other, extra: 1 }]));
    expect(createExcelHost().loadLastRuns()).toEqual([scored, other]);
  });

  test('a record too large for the settings is not saved, and the answer names its sheet; the others are kept', async () => {
    const model = use(seedLikeSheet());
    const host = createExcelHost();
    const long = '需说明原因'.repeat(20);
    const huge: UndoRecord = {
      sheet: '大表',
      cells: Array.from({ length: 3000 }, (_, i) => ({ address: a1(10 + i, 10), value: long, numberFormat: 'General', fill: null })),
    };
    expect(JSON.stringify(huge).length).toBeGreaterThan(LAST_RUNS_MAX_BYTES / 3); // ~3 bytes a character
    expect(await host.saveLastRuns(() => [other, huge])).toEqual({ saved: [other], skipped: ['大表'] });
    expect((await freshHost()).loadLastRuns()).toEqual([other]);
    // what is saved stays well under 1 MB
    expect(model.customXmlParts[0].xml.length).toBeLessThan(1024 * 1024);
  });

  test('the newest records are kept first when together they do not fit', async () => {
    use(seedLikeSheet());
    const big = (sheet: string): UndoRecord => ({
      sheet,
      cells: Array.from({ length: 1000 }, (_, i) => ({ address: a1(10 + i, 10), value: '偏差原因'.repeat(10), numberFormat: 'General', fill: null })),
    });
    // each fits on its own (~180 KB), the three do not
    const { skipped } = await createExcelHost().saveLastRuns(() => [big('一'), big('二'), big('三')]);
    expect(skipped).toEqual(['一']);
    expect((await freshHost()).loadLastRuns().map((r) => r.sheet)).toEqual(['二', '三']);
  });

  test('a failed save is a HostError; outside Office there is nothing saved', async () => {
    const model = use(seedLikeSheet());
    model.failPartWrites = true;
    const error = await expectHostError(
      createExcelHost().saveLastRuns(() => [scored]),
      'unknown',
    );
    expect(error.message).toContain('撤销记录未能保存');
    use.end();
    expect(createExcelHost().loadLastRuns()).toEqual([]);
  });

  test('a record saved, loaded by a new host, undoes the write exactly', async () => {
    const model = use(seedLikeSheet());
    const before = cellsOf(model.sheets[0]);
    const writes: CellWrite[] = [
      { address: 'H10', value: 5, role: 'score' },
      { address: 'H11', value: 4.5, role: 'score' },
      { address: 'H12', value: 4, role: 'score' },
      { address: 'J10', value: '无偏差', role: 'flag', fill: 'green' },
    ];
    const record = await createExcelHost().applyPlan(plan(writes));
    await createExcelHost().saveLastRuns(() => [record]);
    const [loaded] = (await freshHost()).loadLastRuns();
    expect(loaded).toEqual(record);
    await createExcelHost().undo(loaded);
    const restored = cellsOf(model.sheets[0]);
    expect(restored.get('H12')?.formula).toBe('G12*0.9');
    restored.delete('H12');
    before.delete('H12');
    expect(restored).toEqual(before);
  });
});

describe('undo of a record saved by the previous version (what the run wrote not noted)', () => {
  test('it loads; cells still as before the run are restored, cells changed since are kept as unknown', async () => {
    const model = use(seedLikeSheet());
    const sheet = model.sheets[0];
    const writes: CellWrite[] = [
      { address: 'H10', value: 5, role: 'score' },
      { address: 'H11', value: 4.5, role: 'score' },
      { address: 'J10', value: '无偏差', role: 'flag', fill: 'green' },
      { address: 'J11', value: '', role: 'flag', fill: 'red' },
    ];
    const record = await createExcelHost().applyPlan(plan(writes));
    // as the previous version saved it: no written values
    model.settingValues.set(LEGACY_KEYS.lastRuns, [{ sheet: record.sheet, cells: record.cells.map(({ written: _written, ...cell }) => cell) }]);
    const [loaded] = createExcelHost().loadLastRuns();
    expect(loaded.cells.map((c) => c.address)).toEqual(['H10', 'H11', 'J10', 'J11']);
    expect(loaded.cells.every((c) => c.written === undefined)).toBe(true);

    const result = await createExcelHost().undo(loaded);
    // J11 was empty and still is: putting it back loses nothing (and takes the run's fill off);
    // the others hold the run's results or the user's edits, and nothing tells which
    expect(result).toEqual({ restored: 1, keptEdited: [], keptUnknown: ['H10', 'H11', 'J10'] });
    expect(sheet.cell(11, 10)?.fill).toBeNull();
    expect(sheet.cell(10, 8)?.value).toBe(5);
    expect(sheet.cell(10, 10)).toMatchObject({ value: '无偏差', fill: `#${FILLS.green.slice(2)}` });
  });
});

describe('missingRequirements', () => {
  test('lists what this Office lacks', () => {
    const model = use(seedLikeSheet());
    expect(missingRequirements('excel')).toEqual([]);
    model.supportedSets.set('ExcelApi', '1.12');
    expect(missingRequirements('excel')).toEqual(['ExcelApi 1.13']);
    expect(missingRequirements('word')).toEqual(['WordApi 1.3']);
    model.supportedSets.set('WordApi', '1.4');
    expect(missingRequirements('word')).toEqual([]);
  });

  test('outside Office everything is missing', () => {
    expect(missingRequirements('excel')).toEqual(['ExcelApi 1.13']);
  });
});

describe("the add-in's key on a scored sheet (Worksheet.customProperties; ids change between sessions)", () => {
  test('the first run gives the sheet a key in its write batch; the record and later reads carry it; a second run keeps it', async () => {
    const model = use(seedLikeSheet());
    const host = createExcelHost();
    expect((await host.readActiveSheet()).sheetKey).toBeUndefined();
    const syncs = model.syncCount;
    const first = await host.applyPlan(plan([{ address: 'H10', value: 5, role: 'score' }]));
    expect(model.syncCount - syncs).toBe(1);
    const stored = model.sheets[0].customProperties.get(SHEET_KEY_PROPERTY.toLowerCase());
    expect(stored?.value).toMatch(/^[0-9a-f]{32}$/);
    expect(first.sheetKey).toBe(stored?.value);
    const again = createExcelHost();
    expect((await again.readActiveSheet()).sheetKey).toBe(stored?.value);
    const second = await again.applyPlan(plan([{ address: 'H10', value: 6, role: 'score' }]));
    expect(second.sheetKey).toBe(stored?.value);
    expect(model.sheets[0].customProperties.size).toBe(1);
  });

  test('a protected sheet is given no key (a refused property would fail the write)', async () => {
    const model = use(seedLikeSheet());
    const sheet = model.sheets[0];
    sheet.protected = true;
    sheet.unlocked.add('10:8');
    const host = createExcelHost();
    await host.readActiveSheet();
    const record = await host.applyPlan(plan([{ address: 'H10', value: 5, role: 'score' }]));
    expect(record.sheetKey).toBeUndefined();
    expect(sheet.customProperties.size).toBe(0);
    expect(sheet.cell(10, 8)?.value).toBe(5);
  });
});
