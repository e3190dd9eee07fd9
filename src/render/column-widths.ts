/**
 * Widths of the indicator table's columns, sized by their content and kept within the text block
 * (156 mm under GB/T 9704-2012). A column is never narrower than its widest unbreakable token (a
 * number with its unit, "不少于120公里" → "120公里"; "1198600.50元"), so Word never has to break
 * one. Columns of short values (left-aligned prose aside) get the width their longest cell needs on
 * one line, within bounds; the prose columns (三级指标, 偏差: the left-aligned ones) take what is
 * left and are the first to give up width. Pure: runs in Node and in the browser.
 */
import { tableGrid, type ReportTable } from '../engine/report/model';
import { textEm, widestUnbreakableEm } from './measure';

export interface ColumnMetrics {
  /** Width in twips of one em of the table's font (五号: 210). */
  em: number;
  /** Cell margins, left plus right, in twips. */
  padding: number;
}

/** A short-value column may grow past its share to hold its longest cell on one line, up to this factor. */
const GROW = 1.5;
/** The prose columns keep this much of their share before the short-value columns grow. */
const PROSE_FLOOR = 0.8;

/** Per column: the widest unbreakable token and the widest cell on one line, in ems. */
export function columnContent(table: ReportTable): { tokenEm: number[]; lineEm: number[]; headEm: number[] } {
  const n = table.columns.length;
  const tokenEm = new Array<number>(n).fill(0);
  const lineEm = new Array<number>(n).fill(0);
  const headEm = table.columns.map((c) => textEm(c.title));
  for (const row of tableGrid(table)) {
    row.forEach((cell, col) => {
      // A cell spanning columns is checked against them together, below, not against one.
      if (!cell || (cell.colSpan ?? 1) > 1) return;
      let text = '';
      for (const r of cell.runs) text += r.text;
      tokenEm[col] = Math.max(tokenEm[col], widestUnbreakableEm(text));
      lineEm[col] = Math.max(lineEm[col], textEm(text));
    });
  }
  return { tokenEm, lineEm, headEm };
}

/**
 * The columns' widths in twips, adding up to `total` exactly. Width is handed out in rounds until
 * it runs out, each round in proportion to what the columns still want:
 *  1. every column its minimum: its widest unbreakable token, and its heading on one line;
 *  2. the prose columns (left-aligned: 三级指标, 偏差) up to PROSE_FLOOR of their share;
 *  3. the short-value columns up to their longest cell on one line (at most GROW × their share);
 *  4. the rest to the prose columns, by their relative widths.
 * So the prose columns give up width first, down to their floor, and then the short values.
 */
export function columnWidths(table: ReportTable, total: number, metrics: ColumnMetrics): number[] {
  const cols = table.columns;
  const { tokenEm, lineEm, headEm } = columnContent(table);
  // Estimates err wide by a little, so that a token we size for fits in Word and LibreOffice.
  const need = (em: number) => Math.ceil(em * metrics.em * 1.04 + metrics.padding + 20);
  const base = cols.map((c) => (c.width / 100) * total);
  const prose = cols.map((c) => c.align === 'left');

  let min = cols.map((_, i) => need(Math.max(tokenEm[i], headEm[i])));
  // Headings are kept whole only if that fits; tokens always are, as far as the page allows.
  if (sum(min) > total) min = cols.map((_, i) => need(Math.max(tokenEm[i], 1)));
  const widths = min.slice();
  let left = total - sum(widths);

  /** Raises each column towards its target, sharing `left` in proportion to what each still wants. */
  const raise = (target: (i: number) => number) => {
    const want = widths.map((w, i) => Math.max(0, target(i) - w));
    const wanted = sum(want);
    if (wanted <= 0 || left <= 0) return;
    const part = Math.min(1, left / wanted);
    want.forEach((w, i) => (widths[i] += w * part));
    left -= wanted * part;
  };
  raise((i) => (prose[i] ? PROSE_FLOOR * base[i] : 0));
  raise((i) => (prose[i] ? 0 : Math.min(need(Math.max(lineEm[i], headEm[i])), GROW * base[i])));
  const proseBase = sum(base.filter((_, i) => prose[i]));
  if (left > 0) {
    // What is left goes to the prose columns; without any, to every column in proportion.
    const weights = proseBase > 0 ? base.map((b, i) => (prose[i] ? b : 0)) : widths;
    const weight = sum(weights);
    weights.forEach((w, i) => (widths[i] += (left * w) / weight));
  }

  // Nothing fits (absurdly long numbers): scale everything to the page; Word breaks what it must.
  const scale = Math.min(1, total / sum(widths));
  const rounded = widths.map((w) => Math.max(1, Math.floor(w * scale)));
  const last = prose.lastIndexOf(true) >= 0 ? prose.lastIndexOf(true) : rounded.length - 1;
  rounded[last] += total - sum(rounded);
  return rounded;
}

function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
