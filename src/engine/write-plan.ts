/** The cells a scoring run writes. The engine decides what and where; a host only applies it. */

export type WriteRole =
  | 'score'
  | 'weight'
  | 'flag'
  /** A column header or row label the run adds (a new 偏差标记 column, a 总分 row). */
  | 'header'
  | 'funds-rate'
  | 'funds-score'
  | 'total'
  | 'grade';

/** Traffic-light fills, as ARGB (the form both exceljs and the xlsx styles part use). */
export const FILLS = {
  green: 'FFC6EFCE',
  amber: 'FFFFEB9C',
  red: 'FFFFC7CE',
} as const;

export type FillName = keyof typeof FILLS;

export interface CellWrite {
  /** A1 address on the plan's sheet. */
  address: string;
  value: number | string;
  role: WriteRole;
  fill?: FillName;
  /** Excel number format code to apply, e.g. "0.00%" for the execution rate. */
  numberFormat?: string;
  /** A short comment for hosts that can attach one. */
  note?: string;
  /** How the cell looks, for a cell the run adds to the form (a new column, a labelled 等级). */
  style?: CellStyle;
}

/**
 * The look of a cell the run adds, so that it reads as part of the unit's form. A host first copies
 * the formats of `like` (font and bold, borders, alignment, number format, fill: Excel's "formats"
 * copy), then applies `wrap`, and last the write's own numberFormat and fill.
 */
export interface CellStyle {
  /**
   * A1 address of the form's own cell to look like, never one inside a merged area: the table's
   * last cell in the same row (left of this one), or for a 总分 row the run adds, the cell above.
   */
  like?: string;
  /** Wrap the text within the cell (a long flag or header stays inside its fill and border). */
  wrap?: boolean;
}

/** A cell the run puts inside the table's border without writing anything into it (an added column's empty cells). */
export interface CellFormatOnly {
  address: string;
  style: CellStyle;
}

export interface WritePlan {
  sheet: string;
  writes: CellWrite[];
  /** Result cells that were left alone (a formula in them), with the reason, for the summary. */
  kept: { address: string; reason: string }[];
  /** Empty cells of the columns the run adds, styled like their row so the table's border runs on. Never holds a written cell. */
  formats?: CellFormatOnly[];
  /**
   * Widths the run sets for the columns it adds, in Excel's column-width unit (the width of one
   * "0" of the default font; a Chinese character takes about two), so the longest text fits.
   */
  columnWidths?: { col: number; width: number }[];
  /**
   * Where the sheet has a print area, it is widened to take in this range (the table with the
   * cells the run added), so they print on the table's page. A sheet without one is left so.
   */
  printArea?: string;
  /**
   * The form's own columns (left…right) before the ones the run added. Where they fit one printed
   * page's width and the added columns push the table past it, the sheet is set to print one page
   * wide, so the added columns print on the table's page.
   */
  printTable?: { left: number; right: number };
}

/** Excel's widest column (255 characters); added columns stay far narrower and wrap instead. */
export const MAX_ADDED_COLUMN_WIDTH = 40;

/**
 * The column width (Excel's unit) that shows `text` on one line in an 11-point default font:
 * a full-width (CJK) character is two units, anything else one, plus a margin; at most
 * MAX_ADDED_COLUMN_WIDTH, beyond which the cell wraps.
 */
export function widthForText(text: string): number {
  return Math.min(MAX_ADDED_COLUMN_WIDTH, textUnits(text) + 2);
}

/** How many of Excel's width units a line of text takes: a full-width (CJK) character two, anything else one. */
export function textUnits(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A character outside the BMP is two UTF-16 units here and one character on screen: count it once.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    units += isWide(code) ? 2 : 1;
  }
  return units;
}

/** Hangul Jamo, CJK, Hangul syllables, compatibility ideographs, CJK forms, full-width forms. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/** Excel's sheet size (XFD1048576): a write past it makes a file Excel cannot open. */
export const SHEET_LIMITS = { rows: 1_048_576, columns: 16_384 } as const;
