/**
 * The pipeline: Grid → locate → parse → score → Evaluation and write-back plan. Pure: the same
 * code runs in the task pane, the ribbon command, the command line and the tests.
 */
import { a1 } from './address';
import {
  isUnsettled,
  namesExecutionRate,
  needsDeviationNote,
  type Evaluation,
  type FundsResult,
  type IndicatorResult,
  type Problem,
  type ProjectInfo,
} from './evaluation';
import { cellAt, mergeLookup, normaliseMerges, type Grid } from './grid';
import { locateFunds } from './locate/locate-funds';
import { locateProject } from './locate/locate-project';
import { findIndicatorTables, type IndicatorTable } from './locate/locate-table';
import { formatNumber, percentText, problem } from './messages';
import { planWriteBack, planAddColumns, allocateColumns, ResultRows, sharedResultMerge, type ColumnPlan } from './plan/write-back';
import { displayText } from './locate/cell-text';
import { enteredScore, pointsIn } from './read-points';
import { cachedParser, cellAddress, readRow, type RowReading } from './read-rows';
import { checkProfile } from './rules/check-profile';
import { findProfile, MOF_2020, type RuleProfile } from './rules/profile';
import { assignWeights } from './score/assign-weights';
import { findBreakdowns } from './score/breakdown-rows';
import { fittedNotice, pointsForIndicators } from './score/fit-weights';
import { badWeightsMessage, findBadWeights } from './score/check-weights';
import { decideTotal, type TotalDecision } from './score/decide-total';
import { followJudgements } from './score/follow-judgements';
import { isScoreOnlyTable, readEnteredScores } from './score/score-entered';
import { round2 } from './score/round';
import { scoreFunds } from './score/score-funds';
import { pointsPerWrittenWeight } from './score/shares-as-points';
import { sharedWeights } from './score/shared-weights';
import { scale } from './parse/measure';
import { judgedShare, scoreIndicator, type Judgement, type RowOutcome } from './score/score-indicator';
import type { WritePlan } from './write-plan';

export interface EvaluateOptions {
  /** A profile or a built-in profile id; mof-2020 by default. */
  profile?: RuleProfile | string;
  /** The user's judgement per sheet row: a share of the weight (0–1), or a tier with a share. */
  judgements?: Record<number, Judgement>;
  /** Keep numbers already in the 得分 cells as hand-set scores instead of replacing them. */
  keepExistingScores?: boolean;
  /** Header row of the table to score when the sheet holds several (see `tables`); the first by default. */
  tableRow?: number;
}

/** One indicator table found on a sheet, for letting the user choose between several. */
export interface TableChoice {
  /** 1-based sheet row of its header. */
  headerRow: number;
  /** The project name above it, or its first indicator, to tell the tables apart. */
  label: string;
}

/** 'invalid-weights': a 分值 is negative, over 100 or no number (see score/check-weights.ts for why that is a failure). */
export type SheetFailure = 'no-table' | 'no-rows' | 'targets-only' | 'invalid-weights';

export type EvaluateOutcome =
  | { ok: true; evaluation: Evaluation; plan: WritePlan; tables: TableChoice[] }
  | { ok: false; failure: SheetFailure; sheet: string; message: string; messageEn: string; addColumnsPlan?: WritePlan; tables: TableChoice[] };

function resolveProfile(profile: RuleProfile | string | undefined): RuleProfile {
  if (profile === undefined) return MOF_2020;
  if (typeof profile !== 'string') return profile;
  const found = findProfile(profile);
  if (!found) throw new Error(`未知的评分规则“${profile}” / Unknown rule profile "${profile}"`);
  return found;
}

