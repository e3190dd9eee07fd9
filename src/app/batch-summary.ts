/**
 * The summary of many scored tables (汇总与复核): what a department needs to sum up its projects
 * (部门汇总) and what a finance bureau needs to find the self-evaluations that do not follow the
 * rules (财政复核). Pure data, built from the engine's results only: the command line, the 网页版
 * and the add-in's 评分汇总 sheet all show the same figures; summary-sheets.ts lays them out.
 *
 * Status counts, from the engine's IndicatorStatus (engine/evaluation.ts):
 *   达标   met                 (score-only form: 满分)
 *   超额   exceeded            (well over target: the rules ask for a reason)
 *   未达标 unmet               (score-only form: 扣分)
 *   待评定 needs-judgement, missing-actual (the rules leave the row open until someone judges it
 *          or fills in the actual; score-only form: no score entered)
 *   无法识别 unreadable        (target or actual cannot be read; score-only form: score out of range)
 *   not-applicable rows carry no weight and are not counted.
 *
 * Money is summed in 万元: tables are kept in 元 or 万元 (sometimes 亿元), and a sum of mixed units
 * means nothing. The overall 执行率 is the sum executed over the sum budgeted, of the tables that
 * have both, never an average of rates: a 10万元 project must not weigh as much as a 1000万元 one.
 */
import { isUnsettled, needsDeviationNote, type Evaluation, type IndicatorResult, type IndicatorStatus, type Problem } from '../engine/evaluation';
import type { EvaluateOutcome } from '../engine/evaluate';
import { rowReason } from '../engine/labels';
import { formatNumber } from '../engine/messages';
import { convertMoney } from '../engine/money-text';
import { round2 } from '../engine/score/round';

/** One sheet that was scored (or that the engine refused: it goes to 未能评分 with its message). */
export interface TableResult {
  /** The file as the user should recognise it: a display name or a path. */
  file: string;
  sheet: string;
  outcome: EvaluateOutcome;
}

/** A file (or one sheet of it) that could not be read at all: damaged, encrypted, no table… */
export interface UnreadFile {
  file: string;
  sheet?: string;
  message: string;
}

export type BatchItem = TableResult | UnreadFile;

/** The money unit of the summary. */
export const SUMMARY_MONEY_UNIT = '万元';

/** How many problems a 汇总 row quotes; all are counted. */
export const PROBLEMS_QUOTED = 3;

export type StatusBucket = 'met' | 'exceeded' | 'unmet' | 'pending' | 'unreadable';

const BUCKET: Record<IndicatorStatus, StatusBucket | undefined> = {
  met: 'met',
  exceeded: 'exceeded',
  unmet: 'unmet',
  'needs-judgement': 'pending',
  'missing-actual': 'pending',
  unreadable: 'unreadable',
  'not-applicable': undefined,
};

export type StatusCounts = Record<StatusBucket, number>;

/**
 * Where a grade stands among its profile's bands, so that 优/优秀, 良/良好/优良, 中, 差/不合格 are
 * coloured alike whatever a region calls them: the first band is top, the last bottom.
 */
export type GradeTier = 'top' | 'upper' | 'middle' | 'bottom';

/** One row of 汇总: one table. Money in 万元; rates as fractions. */
export type TableRow = StatusCounts & {
  index: number;
  file: string;
  sheet: string;
  department?: string;
  unit?: string;
  project?: string;
  year?: number;
  budget?: number;
  executed?: number;
  rate?: number;
  fundsScore?: number;
  /** The unit's own total, as entered on the sheet. */
  enteredTotal?: number;
  totalScore: number;
  totalMax: number;
  /** enteredTotal − totalScore: above 0, the unit scored itself higher than the rules do. */
  difference?: number;
  grade: string;
  gradeTier: GradeTier;
  /** True while rows wait for a judgement or data: the total and grade are provisional. */
  provisional: boolean;
  problemCount: number;
  /** The first few errors and warnings, each naming its cell ("E15：…"), errors first; the rest counted. */
  problems: string;
};

/** The bottom row of 汇总: sums where a sum means something. */
export type TotalsRow = StatusCounts & {
  label: string;
  tables: number;
  budget?: number;
  executed?: number;
  /** Σ executed ÷ Σ budget over the tables that have both. */
  rate?: number;
};

/** What 复核差异 and 偏差未说明 both say of an indicator row: where it is and what it measures. */
export type IndicatorPlace = {
  file: string;
  sheet: string;
  row: number;
  level1: string;
  level3: string;
  target: string;
  actual: string;
  weight: number;
};

