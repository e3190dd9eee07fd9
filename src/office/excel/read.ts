/**
 * Reading the active sheet into a Grid with Office.js, in ONE context.sync(): values, text,
 * formats, formulas, merges and protection together. Two things make Excel refuse that one read,
 * and each has a fallback that costs more syncs but still reads the whole sheet (readInParts):
 *   - a response over Excel on the web's 5 MB (some 15,000 rows of a 自评表): the values are read
 *     in blocks of rows, each block halved and retried while it is still too large;
 *   - more than 512 merged areas in the sheet (a long 自评表 with a merge on every row):
 *     Range.getMergedAreasOrNullObject then fails, so the merges are looked up in blocks of rows
 *     that hold fewer, halved after a failure down to a size that cannot hold more.
 * Ordinary sheets never come this way: they cost one sync, as before.
 * The Grid must equal what xlsx/file.ts builds from the same sheet saved as .xlsx, so the
 * conversion mirrors it: the grid spans the cells that hold something (not merely formatting),
 * empty cells are undefined, merged cells keep their value only in the anchor, formulas lose "=".
 */
import { a1, parseRange } from '../../engine/address';
import { normaliseMerges, type CellRange, type CellValue, type Grid, type GridCell } from '../../engine/grid';
import { displayText } from '../../engine/display-text';
import { officeErrorCode, toHostError } from './errors';
import { loadSheetKey, loadSummaryMark, sheetKeyOf, summaryMarkOf } from './sheet-key';
import { HostError, type SheetSnapshot } from '../../app/ports';

/** What one read loads from the used range: Office's 2-D arrays, row-major. */
export interface LoadedRange {
  values: unknown[][];
  text: string[][];
  numberFormat: string[][];
  formulas: unknown[][];
  valueTypes: string[][];
  /** 0-based sheet row and column of values[0][0], as Range.rowIndex/columnIndex give them. */
  rowIndex: number;
  columnIndex: number;
}

const PROPERTIES = ['values', 'text', 'numberFormat', 'formulas', 'valueTypes'] as const;

export async function readActiveSheet(context: Excel.RequestContext): Promise<SheetSnapshot> {
  return readSheet(context, (c) => c.workbook.worksheets.getActiveWorksheet());
}

/** Which sheet a read is of: the active one, or one named. */
export type SheetLocator = (context: Excel.RequestContext) => Excel.Worksheet;

/** One sheet in one sync, or in parts when Excel refuses that (see the top of this file). */
export async function readSheet(context: Excel.RequestContext, locate: SheetLocator): Promise<SheetSnapshot> {
  const finish = queueSheetRead(context, locate(context));
  try {
    await context.sync();
  } catch (error) {
    const mode = fallbackAfter(error, { valuesWhole: true, mergesWhole: true });
    if (!mode) throw error;
    return readInParts(context, locate, mode);
  }
  // outside the try: a used range too large to be a table is refused, not read again in parts
  return finish();
}

/** A sheet of the workbook as readAllSheets read it, or what went wrong reading it. */
export type SheetReadResult = { snapshot: SheetSnapshot } | { sheet: string; error: unknown };

/**
 * Every sheet of the workbook, in tab order (汇总本工作簿): one sync for their names, then one for
 * all their contents, each queued as readSheet queues it. When Excel refuses that (the answer over
 * Excel on the web's 5 MB, or a sheet with more than 512 merged areas), each sheet is read alone, as
 * readSheet reads the active one: one read per sheet. A sheet that cannot be read comes back with its
 * error; so does a sheet whose contents are too large to be a table. Trouble that is the workbook's
 * and not a sheet's (a cell being edited, Excel busy) is thrown.
 */
export async function readAllSheets(context: Excel.RequestContext): Promise<SheetReadResult[]> {
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const names = sheets.items.map((sheet) => sheet.name);
  const finishes = names.map((name) => queueSheetRead(context, context.workbook.worksheets.getItem(name), sheets));
  try {
    await context.sync();
  } catch (error) {
    if (!fallbackAfter(error, { valuesWhole: true, mergesWhole: true })) throw error;
    return readOneByOne(context, names);
  }
  return names.map((name, i) => {
    try {
      return { snapshot: finishes[i]() };
    } catch (error) {
      return { sheet: name, error };
    }
  });
}