export function evaluateGrid(input: Grid, options: EvaluateOptions = {}): EvaluateOutcome {
  const { profile, problems: settingProblems } = checkProfile(resolveProfile(options.profile));
  const grid = normaliseMerges(input);
  const found = findIndicatorTables(grid);
  const headers = [...found.keys()];
  const tables = describeTables(grid, found);
  const fail = (failure: SheetFailure, message: string, messageEn: string, addColumnsPlan?: WritePlan): EvaluateOutcome => ({
    ok: false,
    failure,
    sheet: grid.sheet,
    message,
    messageEn,
    ...(addColumnsPlan ? { addColumnsPlan } : {}),
    tables,
  });
  if (headers.length === 0) {
    return fail(
      'no-table',
      `工作表“${grid.sheet}”中未找到绩效指标表（需有“三级指标”和“年度指标值”等表头）`,
      `No indicator table found on sheet "${grid.sheet}" (expected headers such as 三级指标 and 年度指标值)`,
    );
  }
  const chosen = options.tableRow ?? headers[0];
  const table = found.get(chosen);
  if (table === undefined) {
    return fail(
      'no-table',
      `工作表“${grid.sheet}”第${chosen}行不是绩效指标表的表头`,
      `Row ${chosen} of sheet "${grid.sheet}" is not the header of an indicator table`,
    );
  }
  const headerCell = a1(table.headerTop, table.columns.level3 ?? grid.left);
  if (table.columns.target === undefined) {
    if (isScoreOnlyTable(grid, table)) {
      const entered = scoreEnteredTable(grid, table, formStart(grid, headers, chosen), rowsBelow(grid, headers, table), profile);
      entered.evaluation.problems.unshift(...settingProblems);
      return { ok: true, ...entered, tables };
    }
    return fail(
      'no-table',
      `${headerCell}：表头中未找到“年度指标值”（或“指标值”“目标值”）列，无法评分`,
      `${headerCell}: the header has no target column (年度指标值)`,
    );
  }
  if (table.rows.length === 0) {
    return fail('no-rows', `${headerCell}：绩效指标表只有表头，没有指标行`, `${headerCell}: the indicator table has a header but no rows`);
  }
  const formTop = formStart(grid, headers, chosen);
  const funds = locateFunds(grid, table.headerTop, formTop, rowsBelow(grid, headers, table));
  const columns = allocateColumns(grid, table, funds);
  if (table.columns.actual === undefined) {
    return fail(
      'targets-only',
      `${headerCell}：表中只有指标值，还没有“实际完成值”列，暂无法评分。可先添加“实际完成值”“分值”“得分”等列，填写后再评分`,
      `${headerCell}: the table has targets only, no actual column yet; add the missing columns, fill them in, then score`,
      planAddColumns(grid, table),
    );
  }
  const parse = cachedParser();
  const readings = table.rows.map((ref) => readRow(grid, table, ref, parse));
  const badWeights = findBadWeights(grid, table, readings, funds);
  if (badWeights.length > 0) {
    const { zh, en } = badWeightsMessage(badWeights);
    return fail('invalid-weights', zh, en);
  }
  const scored = scoreTable(
    grid,
    table,
    readings,
    funds,
    formTop,
    columns,
    profile,
    options,
    headers.filter((h) => h !== chosen),
  );
  scored.evaluation.problems.unshift(...settingProblems);
  return { ok: true, ...scored, tables };
}

/** The first row of the form a table belongs to: just below the previous table's header, if any. */
function formStart(grid: Grid, headers: number[], headerRow: number): number {
  const previous = headers.filter((h) => h < headerRow);
  return previous.length > 0 ? previous[previous.length - 1] + 1 : grid.top;
}

/** The rows under a table that still belong to its form: up to the next table's header, or the sheet's end. */
function rowsBelow(grid: Grid, headers: number[], table: IndicatorTable): { from: number; to: number } {
  const next = headers.find((h) => h > table.headerTop);
  return { from: table.bottom + 1, to: next === undefined ? grid.top + grid.cells.length - 1 : next - 1 };
}