/** One row of 复核差异: an indicator whose entered 得分 is not the rules' score. */
export type DifferenceRow = IndicatorPlace & {
  cell?: string;
  entered: number;
  score: number;
  /** entered − score. */
  difference: number;
  reason: string;
};

/** One row of 偏差未说明: a missed or much-exceeded row with an empty 偏差原因 cell. */
export type UnexplainedRow = IndicatorPlace & {
  score: number;
  situation: string;
  /** The 偏差原因 cell to fill in, or a note that the table has no such column. */
  noteCell: string;
};

/** One row of 未能评分. */
export type FailureRow = {
  file: string;
  sheet: string;
  message: string;
};

export interface BatchSummary {
  tables: TableRow[];
  totals: TotalsRow;
  differences: DifferenceRow[];
  unexplained: UnexplainedRow[];
  failures: FailureRow[];
}

export function summariseBatch(items: readonly BatchItem[]): BatchSummary {
  const tables: TableRow[] = [];
  const differences: DifferenceRow[] = [];
  const unexplained: UnexplainedRow[] = [];
  const failures: FailureRow[] = [];
  for (const item of items) {
    if (!('outcome' in item)) {
      failures.push({ file: item.file, sheet: item.sheet ?? '', message: item.message });
      continue;
    }
    const { file, sheet, outcome } = item;
    if (!outcome.ok) {
      failures.push({ file, sheet, message: outcome.message });
      continue;
    }
    const evaluation = outcome.evaluation;
    tables.push(tableRow(tables.length + 1, file, sheet, evaluation));
    for (const row of evaluation.indicators) {
      const difference = differenceOf(file, sheet, row);
      if (difference) differences.push(difference);
      if (isUnexplained(row)) unexplained.push(unexplainedRow(file, sheet, row));
    }
  }
  return { tables, totals: totalsOf(tables), differences, unexplained, failures };
}

/**
 * The summaries of parts of a batch (one file each, say, scored in a worker thread), in the batch's
 * order, as the summary of the whole: the same as summariseBatch over all the parts' items, without
 * keeping every Evaluation until the end. The 汇总 rows are numbered again and the totals summed again.
 */
export function mergeSummaries(parts: readonly BatchSummary[]): BatchSummary {
  const tables = parts.flatMap((part) => part.tables).map((row, i) => ({ ...row, index: i + 1 }));
  return {
    tables,
    totals: totalsOf(tables),
    differences: parts.flatMap((part) => part.differences),
    unexplained: parts.flatMap((part) => part.unexplained),
    failures: parts.flatMap((part) => part.failures),
  };
}

function tableRow(index: number, file: string, sheet: string, evaluation: Evaluation): TableRow {
  const { project, funds } = evaluation;
  const inSummaryUnit = (value: number | undefined) => (value === undefined || !funds ? undefined : convertMoney(value, funds.unit, SUMMARY_MONEY_UNIT));
  const row: TableRow = {
    index,
    file,
    sheet,
    totalScore: evaluation.totalScore,
    totalMax: evaluation.totalMax,
    grade: evaluation.grade,
    gradeTier: gradeTier(evaluation),
    provisional: evaluation.indicators.some((i) => isUnsettled(i.status)),
    ...countStatuses(evaluation.indicators),
    problemCount: evaluation.problems.length,
    problems: quoteProblems(evaluation.problems),
  };
  setDefined(row, 'department', project.department);
  setDefined(row, 'unit', project.unit);
  setDefined(row, 'project', project.name);
  setDefined(row, 'year', project.year);
  // A form with 年初预算数 only (2016) has its budget there: the one its rate is on.
  setDefined(row, 'budget', inSummaryUnit(funds?.adjusted ?? (funds?.rateOn === 'initial' ? funds.initial : undefined)));
  setDefined(row, 'executed', inSummaryUnit(funds?.executed));
  setDefined(row, 'rate', funds?.rate);
  setDefined(row, 'fundsScore', funds?.score);
  if (evaluation.enteredTotal !== undefined) {
    row.enteredTotal = evaluation.enteredTotal;
    row.difference = round2(evaluation.enteredTotal - evaluation.totalScore);
  }
  return row;
}

/** Leaves a field out rather than holding undefined, so that the JSON and deep comparisons stay clean. */
function setDefined<K extends keyof TableRow>(row: TableRow, key: K, value: TableRow[K] | undefined): void {
  if (value !== undefined) row[key] = value;
}

