/**
 * One workbook of a batch, from reading to its written outputs: read, score every sheet with a
 * table (the settings saved in the file honoured, as the single-file command does), write its
 * scored copy (and reports) all or nothing, and hand back only what the summary needs: the file's
 * own part of the summary, and its Evaluations when --json asks for them. The same code runs in
 * the command's own thread and in a worker thread (batch-worker.ts); it never throws: whatever
 * goes wrong with the file goes to 未能评分 with the reason.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { itemsOfScoredSheets } from '../app/batch-items';
import { reportNamePart } from '../app/report-service';
import { summariseBatch, type BatchItem, type BatchSummary } from '../app/batch-summary';
import type { Evaluation } from '../engine/evaluation';
import { ProductError } from '../engine/product-error';
import type { OutlineId } from '../engine/report/model';
import type { WritePlan } from '../engine/write-plan';
import { readSavedAddinSettings } from '../xlsx/addin-settings';
import { readWorkbookGrids } from '../xlsx/file';
import { scoredCopyName } from '../report-service/file-name';
import { scoreEveryTable } from '../report-service/score-file';
import { scoredCopy } from '../report-service/workbook-files';
import { readWorkbookFile } from './input-files';
import { writeAllOrNothing, type OutputFile } from './output-files';
import { reportFileNames } from './report-files';
import { settingsForRun } from './run-settings';

/** One workbook to score. */
export interface BatchJob {
  index: number;
  /** As the user should recognise it, and as it is read (relative to the working folder, which worker threads share). */
  label: string;
  /** Below the inputs' common folder: where --out-dir and --report-dir put its outputs. */
  relative: string;
}

/** What every file of the batch is scored and written with: plain data, so that it can go to a worker thread. */
export interface BatchSettings {
  profile?: string;
  keepScores: boolean;
  rebase: boolean;
  ignoreSavedSettings: boolean;
  /** Absolute; the scored copies go beside their files when absent. */
  outDir?: string;
  /** Absolute; no reports when absent. */
  reportDir?: string;
  report: { outline?: string; unit?: string; date?: string };
  template?: Uint8Array;
  /** Keep the Evaluations for --json. */
  keepEvaluations: boolean;
}

/** One scored sheet, as --json writes it. */
export interface FileEvaluation {
  file: string;
  sheet: string;
  evaluation: Evaluation;
}

/** What a file hands back: small, whatever the size of its tables. */
export interface FileResult {
  index: number;
  label: string;
  summary: BatchSummary;
  evaluations: FileEvaluation[];
  /** The files written: the scored copy first, then the reports. */
  written: string[];
  /** Scored with the settings the Excel add-in saved in the file. */
  savedSettings: boolean;
}

/** Reserves output names: taken ones (an input, another output of the run) come back numbered. */
export type ClaimNames = (files: string[]) => Promise<string[]>;

/** Runs the work it is given one piece at a time, in the order given. */
export type InTurn = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A thread's turn for reading and scoring: one file at a time (its memory is one workbook's), while
 * the outputs of the files before it are still being written and synced to the disk.
 */
export function oneAtATime(): InTurn {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
}

/** A file read and scored, with its outputs made (or why they could not be), not yet written. */
interface ScoredFile {
  items: BatchItem[];
  evaluations: Evaluation[];
  /** What each evaluation's report is named for (app/report-service.ts reportNamePart). */
  reportNames: string[];
  savedSettings: boolean;
  /** The scored copy, then the reports; absent when no table was scored. */
  contents?: Uint8Array[];
  /** Why the outputs could not be made. */
  unmade?: unknown;
}

export async function scoreBatchFile(job: BatchJob, settings: BatchSettings, claim: ClaimNames, inTurn: InTurn = (work) => work()): Promise<FileResult> {
  const result: FileResult = { index: job.index, label: job.label, summary: summariseBatch([]), evaluations: [], written: [], savedSettings: false };
  let items: BatchItem[] = [];
  try {
    const scored = await inTurn(() => readAndScore(job, settings));
    items = scored.items;
    result.savedSettings = scored.savedSettings;
    if (settings.keepEvaluations) result.evaluations = scored.evaluations.map((evaluation) => ({ file: job.label, sheet: evaluation.sheet, evaluation }));
    if (scored.evaluations.length > 0) {
      try {
        if (scored.contents === undefined) throw scored.unmade;
        result.written = await writeOutputs(job, settings, claim, scored.contents, scored.reportNames);
      } catch (error) {
        // The tables were scored and are summed up; only this file's copy and reports are missing.
        items.push({ file: job.label, message: `评分副本和报告均未写出：${reasonOf(job.label, error)}` });
      }
    }
  } catch (error) {
    items = [{ file: job.label, message: reasonOf(job.label, error) }];
  }
  result.summary = summariseBatch(items);
  return result;
}

