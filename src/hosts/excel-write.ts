/**
 * Writing a plan, and undoing it, with Office.js.
 *
 * One batch, one sync: the previous state of every target cell (values, formulas, number format,
 * fill) is loaded FIRST and only then are the writes queued. Office runs a batch in order, so the
 * loads see what was there before the run. Writes are grouped into runs of consecutive rows in one
 * column, so a plan costs one `values` write (and at most one `numberFormat` write and one
 * `setCellProperties` for the fills) per run instead of one command per cell.
 *
 * Office batches are not transactions: a failing command (a locked cell on a protected sheet)
 * stops the batch but leaves what the commands before it did. A failed write is therefore rolled
 * back before its error is passed on (see applyPlanInExcel and rollbackInExcel), and the error says
 * whether the sheet is as it was or which cells could not be put back.
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
import { sameValue, undoVerdict, type CellContent } from '../app/undo-check';
import { a1, parseA1 } from '../engine/address';
import type { CellRange, Grid } from '../engine/grid';
import { FILLS, type CellWrite, type WritePlan } from '../engine/write-plan';
import { officeErrorCode, writeFailedError } from './excel-errors';
import type { HostError, ReplacedCell, UndoRecord, UndoResult } from './workbook-host';
import { utf8Length } from '../engine/text';

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
 * Reading what cells hold now: values and formulas come back (with `full`, the number format and
 * the fill too). What the user typed since is not known; `bytes` estimates each cell's content.
 */
function readCost(full: boolean) {
  return (run: Run<CellToRead>): RunCost => {
    let response = (full ? 4 : 2) * COMMAND_BYTES;
    for (const c of run.cells) response += 2 * c.bytes + (full ? jsonBytes('General') + FILL_BYTES : 0);
    return { request: (full ? 3 : 2) * COMMAND_BYTES, response };
  };
}

function restoreCost(run: Run<Restore>): RunCost {
  let request = 4 * COMMAND_BYTES;
  for (const c of run.cells) request += jsonBytes(c.input ?? null) + jsonBytes(c.numberFormat ?? null) + FILL_BYTES;
  return { request, response: COMMAND_BYTES };
}

/**
 * A string is written with a leading apostrophe, which makes it text and is not stored, whenever
 * Excel could read it as something else. Excel's reading of an entry depends on the locale and
 * knows many forms: "=…" a formula, "12", "1,234", "(12)" (−12), "1E5", "12%", "￥12" or "$12"
 * numbers, "2024-1-1", "1/2", "1-Jan", "12:30", "1月1日" dates and times, "TRUE" a boolean,
 * "#N/A" an error. Rather than mirror that parser, any string holding a digit (ASCII or
 * full-width), starting with a sign, "=", "@", "'" or "#", or reading TRUE/FALSE gets the
 * apostrophe; a text Excel would have kept anyway loses nothing by it. Texts without digits that
 * another locale reads as a boolean (WAHR, VRAI, …) are not covered.
 */
