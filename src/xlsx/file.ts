/**
 * The .xlsx codec for the command line: workbook.ts with Node's zlib and Buffer doing the compression and the Latin-1 text, for
 * speed on large workbooks. What is read and written is the same as in the browser.
 */

import { useLatin1 } from './bytes';
import { nodeCompression, nodeLatin1 } from './node-compression';
import { useCompression } from './zip/deflate';

useCompression(nodeCompression);
useLatin1(nodeLatin1);

export { applyPlanToXlsx, readWorkbookGrids, XlsxInputError, type XlsxInputErrorCode } from './workbook';
