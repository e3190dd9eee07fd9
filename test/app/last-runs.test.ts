/** Each sheet's last run, as the ribbon and the pane keep it: merging, removing, fitting in the budget. */
import {
  fitLastRuns,
  followSheets,
  jsonByteLength,
  LAST_RUNS_MAX_BYTES,
  mergeUndoRecords,
  packLooks,
  sameRecord,
  withoutRun,
  withRun,
} from '../../src/app/last-runs';
import { sanitiseLastRuns } from '../../src/app/last-runs-format';
import type { UndoRecord } from '../../src/app/ports';

const record = (sheet: string, cells: [string, number | string][]): UndoRecord => ({
  sheet,
  cells: cells.map(([address, value]) => ({ address, value, numberFormat: 'General', fill: null })),
});
const values = (r: UndoRecord) => r.cells.map((c) => [c.address, c.value]);

test("a second run keeps each cell's oldest value and adds the new cells", () => {
  const merged = mergeUndoRecords(
    record('自评表', [
      ['H13', ''],
      ['H22', 90],
    ]),
    record('自评表', [
      ['H13', 7.15],
      ['K13', ''],
    ]),
  );
  expect(values(merged)).toEqual([
    ['H13', ''],
    ['H22', 90],
    ['K13', ''],
  ]);
});

/** A record as this version saves it: each cell's previous value and what the run wrote. */
const run = (sheet: string, cells: [string, number | string, number | string][]): UndoRecord => ({
  sheet,
  cells: cells.map(([address, value, written]) => ({ address, value, numberFormat: 'General', fill: null, written })),
});
const states = (r: UndoRecord) => r.cells.map((c) => [c.address, c.value, c.written]);

test("merging keeps each cell's oldest previous value and its newest written value", () => {
  const first = run('自评表', [
    ['H13', '', 7.15],
    ['K13', '', '超目标较多，需说明原因'],
    ['H22', 90, 98.75],
  ]);
  const second = run('自评表', [
    ['H13', 7.15, 6.5],
    ['K13', '超目标较多，需说明原因', '无偏差'],
    ['I22', '', '优'],
  ]);
  expect(states(mergeUndoRecords(first, second))).toEqual([
    ['H13', '', 6.5],
    ['K13', '', '无偏差'],
    ['H22', 90, 98.75], // not written again: the first run's value is still what it should hold
    ['I22', '', '优'],
  ]);
  // withRun merges the same way
  expect(states(withRun([first], second)[0])).toEqual(states(mergeUndoRecords(first, second)));
});

test('records saved by the previous version (no written values) load, and merge with new runs', () => {
  const saved = [
    {
      sheet: '自评表',
      cells: [
        { address: 'H13', value: '', numberFormat: 'General', fill: null },
        { address: 'K13', value: '', numberFormat: '@', fill: '#FFFF00' },
      ],
    },
  ];
  const loaded = sanitiseLastRuns(JSON.parse(JSON.stringify(saved)));
  expect(loaded).toEqual(saved);
  expect(loaded[0].cells.every((c) => !('written' in c))).toBe(true);
  // a new run on the same sheet: its written values are the newest, where it wrote
  const merged = withRun(loaded, run('自评表', [['H13', 7.15, 7.15]]));
  expect(merged[0].cells).toEqual([
    { address: 'H13', value: '', numberFormat: 'General', fill: null, written: 7.15 },
    { address: 'K13', value: '', numberFormat: '@', fill: '#FFFF00' },
  ]);
  // an old record merged over a new one: the cell was overwritten by a run that noted nothing, so unknown
  const over = mergeUndoRecords(run('自评表', [['H13', '', 7.15]]), loaded[0]);
  expect(over.cells[0]).toEqual({ address: 'H13', value: '', numberFormat: 'General', fill: null });
  // what is saved now comes back with its written values
  expect(sanitiseLastRuns(JSON.parse(JSON.stringify(merged)))).toEqual(merged);
});

test('withRun: one record per sheet, the sheet just scored last; withoutRun drops a sheet', () => {
  const a = record('A', [['H1', 1]]);
  const b = record('B', [['H1', 2]]);
  const list = withRun(withRun([], a), b);
  expect(list.map((r) => r.sheet)).toEqual(['A', 'B']);
  const again = withRun(
    list,
    record('A', [
      ['H1', 9],
      ['H2', 3],
    ]),
  );
  expect(again.map((r) => r.sheet)).toEqual(['B', 'A']);
  expect(values(again[1])).toEqual([
    ['H1', 1],
    ['H2', 3],
  ]);
  expect(withoutRun(again, 'A')).toEqual([b]);
  expect(withoutRun(again, 'C')).toEqual(again);
});