/** Labels by project name, or by first indicator where the name does not tell the tables apart. */
function describeTables(grid: Grid, found: ReadonlyMap<number, IndicatorTable>): TableChoice[] {
  const headers = [...found.keys()];
  const names = headers.map((headerRow) => locateProject(grid, headerRow, formStart(grid, headers, headerRow)).name);
  if (headers.length < 2) return headers.map((headerRow, i) => ({ headerRow, label: names[i] ?? `第${headerRow}行的指标表` }));
  return [...found.values()].map((table, i) => {
    const headerRow = table.headerTop;
    const name = names[i];
    if (name && names.indexOf(name) === names.lastIndexOf(name)) return { headerRow, label: name };
    const first = table.rows[0]?.level3;
    return { headerRow, label: first ? `${first}等${table.rows.length}项指标` : `第${headerRow}行的指标表` };
  });
}

/** A row's weight as the sheet gives it: its own 分值, or its share of a 分值 cell merged over several rows. */
function writtenWeight(r: RowReading, shared: ReadonlyMap<number, number>): number | undefined {
  return shared.get(r.ref.row) ?? (r.weightReading.kind === 'points' ? r.weightReading.value : undefined);
}

/** The shares of 分值 cells merged over several rows (score/shared-weights.ts), each said once. */
function sharedWeightsOf(grid: Grid, readings: RowReading[], table: IndicatorTable, problems: Problem[]): Map<number, number> {
  const col = table.columns.weight;
  const shares = new Map<number, number>();
  if (col === undefined || grid.merges.length === 0) return shares;
  const merges = mergeLookup(grid);
  const rows = readings.filter((r) => r.target.kind !== 'not-applicable').map((r) => r.ref.row);
  for (const group of sharedWeights(
    rows,
    (row) => merges(row, col),
    (m) => pointsIn(cellAt(grid, m.top, m.left)),
  )) {
    for (const [row, share] of group.shares) shares.set(row, share);
    problems.push(
      problem('weight-merged-shared', a1(group.merge.top, col), {
        range: `${a1(group.merge.top, col)}:${a1(group.merge.bottom, col)}`,
        points: formatNumber(group.points),
        rows: [...group.shares.keys()].join('、'),
        share: formatNumber([...group.shares.values()][0]),
      }),
    );
  }
  return shares;
}

/** 100 when the rows' 权重 are shares of one (score/shares-as-points.ts), said at the weight header; else 1. */
function pointsPerWeightOf(readings: RowReading[], table: IndicatorTable, problems: Problem[], shared: ReadonlyMap<number, number>): 1 | 100 {
  const written = readings.flatMap((r) => {
    const weight = r.target.kind === 'not-applicable' ? undefined : writtenWeight(r, shared);
    return weight === undefined ? [] : [weight];
  });
  const pointsPerWeight = pointsPerWrittenWeight(written);
  if (pointsPerWeight === 1) return 1;
  problems.push(
    problem('weights-as-shares', cellAddress(table.headerTop, table.columns.weight), {
      sum: formatNumber(written.reduce((s, w) => s + w, 0)),
      example: String(written[0]),
      points: formatNumber(scale(written[0], pointsPerWeight)),
    }),
  );
  return pointsPerWeight;
}

