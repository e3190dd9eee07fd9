/**
 * What the task pane needs to turn an Evaluation into a report, in Excel and in Word. The
 * implementation (docx, exceljs and Office.js behind it) is loaded lazily, so the pane's first
 * paint does not wait for the report code.
 */
import type { EvaluateOutcome, TableChoice } from '../engine/evaluate';
import type { Evaluation } from '../engine/evaluation';
import type { Grid } from '../engine/grid';
import type { ReportSettings } from '../engine/report/model';
import type { WorkbookSettings } from './ports';

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
  /** Which of the sheet's tables this is, when every table of a sheet holding several was scored (scoreEveryTable). */
  table?: TableChoice;
}

/** How a scored table is named where sheets are listed: the sheet, and where on it when it holds several tables. */
export function tableLabel(scored: Pick<ScoredSheet, 'name' | 'table'>): string {
  return scored.table ? `${scored.name}（第${scored.table.headerRow}行）` : scored.name;
}

/** What a table's report file is named for: its sheet, and its project where the sheet holds several tables. */
export function reportNamePart(scored: Pick<ScoredSheet, 'name' | 'table'>): string {
  return scored.table ? `${scored.name}-${scored.table.label}` : scored.name;
}

/** A workbook file chosen in Word, scored: with the settings saved in it in Excel, when it has some. */
export interface ScoredWorkbook {
  sheets: ScoredSheet[];
  /** The settings every sheet was scored with. */
  settings: WorkbookSettings;
  /**
   * What the settings saved in the file (by the add-in in Excel) contributed: all of them; all but
   * the rule profile and its adjustments (another profile was chosen in the pane); none (the file
   * holds none: the pane's profile with the defaults).
   */
  saved: 'all' | 'all-but-rules' | 'none';
}

/** A workbook file scored, with the sheets it was read into (to score it again in memory, as a judgement does). */
export interface ScoredWorkbookFile extends ScoredWorkbook {
  grids: Grid[];
}

/** The rule profile the pane asks for: `chosen` when the user picked it, rather than the pane's default. */
export interface ProfileChoice {
  profileId: string;
  /** Picked by the user for this file: it replaces the saved profile (and drops its adjustments). */
  chosen: boolean;
}

/** In Word: score an .xlsx the user chose, then put the report into a document. */
export interface WordReportService {
  /**
   * Score every sheet with the settings saved in the file when it has some (the profile replaced
   * when `profile.chosen`), else with the defaults and `profile.profileId`. Throws an error with a
   * Chinese message (the file is not an .xlsx, is encrypted, …).
   */
  scoreWorkbookFile(bytes: Uint8Array, profile: ProfileChoice): Promise<ScoredWorkbookFile>;
  insertReport(evaluation: Evaluation, settings: ReportSettings, into: 'current' | 'new'): Promise<ReportDelivery>;
}
