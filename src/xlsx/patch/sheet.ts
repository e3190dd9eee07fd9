/**
 * Applies cell writes to a worksheet part (Node). Rows and cells that receive no write are copied
 * byte for byte, so nothing else in the sheet can change; only the written cells, their rows'
 * start tags (`spans`) and <dimension> are rebuilt.
 *
 * Speed: a scoring run writes three cells on each of 10,000 rows, once per CLI process, so this
 * code runs mostly before V8 has optimised it. It therefore does as little JavaScript per row as
 * it can, leaves the scanning to String#indexOf (a builtin, fast from the first call), skips
 * rows and cells without finding their ends, and builds each distinct written value once.
 *
 * That walk takes rows in ascending order and the cells of a written row in column order, as
 * Excel writes them. A sheet or row that is otherwise (out of order, repeated, oddly numbered) is
 * first rewritten the way the reader reads it (rowsAsRead, cellsAsRead): slower, and rare.
 */

import { a1, columnLetters, parseA1 } from '../../engine/address';
import type { CellRange } from '../../engine/grid';
import { SHEET_LIMITS, type CellFormatOnly, type CellWrite } from '../../engine/write-plan';
import { latin1Bytes, latin1Text, utf8Bytes } from '../bytes';
import { PieceWriter, type PieceSink } from '../zip/piece-writer';
import { XlsxInputError } from '../errors';
import type { StyleBook } from './styles';
import { escapeXml, xmlChars } from '../../engine/xml-text';
import { attr, replaceAt, setAttr, withoutAttr } from '../xml';
import { unescapeXml } from '../../engine/xml-text';
import { sortWrites, type SortedWrites } from './write-order';
import { fitAddedColumnsOnPage } from '../page-fit';

/** What the patcher puts into one cell: a plan's write, or a format-only cell (a style, no value). */
type SheetWrite = CellWrite | (CellFormatOnly & { value?: undefined; fill?: undefined; numberFormat?: undefined });

/** The rest of a plan that concerns the sheet part: cells styled without a value, and column widths. */
export interface SheetExtras {
  formats?: CellFormatOnly[];
  columnWidths?: { col: number; width: number }[];
  /** The form's own columns and the last added one: printed one page wide when only the added ones overflow it. */
  fit?: { left: number; tableRight: number; right: number };
}

interface SheetContext {
  columnStyles: { min: number; max: number; style: number }[];
  /** The style (xf index) of each cell a write asks to look like (CellStyle.like), by canonical A1 address. */
  likes: Map<string, number>;
  styles: StyleBook | undefined;
  /** Bounds of the cells actually written, to widen <dimension>. */
  written: CellRange | undefined;
  /** The bytes after `<c r="…" s="…"` for each value written: a run repeats few values. */
  bodies: Map<number | string, string>;
  /** The last `spans` widened, and how. */
  spans: { spans: string; firstCol: number; lastCol: number; widened: string };
}

/**
 * Patches the sheet part `bytes`, handing the result to `sink` in order, piece by piece.
 *
 * The part is handled as Latin-1 text: one character per byte, so every byte of what is copied
 * survives the round trip unchanged, and decoding and encoding are plain copies. Markup is ASCII,
 * and in UTF-8 an ASCII byte never occurs inside another character, so searching it is exact.
 * Only the text this module writes is converted, from UTF-16 to UTF-8 bytes (see cellBody).
 */
