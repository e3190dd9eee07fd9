/**
 * What the user typed, read and checked before any file is opened: a mistyped option, a date that
 * is not on the calendar or a malformed --judge is a usage error (exit 1) with one bilingual line.
 */
import { parseArgs } from 'node:util';
import type { QualitativeTier } from '../engine/parse/measure-types';
import type { Judgement } from '../engine/score/score-indicator';
import { CliError } from './cli-error';

export interface ScoreOptions {
  file?: string;
  /** Every file or folder named (file is the first); several, or a folder, mean a batch. */
  files: string[];
  /** Batch: the summary workbook (汇总、复核差异、偏差未说明、未能评分). */
  summary?: string;
  /** Batch: where the scored copies go (default: beside each file). */
  outDir?: string;
  /** Batch: where the reports go (none without it). */
  reportDir?: string;
  /** Batch: 1 scores in this thread; more, in that many worker threads; undefined, as the batch's size suggests. */
  jobs?: number;
  sheet?: string;
  all: boolean;
  /** Given on the command line: replaces the saved profile. */
  profile?: string;
  ignoreSavedSettings: boolean;
  out?: string;
  json?: string;
  keepScores: boolean;
  addColumns: boolean;
  /** 折算百分制 whatever the profile says. */
  rebase: boolean;
  judges: RowJudgement[];
  report?: string;
  outline?: string;
  template?: string;
  unit?: string;
  date?: string;
}

/** One --judge: the pane's 人工评定 of a row, typed as 15=部分达成:70%. */
export interface RowJudgement {
  /** The sheet named before "!", if any. */
  sheet?: string;
  row: number;
  judgement: Judgement;
  /** As typed, for messages. */
  text: string;
}

export type Command = 'score' | 'profiles' | 'help' | 'version';

const OPTIONS = {
  sheet: { type: 'string' },
  all: { type: 'boolean', default: false },
  profile: { type: 'string' },
  'ignore-saved-settings': { type: 'boolean', default: false },
  out: { type: 'string' },
  json: { type: 'string' },
  'keep-scores': { type: 'boolean', default: false },
  'add-columns': { type: 'boolean', default: false },
  rebase: { type: 'boolean', default: false },
  judge: { type: 'string', multiple: true },
  report: { type: 'string' },
  outline: { type: 'string' },
  template: { type: 'string' },
  unit: { type: 'string' },
  date: { type: 'string' },
  summary: { type: 'string' },
  'out-dir': { type: 'string' },
  'report-dir': { type: 'string' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

const COMMANDS: Command[] = ['score', 'profiles', 'help', 'version'];

/** Spellings people reach for from other tools. */
const OPTION_ALIASES: Record<string, string> = {
  '-o': '--out',
  '--output': '--out',
  '-s': '--sheet',
  '-p': '--profile',
  '-r': '--report',
  '-j': '--json',
  '--keep': '--keep-scores',
  '--ver': '--version',
};

export function parseCommandLine(argv: string[]): { command: Command; options: ScoreOptions } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw usageErrorFrom(error as Error & { code?: string });
  }
  const { values, positionals } = parsed;
  let [first, ...files] = positionals;
  // "perf-self-eval 文件.xlsx" means "score 文件.xlsx": the command word is easy to forget.
  if (first !== undefined && /\.xls[xm]?$/i.test(first)) {
    files = [first, ...files];
    first = 'score';
  }
  const command = values.version ? 'version' : values.help ? 'help' : (first ?? 'help');
  if (!COMMANDS.includes(command as Command)) {
    const near = closest(command, COMMANDS);
    throw new CliError(
      `没有“${command}”这个命令${near ? `，您是不是要用 ${near}？` : ''}（可用：score、profiles）`,
      `unknown command "${command}"${near ? `; did you mean ${near}?` : ''}`,
      1,
    );
  }
  if (values.all && values.sheet !== undefined) throw new CliError('--sheet 与 --all 不能同时使用', '--sheet and --all cannot be combined', 1);
  if (values.date !== undefined) checkDate(values.date);
  const judges = (values.judge ?? []).map(parseJudge);
  const rows = judges.map((j) => `${j.sheet ?? ''}!${j.row}`);
  const twice = rows.find((key, i) => rows.indexOf(key) !== i);
  if (twice !== undefined) throw new CliError(`--judge 对第${twice.split('!')[1]}行给了两次`, `--judge names row ${twice.split('!')[1]} twice`, 1);
  const jobs = values.jobs === undefined ? undefined : parseJobs(values.jobs);
  return {
    command: command as Command,
    options: {
      file: files[0],
      files,
      summary: values.summary,
      outDir: values['out-dir'],
      reportDir: values['report-dir'],
      jobs,
      sheet: values.sheet,
      all: values.all ?? false,
      profile: values.profile,
      ignoreSavedSettings: values['ignore-saved-settings'] ?? false,
      out: values.out,
      json: values.json,
      keepScores: values['keep-scores'] ?? false,
      addColumns: values['add-columns'] ?? false,
      rebase: values.rebase ?? false,
      judges,
      report: values.report,
      outline: values.outline,
      template: values.template,
      unit: values.unit,
      date: values.date,
    },
  };
}

