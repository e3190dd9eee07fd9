/**
 * A key of our own on each sheet the add-in has scored, kept in a worksheet custom property
 * (Worksheet.customProperties, ExcelApi 1.12). Worksheet.id cannot serve: it "remains constant
 * within a single session but will change between sessions" (office-js-docs issue #297). The
 * property is saved with the workbook, and it is not copied with the sheet ("by design", office-js
 * issue #5486), so a copy is a sheet of its own. Undo records and saved judgements note the key,
 * so that they follow their sheet when it is renamed and are not inherited by another sheet that
 * is given its name (src/app/last-runs.ts, src/app/sheet-settings.ts).
 */
export const SHEET_KEY_PROPERTY = 'perfSelfEval.sheetKey';

/** A new key: 16 random bytes in hex. */
export function newSheetKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Queue the load of the sheet's key (read `.isNullObject` and `.value` after the sync). */
export function loadSheetKey(sheet: Excel.Worksheet): Excel.WorksheetCustomProperty {
  return sheet.customProperties.getItemOrNullObject(SHEET_KEY_PROPERTY).load('value');
}

/** The key a loaded property holds; undefined for none (or one that is not ours). */
export function sheetKeyOf(property: Excel.WorksheetCustomProperty): string | undefined {
  if (property.isNullObject) return undefined;
  const value = String(property.value ?? '');
  return /^[0-9a-f]{32}$/.test(value) ? value : undefined;
}

/**
 * The mark the add-in keeps on the 评分汇总 sheet it writes (汇总本工作簿), in a worksheet custom
 * property as the key above: the sheet is the add-in's, so 汇总本工作簿 may replace its contents and
 * leaves it out of the tables it scores. A sheet of that name without the mark is the user's and is
 * never written; a copy the user makes of the summary is not marked (custom properties are not
 * copied with a sheet), so it is theirs too.
 */
export const SUMMARY_MARK_PROPERTY = 'perfSelfEval.summarySheet';
export const SUMMARY_MARK_VALUE = '1';

/** Queue the load of the sheet's summary mark (read `.isNullObject` and `.value` after the sync). */
export function loadSummaryMark(sheet: Excel.Worksheet): Excel.WorksheetCustomProperty {
  return sheet.customProperties.getItemOrNullObject(SUMMARY_MARK_PROPERTY).load('value');
}

/** `{ summarySheet: true }` for a sheet carrying the mark, else nothing. */
export function summaryMarkOf(property: Excel.WorksheetCustomProperty): { summarySheet?: true } {
  return !property.isNullObject && String(property.value ?? '') === SUMMARY_MARK_VALUE ? { summarySheet: true } : {};
}