export function asCellInput(value: number | string | boolean): number | string | boolean {
  if (typeof value !== 'string' || value === '') return value;
  const coerced = /^[=+\-@'#]/.test(value) || /[0-9\uFF10-\uFF19]/.test(value) || /^\s*(true|false)\s*$/i.test(value);
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
  // 2. the writes, on separate proxies so no proxy mixes a load and a set; per run: the values,
  //    then the number formats, then the fills (a rollback relies on that order)
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

/** getCellProperties' fill → "#RRGGBB", or null for none (Excel reports none as white, pattern "None"). */
function fillOf(props: Excel.CellProperties | undefined): string | null {
  const fill = props?.format?.fill;
  return fill && fill.pattern !== 'None' && fill.color ? fill.color.toUpperCase() : null;
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
      cells.push({
        address: a1(run.top + i, run.col),
        value,
        ...(formula !== undefined ? { formula } : {}),
        numberFormat: String(formats[i][0] ?? 'General'),
        fill: fillOf(props[i]?.[0]),
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
 * Apply a plan: one sync, or one per chunk for a plan too large for one request.
 *
 * Office runs a batch in order and stops at a failing command, but keeps what the commands before
 * it did (batches are not transactions). So when a chunk fails (a locked cell of a protected sheet,
 * say), the chunks before it are written and so may be part of the failed one. Before the error is
 * passed on, everything the run changed is put back (rollBack), and the error says truthfully
 * whether that worked: the sheet as it was, or the cells that could not be put back.
 *
 * `snapshot`, the sheet as last read, stands in for the failed chunk's own loads of the previous
 * state: those were queued before its writes and so ran, but Office answers a failed batch with the
 * error alone, so their results may never arrive.
 */
export async function applyPlanInExcel(
  plan: WritePlan,
  merges: CellRange[] = [],
  oldBytes: OldCellBytes = () => undefined,
  snapshot?: Grid,
): Promise<UndoRecord> {
  const writes = uniqueWrites(plan.writes);
  const chunks = chunkRuns(columnRuns(writes, (w) => w.address, merges), applyCost(oldBytes));
  const replaced: ReplacedCell[] = [];
  for (const chunk of chunks) {
    let captured: Captured[] = [];
    try {
      await Excel.run(async (context) => {
        captured = queueApply(context.workbook.worksheets.getItem(plan.sheet), chunk);
        await context.sync();
      });
      replaced.push(...replacedCells(captured));
    } catch (error) {
      throw await rollBack(error, { sheet: plan.sheet, writes, replaced, failed: chunk, captured, merges, oldBytes, snapshot });
    }
  }
  const order = new Map(plan.writes.map((w, i) => [w.address.replace(/\$/g, '').toUpperCase(), i]));
  replaced.sort((a, b) => (order.get(a.address) ?? 0) - (order.get(b.address) ?? 0));
  return { sheet: plan.sheet, cells: replaced };
}

/**
 * Codes with which Office refuses a whole request before running any of it (a cell in edit mode;
 * a request over the size limit): nothing of such a batch was written, so there is nothing of it
 * to put back. After any other failure the failed batch's cells are checked.
 */
const BATCH_REFUSED = new Set(['InvalidOperationInCellEditMode', 'RequestPayloadSizeLimitExceeded']);

/** One cell of a failed run, as far as its state before the run is known (undefined: not known). */
interface Before {
  address: string;
  write: CellWrite;
  content?: CellContent;
  numberFormat?: string;
  fill?: string | null;
}

const knownBefore = (c: ReplacedCell, write: CellWrite): Before => ({
  address: c.address,
  write,
  content: { value: c.value, ...(c.formula !== undefined ? { formula: c.formula } : {}) },
  numberFormat: c.numberFormat,
  fill: c.fill,
});

/**
 * The failed chunk's cells as they were: from the chunk's own loads when Office returned them, or
 * else from the last read. That read knows every cell's value and formula (a cell outside its Grid
 * or empty in it held nothing) and the number format of the cells that held something, but no
 * fills: what is not known is left undefined, and rollbackInExcel names such cells if the run may
 * have changed them.
 */
function beforesOfRun(run: Run<CellWrite>, captured: Captured | undefined, snapshot: Grid | undefined): Before[] {
  if (captured) {
    try {
      return replacedCells([captured]).map((c, i) => knownBefore(c, run.cells[i]));
    } catch {
      // PropertyNotLoaded: Office sent back nothing of the failed batch
    }
  }
  return run.cells.map((write, i): Before => {
    const address = a1(run.top + i, run.col);
    if (!snapshot) return { address, write };
    const cell = snapshot.cells[run.top + i - snapshot.top]?.[run.col - snapshot.left];
    if (!cell) return { address, write, content: { value: '' } };
    const value = cell.error ?? cell.value ?? '';
    return { address, write, content: { value, ...(cell.formula !== undefined ? { formula: `=${cell.formula}` } : {}) }, numberFormat: cell.format };
  });
}

interface Failure {
  sheet: string;
  writes: CellWrite[];
  /** What the chunks written before the failed one replaced. */
  replaced: ReplacedCell[];
  failed: Run<CellWrite>[];
  /** The failed chunk's loads, one per run (empty when the batch was not even queued). */
  captured: Captured[];
  merges: CellRange[];
  oldBytes: OldCellBytes;
  snapshot?: Grid;
}

/** Put back what a failed run changed; the error to pass on, saying how that went. */
async function rollBack(error: unknown, failure: Failure): Promise<HostError> {
  const scene = { kind: 'sheet' as const, sheet: failure.sheet };
  const byAddress = new Map(failure.writes.map((w) => [w.address, w]));
  const done = failure.replaced.map((c) => knownBefore(c, byAddress.get(c.address) as CellWrite));
  const refused = BATCH_REFUSED.has(officeErrorCode(error) ?? '');
  const failedRuns = refused ? [] : failure.failed.map((run, i) => beforesOfRun(run, failure.captured[i], failure.snapshot));
  let outcome: { restored: number; unrestored: string[] };
  try {
    outcome = await rollbackInExcel(failure.sheet, done, failedRuns, failure.merges, failure.oldBytes);
  } catch {
    // the rollback could not even read the cells (the same trouble, most likely): the chunks before
    // were written, the failed one may have been in part
    outcome = { restored: 0, unrestored: [...done, ...failedRuns.flat()].map((b) => b.address) };
  }
  return writeFailedError(error, scene, { restored: outcome.restored, unrestored: cellList(outcome.unrestored), unrestoredCount: outcome.unrestored.length });
}

/** Addresses as a short list of ranges ("H10:H12", "J10"), in sheet order. */
function cellList(addresses: string[]): string[] {
  return columnRuns(addresses, (a) => a)
    .sort((a, b) => a.top - b.top || a.col - b.col)
    .map(runAddress);
}

const sameContent = (before: CellContent, now: CellContent) =>
  before.formula !== undefined ? now.formula === before.formula : now.formula === undefined && sameValue(before.value, now.value);

const holdsWritten = (write: CellWrite, now: CellContent) => now.formula === undefined && sameValue(write.value, now.value);

/**
 * Put back what a failed run changed, reading first what the cells hold now (one sync, then one to
 * write; more only for a huge run):
 *   - `done`: cells of chunks that were written whole, their previous state known exactly;
 *   - `failedRuns`: the failed chunk's runs in the order their writes were queued. Its batch ran up
 *     to the failing command: a run whose values write did not land (a cell that would have changed
 *     still holds what it held) was not reached, nor were the runs after it.
 * Only what the run changed is written back: a cell's content when it holds what the run wrote,
 * its number format or fill when the run set one and it differs from before. A cell holding
 * something else was edited meanwhile and is left alone, as undo leaves it. Nothing is written into
 * a cell the run did not reach: on a protected sheet that may be a locked cell. A cell the run may
 * have changed whose previous state is not known is not touched and is returned as unrestored.
 */
async function rollbackInExcel(
  sheet: string,
  done: Before[],
  failedRuns: Before[][],
  merges: CellRange[],
  oldBytes: OldCellBytes,
): Promise<{ restored: number; unrestored: string[] }> {
  if (done.length + failedRuns.length === 0) return { restored: 0, unrestored: [] };
  const all = [...done, ...failedRuns.flat()];
  const bytes = (b: Before) => Math.max(oldBytes(b.address) ?? 0, jsonBytes(b.write.value), jsonBytes(b.content?.formula ?? b.content?.value ?? ''), UNKNOWN_OLD_VALUE_BYTES);
  const now = await readCells(sheet, all.map((b) => ({ address: b.address, bytes: bytes(b) })), true);
  const stateOf = (b: Before) => now.get(b.address) ?? { value: '' };

  const reached: Before[] = [...done];
  for (const run of failedRuns) {
    const untouched = run.some((b) => b.content && !holdsWritten(b.write, b.content) && sameContent(b.content, stateOf(b)));
    if (untouched) break;
    reached.push(...run);
  }

  const restores: Restore[] = [];
  const unrestored: string[] = [];
  for (const b of reached) {
    const current = stateOf(b);
    const restore: Restore = { address: b.address };
    let unknown = false;
    if (b.content) {
      if (!sameContent(b.content, current)) {
        if (!holdsWritten(b.write, current)) continue; // typed over meanwhile: the user's, kept
        restore.input = b.content.formula ?? asCellInput(b.content.value);
      }
    } else if (holdsWritten(b.write, current)) unknown = true;
    if (b.write.numberFormat !== undefined) {
      if (b.numberFormat !== undefined) {
        if (current.numberFormat !== b.numberFormat) restore.numberFormat = b.numberFormat;
      } else if (current.numberFormat === b.write.numberFormat) unknown = true;
    }
    if (b.write.fill !== undefined) {
      if (b.fill !== undefined) {
        if (current.fill !== b.fill) restore.fill = b.fill;
      } else if (current.fill === argbToHex(FILLS[b.write.fill])) unknown = true;
    }
    if (unknown) unrestored.push(b.address);
    if (restore.input !== undefined || restore.numberFormat !== undefined || restore.fill !== undefined) restores.push(restore);
  }
  try {
    await restoreInExcel(sheet, restores, merges);
  } catch {
    return { restored: 0, unrestored: [...unrestored, ...restores.map((r) => r.address)] };
  }
  return { restored: restores.length, unrestored };
}

const canonicalAddress = (address: string) => {
  const { row, col } = parseA1(address);
  return a1(row, col);
};

/** A cell to read, with the bytes its content is estimated to take. */
interface CellToRead {
  address: string;
  bytes: number;
}

/** A cell as a read finds it; `full` reads add its number format and fill. */
interface CellState extends CellContent {
  numberFormat?: string;
  fill?: string | null;
}

/** What cells hold now, by canonical address: one sync (one per chunk when huge). */
async function readCells(sheetName: string, cells: CellToRead[], full: boolean): Promise<Map<string, CellState>> {
  const current = new Map<string, CellState>();
  // merges do not matter to a read: a range may cut through a merged area
  const chunks = chunkRuns(columnRuns(cells, (c) => c.address), readCost(full));
  for (const chunk of chunks) {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const loaded = chunk.map((run) => {
        const range = sheet.getRange(runAddress(run)).load(full ? ['values', 'formulas', 'numberFormat'] : ['values', 'formulas']);
        const fills = full ? range.getCellProperties({ format: { fill: { color: true, pattern: true } } }) : undefined;
        return { run, range, fills };
      });
      await context.sync();
      for (const { run, range, fills } of loaded) {
        run.cells.forEach((_, i) => {
          const value = range.values[i][0] as number | string | boolean;
          const formula = formulaOf(value, range.formulas[i][0]);
          current.set(a1(run.top + i, run.col), {
            value,
            ...(formula !== undefined ? { formula } : {}),
            ...(full ? { numberFormat: String(range.numberFormat[i][0] ?? 'General'), fill: fillOf(fills?.value[i]?.[0]) } : {}),
          });
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
  // What the user typed since is not known; the estimate takes the largest of the last read's
  // size, the run's value, the value from before the run and the default.
  const bytes = (c: ReplacedCell) => Math.max(currentBytes(c.address) ?? 0, jsonBytes(c.written ?? ''), jsonBytes(c.formula ?? c.value), UNKNOWN_OLD_VALUE_BYTES);
  const current = await readCells(record.sheet, record.cells.map((c) => ({ address: c.address, bytes: bytes(c) })), false);
  const restore: Restore[] = [];
  const keptEdited: string[] = [];
  const keptUnknown: string[] = [];
  for (const cell of record.cells) {
    const verdict = undoVerdict(cell, current.get(canonicalAddress(cell.address)) ?? { value: '' });
    if (verdict === 'restore') restore.push({ address: cell.address, input: cell.formula ?? asCellInput(cell.value), numberFormat: cell.numberFormat, fill: cell.fill });
    else (verdict === 'edited' ? keptEdited : keptUnknown).push(cell.address);
  }
  await restoreInExcel(record.sheet, restore, merges);
  return { restored: restore.length, keptEdited, keptUnknown };
}

/** What to put back into one cell; a part left undefined is left as it is. */
interface Restore {
  address: string;
  /** For Range.formulas: the formula with "=", or the constant as asCellInput writes it. */
  input?: number | string | boolean;
  numberFormat?: string;
  /** "#RRGGBB", or null to clear the fill. */
  fill?: string | null;
}

/** Put back values or formulas, number formats and fills: one sync (one per chunk when huge; none for no cells). */
async function restoreInExcel(sheetName: string, cells: Restore[], merges: CellRange[]): Promise<void> {
  const chunks = chunkRuns(columnRuns(cells, (c) => c.address, merges), restoreCost);
  for (const chunk of chunks) {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      for (const run of chunk) queueRestore(sheet, run);
      await context.sync();
    });
  }
}

function queueRestore(sheet: Excel.Worksheet, run: Run<Restore>): void {
  const range = sheet.getRange(runAddress(run));
  // `formulas` takes constants too: one write restores formula cells and value cells alike; null
  // entries leave a cell as it is ("null input in 2-D array", Excel add-ins: blank and null values)
  if (run.cells.some((c) => c.input !== undefined)) range.formulas = run.cells.map((c) => [c.input ?? null]);
  if (run.cells.some((c) => c.numberFormat !== undefined)) range.numberFormat = run.cells.map((c) => [c.numberFormat ?? null]);
  if (run.cells.some((c) => typeof c.fill === 'string')) {
    range.setCellProperties(run.cells.map((c) => [typeof c.fill === 'string' ? { format: { fill: { color: c.fill } } } : {}]));
  }
  // no fill: clear, per stretch of consecutive cells to clear
  let start = -1;
  run.cells.forEach((c, i) => {
    const clear = c.fill === null;
    if (clear && start < 0) start = i;
    const endsHere = start >= 0 && (!clear || i === run.cells.length - 1);
    if (endsHere) {
      const end = clear ? i : i - 1;
      sheet.getRange(runAddress({ col: run.col, top: run.top + start, cells: run.cells.slice(start, end + 1) })).format.fill.clear();
      start = -1;
    }
  });
}
