/**
 * Adding a sheet that holds the standard form (src/engine/standard-form.ts), formatted. Two syncs:
 * one to learn the sheet names (the new sheet needs a free one: 绩效自评表, 绩效自评表2, …), one
 * that adds the sheet, writes and formats the whole form and activates it.
 */
import { buildStandardForm, areaAddress, HEADER_FILL, STANDARD_FORM_COLUMNS, type StandardForm } from '../../engine/standard-form';
import { columnLetters } from '../../engine/address';
import { argbToHex, asCellInput } from './write';

export const TEMPLATE_SHEET_NAME = '绩效自评表';

/** The first of 绩效自评表, 绩效自评表2, 绩效自评表3, … not taken (Excel compares names case-insensitively). */
export function uniqueSheetName(taken: string[], base = TEMPLATE_SHEET_NAME): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base}${i}`.toLowerCase())) return `${base}${i}`;
}

/**
 * Column widths in the form are in characters (the .xlsx unit); Office.js wants points. A
 * character of the default 11-point font is about 7 px wide plus 5 px of padding, at 0.75 pt/px.
 */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;

export async function insertTemplateSheetInExcel(year = new Date().getFullYear() - 1): Promise<string> {
  // The self-evaluation is written after the year it covers, hence last year by default.
  const form = buildStandardForm(year);
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const name = uniqueSheetName(sheets.items.map((s) => s.name));
    const sheet = sheets.add(name);
    layOut(sheet, form);
    sheet.activate();
    sheet.getRange('A1').select();
    await context.sync();
    return name;
  });
}

function layOut(sheet: Excel.Worksheet, form: StandardForm): void {
  const lastColumn = columnLetters(STANDARD_FORM_COLUMNS);
  const all = sheet.getRange(`A1:${lastColumn}${form.rows.length}`);
  all.values = form.rows.map((line) => line.map(asCellInput));
  all.format.wrapText = true;
  all.format.verticalAlignment = 'Center';
  all.format.font.name = '宋体';
  all.format.font.size = 10;

  form.columnWidths.forEach((chars, i) => {
    const letter = columnLetters(i + 1);
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = charsToPoints(chars);
  });
  for (const [row, points] of Object.entries(form.rowHeights)) sheet.getRange(`${row}:${row}`).format.rowHeight = points;

  for (const m of form.merges) sheet.getRange(areaAddress(m)).merge(false);

  const table = sheet.getRange(areaAddress(form.table));
  for (const edge of BORDER_EDGES) {
    const border = table.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = '#000000';
  }

  const headerFill = argbToHex(HEADER_FILL);
  for (const area of form.headers) {
    const header = sheet.getRange(areaAddress(area));
    header.format.fill.color = headerFill;
    header.format.font.bold = true;
    header.format.horizontalAlignment = 'Center';
  }

  const title = sheet.getRange(areaAddress(form.title));
  title.format.font.bold = true;
  title.format.font.size = 18;
  title.format.horizontalAlignment = 'Center';
  sheet.getRange(areaAddress(form.subtitle)).format.horizontalAlignment = 'Center';
}
