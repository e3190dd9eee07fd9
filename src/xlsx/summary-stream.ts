/**
 * The summary workbook for the command line, streamed: exceljs's WorkbookWriter writes each row
 * out as soon as summary-workbook.ts has filled it, so a summary of thousands of tables (tens of
 * thousands of 复核差异 and 偏差未说明 rows) takes no more memory than a small one. The same sheets
 * and look as writeSummaryWorkbook, which the browser uses; Node only, as streams are.
 */
import { PassThrough } from 'node:stream';
import { stream } from 'exceljs';
import type { BatchSummary } from '../app/batch-summary';
import { fillSummaryWorkbook } from './summary-workbook';

export async function streamSummaryWorkbook(summary: BatchSummary): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  fillSummaryWorkbook(workbook, summary);
  await workbook.commit();
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
