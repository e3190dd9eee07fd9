/**
 * perf-self-eval: score 项目支出绩效自评表 workbooks from a terminal.
 * Exit codes: 0 scored (warnings included), 1 wrong usage, 2 unusable input or failed output,
 * 3 a batch ran but some files or sheets could not be scored (batch.ts).
 */
// First: exceljs is loaded without its streams before any module asks for it.
import './exceljs-without-streams';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../app/scoring-run';
import { reportNamePart, tableLabel, type ScoredSheet } from '../app/report-service';
import type { Evaluation } from '../engine/evaluation';
import type { Grid } from '../engine/grid';
import { BUILT_IN_PROFILES, findProfile } from '../engine/rules/profile';
import type { WorkbookSettings } from '../app/ports';
import { readSavedAddinSettings } from '../xlsx/addin-settings';
import { readWorkbookGrids, XlsxInputError } from '../xlsx/file';
import type { WritePlan } from '../engine/write-plan';
import type { OutlineId } from '../engine/report/model';
import { CliError, type FileLabel } from './cli-error';
import { parseCommandLine, type RowJudgement, type ScoreOptions } from './command-line';
import { readTemplateFile, readWorkbookFile } from './input-files';
import { checkOutputPlan, writeAllOrNothing, type NamedFile, type OutputFile } from './output-files';
import { describeFileError, errorCode } from './file-errors';
import { reportFileNames } from './report-files';
import { formatSummary } from './summary';
import { scoredCopyName } from '../report-service/file-name';
import { scoreEveryTable, scoreSheets } from '../report-service/score-file';
import { settingsForRun } from './run-settings';
import { batchCommand, isBatch } from './batch';
import type { Terminal } from './batch-progress';
import { scoredCopy } from '../report-service/workbook-files';

export { CliError } from './cli-error';
export { settingsForRun } from './run-settings';

export const EXAMPLE_WORKBOOK = path.resolve(__dirname, '../../examples/示例-专项资金自评表.xlsx');

const USAGE = `用法 / Usage:
  perf-self-eval score [文件.xlsx] [--sheet 工作表名 | --all] [--profile 规则] [--out 输出.xlsx] [--json 结果.json]
                       [--keep-scores] [--judge 行号=达成|部分达成|未达成[:比例]] [--rebase] [--add-columns]
                       [--ignore-saved-settings]
                       [--report 报告.docx] [--outline 提纲] [--template 模板.docx] [--unit 单位名称] [--date YYYY-MM-DD]
  perf-self-eval score 文件或文件夹… [--summary 汇总.xlsx] [--out-dir 文件夹] [--report-dir 文件夹] [--json 汇总.json]
                       [--profile 规则] [--keep-scores] [--rebase] [--ignore-saved-settings] [--jobs N]
                       [--outline 提纲] [--template 模板.docx] [--unit 单位名称] [--date YYYY-MM-DD]
  perf-self-eval profiles          列出可用的评分规则 / list the rule profiles
  perf-self-eval --version         显示版本 / show the version

  不指定文件时，对内置示例（专项资金自评表）评分。
  工作簿中保存有 Excel 加载项的评分设置时，按这些设置评分（与 Excel 中的结果一致）。
  评分结果写入副本（默认为“原文件名.scored.xlsx”），从不改动原文件。

  --sheet NAME     只评指定工作表（默认：第一张含绩效指标表的工作表）
  --all            评所有含绩效指标表的工作表
  --profile ID     评分规则，默认 mof-2020（见 perf-self-eval profiles）；工作簿保存有
                   Excel 中的评分设置时，只换规则（规则调整不再适用）
  --ignore-saved-settings
                   不用工作簿中保存的评分设置（Excel 加载项保存的规则、调整、人工评定、所选表格）
  --out FILE       评分后副本的保存位置
  --json FILE      另存评分结果（JSON）；与 --all 同用时为数组
  --keep-scores    保留表中已填的得分（视为人工认定得分）
  --judge 行号=达成|部分达成|未达成[:比例]
                   人工评定一行（与 Excel 中“人工评定”相同），可多次使用，如 --judge 15=部分达成:70%；
                   与 --all 同用时写明工作表：--judge 自评表!15=达成
  --rebase         总分折算为百分制（有不适用的指标或缺少资金部分时），不论所选规则
  --add-columns    只有指标值的表：在副本中添加“实际完成值”等待填列
  --report FILE    同时生成绩效自评报告（.docx）
  --outline ID     报告提纲：special-fund（专项资金，默认）、hunan-unit（湖南单位）、yunnan（云南）
  --template FILE  用本单位的 .docx 模板生成报告（可用标签见 docs/report.md）
  --unit NAME      报告落款的单位名称（默认取表中的实施单位）
  --date DATE      报告成文日期，如 2025-06-11（不填则留待填写）

  批量评分（汇总与复核）：给出多个文件或文件夹（含子文件夹中的 .xlsx，跳过 ~$ 开头的临时文件和
  *.scored.xlsx 评分副本），或使用 --summary、--out-dir、--report-dir 之一时，评每个工作簿中所有含自评表的工作表，
  某个文件出错不影响其他文件。
  --summary FILE   汇总表（.xlsx）：汇总、复核差异、偏差未说明、未能评分四张表
  --out-dir DIR    评分副本写入该文件夹（按原文件夹结构存放）；默认写在各原文件旁
  --report-dir DIR 每张表起草一份绩效自评报告，写入该文件夹（按原文件夹结构存放）
  --json FILE      批量时另存汇总结果（JSON）：各表的评分结果及汇总
  --jobs N         同时评分的线程数；默认文件较多（8个及以上）时按处理器核数并行，1 为不并行

  退出码 / Exit codes：0 全部评分；1 命令用法有误；2 文件无法使用或输出无法写入；
  3 批量评分已完成，但有文件或工作表未能评分（见汇总表“未能评分”）`;