export function patchSheet(bytes: Uint8Array, writes: CellWrite[], styles: StyleBook | undefined, sink: PieceSink, extras: SheetExtras = {}): void {
  const xml = latin1Text(bytes);
  const open = findTag(xml, '<sheetData', 0, xml.length);
  if (open < 0) throw new XlsxInputError('corrupt');
  const data = elementAt(xml, open, '</sheetData>', xml.length);

  const head = xml.slice(0, open); // <dimension>, <cols>: ASCII
  const ctx: SheetContext = {
    columnStyles: parseColumnStyles(head),
    likes: new Map(),
    styles,
    written: undefined,
    bodies: new Map(),
    spans: { spans: '', firstCol: 0, lastCol: 0, widened: '' },
  };
  // <dimension> precedes the rows but can only be widened once they are written
  const headSlot = sink.reserve();
  const out = new PieceWriter(sink);
  if (data.selfClosing) out.latin1('<sheetData>');
  else out.copy(bytes, open, data.bodyStart);
  // format-only cells first: a value written to the same cell wins (the engine names none twice)
  const all: SheetWrite[] = extras.formats && extras.formats.length > 0 ? [...extras.formats, ...writes] : writes;
  const plan = sortWrites(all);
  if (rowsInOrder(xml, data.bodyStart, data.bodyEnd)) {
    ctx.likes = likeStyles(xml, data.bodyStart, data.bodyEnd, all, ctx);
    patchRows({ bytes, text: xml }, data.bodyStart, data.bodyEnd, plan, ctx, out);
  } else {
    const rows = rowsAsRead(xml, data.bodyStart, data.bodyEnd);
    ctx.likes = likeStyles(rows, 0, rows.length, all, ctx);
    patchRows({ bytes: latin1Bytes(rows), text: rows }, 0, rows.length, plan, ctx, out);
  }
  if (data.selfClosing) out.latin1('</sheetData>');
  const widened = widenDimension(head, ctx.written);
  let newHead = extras.columnWidths?.length ? withColumnWidths(widened, extras.columnWidths) : widened;
  if (extras.fit) {
    // the tail (after the rows: page margins and setup) is copied as it was unless the page must fit
    const tail = xml.slice(data.bodyEnd);
    const fitted = fitAddedColumnsOnPage(newHead, tail, extras.fit.left, extras.fit.tableRight, extras.fit.right);
    newHead = fitted.head;
    if (fitted.tail === tail) out.copy(bytes, data.bodyEnd, bytes.length);
    else out.latin1(fitted.tail);
  } else out.copy(bytes, data.bodyEnd, bytes.length);
  out.flush();
  sink.fill(headSlot, latin1Bytes(newHead));
}

/**
 * The style of each cell that a write asks to look like, read from the rows in order (one walk
 * over the rows that hold them, ascending). A cell the sheet does not have shows its row's or its
 * column's style, as Excel shows it.
 */
function likeStyles(text: string, from: number, to: number, writes: SheetWrite[], ctx: SheetContext): Map<string, number> {
  const wanted = new Map<number, Map<number, string>>();
  for (const write of writes) {
    const like = write.style?.like;
    if (!like) continue;
    const { row, col } = parseA1(like);
    let cols = wanted.get(row);
    if (!cols) wanted.set(row, (cols = new Map()));
    cols.set(col, a1(row, col));
  }
  const found = new Map<string, number>();
  if (wanted.size === 0) return found;
  const rows = [...wanted.keys()].sort((a, b) => a - b);
  let i = 0;
  let rowNumber = 0;
  for (let start = findTag(text, '<row', from, to); start >= 0 && i < rows.length;) {
    const r = rowNumberOf(text, start);
    rowNumber = r > 0 ? r : rowNumber + 1;
    while (i < rows.length && rows[i] < rowNumber) i++;
    if (i < rows.length && rows[i] === rowNumber) {
      const span = elementAt(text, start, '</row>', to);
      const attrs = attrsOf(text, start, '<row');
      const rowStyle = attr(attrs, 'customFormat') === '1' && attr(attrs, 's') !== undefined ? Number(attr(attrs, 's')) : undefined;
      const cols = wanted.get(rowNumber) as Map<number, string>;
      let col = 0;
      for (let c = findTag(text, '<c', span.bodyStart, span.bodyEnd); c >= 0; c = findTag(text, '<c', c + 2, span.bodyEnd)) {
        const cr = columnOf(text, c);
        col = cr > 0 ? cr : col + 1;
        const address = cols.get(col);
        if (address !== undefined) found.set(address, Number(attr(attrsOf(text, c, '<c'), 's') ?? 0));
      }
      for (const [c, address] of cols) if (!found.has(address)) found.set(address, newCellStyle(c, rowStyle, ctx));
      i++;
      start = findTag(text, '<row', span.end, to);
    } else start = findTag(text, '<row', start + 4, to);
  }
  for (; i < rows.length; i++) for (const [c, address] of wanted.get(rows[i]) as Map<number, string>) found.set(address, newCellStyle(c, undefined, ctx));
  for (const cols of wanted.values()) for (const [c, address] of cols) if (!found.has(address)) found.set(address, newCellStyle(c, undefined, ctx));
  return found;
}

/**
 * <cols> with the given columns set to (at least) the given widths, so the columns the run adds
 * fit their text. A <col> range holding such a column is split around it, keeping its other
 * attributes (style, hidden …); a column already wider keeps its width.
 */
