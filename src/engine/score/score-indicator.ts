/**
 * Score one indicator row by the profile's rules (domain.md §4): what kind of target it is, how the
 * actual compares, the score, and what needs the user's attention.
 */
import type { IndicatorKind, IndicatorStatus } from '../evaluation';
import type { Comparator, Measure, NumberMeasure, QualitativeTier } from '../parse/measure-types';
import type { RuleProfile } from '../rules/profile';
import { normaliseText } from '../text';
import { keepsStatedBound } from './bound-statements';
import { scale, tierOf, unitFactor } from '../parse/measure';
import { completionText, type ProblemCode } from '../messages';

/**
 * The user's judgement of a row: a share of the weight (0–1), or a tier with an optional share
 * that is kept inside the tier's band (达成 80–100%, 部分达成 60–80% or 50–80%, 未达成 below).
 * `label` is the 三级指标 the row had when judged: rows inserted or deleted above it move the
 * judgement with its indicator (score/follow-judgements.ts), never onto another one.
 */
export type Judgement = number | { tier: QualitativeTier; share?: number; label?: string };

export interface RowContext {
  name: string;
  level2: string;
  weight: number;
  profile: RuleProfile;
  /** The evaluation year, for deadlines written without one. */
  year?: number;
  /** The user's judgement for this row. */
  judgement?: Judgement;
}

/** Where on the row a problem belongs, so the caller can name the cell. */
export type ProblemPlace = 'target' | 'actual' | 'note' | 'score';

export interface RowProblem {
  code: ProblemCode;
  place: ProblemPlace;
  params?: Record<string, string | number>;
}

export interface RowOutcome {
  kind: IndicatorKind;
  status: IndicatorStatus;
  /** Unrounded score, 0 ≤ score ≤ weight. */
  score: number;
  completion?: number;
  /** Short Chinese wording of what happened, without the note reminder ("未完成（完成率87.5%）"). */
  flag: string;
  problems: RowProblem[];
}

/** 日 is read as 天 (parse/measure.ts). */
const DURATION_UNITS = new Set(['天', '工作日', '小时', '分钟']);
/** 元, or 元 per something (元/人, 元/亩, 元/人·年). */
const isMoneyUnit = (unit: string) => unit === '元' || unit.startsWith('元/');

export function kindOfTarget(target: Measure, level2: string): IndicatorKind {
  switch (target.kind) {
    case 'number':
      if (target.value === 0 && target.comparator !== 'higher') return 'zero';
      if (target.upTo !== undefined && /时效/.test(level2) && DURATION_UNITS.has(target.unit)) return 'lower';
      if (target.comparator === 'higher') return 'higher';
      if (target.comparator === 'lower') return 'lower';
      if (target.comparator === 'equal') return 'equal';
      if (/成本/.test(level2) && isMoneyUnit(target.unit)) return 'lower';
      // Under 时效指标 a bare "10个工作日" is a time allowed: done in fewer is better.
      return /时效/.test(level2) && DURATION_UNITS.has(target.unit) ? 'lower' : 'higher';
    case 'date':
      return 'date';
    case 'qualitative':
      return 'qualitative';
    case 'not-applicable':
      return 'not-applicable';
    default:
      return 'unknown';
  }
}

function clampShare(share: number): number {
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
}

function pct(fraction: number): string {
  return `${String(Math.round(fraction * 10000) / 100)}%`;
}

/** "（完成率160%）"; nothing when the ratio overflows (a target of 1e-300): "Infinity%" says nothing. */
function ratioNote(label: string, fraction: number): string {
  return Number.isFinite(fraction) ? `（${label}${completionText(fraction)}）` : '';
}

function outcome(kind: IndicatorKind, status: IndicatorStatus, score: number, flag: string, problems: RowProblem[] = [], completion?: number): RowOutcome {
  return { kind, status, score, flag, problems, ...(completion !== undefined && Number.isFinite(completion) ? { completion } : {}) };
}