async function readOneByOne(context: Excel.RequestContext, names: string[]): Promise<SheetReadResult[]> {
  const results: SheetReadResult[] = [];
  for (const name of names) {
    try {
      results.push({ snapshot: await readSheet(context, (c) => c.workbook.worksheets.getItem(name)) });
    } catch (error) {
      const code = toHostError(error, { kind: 'read' }).code;
      if (code === 'editing' || code === 'busy') throw error;
      results.push({ sheet: name, error });
    }
  }
  return results;
}

/** What tells the sheet from the others: its id (this session), its key (ours, saved), all the sheets' names. */
function identity(
  sheet: Excel.Worksheet,
  sheets: Excel.WorksheetCollection,
  key: Excel.WorksheetCustomProperty,
): Pick<SheetSnapshot, 'sheetId' | 'sheetKey' | 'sheetNames'> {
  const sheetKey = sheetKeyOf(key);
  return { sheetId: sheet.id, ...(sheetKey ? { sheetKey } : {}), sheetNames: sheets.items.map((s) => s.name) };
}

/**
 * Queue everything one read of the sheet loads: values, text, formats, formulas, merges, protection,
 * its identity and whether it is the add-in's own summary sheet. The answer is built after the sync
 * by the function returned (which throws, for a used range too large to be a table).
 */