function withColumnWidths(head: string, widths: { col: number; width: number }[]): string {
  const colsMatch = /<cols\b[^>]*?(?:\/>|>([\s\S]*?)<\/cols>)/.exec(head);
  type Col = { min: number; max: number; attrs: string };
  const cols: Col[] = [];
  for (const [tag] of (colsMatch?.[1] ?? '').matchAll(/<col\b[^>]*?\/?>/g)) {
    const inner = tag.replace(/^<col\b/, '').replace(/\/?>$/, '');
    cols.push({ min: Number(attr(inner, 'min')), max: Number(attr(inner, 'max')), attrs: inner });
  }
  for (const { col, width } of widths) {
    const at = cols.findIndex((c) => c.min <= col && col <= c.max);
    if (at < 0) {
      cols.push({ min: col, max: col, attrs: ` min="${col}" max="${col}" width="${width}" customWidth="1"` });
      continue;
    }
    const range = cols[at];
    const current = Number(attr(range.attrs, 'width'));
    if (current >= width && attr(range.attrs, 'hidden') !== '1') continue;
    const pieces: Col[] = [];
    if (range.min < col) pieces.push({ ...range, max: col - 1, attrs: setAttr(range.attrs, 'max', String(col - 1)) });
    let own = setAttr(setAttr(setAttr(range.attrs, 'min', String(col)), 'max', String(col)), 'width', String(Math.max(width, current || 0)));
    own = withoutAttr(setAttr(own, 'customWidth', '1'), 'hidden');
    pieces.push({ min: col, max: col, attrs: own });
    if (col < range.max) pieces.push({ ...range, min: col + 1, attrs: setAttr(range.attrs, 'min', String(col + 1)) });
    cols.splice(at, 1, ...pieces);
  }
  cols.sort((a, b) => a.min - b.min);
  const list = `<cols>${cols.map((c) => `<col${c.attrs}/>`).join('')}</cols>`;
  if (colsMatch) return head.slice(0, colsMatch.index) + list + head.slice(colsMatch.index + colsMatch[0].length);
  // <cols> comes right before <sheetData> (CT_Worksheet), which follows `head`
  return head + list;
}

function parseColumnStyles(head: string): SheetContext['columnStyles'] {
  const styles: SheetContext['columnStyles'] = [];
  for (const [tag] of head.matchAll(/<col\b[^>]*>/g)) {
    const style = attr(tag, 'style');
    if (style) styles.push({ min: Number(attr(tag, 'min')), max: Number(attr(tag, 'max')), style: Number(style) });
  }
  return styles;
}

// ── finding elements ──

function isNameEnd(code: number): boolean {
  return code === 32 || code === 62 /* > */ || code === 47 /* / */ || code === 9 || code === 10 || code === 13;
}

/** The next start tag `open` ("<row") in text[from, to), not a longer name that begins the same way. */
function findTag(text: string, open: string, from: number, to: number): number {
  for (let at = text.indexOf(open, from); at >= 0 && at < to; at = text.indexOf(open, at + 1)) {
    if (isNameEnd(text.charCodeAt(at + open.length))) return at;
  }
  return -1;
}

/** An element's extent: its start tag ends at tagEnd (the ">"), its body is [bodyStart, bodyEnd). */
interface Span {
  tagEnd: number;
  selfClosing: boolean;
  bodyStart: number;
  bodyEnd: number;
  end: number;
}

const EMPTY_SPAN: Span = { tagEnd: 0, selfClosing: true, bodyStart: 0, bodyEnd: 0, end: 0 };

function elementAt(text: string, start: number, closeTag: string, to: number): Span {
  const tagEnd = text.indexOf('>', start);
  if (tagEnd < 0 || tagEnd >= to) throw new XlsxInputError('corrupt');
  const bodyStart = tagEnd + 1;
  if (text.charCodeAt(tagEnd - 1) === 47 /* / */) return { tagEnd, selfClosing: true, bodyStart, bodyEnd: bodyStart, end: bodyStart };
  const bodyEnd = text.indexOf(closeTag, bodyStart);
  if (bodyEnd < 0 || bodyEnd >= to) throw new XlsxInputError('corrupt');
  return { tagEnd, selfClosing: false, bodyStart, bodyEnd, end: bodyEnd + closeTag.length };
}

/** The attribute text of the start tag `open…>` at `start`, without the closing "/" or ">". */
function attrsOf(xml: string, start: number, open: string): string {
  const tagEnd = xml.indexOf('>', start);
  return xml.slice(start + open.length, xml.charCodeAt(tagEnd - 1) === 47 /* / */ ? tagEnd - 1 : tagEnd);
}

/**
 * A <row>'s number from its r attribute, when written plainly (digits, no leading zero); 0
 * without r; -1 for anything else ("0", "-5", "04", ""), which rowsInOrder sends the slow way.
 * Excel and exceljs write r first.
 */
