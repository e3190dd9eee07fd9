/**
 * A workbook's part in a batch (汇总与复核), the same for the command line, the 网页版 and the
 * add-in: every table, scored as `score --all` picks them (each table of a sheet that holds several,
 * where the caller scored them all: report-service/score-file.ts scoreEveryTable); a workbook with no table,
 * or one that cannot be read, as one entry of 未能评分 with the reason.
 */
import type { BatchItem } from './batch-summary';
import { tableLabel, type ScoredSheet } from './report-service';
import { ProductError } from '../engine/product-error';

export const NO_TABLE_MESSAGE = '工作簿中未找到绩效指标表（需有“三级指标”“年度指标值”等表头）';

/** The scored sheets that hold a table (or a table the engine refused, with its reason); the file as a failure when none does. */
export function itemsOfScoredSheets(file: string, sheets: readonly ScoredSheet[]): BatchItem[] {
  const withTable = sheets.filter((sheet) => sheet.outcome.ok || sheet.outcome.failure !== 'no-table');
  return withTable.length > 0 ? withTable.map((sheet) => ({ file, sheet: tableLabel(sheet), outcome: sheet.outcome })) : [{ file, message: NO_TABLE_MESSAGE }];
}

/**
 * A file that could not be read, with the reason the product gives (damaged, encrypted, not an
 * .xlsx…). Anything else is a fault of ours, not the file's: it is thrown on, not filed away.
 */
export function itemOfUnreadFile(file: string, error: unknown): BatchItem {
  if (error instanceof ProductError) return { file, message: error.zh };
  throw error;
}