export function scoreIndicator(target: Measure, actual: Measure, ctx: RowContext): RowOutcome {
  const kind = kindOfTarget(target, ctx.level2);
  if (target.kind === 'not-applicable') return outcome(kind, 'not-applicable', 0, '不适用，不计分');
  if (target.kind === 'unreadable') {
    return outcome(kind, 'unreadable', 0, '无法识别指标值', [
      { code: 'unreadable-target', place: 'target', params: { text: target.text, reason: target.reason } },
    ]);
  }
  if (target.kind === 'empty') return outcome(kind, 'unreadable', 0, '缺少指标值', [{ code: 'missing-target', place: 'target' }]);
  if (actual.kind === 'empty') return outcome(kind, 'missing-actual', 0, '缺实际完成值', [{ code: 'missing-actual', place: 'actual' }]);
  if (actual.kind === 'unreadable') {
    return outcome(kind, 'unreadable', 0, '无法识别实际值', [
      { code: 'unreadable-actual', place: 'actual', params: { text: actual.text, reason: actual.reason } },
    ]);
  }
  if (ctx.judgement !== undefined) return judged(kind, ctx.judgement, ctx);
  switch (target.kind) {
    case 'number':
      return scoreNumber(kind, target, actual, ctx);
    case 'date':
      return scoreDate(target, actual, ctx);
    case 'qualitative':
      return scoreQualitative(target.text, actual, ctx);
  }
}

function judged(kind: IndicatorKind, judgement: Judgement, ctx: RowContext): RowOutcome {
  const share = judgedShare(judgement, ctx.profile);
  const flag = share >= 1 ? '无偏差（人工评定）' : `人工评定（计${pct(share)}）`;
  return outcome(kind, share >= 1 ? 'met' : 'unmet', share * ctx.weight, flag);
}

export function judgedShare(judgement: Judgement, profile: RuleProfile): number {
  if (typeof judgement === 'number') return clampShare(judgement);
  const { bands, shares } = profile.qualitative;
  const band = { achieved: [bands.achieved, 1], partial: [bands.partial, bands.achieved], failed: [0, bands.partial] }[judgement.tier];
  const wanted = judgement.share !== undefined && Number.isFinite(judgement.share) ? judgement.share : shares[judgement.tier];
  return Math.min(band[1], Math.max(band[0], wanted));
}

function tierShare(tier: QualitativeTier, profile: RuleProfile): number {
  return profile.qualitative.shares[tier];
}

/** "无", "没有", "未发生": nothing of it happened. */
const NONE_HAPPENED = /^(?:无|暂无|均无|没有|未发生|无发生|零)$/;

/** A numeric target met by a statement instead of a number: "已完成" counts, anything vaguer is judged. */
function numberByStatement(kind: IndicatorKind, actual: Measure, ctx: RowContext): RowOutcome {
  // Against a zero or a ceiling ("安全事故 0起", "上访 小于5次") none is what was wanted: "无", or
  // none of an event ("无上访", "未发生安全事故").
  if ((kind === 'zero' || kind === 'lower') && actual.kind === 'qualitative' && (NONE_HAPPENED.test(actual.text) || isAbsenceOfEvent(actual.text))) {
    return outcome(kind, 'met', ctx.weight, '无偏差');
  }
  const tier = actual.kind === 'qualitative' ? actual.tier : undefined;
  if (tier === 'achieved') return outcome(kind, 'met', ctx.weight, '无偏差');
  if (tier === 'failed') return outcome(kind, 'unmet', 0, '未完成');
  const share = tier === 'partial' ? tierShare('partial', ctx.profile) : 0;
  return needsJudgement(kind, share * ctx.weight, '实际完成值为文字描述', 'the actual is a statement, not a number');
}

function needsJudgement(kind: IndicatorKind, score: number, what: string, whatEn: string, flag = '需人工评定'): RowOutcome {
  return outcome(kind, 'needs-judgement', score, flag, [
    { code: 'needs-judgement', place: 'actual', params: { what, whatEn, score: Math.round(score * 100) / 100 } },
  ]);
}