function scoreTable(
  grid: Grid,
  table: IndicatorTable,
  allReadings: RowReading[],
  fundsBlock: ReturnType<typeof locateFunds>,
  formTop: number,
  columns: ColumnPlan,
  profile: RuleProfile,
  options: EvaluateOptions,
  otherHeaders: number[],
): { evaluation: Evaluation; plan: WritePlan } {
  // Doubts met while locating the table (which column, where it ends) come first.
  const problems: Problem[] = [...table.problems];
  const breakdowns = findBreakdowns(allReadings, table.columns.level3 ?? grid.left);
  problems.push(...breakdowns.problems);
  const readings = breakdowns.parts.size === 0 ? allReadings : allReadings.filter((r) => !breakdowns.parts.has(r.ref.row));
  const project = locateProject(grid, table.headerTop, formTop);
  dropSharedScoreCells(grid, readings, columns);

  const indicatorPoints = pointsForIndicators(grid, table, fundsBlock, formTop, profile);
  const shared = sharedWeightsOf(grid, readings, table, problems);
  const pointsPerWeight = pointsPerWeightOf(readings, table, problems, shared);
  const weighting = assignWeights(
    readings.map((r) => {
      const written = writtenWeight(r, shared);
      return {
        row: r.ref.row,
        level1: r.ref.level1,
        level1Row: r.ref.level1Row,
        level1Weight: r.ref.level1Weight,
        level2: r.ref.level2,
        level2Weight: r.ref.level2Weight,
        level2Row: r.ref.level2Row,
        sheetWeight: written === undefined ? undefined : scale(written, pointsPerWeight),
        scoreable: r.target.kind !== 'not-applicable',
      };
    }),
    profile,
    indicatorPoints?.points,
  );
  if (indicatorPoints && weighting.fittedSplit !== undefined) problems.push(fittedNotice(indicatorPoints, weighting.fittedSplit));
  for (const p of weighting.problems) {
    const col = p.code === 'weight-missing' || p.code === 'group-weight-spread' ? table.columns.weight : table.columns.level1;
    problems.push(problem(p.code, p.row !== undefined ? cellAddress(p.row, col ?? grid.left) : undefined, p.params));
  }

  const judgementCell = (row: number) => cellAddress(row, table.columns.actual ?? columns.score);
  const followed = followJudgements(
    options.judgements,
    readings.map((r) => ({ row: r.ref.row, label: r.ref.level3 })),
    judgementCell,
  );
  problems.push(...followed.problems);
  const indicators = readings.map((reading) => {
    const weight = weighting.weights.get(reading.ref.row) ?? 0;
    const judgement = followed.judgements?.[reading.ref.row];
    noteJudgementOutOfRange(judgement, profile, cellAddress(reading.ref.row, table.columns.actual ?? columns.score), problems);
    const outcome = scoreIndicator(reading.target, reading.actual, {
      name: reading.ref.level3,
      level2: reading.ref.level2,
      weight,
      profile,
      year: project.year,
      judgement,
    });
    return buildIndicator(reading, outcome, weight, table, columns, options, problems);
  });

  const funds = fundsBlock ? scoreFunds(grid, fundsBlock, profile, pointsPerWeight) : undefined;
  if (funds) problems.push(...funds.problems);
  // A table that scores the execution rate as one of its rows has its funds; none is missing.
  const total = totalOf(funds?.funds, indicators, profile, funds !== undefined || indicators.some(scoresExecutionRate));
  problems.push(...total.problems);
  const pending = indicators.filter((i) => isUnsettled(i.status)).length;
  if (pending > 0) problems.push(problem('provisional-total', undefined, { count: pending }));
  if (otherHeaders.length > 0) problems.push(problem('other-tables', undefined, { count: otherHeaders.length, rows: otherHeaders.join('、') }));

  const evaluation = evaluationOf(grid, profile, project, funds?.funds, indicators, total, problems);
  const plan = planWriteBack(grid, table, fundsBlock, columns, evaluation, weighting.decided, problems);
  return { evaluation, plan };
}

/** "预算执行率", "资金执行率" as an applicable indicator row: the funds scored among the rows. */
function scoresExecutionRate(row: IndicatorResult): boolean {
  return namesExecutionRate(row.level3) && row.status !== 'not-applicable';
}

/** The table's points (funds weight plus row weights) and the total decided on them. */
function totalOf(funds: FundsResult | undefined, indicators: IndicatorResult[], profile: RuleProfile, fundsFound: boolean): TotalDecision & { points: number } {
  const points = round2((funds?.weight ?? 0) + indicators.reduce((s, i) => s + i.weight, 0));
  const total = decideTotal({
    rawScore: (funds?.score ?? 0) + indicators.reduce((s, i) => s + i.score, 0),
    points,
    fundsFound,
    rate: funds?.rate,
    rateCell: funds?.cells.rate,
    profile,
  });
  return { ...total, points };
}