function rowNumberOf(text: string, start: number): number {
  if (!text.startsWith(' r="', start + 4)) {
    const r = attr(attrsOf(text, start, '<row'), 'r');
    return r === undefined ? 0 : /^[1-9]\d*$/.test(r) ? Number(r) : -1;
  }
  let row = 0;
  let at = start + 8;
  for (; ; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) break;
    row = row * 10 + digit;
  }
  return row > 0 && text.charCodeAt(at) === 34 /* " */ && text.charCodeAt(start + 8) !== 48 /* 0 */ ? row : -1;
}

/**
 * A <c>'s column from its r attribute ("AB12" → 28); 0 without one; -1 when r is not capital
 * letters then digits ("", "$A$1", "foo"), which cellsAsRead reads instead.
 */
function columnOf(xml: string, start: number): number {
  if (xml.startsWith(' r="', start + 2)) return columnOfRef(xml, start + 6) || -1;
  const r = attr(attrsOf(xml, start, '<c'), 'r');
  return r === undefined ? 0 : columnOfRef(r, 0) || -1;
}

/** The column of the reference at text[at] ("AB12", or "AB" before the closing quote); 0 for any other form. */
function columnOfRef(text: string, at: number): number {
  let col = 0;
  for (let i = at; ; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + code - 64;
    else return (code >= 48 && code <= 57) || code === 34 /* " */ || Number.isNaN(code) ? col : 0;
  }
}

// ── rows ──

/** The part as bytes, to copy from, and as the same bytes read as Latin-1, to search. */
interface Part {
  bytes: Uint8Array;
  text: string;
}

/**
 * Walks the rows once; the bytes between changes are copied in single runs. Rows without an r
 * attribute are all given one (as are a written row's cells), so no insertion can move them.
 */
function patchRows(part: Part, from: number, to: number, plan: SortedWrites<SheetWrite>, ctx: SheetContext, out: PieceWriter): void {
  const { bytes, text } = part;
  let copied = from; // bytes before this offset are in `out`
  let next = 0; // index into plan
  let rowNumber = 0;
  for (let start = findTag(text, '<row', from, to); start >= 0;) {
    const r = rowNumberOf(text, start);
    rowNumber = r || rowNumber + 1;
    if (r && !(next < plan.count && plan.rows[next] <= rowNumber)) {
      start = findTag(text, '<row', start + 4, to); // no write here or before: copied later in one run
      continue;
    }
    const row = elementAt(text, start, '</row>', to);
    out.copy(bytes, copied, start);
    copied = start;
    while (next < plan.count && plan.rows[next] < rowNumber) next = newRow(plan, next, ctx, out);
    if (next < plan.count && plan.rows[next] === rowNumber) {
      const attrs = attrsOf(text, start, '<row');
      next = patchRow(plan, next, r ? attrs : ` r="${rowNumber}"${attrs}`, text, row, ctx, out);
      copied = row.end;
    } else if (!r) {
      // rows may omit r; pin it so that rows inserted before them cannot shift them
      out.latin1(`<row r="${rowNumber}"`);
      out.copy(bytes, start + 4, row.end);
      copied = row.end;
    }
    start = findTag(text, '<row', row.end, to);
  }
  out.copy(bytes, copied, to);
  while (next < plan.count) next = newRow(plan, next, ctx, out);
}

/** A row the sheet does not have yet, for the writes from plan index `first`; returns the next index. */
function newRow(plan: SortedWrites<SheetWrite>, first: number, ctx: SheetContext, out: PieceWriter): number {
  return patchRow(plan, first, ` r="${plan.rows[first]}"`, '', EMPTY_SPAN, ctx, out);
}

/** What a row's new cells need to know. */
interface RowContext {
  plan: SortedWrites<SheetWrite>;
  row: number;
  /** The row number as text, made once for all of the row's cell references. */
  rowText: string;
  attrs: string;
  /** The row's own style for new cells; null until first needed. */
  style: number | undefined | null;
  ctx: SheetContext;
}

/**
 * One row with the writes from plan index `first` on: existing cells copied, written ones
 * replaced or inserted in column order; built as one string, handed to `out` in one call.
 * Returns the index after the row's writes.
 */