function defaultOutput(input: string, bundled: boolean): string {
  const name = scoredCopyName(path.basename(input));
  return bundled ? path.resolve(name) : path.join(path.dirname(input), name);
}

const INPUT: FileLabel = { zh: '原文件', en: 'the input' };
const TEMPLATE: FileLabel = { zh: '报告模板（--template）', en: 'the template (--template)' };
const OUT: FileLabel = { zh: '输出文件（--out）', en: 'the output (--out)' };
const DEFAULT_OUT: FileLabel = { zh: '评分副本', en: 'the scored copy' };
const JSON_OUT: FileLabel = { zh: '结果文件（--json）', en: 'the JSON (--json)' };
const REPORT: FileLabel = { zh: '报告（--report）', en: 'the report (--report)' };
const sheetReport = (sheet: string): FileLabel => ({ zh: `工作表“${sheet}”的报告（--report）`, en: `the report of sheet "${sheet}" (--report)` });

/** The files this run reads, which no output may replace. */
function inputFiles(input: string, options: ScoreOptions): NamedFile[] {
  return [{ label: INPUT, file: input }, ...(options.template === undefined ? [] : [{ label: TEMPLATE, file: options.template }])];
}

/**
 * Each report's file: the --report name for one scored table, one file per table for several
 * (--all): named for its sheet, and for its project too where a sheet holds several tables.
 */
function reportFiles(report: string | undefined, scored: ScoredSheet[]): NamedFile[] {
  if (report === undefined) return [];
  const names = reportFileNames(report, scored.map(reportNamePart)).map((name) => path.resolve(name));
  return names.length === 1 ? [{ label: REPORT, file: names[0] }] : scored.map((s, i) => ({ label: sheetReport(tableLabel(s)), file: names[i] }));
}

/**
 * The sheets to score (the named one, all with a table, or the first with a table), and the names
 * of the other sheets with a table that are left out (only when one was picked as the first of
 * several), which the run points out.
 */
function chooseSheets(grids: Grid[], options: ScoreOptions, settings: WorkbookSettings): { chosen: ScoredSheet[]; others: string[] } {
  // The same scoring as in Excel's pane: saved judgements and table choice per sheet, a stale one falling back.
  if (options.sheet !== undefined) {
    const grid = grids.find((g) => g.sheet === options.sheet);
    if (!grid) {
      const names = grids.map((g) => `“${g.sheet}”`).join('、');
      throw new CliError(`工作簿中没有名为“${options.sheet}”的工作表（现有：${names}）`, `no sheet named "${options.sheet}"`, 2);
    }
    return { chosen: scoreSheets([grid], settings), others: [] };
  }
  const results = options.all ? scoreEveryTable(grids, settings) : scoreSheets(grids, settings);
  const withTable = results.filter((r) => r.outcome.ok || r.outcome.failure !== 'no-table');
  if (withTable.length === 0) {
    throw new CliError('工作簿中未找到绩效指标表（需有“三级指标”“年度指标值”等表头）', 'no indicator table found in the workbook', 2);
  }
  if (options.all) return { chosen: withTable, others: [] };
  const first = firstToScore(withTable, grids);
  return { chosen: [first], others: withTable.filter((r) => r !== first).map((r) => r.name) };
}