function scoreNumber(kind: IndicatorKind, target: NumberMeasure, actual: Measure, ctx: RowContext): RowOutcome {
  if (actual.kind !== 'number') {
    if (actual.kind === 'qualitative') return numberByStatement(kind, actual, ctx);
    return outcome(kind, 'unreadable', 0, '实际值与指标值类型不符', [
      { code: 'unit-mismatch', place: 'actual', params: { actual: '日期', target: target.writtenUnit || '数值' } },
    ]);
  }
  const problems: RowProblem[] = [];
  // A rate or a satisfaction cannot pass 100% ("290%" is ≥90% damaged in conversion).
  if (target.unit === '%' && target.value > 100 && /率|满意/.test(ctx.name) && kind !== 'lower') {
    return outcome(kind, 'unreadable', 0, '指标值疑似有误', [{ code: 'suspicious-rate', place: 'target', params: { text: `${target.value}%` } }]);
  }
  let b = actual.value;
  // A survey scored out of 100 ("95分") answers a satisfaction target in percent ("≥90%").
  const surveyPoints = target.unit === '%' && actual.unit === '分' && /满意/.test(ctx.name) && b <= 100;
  if (!surveyPoints && !unitsCompatible(target.unit, actual.unit)) {
    return outcome(kind, 'unreadable', 0, '单位不一致', [
      { code: 'unit-mismatch', place: 'actual', params: { actual: actual.writtenUnit || actual.unit, target: target.writtenUnit || target.unit } },
    ]);
  }
  const inTargetUnit = bareInTargetUnit(target, actual);
  if (inTargetUnit !== undefined) {
    b = inTargetUnit;
    problems.push({ code: 'actual-unit-assumed', place: 'actual', params: { text: String(actual.value), unit: target.writtenUnit } });
  } else if (!actual.unit && target.unit === '%' && b > 0 && b <= 1 && target.value > 1) {
    b *= 100;
    problems.push({ code: 'fraction-as-percent', place: 'actual', params: { text: String(actual.value), percent: Math.round(b * 100) / 100 } });
  }
  // Under a range, a duration is allowed up to its upper bound ("3-5天" is done within 5 days).
  const a = kind === 'lower' && target.upTo !== undefined ? target.upTo : target.value;
  const w = ctx.weight;
  const withProblems = (o: RowOutcome) => (problems.length === 0 ? o : { ...o, problems: [...problems, ...o.problems] });
  const bound = boundOfActual(kind, actual.comparator, a, b);
  if (bound) return withProblems(needsJudgement(kind, 0, bound.zh, bound.en));

  if (kind === 'zero') {
    return withProblems(b === 0 ? outcome(kind, 'met', w, '无偏差') : outcome(kind, 'unmet', 0, `未完成（目标为0，实际为${b}）`));
  }
  if (kind === 'lower') {
    if (b <= a) return withProblems(outcome(kind, 'met', w, '无偏差', [], b > 0 ? a / b : undefined));
    // A negative ceiling ("≤-5%") has no meaningful ratio: missing it earns nothing.
    const share = a <= 0 ? 0 : ctx.profile.reverseFormula === 'linear' ? 1 - (b - a) / a : a / b;
    const over = a === 0 ? '' : ratioNote('超出目标', (b - a) / Math.abs(a));
    return withProblems(outcome(kind, 'unmet', clampShare(share) * w, `未完成${over}`, [], a > 0 ? a / b : undefined));
  }
  // higher, equal and bare values
  if (kind === 'higher' && target.upTo !== undefined) {
    if (b > target.upTo) return withProblems(needsJudgement(kind, w, '实际完成值高于指标区间上限', 'the actual is above the top of the target range'));
    if (b >= a) return withProblems(outcome(kind, 'met', w, '无偏差', [], a > 0 ? b / a : undefined));
  }
  if (a <= 0) return withProblems(b >= a ? outcome(kind, 'met', w, '无偏差') : outcome(kind, 'unmet', 0, '未完成'));
  const ratio = b / a;
  if (ratio >= 1) {
    const over = kind === 'higher' && ratio >= ctx.profile.overAchievement.threshold;
    if (!over) return withProblems(outcome(kind, 'met', w, '无偏差', [], ratio));
    const score = Math.max(0, w - ctx.profile.overAchievement.deduction);
    return withProblems(outcome(kind, 'exceeded', score, `超目标较多${ratioNote('完成率', ratio)}`, [], ratio));
  }
  return withProblems(outcome(kind, 'unmet', clampShare(ratio) * w, `未完成${ratioNote('完成率', ratio)}`, [], ratio));
}

/**
 * A bare actual ("52") against a target in a scaled unit ("≥50万元"): units often write the unit
 * once, on the target. The actual is read in the target's unit when that puts it nearer the target
 * than reading it as written ("52" is 52万元, but "520000" is 520000元). Undefined when not.
 */
function bareInTargetUnit(target: NumberMeasure, actual: NumberMeasure): number | undefined {
  if (actual.unit || actual.writtenUnit || target.value <= 0 || actual.value <= 0) return undefined;
  const factor = unitFactor(target.writtenUnit) ?? 1;
  if (factor === 1) return undefined;
  const scaled = scale(actual.value, factor);
  const distance = (value: number) => Math.abs(Math.log(value / target.value));
  return distance(scaled) < distance(actual.value) ? scaled : undefined;
}

/**
 * An actual written as a bound ("5天多", "不足95%") on the wrong side of the target's bound: it
 * says the target was missed, but not by how much.
 */