function patchRow(plan: SortedWrites<SheetWrite>, first: number, attrs: string, text: string, row: Span, ctx: SheetContext, out: PieceWriter): number {
  const rowNumber = plan.rows[first];
  let last = first + 1; // exclusive
  while (last < plan.count && plan.rows[last] === rowNumber) last++;
  const cells: RowContext = { plan, row: rowNumber, rowText: String(rowNumber), attrs, style: null, ctx };
  let line = `<row${widenSpans(attrs, plan.cols[first], plan.cols[last - 1], ctx)}>`;
  let next = first;
  let copied = row.bodyStart;
  let col = 0;
  for (let start = findTag(text, '<c', row.bodyStart, row.bodyEnd); start >= 0;) {
    const r = columnOf(text, start);
    if (r < 0 || (r > 0 && r <= col)) {
      // nothing of the row is out yet: it starts again from its cells as the reader reads them
      const cellsRead = cellsAsRead(text, row.bodyStart, row.bodyEnd, cells.rowText);
      const whole: Span = { tagEnd: -1, selfClosing: false, bodyStart: 0, bodyEnd: cellsRead.length, end: cellsRead.length };
      return patchRow(plan, first, attrs, cellsRead, whole, ctx, out);
    }
    col = r || col + 1;
    // a cell's body never holds "<c …", so the next cell is found without finding this one's end
    const following = findTag(text, '<c', start + 2, row.bodyEnd);
    if (r && !(next < last && plan.cols[next] <= col)) {
      start = following;
      continue;
    }
    line += text.slice(copied, start);
    copied = start;
    for (; next < last && plan.cols[next] < col; next++) line += newCell(cells, next);
    const written = next < last && plan.cols[next] === col;
    if (written || !r) {
      const cell = elementAt(text, start, '</c>', row.bodyEnd);
      // a formula is the user's: never overwrite it (the engine should not plan that anyway); nor
      // is a value, where only a format was to be given to an empty cell
      const replace = written && !hasFormula(text, cell) && !(plan.writes[next].value === undefined && holdsValue(text, cell));
      if (replace) {
        const style = Number(attr(attrsOf(text, start, '<c'), 's') ?? 0);
        line += writtenCell(cells, col, style, plan.writes[next]);
        copied = cell.end;
      } else if (!r) {
        line += `<c r="${columnLetters(col)}${cells.rowText}"${text.slice(start + 2, cell.end)}`;
        copied = cell.end;
      }
    }
    if (written) next++;
    start = following;
  }
  line += text.slice(copied, row.bodyEnd);
  for (; next < last; next++) line += newCell(cells, next);
  out.latin1(`${line}</row>`);
  return last;
}

/** The cell holds a value (<v> or an inline string), searched within the cell only. */
function holdsValue(text: string, cell: Span): boolean {
  const body = text.substring(cell.bodyStart, cell.bodyEnd);
  return findTag(body, '<v', 0, body.length) >= 0 || findTag(body, '<is', 0, body.length) >= 0;
}

/** Searched within the cell only: an unbounded indexOf would run on to the next formula anywhere. */
function hasFormula(text: string, cell: Span): boolean {
  return findTag(text.substring(cell.bodyStart, cell.bodyEnd), '<f', 0, cell.bodyEnd - cell.bodyStart) >= 0;
}

/** A cell the row does not have yet, for the write at plan index i. */
function newCell(cells: RowContext, i: number): string {
  if (cells.style === null) {
    const s = attr(cells.attrs, 'customFormat') === '1' ? attr(cells.attrs, 's') : undefined;
    cells.style = s === undefined ? undefined : Number(s);
  }
  const col = cells.plan.cols[i];
  return writtenCell(cells, col, newCellStyle(col, cells.style, cells.ctx), cells.plan.writes[i]);
}

/** A cell that does not exist yet shows its row's style, else its column's (as Excel does). */
function newCellStyle(col: number, rowStyle: number | undefined, ctx: SheetContext): number {
  if (rowStyle !== undefined) return rowStyle;
  for (const c of ctx.columnStyles) if (col >= c.min && col <= c.max) return c.style;
  return 0;
}

// ── rows and cells as the reader reads them ──

/**
 * Whether every row has a plain r above the one before, or none (the one before + 1): what the
 * fast walk takes. Searched by one regex, which matches natively from the first call: a loop of
 * indexOf and charCodeAt, run once before V8 optimises it, took four times as long.
 */
function rowsInOrder(text: string, from: number, to: number): boolean {
  const rowStart = /<row(?: r="([1-9]\d*)")?[\t\n\r />]/g;
  rowStart.lastIndex = from;
  let previous = 0;
  for (let match = rowStart.exec(text); match && match.index < to; match = rowStart.exec(text)) {
    const r = match[1] === undefined ? rowNumberOf(text, match.index) : Number(match[1]);
    if (r < 0 || (r > 0 && r <= previous)) return false;
    previous = r || previous + 1;
  }
  return true;
}

