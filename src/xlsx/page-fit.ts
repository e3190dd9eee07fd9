/**
 * Printing the added columns on the table's page. When the table's own columns fit one printed
 * page's width but the columns a run added push the table past it, the sheet is set to print one
 * page wide (sheetPr/pageSetUpPr fitToPage, pageSetup fitToWidth="1" fitToHeight="0": as many
 * pages tall as needed). A sheet already fitted to pages, a table already wider than a page, or a
 * table that still fits is left as the unit set it.
 *
 * Widths are Excel's: a column's width attribute (or the sheet's default, 8.43) is about 7 pixels
 * a unit in the default font; the page is the paper (A4 unless the sheet names another) less the
 * left and right margins, at the sheet's print scale.
 */

import { addedColumnsOverflowPage, paperWidthPoints } from '../engine/plan/print-area';
import { attr, setAttr } from './xml';

const PIXELS_PER_UNIT = 7;
const POINTS_PER_PIXEL = 0.75;

/** The printed width in pixels of columns from…to, as the sheet part's head (<sheetFormatPr>, <cols>) sets them. */
export function columnsPixelWidth(head: string, from: number, to: number): number {
  const cols = [...head.matchAll(/<col\b[^>]*>/g)].map((m) => m[0]);
  const format = /<sheetFormatPr\b[^>]*>/.exec(head)?.[0] ?? '';
  const base = Number(attr(format, 'baseColWidth') ?? 8);
  const fallback = Number(attr(format, 'defaultColWidth') ?? base + 5 / PIXELS_PER_UNIT);
  let pixels = 0;
  for (let col = from; col <= to; col++) {
    const tag = cols.find((c) => Number(attr(c, 'min')) <= col && col <= Number(attr(c, 'max')));
    if (tag && attr(tag, 'hidden') === '1') continue;
    const width = tag && attr(tag, 'width') !== undefined ? Number(attr(tag, 'width')) : fallback;
    pixels += Math.round(width * PIXELS_PER_UNIT);
  }
  return pixels;
}

/** The printable width of a page in pixels at 100%: paper less the margins. */
export function printablePixels(tail: string): number {
  const setup = /<pageSetup\b[^>]*>/.exec(tail)?.[0] ?? '';
  const margins = /<pageMargins\b[^>]*>/.exec(tail)?.[0] ?? '';
  const paper = paperWidthPoints(attr(setup, 'paperSize'), attr(setup, 'orientation') === 'landscape');
  const sides = (Number(attr(margins, 'left') ?? 0.7) + Number(attr(margins, 'right') ?? 0.7)) * 72;
  const scale = Number(attr(setup, 'scale') ?? 100) / 100;
  return (paper - sides) / POINTS_PER_PIXEL / (scale > 0 ? scale : 1);
}

/** Whether the sheet already prints fitted to a number of pages. */
function fittedToPages(head: string): boolean {
  const pr = /<pageSetUpPr\b[^>]*>/.exec(head)?.[0];
  return pr !== undefined && ['1', 'true'].includes(attr(pr, 'fitToPage') ?? '');
}

/**
 * The head and tail with the sheet set to print one page wide, when the table's columns
 * (left…tableRight) fit a page and with the added ones (…right) they do not; else as they were.
 */
export function fitAddedColumnsOnPage(head: string, tail: string, left: number, tableRight: number, right: number): { head: string; tail: string } {
  // a sheet with neither <pageMargins> nor <pageSetup> has no page setup to amend in place
  if (right <= tableRight || fittedToPages(head) || !/<page(?:Setup|Margins)\b/.test(tail)) return { head, tail };
  const page = printablePixels(tail);
  const table = columnsPixelWidth(head, left, tableRight);
  const all = columnsPixelWidth(head, left, right);
  if (!addedColumnsOverflowPage(table, all, page)) return { head, tail };
  return { head: withFitToPage(head), tail: withFitToWidth(tail) };
}

/** <sheetPr> (the worksheet's first child) with <pageSetUpPr fitToPage="1"/>, its last child. */
function withFitToPage(head: string): string {
  const pr = /<pageSetUpPr\b[^>]*?\/?>/.exec(head);
  if (pr) return head.slice(0, pr.index) + setAttr(pr[0], 'fitToPage', '1') + head.slice(pr.index + pr[0].length);
  const sheetPr = /<sheetPr\b[^>]*?(\/?)>/.exec(head);
  if (sheetPr && sheetPr[1]) {
    const open = sheetPr[0].replace(/\s*\/>$/, '>');
    return `${head.slice(0, sheetPr.index)}${open}<pageSetUpPr fitToPage="1"/></sheetPr>${head.slice(sheetPr.index + sheetPr[0].length)}`;
  }
  if (sheetPr) {
    const close = head.indexOf('</sheetPr>', sheetPr.index);
    return `${head.slice(0, close)}<pageSetUpPr fitToPage="1"/>${head.slice(close)}`;
  }
  const root = /<worksheet\b[^>]*>/.exec(head);
  if (!root) return head;
  const at = root.index + root[0].length;
  return `${head.slice(0, at)}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${head.slice(at)}`;
}

/** <pageSetup> with fitToWidth="1" fitToHeight="0" (one page wide, as tall as needed). */
function withFitToWidth(tail: string): string {
  const setup = /<pageSetup\b[^>]*?\/?>/.exec(tail);
  if (setup) return tail.slice(0, setup.index) + setAttr(setAttr(setup[0], 'fitToWidth', '1'), 'fitToHeight', '0') + tail.slice(setup.index + setup[0].length);
  // <pageSetup> follows <pageMargins> (CT_Worksheet)
  const margins = /<pageMargins\b[^>]*?\/?>/.exec(tail);
  if (!margins) return tail;
  const at = margins.index + margins[0].length;
  return `${tail.slice(0, at)}<pageSetup fitToWidth="1" fitToHeight="0"/>${tail.slice(at)}`;
}