function evaluationOf(
  grid: Grid,
  profile: RuleProfile,
  project: ProjectInfo,
  funds: FundsResult | undefined,
  indicators: IndicatorResult[],
  total: ReturnType<typeof totalOf>,
  problems: Problem[],
): Evaluation {
  return {
    sheet: grid.sheet,
    profile: profile.id,
    project,
    ...(funds ? { funds } : {}),
    indicators,
    totalWeight: total.points,
    totalScore: total.score,
    totalMax: total.max,
    ...(total.rebased ? { rebased: true } : {}),
    grade: total.grade,
    gradeBands: profile.grades.map((g) => ({ min: g.min, label: g.label })),
    problems,
  };
}

/** A score-only form (score/score-entered.ts): the unit's scores summed, checked and graded, not computed. */
function scoreEnteredTable(
  grid: Grid,
  table: IndicatorTable,
  formTop: number,
  below: { from: number; to: number },
  profile: RuleProfile,
): { evaluation: Evaluation; plan: WritePlan } {
  const fundsBlock = locateFunds(grid, table.headerTop, formTop, below);
  const columns = allocateColumns(grid, table, fundsBlock);
  const { indicators, problems } = readEnteredScores(grid, table);
  problems.unshift(...table.problems);
  const funds = fundsBlock ? scoreFunds(grid, fundsBlock, profile) : undefined;
  if (funds) problems.push(...funds.problems);
  // These forms score the use of funds among their rows (资金到位率, 预算执行率): no block is missing.
  const total = totalOf(funds?.funds, indicators, profile, true);
  problems.unshift(problem('scores-as-entered', undefined, { total: formatNumber(total.score) }));
  problems.push(...total.problems);
  const evaluation = evaluationOf(grid, profile, locateProject(grid, table.headerTop, formTop), funds?.funds, indicators, total, problems);
  evaluation.scoresAsEntered = true;
  return { evaluation, plan: planWriteBack(grid, table, fundsBlock, columns, evaluation, new Set(), problems) };
}

/**
 * A judgement's share outside 0–100% is kept inside it (score-indicator.ts), never quietly: the
 * note says which share was given and which was used.
 */
function noteJudgementOutOfRange(judgement: Judgement | undefined, profile: RuleProfile, cell: string | undefined, problems: Problem[]): void {
  const share = typeof judgement === 'number' ? judgement : judgement?.share;
  if (judgement === undefined || share === undefined || (share >= 0 && share <= 1)) return;
  problems.push(problem('judgement-invalid', cell, { text: percentText(share), used: percentText(judgedShare(judgement, profile)) }));
}

/**
 * A 得分 cell merged over several indicator rows (H15:H16) holds their scores together, no one
 * row's: it is neither compared with a row's computed score nor kept as a row's hand-set score.
 */
function dropSharedScoreCells(grid: Grid, readings: RowReading[], columns: ColumnPlan): void {
  const score = columns.score;
  if (score === undefined || grid.merges.length === 0) return;
  const merges = mergeLookup(grid);
  const rows = new ResultRows(readings.map((r) => r.ref.row));
  for (const reading of readings) if (sharedResultMerge(merges, rows, reading.ref.row, score)) delete reading.scoreCell;
}

/** The notices that say a row the rules leave open scores 0 for now. */
const PENDING_NOTICES = new Set(['needs-judgement', 'missing-actual', 'unreadable-actual', 'unreadable-target', 'missing-target']);

/** The user's own score for the row: from the 人工认定 column, or the 得分 cell (`entered`) under --keep-scores. */
function keptScore(
  reading: RowReading,
  entered: number | undefined,
  weight: number,
  options: EvaluateOptions,
): { valid: boolean; value: number; text: string } | undefined {
  const user =
    reading.override ??
    (options.keepExistingScores && entered !== undefined
      ? { value: entered, text: reading.scoreCell ? displayText(reading.scoreCell) : String(entered) }
      : undefined);
  if (!user) return undefined;
  const valid = user.value !== undefined && user.value >= 0 && user.value <= weight;
  return { valid, value: valid ? round2(user.value as number) : 0, text: user.text };
}

