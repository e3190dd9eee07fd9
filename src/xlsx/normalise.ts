/**
 * XML parts as other producers write them, brought to the one form exceljs and the sheet patcher
 * understand. WPS, LibreOffice and scripts write valid parts that exceljs misreads:
 * - UTF-16 (or another declared encoding): re-encoded as UTF-8, the declaration saying so;
 * - the spreadsheetml namespace bound to a prefix (`<x:worksheet xmlns:x="…main">`, `<x:c>`):
 *   the prefix dropped, the namespace made the default (exceljs matches bare element names);
 * - rows and cells without an `r` attribute (the next row, the next column): `r` filled in;
 * - CDATA sections (`<t><![CDATA[a&b]]></t>`), which exceljs reads as empty: escaped text.
 * Each of these rewrites says the same thing in another form, so the writer can patch and save
 * the result in place of the part.
 *
 * A worksheet read for exceljs (purpose 'read') is also cut down to what becomes a Grid: the cell
 * data alone. Merges are taken out and returned (exceljs expands every merge into cells and checks
 * each against all before it: a whole-sheet merge or 10,000 merges exhaust it), as are the data
 * validations (which exceljs expands per cell), drawings, hyperlinks and everything else that
 * exceljs would otherwise load or trip over. Elements inside the cell data that are not part of it
 * (foreign markup, nested however deep) are dropped: exceljs would silently end the sheet at the
 * first one. Empty styled cells, which exceljs keeps as objects, are dropped too. What is kept is
 * counted, against the reading limit.
 *
 * The parts are scanned as bytes, never parsed into a tree: markup is ASCII, and in UTF-8 no byte
 * of a multi-byte character is. The scan checks that start and end tags match; anything else
 * malformed is left for exceljs to refuse.
 */

import { columnLetters, parseRange } from '../engine/address';
import type { CellRange } from '../engine/grid';
import { SHEET_LIMITS } from '../engine/write-plan';
import { indexOfAscii, latin1Text, utf8Bytes, utf8Text } from './bytes';
import { shownPartName, tooLarge, unsupported, XlsxInputError } from './errors';
import { attr } from './xml';

const SPREADSHEETML = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];
/** The namespaces whose prefix may go: their elements are matched by bare name downstream. */
const UNPREFIXABLE = [
  ...SPREADSHEETML,
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://schemas.openxmlformats.org/package/2006/content-types',
];

/** Excel's last row and column. */
const { rows: MAX_ROW, columns: MAX_COLUMN } = SHEET_LIMITS;

/** Excel nests a part's elements a dozen deep; hostile nesting is refused past this. */
export const MAX_DEPTH = 10_000;

/*
 * The most cells with content a workbook may have, by measurement: exceljs holds about 600 bytes
 * per cell (1,400,000 numbers took 0.84 GB and 8.5 s, the whole CLI run, on a busy two-core
 * machine; 2,000,000 took 1.24 GB and 23 s). A 100,000-row indicator table has about 320,000.
 */
export const MAX_CELLS = 1_500_000;

export type Purpose = 'read' | 'write';

export interface NormalisedPart {
  /** The part as UTF-8 XML; the very bytes given when nothing needed changing. */
  xml: Uint8Array;
  /**
   * Whether xml says what the part says in another form (re-encoded, prefixes dropped, r filled
   * in, CDATA escaped), which the writer must then save in its place. What the reader leaves
   * out for exceljs does not count.
   */
  rewritten: boolean;
}

export interface NormalisedSheet extends NormalisedPart {
  /** The sheet's merged areas, as written (huge ones too); those not on the sheet left out. */
  merges: CellRange[];
  /** The cells with content kept (purpose 'read'). */
  cells: number;
}

