/**
 * The summary workbook (汇总、复核差异、偏差未说明、未能评分) as an .xlsx file, for the command line
 * and the 网页版 alike: exceljs, no Node APIs (in the browser exceljs is its browser bundle).
 *
 * It is made to be worked with, not only read: each sheet has a title line for print, then one
 * clean header row that is frozen and filtered; columns are as wide as their contents (a CJK
 * character counts two); money, rates and scores carry number formats so that they sort and sum as
 * numbers; grades are coloured by where they stand among their profile's bands; the totals row sits
 * below the filtered range so that filtering never hides it; pages print landscape on A4, one page
 * wide, with the header row repeated on every page.
 */
import { Workbook, type Alignment, type Borders, type Cell, type Fill, type Worksheet } from 'exceljs';
import type { BatchSummary, GradeTier } from '../app/batch-summary';
import { summarySheets, type ColumnKind, type SheetRow, type SummaryColumn, type SummarySheet } from '../app/summary-sheets';
import { amountText } from '../engine/money-text';
import { FILLS, textUnits } from '../engine/write-plan';

/** Rows of each sheet: the title line, then the header row, then the data. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
const FIRST_DATA_ROW = HEADER_ROW + 1;

export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  amount: '#,##0.00',
  percent: '0.00%',
  score: '0.00',
  count: '0',
  index: '0',
  year: '0',
};

/** Fills of the grade cell by tier: the engine's traffic lights, with a paler green for the second band. */
export const GRADE_FILLS: Record<GradeTier, string> = {
  top: FILLS.green,
  upper: 'FFE2EFDA',
  middle: FILLS.amber,
  bottom: FILLS.red,
};

const HEADER_FILL = 'FFDDEBF7';
const TOTALS_FILL = 'FFF2F2F2';

/** Narrowest a column gets; a heading wraps onto two lines rather than widen a column of short figures. */
const MIN_WIDTH = 6;
const HEADING_LINES = 2;
/** Text wraps beyond these widths (Excel's units, a CJK character being two): names, then long text. */
const MAX_WIDTH: Partial<Record<ColumnKind, number>> = { text: 14, 'long-text': 24, notes: 44, grade: 10 };
const WRAP_ALLOWANCE = 1.25;
/** Room around a cell's text, in width units. */
const CELL_MARGIN = 2;
/**
 * Points per line of 11-point text: Excel's 等线 needs about 14.5, LibreOffice's Noto CJK fallback
 * about 16 (measured on a render); the taller, so that no last line is cut.
 */
const LINE_HEIGHT = 16.5;
const ROW_PADDING = 3;

const THIN: Borders = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  diagonal: {},
};

export async function writeSummaryWorkbook(summary: BatchSummary): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.creator = '绩效自评助手';
  for (const sheet of summarySheets(summary)) writeSheet(workbook, sheet);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function writeSheet(workbook: Workbook, sheet: SummarySheet): void {
  const { columns } = sheet;
  const ws = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });

  // exceljs leaves out a column whose width is its own default (9): the sheet's default must then be 9 too.
  ws.properties.defaultColWidth = 9;
  writeTitle(ws, sheet.title, columns.length);
  writeHeader(ws, columns);
  let last = HEADER_ROW;
  if (sheet.rows.length === 0) {
    last = writeEmptyNote(ws, sheet.empty, columns.length);
  } else {
    sheet.rows.forEach((row, i) => {
      const at = FIRST_DATA_ROW + i;
      writeRow(ws, at, columns, row);
      const tier = sheet.tiers?.[i];
      if (tier) colourGrade(ws.getRow(at), columns, tier);
    });
    last = FIRST_DATA_ROW + sheet.rows.length - 1;
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: columns.length } };
  if (sheet.totals && sheet.rows.length > 0) writeTotals(ws, last + 1, columns, sheet.totals);
  const widths = columnWidths(sheet);
  widths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  fitRowHeights(ws, sheet, widths);
}

function writeTitle(ws: Worksheet, title: string, width: number): void {
  const row = ws.getRow(TITLE_ROW);
  row.getCell(1).value = title;
  row.getCell(1).font = { bold: true, size: 14 };
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  row.height = 24;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
}

function writeHeader(ws: Worksheet, columns: SummaryColumn[]): void {
  const row = ws.getRow(HEADER_ROW);
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    cell.value = column.heading;
    cell.font = { bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
}

function writeRow(ws: Worksheet, at: number, columns: SummaryColumn[], values: SheetRow): void {
  const row = ws.getRow(at);
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    const value = values[column.key];
    if (typeof value === 'number' || typeof value === 'string') cell.value = value;
    styleCell(cell, column.kind);
  });
}