function gradeTier(evaluation: Evaluation): GradeTier {
  const bands = evaluation.gradeBands;
  const at = bands.findIndex((b) => b.label === evaluation.grade);
  if (at === 0) return 'top';
  // A grade outside the bands (a hand-made Evaluation) is shown, but not coloured as good or bad.
  if (at < 0) return 'middle';
  if (at === bands.length - 1) return 'bottom';
  // With four bands or more (优/良/中/差) the second is "good"; the rest between are "middling".
  return at === 1 && bands.length >= 4 ? 'upper' : 'middle';
}

function countStatuses(rows: readonly IndicatorResult[]): StatusCounts {
  const counts: StatusCounts = { met: 0, exceeded: 0, unmet: 0, pending: 0, unreadable: 0 };
  for (const row of rows) {
    const bucket = BUCKET[row.status];
    if (bucket) counts[bucket] += 1;
  }
  return counts;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Errors before warnings, each keeping the engine's order (sheet order, mostly). Notes (info: a
 * replaced score, weights spread evenly) are only counted in problemCount: the replaced scores are
 * in 复核差异, and a summary row that quotes everything is too tall to scan. Every problem is in the
 * scored copy's flag column and in the command line's output.
 */
function quoteProblems(problems: readonly Problem[]): string {
  const serious = problems
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.severity !== 'info')
    .sort((a, b) => SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] || a.i - b.i);
  return serious
    .slice(0, PROBLEMS_QUOTED)
    .map(({ p }) => p.message)
    .join('\n');
}

function totalsOf(tables: readonly TableRow[]): TotalsRow {
  const totals: TotalsRow = { label: `合计（${tables.length}张表）`, tables: tables.length, met: 0, exceeded: 0, unmet: 0, pending: 0, unreadable: 0 };
  const sum = (values: (number | undefined)[]) => {
    const present = values.filter((v): v is number => v !== undefined);
    return present.length === 0 ? undefined : round2(present.reduce((s, v) => s + v, 0));
  };
  const budget = sum(tables.map((t) => t.budget));
  const executed = sum(tables.map((t) => t.executed));
  if (budget !== undefined) totals.budget = budget;
  if (executed !== undefined) totals.executed = executed;
  const both = tables.filter((t) => t.budget !== undefined && t.executed !== undefined);
  const budgeted = both.reduce((s, t) => s + (t.budget as number), 0);
  if (both.length > 0 && budgeted > 0) totals.rate = both.reduce((s, t) => s + (t.executed as number), 0) / budgeted;
  for (const t of tables) for (const key of ['met', 'exceeded', 'unmet', 'pending', 'unreadable'] as const) totals[key] += t[key];
  return totals;
}

/** A row whose entered score is not the one the rules give, to 2 decimals as scores are kept. */
function differenceOf(file: string, sheet: string, row: IndicatorResult): DifferenceRow | undefined {
  if (row.entered === undefined || round2(row.entered) === row.score) return undefined;
  const difference: DifferenceRow = {
    ...placeOf(file, sheet, row),
    entered: row.entered,
    score: row.score,
    difference: round2(row.entered - row.score),
    reason: differenceReason(row),
  };
  if (row.cells.score) difference.cell = row.cells.score;
  return difference;
}

function placeOf(file: string, sheet: string, row: IndicatorResult): IndicatorPlace {
  return { file, sheet, row: row.row, level1: row.level1, level3: row.level3, target: row.target, actual: row.actual, weight: row.weight };
}

/** The engine's reason for its score, and what that means for the score, in a reviewer's words. */
function differenceReason(row: IndicatorResult): string {
  const reason = rowReason(row);
  if (row.kind === 'entered') return reason;
  if (isUnsettled(row.status)) return `${reason}；按规则暂计${formatNumber(row.score)}分`;
  if (row.score >= row.weight) return `${reason}；按规则应得满分`;
  return `${reason}；按规则计${formatNumber(row.score)}分`;
}

/** A score-only form reads no 偏差原因 column: its rows are the unit's own scores, not misses to explain. */
function isUnexplained(row: IndicatorResult): boolean {
  return row.kind !== 'entered' && needsDeviationNote(row) && !row.note;
}

function unexplainedRow(file: string, sheet: string, row: IndicatorResult): UnexplainedRow {
  return {
    ...placeOf(file, sheet, row),
    score: row.score,
    situation: rowReason(row),
    noteCell: row.cells.note ?? '表中无偏差原因栏',
  };
}
