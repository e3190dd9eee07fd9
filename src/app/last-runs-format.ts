/**
 * The undo records the add-in saves in the workbook (WorkbookHost.saveLastRuns), read back field
 * by field: a value saved by an older or newer version, or damaged, never stops the pane. Unknown
 * fields are dropped; a damaged record is dropped whole. Pure, so that the Excel host and tests
 * read a saved value the same way.
 */
import { isNumber, isPlain } from './settings';
import { CELL_EDGES, type CellLook, type ReplacedCell, type UndoRecord } from './ports';

const A1 = /^[A-Z]{1,3}[1-9][0-9]{0,6}$/;

/**
 * Anything → valid undo records, one per sheet (the last one wins). A record with any damaged cell
 * is dropped whole: putting back part of a run would leave the sheet in a state nobody saw.
 */
export function sanitiseLastRuns(raw: unknown): UndoRecord[] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const bySheet = new Map<string, UndoRecord>();
  for (const item of value) {
    const record = sanitiseRecord(item);
    if (!record) continue;
    bySheet.delete(record.sheet); // keep the list's order: a later duplicate is the newer run
    bySheet.set(record.sheet, record);
  }
  return [...bySheet.values()];
}

/**
 * The optional parts (columnWidths, printArea, a cell's look) are absent in records saved before
 * they were noted, and the record then undoes what it knows, as before. Present but damaged, they
 * drop the record like any damaged part: undo would otherwise put back a run's values and leave
 * part of its look, a state of the sheet nobody saw.
 */
function sanitiseRecord(raw: unknown): UndoRecord | undefined {
  if (!isPlain(raw) || typeof raw.sheet !== 'string' || !raw.sheet || !Array.isArray(raw.cells) || raw.cells.length === 0) return undefined;
  // the looks a saved record keeps once each (packLooks), named by its cells by index
  let looks: CellLook[] = [];
  if (raw.looks !== undefined) {
    if (!Array.isArray(raw.looks)) return undefined;
    const read = raw.looks.map(sanitiseLook);
    if (read.some((look) => !look)) return undefined;
    looks = read as CellLook[];
  }
  const cells: ReplacedCell[] = [];
  const seen = new Set<string>();
  for (const item of raw.cells) {
    const cell = sanitiseCell(item, looks);
    if (!cell || seen.has(cell.address)) return undefined;
    seen.add(cell.address);
    cells.push(cell);
  }
  const record: UndoRecord = { sheet: raw.sheet, cells };
  for (const field of ['sheetId', 'sheetKey'] as const) {
    if (raw[field] === undefined) continue;
    if (!shortText(raw[field], 100)) return undefined;
    record[field] = raw[field];
  }
  if (raw.columnWidths !== undefined) {
    const widths = sanitiseWidths(raw.columnWidths);
    if (!widths) return undefined;
    if (Object.keys(widths).length > 0) record.columnWidths = widths;
  }
  if (raw.printArea !== undefined) {
    if (!(typeof raw.printArea === 'string' && raw.printArea.length > 0 && raw.printArea.length <= MAX_PRINT_AREA)) return undefined;
    record.printArea = raw.printArea;
  }
  return record;
}

/** Excel's widest column is 255 characters, some 1,800 points. */
const MAX_COLUMN_POINTS = 2000;
/** A print area's address: a few ranges, each with its sheet's name (at most 31 characters, quoted). */
const MAX_PRINT_AREA = 2048;
const COLUMN = /^[A-Z]{1,3}$/;

function sanitiseWidths(raw: unknown): Record<string, number | null> | undefined {
  if (!isPlain(raw)) return undefined;
  const widths: Record<string, number | null> = {};
  for (const [letters, width] of Object.entries(raw)) {
    if (!COLUMN.test(letters)) return undefined;
    if (width !== null && !(isNumber(width) && width >= 0 && width <= MAX_COLUMN_POINTS)) return undefined;
    widths[letters] = width;
  }
  return widths;
}

const shortText = (v: unknown, max = 64): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * A look as getCellProperties reported it, field by field: unknown fields (a newer version's) are
 * left out; a known one of the wrong type or size makes the look, and so its record, damaged.
 */
function sanitiseLook(raw: unknown): CellLook | undefined {
  if (!isPlain(raw)) return undefined;
  const look: CellLook = {};
  for (const key of ['bold', 'italic', 'wrap'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'boolean') return undefined;
    look[key] = raw[key];
  }
  for (const key of ['fontColor', 'fontName', 'horizontal', 'vertical'] as const) {
    if (raw[key] === undefined) continue;
    if (!shortText(raw[key])) return undefined;
    look[key] = raw[key];
  }
  if (raw.fontSize !== undefined) {
    // Excel's font sizes run from 1 to 409 points
    if (!(isNumber(raw.fontSize) && raw.fontSize >= 1 && raw.fontSize <= 409)) return undefined;
    look.fontSize = raw.fontSize;
  }
  if (raw.borders !== undefined) {
    if (!isPlain(raw.borders)) return undefined;
    const borders: CellLook['borders'] = {};
    for (const edge of CELL_EDGES) {
      const line = raw.borders[edge];
      if (line === undefined) continue;
      // "None", or "style weight colour"
      if (!shortText(line) || line.split(' ').length > 3) return undefined;
      borders[edge] = line;
    }
    look.borders = borders;
  }
  return look;
}

/**
 * `written` is optional: records saved before it was noted lack it, and load with it unknown (undo
 * then keeps every cell that changed since before the run: src/app/undo-check.ts). So is `look`:
 * a cell without one keeps its look on undo.
 */
function sanitiseCell(raw: unknown, looks: CellLook[] = []): ReplacedCell | undefined {
  if (!isPlain(raw) || typeof raw.address !== 'string' || !A1.test(raw.address)) return undefined;
  const { value, formula, numberFormat, fill, written } = raw;
  if (!(typeof value === 'string' || typeof value === 'boolean' || isNumber(value))) return undefined;
  if (formula !== undefined && !(typeof formula === 'string' && formula.startsWith('='))) return undefined;
  if (typeof numberFormat !== 'string') return undefined;
  // Excel reports "#RRGGBB"; a named colour would do as well when written back
  if (fill !== null && !(typeof fill === 'string' && fill.length > 0 && fill.length <= 32)) return undefined;
  if (written !== undefined && !(typeof written === 'string' || isNumber(written))) return undefined;
  const look = raw.look === undefined ? undefined : typeof raw.look === 'number' ? looks[raw.look] : sanitiseLook(raw.look);
  if (raw.look !== undefined && !look) return undefined;
  return {
    address: raw.address,
    value,
    ...(formula !== undefined ? { formula } : {}),
    numberFormat,
    fill,
    ...(written !== undefined ? { written } : {}),
    ...(look ? { look } : {}),
  };
}