function styleCell(cell: Cell, kind: ColumnKind): void {
  cell.border = THIN;
  const format = NUMBER_FORMATS[kind];
  if (format) cell.numFmt = format;
  cell.alignment = alignmentFor(kind);
}

function alignmentFor(kind: ColumnKind): Partial<Alignment> {
  if (kind === 'grade' || kind === 'index' || kind === 'year' || kind === 'count') return { vertical: 'top', horizontal: 'center' };
  if (isFigure(kind)) return { vertical: 'top' };
  return { vertical: 'top', wrapText: true };
}

function colourGrade(row: ReturnType<Worksheet['getRow']>, columns: SummaryColumn[], tier: GradeTier): void {
  const at = columns.findIndex((c) => c.kind === 'grade');
  if (at < 0) return;
  const cell = row.getCell(at + 1);
  cell.fill = solid(GRADE_FILLS[tier]);
  cell.font = { bold: true };
}

/** A sheet with nothing to list says so, in the first data row across the table. */
function writeEmptyNote(ws: Worksheet, text: string, width: number): number {
  const cell = ws.getRow(FIRST_DATA_ROW).getCell(1);
  cell.value = text;
  cell.alignment = { vertical: 'middle', horizontal: 'left' };
  cell.border = THIN;
  ws.mergeCells(FIRST_DATA_ROW, 1, FIRST_DATA_ROW, width);
  ws.getRow(FIRST_DATA_ROW).height = LINE_HEIGHT + ROW_PADDING;
  return FIRST_DATA_ROW;
}

function writeTotals(ws: Worksheet, at: number, columns: SummaryColumn[], totals: SheetRow): void {
  writeRow(ws, at, columns, totals);
  const row = ws.getRow(at);
  columns.forEach((_, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = solid(TOTALS_FILL);
    cell.border = { ...THIN, top: { style: 'double', color: { argb: 'FF808080' } } };
  });
}

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * Widths from the contents as displayed (figures with their separators and decimals), each text
 * column capped so that the table still prints legibly one page wide: longer text wraps.
 */
function columnWidths(sheet: SummarySheet): number[] {
  return sheet.columns.map((column) => {
    const shown = sheet.rows.map((row) => displayed(row[column.key], column.kind));
    const rows = Math.max(0, ...shown.flatMap((text) => text.split('\n')).map(textUnits));
    // The totals' figures are bold, a little wider than the same digits above them.
    const total = sheet.totals && sheet.rows.length > 0 && isFigure(column.kind) ? textUnits(displayed(sheet.totals[column.key], column.kind)) + 1 : 0;
    const content = Math.max(rows, total) + CELL_MARGIN;
    const heading = Math.ceil(textUnits(column.heading) / HEADING_LINES) + CELL_MARGIN;
    const cap = MAX_WIDTH[column.kind] ?? Infinity;
    return Math.max(MIN_WIDTH, heading, Math.min(cap, content));
  });
}

/**
 * Lines a text takes in a column of that width, wrapped. Counted generously: CJK glyphs run a
 * little wider than two digits in most fonts, curly quotes (“”) print full width, and wrapping
 * wastes the end of a line; a row a little too tall is harmless, one too short hides its last line.
 */
function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - CELL_MARGIN);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((textUnits(line) * WRAP_ALLOWANCE) / room)), 0);
}

/**
 * Row heights set from the wrapped lines: Excel and LibreOffice do not grow a row for wrapped
 * text in a file that does not say how tall it is, and a cut-off problem list is no use.
 */
function fitRowHeights(ws: Worksheet, sheet: SummarySheet, widths: number[]): void {
  const headingLines = Math.max(...sheet.columns.map((c, i) => linesIn(c.heading, widths[i])));
  ws.getRow(HEADER_ROW).height = headingLines * LINE_HEIGHT + ROW_PADDING;
  sheet.rows.forEach((row, r) => {
    const lines = Math.max(1, ...sheet.columns.map((c, i) => (isFigure(c.kind) ? 1 : linesIn(displayed(row[c.key], c.kind), widths[i]))));
    ws.getRow(FIRST_DATA_ROW + r).height = lines * LINE_HEIGHT + ROW_PADDING;
  });
}

function isFigure(kind: ColumnKind): boolean {
  return NUMBER_FORMATS[kind] !== undefined;
}

/** The text a cell shows, near enough to measure its width. */
function displayed(value: unknown, kind: ColumnKind): string {
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