/**
 * The rows of sheetData text[from, to) as the reader reads them, in the form Excel demands: each
 * number once, in ascending order, each r plain.
 *
 * WHY rewrite the rows rather than patch them where they stand: Excel refuses a sheet whose rows
 * are out of order or repeated, and a write must land in the row the reader showed. So the rows
 * are put in order, and of a repeated number only the row the reader shows is kept (see
 * keptOfEach): it replaces the others whole, so their cells were never seen, scored or written
 * around. A row whose r reads as 0 or less is left out for the same reason: exceljs files it
 * where no sheet row is, and shows none of its cells. An r it takes a number from ("04", "+5",
 * "7.5": parseInt's reading) is that row, written plainly; one it cannot ("abc", "") makes it
 * refuse the file, and is numbered as a row without r is, the one before + 1.
 * Only unusual sheets come here; rows in order take the fast walk untouched.
 */
function rowsAsRead(text: string, from: number, to: number): string {
  const rows: (Piece & { span: Span; plain: boolean })[] = [];
  let previous = 0;
  let first = -1;
  let last = from;
  for (let start = findTag(text, '<row', from, to); start >= 0; start = findTag(text, '<row', last, to)) {
    const span = elementAt(text, start, '</row>', to);
    if (first < 0) first = start;
    last = span.end;
    const r = attr(attrsOf(text, start, '<row'), 'r');
    const read = r === undefined ? NaN : parseInt(unescapeXml(r), 10);
    const number = Number.isNaN(read) ? previous + 1 : read;
    previous = number; // as the reader's normaliser counts on from r="0", to number a row without r
    if (number >= 1) rows.push({ key: number, start, empty: span.selfClosing, span, plain: r === String(number) });
  }
  if (first < 0) return text.slice(from, to);
  const pieces = [text.slice(from, first)];
  for (const { key, start, span, plain } of keptOfEach(rows)) {
    const r = String(key);
    if (plain) pieces.push(text.slice(start, span.end));
    else if (span.selfClosing) pieces.push(withR(text, start, span.end, '<row', r));
    else pieces.push(`${withR(text, start, span.bodyStart, '<row', r)}${cellsAsRead(text, span.bodyStart, span.bodyEnd, r)}</row>`);
  }
  pieces.push(text.slice(last, to));
  return pieces.join('');
}

/**
 * A row's cells text[from, to) as the reader reads them, in the form Excel demands. The reader
 * takes a cell's column from the capital letters of its r ("$C$5" is C, the row part is
 * ignored), or the column after the previous cell's when r is absent or empty; of a repeated
 * column it shows one cell (keptOfEach). An r it cannot read ("foo") makes it refuse the file;
 * such a cell is placed as a cell without r is. The cells come out in column order, once each,
 * every r plain and naming row `rowText`.
 */
function cellsAsRead(text: string, from: number, to: number, rowText: string): string {
  const cells: (Piece & { end: number })[] = [];
  let col = 0;
  let first = -1;
  let last = from;
  for (let start = findTag(text, '<c', from, to); start >= 0; start = findTag(text, '<c', last, to)) {
    if (first < 0) first = start;
    const span = elementAt(text, start, '</c>', to);
    last = span.end;
    const r = attr(attrsOf(text, start, '<c'), 'r');
    col = (r && readerColumn(unescapeXml(r))) || col + 1;
    cells.push({ key: col, start, empty: span.selfClosing, end: span.end });
  }
  if (first < 0) return text.slice(from, to);
  const pieces = [text.slice(from, first)];
  for (const cell of keptOfEach(cells)) pieces.push(withR(text, cell.start, cell.end, '<c', columnLetters(cell.key) + rowText));
  pieces.push(text.slice(last, to));
  return pieces.join('');
}

/** A row (key: its number) or cell (key: its column) as found at `start`; empty when self-closing. */
interface Piece {
  key: number;
  start: number;
  empty: boolean;
}

/**
 * One piece per key, in key order: of several with one key, the one the reader shows. exceljs
 * lets a later row or cell replace an earlier one whole; but the reader's normaliser
 * (xlsx-normalise) takes self-closing rows and cells out first, so those replace nothing. Hence
 * the last that is not self-closing, or the last of all when every one is.
 */
