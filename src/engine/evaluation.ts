/**
 * The Evaluation: what scoring one sheet produced. `score --json` prints exactly this, so other
 * programs (and the report) can use it. Scores and weights are rounded to 2 decimals.
 */

export type IndicatorKind =
  | 'higher'
  | 'lower'
  | 'equal'
  | 'zero'
  | 'qualitative'
  | 'date'
  | 'not-applicable'
  | 'unknown'
  /** A score-only form: the row's score is the one the unit entered, not computed. */
  | 'entered';

export type IndicatorStatus = 'met' | 'unmet' | 'exceeded' | 'missing-actual' | 'needs-judgement' | 'unreadable' | 'not-applicable';

/** Statuses the rules leave open (a judgement or data is missing): while any row has one, the total is provisional. */
export function isUnsettled(status: IndicatorStatus): boolean {
  return status === 'needs-judgement' || status === 'unreadable' || status === 'missing-actual';
}

/**
 * A row the rules say must be explained in its 偏差原因 cell: it fell short of its target and lost
 * points, or it is well over its target. A row waiting for judgement has not missed its target:
 * it asks for a judgement, not a reason.
 */
export function needsDeviationNote(row: { status: IndicatorStatus; score: number; weight: number }): boolean {
  return (row.status === 'unmet' && row.score < row.weight) || row.status === 'exceeded';
}

/** "预算执行率", "资金执行率", "支出进度": an indicator that scores the use of the funds. */
export function namesExecutionRate(level3: string): boolean {
  return /执行率|支出进度/.test(level3);
}

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  severity: Severity;
  /** A1 address on the sheet, when the problem belongs to a cell. */
  cell?: string;
  /** Stable machine code, e.g. "unreadable-target". */
  code: string;
  /** zh-CN message naming the cell: "E15：无法识别指标值“约十人”". */
  message: string;
  /** The same in English, for non-Chinese Office. */
  messageEn: string;
}

export interface ProjectInfo {
  name?: string;
  department?: string;
  unit?: string;
  year?: number;
  /** 年度总体目标: 预期目标 and 实际完成情况, when the sheet has them. */
  goal?: string;
  goalActual?: string;
}

export interface FundsResult {
  initial?: number;
  adjusted?: number;
  executed?: number;
  /** Money unit as written on the sheet: 万元 or 元. */
  unit: string;
  /** 执行率 as a fraction (0.9016), absent when it cannot be computed. */
  rate?: number;
  weight: number;
  score: number;
  cells: { rate?: string; score?: string };
  /** True when the 年度资金总额 row was empty and the 其中 rows were summed instead. */
  summedFromSubRows?: boolean;
  /** True when the amounts could not give the rate and the 执行率 the unit wrote was taken instead. */
  rateAsWritten?: boolean;
  /** The budget the rate was worked out on: 全年预算数, or 年初预算数 (the 2016 form, or a profile's choice). */
  rateOn?: 'initial' | 'adjusted';
  /**
   * How the sheet shows each amount (places fixed by its number format, thousands separators);
   * an amount without one (the General format) is shown as typed. Read by engine/money-text.ts.
   */
  shown?: Partial<Record<'initial' | 'adjusted' | 'executed', AmountShape>>;
  /** Each amount as the sheet shows it, with the unit ("1198600.5元", "288.5万元"): what the CLI, pane and report print. */
  text?: Partial<Record<'initial' | 'adjusted' | 'executed', string>>;
}

/** How a sheet shows an amount: "0.00" → { decimals: 2 }, "#,##0" → { decimals: 0, grouped: true }. */
export interface AmountShape {
  /** Places the sheet shows; absent: as typed, no padding zeros (288.5 stays 288.5). */
  decimals?: number;
  /** Thousands separators, where the sheet shows them. */
  grouped?: boolean;
}

export interface IndicatorResult {
  /** 1-based sheet row. */
  row: number;
  level1: string;
  level2: string;
  level3: string;
  /** The target and actual as displayed on the sheet. */
  target: string;
  actual: string;
  kind: IndicatorKind;
  weight: number;
  score: number;
  /** actual ÷ target (inverse for lower-is-better), when both are numbers. */
  completion?: number;
  status: IndicatorStatus;
  /** Short Chinese flag written into the flag column. */
  flag: string;
  /** The 偏差原因 text the sheet holds for this row, trimmed; absent when empty. */
  note?: string;
  /** True for ★ core indicators. */
  core?: boolean;
  /** True when the score came from the user (override column or a kept hand score). */
  scoreFromUser?: boolean;
  /**
   * The number the unit had entered in the row's 得分 cell before this run (not a formula, not a
   * cell shared by several rows): what a reviewer compares with `score`.
   */
  entered?: number;
  cells: { score?: string; flag?: string; target?: string; actual?: string; note?: string };
}

export interface Evaluation {
  sheet: string;
  profile: string;
  project: ProjectInfo;
  funds?: FundsResult;
  indicators: IndicatorResult[];
  /** The points of the table: the funds weight plus the row weights. */
  totalWeight: number;
  totalScore: number;
  /** What totalScore is out of: totalWeight, or 100 when the total was re-based to 100. */
  totalMax: number;
  /** True when the total was re-based to 100 (a profile setting, for tables of fewer points). */
  rebased?: boolean;
  /** A score-only form: the row scores are the unit's own, summed and checked, not computed. */
  scoresAsEntered?: boolean;
  grade: string;
  /** The total the unit had entered in the table's 总分 cell before this run (not a formula), if any. */
  enteredTotal?: number;
  /** The grade bands that produced the grade, highest first, e.g. [{min: 90, label: "优"}, …]. */
  gradeBands: { min: number; label: string }[];
  problems: Problem[];
}