test('sizes are UTF-8 bytes of the JSON', () => {
  expect(jsonByteLength('ab')).toBe(4);
  expect(jsonByteLength('得分')).toBe(8);
  expect(jsonByteLength({ a: 1 })).toBe(7);
});

test('fitLastRuns keeps the newest that fit and names the sheets left out', () => {
  const small = record('小', [['A1', 1]]);
  const big = record('大', [['A1', 'x'.repeat(400)]]);
  const size = (r: UndoRecord) => jsonByteLength(r) + 1;
  expect(fitLastRuns([small, big], 2 + size(small) + size(big))).toEqual({ kept: [small, big], skipped: [] });
  // the newest, too large on its own, is skipped; the older small one stays
  expect(fitLastRuns([small, big], 2 + size(big) - 1)).toEqual({ kept: [small], skipped: ['大'] });
  // the newest fits, the older one no longer does
  expect(fitLastRuns([small, big], 2 + size(big))).toEqual({ kept: [big], skipped: ['小'] });
  expect(fitLastRuns([])).toEqual({ kept: [], skipped: [] });
  expect(LAST_RUNS_MAX_BYTES).toBeLessThan(1024 * 1024);
});

describe("the look a run changed (cells' looks, column widths, print area)", () => {
  const plain = { bold: false, wrap: false, horizontal: 'General', borders: { top: 'None', bottom: 'None' } };
  const framed = { bold: true, wrap: true, horizontal: 'Center', borders: { top: 'Continuous Thin #000000', bottom: 'None' } };
  const styled = (sheet: string, cells: [string, number | string, number | string, object?][], extra: Partial<UndoRecord> = {}): UndoRecord => ({
    sheet,
    cells: cells.map(([address, value, written, look]) => ({ address, value, numberFormat: 'General', fill: null, written, ...(look ? { look } : {}) })),
    ...extra,
  });

  test("merging keeps each cell's oldest look, each column's oldest width and the oldest print area", () => {
    const first = styled(
      '自评表',
      [
        ['K13', '', '无偏差', plain],
        ['H13', '', 7],
      ],
      { columnWidths: { K: null }, printArea: '自评表!A1:J22' },
    );
    // the second run saw K13 with the first run's look, set K's width again and widened the print area further
    const second = styled(
      '自评表',
      [
        ['K13', '无偏差', '超目标较多', framed],
        ['H13', 7, 6.5, plain],
        ['L13', '', '等级：优', plain],
      ],
      {
        columnWidths: { K: 120, L: 60 },
        printArea: '自评表!A1:K22',
      },
    );
    const merged = mergeUndoRecords(first, second);
    expect(merged.cells.map((c) => [c.address, c.look])).toEqual([
      ['K13', plain], // the first run's: the look from before both
      ['H13', plain], // the first run did not style H13: the second run's note is its look from before both
      ['L13', plain],
    ]);
    expect(merged.columnWidths).toEqual({ K: null, L: 60 });
    expect(merged.printArea).toBe('自评表!A1:J22');
    // a record without any of it (an older version's) takes the newer run's
    const old = record('自评表', [['H13', '']]);
    expect(mergeUndoRecords(old, second)).toMatchObject({ columnWidths: { K: 120, L: 60 }, printArea: '自评表!A1:K22' });
    expect(mergeUndoRecords(old, record('自评表', [['H13', 1]]))).toEqual(old);
  });

  test('sameRecord tells records apart by a look, a width or the print area, not by the order of keys', () => {
    const a = styled('自评表', [['K13', '', '无偏差', plain]], { columnWidths: { K: null }, printArea: '自评表!A1:J22' });
    const copy = JSON.parse(JSON.stringify(a)) as UndoRecord;
    copy.cells[0].look = { borders: { bottom: 'None', top: 'None' }, horizontal: 'General', wrap: false, bold: false };
    expect(sameRecord(a, copy)).toBe(true);
    expect(sameRecord(a, { ...a, cells: [{ ...a.cells[0], look: framed }] })).toBe(false);
    expect(sameRecord(a, { ...a, cells: [{ ...a.cells[0], look: undefined }] })).toBe(false);
    expect(sameRecord(a, { ...a, columnWidths: { K: 80 } })).toBe(false);
    expect(sameRecord(a, { ...a, columnWidths: undefined })).toBe(false);
    expect(sameRecord(a, { ...a, printArea: '自评表!A1:K22' })).toBe(false);
  });

  test('fitLastRuns counts the looks, widths and print area as saved: a record that fits without them may not with them', () => {
    const bare = styled('自评表', [['K13', '', '无偏差', undefined]]);
    const full = styled('自评表', [['K13', '', '无偏差', framed]], { columnWidths: { K: 52.5 }, printArea: '自评表!A1:K22' });
    const budget = 2 + jsonByteLength(bare) + 1;
    expect(fitLastRuns([bare], budget).kept).toEqual([bare]);
    expect(fitLastRuns([full], budget)).toEqual({ kept: [], skipped: ['自评表'] });
    const saved = 2 + jsonByteLength(packLooks(full)) + 1;
    expect(fitLastRuns([full], saved).kept).toEqual([full]);
    expect(fitLastRuns([full], saved - 1).kept).toEqual([]);
  });

  test('a record is saved with each distinct look once: a column of cells that looked alike costs a few bytes a cell', () => {
    const rows = Array.from({ length: 100 }, (_, i): [string, string, string, object] => [`K${10 + i}`, '', '无偏差', i === 0 ? framed : { ...plain }]);
    const record = styled('自评表', rows);
    const packed = packLooks(record);
    expect(packed.looks).toEqual([framed, plain]);
    expect(packed.cells.map((c) => c.look)).toEqual([0, ...new Array(99).fill(1)]);
    const withoutLooks = styled(
      '自评表',
      rows.map(([a, v, w]) => [a, v, w]),
    );
    expect(jsonByteLength(packed) - jsonByteLength(withoutLooks)).toBeLessThan(100 * 12 + jsonByteLength([framed, plain]) + 20);
    // read back as the record it was
    expect(sanitiseLastRuns(JSON.parse(JSON.stringify([packed])))).toEqual([record]);
    // a record without looks is saved as it is
    expect(packLooks(withoutLooks)).toBe(withoutLooks);
  });
});

