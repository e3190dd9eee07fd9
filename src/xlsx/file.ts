/**
 * The .xlsx host for Node callers (the CLI): reading and writing a workbook file. The browser
 * imports xlsx-read directly, since xlsx-patch and xlsx-zip need Node's zlib.
 */

import type { Grid } from '../engine/grid';
import { prepareWorkbook } from './prepare';
import { readWorkbookGrids as readGrids } from './read';

export { XlsxInputError, type XlsxInputErrorCode } from './errors';
export { applyPlanToXlsx } from './patch/patch';

/**
 * The workbook's sheets as Grids. In Node the package is first checked part by part and cut down
 * by xlsx-prepare to a stored copy of what becomes the Grids, which exceljs reads without running
 * its own JavaScript inflate, and without meeting anything that would exhaust or mislead it. Input
 * that fails the checks is refused there, with the reason; exceljs never reads it as it was.
 */
export async function readWorkbookGrids(bytes: Uint8Array): Promise<Grid[]> {
  const { copy, sheets } = prepareWorkbook(bytes);
  return readGrids(copy, sheets);
}
