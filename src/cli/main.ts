/**
 * perf-self-eval: score 项目支出绩效自评表 workbooks from a terminal.
 * Exit codes: 0 scored (warnings included), 1 wrong usage, 2 unusable input or failed output.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS, previewSheet } from '../app/scoring-run';
import type { EvaluateOutcome } from '../engine/evaluate';
import type { Evaluation } from '../engine/evaluation';
import type { Grid } from '../engine/grid';
import { BUILT_IN_PROFILES, findProfile } from '../engine/rules/profile';
import { withProfile } from '../hosts/settings-format';
import type { WorkbookSettings } from '../hosts/workbook-host';
import { readSavedAddinSettings } from '../hosts/xlsx-addin-settings';
import { applyPlanToXlsx, readWorkbookGrids, XlsxInputError } from '../hosts/xlsx-file';
import type { OutlineId } from '../engine/report/model';
import { CliError, type FileLabel } from './cli-error';
import { readTemplateFile, readWorkbookFile } from './input-files';
import { checkOutputPlan, writeAllOrNothing, type NamedFile, type OutputFile } from './output-files';
import { reportFileNames } from './report-files';
import { formatSummary } from './summary';

export { CliError } from './cli-error';

export const EXAMPLE_WORKBOOK = path.resolve(__dirname, '../../examples/示例-专项资金自评表.xlsx');

const USAGE = `用法 / Usage:
  perf-self-eval score [文件.xlsx] [--sheet 工作表名 | --all] [--profile 规则] [--out 输出.xlsx] [--json 结果.json]
                       [--keep-scores] [--add-columns] [--ignore-saved-settings]
                       [--report 报告.docx] [--outline 提纲] [--template 模板.docx] [--unit 单位名称] [--date YYYY-MM-DD]
  perf-self-eval profiles          列出可用的评分规则 / list the rule profiles

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
  --add-columns    只有指标值的表：在副本中添加“实际完成值”等待填列
  --report FILE    同时生成绩效自评报告（.docx）
  --outline ID     报告提纲：special-fund（专项资金，默认）、hunan-unit（湖南单位）、yunnan（云南）
  --template FILE  用本单位的 .docx 模板生成报告（标签见 README）
  --unit NAME      报告落款的单位名称（默认取表中的实施单位）
  --date DATE      报告成文日期，如 2025-06-11（不填则留待填写）`;

interface ScoreOptions {
  file?: string;
  sheet?: string;
  all: boolean;
  /** Given on the command line: replaces the saved profile. */
  profile?: string;
  ignoreSavedSettings: boolean;
  out?: string;
  json?: string;
  keepScores: boolean;
  addColumns: boolean;
  report?: string;
  outline?: string;
  template?: string;
  unit?: string;
  date?: string;
}

function parseCommandLine(argv: string[]): { command: string; options: ScoreOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: 'string' },
        all: { type: 'boolean', default: false },
        profile: { type: 'string' },
        'ignore-saved-settings': { type: 'boolean', default: false },
        out: { type: 'string' },
        json: { type: 'string' },
        'keep-scores': { type: 'boolean', default: false },
        'add-columns': { type: 'boolean', default: false },
        report: { type: 'string' },
        outline: { type: 'string' },
        template: { type: 'string' },
        unit: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`命令参数有误：${(error as Error).message}`, `invalid arguments: ${(error as Error).message}`, 1);
  }
  const { values, positionals } = parsed;
  const command = values.help ? 'help' : (positionals[0] ?? 'help');
  if (positionals.length > 2) throw new CliError('一次只能指定一个文件', 'give one file at a time', 1);
  if (values.all && values.sheet) throw new CliError('--sheet 与 --all 不能同时使用', '--sheet and --all cannot be combined', 1);
  return {
    command,
    options: {
      file: positionals[1],
      sheet: values.sheet,
      all: values.all ?? false,
      profile: values.profile,
      ignoreSavedSettings: values['ignore-saved-settings'] ?? false,
      out: values.out,
      json: values.json,
      keepScores: values['keep-scores'] ?? false,
      addColumns: values['add-columns'] ?? false,
      report: values.report,
      outline: values.outline,
      template: values.template,
      unit: values.unit,
      date: values.date,
    },
  };
}