describe('followSheets: a record follows its sheet by Worksheet.id', () => {
  const record = (sheet: string, sheetId?: string): UndoRecord => ({
    sheet,
    ...(sheetId ? { sheetId } : {}),
    cells: [{ address: 'H10', value: '', numberFormat: 'General', fill: null, written: 5 }],
  });
  const sheets = [
    { name: '2024年自评表', id: '{1}' },
    { name: '自评表', id: '{3}' },
  ];

  test("renamed in this session (its name is gone, its id is there): the record takes the sheet's name now", () => {
    expect(followSheets([record('旧名', '{1}')], sheets)).toEqual([record('2024年自评表', '{1}')]);
  });

  test('its name is still a sheet: it stays by name, whatever the ids say (ids change when the workbook is reopened)', () => {
    const reopened = [record('自评表', '{2}')];
    expect(followSheets(reopened, sheets)).toBe(reopened);
  });

  test('a sheet that is gone: the record stays (it is never offered); a sheet with a record of its own takes no other', () => {
    const gone = [record('已删除', '{9}'), record('旧名', '{3}'), record('自评表', '{3}')];
    expect(followSheets(gone, sheets)).toBe(gone);
  });

  test("an earlier build's record (no id) goes by name, found or not", () => {
    const old = [record('自评表'), record('已删除')];
    expect(followSheets(old, sheets)).toBe(old);
  });

  test('nothing to change: the same array', () => {
    const same = [record('2024年自评表', '{1}'), record('自评表', '{3}')];
    expect(followSheets(same, sheets)).toBe(same);
  });

  test("a record with the add-in's key follows the sheet holding that key, renamed in any session; without it, it stays", () => {
    const keyed = { ...record('自评表', '{7}'), sheetKey: 'k1' };
    const withKeys = [
      { name: '2024年自评表', id: '{1}', key: 'k1' },
      { name: '自评表', id: '{7}' },
    ];
    expect(followSheets([keyed], withKeys)).toEqual([{ ...keyed, sheet: '2024年自评表' }]);
    const gone = [keyed];
    expect(followSheets(gone, sheets)).toBe(gone);
    expect(sanitiseLastRuns(JSON.parse(JSON.stringify([keyed])))).toEqual([keyed]);
  });

  test('the id survives the saved form and a merge', () => {
    expect(sanitiseLastRuns(JSON.parse(JSON.stringify([record('自评表', '{1}')])))).toEqual([record('自评表', '{1}')]);
    expect(sanitiseLastRuns([{ ...record('自评表'), sheetId: 7 }])).toEqual([]);
    expect(mergeUndoRecords(record('自评表', '{1}'), record('自评表')).sheetId).toBe('{1}');
    expect(sameRecord(record('自评表', '{1}'), record('自评表', '{2}'))).toBe(false);
  });
});
