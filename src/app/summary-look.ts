/**
 * How the summary tables look, decided once for every place that shows them: the summary .xlsx
 * (xlsx/summary-workbook.ts, with exceljs) and the add-in's 评分汇总 sheet (office/excel/summary-sheet.ts,
 * with Office.js). Each writer only says it in its own API: the number formats, the fills, the
 * alignment of each kind of column, the columns' widths and the rows' heights are computed here.
 *
 * Widths are in Excel's column-width unit (characters of the default font, a CJK character counting
 * two); heights in points.
 */
import type { GradeTier } from './batch-summary';
import type { ColumnKind, SummarySheet } from './summary-sheets';
import { amountText } from '../engine/money-text';
import { FILLS, textUnits } from '../engine/write-plan';

export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  amount: '#,##0.00',
  percent: '0.00%',
  score: '0.00',
  count: '0',
  index: '0',
  year: '0',
};

/** Fills of the grade cell by tier (ARGB): the engine's traffic lights, with a paler green for the second band. */
export const GRADE_FILLS: Record<GradeTier, string> = {
  top: FILLS.green,
  upper: 'FFE2EFDA',
  middle: FILLS.amber,
  bottom: FILLS.red,
};

/** The header row's fill, the totals row's fill, the grid lines and the line over the totals (ARGB). */
export const HEADER_FILL = 'FFDDEBF7';
export const TOTALS_FILL = 'FFF2F2F2';
export const LINE_COLOUR = 'FFBFBFBF';
export const TOTALS_LINE_COLOUR = 'FF808080';

/** The title line above each table: its font size and the row's height in points. */
export const TITLE_FONT_SIZE = 14;
export const TITLE_HEIGHT = 24;

/** Narrowest a column gets; a heading wraps onto two lines rather than widen a column of short figures. */
const MIN_WIDTH = 6;
const HEADING_LINES = 2;
/** Text wraps beyond these widths: names, then long text. */
const MAX_WIDTH: Partial<Record<ColumnKind, number>> = { text: 14, 'long-text': 24, notes: 44, grade: 10 };
const WRAP_ALLOWANCE = 1.25;
/** Room around a cell's text, in width units. */
const CELL_MARGIN = 2;
/**
 * Points per line of 11-point text: Excel's 等线 needs about 14.5, LibreOffice's Noto CJK fallback
 * about 16 (measured on a render); the taller, so that no last line is cut.
 */
export const LINE_HEIGHT = 16.5;
const ROW_PADDING = 3;

/** A figure (money, rate, score, count): it has a number format, and never wraps. */
export function isFigure(kind: ColumnKind): boolean {
  return NUMBER_FORMATS[kind] !== undefined;
}

/** How a column's cells are aligned: all at the top; short codes centred; text wrapped. */
export function alignmentOf(kind: ColumnKind): { horizontal?: 'center'; wrap: boolean } {
  if (kind === 'grade' || kind === 'index' || kind === 'year' || kind === 'count') return { horizontal: 'center', wrap: false };
  return { wrap: !isFigure(kind) };
}

/** The text a cell shows, near enough to measure its width. */
export function displayed(value: unknown, kind: ColumnKind): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return '';
  switch (kind) {
    case 'amount':
      return amountText(value, { decimals: 2, grouped: true });
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'score':
      return value.toFixed(2);
    default:
      return String(value);
  }
}

/**
 * Widths from the contents as displayed (figures with their separators and decimals), each text
 * column capped so that the table still prints legibly one page wide: longer text wraps.
 */
export function columnWidths(sheet: SummarySheet): number[] {
  return sheet.columns.map((column) => {
    const cap = MAX_WIDTH[column.kind] ?? Infinity;
    // A summary of a thousand tables lists tens of thousands of rows: stop measuring at the cap.
    let rows = 0;
    for (let i = 0; i < sheet.rows.length && rows + CELL_MARGIN < cap; i++)
      rows = Math.max(rows, widestLine(displayed(sheet.rows[i][column.key], column.kind)));
    // The totals' figures are bold, a little wider than the same digits above them.
    const total = sheet.totals && sheet.rows.length > 0 && isFigure(column.kind) ? textUnits(displayed(sheet.totals[column.key], column.kind)) + 1 : 0;
    const content = Math.max(rows, total) + CELL_MARGIN;
    const heading = Math.ceil(textUnits(column.heading) / HEADING_LINES) + CELL_MARGIN;
    return Math.max(MIN_WIDTH, heading, Math.min(cap, content));
  });
}

function widestLine(text: string): number {
  if (!text.includes('\n')) return textUnits(text);
  return Math.max(...text.split('\n').map(textUnits));
}

/**
 * Lines a text takes in a column of that width, wrapped. Counted generously: CJK glyphs run a
 * little wider than two digits in most fonts, curly quotes (“”) print full width, and wrapping
 * wastes the end of a line; a row a little too tall is harmless, one too short hides its last line.
 */
function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - CELL_MARGIN);
  const linesOf = (line: string) => Math.max(1, Math.ceil((textUnits(line) * WRAP_ALLOWANCE) / room));
  if (!text.includes('\n')) return linesOf(text); // most cells: no array to split into
  return text.split('\n').reduce((n, line) => n + linesOf(line), 0);
}

/** The height of one line of text in a row, as the sentence of a table with nothing to list takes. */
export const ONE_LINE_HEIGHT = LINE_HEIGHT + ROW_PADDING;

/**
 * Row heights from the wrapped lines, in the given columns' widths: the header row's, then each
 * data row's. Excel and LibreOffice do not grow a row for wrapped text in a file that does not say
 * how tall it is, and a cut-off problem list is no use.
 */
export function rowHeights(sheet: SummarySheet, widths: readonly number[]): { header: number; rows: number[] } {
  const headingLines = Math.max(...sheet.columns.map((c, i) => linesIn(c.heading, widths[i])));
  const rows = sheet.rows.map((row) => {
    const lines = Math.max(1, ...sheet.columns.map((c, i) => (isFigure(c.kind) ? 1 : linesIn(displayed(row[c.key], c.kind), widths[i]))));
    return lines * LINE_HEIGHT + ROW_PADDING;
  });
  return { header: headingLines * LINE_HEIGHT + ROW_PADDING, rows };
}