export function queueSheetRead(context: Excel.RequestContext, sheet: Excel.Worksheet, listed?: Excel.WorksheetCollection): () => SheetSnapshot {
  sheet.load(['name', 'id']);
  sheet.protection.load('protected');
  // the sheets' names, unless a read of every sheet has them already
  const sheets = listed ?? context.workbook.worksheets.load('items/name');
  const key = loadSheetKey(sheet);
  const mark = loadSummaryMark(sheet);
  // valuesOnly: formatting alone does not widen the grid (the .xlsx reader skips empty cells too)
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load([...PROPERTIES, 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  // Merges are looked up over the whole used range (formatting included): a merge may reach past
  // the last value, and getUsedRange never returns a null object, so this needs no second sync.
  const merged = sheet.getUsedRange(false).getMergedAreasOrNullObject();
  merged.load('address');
  // Read once the caller has synced (readSheet, readAllSheets): the rule cannot follow loads queued
  // here and read in the function returned.
  /* eslint-disable office-addins/call-sync-before-read */
  return () => {
    const name = sheet.name;
    if (!used.isNullObject) refuseAbsurdSize(name, used);
    const merges = merged.isNullObject ? [] : parseAreaList(merged.address);
    const grid = used.isNullObject ? emptyGrid(name, merges) : gridFromLoaded(name, used, merges);
    return { grid, protected: sheet.protection.protected, ...identity(sheet, sheets, key), ...summaryMarkOf(mark) };
  };
  /* eslint-enable office-addins/call-sync-before-read */
}

/**
 * Past this many cells Excel may answer a read with null values (the unbounded-range page:
 * cell-level properties come back null; the resource-limits page: 5 million cells for a get) or
 * with one failure after another. A 自评表 has a few hundred cells: a used range this large means
 * stray content far from the table (a value typed in XFD1048576, a column filled down to the end).
 * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded,
 * learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization
 */
export const MAX_READ_CELLS = 5_000_000;

/** Refuse a used range too large to read, naming it and its far corner, the stray content to clear. */
function refuseAbsurdSize(sheet: string, used: RangeSize & { values?: unknown[][] | null }): void {
  const cells = used.rowCount * used.columnCount;
  // NaN (a size Office did not report) is no reason to refuse: only a known size, or null values, is.
  if (!(cells > MAX_READ_CELLS) && used.values !== null) return;
  const area = `${a1(used.rowIndex + 1, used.columnIndex + 1)}:${a1(used.rowIndex + used.rowCount, used.columnIndex + used.columnCount)}`;
  const corner = a1(used.rowIndex + used.rowCount, used.columnIndex + used.columnCount);
  const count = cells >= 1e8 ? `${Math.round(cells / 1e8)}亿` : `${Math.round(cells / 1e4)}万`;
  const millions = Math.round(cells / 1e6).toLocaleString('en');
  throw new HostError(
    'unknown',
    `工作表“${sheet}”中有内容的区域为 ${area}，约${count}个单元格，远超绩效指标表本身，通常是表格以外远处还有零星内容（最远处在 ${corner} 一带）。请删除表格以外多余的行列中的内容，再重试`,
    `The used area of sheet "${sheet}" is ${area}, about ${millions} million cells, far larger than the indicator table: there is stray content far from the table (as far as ${corner}). Delete the content of the rows and columns outside the table, then try again`,
  );
}

/** How readInParts reads each half of the sheet: in one piece, or in blocks of rows. */
interface ReadMode {
  valuesWhole: boolean;
  mergesWhole: boolean;
}

/**
 * Range.getMergedAreasOrNullObject "will fail to return the result" when the range holds more
 * than 512 merged areas (Excel.Range reference, ExcelApi 1.13; also in @types/office-js).
 */
export const MERGED_AREAS_LIMIT = 512;

/**
 * What to try after a failed read, or undefined when nothing would help. A response too large
 * for Excel on the web means values in blocks. The code Excel fails with for too many merged areas
 * is not documented, so any failure that has no meaning of its own (toHostError gives 'unknown':
 * not a cell in edit mode, not busy, not a sheet that is gone) is taken for it: the merges are
 * then looked up in blocks. A read changes nothing, so trying again costs only its syncs; a
 * failure that was not the merges comes back from the next attempt and is reported then.
 */
function fallbackAfter(error: unknown, mode: ReadMode): ReadMode | undefined {
  if (isResponseTooLarge(error)) return mode.valuesWhole ? { ...mode, valuesWhole: false } : undefined;
  if (mode.mergesWhole && toHostError(error, { kind: 'read' }).code === 'unknown') return { ...mode, mergesWhole: false };
  return undefined;
}

const isResponseTooLarge = (error: unknown) => officeErrorCode(error) === 'ResponsePayloadSizeLimitExceeded';

/**
 * Cells per block when a sheet's values are read in parts: five properties of ~20 bytes each keep
 * a block near 2 MB, well under the 5 MB response limit. Long texts come back three times (values,
 * text, formulas), so a block can still be too large: it is then halved and read again.
 */
export const CELLS_PER_BLOCK = 20_000;

/**
 * Rows per block when the merges are looked up in parts: a 自评表 has one or two merges on an
 * indicator row, so 256 rows stay within 512 merged areas. A sheet with more merges per row
 * makes the lookup fail: the blocks are halved (see mergesInBlocks).
 */
export const MERGE_ROWS_PER_BLOCK = 256;

/**
 * Merge lookups queued in one sync. Each answer lists at most 512 areas, each with the sheet's
 * name: some 60 KB at worst, so 50 of them stay well under the 5 MB response limit (and an answer
 * that is too large anyway halves the number).
 */
const MERGE_BLOCKS_PER_SYNC = 50;

/**
 * The fallbacks: one sync for the size, protection and whatever can be read whole, then the
 * merges and/or the values in blocks of rows. A loop of syncs is unavoidable here, since each
 * limit applies to one sync's whole response or to one lookup; ordinary sheets never come this way.
 */
async function readInParts(context: Excel.RequestContext, locate: SheetLocator, first: ReadMode): Promise<SheetSnapshot> {
  let mode = first;
  for (;;) {
    const sheet = locate(context);
    sheet.load(['name', 'id']);
    sheet.protection.load('protected');
    const sheets = context.workbook.worksheets.load('items/name');
    const key = loadSheetKey(sheet);
    const mark = loadSummaryMark(sheet);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(
      mode.valuesWhole ? [...PROPERTIES, 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'] : ['rowIndex', 'columnIndex', 'rowCount', 'columnCount'],
    );
    // formatting included, as in queueSheetRead: the merges are looked up over this
    const all = sheet.getUsedRangeOrNullObject(false);
    all.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    const merged = mode.mergesWhole ? sheet.getUsedRange(false).getMergedAreasOrNullObject() : undefined;
    merged?.load('address');
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one read; it is tried again, asking less, only when Excel refuses it as too large
      await context.sync();
    } catch (error) {
      const next = fallbackAfter(error, mode);
      if (!next) throw error;
      mode = next;
      continue;
    }
    const name = sheet.name;
    const isProtected = sheet.protection.protected;
    // before any lookup in blocks: a used range this large would take thousands of them
    if (!used.isNullObject) refuseAbsurdSize(name, mode.valuesWhole ? used : { ...sizeOf(used), values: undefined });
    let merges: CellRange[] = [];
    if (merged) merges = merged.isNullObject ? [] : parseAreaList(merged.address);
    else if (!all.isNullObject) merges = await mergesInBlocks(context, sheet, all);
    const about = { protected: isProtected, ...identity(sheet, sheets, key), ...summaryMarkOf(mark) };
    if (used.isNullObject) return { grid: emptyGrid(name, merges), ...about };
    const loaded = mode.valuesWhole ? used : await valuesInBlocks(context, sheet, used);
    return { grid: gridFromLoaded(name, loaded, merges), ...about };
  }
}

interface RangeSize {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

const sizeOf = (range: RangeSize): RangeSize => ({
  rowIndex: range.rowIndex,
  columnIndex: range.columnIndex,
  rowCount: range.rowCount,
  columnCount: range.columnCount,
});

/**
 * The values of the used range, one sync per block of rows. A block whose answer is still over
 * the response limit (long texts) is halved and read again, down to a single row; the smaller
 * size is kept for the blocks after it. So the retries are bounded: at most log2(rows per block).
 */
async function valuesInBlocks(context: Excel.RequestContext, sheet: Excel.Worksheet, used: RangeSize): Promise<LoadedRange> {
  let rowsPerBlock = Math.max(1, Math.floor(CELLS_PER_BLOCK / used.columnCount));
  const whole: LoadedRange = { values: [], text: [], numberFormat: [], formulas: [], valueTypes: [], rowIndex: used.rowIndex, columnIndex: used.columnIndex };
  for (let offset = 0; offset < used.rowCount;) {
    const rows = Math.min(rowsPerBlock, used.rowCount - offset);
    const block = sheet.getRangeByIndexes(used.rowIndex + offset, used.columnIndex, rows, used.columnCount);
    block.load([...PROPERTIES]);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only for a used range too large for one response: read in blocks, as Microsoft advises
      await context.sync();
    } catch (error) {
      if (!isResponseTooLarge(error) || rows === 1) throw error;
      rowsPerBlock = Math.ceil(rows / 2);
      continue;
    }
    // eslint-disable-next-line office-addins/load-object-before-read -- block.load([...PROPERTIES]) above: the rule cannot read a computed property
    for (const property of PROPERTIES) (whole[property] as unknown[][]).push(...(block[property] as unknown[][]));
    offset += rows;
  }
  return whole;
}

/**
 * The merged areas of the used range, looked up block by block of rows, many blocks to a sync.
 * When a sync fails as the lookup does over 512 areas (see fallbackAfter), the blocks are halved
 * and the sync tried again, down to blocks of 512 cells, which cannot hold more than 512 areas.
 * Excel lists an area with the block that holds its top-left cell (office-js issue #3611) or with
 * every block it reaches into; either way each area is kept once.
 */
async function mergesInBlocks(context: Excel.RequestContext, sheet: Excel.Worksheet, all: RangeSize): Promise<CellRange[]> {
  const smallest = Math.max(1, Math.floor(MERGED_AREAS_LIMIT / all.columnCount));
  let rowsPerBlock = Math.max(smallest, Math.min(MERGE_ROWS_PER_BLOCK, all.rowCount));
  let blocksPerSync = MERGE_BLOCKS_PER_SYNC;
  const found = new Map<string, CellRange>();
  for (let offset = 0; offset < all.rowCount;) {
    const lookups: { rows: number; areas: Excel.RangeAreas }[] = [];
    for (let at = offset; at < all.rowCount && lookups.length < blocksPerSync; at += rowsPerBlock) {
      const rows = Math.min(rowsPerBlock, all.rowCount - at);
      const areas = sheet.getRangeByIndexes(all.rowIndex + at, all.columnIndex, rows, all.columnCount).getMergedAreasOrNullObject();
      areas.load('address');
      lookups.push({ rows, areas });
    }
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only when the merges of the whole used range are too many for one response
      await context.sync();
    } catch (error) {
      if (isResponseTooLarge(error) && lookups.length > 1) {
        blocksPerSync = Math.ceil(lookups.length / 2);
        continue;
      }
      const tooMany = fallbackAfter(error, { valuesWhole: false, mergesWhole: true }) !== undefined;
      if (!tooMany || rowsPerBlock <= smallest) throw error;
      rowsPerBlock = Math.max(smallest, Math.ceil(rowsPerBlock / 2));
      continue;
    }
    for (const { rows, areas } of lookups) {
      if (!areas.isNullObject) for (const m of parseAreaList(areas.address)) found.set(`${m.top}:${m.left}:${m.bottom}:${m.right}`, m);
      offset += rows;
    }
  }
  return [...found.values()];
}

function emptyGrid(sheet: string, merges: CellRange[]): Grid {
  return { sheet, top: 1, left: 1, cells: [], merges };
}

/** Office's arrays → a Grid, trimmed to the cells that hold something. */
export function gridFromLoaded(sheet: string, loaded: LoadedRange, merges: CellRange[]): Grid {
  const cells: (GridCell | undefined)[][] = [];
  let first = -1;
  let last = -1;
  let left = Infinity;
  let right = -1;
  for (let r = 0; r < loaded.values.length; r++) {
    const line: (GridCell | undefined)[] = [];
    for (let c = 0; c < loaded.values[r].length; c++) {
      const cell = toGridCell(loaded, r, c);
      line.push(cell);
      if (!cell) continue;
      if (first < 0) first = r;
      last = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    cells.push(line);
  }
  if (first < 0) return emptyGrid(sheet, merges);
  // valuesOnly already trims the used range; trimming again keeps a formula that shows "" honest
  const trimmed = cells.slice(first, last + 1).map((line) => line.slice(left, right + 1));
  const grid: Grid = { sheet, top: loaded.rowIndex + 1 + first, left: loaded.columnIndex + 1 + left, cells: trimmed, merges };
  // Excel already leaves a merge's covered cells empty; a value there comes from a merge made over
  // filled cells by another program. normaliseMerges clears it as the .xlsx reader does, visiting
  // only cells that exist, so a whole-sheet or whole-column merge costs nothing.
  return normaliseMerges(grid);
}

function toGridCell(loaded: LoadedRange, r: number, c: number): GridCell | undefined {
  const raw = loaded.values[r][c];
  const format = loaded.numberFormat[r]?.[c] || 'General';
  const formula = formulaOf(loaded.formulas[r]?.[c], raw);
  if (loaded.valueTypes[r]?.[c] === 'Error') {
    const error = String(raw);
    return { value: null, text: error, format, error, ...(formula !== undefined ? { formula } : {}) };
  }
  if (formula === undefined && (raw === '' || raw === null || raw === undefined)) return undefined;
  const value = plainValue(raw);
  return { value, text: shownText(loaded.text[r]?.[c], value, format), format, ...(formula !== undefined ? { formula } : {}) };
}

/**
 * Range.formulas repeats the value for a constant; a formula starts with "=" and differs from
 * the value. (A text constant that itself starts with "=" equals its value, so it stays text.)
 */
function formulaOf(formula: unknown, value: unknown): string | undefined {
  if (typeof formula !== 'string' || !formula.startsWith('=') || formula === value) return undefined;
  return formula.slice(1);
}

function plainValue(raw: unknown): CellValue {
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw === null || raw === undefined) return null;
  return String(raw); // rich values (entities) degrade to their text
}

/**
 * Range.text is what the cell shows at its current column width: a number in a narrow column
 * shows "####". The engine needs the number's formatted text, not the width artefact.
 */
function shownText(text: string | undefined, value: CellValue, format: string): string {
  if (text === undefined || (typeof value === 'number' && /^#+$/.test(text))) return displayText(value, format);
  return text;
}

/**
 * A RangeAreas address → areas: "Sheet1!A1:B2, Sheet1!D4", with sheet names that may be quoted
 * ('Sheet 1'!A1:B2, 'Bob''s'!C3) and may contain commas or "!" inside the quotes.
 */
export function parseAreaList(address: string): CellRange[] {
  const areas: CellRange[] = [];
  let i = 0;
  while (i < address.length) {
    while (i < address.length && (address[i] === ',' || address[i] === ' ')) i++;
    if (i >= address.length) break;
    if (address[i] === "'") {
      // quoted sheet name: '' is an escaped quote
      i++;
      while (i < address.length && !(address[i] === "'" && address[i + 1] !== "'")) i += address[i] === "'" ? 2 : 1;
      i++; // closing quote
    }
    const start = i;
    while (i < address.length && address[i] !== ',') i++;
    const item = address.slice(start, i).trim();
    const local = item.slice(item.lastIndexOf('!') + 1);
    if (local) areas.push(parseRange(local));
  }
  return areas;
}
