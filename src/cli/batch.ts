/**
 * 汇总与复核 from the command line: `score 文件或文件夹… --summary 汇总.xlsx [--out-dir 文件夹]
 * [--report-dir 文件夹] [--json 汇总.json]`. Every workbook found is scored as `score --all` scores
 * one (every sheet with a table, the settings saved in the file honoured); its scored copy (and
 * reports) are written as it is done; one bad file goes to 未能评分 and the batch goes on. The
 * summary workbook is written last.
 *
 * Many files are scored across cores, in worker threads running dist/cli/batch-worker.js; each
 * worker reads, scores and writes its own files and sends back only the file's part of the summary,
 * so that memory stays flat however many files there are (the Evaluations are kept only for --json).
 *
 * Exit codes: 0 every file scored; 3 the batch ran but some files or sheets could not be scored or
 * written (listed in 未能评分); 1 and 2 as for one file, before any file is scored (usage; an input
 * path that does not exist, an output that cannot be written), or 2 when the summary cannot be written.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeSummaries, summariseBatch, SUMMARY_MONEY_UNIT, type BatchSummary } from '../app/batch-summary';
import { findProfile, BUILT_IN_PROFILES } from '../engine/rules/profile';
import { formatNumber, percentText } from '../engine/messages';
import { streamSummaryWorkbook } from '../xlsx/summary-stream';
import { oneAtATime, scoreBatchFile, type BatchJob, type BatchSettings, type FileEvaluation, type FileResult } from './batch-file';
import { findBatchInputs, identity, type BatchInputs, type SkippedFiles } from './batch-inputs';
import { BatchProgress, type Terminal } from './batch-progress';
import type { FromWorker, ToWorker } from './batch-worker';
import { CliError, type FileLabel } from './cli-error';
import type { ScoreOptions } from './command-line';
import { readTemplateFile } from './input-files';
import { checkOutputPlan, writeAllOrNothing, type NamedFile } from './output-files';
import { describeFileError } from './file-errors';

/** Some files or sheets could not be scored (or their outputs written): the summary lists them under 未能评分. */
export const EXIT_SOME_FAILED = 3;

/** From this many files up, and with more than one CPU, the batch is scored in worker threads. */
export const WORKERS_FROM = 8;
const MAX_WORKERS = 8;
/** Each worker should get a few files at least, or starting it costs more than it saves. */
const FILES_PER_WORKER = 4;

/** The compiled worker; absent when the command runs from its TypeScript sources (the tests), which then score in this thread. */
const WORKER_SCRIPT = path.join(__dirname, 'batch-worker.js');

/** Options of one file that mean nothing for a batch, and what to use instead. */
const SINGLE_FILE_ONLY: { key: keyof ScoreOptions; option: string; instead: string; insteadEn: string }[] = [
  { key: 'sheet', option: '--sheet', instead: '批量评分时评每个工作簿中所有含自评表的工作表', insteadEn: 'a batch scores every sheet with a table' },
  { key: 'out', option: '--out', instead: '请用 --out-dir 指定评分副本所在的文件夹', insteadEn: 'use --out-dir for the folder of the scored copies' },
  { key: 'report', option: '--report', instead: '请用 --report-dir 指定报告所在的文件夹', insteadEn: 'use --report-dir for the folder of the reports' },
  { key: 'judges', option: '--judge', instead: '行号只对一张表有意义，请逐个文件评定', insteadEn: 'a row number means one table; judge file by file' },
  { key: 'addColumns', option: '--add-columns', instead: '请逐个文件添加待填列', insteadEn: 'add the columns file by file' },
];

/** A batch: several inputs, a folder, or an option only a batch has. */
export function isBatch(options: ScoreOptions): boolean {
  if (options.files.length > 1 || options.summary !== undefined || options.outDir !== undefined || options.reportDir !== undefined) return true;
  const [only] = options.files;
  try {
    return only !== undefined && statSync(only).isDirectory();
  } catch {
    return false; // the single-file command says what is wrong with it
  }
}

const SUMMARY: FileLabel = { zh: '汇总表（--summary）', en: 'the summary (--summary)' };
const JSON_OUT: FileLabel = { zh: '结果文件（--json）', en: 'the JSON (--json)' };
const INPUT: FileLabel = { zh: '原文件', en: 'an input' };
const TEMPLATE: FileLabel = { zh: '报告模板（--template）', en: 'the template (--template)' };

