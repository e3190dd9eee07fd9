/**
 * Reading an .xlsx: the workbook's bytes → one Grid per worksheet, through exceljs.
 *
 * Browser-safe on purpose: the add-in reads a user-chosen file's Uint8Array with this module
 * (its build aliases exceljs to the dist bundle), so it imports only exceljs, the engine (with
 * display-text) and xlsx-errors — no `node:` modules and no Buffer. In Node the package is first
 * checked and simplified (xlsx-prepare), and its sheets' names and merges are handed in.
 */

import { Cell, ValueType, Workbook, Worksheet } from 'exceljs';
import { parseRange } from '../engine/address';
import { CellRange, CellValue, Grid, GridCell, normaliseMerges } from '../engine/grid';
import { dateToSerial, displayText } from '../engine/display-text';
import { assertXlsxSignature, lacksZipEnd, XlsxInputError } from './errors';

/** A sheet's name and merges, known before exceljs reads it under the name `standIn`. */
export interface KnownSheet {
  name: string;
  standIn: string;
  merges: CellRange[];
  hidden?: boolean;
}

/**
 * The workbook's sheets as Grids. `known` (from xlsx-prepare) gives each sheet's real name and
 * merges by the stand-in name exceljs reads it under; without it they come from exceljs.
 */
export async function readWorkbookGrids(bytes: Uint8Array, known?: KnownSheet[]): Promise<Grid[]> {
  const workbook = await loadWorkbook(bytes);
  const date1904 = Boolean(workbook.properties?.date1904);
  const byStandIn = new Map(known?.map((sheet) => [sheet.standIn, sheet]));
  return workbook.worksheets.map((sheet) => worksheetToGrid(sheet, date1904, byStandIn.get(sheet.name)));
}

async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
  assertXlsxSignature(bytes);
  const workbook = new Workbook();
  // exceljs reports what it repairs (a sheet name over 31 characters…) with console.warn; the
  // caller reports the outcome in one line of its own
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    // exceljs types its argument as its own `Buffer extends ArrayBuffer`, but hands it straight
    // to JSZip.loadAsync, which takes a Uint8Array in Node and in the browser alike.
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch {
    // Only now tell a cut-off zip from a zip that is no workbook: the happy path pays for neither.
    throw new XlsxInputError(lacksZipEnd(bytes) ? 'truncated' : 'corrupt');
  } finally {
    console.warn = warn;
  }
  if (workbook.worksheets.length === 0) throw new XlsxInputError('corrupt');
  return workbook;
}

/** Shared by every row of a Grid that has no cells: a far-away cell leaves a million of them. */
const NO_CELLS = Object.freeze([]) as unknown as (GridCell | undefined)[];

/**
 * One exceljs worksheet as a Grid: the used area only, merges normalised as Excel reports them.
 * The Grid is sparse where the sheet is empty: a row without cells is the one shared frozen empty
 * array, and a row is only as long as its last cell (one stray cell at XFD1048576 beside a small
 * table must not make a million rows of 16,384 columns).
 */
export function worksheetToGrid(sheet: Worksheet, date1904: boolean, known?: KnownSheet): Grid {
  const name = known?.name ?? sheet.name;
  const merges = known?.merges ?? sheetMerges(sheet);
  // The sheet's rows, converted: lines[r] holds sheet row r's cells by column, or is absent.
  const lines: (GridCell | undefined)[][] = [];
  let top = 0;
  let bottom = 0;
  let left = Infinity;
  for (const row of rowsOf(sheet)) {
    if (!row) continue;
    const cells = row._cells;
    let line: (GridCell | undefined)[] | undefined;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const gridCell = cell && toGridCell(cell, date1904);
      if (!gridCell) continue;
      const col = i + 1;
      if (!line) line = lines[row.number] = [];
      line[col] = gridCell;
      if (col < left) left = col;
    }
    if (!line) continue;
    if (top === 0) top = row.number;
    bottom = row.number; // rows come in order
  }
  const hidden = (known ? known.hidden : sheet.state === 'hidden' || sheet.state === 'veryHidden') ? { hidden: true } : {};
  if (top === 0) return { sheet: name, top: 1, left: 1, cells: [], merges, ...hidden };

  const cells: (GridCell | undefined)[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line = lines[r];
    cells.push(line ? line.slice(left) : NO_CELLS);
  }
  return { ...normaliseMerges({ sheet: name, top, left, cells, merges }), ...hidden };
}