function keptOfEach<T extends Piece>(pieces: T[]): T[] {
  pieces.sort((a, b) => a.key - b.key || a.start - b.start);
  const kept: T[] = [];
  for (let i = 0; i < pieces.length;) {
    let shown = -1;
    let end = i;
    for (; end < pieces.length && pieces[end].key === pieces[i].key; end++) if (!pieces[end].empty) shown = end;
    kept.push(pieces[shown >= 0 ? shown : end - 1]);
    i = end;
  }
  return kept;
}

/**
 * The column the reader (exceljs's decodeAddress) takes from a cell's r: the capital letters
 * before the first digit, whatever else is among them ("C5", "$C$5", "C" → 3); 0 when there are
 * none or they name no column ("foo", "XFE1"), which make it refuse the file.
 */
function readerColumn(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 48 && code <= 57) break;
    if (code >= 65 && code <= 90) col = col * 26 + code - 64;
  }
  return col <= SHEET_LIMITS.columns ? col : 0;
}

/** text[start, end), an element whose start tag opens with `open`, with r set to `r` as its first attribute. */
function withR(text: string, start: number, end: number, open: string, r: string): string {
  const tagEnd = text.indexOf('>', start);
  const close = text.charCodeAt(tagEnd - 1) === 47 /* / */ ? tagEnd - 1 : tagEnd;
  return `${open} r="${r}"${withoutAttr(text.slice(start + open.length, close), 'r')}${text.slice(close, end)}`;
}

// ── cells ──

function writtenCell(cells: RowContext, col: number, baseStyle: number, write: SheetWrite): string {
  const { ctx, row } = cells;
  if (row < 1 || row > SHEET_LIMITS.rows || col > SHEET_LIMITS.columns) throw beyondSheet(columnLetters(col) + cells.rowText);
  ctx.written = ctx.written ? extend(ctx.written, row, col) : { top: row, left: col, bottom: row, right: col };
  // a cell added to the form looks like the form's cell it names (CellStyle.like), else keeps its own
  const like = write.style?.like;
  const base = like === undefined ? baseStyle : (ctx.likes.get(canonical(like)) ?? baseStyle);
  const style = ctx.styles ? ctx.styles.styleFor(base, write.fill, write.numberFormat, write.style?.wrap === true) : base;
  const s = style ? ` s="${style}"` : '';
  if (write.value === undefined) return `<c r="${columnLetters(col)}${cells.rowText}"${s}/>`;
  let body = ctx.bodies.get(write.value);
  if (body === undefined) {
    body = cellBody(write.value, columnLetters(col) + cells.rowText);
    ctx.bodies.set(write.value, body);
  }
  return `<c r="${columnLetters(col)}${cells.rowText}"${s}${body}`;
}

const canonical = (address: string): string => {
  const { row, col } = parseA1(address);
  return a1(row, col);
};

/** The rest of a written cell after its r and s attributes, as UTF-8 bytes in a Latin-1 string. */
function cellBody(value: number | string, address: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw notANumber(address, value);
    return `><v>${value}</v></c>`;
  }
  const body = ` t="inlineStr"><is><t xml:space="preserve">${escapeCellText(value)}</t></is></c>`;
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007F]/.test(body) ? latin1Text(utf8Bytes(body)) : body;
}

/**
 * Cell text: characters XML 1.0 forbids are dropped (they would make the file unreadable), and
 * a literal "_x0041_" is protected, because Excel reads _xHHHH_ in text as an escaped character.
 */
function escapeCellText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001F\uFFFE\uFFFF_&<>"']/.test(text)) return text; // the usual case, checked once
  return escapeXml(xmlChars(text).replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
}

/**
 * Writes the copy cannot take. The engine plans neither, so these are a last guard: a clear
 * refusal naming the cell rather than a file Excel cannot open or an internal message.
 */
function notANumber(address: string, value: number): XlsxInputError {
  return new XlsxInputError(
    'unsupported',
    `单元格 ${address} 的计算结果不是有效数字（${value}），无法写入评分副本`,
    `Cell ${address}: the computed value (${value}) is not a valid number and cannot be written to the scored copy`,
  );
}

function beyondSheet(address: string): XlsxInputError {
  return new XlsxInputError(
    'unsupported',
    `单元格 ${address} 超出工作表范围（最大为 XFD1048576），无法写入评分副本`,
    `Cell ${address} lies beyond the last cell of a sheet (XFD1048576) and cannot be written to the scored copy`,
  );
}

// ── hints that must not be left wrong ──