/** Any XML part but a worksheet: re-encoded, unprefixed and CDATA escaped when it needs it. */
export function normalisePart(bytes: Uint8Array, part: string): NormalisedPart {
  const { xml, recoded } = toUtf8(bytes, part);
  // scanned even when plain: the scan also refuses markup nested deeper than MAX_DEPTH, which
  // would cost exceljs's parser (it keeps an object per open element) gigabytes
  const scan = new Scanner(xml, part, 'part', 'write', 0);
  scan.run();
  return { xml: scan.result(), rewritten: recoded || scan.rewritten };
}

/**
 * A worksheet part, for exceljs ('read': cell data only, merges returned) or for the sheet patcher
 * ('write': everything kept). `cellsBefore` counts the cells of the sheets read before it.
 */
export function normaliseSheet(bytes: Uint8Array, part: string, purpose: Purpose, cellsBefore = 0): NormalisedSheet {
  const { xml, recoded } = toUtf8(bytes, part);
  const scan = new Scanner(xml, part, 'worksheet', purpose, cellsBefore);
  scan.run();
  return { xml: scan.result(), rewritten: recoded || scan.rewritten, merges: scan.merges, cells: scan.cells };
}

// ── encodings ──

/** The part as UTF-8, without a byte order mark; `recoded` when it was in another encoding. */
function toUtf8(bytes: Uint8Array, part: string): { xml: Uint8Array; recoded: boolean } {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { xml: bytes.subarray(3), recoded: false };
  let text: string;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0 && b2 !== 0 && b3 === 0)) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(b0 === 0xff ? 2 : 0));
  } else if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 !== 0)) {
    const body = bytes.subarray(b0 === 0xfe ? 2 : 0);
    text = new TextDecoder('utf-16be').decode(body.subarray(0, body.length & ~1));
  } else {
    const label = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(latin1Text(bytes, 0, Math.min(200, bytes.length)))?.[1];
    if (label === undefined || /^utf-?8$/i.test(label)) return { xml: bytes, recoded: false };
    // single-byte markup labelled UTF-16 is UTF-8 (or ASCII) with a wrong label
    text = /^utf-?16/i.test(label) ? utf8Text(bytes) : decodeLabelled(bytes, label, part);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/^(<\?xml[^>]*?\sencoding\s*=\s*["'])[^"']*(["'])/, '$1UTF-8$2');
  return { xml: utf8Bytes(text), recoded: true };
}

function decodeLabelled(bytes: Uint8Array, label: string, part: string): string {
  let decoder: InstanceType<typeof TextDecoder>; // a value in Node's types, where the DOM's are absent
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    const name = shownPartName(part);
    const shown = shownPartName(label).slice(0, 40);
    throw unsupported(`文件中的“${name}”使用了无法识别的文字编码“${shown}”`, `The part ${name} uses an unknown text encoding "${shown}"`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XlsxInputError('corrupt');
  }
}

// ── the scan ──

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const COLON = 0x3a;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
}

/** What an element is, by where it sits; kinds past PART matter for worksheets only. */
const enum Kind {
  None,
  Root,
  /** Any element below the root of a part that is not a worksheet. */
  Part,
  SheetData,
  Row,
  Cell,
  /** <v>, <f>, and <t> in inline strings. */
  Value,
  InlineString,
  Run,
  MergeCells,
  MergeCell,
  /** A child of <worksheet> other than <sheetData> and <mergeCells>. */
  SheetOther,
  /** Anything exceljs's cell parser does not know where it sits: foreign or misplaced markup, <rPr>, <extLst>. */
  Foreign,
}

/** In a worksheet read for exceljs, these elements go, with everything inside them. */
function droppedForReading(kind: Kind): boolean {
  return kind === Kind.SheetOther || kind === Kind.MergeCells || kind === Kind.Foreign;
}

/*
 * A row as Excel, exceljs and LibreOffice write most rows: r first on the row and on each cell,
 * every cell with content (a formula, a value, or an inline string), no other markup. Empty
 * self-closing cells are left to the byte scan, which drops them for exceljs.
 */
