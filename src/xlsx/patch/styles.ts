/**
 * The styles part of an .xlsx, amended only as far as written cells need: new fills, number
 * formats and cell formats (xfs) are appended, never edited, so existing cells keep their looks.
 */

import { FILLS, FillName } from '../../engine/write-plan';
import { escapeXml } from '../../engine/xml-text';
import { attr, insertAt, setAttr } from '../xml';
import { unescapeXml } from '../../engine/xml-text';

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
export class StyleBook {
  changed = false;
  private readonly xfs: string[];
  private readonly newXfs: string[] = [];
  private readonly newFills: string[] = [];
  private readonly newNumFmts: string[] = [];
  /** New xf ids by fill|format, then by the xf they were cloned from. */
  private readonly xfIds = new Map<string, Map<number, number>>();
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

  /**
   * The xf for a written cell: its base xf (its own, or the one of the cell it is to look like)
   * with the write's fill, number format and text wrapping; the base itself when none is asked.
   */
  styleFor(base: number, fill: FillName | undefined, numberFormat: string | undefined, wrap = false): number {
    // without <cellXfs> and <fills> there is nothing sound to clone; the value is still written
    if ((!fill && !numberFormat && !wrap) || this.xfs.length === 0 || (fill && this.fillCount === 0)) return base;
    const baseXf = base < this.xfs.length ? base : 0;
    // keyed without building a string per call: a run asks this for every flag cell
    const variant = numberFormat === undefined && !wrap ? (fill as string) : `${fill ?? ''}|${numberFormat ?? ''}|${wrap ? 'wrap' : ''}`;
    let ids = this.xfIds.get(variant);
    if (!ids) this.xfIds.set(variant, (ids = new Map()));
    let id = ids.get(baseXf);
    if (id === undefined) {
      let start = /^<xf\b[^>]*?\/?>/.exec(this.xfs[baseXf])?.[0] ?? '<xf>';
      let rest = this.xfs[baseXf].slice(start.length);
      if (fill) start = setAttr(setAttr(start, 'fillId', String(this.fillId(fill))), 'applyFill', '1');
      if (numberFormat) {
        start = setAttr(setAttr(start, 'numFmtId', String(this.numFmtId(numberFormat))), 'applyNumberFormat', '1');
      }
      if (wrap) [start, rest] = withWrap(start, rest);
      id = this.xfs.length + this.newXfs.length;
      this.newXfs.push(start + rest);
      ids.set(baseXf, id);
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
      this.newFills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${FILLS[fill]}"/><bgColor indexed="64"/></patternFill></fill>`);
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

/**
 * An xf (start tag, then the rest: children and end tag, or '' for a self-closing one) with
 * wrapText on its <alignment>, which is added as the first child (CT_Xf: alignment, protection,
 * extLst) when it has none; the other alignment settings are kept.
 */
function withWrap(start: string, rest: string): [string, string] {
  const tag = setAttr(start, 'applyAlignment', '1');
  const alignment = /<alignment\b[^>]*?\/?>/.exec(rest);
  if (alignment) return [tag, rest.slice(0, alignment.index) + setAttr(alignment[0], 'wrapText', '1') + rest.slice(alignment.index + alignment[0].length)];
  if (tag.endsWith('/>')) return [`${tag.slice(0, -2).trimEnd()}>`, '<alignment wrapText="1"/></xf>'];
  return [tag, `<alignment wrapText="1"/>${rest}`];
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