/** Widens `range` in place to take in a cell. */
function extend(range: CellRange, row: number, col: number): CellRange {
  if (row < range.top) range.top = row;
  if (row > range.bottom) range.bottom = row;
  if (col < range.left) range.left = col;
  if (col > range.right) range.right = col;
  return range;
}

/**
 * `spans` is only a hint, but a wrong one should not be left behind. Rows of one sheet mostly share
 * their value ("1:9") and their written columns, so the last answer is kept for the next row.
 */
function widenSpans(attrs: string, firstCol: number, lastCol: number, ctx: SheetContext): string {
  const at = attrs.indexOf(' spans="');
  if (at < 0) return widenSpansSlowly(attrs, firstCol, lastCol);
  const end = attrs.indexOf('"', at + 8);
  const spans = attrs.slice(at + 8, end);
  const memo = ctx.spans;
  if (memo.spans !== spans || memo.firstCol !== firstCol || memo.lastCol !== lastCol) {
    memo.spans = spans;
    memo.firstCol = firstCol;
    memo.lastCol = lastCol;
    memo.widened = widenedSpans(spans, firstCol, lastCol);
  }
  if (memo.widened === '') return withoutAttr(attrs, 'spans');
  return memo.widened === spans ? attrs : attrs.slice(0, at + 8) + memo.widened + attrs.slice(end);
}

/** Single quotes, other whitespace: rare enough to go through the general attribute helpers. */
function widenSpansSlowly(attrs: string, firstCol: number, lastCol: number): string {
  const spans = attr(attrs, 'spans');
  if (spans === undefined) return attrs;
  const widened = widenedSpans(spans, firstCol, lastCol);
  if (widened === '') return withoutAttr(attrs, 'spans');
  return widened === spans ? attrs : setAttr(attrs, 'spans', widened);
}

/** The spans widened to take in the written columns; '' when they cannot be read, and the hint is dropped. */
function widenedSpans(spans: string, firstCol: number, lastCol: number): string {
  const low = parseInt(spans, 10);
  const high = Number(spans.slice(spans.lastIndexOf(':') + 1)); // "1:9", or "1:3 5:9"
  if (!(low >= 1 && high >= low && high <= SHEET_LIMITS.columns)) return '';
  if (firstCol >= low && lastCol <= high) return spans;
  return `${Math.min(low, firstCol)}:${Math.max(high, lastCol)}`;
}

/**
 * <dimension> widened to take in the written cells. Its ref is only a hint, but a wrong one should
 * not be left behind, and another producer may have left it empty, reversed or garbled: what can
 * be read of it (its corners that are cells of a sheet) is merged with the written cells, and when
 * nothing at all is left, the element, which is optional, is dropped.
 */
function widenDimension(head: string, written: CellRange | undefined): string {
  const tag = /<dimension\b[^>]*>/.exec(head);
  if (!tag) return head;
  const corners = (attr(tag[0], 'ref') ?? '').split(':').map(sheetCell);
  let extent = written && { ...written };
  for (const cell of corners) {
    if (cell) extent = extent ? extend(extent, cell.row, cell.col) : { top: cell.row, left: cell.col, bottom: cell.row, right: cell.col };
  }
  if (!extent) return replaceAt(head, tag.index, elementText(head, tag), '');
  const [from, to = from] = corners;
  const unchanged =
    corners.length <= 2 && from && to && from.row === extent.top && from.col === extent.left && to.row === extent.bottom && to.col === extent.right;
  if (unchanged) return head;
  const ref =
    extent.top === extent.bottom && extent.left === extent.right
      ? a1(extent.top, extent.left)
      : `${a1(extent.top, extent.left)}:${a1(extent.bottom, extent.right)}`;
  return replaceAt(head, tag.index, tag[0], setAttr(tag[0], 'ref', ref));
}

/** A cell of a sheet from its A1 reference; undefined for anything else ("foo", "XFE1", "A0"). */
function sheetCell(ref: string): { row: number; col: number } | undefined {
  let cell;
  try {
    cell = parseA1(ref);
  } catch {
    return undefined;
  }
  return cell.row >= 1 && cell.row <= SHEET_LIMITS.rows && cell.col <= SHEET_LIMITS.columns ? cell : undefined;
}

/** The whole element whose start tag was matched: the tag itself, or through its end tag. */
function elementText(text: string, tag: RegExpExecArray): string {
  if (tag[0].endsWith('/>')) return tag[0];
  const name = /^<([^\s/>]+)/.exec(tag[0])?.[1] ?? '';
  const close = text.indexOf(`</${name}>`, tag.index);
  return close < 0 ? tag[0] : text.slice(tag.index, close + name.length + 3);
}
