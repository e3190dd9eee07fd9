/**
 * The add-in's 评分汇总 sheet (汇总本工作簿), written with Office.js: the summary's tables (汇总,
 * 复核差异, 偏差未说明, 未能评分: app/summary-sheets.ts, the same headings as the summary .xlsx)
 * one below the other, each with its title line, its header row and its rows, looking as the .xlsx
 * does (app/summary-look.ts: number formats, header fill, coloured grades, totals row, widths and
 * heights). 汇总's title and header rows are frozen and its header filtered; the filter stops at its
 * last row, so that the totals row and the tables below are never hidden by it.
 *
 * Everything is queued into one batch (the caller's: office/excel/write.ts's applyPlansInExcel puts
 * the tables' results in the same one), after the sheet is added or, when it is the add-in's own
 * (marked: sheet-key.ts), cleared. Nothing here reads: the batch costs no round trip of its own.
 */
import type { BatchSummary } from '../../app/batch-summary';
import type { SummaryTarget } from '../../app/ports';
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
} from '../../app/summary-look';
import { summarySheets, type SummarySheet } from '../../app/summary-sheets';
import { columnLetters } from '../../engine/address';
import { SUMMARY_MARK_PROPERTY, SUMMARY_MARK_VALUE } from './sheet-key';
import { argbToHex, asCellInput, columnWidthPoints, COMMAND_BYTES, jsonBytes, type BatchExtra } from './write';

/** Blank rows between one table and the next. */
const GAP_ROWS = 2;

/** Where one table sits on the sheet (1-based rows). */
export interface PlacedTable {
  table: SummarySheet;
  titleRow: number;
  headerRow: number;
  /** The rows' first row; an empty table's sentence sits there. */
  firstRow: number;
  /** The totals row, under the rows (汇总 with rows only). */
  totalsRow?: number;
  /** The table's last row (its totals, its last row, or its sentence). */
  lastRow: number;
}

export interface SummaryLayout {
  tables: PlacedTable[];
  /** Each column's width (Excel's unit): the widest any table asks of it. */
  widths: number[];
}

/** The tables placed one below the other, 汇总 first. */
export function layOutSummary(summary: BatchSummary): SummaryLayout {
  const tables: PlacedTable[] = [];
  let row = 1;
  const widths: number[] = [];
  for (const table of summarySheets(summary, 'workbook')) {
    const firstRow = row + 2;
    const totalsRow = table.totals && table.rows.length > 0 ? firstRow + table.rows.length : undefined;
    const lastRow = totalsRow ?? firstRow + Math.max(1, table.rows.length) - 1;
    tables.push({ table, titleRow: row, headerRow: row + 1, firstRow, ...(totalsRow !== undefined ? { totalsRow } : {}), lastRow });
    columnWidths(table).forEach((width, i) => (widths[i] = Math.max(widths[i] ?? 0, width)));
    row = lastRow + 1 + GAP_ROWS;
  }
  return { tables, widths };
}

/** What a cell of a table is written as: numbers as numbers, text protected from Excel's reading of it. */
function cellInput(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return asCellInput(value) as string;
  return '';
}

/** The rows' values and number formats (the totals row's too), as Range.values and numberFormat take them. */
function bodyOf(table: SummarySheet): { values: (number | string)[][]; formats: string[][] } {
  const rows = table.rows.length > 0 && table.totals ? [...table.rows, table.totals] : table.rows;
  return {
    values: rows.map((row) => table.columns.map((column) => cellInput(row[column.key]))),
    formats: rows.map(() => table.columns.map((column) => NUMBER_FORMATS[column.kind] ?? 'General')),
  };
}

/** Commands a table queues besides its values and formats, for the batch's size estimate (generous). */
const commandsOf = (placed: PlacedTable) => 40 + 4 * placed.table.columns.length + (placed.lastRow - placed.titleRow);

/**
 * The summary sheet's part of a batch: its estimated size, and the commands that write it. The
 * summary sheet is added (or cleared, when it is the add-in's), marked, filled and activated.
 */
export function summarySheetBatch(target: SummaryTarget, summary: BatchSummary): BatchExtra {
  const layout = layOutSummary(summary);
  const bodies = layout.tables.map((placed) => bodyOf(placed.table));
  let request = 20 * COMMAND_BYTES + layout.widths.length * COMMAND_BYTES;
  layout.tables.forEach((placed, i) => {
    request += commandsOf(placed) * COMMAND_BYTES + jsonBytes(bodies[i].values) + jsonBytes(bodies[i].formats);
    request += jsonBytes(placed.table.columns.map((c) => c.heading)) + jsonBytes(placed.table.title);
  });
  return {
    cost: { request, response: COMMAND_BYTES },
    queue: (context) => {
      const sheets = context.workbook.worksheets;
      const sheet = target.replace ? sheets.getItem(target.name) : sheets.add(target.name);
      if (target.replace) clearSheet(sheet);
      sheet.customProperties.add(SUMMARY_MARK_PROPERTY, SUMMARY_MARK_VALUE);
      layout.tables.forEach((placed, i) => queueTable(sheet, placed, layout.widths, bodies[i]));
      layout.widths.forEach((width, i) => {
        const letters = columnLetters(i + 1);
        sheet.getRange(`${letters}:${letters}`).format.columnWidth = columnWidthPoints(width);
      });
      const [first] = layout.tables;
      // shown first: frozen panes belong to a sheet's window view
      sheet.activate();
      // 汇总's title and header stay in view; its filter covers its header and rows, not its totals
      sheet.freezePanes.freezeRows(first.headerRow);
      const filtered = first.totalsRow !== undefined ? first.totalsRow - 1 : first.lastRow;
      sheet.autoFilter.apply(sheet.getRange(`A${first.headerRow}:${columnLetters(first.table.columns.length)}${filtered}`));
    },
  };
}