const PLAIN_CELL =
  String.raw`\s*<c r="[A-Z]{1,3}\d+"(?:[^>]*[^/>])?>` +
  String.raw`(?:(?:<f(?:\s[^>]*[^/>])?>[^<]*</f>|<f\s[^>]*/>)?(?:<v>[^<]*</v>)?|<is><t(?:\s[^>]*[^/>])?>[^<]*</t></is>)</c>`;
const PLAIN_ROW = new RegExp(String.raw`<row r="\d+"(?:[^>]*[^/>])?>(?:${PLAIN_CELL})*\s*</row>\s*`, 'y');

interface Declaration {
  /** The element depth it was declared at. */
  depth: number;
  /** '' for the default namespace. */
  prefix: string;
  uri: string;
}

class Scanner {
  rewritten = false;
  merges: CellRange[] = [];
  cells = 0;

  private out: ByteOutput | undefined;
  /** How much of src the output has caught up with. */
  private emitted = 0;
  private readonly kinds: Kind[] = [];
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  /** The depth of the element being dropped (read purpose), -1 when none. */
  private dropDepth = -1;
  private dropFrom = 0;
  private readonly declarations: Declaration[] = [];
  private mainUris: string[];
  /** Whether unprefixed names are in the main namespace where the scan is (kept with the declarations). */
  private defaultMain = true;
  private rowNumber = 0;
  /** The previous cell's column, or -1 when it must be read from its r (prevCellR). */
  private prevColumn = 0;
  private prevCellR = [0, 0];
  /** src as a string of bytes, for plainRows. */
  private text: string | undefined;

  constructor(
    private readonly src: Uint8Array,
    private readonly part: string,
    private readonly role: 'worksheet' | 'part',
    private readonly purpose: Purpose,
    private readonly cellsBefore: number,
  ) {
    this.mainUris = role === 'worksheet' ? SPREADSHEETML : [];
  }

