/**
 * The Office requirement sets each host needs, derived from the APIs the host code actually calls.
 * Versions per API are from the Office JavaScript API reference (each member's "[Api set: …]";
 * the same annotations ship in @types/office-js 1.0.612) and the requirement-set pages:
 *   https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 *   https://learn.microsoft.com/javascript/api/requirement-sets/word/word-api-requirement-sets
 *   https://learn.microsoft.com/javascript/api/requirement-sets/common/dialog-api-requirement-sets
 *
 * Excel (src/office/excel/*.ts):
 *   Range.getMergedAreasOrNullObject ............................ ExcelApi 1.13  ← the highest
 *   Range.getCellProperties / setCellProperties (fills, undo) .... ExcelApi 1.9
 *   WorksheetCollection.onActivated ............................. ExcelApi 1.7
 *   Worksheet.getUsedRangeOrNullObject .......................... ExcelApi 1.4
 *   Worksheet.protection (.protected), Range.merge,
 *   RangeFormat.columnWidth / rowHeight, getUsedRange(valuesOnly) ExcelApi 1.2
 *   Range values/text/numberFormat/formulas/valueTypes/address/rowIndex/columnIndex, select,
 *   Worksheet.activate, worksheets.add/getItem/getActiveWorksheet, fill/font/borders/wrapText … ExcelApi 1.1
 *   Worksheet.customProperties (the add-in's key on a scored sheet) ExcelApi 1.12
 *   RunOptions.delayForCellEdit (background saves, the ribbon) . ExcelApi 1.11
 *   Workbook.customXmlParts (settings, undo records) ............ ExcelApi 1.5
 *   Office.context.document.settings (read, for workbooks saved by earlier builds) common API
 *     "Settings" 1.1, present in every Excel that has ExcelApi 1.13, so not checked separately.
 *   Cell notes (ExcelApi 1.18) and comments (ExcelApi 1.10) are deliberately not used (office/excel/write.ts).
 *
 * Word (the report goes into the open document or a new one; src/office/word.ts):
 *   Document.insertFileFromBase64 (keeps headers, footers, margins) WordApi 1.5, used where present;
 *     Body.insertFileFromBase64 (the body only) .................. WordApi 1.1, the fallback
 *   Body.paragraphs / inlinePictures / tables / contentControls .. WordApi 1.1–1.3
 *   Body.shapes (text-box letterheads) .......................... WordApiDesktop 1.2, asked where present
 *   Application.createDocument / DocumentCreated.open ........... WordApi 1.3  ← the highest
 *   Office.context.ui.displayDialogAsync (report preview dialog) . DialogApi 1.1 (present wherever
 *     WordApi 1.3 is; listed so that a pane without it says so instead of failing on click)
 *
 * ExcelApi 1.13 means Excel 2021 / LTSC 2021 or later on Windows, Microsoft 365, Excel on the web
 * and Excel on Mac 16.50+; Excel 2016 and 2019 perpetual licences cannot run the add-in.
 */

export type OfficeHostKind = 'excel' | 'word';

export interface RequirementSet {
  name: string;
  version: string;
}

export const REQUIREMENTS: Readonly<Record<OfficeHostKind, readonly RequirementSet[]>> = {
  excel: [{ name: 'ExcelApi', version: '1.13' }],
  word: [
    { name: 'WordApi', version: '1.3' },
    { name: 'DialogApi', version: '1.1' },
  ],
};

/**
 * The requirement sets this Office lacks for the host, as "ExcelApi 1.13" strings; empty when all
 * are there. Outside Office (no Office.context.requirements) everything counts as missing.
 */
export function missingRequirements(host: OfficeHostKind): string[] {
  const requirements = typeof Office !== 'undefined' ? Office.context?.requirements : undefined;
  return REQUIREMENTS[host]
    .filter((set) => {
      try {
        return !requirements?.isSetSupported(set.name, set.version);
      } catch {
        return true;
      }
    })
    .map((set) => `${set.name} ${set.version}`);
}
