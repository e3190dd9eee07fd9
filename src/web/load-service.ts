/**
 * The workbook and report code (exceljs, docx, the .xlsx writer), loaded on first use: when the
 * user chooses the first file. Its chunks are inside the page (inline-chunks.ts): they are
 * injected first, then webpack's import() resolves without a request.
 *
 * Only index.tsx imports this module: the page's components get the loader through props, so that
 * tests hand them a fake.
 */
import type { WorkbookFileService } from '../report-service/workbook-files';
import { injectInlineChunks } from './inline-chunks';

let pending: Promise<WorkbookFileService> | undefined;

export function loadWorkbookFileService(): Promise<WorkbookFileService> {
  pending ??= (async () => {
    injectInlineChunks();
    const module = await import(/* webpackChunkName: "web-files" */ '../report-service/workbook-files');
    return module.createWorkbookFileService();
  })().catch((error: unknown) => {
    // Served from a web server without the payloads (a development build), a failed fetch may succeed on 重试.
    pending = undefined;
    throw error;
  });
  return pending;
}