function boundOfActual(kind: IndicatorKind, said: Comparator, a: number, b: number): { zh: string; en: string } | undefined {
  if (kind === 'lower' && said === 'higher' && b >= a)
    return { zh: '实际完成值只写了下限，超出多少无法确定', en: 'the actual gives only a lower bound above the ceiling' };
  if (kind !== 'lower' && kind !== 'zero' && said === 'lower') {
    if (b <= a) return { zh: '实际完成值只写了上限，差距多少无法确定', en: 'the actual gives only an upper bound below the target' };
    return { zh: '实际完成值只写了上限，无法确定是否达到指标值', en: 'the actual gives only an upper bound: cannot tell whether the target was met' };
  }
  return undefined;
}

/** Same unit, or one written more fully than the other ("座" and "座危桥"); a missing unit fits any. */
function unitsCompatible(target: string, actual: string): boolean {
  if (!target || !actual || sameCount(target, actual)) return true;
  if (!target.startsWith(actual) && !actual.startsWith(target)) return false;
  // "2次" answers "1次/年" (the year evaluated), but not "每月1次": it may count the whole year.
  return periodOf(target) === periodOf(actual) || (periodOf(target) ?? '年') === (periodOf(actual) ?? '年');
}

/** 个 counts anything counted one by one (5个 and 5家, 3个 and 3项); 人 and 名 both count people. */
const COUNTED_ONE_BY_ONE = new Set(
  '家 项 所 座 台 套 台套 件 处 间 张 本 册 份 只 头 株 棵 盏 栋 幢 段 块 部 批 场 期 篇 条 种 辆 户 村 宗 类 支 名 人'.split(' '),
);

function sameCount(a: string, b: string): boolean {
  if (a === '个' || b === '个') return COUNTED_ONE_BY_ONE.has(a === '个' ? b : a) && a !== b;
  return (a === '人' && b === '名') || (a === '名' && b === '人');
}

/** The period of a count per period ("次/月" → 月), undefined for other units. */
function periodOf(unit: string): string | undefined {
  return /\/(年|半年|季度|月|周|天|日)$/.exec(unit)?.[1];
}