  /**
   * One pass over the part. Written as a single loop over local variables on purpose: the scan runs
   * once per file, in cold code, and V8 optimises one hot loop long before it has optimised the
   * methods such a loop would call for every tag.
   */
  run(): void {
    const { src, kinds, nameStarts, nameEnds } = this;
    const n = src.length;
    const reading = this.purpose === 'read';
    let depth = 0;
    let p = 0;
    let rootSeen = false;
    for (;;) {
      let lt = p;
      while (lt < n && src[lt] !== LT) lt++;
      if (lt >= n) break;
      const next = src[lt + 1];
      if (next === QUESTION) {
        p = this.skipPast(lt + 2, '?>');
        continue;
      }
      if (next === BANG) {
        p = this.markupDeclaration(lt);
        continue;
      }

      // the element's name, and where a prefix ends
      const nameStart = next === SLASH ? lt + 2 : lt + 1;
      let i = nameStart;
      let colon = -1;
      for (; i < n; i++) {
        const b = src[i];
        if (b === COLON) colon = i;
        else if (b <= 0x20 || b === GT || b === SLASH || b === LT || b === EQUALS || b === DOUBLE_QUOTE || b === SINGLE_QUOTE) break;
      }
      const nameEnd = i;

      if (next === SLASH) {
        while (i < n && isSpace(src[i])) i++;
        if (src[i] !== GT || depth === 0) throw corrupt();
        depth--;
        const start = nameStarts[depth];
        const length = nameEnd - nameStart;
        if (nameEnds[depth] - start !== length) throw corrupt();
        for (let k = 0; k < length; k++) if (src[start + k] !== src[nameStart + k]) throw corrupt();
        if (colon >= 0 && this.strippable(nameStart, colon) && this.dropDepth < 0) this.edit(nameStart, colon + 1, '');
        p = i + 1;
        this.closed(depth, p);
        continue;
      }

      if (nameEnd === nameStart) throw corrupt();
      if (depth > 0 && kinds[depth - 1] === Kind.SheetData && this.dropDepth < 0 && this.defaultMain) {
        const after = this.plainRows(lt);
        if (after > lt) {
          p = after;
          continue;
        }
      }
      if (depth === 0) {
        if (rootSeen) throw corrupt(); // a second root
        rootSeen = true;
      }
      // the attributes, to the closing ">" (which may also sit inside a quoted value)
      let rStart = -1;
      let rEnd = -1;
      let hasXmlns = false;
      let valueIsR = false;
      for (;;) {
        if (i >= n) throw corrupt();
        const b = src[i];
        if (b === GT) break;
        if (b === DOUBLE_QUOTE || b === SINGLE_QUOTE) {
          let j = i + 1;
          while (j < n && src[j] !== b) j++;
          if (valueIsR) {
            rStart = i + 1;
            rEnd = j;
            valueIsR = false;
          }
          i = j + 1;
          continue;
        }
        if (b === EQUALS) {
          let k = i - 1;
          while (k > nameEnd && isSpace(src[k])) k--;
          let s = k;
          while (s > nameEnd && !isSpace(src[s - 1])) s--;
          if (s === k && src[s] === 0x72 /* r */) valueIsR = true;
          else if (src[s] === 0x78 /* x */ && startsWithAt(src, s, 'xmlns')) hasXmlns = true;
        } else if (b === LT) {
          throw corrupt();
        }
        i++;
      }
      const gt = i;
      const selfClosing = src[gt - 1] === SLASH;
      if (hasXmlns) this.declare(depth, utf8Text(src, nameEnd, gt));
      if (depth === 0) this.chooseMainNamespace(nameStart, colon);

      const main = colon < 0 ? this.defaultMain : this.isMainPrefix(nameStart, colon);
      const kind = this.kindOf(depth === 0 ? Kind.None : kinds[depth - 1], main, colon < 0 ? nameStart : colon + 1, nameEnd);
      if (kind === Kind.MergeCell) this.addMerge(latin1Text(src, lt, gt + 1));
      // judged even where the reader drops the element: `rewritten` tells the writer what it will meet
      const stripped = colon >= 0 && this.strippable(nameStart, colon);
      if (this.dropDepth < 0) {
        // exceljs keeps an object for every empty styled cell or row, and the Grid has no use for them
        const empty = reading && selfClosing && (kind === Kind.Row || kind === Kind.Cell);
        let address = '';
        if (kind === Kind.Row) address = this.row(rStart, rEnd);
        else if (kind === Kind.Cell) address = this.cell(rStart, rEnd, reading && !empty);
        if (address) this.rewritten = true;
        if (empty || (reading && droppedForReading(kind))) {
          this.dropFrom = lt;
          this.dropDepth = depth;
        } else {
          if (stripped) {
            this.edit(nameStart, colon + 1, '');
            if (depth === 0 && this.lookup('') === undefined) this.edit(nameEnd, nameEnd, ` xmlns="${this.mainUris[0]}"`);
          }
          if (address) this.edit(nameEnd, nameEnd, ` r="${address}"`);
        }
      }
      p = gt + 1;
      if (selfClosing) {
        this.closed(depth, p);
      } else {
        if (depth >= MAX_DEPTH) throw this.tooDeep();
        kinds[depth] = kind;
        nameStarts[depth] = nameStart;
        nameEnds[depth] = nameEnd;
        depth++;
      }
    }
    if (depth !== 0 || !rootSeen) throw corrupt();
  }

  result(): Uint8Array {
    if (!this.out) return this.src;
    this.out.copy(this.src, this.emitted, this.src.length);
    return this.out.result();
  }

  /** Replaces src[from, to) by text (ASCII) in the output. */
  private edit(from: number, to: number, text: string): void {
    this.out ??= new ByteOutput(this.src.length + 256);
    this.out.copy(this.src, this.emitted, from);
    if (text) this.out.ascii(text);
    this.emitted = to;
  }