/**
 * The sheet scored when none is named: the first that scores among the sheets the user can see (a
 * blank template before the filled one is not it); else the first visible one, so that its failure
 * is the one explained. A hidden sheet only when no visible sheet holds a table.
 */
function firstToScore(withTable: ScoredSheet[], grids: Grid[]): ScoredSheet {
  const visible = withTable.filter((s) => !grids.find((g) => g.sheet === s.name)?.hidden);
  const among = visible.length > 0 ? visible : withTable;
  return among.find((s) => s.outcome.ok) ?? among[0];
}

function profileName(id: string): string {
  const profile = findProfile(id);
  return profile ? `${profile.name}，${profile.id}` : `${id}（未知，按 ${DEFAULT_SETTINGS.profileId}）`;
}

/** Each --judge with the sheet it belongs to: the sheet it names, else the one sheet being scored. */
function judgedSheets(judges: RowJudgement[], chosen: ScoredSheet[], grids: Grid[]): { sheet: string; judge: RowJudgement }[] {
  return judges.map((judge) => {
    if (judge.sheet !== undefined) {
      if (!grids.some((g) => g.sheet === judge.sheet)) {
        throw new CliError(`--judge “${judge.text}”：工作簿中没有名为“${judge.sheet}”的工作表`, `--judge "${judge.text}": no sheet named "${judge.sheet}"`, 1);
      }
      return { sheet: judge.sheet, judge };
    }
    if (new Set(chosen.map((s) => s.name)).size > 1) {
      throw new CliError(
        `评多张表时，--judge 须写明工作表，如 --judge ${chosen[0].name}!${judge.row}=达成`,
        `with several sheets, --judge must name its sheet, e.g. --judge ${chosen[0].name}!${judge.row}=达成`,
        1,
      );
    }
    return { sheet: chosen[0].name, judge };
  });
}

/** A --judge on a row that is no indicator of its scored table (or tables) would be silently ignored: say so. */
function checkJudgedRows(judged: { sheet: string; judge: RowJudgement }[], evaluations: Evaluation[]): void {
  for (const { sheet, judge } of judged) {
    const ofSheet = evaluations.filter((e) => e.sheet === sheet);
    if (ofSheet.length === 0) continue; // a sheet not scored in this run: its judgement is not used
    if (ofSheet.some((evaluation) => evaluation.indicators.some((i) => i.row === judge.row))) continue;
    const rows = ofSheet.flatMap((evaluation) => evaluation.indicators.map((i) => i.row)).sort((a, b) => a - b);
    const range = rows.length > 0 ? `（指标行为第${rows[0]}–${rows[rows.length - 1]}行）` : '';
    throw new CliError(
      `--judge “${judge.text}”：工作表“${sheet}”第${judge.row}行不是指标行${range}`,
      `--judge "${judge.text}": row ${judge.row} of sheet "${sheet}" is not an indicator row`,
      1,
    );
  }
}

/** Scored one sheet of several that hold a table: say the others are there and how to score them. */
function otherSheetsHint(others: string[]): string | undefined {
  if (others.length === 0) return undefined;
  const names = others.map((name) => `“${name}”`).join('、');
  return `工作簿中还有${others.length}张自评表（${names}），可用 --all 全部评分，或用 --sheet 指定`;
}

/** Scored the first of several tables on one sheet: --all scores them all. */
function otherTablesHint(scored: ScoredSheet): string | undefined {
  const count = scored.outcome.tables.length;
  return count > 1 ? `工作表“${scored.name}”中共有${count}张绩效指标表，本次只评了第一张；可用 --all 逐张评分` : undefined;
}

