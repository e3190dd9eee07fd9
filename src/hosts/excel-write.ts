/**
 * Writing a plan, and undoing it, with Office.js.
 *
 * One batch, one sync: the previous state of every target cell (values, formulas, number format,
 * fill) is loaded FIRST and only then are the writes queued. Office runs a batch in order, so the
 * loads see what was there before the run. Writes are grouped into runs of consecutive rows in one
 * column, so a plan costs one `values` write (and at most one `numberFormat` write and one
 * `setCellProperties` for the fills) per run instead of one command per cell.
 *
 * Each replaced cell also notes what the run wrote (ReplacedCell.written), so that undo, which may
 * come long after (the record is saved in the workbook), can tell the run's results from the user's
 * later edits: undo reads the cells first (one sync) and puts back only those still holding what
 * the run wrote (src/app/undo-check.ts), then writes (one sync).
 *
 * Notes (CellWrite.note) are not written. Cell notes need ExcelApi 1.18 and threaded comments
 * ExcelApi 1.10 (they are posted under the user's name and notify co-authors); the engine's plan
 * sets no notes today, and everything a note would say is already in the flag column and in the
 * pane's problem list. Raising the add-in's minimum Excel version for them is not worth it.
 */
import { undoVerdict, type CellContent } from '../app/undo-check';
import { a1, parseA1 } from '../engine/address';
import type { CellRange } from '../engine/grid';
import { FILLS, type CellWrite, type WritePlan } from '../engine/write-plan';
import type { ReplacedCell, UndoRecord, UndoResult } from './workbook-host';

/**
 * Excel on the web refuses a request or a response over 5 MB (RichApi.Error; "Resource limits and
 * performance optimization for Office Add-ins", section "Excel add-ins"). A batch is planned so
 * that our estimate of each stays under 80% of that. The estimate counts every cell's old fill and
 * number format at full price and so runs above what a batch really carries (by 10–25% on the
 * fake's byte count), which with the 20% margin absorbs Office's envelope. A normal plan (three
 * cells per indicator row) fits one batch up to some 12,000 rows.
 */
export const MAX_BATCH_BYTES = 4_000_000;

/** No single range write longer than this, so one huge column cannot make one huge command. */
export const MAX_RUN_CELLS = 2_000;

/** A column run: consecutive rows top..top+cells.length-1 in one column. */
export interface Run<T> {
  col: number;
  top: number;
  cells: T[];
}

export function runAddress(run: Run<unknown>): string {
  const start = a1(run.top, run.col);
  return run.cells.length === 1 ? start : `${start}:${a1(run.top + run.cells.length - 1, run.col)}`;
}

/**
 * Group addressed items into column runs. A merged cell always stands alone: a multi-cell write
 * that cuts through a merged area is something Excel may refuse.
 */
export function columnRuns<T>(items: T[], addressOf: (item: T) => string, merges: CellRange[] = []): Run<T>[] {
  const merged = new Set<string>();
  for (const m of merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) merged.add(`${r}:${c}`);
  const placed = items.map((item) => ({ item, ...parseA1(addressOf(item)) }));
  placed.sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Run<T>[] = [];
  let current: Run<T> | undefined;
  for (const p of placed) {
    const alone = merged.has(`${p.row}:${p.col}`);
    const continues = current && !alone && current.col === p.col && current.top + current.cells.length === p.row && current.cells.length < MAX_RUN_CELLS;
    if (continues && current) current.cells.push(p.item);
    else {
      current = { col: p.col, top: p.row, cells: [p.item] };
      runs.push(current);
      if (alone) current = undefined;
    }
  }
  return runs;
}

/** Estimated bytes a run adds to a batch's request and to its response. */
export interface RunCost {
  request: number;
  response: number;
}

