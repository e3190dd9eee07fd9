/**
 * The .xlsx host (Node): a workbook file → Grids (through exceljs), and a write-back plan → a new
 * .xlsx (by patching the package's XML with jszip, so nothing the plan does not name can change).
 */

import { Cell, ValueType, Workbook, Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { a1, parseA1 } from '../engine/address';
import { CellRange, CellValue, Grid, GridCell, normaliseMerges } from '../engine/grid';
import { CellWrite, FILLS, FillName, WritePlan } from '../engine/write-plan';
import { dateToSerial, displayText } from './display-text';

// ───────────────────────────── unusable input ─────────────────────────────

export type XlsxInputErrorCode = 'empty' | 'not-zip' | 'xls' | 'truncated' | 'encrypted' | 'corrupt';

const INPUT_ERROR_MESSAGES: Record<XlsxInputErrorCode, string> = {
  empty: '文件是空的（0 字节） / The file is empty (0 bytes)',
  'not-zip': '文件不是有效的 .xlsx 工作簿（不是 zip 格式） / Not a valid .xlsx workbook (not a zip file)',
  xls:
    '这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试 / ' +
    'This is an old Excel 97-2003 (.xls) file; save it as .xlsx in Excel and try again',
  truncated:
    '文件不完整（zip 数据被截断），请重新获取或保存该文件 / ' +
    'The file is incomplete (truncated zip data); copy or save it again',
  encrypted:
    '工作簿受密码保护，请在 Excel 中取消打开密码后再试 / ' +
    'The workbook is password-protected; remove the password in Excel and try again',
  corrupt:
    '文件是 zip 格式，但不是可读取的 .xlsx 工作簿 / The file is a zip archive but not a readable .xlsx workbook',
};

/** Input the tool cannot read. The message is one line, Chinese then English, for direct display. */
export class XlsxInputError extends Error {
  constructor(
    readonly code: XlsxInputErrorCode,
    message: string = INPUT_ERROR_MESSAGES[code],
  ) {
    super(message);
    this.name = 'XlsxInputError';
  }
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_SIGNATURE = [0x50, 0x4b]; // "PK"
// Office stores a password-protected .xlsx as an OLE file holding an "EncryptedPackage" stream.
const ENCRYPTED_STREAM_NAME = Buffer.from('EncryptedPackage', 'utf16le');

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view, not a copy
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Rejects what is certainly not an .xlsx before any unzipping, with the most useful reason. */
function assertXlsxSignature(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new XlsxInputError('empty');
  if (startsWith(bytes, OLE_SIGNATURE)) {
    const encrypted = asBuffer(bytes).includes(ENCRYPTED_STREAM_NAME);
    throw new XlsxInputError(encrypted ? 'encrypted' : 'xls');
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw new XlsxInputError('not-zip');
}

async function openZip(bytes: Uint8Array): Promise<JSZip> {
  assertXlsxSignature(bytes);
  try {
    return await JSZip.loadAsync(bytes);
  } catch {
    throw new XlsxInputError('truncated');
  }
}

// ───────────────────────────── reading: file → Grids ─────────────────────────────

export async function readWorkbookGrids(bytes: Uint8Array): Promise<Grid[]> {
  const workbook = await loadWorkbook(bytes);
  const date1904 = Boolean(workbook.properties?.date1904);
  return workbook.worksheets.map((sheet) => worksheetToGrid(sheet, date1904));
}

async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
  assertXlsxSignature(bytes);
  const workbook = new Workbook();
  try {
    // exceljs types its argument as its own `Buffer extends ArrayBuffer`; it takes a Node Buffer
    await workbook.xlsx.load(asBuffer(bytes) as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch {
    // Only now tell a damaged zip from a zip that is no workbook: the happy path unzips once.
    await openZip(bytes);
    throw new XlsxInputError('corrupt');
  }
  if (workbook.worksheets.length === 0) throw new XlsxInputError('corrupt');
  return workbook;
}

function worksheetToGrid(sheet: Worksheet, date1904: boolean): Grid {
  const lines: { row: number; cells: (GridCell | undefined)[] }[] = [];
  let left = Infinity;
  let right = 0;
  sheet.eachRow((row, rowNumber) => {
    const cells: (GridCell | undefined)[] = [];
    row.eachCell((cell, col) => {
      const gridCell = toGridCell(cell, date1904);
      if (!gridCell) return;
      cells[col] = gridCell;
      if (col < left) left = col;
      if (col > right) right = col;
    });
    if (cells.length > 0) lines.push({ row: rowNumber, cells });
  });
  if (lines.length === 0) return { sheet: sheet.name, top: 1, left: 1, cells: [], merges: sheetMerges(sheet) };

  const top = lines[0].row;
  const width = right - left + 1;
  const cells: (GridCell | undefined)[][] = [];
  for (let r = top; r <= lines[lines.length - 1].row; r++) cells.push(new Array(width).fill(undefined));
  for (const line of lines) {
    const target = cells[line.row - top];
    for (let c = left; c <= right; c++) if (line.cells[c]) target[c - left] = line.cells[c];
  }
  return normaliseMerges({ sheet: sheet.name, top, left, cells, merges: sheetMerges(sheet) });
}

/**
 * exceljs's public `worksheet.model` rebuilds the model of every row just to list the merges
 * (tens of ms on a 10,000-row sheet); its `_merges` map holds the same ranges directly.
 */
function sheetMerges(sheet: Worksheet): CellRange[] {
  const merges = (sheet as unknown as { _merges?: Record<string, { range: string }> })._merges;
  const ranges = merges ? Object.values(merges).map((m) => m.range) : sheet.model.merges;
  return ranges.map(rangeFromA1);
}

function rangeFromA1(range: string): CellRange {
  const [from, to = from] = range.split(':');
  const start = parseA1(from);
  const end = parseA1(to);
  return { top: start.row, left: start.col, bottom: end.row, right: end.col };
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

// ───────────────────────────── writing: plan → patched .xlsx ─────────────────────────────

/**
 * A new .xlsx with the plan's writes applied to `plan.sheet`. Only the sheet's XML, the styles
 * part (when fills or formats are written) and workbook.xml (to force a recalculation) change;
 * every other part is copied as it was. `bytes` is not modified.
 */
export async function applyPlanToXlsx(bytes: Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  const zip = await openZip(bytes);
  const workbookPath = await officeDocumentPath(zip);
  const workbookXml = await readPart(zip, workbookPath);
  const relationships = parseRelationships(await readPart(zip, relsPathOf(workbookPath)));

  const sheetRel = relationships.get(sheetRelationshipId(workbookXml, plan.sheet));
  if (!sheetRel) throw new XlsxInputError('corrupt');
  const sheetPath = resolvePartPath(workbookPath, sheetRel.target);
  const stylesRel = [...relationships.values()].find((r) => r.type.endsWith('/styles'));
  const stylesPath = stylesRel && resolvePartPath(workbookPath, stylesRel.target);

  const styles = stylesPath && zip.file(stylesPath) ? new StyleBook(await readPart(zip, stylesPath)) : undefined;
  writePart(zip, sheetPath, patchSheet(await readPart(zip, sheetPath), plan.writes, styles));
  if (styles?.changed && stylesPath) writePart(zip, stylesPath, styles.toXml());
  writePart(zip, workbookPath, withFullCalcOnLoad(workbookXml));
  // parts not written above keep their original compressed bytes
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

// ── package plumbing ──

/*
 * jszip inflates and deflates in JavaScript, which costs most of the time on a large sheet
 * (~100 ms for a 4 MB sheet part). The parts we read and write go through Node's zlib instead,
 * using two jszip 3.10.1 internals (the version is pinned): a loaded entry's `_data` holds its raw
 * DEFLATE bytes, and an entry given a CompressedObject is stored without recompression.
 */
interface JsZipCompression {
  magic: string;
}
interface JsZipCompressedObject {
  compression?: JsZipCompression;
  compressedContent?: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZIP_DEFLATE = (require('jszip/lib/compressions') as { DEFLATE: JsZipCompression }).DEFLATE;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JsZipCompressedObject = require('jszip/lib/compressedObject') as new (
  compressedSize: number,
  uncompressedSize: number,
  crc32: number,
  compression: JsZipCompression,
  data: Uint8Array,
) => object;

async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new XlsxInputError('corrupt');
  const stored = (file as unknown as { _data?: JsZipCompressedObject })._data;
  try {
    if (stored?.compression?.magic === JSZIP_DEFLATE.magic && stored.compressedContent instanceof Uint8Array) {
      return inflateRawSync(stored.compressedContent).toString('utf8');
    }
    return await file.async('string');
  } catch {
    throw new XlsxInputError('corrupt');
  }
}

function writePart(zip: JSZip, path: string, text: string): void {
  const raw = Buffer.from(text, 'utf8');
  const deflated = deflateRawSync(raw, { level: 3 }); // 2× faster than the default level for ~10% more bytes
  const entry = new JsZipCompressedObject(deflated.length, raw.length, crc32(raw), JSZIP_DEFLATE, deflated);
  zip.file(path, entry as Uint8Array, { binary: true });
}

interface Relationship {
  type: string;
  target: string;
}

function parseRelationships(xml: string): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  for (const [tag] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(tag, 'Id');
    if (id) map.set(id, { type: attr(tag, 'Type') ?? '', target: attr(tag, 'Target') ?? '' });
  }
  return map;
}

async function officeDocumentPath(zip: JSZip): Promise<string> {
  const rootRels = zip.file('_rels/.rels');
  const rels = rootRels ? parseRelationships(await rootRels.async('string')) : new Map<string, Relationship>();
  const main = [...rels.values()].find((r) => r.type.endsWith('/officeDocument'));
  return main ? resolvePartPath('', main.target) : 'xl/workbook.xml';
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to the source part's folder or absolute from the package root. */
function resolvePartPath(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') base.pop();
    else if (segment !== '' && segment !== '.') base.push(segment);
  }
  return base.join('/');
}

function sheetRelationshipId(workbookXml: string, sheetName: string): string {
  for (const [tag] of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    if (unescapeXml(attr(tag, 'name') ?? '') === sheetName) return /\s[\w.-]+:id=["']([^"']*)["']/.exec(tag)?.[1] ?? '';
  }
  throw new Error(`工作簿中没有名为“${sheetName}”的工作表 / The workbook has no sheet named "${sheetName}"`);
}

/** Excel recalculates on open, so formulas that use the written cells show current results. */
function withFullCalcOnLoad(workbookXml: string): string {
  const calcPr = /<calcPr\b[^>]*>/.exec(workbookXml);
  if (calcPr) return replaceAt(workbookXml, calcPr.index, calcPr[0], setAttr(calcPr[0], 'fullCalcOnLoad', '1'));
  // calcPr's place in CT_Workbook: after sheets, functionGroups, externalReferences, definedNames.
  for (const anchor of ['</definedNames>', '</externalReferences>', '</functionGroups>', '</sheets>']) {
    const at = workbookXml.indexOf(anchor);
    if (at >= 0) return insertAt(workbookXml, at + anchor.length, '<calcPr fullCalcOnLoad="1"/>');
  }
  return workbookXml;
}

// ── the sheet ──

const ROW_START = /<row\b([^>]*?)(\/?)>/g;
const CELL_START = /<c\b([^>]*?)(\/?)>/g;
const FORMULA_PATTERN = /<f[\s>/]/;

interface SheetContext {
  writesByRow: Map<number, Map<number, CellWrite>>;
  columnStyles: { min: number; max: number; style: number }[];
  styles: StyleBook | undefined;
  /** Bounds of the cells actually written, to widen <dimension>. */
  written: CellRange | undefined;
}

/** Splits <sheetData> into rows once; only rows that receive writes are taken apart. */
function patchSheet(xml: string, writes: CellWrite[], styles: StyleBook | undefined): string {
  const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new XlsxInputError('corrupt');
  const contentStart = open.index + open[0].length;
  const contentEnd = open[1] ? contentStart : xml.indexOf('</sheetData>', contentStart);
  if (contentEnd < 0) throw new XlsxInputError('corrupt');

  const ctx: SheetContext = {
    writesByRow: groupWritesByRow(writes),
    columnStyles: parseColumnStyles(xml.slice(0, open.index)),
    styles,
    written: undefined,
  };
  const rows = patchRows(xml.slice(contentStart, contentEnd), ctx);
  const sheetData = open[1] ? `<sheetData>${rows}</sheetData>` : rows;
  const head = widenDimension(xml.slice(0, open.index), ctx.written);
  return head + (open[1] ? '' : open[0]) + sheetData + xml.slice(contentEnd);
}

function groupWritesByRow(writes: CellWrite[]): Map<number, Map<number, CellWrite>> {
  const byRow = new Map<number, Map<number, CellWrite>>();
  for (const write of writes) {
    const { row, col } = parseA1(write.address);
    let line = byRow.get(row);
    if (!line) byRow.set(row, (line = new Map()));
    line.set(col, write); // a later write to the same cell wins, as it would in Excel
  }
  return byRow;
}

function parseColumnStyles(head: string): SheetContext['columnStyles'] {
  const styles: SheetContext['columnStyles'] = [];
  for (const [tag] of head.matchAll(/<col\b[^>]*>/g)) {
    const style = attr(tag, 'style');
    if (style) styles.push({ min: Number(attr(tag, 'min')), max: Number(attr(tag, 'max')), style: Number(style) });
  }
  return styles;
}

/**
 * One element of a run of siblings (<row> in <sheetData>, <c> in <row>): its start tag is matched
 * by `pattern` (a fresh /g copy for each run), its end found with indexOf. The body is
 * text.slice(bodyStart, bodyEnd), left unsliced because most elements are only skipped.
 */
interface Element {
  start: number;
  bodyStart: number;
  bodyEnd: number;
  end: number;
  attrs: string;
}

function nextElement(text: string, pattern: RegExp, closeTag: string): Element | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const bodyStart = pattern.lastIndex;
  const bodyEnd = match[2] ? bodyStart : text.indexOf(closeTag, bodyStart);
  if (bodyEnd < 0) throw new XlsxInputError('corrupt');
  const end = match[2] ? bodyStart : bodyEnd + closeTag.length;
  pattern.lastIndex = end;
  return { start: match.index, bodyStart, bodyEnd, end, attrs: match[1] };
}

/** The r attribute; Excel and exceljs write it first, so look there before using a regex. */
function refAttr(attrs: string): string | undefined {
  if (attrs.startsWith(' r="')) return attrs.slice(4, attrs.indexOf('"', 4));
  return attr(attrs, 'r');
}

/**
 * Walks the rows once. Untouched rows are not copied one by one: the text between changes is
 * copied in one slice, which keeps a 10,000-row sheet cheap.
 */
function patchRows(content: string, ctx: SheetContext): string {
  const pending = [...ctx.writesByRow.keys()].sort((a, b) => a - b);
  let next = 0; // index into pending
  const out: string[] = [];
  let copied = 0; // content before this offset is in `out`
  let rowNumber = 0;
  const rows = new RegExp(ROW_START);
  for (let row = nextElement(content, rows, '</row>'); row; row = nextElement(content, rows, '</row>')) {
    const r = refAttr(row.attrs);
    rowNumber = r ? Number(r) : rowNumber + 1;
    const untouched = r !== undefined && !(pending[next] <= rowNumber); // no write here or before
    if (untouched) continue;
    out.push(content.slice(copied, row.start));
    copied = row.start;
    for (; pending[next] < rowNumber; next++) out.push(newRow(pending[next], ctx));
    if (pending[next] === rowNumber) {
      next++;
      const attrs = r ? row.attrs : ` r="${rowNumber}"${row.attrs}`;
      out.push(patchRow(rowNumber, attrs, content.slice(row.bodyStart, row.bodyEnd), ctx));
      copied = row.end;
    } else if (!r) {
      // rows may omit r; pin it so that rows inserted before them cannot shift them
      out.push(content.slice(row.start, row.end).replace('<row', `<row r="${rowNumber}"`));
      copied = row.end;
    }
  }
  out.push(content.slice(copied));
  for (; next < pending.length; next++) out.push(newRow(pending[next], ctx));
  return out.join('');
}

function newRow(rowNumber: number, ctx: SheetContext): string {
  return patchRow(rowNumber, ` r="${rowNumber}"`, '', ctx);
}

function patchRow(rowNumber: number, attrs: string, inner: string, ctx: SheetContext): string {
  const writes = ctx.writesByRow.get(rowNumber) as Map<number, CellWrite>;
  const pending = [...writes.keys()].sort((a, b) => a - b);
  const rowStyle = attr(attrs, 'customFormat') === '1' ? attr(attrs, 's') : undefined;
  const newCell = (col: number) => writtenCell(rowNumber, col, newCellStyle(col, rowStyle, ctx), writes, ctx);
  let out = '';
  let next = 0;
  let copied = 0;
  let col = 0;
  const cells = new RegExp(CELL_START);
  for (let cell = nextElement(inner, cells, '</c>'); cell; cell = nextElement(inner, cells, '</c>')) {
    const r = refAttr(cell.attrs);
    col = r ? columnOfRef(r) : col + 1;
    const untouched = r !== undefined && !(pending[next] <= col);
    if (untouched) continue;
    out += inner.slice(copied, cell.start);
    copied = cell.start;
    for (; pending[next] < col; next++) out += newCell(pending[next]);
    // a formula is the user's: never overwrite it (the engine should not plan that anyway)
    if (pending[next] === col && !FORMULA_PATTERN.test(inner.slice(cell.bodyStart, cell.bodyEnd))) {
      out += writtenCell(rowNumber, col, Number(attr(cell.attrs, 's') ?? 0), writes, ctx);
      copied = cell.end;
    } else if (!r) {
      out += inner.slice(cell.start, cell.end).replace('<c', `<c r="${a1(rowNumber, col)}"`);
      copied = cell.end;
    }
    if (pending[next] === col) next++;
  }
  out += inner.slice(copied);
  for (; next < pending.length; next++) out += newCell(pending[next]);
  return `<row${widenSpans(attrs, pending)}>${out}</row>`;
}

/** The column of a cell reference such as "AB12" (cheaper than parseA1 for every cell of a row). */
function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~32; // upper-case
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return col;
}

/** A cell that does not exist yet shows its row's style, else its column's (as Excel does). */
function newCellStyle(col: number, rowStyle: string | undefined, ctx: SheetContext): number {
  if (rowStyle !== undefined) return Number(rowStyle);
  return ctx.columnStyles.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
}

function writtenCell(
  row: number,
  col: number,
  baseStyle: number,
  writes: Map<number, CellWrite>,
  ctx: SheetContext,
): string {
  const write = writes.get(col) as CellWrite;
  ctx.written = ctx.written ? extend(ctx.written, row, col) : { top: row, left: col, bottom: row, right: col };
  const style = ctx.styles ? ctx.styles.styleFor(baseStyle, write.fill, write.numberFormat) : baseStyle;
  const s = style ? ` s="${style}"` : '';
  const address = a1(row, col);
  if (typeof write.value === 'number') {
    if (!Number.isFinite(write.value)) throw new Error(`${address}: cannot write ${write.value}`);
    return `<c r="${address}"${s}><v>${write.value}</v></c>`;
  }
  return `<c r="${address}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeCellText(write.value)}</t></is></c>`;
}

/** Widens `range` in place to take in a cell. */
function extend(range: CellRange, row: number, col: number): CellRange {
  if (row < range.top) range.top = row;
  if (row > range.bottom) range.bottom = row;
  if (col < range.left) range.left = col;
  if (col > range.right) range.right = col;
  return range;
}

/** `spans` is only a hint, but a wrong one should not be left behind. */
function widenSpans(attrs: string, cols: number[]): string {
  const spans = cols.length > 0 ? attr(attrs, 'spans') : undefined;
  if (!spans) return attrs;
  const low = parseInt(spans, 10);
  const high = Number(spans.slice(spans.lastIndexOf(':') + 1)); // "1:9", or "1:3 5:9"
  if (cols[0] >= low && cols[cols.length - 1] <= high) return attrs;
  return setAttr(attrs, 'spans', `${Math.min(low, cols[0])}:${Math.max(high, cols[cols.length - 1])}`);
}

function widenDimension(head: string, written: CellRange | undefined): string {
  const tag = /<dimension\b[^>]*>/.exec(head);
  const ref = tag && attr(tag[0], 'ref');
  if (!tag || !ref || !written) return head;
  const current = rangeFromA1(ref);
  const before = `${a1(current.top, current.left)}:${a1(current.bottom, current.right)}`;
  const merged = extend(extend(current, written.top, written.left), written.bottom, written.right);
  const widened = `${a1(merged.top, merged.left)}:${a1(merged.bottom, merged.right)}`;
  if (widened === before) return head;
  return replaceAt(head, tag.index, tag[0], setAttr(tag[0], 'ref', widened));
}

// ── styles ──

/** Built-in number formats that need no <numFmt> entry. */
const BUILTIN_NUM_FMTS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};
const FIRST_CUSTOM_NUM_FMT = 164;

/**
 * The styles part, amended lazily: a write with a fill or number format gets a copy of its cell's
 * xf (keeping font, border, alignment, protection) with that fill/format; identical requests share
 * one new xf.
 */
class StyleBook {
  changed = false;
  private readonly xfs: string[];
  private readonly newXfs: string[] = [];
  private readonly newFills: string[] = [];
  private readonly newNumFmts: string[] = [];
  private readonly xfIds = new Map<string, number>();
  private readonly fillIds = new Map<FillName, number>();
  private readonly numFmtIds = new Map<string, number>();
  private readonly fillCount: number;
  private numFmtCount = 0;
  private nextNumFmtId = FIRST_CUSTOM_NUM_FMT;

  constructor(private readonly xml: string) {
    this.xfs = [...(listBody(xml, 'cellXfs') ?? '').matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    this.fillCount = [...(listBody(xml, 'fills') ?? '').matchAll(/<fill\b/g)].length;
    for (const [tag] of (listBody(xml, 'numFmts') ?? '').matchAll(/<numFmt\b[^>]*>/g)) {
      const id = Number(attr(tag, 'numFmtId'));
      this.numFmtIds.set(unescapeXml(attr(tag, 'formatCode') ?? ''), id);
      this.numFmtCount++;
      this.nextNumFmtId = Math.max(this.nextNumFmtId, id + 1);
    }
  }

  styleFor(base: number, fill: FillName | undefined, numberFormat: string | undefined): number {
    // without <cellXfs> and <fills> there is nothing sound to clone; the value is still written
    if ((!fill && !numberFormat) || this.xfs.length === 0 || (fill && this.fillCount === 0)) return base;
    const baseXf = base < this.xfs.length ? base : 0;
    const key = `${baseXf}|${fill ?? ''}|${numberFormat ?? ''}`;
    let id = this.xfIds.get(key);
    if (id === undefined) {
      let start = /^<xf\b[^>]*?\/?>/.exec(this.xfs[baseXf])?.[0] ?? '<xf>';
      const rest = this.xfs[baseXf].slice(start.length);
      if (fill) start = setAttr(setAttr(start, 'fillId', String(this.fillId(fill))), 'applyFill', '1');
      if (numberFormat) {
        start = setAttr(setAttr(start, 'numFmtId', String(this.numFmtId(numberFormat))), 'applyNumberFormat', '1');
      }
      id = this.xfs.length + this.newXfs.length;
      this.newXfs.push(start + rest);
      this.xfIds.set(key, id);
      this.changed = true;
    }
    return id;
  }

  toXml(): string {
    let xml = appendToList(this.xml, 'cellXfs', this.newXfs, this.xfs.length);
    xml = appendToList(xml, 'fills', this.newFills, this.fillCount);
    if (this.newNumFmts.length === 0) return xml;
    if (listBody(xml, 'numFmts') !== undefined) {
      return appendToList(xml, 'numFmts', this.newNumFmts, this.numFmtCount);
    }
    // <numFmts> must be the first child of <styleSheet>
    const root = /<styleSheet\b[^>]*>/.exec(xml) as RegExpExecArray;
    const list = `<numFmts count="${this.newNumFmts.length}">${this.newNumFmts.join('')}</numFmts>`;
    return insertAt(xml, root.index + root[0].length, list);
  }

  private fillId(fill: FillName): number {
    let id = this.fillIds.get(fill);
    if (id === undefined) {
      id = this.fillCount + this.newFills.length;
      this.newFills.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="${FILLS[fill]}"/><bgColor indexed="64"/></patternFill></fill>`,
      );
      this.fillIds.set(fill, id);
    }
    return id;
  }

  private numFmtId(code: string): number {
    const known = BUILTIN_NUM_FMTS[code] ?? this.numFmtIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmtId++;
    this.newNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    this.numFmtIds.set(code, id);
    return id;
  }
}

/** The children of `<name …>…</name>`; '' for `<name/>`; undefined when absent. */
function listBody(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(xml);
  return match ? (match[1] ?? '') : undefined;
}

function appendToList(xml: string, name: string, items: string[], existing: number): string {
  if (items.length === 0) return xml;
  const match = new RegExp(`<${name}\\b[^>]*?(/?)>`).exec(xml);
  if (!match) return xml;
  const start = setAttr(match[1] ? match[0].replace(/\s*\/>$/, '>') : match[0], 'count', String(existing + items.length));
  const end = match[1] ? match.index + match[0].length : xml.indexOf(`</${name}>`, match.index);
  const body = match[1] ? '' : xml.slice(match.index + match[0].length, end);
  const close = match[1] ? `</${name}>` : '';
  return xml.slice(0, match.index) + start + body + items.join('') + close + xml.slice(end);
}

// ── small XML helpers ──

const ATTR_PATTERNS = new Map<string, RegExp>();

/** An attribute's raw value in a start tag (or a tag's attribute string). */
function attr(tag: string, name: string): string | undefined {
  let pattern = ATTR_PATTERNS.get(name);
  if (!pattern) ATTR_PATTERNS.set(name, (pattern = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
}

const SET_ATTR_PATTERNS = new Map<string, RegExp>();

function setAttr(tag: string, name: string, value: string): string {
  let pattern = SET_ATTR_PATTERNS.get(name);
  if (!pattern) SET_ATTR_PATTERNS.set(name, (pattern = new RegExp(`(^|\\s)${name}=(?:"[^"]*"|'[^']*')`)));
  if (pattern.test(tag)) return tag.replace(pattern, `$1${name}="${value}"`);
  // append to a start tag ("<xf …/>", "<calcPr …>") or to a bare attribute string
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.endsWith('>') ? tag.length - 1 : tag.length;
  return `${tag.slice(0, end).trimEnd()} ${name}="${value}"${tag.slice(end)}`;
}

function replaceAt(text: string, index: number, old: string, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + old.length);
}

function insertAt(text: string, index: number, insertion: string): string {
  return text.slice(0, index) + insertion + text.slice(index);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]);
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

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === '#') {
      return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] as string;
  });
}