export async function scoreCommand(options: ScoreOptions, print: (line: string) => void): Promise<number> {
  if (options.jobs !== undefined) throw new CliError('--jobs 只用于批量评分（多个文件、文件夹或 --summary）', '--jobs is for a batch only', 1);
  if (options.profile !== undefined && !findProfile(options.profile)) {
    const ids = BUILT_IN_PROFILES.map((p) => p.id).join(', ');
    throw new CliError(`未知的评分规则“${options.profile}”，可用：${ids}`, `unknown profile "${options.profile}"; available: ${ids}`, 1);
  }
  await checkReportOptions(options);
  const bundled = options.file === undefined;
  const input = options.file ?? EXAMPLE_WORKBOOK;
  if (bundled) print(`未指定文件，对内置示例评分：${input}`);
  const original = readWorkbookFile(input);
  const template = options.template === undefined ? undefined : readTemplateFile(options.template);
  const out: NamedFile = { label: options.out === undefined ? DEFAULT_OUT : OUT, file: options.out ?? defaultOutput(input, bundled) };
  const json: NamedFile[] = options.json === undefined ? [] : [{ label: JSON_OUT, file: options.json }];
  // Before any work. Under --all the report names come from the sheets, so they are checked below.
  const oneReport: NamedFile[] = options.report === undefined || options.all ? [] : [{ label: REPORT, file: path.resolve(options.report) }];
  checkOutputPlan(inputFiles(input, options), [out, ...json, ...oneReport]);

  const grids = await readWorkbookGrids(original);
  const saved = options.ignoreSavedSettings ? undefined : await readSavedAddinSettings(original);
  let settings = settingsForRun(saved, options);
  if (saved) {
    const rules =
      settings.profileId === saved.profileId ? profileName(settings.profileId) : `${profileName(settings.profileId)}，按 --profile；保存的规则调整未用`;
    print(`已按工作簿中保存的评分设置评分（规则：${rules}）`);
  }
  let { chosen, others } = chooseSheets(grids, options, settings);
  const judged = judgedSheets(options.judges, chosen, grids);
  if (judged.length > 0) {
    settings = settingsForRun(saved, options, judged);
    ({ chosen, others } = chooseSheets(grids, options, settings));
  }
  const reports = reportFiles(
    options.report,
    chosen.filter(({ outcome }) => outcome.ok),
  );
  checkOutputPlan(inputFiles(input, options), [out, ...json, ...reports]);

  const plans: WritePlan[] = [];
  const evaluations: Evaluation[] = [];
  const lines: string[] = [];
  for (const { name, outcome } of chosen) {
    if (outcome.ok) {
      evaluations.push(outcome.evaluation);
      plans.push(outcome.plan);
      lines.push(formatSummary(outcome.evaluation), '');
    } else if (outcome.failure === 'targets-only' && options.addColumns && outcome.addColumnsPlan) {
      plans.push(outcome.addColumnsPlan);
      lines.push(`工作表“${name}”：表中只有指标值，已在副本中添加待填列，请填写实际完成值后再评分。`);
    } else {
      const hint = outcome.failure === 'targets-only' ? '（可加 --add-columns 在副本中添加待填列）' : '';
      throw new CliError(`工作表“${outcome.sheet}”：${outcome.message}${hint}`, outcome.messageEn, 2);
    }
  }
  const bytes = await scoredCopy(original, plans);
  checkJudgedRows(judged, evaluations);
  if (evaluations.length === 0 && (options.json !== undefined || options.report !== undefined)) {
    // Only columns were added: there is no result to save and nothing to report on.
    const asked = [options.json !== undefined ? '--json' : '', options.report !== undefined ? '--report' : ''].filter(Boolean).join('、');
    throw new CliError(
      `表中只有指标值，尚无评分结果，不能生成 ${asked}。请先用 --add-columns 添加待填列，填写实际完成值后再评分并生成`,
      `the table has targets only, so there is no result for ${asked}; add the columns with --add-columns, fill them in, then score`,
      1,
    );
  }
  for (const line of lines) print(line);
  for (const hint of [options.all ? undefined : otherTablesHint(chosen[0]), otherSheetsHint(others)]) if (hint) print(hint);
  // Every output is built in memory first, then all are written, or none.
  const results = options.all ? evaluations : evaluations[0];
  const jsonFiles = json.map((named) => ({ ...named, bytes: Buffer.from(`${JSON.stringify(results, null, 2)}\n`) }));
  const reportBytes = await renderReports(evaluations, options, template);
  const reportOutputs = reports.map((named, i) => ({ ...named, bytes: reportBytes[i] }));
  const outputs: OutputFile[] = [{ ...out, bytes }, ...jsonFiles, ...reportOutputs];
  await writeAllOrNothing(outputs);
  print(evaluations.length > 0 ? `评分结果已写入：${out.file}` : `已添加待填列的副本已写入：${out.file}`);
  for (const { file } of jsonFiles) print(`评分结果（JSON）已写入：${file}`);
  for (const { file } of reportOutputs) print(`绩效自评报告已写入：${file}`);
  return 0;
}