/** A sheet row as exceljs 4.4 keeps it: `_cells[i]` is column i + 1, absent when never set. */
interface SheetRow {
  number: number;
  _cells: (Cell | undefined)[];
}

/**
 * The sheet's rows in order, some absent. exceljs keeps them in `_rows` and each row's cells in
 * `_cells`; reading those directly saves the public eachRow/eachCell walk, which tests every
 * cell for a value two or three times over. Should those internals change, the public walk
 * builds the same shape instead.
 */
function rowsOf(sheet: Worksheet): (SheetRow | undefined)[] {
  const rows = (sheet as unknown as { _rows?: (SheetRow | undefined)[] })._rows;
  const sample = Array.isArray(rows) ? rows.find((row) => row) : undefined;
  if (sample && Array.isArray(sample._cells) && typeof sample.number === 'number') return rows as (SheetRow | undefined)[];
  const copy: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    const cells: (Cell | undefined)[] = [];
    row.eachCell((cell, col) => (cells[col - 1] = cell));
    copy.push({ number, _cells: cells });
  });
  return copy;
}

/**
 * exceljs's public `worksheet.model` rebuilds the model of every row just to list the merges
 * (tens of ms on a 10,000-row sheet); its `_merges` map holds the same ranges directly.
 */
function sheetMerges(sheet: Worksheet): CellRange[] {
  const merges = (sheet as unknown as { _merges?: Record<string, { range: string }> })._merges;
  const ranges = merges ? Object.values(merges).map((m) => m.range) : sheet.model.merges;
  return ranges.map(parseRange);
}

/** One exceljs cell → a GridCell; undefined for empty cells and the covered cells of a merge. */
function toGridCell(cell: Cell, date1904: boolean): GridCell | undefined {
  const type = cell.type;
  if (type === ValueType.Null || type === ValueType.Merge) return undefined;
  const format = cell.numFmt || 'General';
  if (type === ValueType.Formula) {
    // exceljs computes nothing: the cached result is all there is, and may be absent (trap 8).
    // (cell.result, not cell.value.result: exceljs's value copy drops a result of 0.)
    const formula = String(cell.formula ?? '').replace(/^=/, '');
    return { ...valueCell(cell.result, format, date1904), formula };
  }
  const raw: unknown = cell.value;
  return raw === '' ? undefined : valueCell(raw, format, date1904); // "" shows nothing, like an empty cell
}

function valueCell(raw: unknown, format: string, date1904: boolean): GridCell {
  const error = errorOf(raw);
  if (error) return { value: null, text: error, format, error };
  // "1e400" or "abc" stored as a number reads as Infinity or NaN, which no cell can hold: shown
  // as the error Excel gives a number out of range, so no "NaN" reaches a message or a score
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { value: null, text: '#NUM!', format, error: '#NUM!' };
  const value = plainValue(raw, date1904);
  return { value, text: displayText(value, format, date1904), format };
}

function errorOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'error' in raw) return String((raw as { error: unknown }).error);
  return undefined;
}

/** Dates become serial numbers, rich text and hyperlinks their text, like Excel's `values`. */
function plainValue(raw: unknown, date1904: boolean): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return dateToSerial(raw, date1904);
  if (typeof raw === 'object') {
    if ('richText' in raw) return (raw as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
    if ('text' in raw) return plainValue((raw as { text: unknown }).text, date1904); // hyperlink
  }
  return String(raw);
}
