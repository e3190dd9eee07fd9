/** What a target or an actual says, once read. */

export type Comparator = 'higher' | 'lower' | 'equal' | 'none';

export interface NumberMeasure {
  kind: 'number';
  /** higher: ≥/不少于…; lower: ≤/不超过…; equal: =; none: a bare value. */
  comparator: Comparator;
  /**
   * The value in the canonical unit: rates in percent points (95% → 95, 5‰ → 0.5, 0.962 in a
   * percent-formatted cell → 96.2), money in 元 (10万元 → 100000), "万" multipliers applied.
   */
  value: number;
  /** Canonical unit: '%', '元', '元/人', '人', '公里', … or '' when none is written. */
  unit: string;
  /** The unit as written ('万元', '百分比', …), for display. */
  writtenUnit: string;
  /** A range target ("90%-95%", "3-5天"): `value` is its lower bound and this its upper one. */
  upTo?: number;
}

export interface DateMeasure {
  kind: 'date';
  /** Deadlines are "lower is better" (done by); a bare month or date is 'none'. */
  comparator: Comparator;
  year?: number;
  month: number;
  /** Day of month; absent when only a month is given (then the month's end is meant). */
  day?: number;
}

export type QualitativeTier = 'achieved' | 'partial' | 'failed';

export interface QualitativeMeasure {
  kind: 'qualitative';
  text: string;
  /** How an actual reads: 达成/是/已完成 → achieved, 部分达成/基本达到 → partial, 未达成/否 → failed. */
  tier?: QualitativeTier;
}

export interface NotApplicableMeasure {
  kind: 'not-applicable';
  text: string;
}

export interface EmptyMeasure {
  kind: 'empty';
}

export interface UnreadableMeasure {
  kind: 'unreadable';
  text: string;
  /** Why it could not be read, in Chinese, for the user. */
  reason: string;
}

export type Measure = NumberMeasure | DateMeasure | QualitativeMeasure | NotApplicableMeasure | EmptyMeasure | UnreadableMeasure;

/** What the parser is given: the cell's raw value, its displayed text and its number format. */
export interface MeasureInput {
  value: number | string | boolean | null;
  text?: string;
  format?: string;
}