export async function batchCommand(
  options: ScoreOptions,
  print: (line: string) => void,
  printError: (line: string) => void,
  terminal: Terminal | undefined,
): Promise<number> {
  checkBatchOptions(options);
  const outputs = [options.summary, options.json].filter((f): f is string => f !== undefined);
  const inputs = findBatchInputs(options.files, outputs);
  if (inputs.files.length === 0) {
    throw new CliError(
      // Only folders can come up empty: a file named is always taken.
      `文件夹${options.files.map((f) => `“${f}”`).join('、')}中没有找到 .xlsx 工作簿${skippedText(inputs.skipped, '（', '）')}`,
      `no .xlsx workbook found in the folder ${options.files.join(', ')}`,
      2,
    );
  }
  const template = options.template === undefined ? undefined : readTemplateFile(options.template);
  const named: NamedFile[] = [
    ...inputs.files.map((f) => ({ label: INPUT, file: f.label })),
    ...(options.template === undefined ? [] : [{ label: TEMPLATE, file: options.template }]),
  ];
  const summaryFile = options.summary === undefined ? [] : [{ label: SUMMARY, file: options.summary }];
  const jsonFile = options.json === undefined ? [] : [{ label: JSON_OUT, file: options.json }];
  checkOutputPlan(named, [...summaryFile, ...jsonFile]);
  const settings: BatchSettings = {
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    keepScores: options.keepScores,
    rebase: options.rebase,
    ignoreSavedSettings: options.ignoreSavedSettings,
    ...(options.outDir === undefined ? {} : { outDir: makeFolder(options.outDir, '--out-dir') }),
    ...(options.reportDir === undefined ? {} : { reportDir: makeFolder(options.reportDir, '--report-dir') }),
    report: { outline: options.outline, unit: options.unit, date: options.date },
    ...(template === undefined ? {} : { template }),
    keepEvaluations: options.json !== undefined,
  };
  const names = new OutputNames(
    [...inputs.files.map((f) => f.file), ...(options.template === undefined ? [] : [path.resolve(options.template)])],
    [...summaryFile, ...jsonFile].map((f) => path.resolve(f.file)),
  );

  const jobs: BatchJob[] = inputs.files.map((f, index) => ({ index, label: f.label, relative: f.relative }));
  const progress = new BatchProgress(jobs.length, terminal, printError);
  const parts: BatchSummary[] = new Array(jobs.length);
  const evaluations: FileEvaluation[][] = new Array(jobs.length);
  let savedSettings = 0;
  let copies = 0;
  let reports = 0;
  const onResult = (result: FileResult) => {
    parts[result.index] = result.summary;
    evaluations[result.index] = result.evaluations;
    if (result.written.length > 0) copies++;
    reports += Math.max(0, result.written.length - 1);
    if (result.savedSettings) savedSettings++;
    progress.finished(result);
  };
  progress.start();
  const count = workerCount(options.jobs, jobs.length);
  try {
    const claim = async (files: string[]) => names.claim(files);
    if (count > 0) await runInWorkers(jobs, settings, count, claim, onResult);
    else await runInThisThread(jobs, settings, claim, onResult);
  } finally {
    progress.end();
  }

  const summary = mergeSummaries(parts);
  const files: { file: string; bytes: Uint8Array }[] = [];
  if (options.summary !== undefined) files.push({ file: options.summary, bytes: await streamSummaryWorkbook(summary) });
  if (options.json !== undefined) {
    const json = { files: jobs.length, evaluations: evaluations.flat(), summary };
    files.push({ file: options.json, bytes: Buffer.from(`${JSON.stringify(json, null, 2)}\n`) });
  }
  await writeAllOrNothing(files.map((f) => ({ ...f, label: f.file === options.summary ? SUMMARY : JSON_OUT })));

  for (const line of finalLines(summary, inputs, { savedSettings, copies, reports, options, count })) print(line);
  return summary.failures.length > 0 ? EXIT_SOME_FAILED : 0;
}

function checkBatchOptions(options: ScoreOptions): void {
  for (const { key, option, instead, insteadEn } of SINGLE_FILE_ONLY) {
    const value = options[key];
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
    throw new CliError(
      `批量评分（多个文件、文件夹，或 --summary、--out-dir、--report-dir）时不能用 ${option}：${instead}`,
      `${option} cannot be used in a batch: ${insteadEn}`,
      1,
    );
  }
  if (options.profile !== undefined && !findProfile(options.profile)) {
    const ids = BUILT_IN_PROFILES.map((p) => p.id).join(', ');
    throw new CliError(`未知的评分规则“${options.profile}”，可用：${ids}`, `unknown profile "${options.profile}"; available: ${ids}`, 1);
  }
  const reportOnly = [options.outline, options.template, options.unit, options.date].some((v) => v !== undefined);
  if (reportOnly && options.reportDir === undefined) {
    throw new CliError(
      '批量评分时，--outline、--template、--unit、--date 须与 --report-dir 同用',
      'in a batch, --outline, --template, --unit and --date need --report-dir',
      1,
    );
  }
}

