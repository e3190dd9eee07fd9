/**
 * Applies cell writes to a worksheet part (Node). Rows and cells that receive no write are copied
 * byte for byte, so nothing else in the sheet can change; only the written cells, their rows'
 * start tags (`spans`) and <dimension> are rebuilt.
 *
 * Speed: a scoring run writes three cells on each of 10,000 rows, once per CLI process, so this
 * code runs mostly before V8 has optimised it. It therefore does as little JavaScript per row as
 * it can, leaves the scanning to String#indexOf (a builtin, fast from the first call), skips
 * rows and cells without finding their ends, and builds each distinct written value once.
 */

import { a1, columnLetters, parseRange } from '../engine/address';
import type { CellRange } from '../engine/grid';
import type { CellWrite } from '../engine/write-plan';
import { PieceWriter, type PieceSink } from './xlsx-bytes';
import { XlsxInputError } from './xlsx-errors';
import type { StyleBook } from './xlsx-styles';
import { attr, escapeXml, replaceAt, setAttr } from './xlsx-xml';
import { sortWrites, type SortedWrites } from './xlsx-write-order';

interface SheetContext {
  columnStyles: { min: number; max: number; style: number }[];
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
export function patchSheet(bytes: Buffer, writes: CellWrite[], styles: StyleBook | undefined, sink: PieceSink): void {
  const xml = bytes.toString('latin1');
  const open = findTag(xml, '<sheetData', 0, xml.length);
  if (open < 0) throw new XlsxInputError('corrupt');
  const data = elementAt(xml, open, '</sheetData>', xml.length);

  const head = xml.slice(0, open); // <dimension>, <cols>: ASCII
  const ctx: SheetContext = {
    columnStyles: parseColumnStyles(head),
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
  patchRows({ bytes, text: xml }, data.bodyStart, data.bodyEnd, sortWrites(writes), ctx, out);
  if (data.selfClosing) out.latin1('</sheetData>');
  out.copy(bytes, data.bodyEnd, bytes.length);
  out.flush();
  sink.fill(headSlot, Buffer.from(widenDimension(head, ctx.written), 'latin1'));
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

/** A <row>'s number from its r attribute; 0 without one. Excel and exceljs write r first. */
function rowNumberOf(text: string, start: number): number {
  if (!text.startsWith(' r="', start + 4)) {
    const r = attr(attrsOf(text, start, '<row'), 'r');
    return r ? Number(r) : 0;
  }
  let row = 0;
  for (let at = start + 8; ; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) return row;
    row = row * 10 + digit;
  }
}

/** A <c>'s column from its r attribute ("AB12" → 28); 0 without one. */
function columnOf(xml: string, start: number): number {
  if (xml.startsWith(' r="', start + 2)) return columnOfRef(xml, start + 6);
  const r = attr(attrsOf(xml, start, '<c'), 'r');
  return r ? columnOfRef(r, 0) : 0;
}

function columnOfRef(text: string, at: number): number {
  let col = 0;
  for (let i = at; ; i++) {
    const letter = text.charCodeAt(i) & ~32; // upper-case
    if (!(letter >= 65 && letter <= 90)) return col;
    col = col * 26 + letter - 64;
  }
}

// ── rows ──

/** The part as bytes, to copy from, and as the same bytes read as Latin-1, to search. */
interface Part {
  bytes: Buffer;
  text: string;
}

/**
 * Walks the rows once; the bytes between changes are copied in single runs. Rows without an r
 * attribute are all given one (as are a written row's cells), so no insertion can move them.
 */
function patchRows(part: Part, from: number, to: number, plan: SortedWrites, ctx: SheetContext, out: PieceWriter): void {
  const { bytes, text } = part;
  let copied = from; // bytes before this offset are in `out`
  let next = 0; // index into plan
  let rowNumber = 0;
  for (let start = findTag(text, '<row', from, to); start >= 0; ) {
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
function newRow(plan: SortedWrites, first: number, ctx: SheetContext, out: PieceWriter): number {
  return patchRow(plan, first, ` r="${plan.rows[first]}"`, '', EMPTY_SPAN, ctx, out);
}

/** What a row's new cells need to know. */
interface RowContext {
  plan: SortedWrites;
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
function patchRow(plan: SortedWrites, first: number, attrs: string, text: string, row: Span, ctx: SheetContext, out: PieceWriter): number {
  const rowNumber = plan.rows[first];
  let last = first + 1; // exclusive
  while (last < plan.count && plan.rows[last] === rowNumber) last++;
  const cells: RowContext = { plan, row: rowNumber, rowText: String(rowNumber), attrs, style: null, ctx };
  let line = `<row${widenSpans(attrs, plan.cols[first], plan.cols[last - 1], ctx)}>`;
  let next = first;
  let copied = row.bodyStart;
  let col = 0;
  for (let start = findTag(text, '<c', row.bodyStart, row.bodyEnd); start >= 0; ) {
    const r = columnOf(text, start);
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
      // a formula is the user's: never overwrite it (the engine should not plan that anyway)
      if (written && !hasFormula(text, cell)) {
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

// ── cells ──

function writtenCell(cells: RowContext, col: number, baseStyle: number, write: CellWrite): string {
  const { ctx, row } = cells;
  ctx.written = ctx.written ? extend(ctx.written, row, col) : { top: row, left: col, bottom: row, right: col };
  const style = ctx.styles ? ctx.styles.styleFor(baseStyle, write.fill, write.numberFormat) : baseStyle;
  const s = style ? ` s="${style}"` : '';
  let body = ctx.bodies.get(write.value);
  if (body === undefined) {
    body = cellBody(write.value, columnLetters(col) + cells.rowText);
    ctx.bodies.set(write.value, body);
  }
  return `<c r="${columnLetters(col)}${cells.rowText}"${s}${body}`;
}

/** The rest of a written cell after its r and s attributes, as UTF-8 bytes in a Latin-1 string. */
function cellBody(value: number | string, address: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${address}: cannot write ${value}`);
    return `><v>${value}</v></c>`;
  }
  const body = ` t="inlineStr"><is><t xml:space="preserve">${escapeCellText(value)}</t></is></c>`;
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007F]/.test(body) ? Buffer.from(body, 'utf8').toString('latin1') : body;
}

/**
 * Cell text: characters XML 1.0 forbids are dropped (they would make the file unreadable), and
 * a literal "_x0041_" is protected, because Excel reads _xHHHH_ in text as an escaped character.
 */
function escapeCellText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001F\uFFFE\uFFFF_&<>"']/.test(text)) return text; // the usual case, checked once
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return escapeXml(clean.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
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
  return memo.widened === spans ? attrs : attrs.slice(0, at + 8) + memo.widened + attrs.slice(end);
}

/** Single quotes, other whitespace: rare enough to go through the general attribute helpers. */
function widenSpansSlowly(attrs: string, firstCol: number, lastCol: number): string {
  const spans = attr(attrs, 'spans');
  if (!spans) return attrs;
  const widened = widenedSpans(spans, firstCol, lastCol);
  return widened === spans ? attrs : setAttr(attrs, 'spans', widened);
}

function widenedSpans(spans: string, firstCol: number, lastCol: number): string {
  const low = parseInt(spans, 10);
  const high = Number(spans.slice(spans.lastIndexOf(':') + 1)); // "1:9", or "1:3 5:9"
  if (firstCol >= low && lastCol <= high) return spans;
  return `${Math.min(low, firstCol)}:${Math.max(high, lastCol)}`;
}

function widenDimension(head: string, written: CellRange | undefined): string {
  const tag = /<dimension\b[^>]*>/.exec(head);
  const ref = tag && attr(tag[0], 'ref');
  if (!tag || !ref || !written) return head;
  const current = parseRange(ref);
  const before = `${a1(current.top, current.left)}:${a1(current.bottom, current.right)}`;
  const merged = extend(extend(current, written.top, written.left), written.bottom, written.right);
  const widened = `${a1(merged.top, merged.left)}:${a1(merged.bottom, merged.right)}`;
  if (widened === before) return head;
  return replaceAt(head, tag.index, tag[0], setAttr(tag[0], 'ref', widened));
}