/** Comparable key of a date; a missing day means the end of the month for deadlines. */
function dateKey(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

function scoreDate(target: Extract<Measure, { kind: 'date' }>, actual: Measure, ctx: RowContext): RowOutcome {
  const late = (): RowOutcome => {
    const share = ctx.profile.lateShare;
    if (share === null) return needsJudgement('date', 0, '未在期限内完成', 'done after the deadline', '逾期完成，需人工评定');
    return outcome('date', 'unmet', share * ctx.weight, `逾期完成（计${pct(share)}）`);
  };
  if (actual.kind === 'qualitative') {
    if (actual.tier === 'achieved') return outcome('date', 'met', ctx.weight, '无偏差');
    if (actual.tier === 'failed') return late();
    return needsJudgement('date', 0, '完成时间无法判断', 'cannot tell when it was done');
  }
  if (actual.kind !== 'date') return needsJudgement('date', 0, '完成时间无法判断', 'cannot tell when it was done');
  // A deadline without a year falls in the year evaluated, not in whatever year the actual names.
  const deadlineYear = target.year ?? ctx.year ?? actual.year ?? 2000;
  const deadline = dateKey(deadlineYear, target.month, target.day ?? 31);
  const doneYear = actual.year ?? deadlineYear;
  // Done in the deadline's month: on time for sure only when the deadline is that month's last day.
  const lastDay = new Date(Date.UTC(deadlineYear, target.month, 0)).getUTCDate();
  if (actual.day === undefined && target.day !== undefined && target.day < lastDay && doneYear === deadlineYear && actual.month === target.month) {
    return needsJudgement('date', 0, '完成月份与期限同月，无法判断是否按期', 'done in the deadline month; cannot tell whether on time');
  }
  const done = dateKey(doneYear, actual.month, actual.day ?? 1);
  return done <= deadline ? outcome('date', 'met', ctx.weight, '无偏差') : late();
}

const ABSENCE = /^(?:不|未|无|没有|零|杜绝)(?:发生|出现)?/;
/** What an absence is of: an event, never a quality ("不断提高" is no absence). */
const EVENT = /发生|出现|事故|事件|投诉|案件|违规|违纪|违法|差错|纠纷|上访|疫情|火灾|影响|污染|破坏|隐患|损失/;

/** "无上访", "未发生安全事故", "零投诉": no such event happened. */
function isAbsenceOfEvent(text: string): boolean {
  const absence = ABSENCE.exec(text);
  return absence !== null && absence[0] !== '不' && EVENT.test(text.slice(absence[0].length));
}

/**
 * "不发生重大安全事故" answered "未发生重大安全事故", "无" or "零事故": the same absence in other
 * words. The target must be an absence of an event; the actual the same absence, or a bare one.
 */
function sameAbsence(wanted: string, said: string): boolean {
  const target = ABSENCE.exec(wanted);
  const actual = ABSENCE.exec(said);
  if (!target || !actual || !EVENT.test(wanted)) return false;
  const of = (text: string, marker: RegExpExecArray) => text.slice(marker[0].length);
  const targetOf = of(wanted, target);
  const actualOf = of(said, actual);
  return actualOf === '' || actualOf === targetOf || targetOf.endsWith(actualOf);
}

/** Grades as forms write them, best first: 优秀 above 良好 above 合格; 不合格 at the bottom. */
const GRADE_RANK = new Map<string, number>([
  ['优秀', 4],
  ['优', 4],
  ['优良', 3.5],
  ['良好', 3],
  ['良', 3],
  ['较好', 3],
  ['中等', 2],
  ['中', 2],
  ['合格', 2],
  ['及格', 2],
  ['基本合格', 1],
  ['较差', 0.5],
  ['差', 0],
  ['不合格', 0],
]);

/** Targets that mean all of it: "全覆盖", "全部完成", answered by a share ("100%", "96%"). */
const WHOLE = /^(?:全覆盖|全部覆盖|全面覆盖|全部完成|全部|全面完成)$/;

function scoreQualitative(targetText: string, actual: Measure, ctx: RowContext): RowOutcome {
  if (actual.kind === 'number' && actual.unit === '%' && WHOLE.test(normaliseText(targetText))) {
    return scoreNumber('higher', { kind: 'number', comparator: 'higher', value: 100, unit: '%', writtenUnit: '%' }, actual, ctx);
  }
  // "按时限完成" answered "100%": all of what the target says is done.
  if (actual.kind === 'number' && actual.unit === '%' && actual.value >= 100 && tierOf(normaliseText(targetText)) === 'achieved') {
    return outcome('qualitative', 'met', ctx.weight, '无偏差');
  }
  if (actual.kind !== 'qualitative') {
    return needsJudgement('qualitative', 0, '定性指标的实际值需人工判断', 'a qualitative target needs your judgement');
  }
  const said = normaliseText(actual.text);
  const wanted = normaliseText(targetText);
  // "不是" contains "是" and "不高" contains "高": a negation around the repeated words undoes it
  // ("非常满意" is no negation: 非常 is "very").
  const repeatsTarget = said !== '' && wanted !== '' && said.includes(wanted) && !/[不未没无非]/.test(said.replace(wanted, '').replace(/非常/g, ''));
  // The target's own words, repeated exactly, are achieved even when they sound modest ("基本满意").
  const same = (said === wanted && said !== '') || sameAbsence(wanted, said) || keepsStatedBound(wanted, said);
  // "优秀" wanted, "良好" achieved: a grade below the one set is no achievement, though 良好 sounds like one.
  const wantedGrade = GRADE_RANK.get(wanted);
  const saidGrade = GRADE_RANK.get(said);
  if (!same && wantedGrade !== undefined && saidGrade !== undefined) {
    if (saidGrade >= wantedGrade) return outcome('qualitative', 'met', ctx.weight, '无偏差');
    if (saidGrade === 0) {
      const failed = tierShare('failed', ctx.profile);
      return outcome('qualitative', 'unmet', failed * ctx.weight, `未达成（计${pct(failed)}）`);
    }
    const share = tierShare('partial', ctx.profile);
    return needsJudgement('qualitative', share * ctx.weight, '实际等次低于目标等次', 'the grade achieved is below the grade set');
  }
  const tier: QualitativeTier | undefined = same ? 'achieved' : (actual.tier ?? (repeatsTarget ? 'achieved' : undefined));
  if (tier === undefined) {
    return needsJudgement('qualitative', 0, '无法判断是否达成', 'cannot tell whether it was achieved');
  }
  const share = tierShare(tier, ctx.profile);
  if (tier === 'achieved' && share >= 1) return outcome('qualitative', 'met', ctx.weight, '无偏差');
  const label = tier === 'achieved' ? '达成' : tier === 'partial' ? '部分达成' : '未达成';
  return outcome('qualitative', 'unmet', share * ctx.weight, `${label}（计${pct(share)}）`);
}
