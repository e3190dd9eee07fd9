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
 * The look the plan asks for (CellWrite.style, WritePlan.formats/columnWidths/printArea) is undone
 * too: the batch that copies formats onto a cell first loads how it looked (getCellProperties:
 * font, borders, wrap, alignment, with the fill; for thousands of cells, block by block: see
 * MAX_CELL_LOOKS), the widths of the columns it sizes (format.columnWidth and useStandardWidth)
 * and the print area it may widen, so a run still costs one read and one write (and the print
 * area's widening its one more sync), and undo still one read and one write. A rollback puts back
 * the looks and widths of the batches written before the failed one as well.
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
import { sameValue, undoVerdict, type CellContent } from '../../app/undo-check';
import { a1, parseA1 } from '../../engine/address';
import type { CellRange, Grid } from '../../engine/grid';
import { widenedFormula } from '../../engine/plan/print-area';
import { FILLS, type CellFormatOnly, type CellStyle, type CellWrite, type WritePlan } from '../../engine/write-plan';
import { isCellEditRefusal, officeErrorCode, toHostError, writeFailedError } from './errors';
import { runNow, type ExcelRunner } from './run';
import { SHEET_KEY_PROPERTY } from './sheet-key';
import { CELL_EDGES, type CellEdge, type CellLook, type HostError, type ReplacedCell, type UndoRecord, type UndoResult } from '../../app/ports';
import { utf8Length } from '../../engine/text';

/**
 * Excel on the web refuses a request or a response over 5 MB (RichApi.Error; "Resource limits and
 * performance optimization for Office Add-ins", section "Excel add-ins"). A batch is planned so
 * that our estimate of each stays under 80% of that. The estimate counts every cell's old fill and
 * number format at full price and so runs above what a batch really carries (by 10–25% on the
 * fake's byte count), which with the 20% margin absorbs Office's envelope. A normal plan (three
 * cells per indicator row) fits one batch up to some 12,000 rows, the looks of the cells it
 * styles included (loaded per cell up to MAX_CELL_LOOKS of them, per block of cells beyond).
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

/**
 * Pack runs into batches whose estimated request and response each stay under the budget. `first`
 * is what the first batch carries besides its runs (the sheet's look: queueSheetLook).
 */
export function chunkRuns<T>(
  runs: Run<T>[],
  costOf: (run: Run<T>) => RunCost,
  budget = MAX_BATCH_BYTES,
  first: RunCost = { request: 0, response: 0 },
): Run<T>[][] {
  const chunks: Run<T>[][] = [];
  let chunk: Run<T>[] = [];
  let request = first.request;
  let response = first.response;
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
export const COMMAND_BYTES = 300;
/** One cell's fill in a setCellProperties argument or a getCellProperties answer. */
const FILL_BYTES = 64;
/** What an old cell costs to bring back when we do not know its content (no snapshot). */
const UNKNOWN_OLD_VALUE_BYTES = 64;
/**
 * One cell's look in a getCellProperties answer (the fill, five font properties, eight borders of
 * three properties each, wrap, two alignments: some 690 bytes of JSON), or in a setCellProperties
 * argument (less): too much to load per cell for thousands of cells (see MAX_CELL_LOOKS).
 */
const LOOK_BYTES = 720;
/**
 * How the looks of the cells a run styles are loaded. Per cell (getCellProperties) while the plan
 * styles at most MAX_CELL_LOOKS cells: exact, and any form of a few hundred rows is far below it.
 * Beyond, per block of LOOK_BLOCK consecutive cells of a column (the block's format, font and
 * borders, loaded as ranges: nine small commands a block instead of ~700 bytes a cell), so that a
 * sheet of thousands of rows still costs one write: exact where a block's cells looked alike
 * before (the empty cells of an added column); a property in which they differed comes back as
 * null, is not known, and is left as it is on undo for that block's cells. (The RangeFormat
 * reference documents null for a range of mixed wrapText,
 * https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-wraptext-member;
 * for the font, the alignments and the borders it says nothing, and null is assumed, as in the
 * VBA object model. Were Excel to answer one cell's value instead, a block of mixed looks would
 * get that look back: a form's added column is not such a block.)
 */
export const MAX_CELL_LOOKS = 2_000;
export const LOOK_BLOCK = 32;
/** What a block's look costs a request, and its answer: nine commands (queueRunLook). */
const BLOCK_LOOK_BYTES = 9 * COMMAND_BYTES;
const blocksOf = (cells: number) => Math.ceil(cells / LOOK_BLOCK);
type LookMode = 'cells' | 'runs';

/** A value's JSON in a 2-D array, brackets and comma included. */
export const jsonBytes = (value: unknown) => utf8Length(JSON.stringify(value) ?? 'null') + 3;

/** How many bytes a cell's current value and formula take, when a recent read knows it. */
export type OldCellBytes = (address: string) => number | undefined;

function applyCost(oldBytes: OldCellBytes, mode: LookMode) {
  return (run: Run<CellWrite>): RunCost => {
    const formats = run.cells.some((w) => w.numberFormat !== undefined);
    const fills = run.cells.some((w) => w.fill !== undefined);
    // a run holding a styled cell loads every cell's look, or the run's (queueCapture)
    const styled = run.cells.some((w) => w.style !== undefined);
    const looks = styled && mode === 'cells';
    const blocks = styled && mode === 'runs' ? blocksOf(run.cells.length) * BLOCK_LOOK_BYTES : 0;
    let request = 5 * COMMAND_BYTES + blocks;
    let response = 3 * COMMAND_BYTES + blocks;
    // the look (queueStyles): a copyFrom per stretch of cells that look like one column, a wrapText per stretch to wrap
    let previousLike = '';
    for (const w of run.cells) {
      const like = w.style?.like?.replace(/\d+$/, '') ?? '';
      if (like !== previousLike) request += 2 * COMMAND_BYTES;
      previousLike = like;
    }
    for (const w of run.cells) {
      request += jsonBytes(w.value) + (formats ? jsonBytes(w.numberFormat ?? null) : 0) + (fills ? FILL_BYTES : 0);
      // values and formulas both come back, with the number format and the fill
      response += 2 * (oldBytes(w.address) ?? UNKNOWN_OLD_VALUE_BYTES) + jsonBytes('General') + (looks ? LOOK_BYTES : FILL_BYTES);
    }
    return { request, response };
  };
}

/**
 * What the first batch carries for the sheet's look (queueSheetLook): the format-only cells'
 * previous state loaded and their formats copied, the columns' widths loaded and set, the print
 * area loaded.
 */
function sheetLookCost(plan: WritePlan, formats: CellFormatOnly[], runs: Run<CellFormatOnly>[], mode: LookMode): RunCost {
  let request = 2 * COMMAND_BYTES;
  let response = 2 * COMMAND_BYTES;
  // per cell, at worst a copyFrom and a wrapText of its own; back, its content, number format and look
  request += formats.length * 2 * COMMAND_BYTES;
  response += formats.length * (2 * UNKNOWN_OLD_VALUE_BYTES + jsonBytes('General') + (mode === 'cells' ? LOOK_BYTES : FILL_BYTES));
  if (mode === 'runs') {
    const blocks = runs.reduce((sum, run) => sum + blocksOf(run.cells.length), 0) * BLOCK_LOOK_BYTES;
    request += blocks;
    response += blocks;
  }
  const widths = plan.columnWidths?.length ?? 0;
  request += 2 * widths * COMMAND_BYTES;
  response += widths * COMMAND_BYTES;
  return { request, response };
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
  let request = 5 * COMMAND_BYTES;
  for (const c of run.cells) request += jsonBytes(c.input ?? null) + jsonBytes(c.numberFormat ?? null) + FILL_BYTES + (c.look ? LOOK_BYTES : 0);
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
  /** The fill of each cell, and its look when the run styles a cell of it (looks per cell). */
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  /** The run's looks by block, when the run styles a cell of it (looks per block). */
  runLook?: RunLook[];
}

/** A block's look as range-level loads give it: each property shared by its cells, or null. */
interface RunLook {
  format: Excel.RangeFormat;
  /** Excel.BorderIndex → the range's border. */
  borders: Map<string, Excel.RangeBorder>;
  cells: number;
}

/** Load the looks of a column run's cells, block by block (queueRunLook). */
function queueRunLooks(sheet: Excel.Worksheet, run: Run<unknown>): RunLook[] {
  const blocks: RunLook[] = [];
  for (let start = 0; start < run.cells.length; start += LOOK_BLOCK) {
    const cells = run.cells.slice(start, start + LOOK_BLOCK);
    blocks.push(queueRunLook(sheet, runAddress({ col: run.col, top: run.top + start, cells }), cells.length));
  }
  return blocks;
}

/** The look of a run's `i`-th cell from its blocks' looks. */
const blockLookAt = (blocks: RunLook[], i: number) => runLookAt(blocks[Math.floor(i / LOOK_BLOCK)], i % LOOK_BLOCK);

/**
 * Load a block's look at once: RangeFormat's wrapText and alignments, RangeFont, and the
 * borders: its outer edges, the lines between its cells, its diagonals (Excel.BorderIndex).
 */
function queueRunLook(sheet: Excel.Worksheet, address: string, cells: number): RunLook {
  const format = sheet.getRange(address).format;
  format.load(['wrapText', 'horizontalAlignment', 'verticalAlignment']);
  format.font.load(['bold', 'italic', 'color', 'size', 'name']);
  const borders = new Map<string, Excel.RangeBorder>();
  const indexes = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'DiagonalDown', 'DiagonalUp', ...(cells > 1 ? ['InsideHorizontal'] : [])];
  for (const index of indexes) {
    const border = format.borders.getItem(index as Excel.BorderIndex);
    border.load(['style', 'weight', 'color']);
    borders.set(index, border);
  }
  return { format, borders, cells };
}

/** A border as a look notes it ("None", "style weight colour"), or undefined when not known. */
function lineOf(border: BorderLike | undefined): string | undefined {
  if (typeof border?.style !== 'string') return undefined;
  if (border.style === 'None') return 'None';
  return [border.style, border.weight, border.color].filter((p) => typeof p === 'string' && p !== '').join(' ');
}

/** The look of the run's `i`-th cell, from the run's look: what its cells did not share is left out. */
function runLookAt(run: RunLook, i: number): CellLook {
  // A cell's top and bottom edges are the run's inside lines, except at the run's own ends.
  const edge: Record<CellEdge, string> = {
    top: i === 0 ? 'EdgeTop' : 'InsideHorizontal',
    bottom: i === run.cells - 1 ? 'EdgeBottom' : 'InsideHorizontal',
    left: 'EdgeLeft',
    right: 'EdgeRight',
    diagonalDown: 'DiagonalDown',
    diagonalUp: 'DiagonalUp',
  };
  return lookFrom(run.format.font, run.format, (cellEdge) => run.borders.get(edge[cellEdge]));
}

type BorderLike = { style?: string | null; weight?: string | null; color?: string | null };
type FontLike = { bold?: boolean | null; italic?: boolean | null; color?: string | null; size?: number | null; name?: string | null };
type FormatLike = { wrapText?: boolean | null; horizontalAlignment?: string | null; verticalAlignment?: string | null };

/** A compact look from what Excel reported of a font, a format and its borders; what it did not report is left out. */
function lookFrom(font: FontLike, format: FormatLike, borderAt: (edge: CellEdge) => BorderLike | undefined): CellLook {
  const look: CellLook = {};
  if (typeof font.bold === 'boolean') look.bold = font.bold;
  if (typeof font.italic === 'boolean') look.italic = font.italic;
  if (typeof font.color === 'string') look.fontColor = font.color;
  if (typeof font.size === 'number') look.fontSize = font.size;
  if (typeof font.name === 'string') look.fontName = font.name;
  if (typeof format.wrapText === 'boolean') look.wrap = format.wrapText;
  if (typeof format.horizontalAlignment === 'string') look.horizontal = format.horizontalAlignment;
  if (typeof format.verticalAlignment === 'string') look.vertical = format.verticalAlignment;
  const borders: Partial<Record<CellEdge, string>> = {};
  for (const edge of CELL_EDGES) {
    const line = lineOf(borderAt(edge));
    if (line !== undefined) borders[edge] = line;
  }
  if (Object.keys(borders).length > 0) look.borders = borders;
  return look;
}

/**
 * What getCellProperties loads for a cell's fill, and for its look: the format properties that
 * Range.copyFrom "Formats" and wrapText change beyond the number format (Excel.CellPropertiesFormat,
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getcellproperties-member(1)).
 * Not loaded, so not put back: what a form's cells rarely differ in (underline, strike-through,
 * indent, text orientation, shrink to fit, tint and shade) and the cell's protection.
 */
const FILL_PROPERTIES: Excel.CellPropertiesLoadOptions = { format: { fill: { color: true, pattern: true } } };
const LOOK_PROPERTIES: Excel.CellPropertiesLoadOptions = {
  format: {
    fill: { color: true, pattern: true },
    font: { bold: true, italic: true, color: true, size: true, name: true },
    borders: { style: true, weight: true, color: true },
    wrapText: true,
    horizontalAlignment: true,
    verticalAlignment: true,
  },
};

/** getCellProperties' answer for one cell → its compact look (what Excel did not report is left out). */
export function lookOf(props: Excel.CellProperties | undefined): CellLook {
  const format = props?.format ?? {};
  return lookFrom(format.font ?? {}, format, (edge) => format.borders?.[edge]);
}

/** A look → setCellProperties' format argument (Excel.CellPropertiesFormat). */
export function lookFormat(look: CellLook): Excel.CellPropertiesFormat {
  const format: Excel.CellPropertiesFormat = {};
  const font: Excel.CellPropertiesFont = {};
  if (look.bold !== undefined) font.bold = look.bold;
  if (look.italic !== undefined) font.italic = look.italic;
  if (look.fontColor !== undefined) font.color = look.fontColor;
  if (look.fontSize !== undefined) font.size = look.fontSize;
  if (look.fontName !== undefined) font.name = look.fontName;
  if (Object.keys(font).length > 0) format.font = font;
  if (look.wrap !== undefined) format.wrapText = look.wrap;
  if (look.horizontal !== undefined) format.horizontalAlignment = look.horizontal as Excel.HorizontalAlignment;
  if (look.vertical !== undefined) format.verticalAlignment = look.vertical as Excel.VerticalAlignment;
  if (look.borders) {
    const borders: Excel.CellBorderCollection = {};
    for (const edge of CELL_EDGES) {
      const line = look.borders[edge];
      if (line === undefined) continue;
      const [style, weight, color] = line.split(' ');
      // an edge without a line takes no weight or colour
      borders[edge] =
        style === 'None'
          ? { style: 'None' }
          : { style: style as Excel.BorderLineStyle, ...(weight ? { weight: weight as Excel.BorderWeight } : {}), ...(color ? { color } : {}) };
    }
    format.borders = borders;
  }
  return format;
}

/**
 * A width in Excel's column-width unit (what the plan gives, and what the .xlsx patcher stores in
 * <col width>, padding included) in the points Range.format.columnWidth takes: 7 pixels a unit in
 * the default 11-point font, at 0.75 points a pixel. Both hosts thus give a column the same width.
 */
export function columnWidthPoints(width: number): number {
  return Math.round(width * 7 * 0.75 * 100) / 100;
}

/**
 * The look a plan asks for, on a column run of cells (written or format-only): each stretch of
 * consecutive cells that look like cells of one column copies their formats in one command
 * (Range.copyFrom with RangeCopyType "Formats", ExcelApi 1.9: font and bold, borders, alignment,
 * number format, fill), then the cells to wrap get wrapText. Queued before the write's own number
 * format and fill, which therefore win.
 */
function queueStyles<T extends { style?: CellStyle }>(sheet: Excel.Worksheet, run: Run<T>): void {
  let start = 0;
  const likeCol = (i: number): { row: number; col: number } | undefined => {
    const like = run.cells[i].style?.like;
    return like === undefined ? undefined : parseA1(like);
  };
  for (let i = 1; i <= run.cells.length; i++) {
    const first = likeCol(start);
    const here = i < run.cells.length ? likeCol(i) : undefined;
    // a stretch goes on while each cell looks like the cell in the same column, one row further down
    const continues = first !== undefined && here !== undefined && here.col === first.col && here.row === first.row + (i - start);
    if (continues) continue;
    if (first !== undefined) {
      const count = i - start;
      const target = sheet.getRange(runAddress({ col: run.col, top: run.top + start, cells: run.cells.slice(start, i) }));
      const source = runAddress({ col: first.col, top: first.row, cells: new Array(count).fill(null) });
      target.copyFrom(source, 'Formats');
    }
    start = i;
  }
  // wrapText per stretch of cells to wrap
  let from = -1;
  run.cells.forEach((cell, i) => {
    const wrap = cell.style?.wrap === true;
    if (wrap && from < 0) from = i;
    if (from >= 0 && (!wrap || i === run.cells.length - 1)) {
      const end = wrap ? i : i - 1;
      sheet.getRange(runAddress({ col: run.col, top: run.top + from, cells: run.cells.slice(from, end + 1) })).format.wrapText = true;
      from = -1;
    }
  });
}

/** What the first batch loads of the sheet's look before changing it (for undo). */
interface SheetLookCaptured {
  /** The format-only cells: their content, number format, fill and look (per cell in props, or the run's). */
  formats: { run: Run<CellFormatOnly>; range: Excel.Range; props: OfficeExtension.ClientResult<Excel.CellProperties[][]>; runLook?: RunLook[] }[];
  /** The columns the run sizes, by letters: their width before. */
  widths: { letters: string; format: Excel.RangeFormat }[];
  /** The sheet's print area (Worksheet.pageLayout, ExcelApi 1.9), when the plan may widen it. */
  printArea?: Excel.RangeAreas;
}

const columnOf = (col: number) => a1(1, col).replace(/\d+$/, '');

/**
 * The previous state of what queueSheetLook changes, loaded first in the first batch: the
 * format-only cells (as queueCapture loads written cells, with their look), the widths of the
 * columns the run sizes (Range.format columnWidth and useStandardWidth, ExcelApi 1.2 and 1.7) and
 * the print area.
 */
function queueSheetLookCapture(sheet: Excel.Worksheet, plan: WritePlan, formats: CellFormatOnly[], merges: CellRange[], mode: LookMode): SheetLookCaptured {
  const captured: SheetLookCaptured = { formats: [], widths: [] };
  for (const run of columnRuns<CellFormatOnly>(formats, (f) => f.address, merges)) {
    const range = sheet.getRange(runAddress(run));
    range.load(['values', 'formulas', 'numberFormat']);
    const props = range.getCellProperties(mode === 'cells' ? LOOK_PROPERTIES : FILL_PROPERTIES);
    captured.formats.push({ run, range, props, ...(mode === 'runs' ? { runLook: queueRunLooks(sheet, run) } : {}) });
  }
  for (const letters of new Set((plan.columnWidths ?? []).map(({ col }) => columnOf(col)))) {
    const format = sheet.getRange(`${letters}:${letters}`).format;
    format.load(['columnWidth', 'useStandardWidth']);
    captured.widths.push({ letters, format });
  }
  if (plan.printArea) {
    captured.printArea = sheet.pageLayout.getPrintAreaOrNullObject();
    captured.printArea.load('address');
  }
  return captured;
}

/**
 * What a plan asks beyond its cell writes, queued once (with the first batch, after its writes):
 * the format-only cells inside the table's border and the widths of the columns it added. The
 * print area loaded by queueSheetLookCapture is widened after the sync where there is one.
 *
 * Not done here: the .xlsx patcher also sets a sheet to print one page wide where the added
 * columns alone push the table past a page (plan.printTable). Deciding that needs the columns'
 * widths and the page setup, which this batch would have to load and a third sync apply; the
 * sheet read (office/excel/read.ts) is the place to load them, so that this batch can set the zoom.
 */
function queueSheetLook(sheet: Excel.Worksheet, plan: WritePlan, formats: CellFormatOnly[], merges: CellRange[]): void {
  for (const run of columnRuns<CellFormatOnly>(formats, (f) => f.address, merges)) queueStyles(sheet, run);
  for (const { col, width } of plan.columnWidths ?? []) {
    const letters = columnOf(col);
    sheet.getRange(`${letters}:${letters}`).format.columnWidth = columnWidthPoints(width);
  }
}

/** The format-only cells as they were, for undo: their `written` is the value they keep. */
function styledCells(captured: SheetLookCaptured): ReplacedCell[] {
  const cells: ReplacedCell[] = [];
  for (const { run, range, props, runLook } of captured.formats) {
    run.cells.forEach((_, i) => {
      const value = range.values[i][0] as number | string | boolean;
      const formula = formulaOf(value, range.formulas[i][0]);
      cells.push({
        address: a1(run.top + i, run.col),
        value,
        ...(formula !== undefined ? { formula } : {}),
        numberFormat: String(range.numberFormat[i][0] ?? 'General'),
        fill: fillOf(props.value[i]?.[0]),
        ...(formula === undefined && typeof value !== 'boolean' ? { written: value } : {}),
        look: runLook ? blockLookAt(runLook, i) : lookOf(props.value[i]?.[0]),
      });
    });
  }
  return cells;
}

/** The columns' widths before the run: points, or null for the sheet's standard width. */
function widthsBefore(captured: SheetLookCaptured): Record<string, number | null> | undefined {
  const widths: Record<string, number | null> = {};
  for (const { letters, format } of captured.widths) {
    if (format.useStandardWidth === true) widths[letters] = null;
    else if (typeof format.columnWidth === 'number') widths[letters] = format.columnWidth;
  }
  return Object.keys(widths).length > 0 ? widths : undefined;
}

/** Load what the chunk's cells hold (with the look of a run holding a styled cell): queued before any write. */
function queueCapture(sheet: Excel.Worksheet, chunk: Run<CellWrite>[], mode: LookMode): Captured[] {
  return chunk.map((run) => {
    const range = sheet.getRange(runAddress(run));
    range.load(['values', 'formulas', 'numberFormat']);
    const styled = run.cells.some((w) => w.style !== undefined);
    const fills = range.getCellProperties(styled && mode === 'cells' ? LOOK_PROPERTIES : FILL_PROPERTIES);
    return { run, range, fills, ...(styled && mode === 'runs' ? { runLook: queueRunLooks(sheet, run) } : {}) };
  });
}

/**
 * Write the chunk, on proxies apart from the loads' so no proxy mixes a load and a set; per run:
 * the values, then the look, the number formats, the fills (a rollback relies on that order).
 */
function queueWrites(sheet: Excel.Worksheet, chunk: Run<CellWrite>[]): void {
  for (const run of chunk) {
    const target = sheet.getRange(runAddress(run));
    target.values = run.cells.map((w) => [asCellInput(w.value)]);
    if (run.cells.some((w) => w.style !== undefined)) queueStyles(sheet, run);
    if (run.cells.some((w) => w.numberFormat !== undefined)) {
      target.numberFormat = run.cells.map((w) => [w.numberFormat ?? null]); // null: leave as is
    }
    if (run.cells.some((w) => w.fill !== undefined)) {
      target.setCellProperties(run.cells.map((w) => [w.fill ? { format: { fill: { color: argbToHex(FILLS[w.fill]) } } } : {}]));
    }
  }
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
  for (const { run, range, fills, runLook } of captured) {
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
        ...(write.style !== undefined ? { look: runLook ? blockLookAt(runLook, i) : lookOf(props[i]?.[0]) } : {}),
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
  run: ExcelRunner = runNow,
  /** A key to give the sheet (office/excel/sheet-key.ts) with the first batch's writes. */
  newKey?: string,
): Promise<UndoRecord> {
  const [record] = await applyPlansInExcel([{ plan, merges, oldBytes, snapshot, newKey }], run);
  return record;
}

/** A plan to apply, with what the host knows of its sheet (see applyPlanInExcel). */
export interface PlanToApply {
  plan: WritePlan;
  merges?: CellRange[];
  oldBytes?: OldCellBytes;
  snapshot?: Grid;
  newKey?: string;
}

/**
 * What a batch carries besides the plans' chunks (汇总本工作簿's summary sheet): queued first in the
 * first batch, its estimated cost counted against that batch's budget.
 */
export interface BatchExtra {
  cost: RunCost;
  queue(context: Excel.RequestContext): void;
}

/** A plan on its way to Excel: its chunks and their costs, and what its batches captured for undo. */
interface PlanWork {
  plan: WritePlan;
  writes: CellWrite[];
  formats: CellFormatOnly[];
  mode: LookMode;
  chunks: Run<CellWrite>[][];
  costs: RunCost[];
  merges: CellRange[];
  oldBytes: OldCellBytes;
  snapshot?: Grid;
  newKey?: string;
  replaced: ReplacedCell[];
  styled: ReplacedCell[];
  widths?: Record<string, number | null>;
  printArea?: string;
  /** Whether a batch holding one of its chunks has been sent (so there may be something to put back). */
  touched: boolean;
}

function preparePlan({ plan, merges = [], oldBytes = () => undefined, snapshot, newKey }: PlanToApply): PlanWork {
  const writes = uniqueWrites(plan.writes);
  const written = new Set(writes.map((w) => w.address));
  // a cell is captured once: one the plan writes is not also a format-only cell
  const formats = uniqueFormats(plan.formats ?? []).filter((f) => !written.has(f.address));
  const mode: LookMode = writes.filter((w) => w.style !== undefined).length + formats.length <= MAX_CELL_LOOKS ? 'cells' : 'runs';
  const formatRuns = columnRuns<CellFormatOnly>(formats, (f) => f.address, merges);
  const costOf = applyCost(oldBytes, mode);
  const look = sheetLookCost(plan, formats, formatRuns, mode);
  const chunks = chunkRuns(
    columnRuns(writes, (w) => w.address, merges),
    costOf,
    MAX_BATCH_BYTES,
    look,
  );
  const costs = chunks.map((chunk, index) =>
    chunk.reduce(
      (sum, r) => {
        const cost = costOf(r);
        return { request: sum.request + cost.request, response: sum.response + cost.response };
      },
      index === 0 ? look : { request: 0, response: 0 },
    ),
  );
  return { plan, writes, formats, mode, chunks, costs, merges, oldBytes, snapshot, newKey, replaced: [], styled: [], touched: false };
}

/** One plan's chunk in a batch. */
interface Slot {
  work: PlanWork;
  index: number;
}

/**
 * The plans' chunks packed into batches in order, each batch's estimated request and response under
 * the budget. A plan's chunks were cut to fill a batch each, so one plan alone still costs one batch
 * per chunk; several small plans (every sheet of a workbook) share one.
 */
function packSlots(works: PlanWork[], first: RunCost): Slot[][] {
  const batches: Slot[][] = [];
  let batch: Slot[] = [];
  let request = first.request;
  let response = first.response;
  for (const work of works) {
    work.costs.forEach((cost, index) => {
      if (batch.length > 0 && (request + cost.request > MAX_BATCH_BYTES || response + cost.response > MAX_BATCH_BYTES)) {
        batches.push(batch);
        batch = [];
        request = 0;
        response = 0;
      }
      batch.push({ work, index });
      request += cost.request;
      response += cost.response;
    });
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Queue one chunk of a plan: every load of its cells before any of its writes (its sheet's look with
 * the first chunk, and the sheet's key). Returns its loads, and what to note after the sync.
 */
function queueChunk(context: Excel.RequestContext, { work, index }: Slot): { captured: Captured[]; after: () => void } {
  const { plan, formats, merges, mode, newKey } = work;
  const chunk = work.chunks[index];
  const sheet = context.workbook.worksheets.getItem(plan.sheet);
  const captured = queueCapture(sheet, chunk, mode);
  const look = index === 0 ? queueSheetLookCapture(sheet, plan, formats, merges, mode) : undefined;
  queueWrites(sheet, chunk);
  if (index === 0) queueSheetLook(sheet, plan, formats, merges);
  if (index === 0 && newKey !== undefined) sheet.customProperties.add(SHEET_KEY_PROPERTY, newKey);
  return {
    captured,
    after: () => {
      if (look) {
        work.styled = styledCells(look);
        work.widths = widthsBefore(look);
        if (look.printArea && !look.printArea.isNullObject) work.printArea = look.printArea.address;
      }
      work.replaced.push(...replacedCells(captured));
    },
  };
}

/**
 * Apply several plans (each on its own sheet) in as few batches as the request size limit allows:
 * one for the plans of a workbook's tables, with `extra` (the summary sheet) first in it. Undo
 * records come back in the plans' order. When a batch fails, every plan it or an earlier batch
 * wrote is put back (rollBack, plan by plan) before the error is passed on; `extra` is not.
 */
export async function applyPlansInExcel(plans: PlanToApply[], run: ExcelRunner = runNow, extra?: BatchExtra): Promise<UndoRecord[]> {
  const works = plans.map(preparePlan);
  const batches = packSlots(works, extra?.cost ?? { request: 0, response: 0 });
  if (extra && batches.length === 0) batches.push([]);
  for (const [number, batch] of batches.entries()) {
    const queued: { slot: Slot; captured: Captured[]; after: () => void }[] = [];
    for (const slot of batch) slot.work.touched = true;
    try {
      await run(async (context) => {
        if (number === 0) extra?.queue(context);
        for (const slot of batch) queued.push({ slot, ...queueChunk(context, slot) });
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch for all the plans; more only past the request size limit (MAX_BATCH_BYTES)
        await context.sync();
        for (const item of queued) item.after();
      });
    } catch (error) {
      throw await rollBackPlans(error, works, queued, run);
    }
  }
  const records = works.map(recordOf);
  await widenPrintAreas(works, records, run);
  return records;
}

/** The run's undo record, its cells in the plan's order, then the cells it only styled. */
function recordOf(work: PlanWork): UndoRecord {
  const order = new Map(work.plan.writes.map((w, i) => [w.address.replace(/\$/g, '').toUpperCase(), i]));
  const replaced = [...work.replaced].sort((a, b) => (order.get(a.address) ?? 0) - (order.get(b.address) ?? 0));
  return { sheet: work.plan.sheet, cells: [...replaced, ...work.styled], ...(work.widths ? { columnWidths: work.widths } : {}) };
}

/**
 * A print area a sheet has takes in the cells its run added: one more sync, only when some sheet's
 * print area needs it, for all of them.
 */
async function widenPrintAreas(works: PlanWork[], records: UndoRecord[], run: ExcelRunner): Promise<void> {
  const widen: { sheet: string; to: string; record: UndoRecord; before: string }[] = [];
  works.forEach((work, i) => {
    const widened = work.printArea && work.plan.printArea ? widenedFormula(work.printArea, work.plan.printArea) : undefined;
    if (work.printArea !== undefined && widened !== undefined && widened !== work.printArea) {
      widen.push({ sheet: work.plan.sheet, to: widened, record: records[i], before: work.printArea });
    }
  });
  if (widen.length === 0) return;
  try {
    await run(async (context) => {
      for (const { sheet, to } of widen) context.workbook.worksheets.getItem(sheet).pageLayout.setPrintArea(to);
      await context.sync();
    });
    for (const { record, before } of widen) record.printArea = before;
  } catch {
    // The cells are written and their records are what undo needs: losing them for the print area,
    // which only decides what prints, would be worse than leaving the print area as it was.
  }
}

/**
 * Put back, plan by plan, what the failed batch and the ones before it wrote; the error to pass on.
 * With one plan this is rollBack's error. With several, the first that names cells left unrestored,
 * else the first that put something back; when nothing of any plan had been written, the error as
 * Office gave it (the batch failed before its writes: the summary sheet, say).
 */
async function rollBackPlans(error: unknown, works: PlanWork[], queued: { slot: Slot; captured: Captured[] }[], run: ExcelRunner): Promise<HostError> {
  const errors: HostError[] = [];
  let changed: HostError | undefined;
  for (const work of works.filter((w) => w.touched)) {
    const failed = queued.find((q) => q.slot.work === work);
    const failedChunk = failed ? work.chunks[failed.slot.index] : [];
    const rolled = await rollBack(error, {
      sheet: work.plan.sheet,
      writes: work.writes,
      replaced: work.replaced,
      styled: work.styled,
      widths: work.widths,
      failed: failedChunk,
      captured: failed?.captured ?? [],
      merges: work.merges,
      oldBytes: work.oldBytes,
      snapshot: work.snapshot,
      run,
    });
    errors.push(rolled.error);
    if (rolled.unrestored > 0) return rolled.error;
    if (rolled.restored > 0) changed ??= rolled.error;
  }
  if (works.length === 1 && errors.length === 1) return errors[0];
  return changed ?? toHostError(error, { kind: 'workbook' });
}

/** One format-only cell per address (the first), in canonical form. */
function uniqueFormats(formats: CellFormatOnly[]): CellFormatOnly[] {
  const byAddress = new Map<string, CellFormatOnly>();
  for (const f of formats) {
    const address = f.address.replace(/\$/g, '').toUpperCase();
    if (!byAddress.has(address)) byAddress.set(address, { ...f, address });
  }
  return [...byAddress.values()];
}

/**
 * Codes with which Office refuses a whole request before running any of it (a cell in edit mode;
 * a request over the size limit): nothing of such a batch was written, so there is nothing of it
 * to put back. After any other failure the failed batch's cells are checked.
 */
const BATCH_REFUSED = new Set(['RequestPayloadSizeLimitExceeded']);

/** One cell of a failed run, as far as its state before the run is known (undefined: not known). */
interface Before {
  address: string;
  write: CellWrite;
  content?: CellContent;
  numberFormat?: string;
  fill?: string | null;
  /** The cell's look, when the run styled it and its look was loaded. */
  look?: CellLook;
}

const knownBefore = (c: ReplacedCell, write: CellWrite): Before => ({
  address: c.address,
  write,
  content: { value: c.value, ...(c.formula !== undefined ? { formula: c.formula } : {}) },
  numberFormat: c.numberFormat,
  fill: c.fill,
  ...(c.look ? { look: c.look } : {}),
});

/**
 * A format-only cell as it was, in the terms of a write: the run "wrote" the value it kept, so a
 * cell still holding it is the run's to put back, and one holding anything else the user's.
 */
const styledBefore = (c: ReplacedCell): Before =>
  knownBefore(c, { address: c.address, value: typeof c.value === 'boolean' ? String(c.value) : c.value, role: 'header' });

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
  /**
   * The format-only cells and the columns' widths as the first batch found them, when that batch
   * was written whole (a later one failed). When the first batch fails, what it loaded of them may
   * not have come back: its sheet look is queued after its writes, so a failure in those left it
   * untouched, and only a failure in the sheet look itself (not modelled) could leave part of it.
   */
  styled: ReplacedCell[];
  widths?: Record<string, number | null>;
  failed: Run<CellWrite>[];
  /** The failed chunk's loads, one per run (empty when the batch was not even queued). */
  captured: Captured[];
  merges: CellRange[];
  oldBytes: OldCellBytes;
  snapshot?: Grid;
  run: ExcelRunner;
}

/** Put back what a failed run changed; the error to pass on, saying how that went, and how many cells it put back or could not. */
async function rollBack(error: unknown, failure: Failure): Promise<{ error: HostError; restored: number; unrestored: number }> {
  const scene = { kind: 'sheet' as const, sheet: failure.sheet };
  const byAddress = new Map(failure.writes.map((w) => [w.address, w]));
  const done = [...failure.replaced.map((c) => knownBefore(c, byAddress.get(c.address) as CellWrite)), ...failure.styled.map(styledBefore)];
  const refused = isCellEditRefusal(error) || BATCH_REFUSED.has(officeErrorCode(error) ?? '');
  const failedRuns = refused ? [] : failure.failed.map((run, i) => beforesOfRun(run, failure.captured[i], failure.snapshot));
  let outcome: { restored: number; unrestored: string[] };
  try {
    outcome = await rollbackInExcel(failure.run, failure.sheet, done, failedRuns, failure.merges, failure.oldBytes, failure.widths);
  } catch {
    // the rollback could not even read the cells (the same trouble, most likely): the chunks before
    // were written, the failed one may have been in part
    outcome = { restored: 0, unrestored: [...done, ...failedRuns.flat()].map((b) => b.address) };
  }
  return {
    error: writeFailedError(error, scene, { restored: outcome.restored, unrestored: cellList(outcome.unrestored), unrestoredCount: outcome.unrestored.length }),
    restored: outcome.restored,
    unrestored: outcome.unrestored.length,
  };
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
  run: ExcelRunner,
  sheet: string,
  done: Before[],
  failedRuns: Before[][],
  merges: CellRange[],
  oldBytes: OldCellBytes,
  widths?: Record<string, number | null>,
): Promise<{ restored: number; unrestored: string[] }> {
  if (done.length + failedRuns.length === 0 && !widths) return { restored: 0, unrestored: [] };
  const all = [...done, ...failedRuns.flat()];
  const bytes = (b: Before) =>
    Math.max(oldBytes(b.address) ?? 0, jsonBytes(b.write.value), jsonBytes(b.content?.formula ?? b.content?.value ?? ''), UNKNOWN_OLD_VALUE_BYTES);
  const now = await readCells(
    run,
    sheet,
    all.map((b) => ({ address: b.address, bytes: bytes(b) })),
    true,
  );
  const stateOf = (b: Before) => now.get(b.address) ?? { value: '' };

  const reached: Before[] = [...done];
  for (const cells of failedRuns) {
    const untouched = cells.some((b) => b.content && !holdsWritten(b.write, b.content) && sameContent(b.content, stateOf(b)));
    if (untouched) break;
    reached.push(...cells);
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
    if (b.look) {
      // the formats copied onto a styled cell took its number format and fill too
      restore.look = b.look;
      if (b.numberFormat !== undefined && current.numberFormat !== b.numberFormat) restore.numberFormat = b.numberFormat;
      if (b.fill !== undefined && current.fill !== b.fill) restore.fill = b.fill;
    }
    if (unknown) unrestored.push(b.address);
    if (restore.input !== undefined || restore.numberFormat !== undefined || restore.fill !== undefined || restore.look !== undefined) restores.push(restore);
  }
  try {
    await restoreInExcel(run, sheet, restores, merges, { columnWidths: widths });
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
async function readCells(run: ExcelRunner, sheetName: string, cells: CellToRead[], full: boolean): Promise<Map<string, CellState>> {
  const current = new Map<string, CellState>();
  // merges do not matter to a read: a range may cut through a merged area
  const chunks = chunkRuns(
    columnRuns(cells, (c) => c.address),
    readCost(full),
  );
  for (const chunk of chunks) {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const loaded = chunk.map((run) => {
        const range = sheet.getRange(runAddress(run)).load(full ? ['values', 'formulas', 'numberFormat'] : ['values', 'formulas']);
        const fills = full ? range.getCellProperties({ format: { fill: { color: true, pattern: true } } }) : undefined;
        return { run, range, fills };
      });
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per chunk; there is more than one only past the request size limit (MAX_BATCH_BYTES)
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
export async function undoInExcel(
  record: UndoRecord,
  merges: CellRange[] = [],
  currentBytes: OldCellBytes = () => undefined,
  run: ExcelRunner = runNow,
): Promise<UndoResult> {
  // What the user typed since is not known; the estimate takes the largest of the last read's
  // size, the run's value, the value from before the run and the default.
  const bytes = (c: ReplacedCell) =>
    Math.max(currentBytes(c.address) ?? 0, jsonBytes(c.written ?? ''), jsonBytes(c.formula ?? c.value), UNKNOWN_OLD_VALUE_BYTES);
  const current = await readCells(
    run,
    record.sheet,
    record.cells.map((c) => ({ address: c.address, bytes: bytes(c) })),
    false,
  );
  const restore: Restore[] = [];
  const keptEdited: string[] = [];
  const keptUnknown: string[] = [];
  for (const cell of record.cells) {
    const verdict = undoVerdict(cell, current.get(canonicalAddress(cell.address)) ?? { value: '' });
    if (verdict === 'restore') {
      restore.push({
        address: cell.address,
        input: cell.formula ?? asCellInput(cell.value),
        numberFormat: cell.numberFormat,
        fill: cell.fill,
        ...(cell.look ? { look: cell.look } : {}),
      });
    } else (verdict === 'edited' ? keptEdited : keptUnknown).push(cell.address);
  }
  // the columns' widths and the print area go back whatever the cells hold: they are not the
  // content of any cell, and a user's formatting since is not an edit undo must keep
  await restoreInExcel(run, record.sheet, restore, merges, { columnWidths: record.columnWidths, printArea: record.printArea });
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
  /** The look to put back (a cell the run styled). */
  look?: CellLook;
}

/** What undo puts back of the sheet beyond its cells. */
interface SheetRestore {
  columnWidths?: Record<string, number | null>;
  printArea?: string;
}

/**
 * Put back values or formulas, number formats, fills and looks, and (with the first chunk) the
 * columns' widths and the print area: one sync (one per chunk when huge; none for nothing to put back).
 */
async function restoreInExcel(run: ExcelRunner, sheetName: string, cells: Restore[], merges: CellRange[], sheetRestore: SheetRestore = {}): Promise<void> {
  const widths = Object.entries(sheetRestore.columnWidths ?? {});
  const sheetWide = widths.length > 0 || sheetRestore.printArea !== undefined;
  const first: RunCost = { request: (widths.length + 1) * COMMAND_BYTES + jsonBytes(sheetRestore.printArea ?? ''), response: COMMAND_BYTES };
  const chunks = chunkRuns(
    columnRuns(cells, (c) => c.address, merges),
    restoreCost,
    MAX_BATCH_BYTES,
    first,
  );
  if (chunks.length === 0 && sheetWide) chunks.push([]);
  for (const [index, chunk] of chunks.entries()) {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      for (const cells of chunk) queueRestore(sheet, cells);
      if (index === 0) queueSheetRestore(sheet, widths, sheetRestore.printArea);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per chunk; there is more than one only past the request size limit (MAX_BATCH_BYTES)
      await context.sync();
    });
  }
}

/**
 * The columns' widths: a column of the standard width gets it back with useStandardWidth = true
 * (RangeFormat, ExcelApi 1.7: "only intended to be set to true"), so that it follows the sheet's
 * standard width again rather than a fixed copy of it; any other its width in points. The print
 * area its address from before (PageLayout.setPrintArea takes a Range, RangeAreas or address:
 * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout#excel-excel-pagelayout-setprintarea-member(1)).
 */
function queueSheetRestore(sheet: Excel.Worksheet, widths: [string, number | null][], printArea: string | undefined): void {
  for (const [letters, width] of widths) {
    const format = sheet.getRange(`${letters}:${letters}`).format;
    if (width === null) format.useStandardWidth = true;
    else format.columnWidth = width;
  }
  if (printArea !== undefined) sheet.pageLayout.setPrintArea(printArea);
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
  // the look as getCellProperties reported it (setCellProperties takes the same shape:
  // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-setcellproperties-member(1))
  if (run.cells.some((c) => c.look !== undefined)) {
    range.setCellProperties(run.cells.map((c) => [c.look ? { format: lookFormat(c.look) } : {}]));
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
