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
import { Workbook, type Alignment, type Borders, type Fill, type Row, type Style, type Worksheet } from 'exceljs';
import type { BatchSummary, GradeTier } from '../app/batch-summary';
import {
  alignmentOf,
  columnWidths,
  GRADE_FILLS,
  HEADER_FILL,
  LINE_COLOUR,
  NUMBER_FORMATS,
  ONE_LINE_HEIGHT,
  rowHeights,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOTALS_FILL,
  TOTALS_LINE_COLOUR,
} from '../app/summary-look';
import { summarySheets, type ColumnKind, type SheetRow, type SummaryColumn, type SummarySheet } from '../app/summary-sheets';

// The look is decided in app/summary-look.ts, shared with the add-in's 评分汇总 sheet.
export { GRADE_FILLS, NUMBER_FORMATS };

/** Rows of each sheet: the title line, then the header row, then the data. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
const FIRST_DATA_ROW = HEADER_ROW + 1;

const THIN: Borders = {
  top: { style: 'thin', color: { argb: LINE_COLOUR } },
  left: { style: 'thin', color: { argb: LINE_COLOUR } },
  bottom: { style: 'thin', color: { argb: LINE_COLOUR } },
  right: { style: 'thin', color: { argb: LINE_COLOUR } },
  diagonal: {},
};

export async function writeSummaryWorkbook(summary: BatchSummary): Promise<Uint8Array> {
  const workbook = new Workbook();
  fillSummaryWorkbook(workbook, summary);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * The summary's sheets written into `workbook`, each row committed once written and never touched
 * again: a streaming workbook (exceljs's WorkbookWriter, which the command line uses so that a
 * summary of thousands of tables does not sit in memory: summary-stream.ts) then writes each row
 * out as it goes, and an ordinary one keeps them all (its commit does nothing). So everything a
 * row needs (the columns' widths, its height) is worked out before it is written.
 */
export function fillSummaryWorkbook(workbook: Workbook, summary: BatchSummary): void {
  workbook.creator = '绩效自评助手';
  for (const sheet of summarySheets(summary)) writeSheet(workbook, sheet);
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
  const widths = columnWidths(sheet);
  widths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  // Excel and LibreOffice do not grow a row for wrapped text in a file that does not say how tall it is.
  const heights = rowHeights(sheet, widths);
  writeTitle(ws, sheet.title, columns.length);
  writeHeader(ws, columns, heights.header);
  let last = HEADER_ROW;
  if (sheet.rows.length === 0) {
    last = writeEmptyNote(ws, sheet.empty, columns.length);
  } else {
    sheet.rows.forEach((values, i) => {
      const row = writeRow(ws, FIRST_DATA_ROW + i, columns, values, heights.rows[i]);
      const tier = sheet.tiers?.[i];
      if (tier) colourGrade(row, columns, tier);
      row.commit();
    });
    last = FIRST_DATA_ROW + sheet.rows.length - 1;
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: columns.length } };
  if (sheet.totals && sheet.rows.length > 0) writeTotals(ws, last + 1, columns, sheet.totals);
}

function writeTitle(ws: Worksheet, title: string, width: number): void {
  const row = ws.getRow(TITLE_ROW);
  row.getCell(1).value = title;
  row.getCell(1).font = { bold: true, size: TITLE_FONT_SIZE };
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  row.height = TITLE_HEIGHT;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
  row.commit();
}

function writeHeader(ws: Worksheet, columns: SummaryColumn[], height: number): void {
  const row = ws.getRow(HEADER_ROW);
  row.height = height;
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    cell.value = column.heading;
    cell.font = { bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  row.commit();
}

/** A data row, not yet committed (its grade or totals look may follow). */
function writeRow(ws: Worksheet, at: number, columns: SummaryColumn[], values: SheetRow, height: number | undefined): Row {
  const row = ws.getRow(at);
  if (height !== undefined) row.height = height;
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    const value = values[column.key];
    if (typeof value === 'number' || (typeof value === 'string' && value !== '')) cell.value = value; // an empty text is no value (a streamed sheet drops it)
    cell.style = dataStyle(column.kind);
  });
  return row;
}

/**
 * One style object per look, shared by every cell that has it: exceljs keeps the style id of each
 * style object it has seen (a WeakMap in its StylesXform), so a shared object is looked up once
 * instead of rendered to XML for every cell, which on a summary of 1,000 tables took most of its
 * time. Frozen, because a cell's setters (cell.font = …) would change it for every cell.
 */
const sharedStyles = new Map<string, Partial<Style>>();

function sharedStyle(key: string, make: () => Partial<Style>): Partial<Style> {
  let style = sharedStyles.get(key);
  if (style === undefined) sharedStyles.set(key, (style = Object.freeze(make())));
  return style;
}

function dataStyle(kind: ColumnKind): Partial<Style> {
  return sharedStyle(kind, () => {
    const format = NUMBER_FORMATS[kind];
    return { border: THIN, alignment: alignmentFor(kind), ...(format ? { numFmt: format } : {}) };
  });
}

function alignmentFor(kind: ColumnKind): Partial<Alignment> {
  const { horizontal, wrap } = alignmentOf(kind);
  return { vertical: 'top', ...(horizontal ? { horizontal } : {}), ...(wrap ? { wrapText: true } : {}) };
}

function colourGrade(row: Row, columns: SummaryColumn[], tier: GradeTier): void {
  const at = columns.findIndex((c) => c.kind === 'grade');
  if (at < 0) return;
  row.getCell(at + 1).style = sharedStyle(`grade:${tier}`, () => ({ ...dataStyle('grade'), fill: solid(GRADE_FILLS[tier]), font: { bold: true } }));
}

/** A sheet with nothing to list says so, in the first data row across the table. */
function writeEmptyNote(ws: Worksheet, text: string, width: number): number {
  const cell = ws.getRow(FIRST_DATA_ROW).getCell(1);
  cell.value = text;
  cell.alignment = { vertical: 'middle', horizontal: 'left' };
  cell.border = THIN;
  ws.mergeCells(FIRST_DATA_ROW, 1, FIRST_DATA_ROW, width);
  ws.getRow(FIRST_DATA_ROW).height = ONE_LINE_HEIGHT;
  ws.getRow(FIRST_DATA_ROW).commit();
  return FIRST_DATA_ROW;
}

function writeTotals(ws: Worksheet, at: number, columns: SummaryColumn[], totals: SheetRow): void {
  const row = writeRow(ws, at, columns, totals, undefined);
  columns.forEach((column, i) => {
    row.getCell(i + 1).style = {
      ...dataStyle(column.kind),
      font: { bold: true },
      fill: solid(TOTALS_FILL),
      border: { ...THIN, top: { style: 'double', color: { argb: TOTALS_LINE_COLOUR } } },
    };
  });
  row.commit();
}

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}