/**
 * The add-in's own summary sheet emptied for the new summary: its filter, frozen rows, merged titles,
 * contents, formats, row heights and column widths from last time. What refers to it (a formula on
 * another sheet) keeps referring to it, as it would not if the sheet were deleted and added again.
 */
function clearSheet(sheet: Excel.Worksheet): void {
  sheet.autoFilter.remove();
  sheet.freezePanes.unfreeze();
  const all = sheet.getRange();
  all.unmerge();
  all.clear('All');
  all.format.useStandardHeight = true;
  all.format.useStandardWidth = true;
}

const solidFill = (argb: string) => argbToHex(argb);

/** A table's title, header, rows, totals (or the sentence of an empty table), grid lines and row heights. */
function queueTable(sheet: Excel.Worksheet, placed: PlacedTable, widths: number[], body: { values: (number | string)[][]; formats: string[][] }): void {
  const { table } = placed;
  const count = table.columns.length;
  const across = (row: number, rows = 1) => sheet.getRangeByIndexes(row - 1, 0, rows, count);

  const title = across(placed.titleRow);
  title.merge(false);
  sheet.getRangeByIndexes(placed.titleRow - 1, 0, 1, 1).values = [[asCellInput(table.title) as string]];
  title.format.font.bold = true;
  title.format.font.size = TITLE_FONT_SIZE;
  title.format.horizontalAlignment = 'Center';
  title.format.verticalAlignment = 'Center';
  title.format.rowHeight = TITLE_HEIGHT;

  const header = across(placed.headerRow);
  header.values = [table.columns.map((column) => asCellInput(column.heading) as string)];
  header.format.fill.color = solidFill(HEADER_FILL);
  header.format.font.bold = true;
  header.format.horizontalAlignment = 'Center';
  header.format.verticalAlignment = 'Center';
  header.format.wrapText = true;

  const tableWidths = widths.slice(0, count);
  const heights = rowHeights(table, tableWidths);
  header.format.rowHeight = heights.header;

  if (table.rows.length === 0) {
    const note = across(placed.firstRow);
    note.merge(false);
    sheet.getRangeByIndexes(placed.firstRow - 1, 0, 1, 1).values = [[asCellInput(table.empty) as string]];
    note.format.verticalAlignment = 'Center';
    note.format.rowHeight = ONE_LINE_HEIGHT;
    drawLines(across(placed.headerRow, 2));
    return;
  }

  const rows = body.values.length;
  const block = across(placed.firstRow, rows);
  block.values = body.values;
  block.numberFormat = body.formats;
  block.format.verticalAlignment = 'Top';
  table.columns.forEach((column, i) => {
    const { horizontal, wrap } = alignmentOf(column.kind);
    if (!horizontal && !wrap) return;
    const cells = sheet.getRangeByIndexes(placed.firstRow - 1, i, rows, 1).format;
    if (horizontal) cells.horizontalAlignment = 'Center';
    if (wrap) cells.wrapText = true;
  });
  colourGrades(sheet, placed);
  queueRowHeights(sheet, placed.firstRow, heights.rows);
  drawLines(across(placed.headerRow, rows + 1));
  if (placed.totalsRow !== undefined) {
    const totals = across(placed.totalsRow).format;
    totals.font.bold = true;
    totals.fill.color = solidFill(TOTALS_FILL);
    const over = totals.borders.getItem('EdgeTop');
    over.style = 'Double';
    over.color = argbToHex(TOTALS_LINE_COLOUR);
  }
}

/** Each grade in its tier's fill, bold: one command for the column. */
function colourGrades(sheet: Excel.Worksheet, placed: PlacedTable): void {
  const { table } = placed;
  const at = table.columns.findIndex((column) => column.kind === 'grade');
  if (at < 0 || !table.tiers) return;
  const tiers = table.tiers;
  sheet
    .getRangeByIndexes(placed.firstRow - 1, at, table.rows.length, 1)
    .setCellProperties(tiers.map((tier) => [{ format: { fill: { color: argbToHex(GRADE_FILLS[tier]) }, font: { bold: true } } }]));
}

/** Row heights, one command per stretch of rows of the same height. */
function queueRowHeights(sheet: Excel.Worksheet, firstRow: number, heights: number[]): void {
  let start = 0;
  for (let i = 1; i <= heights.length; i++) {
    if (i < heights.length && heights[i] === heights[start]) continue;
    sheet.getRange(`${firstRow + start}:${firstRow + i - 1}`).format.rowHeight = heights[start];
    start = i;
  }
}

/** Thin grey lines around and between every cell of the range (header and rows). */
function drawLines(range: Excel.Range): void {
  for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const) {
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = argbToHex(LINE_COLOUR);
  }
}