function defaultOutput(input: string, bundled: boolean): string {
  const base = path.basename(input).replace(/\.xlsx$/i, '');
  return bundled ? path.resolve(`${base}.scored.xlsx`) : path.join(path.dirname(input), `${base}.scored.xlsx`);
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

/** Each report's file: the --report name for one scored sheet, one file per sheet for several (--all). */
function reportFiles(report: string | undefined, sheets: string[]): NamedFile[] {
  if (report === undefined) return [];
  const names = reportFileNames(report, sheets).map((name) => path.resolve(name));
  return names.length === 1 ? [{ label: REPORT, file: names[0] }] : sheets.map((sheet, i) => ({ label: sheetReport(sheet), file: names[i] }));
}

/** Which sheets to score: the named one, all with a table, or the first with a table. */
function chooseSheets(grids: Grid[], options: ScoreOptions, settings: WorkbookSettings): { grid: Grid; outcome: EvaluateOutcome }[] {
  // The same scoring as in Excel's pane: saved judgements and table choice per sheet, a stale one falling back.
  const evaluate = (grid: Grid) => ({ grid, outcome: previewSheet({ grid, protected: false }, settings) });
  if (options.sheet !== undefined) {
    const grid = grids.find((g) => g.sheet === options.sheet);
    if (!grid) {
      const names = grids.map((g) => `“${g.sheet}”`).join('、');
      throw new CliError(`工作簿中没有名为“${options.sheet}”的工作表（现有：${names}）`, `no sheet named "${options.sheet}"`, 2);
    }
    return [evaluate(grid)];
  }
  const results = grids.map(evaluate);
  const withTable = results.filter((r) => r.outcome.ok || r.outcome.failure !== 'no-table');
  if (withTable.length === 0) {
    throw new CliError('工作簿中未找到绩效指标表（需有“三级指标”“年度指标值”等表头）', 'no indicator table found in the workbook', 2);
  }
  return options.all ? withTable : [withTable[0]];
}

/**
 * The settings to score with: those the Excel add-in saved in the workbook (unless
 * --ignore-saved-settings), with --profile replacing the saved profile and dropping its
 * adjustments, as choosing a profile in Excel's settings panel does; else the defaults with
 * --profile. --keep-scores keeps the scores in the sheet whatever was saved.
 */
export function settingsForRun(saved: WorkbookSettings | undefined, options: Pick<ScoreOptions, 'profile' | 'keepScores'>): WorkbookSettings {
  const base = saved ?? DEFAULT_SETTINGS;
  const settings = options.profile === undefined ? base : withProfile(base, options.profile);
  return options.keepScores ? { ...settings, keepExistingScores: true } : settings;
}

function profileName(id: string): string {
  const profile = findProfile(id);
  return profile ? `${profile.name}，${profile.id}` : `${id}（未知，按 ${DEFAULT_SETTINGS.profileId}）`;
}

export async function scoreCommand(options: ScoreOptions, print: (line: string) => void): Promise<number> {
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
  const settings = settingsForRun(saved, options);
  if (saved) {
    const rules = settings.profileId === saved.profileId ? profileName(settings.profileId) : `${profileName(settings.profileId)}，按 --profile；保存的规则调整未用`;
    print(`已按工作簿中保存的评分设置评分（规则：${rules}）`);
  }
  const chosen = chooseSheets(grids, options, settings);
  const reports = reportFiles(options.report, chosen.flatMap(({ outcome }) => (outcome.ok ? [outcome.evaluation.sheet] : [])));
  checkOutputPlan(inputFiles(input, options), [out, ...json, ...reports]);

  let bytes: Uint8Array = original;
  const evaluations: Evaluation[] = [];
  for (const { grid, outcome } of chosen) {
    if (outcome.ok) {
      evaluations.push(outcome.evaluation);
      bytes = await applyPlanToXlsx(bytes, outcome.plan);
      print(formatSummary(outcome.evaluation));
      print('');
    } else if (outcome.failure === 'targets-only' && options.addColumns && outcome.addColumnsPlan) {
      bytes = await applyPlanToXlsx(bytes, outcome.addColumnsPlan);
      print(`工作表“${grid.sheet}”：已在副本中添加待填列，请填写实际完成值后再评分。`);
    } else {
      const hint = outcome.failure === 'targets-only' ? '（可加 --add-columns 在副本中添加待填列）' : '';
      throw new CliError(`工作表“${outcome.sheet}”：${outcome.message}${hint}`, outcome.messageEn, 2);
    }
  }
  // Every output is built in memory first, then all are written, or none.
  const results = options.all ? evaluations : (evaluations[0] ?? null); // null: columns added, nothing scored
  const jsonFiles = json.map((named) => ({ ...named, bytes: Buffer.from(`${JSON.stringify(results, null, 2)}\n`) }));
  const reportBytes = await renderReports(evaluations, options, template);
  const reportOutputs = reports.map((named, i) => ({ ...named, bytes: reportBytes[i] }));
  const outputs: OutputFile[] = [{ ...out, bytes }, ...jsonFiles, ...reportOutputs];
  writeAllOrNothing(outputs);
  print(`评分结果已写入：${out.file}`);
  for (const { file } of jsonFiles) print(`评分结果（JSON）已写入：${file}`);
  for (const { file } of reportOutputs) print(`绩效自评报告已写入：${file}`);
  return 0;
}

async function checkReportOptions(options: ScoreOptions): Promise<void> {
  const reportOnly = [options.outline, options.template, options.unit, options.date].some((v) => v !== undefined);
  if (reportOnly && !options.report) throw new CliError('--outline、--template、--unit、--date 须与 --report 同用', '--outline, --template, --unit and --date need --report', 1);
  // the report modules are loaded only when a report is asked for, like the renderer below
  const OUTLINE_IDS = options.outline === undefined ? [] : (await import('../engine/report/model')).OUTLINE_IDS;
  if (options.outline !== undefined && !OUTLINE_IDS.includes(options.outline as OutlineId)) {
    throw new CliError(`未知的报告提纲“${options.outline}”，可用：${OUTLINE_IDS.join(', ')}`, `unknown outline "${options.outline}"`, 1);
  }
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    throw new CliError(`日期“${options.date}”格式不对，应写成 2025-06-11`, `the date "${options.date}" must look like 2025-06-11`, 1);
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
      if (error instanceof ReportError) throw new CliError(error.messageZh, error.messageEn, 2);
      throw error;
    }
  }
  return reports;
}

export async function main(argv: string[], print: (line: string) => void = console.log, printError: (line: string) => void = console.error): Promise<number> {
  try {
    const { command, options } = parseCommandLine(argv);
    switch (command) {
      case 'score':
        return await scoreCommand(options, print);
      case 'profiles':
        for (const p of BUILT_IN_PROFILES) print(`${p.id.padEnd(22)}${p.name}`);
        return 0;
      case 'help':
        print(USAGE);
        return 0;
      default:
        throw new CliError(`未知的命令“${command}”`, `unknown command "${command}"`, 1);
    }
  } catch (error) {
    if (error instanceof CliError) {
      printError(`错误：${error.zh} / Error: ${error.en}`);
      if (error.exitCode === 1) printError(USAGE);
      return error.exitCode;
    }
    // A workbook refused while reading it or while writing its scored copy: the message is ready.
    if (error instanceof XlsxInputError) {
      const [zh, en] = error.message.split(' / ');
      printError(`错误：${zh} / Error: ${en ?? zh}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    printError(`错误：处理文件时出现意外问题（${message}） / Error: unexpected failure (${message})`);
    return 2;
  }
}