/** Read, score every sheet with a table, and make the scored copy and the reports in memory. */
async function readAndScore(job: BatchJob, settings: BatchSettings): Promise<ScoredFile> {
  const bytes = readWorkbookFile(job.label);
  const grids = await readWorkbookGrids(bytes);
  const saved = settings.ignoreSavedSettings ? undefined : await readSavedAddinSettings(bytes);
  const sheets = scoreEveryTable(grids, settingsForRun(saved, settings));
  const scored: ScoredFile = { items: itemsOfScoredSheets(job.label, sheets), evaluations: [], reportNames: [], savedSettings: saved !== undefined };
  const plans: WritePlan[] = [];
  for (const sheet of sheets) {
    if (!sheet.outcome.ok) continue;
    scored.evaluations.push(sheet.outcome.evaluation);
    scored.reportNames.push(reportNamePart(sheet));
    plans.push(sheet.outcome.plan);
  }
  if (scored.evaluations.length === 0) return scored;
  try {
    scored.contents = [await scoredCopy(bytes, plans), ...(await renderReports(scored.evaluations, settings))];
  } catch (error) {
    scored.unmade = error;
  }
  return scored;
}

/** The scored copy and the reports of one file, written all or nothing. */
async function writeOutputs(job: BatchJob, settings: BatchSettings, claim: ClaimNames, contents: Uint8Array[], reportNames: string[]): Promise<string[]> {
  const folder = path.dirname(job.relative);
  const name = path.basename(job.relative);
  const copy = path.join(settings.outDir === undefined ? path.dirname(path.resolve(job.label)) : path.join(settings.outDir, folder), scoredCopyName(name));
  const reports =
    settings.reportDir === undefined ? [] : reportFileNames(path.join(settings.reportDir, folder, `${name.replace(/\.xlsx$/i, '')}.docx`), reportNames);
  const files = await claim([copy, ...reports]);
  const outputs: OutputFile[] = files.map((file, i) => ({
    label: i === 0 ? { zh: '评分副本', en: 'the scored copy' } : { zh: '绩效自评报告', en: 'the report' },
    file,
    bytes: contents[i],
  }));
  for (const file of files) mkdirSync(path.dirname(file), { recursive: true });
  await writeAllOrNothing(outputs);
  return files;
}

async function renderReports(evaluations: Evaluation[], settings: BatchSettings): Promise<Uint8Array[]> {
  if (settings.reportDir === undefined) return [];
  // Loaded only when reports are asked for: docx and docxtemplater cost start-up time.
  const { renderReportDocx } = await import('../render/report');
  const { outline, unit, date } = settings.report;
  const reportSettings = { ...(unit ? { unit } : {}), ...(date ? { date } : {}), ...(outline ? { outline: outline as OutlineId } : {}) };
  const out: Uint8Array[] = [];
  for (const evaluation of evaluations) out.push(await renderReportDocx(evaluation, reportSettings, settings.template ? { template: settings.template } : {}));
  return out;
}

const UNEXPECTED =
  '处理该文件时出现意外问题。请确认文件能在 Excel 中正常打开；仍有问题，请把文件发给技术支持（设置环境变量 PERF_SELF_EVAL_DEBUG=1 可显示详细信息）';

/** The file as one entry of 未能评分: the product's reason, or, for a fault of ours, a plain word and the details on request. */
/** The product's reason; anything else is a fault of ours, said as such (and shown in full when debugging). */
function reasonOf(label: string, error: unknown): string {
  if (error instanceof ProductError) return error.zh;
  if (process.env.PERF_SELF_EVAL_DEBUG) console.error(label, error);
  return UNEXPECTED;
}
