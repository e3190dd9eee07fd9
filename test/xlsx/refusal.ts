/** The reason the reader gives for refusing `bytes`; fails the test when they are read. */
import { readWorkbookGrids, XlsxInputError } from '../../src/xlsx/file';

export async function refusal(bytes: Uint8Array): Promise<XlsxInputError> {
  try {
    await readWorkbookGrids(bytes);
  } catch (error) {
    if (error instanceof XlsxInputError) return error;
    throw error;
  }
  throw new Error('the file was read');
}
