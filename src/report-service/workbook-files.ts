/**
 * 网页版: what the page does with the .xlsx files the user chose, all in the browser. A file is
 * scored as the command line scores it (the checked reader, the settings the Excel add-in saved in
 * it), its scored copy is written by the same patcher (only result cells change; charts, styles and
 * the add-in's settings stay as they were), its report is drafted by the same renderer, and several
 * results can be packed into one .zip, and the tables of all the files chosen summed up in one
 * summary workbook (评分汇总.xlsx, app/batch-summary.ts). The page loads this module lazily: exceljs, docx and the
 * .xlsx writer come with it, never with the first screen.
 */
import { zipSync, type Zippable } from 'fflate';
import { summariseBatch, type BatchItem } from '../app/batch-summary';
import type { WorkbookSettings } from '../app/ports';
import type { ProfileChoice, ScoredSheet } from '../app/report-service';
import type { Evaluation } from '../engine/evaluation';
import type { Grid } from '../engine/grid';
import type { ReportSettings } from '../engine/report/model';
import type { WritePlan } from '../engine/write-plan';
import { writeSummaryWorkbook } from '../xlsx/summary-workbook';
// The codec's browser door; the command line, which also uses scoredCopy, has put Node's zlib behind it (xlsx/file.ts).
import { applyPlanToXlsx } from '../xlsx/workbook';
import type { ScoredWorkbookFile } from '../app/report-service';
import { scoreEveryTable, scoreSheets, scoreWorkbookFile } from './score-file';

export type { ScoredWorkbookFile } from '../app/report-service';

/** A file to download: its name and bytes. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** What the 网页版 needs from the workbook and report code (tests of the page give a fake). */
export interface WorkbookFileService {
  /** Read and score every sheet (see score-file.ts for the settings used). Throws WorkbookFileError for a file that is no usable .xlsx. */
  scoreFile(bytes: Uint8Array, profile: ProfileChoice): Promise<ScoredWorkbookFile>;
  /** The sheets read before, scored again with other settings (judgements, a table choice made in the page). */
  scoreSheets(grids: Grid[], settings: WorkbookSettings): ScoredSheet[];
  /** Every table of the sheets read before, each on its own (a sheet may hold several): what the summary sums up. */
  scoreEveryTable(grids: Grid[], settings: WorkbookSettings): ScoredSheet[];
  /** The workbook with the plans' result cells written, and nothing else changed. */
  scoredCopy(bytes: Uint8Array, plans: WritePlan[]): Promise<Uint8Array>;
  /** The report as .docx: the GB/T 9704 layout, or the unit's own template. Throws ReportError for a template it cannot fill. */
  reportDocx(evaluation: Evaluation, settings: ReportSettings, template?: Uint8Array): Promise<Uint8Array>;
  /** Several files as one .zip; names that repeat get a number. */
  zip(files: NamedBytes[]): Uint8Array;
  /**
   * The summary workbook (汇总、复核差异、偏差未说明、未能评分) of the tables in the items: the
   * same figures and sheets as the command line's `--summary` writes.
   */
  summaryWorkbook(items: readonly BatchItem[]): Promise<Uint8Array>;
}

/**
 * The scored copy: each plan (one per scored sheet) written in turn into the file's own bytes.
 * The command line writes its copy with this too.
 */
export async function scoredCopy(bytes: Uint8Array, plans: WritePlan[]): Promise<Uint8Array> {
  let out = bytes;
  for (const plan of plans) out = await applyPlanToXlsx(out, plan);
  return out;
}

/** The report's .docx bytes. The renderer (docx, docxtemplater) is loaded only when a report is asked for. */
export async function reportDocx(evaluation: Evaluation, settings: ReportSettings, template?: Uint8Array): Promise<Uint8Array> {
  const { renderReportDocx } = await import(/* webpackChunkName: "web-report" */ '../render/report');
  return renderReportDocx(evaluation, settings, template ? { template } : {});
}

/** "name.xlsx", "name (2).xlsx", …: a .zip holds each name once, and two workbooks may share a project. */
export function uniqueNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The files as one .zip, stored as they are: .xlsx and .docx are already compressed. */
export function zipFiles(files: NamedBytes[]): Uint8Array {
  const names = uniqueNames(files.map((file) => file.name));
  const entries: Zippable = {};
  files.forEach((file, i) => (entries[names[i]] = [file.bytes, { level: 0 }]));
  return zipSync(entries);
}

export function createWorkbookFileService(): WorkbookFileService {
  return {
    scoreFile: (bytes, profile) => scoreWorkbookFile(bytes, profile),
    scoreSheets,
    scoreEveryTable,
    scoredCopy,
    reportDocx,
    zip: zipFiles,
    summaryWorkbook: (items) => writeSummaryWorkbook(summariseBatch(items)),
  };
}
