/**
 * The .xlsx codec's door, the same in the browser and in Node: a workbook's sheets read as Grids,
 * and the scored copy written. The command line comes in through file.ts, which adds Node's zlib.
 */

import type { Grid } from '../engine/grid';
import { prepareWorkbook } from './prepare';
import { readWorkbookGrids as readGrids } from './read';

export { XlsxInputError, type XlsxInputErrorCode } from './errors';
export { applyPlanToXlsx } from './patch/patch';

/**
 * The workbook's sheets as Grids. The package is first checked part by part and cut down by
 * prepare.ts to a stored copy of what becomes the Grids, which exceljs reads without running its
 * own inflate, and without meeting anything that would exhaust or mislead it. Input that fails
 * the checks is refused there, with the reason; exceljs never reads it as it was.
 */
export async function readWorkbookGrids(bytes: Uint8Array): Promise<Grid[]> {
  const { copy, sheets } = prepareWorkbook(bytes);
  return readGrids(copy, sheets);
}