/** The folder for --out-dir or --report-dir, made when missing; refused before any work when it cannot be. */
function makeFolder(folder: string, option: string): string {
  const absolute = path.resolve(folder);
  try {
    mkdirSync(absolute, { recursive: true });
    if (!statSync(absolute).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    const reason = describeFileError(error, 'write');
    throw new CliError(`无法使用文件夹“${folder}”（${option}）：${reason.zh}`, `cannot use the folder "${folder}" (${option}): ${reason.en}`, 2);
  }
  return absolute;
}

/**
 * Worker threads pay only with CPUs to spare. On a machine with two (npm run bench, 1,000 workbooks)
 * two workers took 4.9 s and half as much CPU time again as one thread, which took 4.2 s: reading
 * workbooks is bound by memory more than by arithmetic there (two separate processes merely loading
 * the files with exceljs finished only 15 % sooner than one). So workers start from three CPUs.
 */
export const WORKERS_FROM_CPUS = 3;

/** 0: score in this thread. Otherwise the number of worker threads. */
function workerCount(jobs: number | undefined, files: number): number {
  if (!existsSync(WORKER_SCRIPT)) return 0;
  if (jobs !== undefined) return jobs === 1 ? 0 : Math.min(jobs, files);
  const cpus = availableParallelism();
  if (files < WORKERS_FROM || cpus < WORKERS_FROM_CPUS) return 0;
  return Math.min(cpus, MAX_WORKERS, Math.ceil(files / FILES_PER_WORKER));
}

/**
 * Files each thread has in hand: one is read and scored at a time (oneAtATime), while the outputs of
 * the others are being written and synced to the disk by Node's own I/O threads. On this machine's
 * disk four took 1,000 workbooks about 0.5 s sooner than two (3.5–4.1 s against 4.4–4.7 s); the
 * memory they add is three files' outputs, not three workbooks being read.
 */
const FILES_IN_HAND = 4;

/** The jobs in this thread, FILES_IN_HAND at a time. */
async function runInThisThread(
  jobs: BatchJob[],
  settings: BatchSettings,
  claim: (files: string[]) => Promise<string[]>,
  onResult: (result: FileResult) => void,
): Promise<void> {
  let next = 0;
  const inTurn = oneAtATime();
  const lane = async () => {
    while (next < jobs.length) onResult(await scoreBatchFile(jobs[next++], settings, claim, inTurn));
  };
  await Promise.all(Array.from({ length: FILES_IN_HAND }, lane));
}

/**
 * The jobs shared among `count` workers, FILES_IN_HAND at a time each. A worker that dies (out of
 * memory on a monstrous file) takes only the files in its hands with it: they go to 未能评分, and
 * another worker takes its place while files remain.
 */
function runInWorkers(
  jobs: BatchJob[],
  settings: BatchSettings,
  count: number,
  claim: (files: string[]) => Promise<string[]>,
  onResult: (result: FileResult) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    let finished = 0;
    let running = 0;
    const start = () => {
      const worker = new Worker(WORKER_SCRIPT, { workerData: settings });
      running++;
      const inHand = new Map<number, BatchJob>();
      let over = false;
      const give = () => {
        if (next < jobs.length) {
          const job = jobs[next++];
          inHand.set(job.index, job);
          worker.postMessage({ type: 'job', job } satisfies ToWorker);
        } else if (inHand.size === 0) {
          over = true;
          void worker.terminate();
        }
      };
      const lost = () => {
        if (over) return;
        over = true;
        for (const job of inHand.values()) {
          onResult(lostFile(job));
          finished++;
        }
        inHand.clear();
        if (next < jobs.length) start();
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'claim') {
          void claim(message.files).then((files) => worker.postMessage({ type: 'claimed', id: message.id, files } satisfies ToWorker));
          return;
        }
        inHand.delete(message.result.index);
        onResult(message.result);
        finished++;
        give();
      });
      worker.on('error', (error) => {
        if (process.env.PERF_SELF_EVAL_DEBUG) console.error(error);
        lost();
      });
      worker.on('exit', () => {
        lost();
        running--;
        if (running === 0 && finished === jobs.length) resolve();
      });
      for (let i = 0; i < FILES_IN_HAND; i++) give();
    };
    for (let i = 0; i < count; i++) start();
  });
}

function lostFile(job: BatchJob): FileResult {
  return {
    index: job.index,
    label: job.label,
    summary: summariseBatch([{ file: job.label, message: '评分线程在处理该文件时意外中止（文件可能过大或已损坏）' }]),
    evaluations: [],
    written: [],
    savedSettings: false,
  };
}

/**
 * Output names of the run: each is reserved once, and a name that is an input (by path, link or
 * hard link) or another output of the run gets a number, “名称 (2).scored.xlsx”, so that nothing is
 * written over an input or over another file's output.
 */
