/**
 * Reading the active sheet into a Grid with Office.js, in ONE context.sync(). Only a sheet too big
 * for one response of Excel on the web (5 MB; some 15,000 rows of a 自评表) takes more: see
 * readInBlocks.
 * The Grid must equal what xlsx-file.ts builds from the same sheet saved as .xlsx, so the
 * conversion mirrors it: the grid spans the cells that hold something (not merely formatting),
 * empty cells are undefined, merged cells keep their value only in the anchor, formulas lose "=".
 */
import { parseA1 } from '../engine/address';
import type { CellRange, CellValue, Grid, GridCell } from '../engine/grid';
import { displayText } from './display-text';
import type { SheetSnapshot } from './workbook-host';

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
  try {
    return await readInOneSync(context);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ResponsePayloadSizeLimitExceeded') throw error;
    return readInBlocks(context);
  }
}

async function readInOneSync(context: Excel.RequestContext): Promise<SheetSnapshot> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load('name');
  sheet.protection.load('protected');
  // valuesOnly: formatting alone does not widen the grid (the .xlsx reader skips empty cells too)
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load([...PROPERTIES, 'rowIndex', 'columnIndex']);
  // Merges are looked up over the whole used range (formatting included): a merge may reach past
  // the last value, and getUsedRange never returns a null object, so this needs no second sync.
  const merged = sheet.getUsedRange(false).getMergedAreasOrNullObject();
  merged.load('address');
  await context.sync();

  const name = sheet.name;
  const merges = merged.isNullObject ? [] : parseAreaList(merged.address);
  const grid = used.isNullObject ? emptyGrid(name, merges) : gridFromLoaded(name, used, merges);
  return { grid, protected: sheet.protection.protected };
}

/**
 * Cells per block when a sheet is read in parts: five properties of ~20 bytes each keep a block
 * near 2 MB, well under the 5 MB response limit.
 */
export const CELLS_PER_BLOCK = 20_000;

/**
 * The fallback for a sheet whose single read Excel refused as too large: one sync for the size,
 * merges and protection, then one per block of rows. A loop of syncs is unavoidable here, since
 * the limit applies to each sync's whole response; ordinary sheets never come this way.
 */
async function readInBlocks(context: Excel.RequestContext): Promise<SheetSnapshot> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load('name');
  sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  const merged = sheet.getUsedRange(false).getMergedAreasOrNullObject();
  merged.load('address');
  await context.sync();
  const name = sheet.name;
  const merges = merged.isNullObject ? [] : parseAreaList(merged.address);
  if (used.isNullObject) return { grid: emptyGrid(name, merges), protected: sheet.protection.protected };

  const rowsPerBlock = Math.max(1, Math.floor(CELLS_PER_BLOCK / used.columnCount));
  const whole: LoadedRange = { values: [], text: [], numberFormat: [], formulas: [], valueTypes: [], rowIndex: used.rowIndex, columnIndex: used.columnIndex };
  for (let offset = 0; offset < used.rowCount; offset += rowsPerBlock) {
    const rows = Math.min(rowsPerBlock, used.rowCount - offset);
    const block = sheet.getRangeByIndexes(used.rowIndex + offset, used.columnIndex, rows, used.columnCount);
    block.load([...PROPERTIES]);
    await context.sync();
    for (const property of PROPERTIES) (whole[property] as unknown[][]).push(...(block[property] as unknown[][]));
  }
  return { grid: gridFromLoaded(name, whole, merges), protected: sheet.protection.protected };
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
  return clearMergedCells(grid);
}

/**
 * Excel already leaves the covered cells of a merge empty; a value there can only come from a
 * merge made over filled cells by another program. Clearing it keeps the Grid identical to the
 * .xlsx reader's (grid.ts normaliseMerges), without copying rows when there is nothing to clear.
 */
function clearMergedCells(grid: Grid): Grid {
  for (const m of grid.merges) {
    for (let row = m.top; row <= m.bottom; row++) {
      const line = grid.cells[row - grid.top];
      if (!line) continue;
      for (let col = m.left; col <= m.right; col++) {
        if ((row !== m.top || col !== m.left) && col - grid.left >= 0 && col - grid.left < line.length) line[col - grid.left] = undefined;
      }
    }
  }
  return grid;
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
    if (local) areas.push(areaFromA1(local));
  }
  return areas;
}

function areaFromA1(local: string): CellRange {
  const [from, to = from] = local.split(':');
  const a = parseA1(from);
  const b = parseA1(to);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}