async function checkReportOptions(options: ScoreOptions): Promise<void> {
  const reportOnly = [options.outline, options.template, options.unit, options.date].some((v) => v !== undefined);
  if (reportOnly && !options.report)
    throw new CliError('--outline、--template、--unit、--date 须与 --report 同用', '--outline, --template, --unit and --date need --report', 1);
  // the report modules are loaded only when a report is asked for, like the renderer below
  const OUTLINE_IDS = options.outline === undefined ? [] : (await import('../engine/report/model')).OUTLINE_IDS;
  if (options.outline !== undefined && !OUTLINE_IDS.includes(options.outline as OutlineId)) {
    throw new CliError(`未知的报告提纲“${options.outline}”，可用：${OUTLINE_IDS.join(', ')}`, `unknown outline "${options.outline}"`, 1);
  }
}

/** One report per evaluation, in order; none without --report. */
async function renderReports(evaluations: Evaluation[], options: ScoreOptions, template: Uint8Array | undefined): Promise<Uint8Array[]> {
  if (options.report === undefined) return [];
  const settings = {
    ...(options.unit ? { unit: options.unit } : {}),
    ...(options.date ? { date: options.date } : {}),
    ...(options.outline ? { outline: options.outline as OutlineId } : {}),
  };
  // Loaded only when a report is asked for: docx and docxtemplater cost start-up time.
  const { renderReportDocx } = await import('../render/report');
  const { ReportError } = await import('../engine/report/errors');
  const reports: Uint8Array[] = [];
  for (const evaluation of evaluations) {
    try {
      reports.push(await renderReportDocx(evaluation, settings, template ? { template } : {}));
    } catch (error) {
      if (error instanceof ReportError) throw new CliError(error.zh, error.en, 2);
      throw error;
    }
  }
  return reports;
}

/** This package's version, from its package.json (dist/cli/ and src/cli/ are both two folders down). */
function version(): string {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * Runs the command. `terminal`: where a batch draws its updating progress line (stderr when it is
 * a terminal); without one, a batch prints one line per file with `printError`.
 */
export async function main(
  argv: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
  terminal: Terminal | undefined = process.stderr.isTTY ? process.stderr : undefined,
): Promise<number> {
  try {
    const { command, options } = parseCommandLine(argv);
    switch (command) {
      case 'score':
        return isBatch(options) ? await batchCommand(options, print, printError, terminal) : await scoreCommand(options, print);
      case 'profiles':
        for (const p of BUILT_IN_PROFILES) print(`${p.id.padEnd(22)}${p.name}`);
        return 0;
      case 'version':
        print(`perf-self-eval ${version()}`);
        return 0;
      case 'help':
        print(USAGE);
        return 0;
    }
  } catch (error) {
    if (error instanceof CliError) {
      printError(`错误：${error.zh} / Error: ${error.en}`);
      if (error.exitCode === 1) printError('运行 perf-self-eval --help 查看全部选项 / run perf-self-eval --help for all options');
      return error.exitCode;
    }
    // A workbook refused while reading it or while writing its scored copy: the message is ready.
    if (error instanceof XlsxInputError) {
      printError(`错误：${error.zh} / Error: ${error.en}`);
      return 2;
    }
    printError(unexpectedFailure(error));
    return 2;
  }
}

/** What went wrong where nothing more specific caught it: the file and a reason in words, never Node's own text. */
function unexpectedFailure(error: unknown): string {
  const file = (error as { path?: unknown } | null)?.path;
  if (errorCode(error) !== undefined && typeof file === 'string') {
    const reason = describeFileError(error, 'read');
    return `错误：无法使用文件“${file}”：${reason.zh} / Error: cannot use "${file}": ${reason.en}`;
  }
  // The details are for whoever supports the user, not for the user: printed only when asked for.
  if (process.env.PERF_SELF_EVAL_DEBUG) console.error(error);
  return (
    '错误：处理文件时出现意外问题。请确认文件能在 Excel 中正常打开；仍有问题，请把文件发给技术支持（设置环境变量 PERF_SELF_EVAL_DEBUG=1 可显示详细信息） / ' +
    'Error: unexpected failure. Check that the file opens in Excel, or send it to support (PERF_SELF_EVAL_DEBUG=1 shows the details)'
  );
}