function buildIndicator(
  reading: RowReading,
  outcome: RowOutcome,
  weight: number,
  table: IndicatorTable,
  columns: ColumnPlan,
  options: EvaluateOptions,
  problems: Problem[],
): IndicatorResult {
  const { row } = reading.ref;
  // The row's cells, where it has them: problems name them, and the result lists them.
  const place: IndicatorResult['cells'] = {};
  if (columns.score !== undefined) place.score = a1(row, columns.score);
  if (columns.flag !== undefined) place.flag = a1(row, columns.flag);
  if (table.columns.target !== undefined) place.target = a1(row, table.columns.target);
  if (table.columns.actual !== undefined) place.actual = a1(row, table.columns.actual);
  if (table.columns.note !== undefined) place.note = a1(row, table.columns.note);
  if (reading.targetFromName) problems.push(problem('target-from-name', place.target, { text: reading.targetText }));

  const computed = round2(Math.min(Math.max(outcome.score, 0), weight));
  const entered = enteredScore(reading.scoreCell);
  const kept = keptScore(reading, entered, weight, options);
  // A kept score settles a row the rules left open: its 暂计0分 notices no longer hold.
  const settles = kept?.valid === true && isUnsettled(outcome.status);
  for (const p of outcome.problems) {
    if (settles && PENDING_NOTICES.has(p.code)) continue;
    problems.push(problem(p.code, place[p.place] ?? place.flag, p.params));
  }
  let score = computed;
  let status = outcome.status;
  let flag = outcome.flag;
  if (kept?.valid) {
    score = kept.value;
    if (settles) problems.push(problem('override-settles', place.score, { score: formatNumber(score) }));
    else problems.push(problem('override-used', place.score, { score: formatNumber(score), computed: formatNumber(computed) }));
    if (settles || score !== computed) {
      const full = score >= weight;
      status = full ? (status === 'exceeded' ? 'exceeded' : 'met') : 'unmet';
      flag = full && status === 'exceeded' ? flag : full ? '无偏差（人工认定得分）' : `人工认定得分${formatNumber(score)}分`;
    }
  } else if (kept) {
    problems.push(problem('override-invalid', cellAddress(row, table.columns.override) ?? place.score, { text: kept.text, weight: formatNumber(weight) }));
  } else if (entered !== undefined && Math.abs(entered - score) > 0.005) {
    problems.push(problem('score-replaced', place.score, { old: formatNumber(entered), score: formatNumber(score) }));
  }

  if (needsDeviationNote({ status, score, weight }) && !reading.note) {
    const exceeded = status === 'exceeded';
    flag = exceeded ? '超目标较多，需说明原因' : `${flag}，需填写偏差原因`;
    problems.push(
      problem('note-required', place.note ?? place.flag, {
        reason: exceeded ? '本行超目标较多' : '本行未达到目标',
        column: table.headers.note ?? '',
        reasonEn: exceeded ? 'this row is well over its target' : 'this row falls short of its target',
      }),
    );
  } else if (status === 'exceeded') {
    flag = `${flag}，已说明原因`;
  }

  const result: IndicatorResult = {
    row,
    level1: reading.ref.level1,
    level2: reading.ref.level2,
    level3: reading.ref.level3,
    target: reading.targetText,
    actual: reading.actualText,
    kind: outcome.kind,
    weight: round2(weight),
    score,
    status,
    flag,
    cells: place,
  };
  if (outcome.completion !== undefined) result.completion = Math.round(outcome.completion * 10000) / 10000;
  if (reading.note) result.note = reading.note;
  if (reading.ref.core) result.core = true;
  if (kept?.valid) result.scoreFromUser = true;
  if (entered !== undefined) result.entered = entered;
  return result;
}