  private skipPast(from: number, end: string): number {
    const at = indexOfAscii(this.src, end, from);
    if (at < 0) throw corrupt();
    return at + end.length;
  }

  private markupDeclaration(lt: number): number {
    const { src } = this;
    if (startsWithAt(src, lt, '<!--')) return this.skipPast(lt + 4, '-->');
    if (startsWithAt(src, lt, '<![CDATA[')) {
      const end = indexOfAscii(src, ']]>', lt + 9);
      if (end < 0) throw corrupt();
      this.rewritten = true;
      if (this.dropDepth < 0) {
        this.edit(lt, lt, '');
        this.out?.escaped(src, lt + 9, end);
        this.emitted = end + 3;
      }
      return end + 3;
    }
    if (startsWithAt(src, lt, '<!DOCTYPE')) {
      // Excel never writes one; entity definitions are how the billion-laughs and external-entity attacks work
      const name = shownPartName(this.part);
      throw unsupported(
        `文件中的“${name}”含有 DOCTYPE 声明（实体定义），Excel 保存的工作簿中不会有，无法读取`,
        `The part ${name} contains a DOCTYPE declaration (entity definitions), which workbooks saved by Excel never have; it cannot be read`,
      );
    }
    throw corrupt();
  }

  /**
   * Past the rows from `from` on that need nothing done (each with its r, cells with their r and
   * content, nothing foreign, nothing prefixed, no CDATA): one regular expression per row, run by
   * V8's compiled matcher, where the byte scan would spend a hundred steps. Most rows of most
   * files are such rows. Returns where the first other row starts, or `from` when it is the first.
   */
  private plainRows(from: number): number {
    this.text ??= latin1Text(this.src);
    const { text } = this;
    PLAIN_ROW.lastIndex = from;
    let end = from;
    while (PLAIN_ROW.test(text)) end = PLAIN_ROW.lastIndex;
    if (end === from) return from;
    if (this.purpose === 'read') {
      // every cell of a plain row has content, and ends with </c>
      let count = 0;
      for (let at = text.indexOf('</c>', from); at >= 0 && at < end; at = text.indexOf('</c>', at + 4)) count++;
      this.countCells(count);
    }
    const last = text.lastIndexOf('<row r="', end - 1) + 8;
    this.rowNumber = this.digits(last, text.indexOf('"', last));
    this.prevColumn = 0;
    return end;
  }

  private countCells(count: number): void {
    this.cells += count;
    if (this.cellsBefore + this.cells > MAX_CELLS) {
      const limit = MAX_CELLS.toLocaleString('en-US');
      throw tooLarge(`有内容的单元格超过 ${limit} 个`, `it has more than ${limit} cells with content`);
    }
  }

  private tooDeep(): XlsxInputError {
    const name = shownPartName(this.part);
    const limit = MAX_DEPTH.toLocaleString('en-US');
    return unsupported(
      `文件中的“${name}”的标记嵌套超过 ${limit} 层，无法读取`,
      `The part ${name} nests its markup more than ${limit} levels deep, which cannot be read`,
    );
  }

  /** The element at `depth` has ended, its end tag (or "/>") just before `tagEnd`. */
  private closed(depth: number, tagEnd: number): void {
    if (this.dropDepth === depth) {
      this.edit(this.dropFrom, tagEnd, '');
      this.dropDepth = -1;
    }
    const { declarations } = this;
    if (declarations.length > 0 && declarations[declarations.length - 1].depth >= depth) {
      while (declarations.length > 0 && declarations[declarations.length - 1].depth >= depth) declarations.pop();
      this.defaultMain = this.findDefaultIsMain();
    }
  }