/** Node's parser speaks English and quotes oddly: say it in our words, with the option the user probably meant. */
function usageErrorFrom(error: Error & { code?: string }): CliError {
  const option = /'(-{1,2}[^'\s<]+)/.exec(error.message)?.[1] ?? '';
  const known = Object.keys(OPTIONS).map((name) => `--${name}`);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = OPTION_ALIASES[option] ?? closest(option, known);
    return new CliError(
      `不认识的选项 ${option}${near ? `，您是不是要用 ${near}？` : ''}`,
      `unknown option ${option}${near ? `; did you mean ${near}?` : ''}`,
      1,
    );
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new CliError(`选项 ${option} 后面要写上内容，如 ${option} ${EXAMPLE_VALUE[option] ?? '…'}`, `option ${option} needs a value`, 1);
  }
  return new CliError('命令参数有误', 'invalid arguments', 1);
}

const EXAMPLE_VALUE: Record<string, string> = {
  '--sheet': '自评表',
  '--profile': 'mof-2020',
  '--out': '结果.xlsx',
  '--json': '结果.json',
  '--judge': '15=达成',
  '--report': '报告.docx',
  '--outline': 'special-fund',
  '--template': '模板.docx',
  '--unit': '某某局',
  '--date': '2025-06-11',
  '--summary': '汇总.xlsx',
  '--out-dir': '评分副本',
  '--report-dir': '自评报告',
  '--jobs': '4',
};

/** --jobs N: a whole number of threads, 1 to 64. */
function parseJobs(text: string): number {
  const jobs = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(jobs >= 1 && jobs <= 64)) throw new CliError(`--jobs “${text}”应为1到64之间的整数`, `--jobs "${text}" must be a whole number from 1 to 64`, 1);
  return jobs;
}

/** The known word within two edits of what was typed, or that begins with it. */
export function closest(typed: string, known: readonly string[]): string | undefined {
  if (typed.length < 2) return undefined;
  const prefixed = known.filter((k) => k.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = editDistance(typed, word);
    if (distance <= 2 && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A date the report can print: written 2025-06-11 and on the calendar (no 2025-02-30). */
function checkDate(text: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new CliError(`日期“${text}”格式不对，应写成 2025-06-11`, `the date "${text}" must look like 2025-06-11`, 1);
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new CliError(`日期“${text}”不存在（${year}年没有${month}月${day}日），请改正`, `the date "${text}" is not on the calendar`, 1);
  }
}

const TIERS: Record<string, QualitativeTier> = {
  达成: 'achieved',
  已达成: 'achieved',
  部分达成: 'partial',
  未达成: 'failed',
  achieved: 'achieved',
  partial: 'partial',
  failed: 'failed',
};

/** "15=达成", "15=部分达成:70%", "自评表!15=未达成:0.3". */
export function parseJudge(text: string): RowJudgement {
  const match = /^(?:(.+)!)?\s*(\d+)\s*[=＝]\s*([^:：]+?)\s*(?:[:：]\s*(.+))?$/.exec(text.trim());
  const tier = match ? TIERS[match[3]] : undefined;
  if (!match || tier === undefined) {
    throw new CliError(
      `--judge “${text}”写法不对，应写成“行号=达成”“行号=部分达成:70%”或“行号=未达成”`,
      `--judge "${text}" must look like 15=达成, 15=部分达成:70% or 15=未达成`,
      1,
    );
  }
  const row = Number(match[2]);
  if (row < 1) throw new CliError(`--judge “${text}”的行号应从1起`, `--judge "${text}": rows start at 1`, 1);
  const judgement: Judgement = match[4] === undefined ? { tier } : { tier, share: shareOf(match[4], text) };
  return { ...(match[1] ? { sheet: match[1] } : {}), row, judgement, text };
}

/** "70%", "70" or "0.7": the share of the row's points the judgement gives. */
function shareOf(typed: string, whole: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(%|％)?$/.exec(typed.trim());
  const value = match ? Number(match[1]) : NaN;
  const share = match?.[2] || value > 1 ? value / 100 : value;
  if (!match || !(share >= 0 && share <= 1)) {
    throw new CliError(`--judge “${whole}”的比例“${typed}”应在0到100%之间`, `--judge "${whole}": the share "${typed}" must be between 0 and 100%`, 1);
  }
  return share;
}