export class OutputNames {
  private readonly taken = new Set<string>();
  private readonly inodes = new Set<string>();

  constructor(inputs: string[], reserved: string[]) {
    for (const file of inputs) {
      this.taken.add(identity(file));
      const inode = inodeOf(file);
      if (inode) this.inodes.add(inode);
    }
    for (const file of reserved) this.taken.add(identity(file));
  }

  claim(files: string[]): string[] {
    return files.map((file) => {
      for (let n = 1; ; n++) {
        const candidate = n === 1 ? file : numbered(file, n);
        const key = identity(candidate);
        const inode = inodeOf(candidate);
        if (this.taken.has(key) || (inode !== undefined && this.inodes.has(inode))) continue;
        this.taken.add(key);
        return candidate;
      }
    });
  }
}

function inodeOf(file: string): string | undefined {
  try {
    const stats = statSync(file, { bigint: true });
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/** “名称 (2).scored.xlsx”, “报告 (2).docx”. */
export function numbered(file: string, n: number): string {
  const ext = /\.scored\.xlsx$/i.exec(file)?.[0] ?? path.extname(file);
  return `${file.slice(0, file.length - ext.length)} (${n})${ext}`;
}

/** What was skipped in the folders, in words; empty when nothing was. */
function skippedText(skipped: SkippedFiles, open = '', close = ''): string {
  const parts = [
    skipped.locks > 0 ? `Excel 临时文件（~$ 开头）${skipped.locks}个` : '',
    skipped.scoredCopies > 0 ? `评分副本（*.scored.xlsx）${skipped.scoredCopies}个` : '',
    skipped.repeated > 0 ? `重复指定的文件${skipped.repeated}个` : '',
    skipped.outputs > 0 ? `本次输出的汇总文件${skipped.outputs}个` : '',
  ].filter(Boolean);
  return parts.length === 0 ? '' : `${open}已跳过：${parts.join('、')}${close}`;
}

/** How many of the failures to list on screen; all are in the summary workbook. */
const FAILURES_LISTED = 20;

function finalLines(
  summary: BatchSummary,
  inputs: BatchInputs,
  run: { savedSettings: number; copies: number; reports: number; options: ScoreOptions; count: number },
): string[] {
  const { tables, totals, differences, unexplained, failures } = summary;
  const lines: string[] = [];
  const threads = run.count > 0 ? `（${run.count}个线程并行）` : '';
  lines.push(`共${inputs.files.length}个工作簿${threads}：已评分${tables.length}张表，未能评分${failures.length}项`);
  const skipped = skippedText(inputs.skipped);
  if (skipped) lines.push(`${skipped}。`);
  if (run.savedSettings > 0) lines.push(`其中${run.savedSettings}个工作簿按其中保存的评分设置评分（Excel 加载项中所做的设置）`);
  if (tables.length > 0) {
    const money = (v: number | undefined) => (v === undefined ? '—' : `${formatNumber(v)}${SUMMARY_MONEY_UNIT}`);
    const rate = totals.rate === undefined ? '无法计算' : percentText(totals.rate);
    lines.push(`合计：全年预算数${money(totals.budget)}，全年执行数${money(totals.executed)}，执行率${rate}`);
    const grades = new Map<string, number>();
    for (const t of tables) grades.set(t.grade, (grades.get(t.grade) ?? 0) + 1);
    lines.push(`等级：${[...grades].map(([grade, n]) => `${grade}${n}张`).join('、')}`);
    lines.push(
      `指标：达标${totals.met}、超额${totals.exceeded}、未达标${totals.unmet}、待评定${totals.pending}、无法识别${totals.unreadable}；` +
        `复核差异${differences.length}行，偏差未说明${unexplained.length}行`,
    );
  }
  if (failures.length > 0) {
    lines.push('未能评分：');
    for (const f of failures.slice(0, FAILURES_LISTED)) lines.push(`  ${f.file}${f.sheet ? `（工作表“${f.sheet}”）` : ''}：${f.message}`);
    if (failures.length > FAILURES_LISTED) lines.push(`  ……另有${failures.length - FAILURES_LISTED}项，见汇总表的“未能评分”`);
  }
  const { options } = run;
  if (run.copies > 0)
    lines.push(`评分副本${run.copies}份已写入：${options.outDir === undefined ? '各原文件所在文件夹（原文件名.scored.xlsx）' : options.outDir}`);
  if (run.reports > 0) lines.push(`绩效自评报告${run.reports}份已写入：${options.reportDir}`);
  if (options.summary !== undefined) lines.push(`汇总表已写入：${options.summary}`);
  if (options.json !== undefined) lines.push(`汇总结果（JSON）已写入：${options.json}`);
  return lines;
}
