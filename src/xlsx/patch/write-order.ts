/**
 * A plan's writes in sheet order (row by row, left to right), one per cell, for the sheet patcher.
 *
 * Parallel typed arrays rather than an object per row or cell: a plan names tens of thousands of
 * cells, and every object would be garbage within the same run. This runs once per CLI process,
 * before V8 has optimised anything, so the sorting is left to a native typed-array sort and each
 * remaining loop is its own small function (V8 optimises a hot loop on its own; a function with
 * several loops is optimised in the first and thrown back to the interpreter at the next).
 */

import { parseA1 } from '../../engine/address';
import type { CellWrite } from '../../engine/write-plan';

/** Anything written at an address: a plan's cell writes, and the format-only cells the patcher adds. */
export interface Addressed {
  address: string;
}

export interface SortedWrites<W extends Addressed = CellWrite> {
  count: number;
  /** rows[i], cols[i] is the cell of writes[i]; a run of equal rows is one row's writes. */
  rows: Int32Array;
  cols: Int32Array;
  writes: W[];
}

/**
 * Each write becomes one number, (row × COLUMNS + column) × MAX_WRITES + its index, and a typed
 * array of those is sorted natively: sheet order, then plan order for writes to the same cell,
 * with no JS comparator for V8 to interpret. Every value is an integer below 2^53, so exact.
 */
const COLUMNS = 32768; // above any column a three-letter reference names (ZZZ = 18,278)
const MAX_WRITES = 131072; // 2^17
const MAX_CELL = 2 ** 36; // rows up to 2^20 (Excel's 1,048,576) × COLUMNS: keys stay below 2^53

export function sortWrites<W extends Addressed>(writes: W[]): SortedWrites<W> {
  const keys = writes.length <= MAX_WRITES ? packedKeys(writes) : undefined;
  if (!keys) return sortWritesSlowly(writes);
  keys.sort();
  return withoutOverwritten(keys, writes);
}

/** The packed keys, or undefined when a cell lies beyond what they can hold exactly. */
function packedKeys(writes: Addressed[]): Float64Array | undefined {
  const keys = new Float64Array(writes.length);
  for (let i = 0; i < writes.length; i++) {
    const cell = cellKey(writes[i].address);
    if (cell >= MAX_CELL) return undefined;
    keys[i] = cell * MAX_WRITES + i;
  }
  return keys;
}

/** A plain reference ("AB12"): matched by the regex engine, which is fast before V8 has warmed up. */
const PLAIN_ADDRESS = /^([A-Z]{1,3})([1-9]\d*)$/;

/** row × COLUMNS + column for an address: plain "AB12" read here, anything else by parseA1. */
function cellKey(address: string): number {
  const match = PLAIN_ADDRESS.exec(address);
  if (!match) {
    const cell = parseA1(address); // "$B$2", "b2", or not an address at all (which throws)
    return cell.row * COLUMNS + cell.col;
  }
  const letters = match[1];
  let col = letters.charCodeAt(0) - 64;
  for (let i = 1; i < letters.length; i++) col = col * 26 + letters.charCodeAt(i) - 64;
  return Number(match[2]) * COLUMNS + col;
}

/** One write per cell, in sheet order: a later write to a cell wins, as it would in Excel. */
function withoutOverwritten<W extends Addressed>(keys: Float64Array, writes: W[]): SortedWrites<W> {
  const sorted: SortedWrites<W> = { count: 0, rows: new Int32Array(keys.length), cols: new Int32Array(keys.length), writes: [] };
  let previous = -1;
  for (let i = 0; i < keys.length; i++) {
    const index = keys[i] % MAX_WRITES;
    const cell = (keys[i] - index) / MAX_WRITES;
    if (cell === previous) {
      sorted.writes[sorted.count - 1] = writes[index];
      continue;
    }
    previous = cell;
    const row = Math.floor(cell / COLUMNS);
    sorted.rows[sorted.count] = row;
    sorted.cols[sorted.count] = cell - row * COLUMNS;
    sorted.writes.push(writes[index]);
    sorted.count++;
  }
  return sorted;
}

/** For plans the packed keys cannot hold (no scoring run comes near): the same order, by comparator. */
function sortWritesSlowly<W extends Addressed>(writes: W[]): SortedWrites<W> {
  const cells = writes.map((write) => cellKey(write.address));
  const order = writes.map((_, i) => i).sort((a, b) => cells[a] - cells[b] || a - b);
  const sorted: SortedWrites<W> = { count: 0, rows: new Int32Array(writes.length), cols: new Int32Array(writes.length), writes: [] };
  for (const index of order) {
    const row = Math.floor(cells[index] / COLUMNS);
    const col = cells[index] - row * COLUMNS;
    const last = sorted.count - 1;
    if (last >= 0 && sorted.rows[last] === row && sorted.cols[last] === col) {
      sorted.writes[last] = writes[index];
      continue;
    }
    sorted.rows[sorted.count] = row;
    sorted.cols[sorted.count] = col;
    sorted.writes.push(writes[index]);
    sorted.count++;
  }
  return sorted;
}
