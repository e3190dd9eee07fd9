/**
 * The .xlsx codec for the command line: workbook.ts with Node's zlib doing the compression, for
 * speed on large workbooks. What is read and written is the same as in the browser.
 */

import { nodeCompression } from './node-compression';
import { useCompression } from './zip/deflate';

useCompression(nodeCompression);

export { applyPlanToXlsx, readWorkbookGrids, XlsxInputError, type XlsxInputErrorCode } from './workbook';