  private kindOf(parent: Kind, main: boolean, local: number, end: number): Kind {
    if (parent === Kind.None) return Kind.Root;
    if (this.role === 'part') return Kind.Part;
    if (!main) return parent === Kind.Root ? Kind.SheetOther : Kind.Foreign;
    switch (parent) {
      case Kind.Root:
        return this.nameIs(local, end, 'sheetData') ? Kind.SheetData : this.nameIs(local, end, 'mergeCells') ? Kind.MergeCells : Kind.SheetOther;
      case Kind.SheetData:
        return this.nameIs(local, end, 'row') ? Kind.Row : Kind.Foreign;
      case Kind.Row:
        return this.nameIs(local, end, 'c') ? Kind.Cell : Kind.Foreign;
      case Kind.Cell:
        if (this.nameIs(local, end, 'v') || this.nameIs(local, end, 'f')) return Kind.Value;
        return this.nameIs(local, end, 'is') ? Kind.InlineString : Kind.Foreign;
      case Kind.InlineString:
        return this.nameIs(local, end, 't') ? Kind.Value : this.nameIs(local, end, 'r') ? Kind.Run : Kind.Foreign;
      case Kind.Run:
        return this.nameIs(local, end, 't') ? Kind.Value : Kind.Foreign;
      case Kind.MergeCells:
        return this.nameIs(local, end, 'mergeCell') ? Kind.MergeCell : Kind.Foreign;
      default:
        return Kind.Foreign;
    }
  }

  /** A <row>'s number, given or the one after the previous row's; the r to add when it had none. */
  private row(rStart: number, rEnd: number): string {
    if (rStart >= 0) {
      this.rowNumber = this.digits(rStart, rEnd);
    } else {
      if (!(this.rowNumber >= 0) || this.rowNumber >= MAX_ROW) throw corrupt();
      this.rowNumber++;
    }
    this.prevColumn = 0;
    return rStart >= 0 ? '' : String(this.rowNumber);
  }

  /** A <c>'s address, given or the one right of the previous cell's; the r to add when it had none. */
  private cell(rStart: number, rEnd: number, counted: boolean): string {
    let address = '';
    if (rStart >= 0) {
      this.prevColumn = -1; // read from this r only if a later cell needs it
      this.prevCellR[0] = rStart;
      this.prevCellR[1] = rEnd;
    } else {
      const column = (this.prevColumn >= 0 ? this.prevColumn : this.columnOf(this.prevCellR[0], this.prevCellR[1])) + 1;
      if (!(column <= MAX_COLUMN) || !(this.rowNumber >= 1 && this.rowNumber <= MAX_ROW)) throw corrupt();
      this.prevColumn = column;
      address = `${columnLetters(column)}${this.rowNumber}`;
    }
    if (counted) this.countCells(1);
    return address;
  }

  private addMerge(tag: string): void {
    const ref = attr(tag, 'ref');
    if (ref === undefined) return;
    try {
      const range = parseRange(ref);
      // a merge Excel cannot hold (row 0, column XFE…) is no merge on the sheet
      if (range.top >= 1 && range.left >= 1 && range.bottom <= MAX_ROW && range.right <= MAX_COLUMN) this.merges.push(range);
    } catch {
      // not a range: nothing Excel would merge either
    }
  }

  /** A positive decimal number (a row's r); NaN otherwise. */
  private digits(start: number, end: number): number {
    if (end <= start || end - start > 9) return NaN;
    let value = 0;
    for (let i = start; i < end; i++) {
      const d = this.src[i] - 0x30;
      if (d < 0 || d > 9) return NaN;
      value = value * 10 + d;
    }
    return value;
  }

  /** The column of a cell address (its letters); NaN when it has none. */
  private columnOf(start: number, end: number): number {
    let column = 0;
    let i = start;
    for (; i < end && i < start + 3; i++) {
      const letter = this.src[i] & ~0x20; // upper case
      if (letter < 0x41 || letter > 0x5a) break;
      column = column * 26 + (letter - 0x40);
    }
    return i === start ? NaN : column;
  }

