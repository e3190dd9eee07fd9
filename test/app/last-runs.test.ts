/** Each sheet's last run, as the ribbon and the pane keep it: merging, removing, fitting in the budget. */
import { fitLastRuns, jsonByteLength, LAST_RUNS_MAX_BYTES, mergeUndoRecords, withoutRun, withRun } from '../../src/app/last-runs';
import { sanitiseLastRuns } from '../../src/hosts/excel-settings';
import type { UndoRecord } from '../../src/hosts/workbook-host';

const record = (sheet: string, cells: [string, number | string][]): UndoRecord => ({
  sheet,
  cells: cells.map(([address, value]) => ({ address, value, numberFormat: 'General', fill: null })),
});
const values = (r: UndoRecord) => r.cells.map((c) => [c.address, c.value]);

test('a second run keeps each cell\'s oldest value and adds the new cells', () => {
  const merged = mergeUndoRecords(record('自评表', [['H13', ''], ['H22', 90]]), record('自评表', [['H13', 7.15], ['K13', '']]));
  expect(values(merged)).toEqual([['H13', ''], ['H22', 90], ['K13', '']]);
});

/** A record as this version saves it: each cell's previous value and what the run wrote. */
const run = (sheet: string, cells: [string, number | string, number | string][]): UndoRecord => ({
  sheet,
  cells: cells.map(([address, value, written]) => ({ address, value, numberFormat: 'General', fill: null, written })),
});
const states = (r: UndoRecord) => r.cells.map((c) => [c.address, c.value, c.written]);

test('merging keeps each cell\'s oldest previous value and its newest written value', () => {
  const first = run('自评表', [['H13', '', 7.15], ['K13', '', '超目标较多，需说明原因'], ['H22', 90, 98.75]]);
  const second = run('自评表', [['H13', 7.15, 6.5], ['K13', '超目标较多，需说明原因', '无偏差'], ['I22', '', '优']]);
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
  const saved = [{ sheet: '自评表', cells: [{ address: 'H13', value: '', numberFormat: 'General', fill: null }, { address: 'K13', value: '', numberFormat: '@', fill: '#FFFF00' }] }];
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
  const again = withRun(list, record('A', [['H1', 9], ['H2', 3]]));
  expect(again.map((r) => r.sheet)).toEqual(['B', 'A']);
  expect(values(again[1])).toEqual([['H1', 1], ['H2', 3]]);
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