/** Pack runs into batches whose estimated request and response each stay under the budget. */
export function chunkRuns<T>(runs: Run<T>[], costOf: (run: Run<T>) => RunCost, budget = MAX_BATCH_BYTES): Run<T>[][] {
  const chunks: Run<T>[][] = [];
  let chunk: Run<T>[] = [];
  let request = 0;
  let response = 0;
  for (const run of runs) {
    const cost = costOf(run);
    if (chunk.length > 0 && (request + cost.request > budget || response + cost.response > budget)) {
      chunks.push(chunk);
      chunk = [];
      request = 0;
      response = 0;
    }
    chunk.push(run);
    request += cost.request;
    response += cost.response;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Per command: its object path, action type and names in Office's request. */
const COMMAND_BYTES = 300;
/** One cell's fill in a setCellProperties argument or a getCellProperties answer. */
const FILL_BYTES = 64;
/** What an old cell costs to bring back when we do not know its content (no snapshot). */
const UNKNOWN_OLD_VALUE_BYTES = 64;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** A value's JSON in a 2-D array, brackets and comma included. */
export const jsonBytes = (value: unknown) => utf8Length(JSON.stringify(value) ?? 'null') + 3;

/** How many bytes a cell's current value and formula take, when a recent read knows it. */
export type OldCellBytes = (address: string) => number | undefined;

function applyCost(oldBytes: OldCellBytes) {
  return (run: Run<CellWrite>): RunCost => {
    const formats = run.cells.some((w) => w.numberFormat !== undefined);
    const fills = run.cells.some((w) => w.fill !== undefined);
    let request = 5 * COMMAND_BYTES;
    let response = 3 * COMMAND_BYTES;
    for (const w of run.cells) {
      request += jsonBytes(w.value) + (formats ? jsonBytes(w.numberFormat ?? null) : 0) + (fills ? FILL_BYTES : 0);
      // values and formulas both come back, with the number format and the fill
      response += 2 * (oldBytes(w.address) ?? UNKNOWN_OLD_VALUE_BYTES) + jsonBytes('General') + FILL_BYTES;
    }
    return { request, response };
  };
}

/**
 * Reading what a record's cells hold now: values and formulas come back. What the user typed since
 * is not known; the estimate takes the largest of the last read's size, the run's value, the value
 * from before the run and the default.
 */
function readCost(currentBytes: OldCellBytes) {
  return (run: Run<ReplacedCell>): RunCost => {
    let response = 2 * COMMAND_BYTES;
    for (const c of run.cells) {
      const bytes = Math.max(currentBytes(c.address) ?? 0, jsonBytes(c.written ?? ''), jsonBytes(c.formula ?? c.value), UNKNOWN_OLD_VALUE_BYTES);
      response += 2 * bytes;
    }
    return { request: 2 * COMMAND_BYTES, response };
  };
}

function restoreCost(run: Run<ReplacedCell>): RunCost {
  let request = 4 * COMMAND_BYTES;
  for (const c of run.cells) request += jsonBytes(c.formula ?? c.value) + jsonBytes(c.numberFormat) + FILL_BYTES;
  return { request, response: COMMAND_BYTES };
}

/**
 * A string Excel would not keep as typed ("=…" becomes a formula, "12" a number, "1/2" a date,
 * "TRUE" a boolean) is written with a leading apostrophe, which makes it text and is not stored.
 */
export function asCellInput(value: number | string | boolean): number | string | boolean {
  if (typeof value !== 'string' || value === '') return value;
  const coerced =
    /^[=+\-@']/.test(value) ||
    /^\s*[-+]?[\d.,]+\s*%?\s*$/.test(value) ||
    /^\s*\d{1,4}\s*[-/.:年月]\s*\d/.test(value) ||
    /^\s*(true|false)\s*$/i.test(value);
  return coerced ? `'${value}` : value;
}

/** "FFC6EFCE" (ARGB, the plan's form) → "#C6EFCE" (Office.js's form). */
export function argbToHex(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

interface Captured {
  run: Run<CellWrite>;
  range: Excel.Range;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

/** One batch: load what the chunk's cells hold, then write them. */
function queueApply(sheet: Excel.Worksheet, chunk: Run<CellWrite>[]): Captured[] {
  // 1. the previous state, queued before any write
  const captured = chunk.map((run) => {
    const range = sheet.getRange(runAddress(run));
    range.load(['values', 'formulas', 'numberFormat']);
    const fills = range.getCellProperties({ format: { fill: { color: true, pattern: true } } });
    return { run, range, fills };
  });
  // 2. the writes, on separate proxies so no proxy mixes a load and a set
  for (const run of chunk) {
    const target = sheet.getRange(runAddress(run));
    target.values = run.cells.map((w) => [asCellInput(w.value)]);
    if (run.cells.some((w) => w.numberFormat !== undefined)) {
      target.numberFormat = run.cells.map((w) => [w.numberFormat ?? null]); // null: leave as is
    }
    if (run.cells.some((w) => w.fill !== undefined)) {
      target.setCellProperties(run.cells.map((w) => [w.fill ? { format: { fill: { color: argbToHex(FILLS[w.fill]) } } } : {}]));
    }
  }
  return captured;
}

/**
 * A cell's formula, with "=", or undefined for a constant. `formulas` gives a constant as it is, so
 * a text that merely starts with "=" (written with an apostrophe) has formulas === values.
 */
function formulaOf(value: unknown, formula: unknown): string | undefined {
  return typeof formula === 'string' && formula.startsWith('=') && formula !== value ? formula : undefined;
}

function replacedCells(captured: Captured[]): ReplacedCell[] {
  const cells: ReplacedCell[] = [];
  for (const { run, range, fills } of captured) {
    const values = range.values;
    const formulas = range.formulas;
    const formats = range.numberFormat;
    const props = fills.value;
    run.cells.forEach((write, i) => {
      const value = values[i][0] as number | string | boolean;
      const formula = formulaOf(value, formulas[i][0]);
      const fill = props[i]?.[0]?.format?.fill;
      cells.push({
        address: a1(run.top + i, run.col),
        value,
        ...(formula !== undefined ? { formula } : {}),
        numberFormat: String(formats[i][0] ?? 'General'),
        fill: fill && fill.pattern !== 'None' && fill.color ? fill.color.toUpperCase() : null,
        // the plan's value: asCellInput adds its protecting apostrophe only when writing, and Excel does not keep it
        written: write.value,
      });
    });
  }
  return cells;
}

/** Last write wins for an address named twice, so every cell is captured once, before any write. */
function uniqueWrites(writes: CellWrite[]): CellWrite[] {
  const byAddress = new Map<string, CellWrite>();
  for (const w of writes) byAddress.set(w.address.replace(/\$/g, '').toUpperCase(), { ...w, address: w.address.replace(/\$/g, '').toUpperCase() });
  return [...byAddress.values()];
}

/**
 * Apply a plan: one sync, or one per chunk for a plan too large for one request. If a later chunk
 * fails, the chunks already written are put back before the error is passed on.
 */
export async function applyPlanInExcel(plan: WritePlan, merges: CellRange[] = [], oldBytes: OldCellBytes = () => undefined): Promise<UndoRecord> {
  const chunks = chunkRuns(columnRuns(uniqueWrites(plan.writes), (w) => w.address, merges), applyCost(oldBytes));
  const replaced: ReplacedCell[] = [];
  try {
    for (const chunk of chunks) {
      await Excel.run(async (context) => {
        const captured = queueApply(context.workbook.worksheets.getItem(plan.sheet), chunk);
        await context.sync();
        replaced.push(...replacedCells(captured));
      });
    }
  } catch (error) {
    // the same rule as the user's undo: a cell typed into while the chunks were being written stays
    if (replaced.length > 0) await undoInExcel({ sheet: plan.sheet, cells: replaced }, merges).catch(() => undefined);
    throw error;
  }
  const order = new Map(plan.writes.map((w, i) => [w.address.replace(/\$/g, '').toUpperCase(), i]));
  replaced.sort((a, b) => (order.get(a.address) ?? 0) - (order.get(b.address) ?? 0));
  return { sheet: plan.sheet, cells: replaced };
}

const canonicalAddress = (address: string) => {
  const { row, col } = parseA1(address);
  return a1(row, col);
};

/** What the record's cells hold now, by address: one sync (one per chunk when huge). */
async function readCurrent(record: UndoRecord, currentBytes: OldCellBytes): Promise<Map<string, CellContent>> {
  const current = new Map<string, CellContent>();
  // merges do not matter to a read: a range may cut through a merged area
  const chunks = chunkRuns(columnRuns(record.cells, (c) => c.address), readCost(currentBytes));
  for (const chunk of chunks) {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(record.sheet);
      const loaded = chunk.map((run) => ({ run, range: sheet.getRange(runAddress(run)).load(['values', 'formulas']) }));
      await context.sync();
      for (const { run, range } of loaded) {
        run.cells.forEach((_, i) => {
          const value = range.values[i][0] as number | string | boolean;
          const formula = formulaOf(value, range.formulas[i][0]);
          current.set(a1(run.top + i, run.col), { value, ...(formula !== undefined ? { formula } : {}) });
        });
      }
    });
  }
  return current;
}

/**
 * Undo a run: read what its cells hold now (one sync), then put back the cells that still hold what
 * the run wrote, or what they held before it (one sync), and leave the others, edited since, as they
 * are (src/app/undo-check.ts). The user could still type into a cell between the two syncs; that
 * window is one round trip, and an Office batch cannot make a write depend on what it reads.
 */
export async function undoInExcel(record: UndoRecord, merges: CellRange[] = [], currentBytes: OldCellBytes = () => undefined): Promise<UndoResult> {
  const current = await readCurrent(record, currentBytes);
  const restore: ReplacedCell[] = [];
  const keptEdited: string[] = [];
  const keptUnknown: string[] = [];
  for (const cell of record.cells) {
    const verdict = undoVerdict(cell, current.get(canonicalAddress(cell.address)) ?? { value: '' });
    if (verdict === 'restore') restore.push(cell);
    else (verdict === 'edited' ? keptEdited : keptUnknown).push(cell.address);
  }
  await restoreInExcel({ sheet: record.sheet, cells: restore }, merges);
  return { restored: restore.length, keptEdited, keptUnknown };
}

/** Put back values or formulas, number formats and fills: one sync (one per chunk when huge; none for no cells). */
async function restoreInExcel(record: UndoRecord, merges: CellRange[]): Promise<void> {
  const chunks = chunkRuns(columnRuns(record.cells, (c) => c.address, merges), restoreCost);
  for (const chunk of chunks) {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(record.sheet);
      for (const run of chunk) queueRestore(sheet, run);
      await context.sync();
    });
  }
}

function queueRestore(sheet: Excel.Worksheet, run: Run<ReplacedCell>): void {
  const range = sheet.getRange(runAddress(run));
  // `formulas` takes constants too: one write restores formula cells and value cells alike
  range.formulas = run.cells.map((c) => [c.formula ?? asCellInput(c.value)]);
  range.numberFormat = run.cells.map((c) => [c.numberFormat]);
  if (run.cells.some((c) => c.fill !== null)) {
    range.setCellProperties(run.cells.map((c) => [c.fill !== null ? { format: { fill: { color: c.fill } } } : {}]));
  }
  // no fill: clear, per stretch of consecutive unfilled cells
  let start = -1;
  run.cells.forEach((c, i) => {
    const unfilled = c.fill === null;
    if (unfilled && start < 0) start = i;
    const endsHere = start >= 0 && (!unfilled || i === run.cells.length - 1);
    if (endsHere) {
      const end = unfilled ? i : i - 1;
      sheet.getRange(runAddress({ col: run.col, top: run.top + start, cells: run.cells.slice(start, end + 1) })).format.fill.clear();
      start = -1;
    }
  });
}