  private nameIs(start: number, end: number, name: string): boolean {
    if (end - start !== name.length) return false;
    for (let i = 0; i < name.length; i++) if (this.src[start + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  // ── namespaces ──

  private declare(depth: number, attributes: string): void {
    for (const [, prefix, quoted] of attributes.matchAll(/(?:^|\s)xmlns(?::([^\s=]+))?\s*=\s*("[^"]*"|'[^']*')/g)) {
      this.declarations.push({ depth, prefix: prefix ?? '', uri: quoted.slice(1, -1) });
    }
    this.defaultMain = this.findDefaultIsMain();
  }

  /**
   * A part other than a worksheet has its prefix dropped only when its root is in a namespace
   * matched by bare names downstream; a worksheet's namespace is always spreadsheetml. Dropping
   * the root's prefix makes its namespace the default, which cannot be when the root declares
   * another default namespace.
   */
  private chooseMainNamespace(nameStart: number, colon: number): void {
    const rootUri = this.lookup(colon < 0 ? '' : latin1Text(this.src, nameStart, colon));
    if (this.role === 'part') this.mainUris = rootUri !== undefined && UNPREFIXABLE.includes(rootUri) ? [rootUri] : [];
    this.defaultMain = this.findDefaultIsMain();
    const fallback = this.lookup('');
    if (colon >= 0 && rootUri !== undefined && this.mainUris.includes(rootUri) && fallback !== undefined && !this.mainUris.includes(fallback)) {
      const name = shownPartName(this.part);
      throw unsupported(`文件中的“${name}”的命名空间写法无法识别`, `The part ${name} declares its namespaces in a way that cannot be read`);
    }
  }

  private lookup(prefix: string): string | undefined {
    for (let i = this.declarations.length - 1; i >= 0; i--) if (this.declarations[i].prefix === prefix) return this.declarations[i].uri;
    return undefined;
  }

  /** Unprefixed names are spreadsheetml unless a default namespace says otherwise (exceljs's view too). */
  private findDefaultIsMain(): boolean {
    const uri = this.lookup('');
    return uri === undefined || this.mainUris.includes(uri);
  }

  private isMainPrefix(start: number, colon: number): boolean {
    for (let i = this.declarations.length - 1; i >= 0; i--) {
      const { prefix, uri } = this.declarations[i];
      if (prefix.length === colon - start && this.nameIs(start, colon, prefix)) return this.mainUris.includes(uri);
    }
    return false;
  }

  /** A main-namespace prefix can go where the default namespace is the main one too. */
  private strippable(start: number, colon: number): boolean {
    if (!this.isMainPrefix(start, colon)) return false;
    if (!this.defaultMain) return false;
    this.rewritten = true;
    return true;
  }
}

function startsWithAt(src: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (src[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function corrupt(): XlsxInputError {
  return new XlsxInputError('corrupt');
}

/** A growing output buffer, written to in runs copied from the source and short ASCII insertions. */
class ByteOutput {
  private buffer: Uint8Array;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  copy(src: Uint8Array, start: number, end: number): void {
    const count = end - start;
    if (count <= 0) return;
    this.reserve(count);
    if (count < 32) {
      // short runs (between the edits of a prefixed sheet) cost more in TypedArray#set's checks than in copying
      for (let i = 0; i < count; i++) this.buffer[this.length + i] = src[start + i];
    } else {
      this.buffer.set(src.subarray(start, end), this.length);
    }
    this.length += count;
  }

  ascii(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.buffer[this.length++] = text.charCodeAt(i);
  }

  /** src[start, end) as XML text: &, < and > escaped. */
  escaped(src: Uint8Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const b = src[i];
      if (b === 0x26) this.ascii('&amp;');
      else if (b === LT) this.ascii('&lt;');
      else if (b === GT) this.ascii('&gt;');
      else {
        this.reserve(1);
        this.buffer[this.length++] = b;
      }
    }
  }

  result(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
