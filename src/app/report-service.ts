/**
 * What the task pane needs to turn an Evaluation into a report, in Excel and in Word. The
 * implementation (docx, exceljs and Office.js behind it) is loaded lazily, so the pane's first
 * paint does not wait for the report code.
 */
import type { EvaluateOutcome } from '../engine/evaluate';
import type { Evaluation } from '../engine/evaluation';
import type { ReportSettings } from '../engine/report/model';
import type { WorkbookSettings } from '../hosts/workbook-host';

/** Where a report went, with the sentence the pane shows the user. */
export interface ReportDelivery {
  where: 'download' | 'clipboard' | 'dialog' | 'word-document' | 'word-new-document';
  /** The file name offered, for a download or a dialog. */
  fileName?: string;
  message: string;
  messageEn: string;
}

/** In Excel: build the .docx in the pane and hand it to the user the way the platform allows. */
export interface ExcelReportService {
  deliverReport(evaluation: Evaluation, settings: ReportSettings): Promise<ReportDelivery>;
}

/** One sheet of a workbook file chosen in Word, scored with the pane's settings. */
export interface ScoredSheet {
  name: string;
  outcome: EvaluateOutcome;
}

/** In Word: score an .xlsx the user chose, then put the report into a document. */
export interface WordReportService {
  /** Throws an error with a Chinese message (the file is not an .xlsx, is encrypted, …). */
  scoreWorkbookFile(bytes: Uint8Array, settings: WorkbookSettings): Promise<ScoredSheet[]>;
  insertReport(evaluation: Evaluation, settings: ReportSettings, into: 'current' | 'new'): Promise<ReportDelivery>;
}
