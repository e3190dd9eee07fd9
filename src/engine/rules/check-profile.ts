/**
 * A rule profile's numbers checked against the ranges the settings panel allows. A profile comes
 * from the user's saved adjustments laid over a built-in one (customise.ts), and a saved value can
 * be damaged or written by another version: a negative default weight would give negative scores.
 *
 * WHY an out-of-range setting is replaced by the built-in profile's own value, with a warning naming
 * it, rather than refusing to score: the saved-settings reader (app/settings.ts) already
 * treats a damaged value so, one setting at a time (a wrong type, a share outside 0–1), and the
 * built-in value is what the user had before adjusting it. Refusing would stop every sheet of the
 * workbook over one damaged adjustment. The warning tells the user the score does not follow the
 * saved setting, and the settings panel still shows the bad value where it can be corrected.
 */
import type { Problem } from '../evaluation';
import { formatNumber, percentText, problem } from '../messages';
import { findProfile, MOF_2020, type GradeBand, type RuleProfile } from './profile';

interface NumberSetting {
  zh: string;
  en: string;
  get: (p: RuleProfile) => number | null;
  with: (p: RuleProfile, value: number | null) => RuleProfile;
  min: number;
  max: number;
  /** Shares and thresholds are shown as percentages, as the settings panel shows them. */
  percent?: boolean;
  /** null is a valid value (lateShare: the user judges late rows). */
  nullable?: boolean;
}

type WeightKey = keyof RuleProfile['defaultWeights'];
type TierKey = keyof RuleProfile['qualitative']['shares'];
type BandKey = keyof RuleProfile['qualitative']['bands'];

const WEIGHT_NAMES: Record<WeightKey, [string, string]> = {
  funds: ['预算执行率', 'Execution rate'],
  output: ['产出指标', 'Outputs'],
  benefit: ['效益指标', 'Benefits'],
  satisfaction: ['满意度指标', 'Satisfaction'],
};
const TIER_NAMES: Record<TierKey, [string, string]> = {
  achieved: ['达成', 'Achieved'],
  partial: ['部分达成', 'Partly achieved'],
  failed: ['未达成', 'Not achieved'],
};

const weightSetting = (key: WeightKey): NumberSetting => ({
  zh: `“${WEIGHT_NAMES[key][0]}”的默认分值`,
  en: `the default weight of ${WEIGHT_NAMES[key][1]}`,
  get: (p) => p.defaultWeights[key],
  with: (p, v) => ({ ...p, defaultWeights: { ...p.defaultWeights, [key]: v } }),
  min: 0,
  max: 100,
});
const shareSetting = (key: TierKey): NumberSetting => ({
  zh: `定性指标“${TIER_NAMES[key][0]}”档的得分比例`,
  en: `the share of the weight for ${TIER_NAMES[key][1]}`,
  get: (p) => p.qualitative.shares[key],
  with: (p, v) => ({ ...p, qualitative: { ...p.qualitative, shares: { ...p.qualitative.shares, [key]: v } } }),
  min: 0,
  max: 1,
  percent: true,
});
const bandSetting = (key: BandKey): NumberSetting => ({
  zh: `定性指标“${TIER_NAMES[key][0]}”档的下限`,
  en: `the lower bound of ${TIER_NAMES[key][1]}`,
  get: (p) => p.qualitative.bands[key],
  with: (p, v) => ({ ...p, qualitative: { ...p.qualitative, bands: { ...p.qualitative.bands, [key]: v } } }),
  min: 0,
  max: 1,
  percent: true,
});

/** The panel's own limits (taskpane/settings): what can be set there is valid here. */
const NUMBER_SETTINGS: NumberSetting[] = [
  ...(['funds', 'output', 'benefit', 'satisfaction'] as const).map(weightSetting),
  {
    zh: '“超目标较多”的标准',
    en: 'the well-over-target threshold',
    get: (p) => p.overAchievement.threshold,
    with: (p, v) => ({ ...p, overAchievement: { ...p.overAchievement, threshold: v as number } }),
    min: 1,
    max: 10,
    percent: true,
  },
  {
    zh: '超目标较多时扣减的分数',
    en: 'the points taken off a row well over target',
    get: (p) => p.overAchievement.deduction,
    with: (p, v) => ({ ...p, overAchievement: { ...p.overAchievement, deduction: v as number } }),
    min: 0,
    max: 100,
  },
  ...(['achieved', 'partial'] as const).map(bandSetting),
  ...(['achieved', 'partial', 'failed'] as const).map(shareSetting),
  {
    zh: '逾期完成的得分比例',
    en: 'the share of the weight when late',
    get: (p) => p.lateShare,
    with: (p, v) => ({ ...p, lateShare: v }),
    min: 0,
    max: 1,
    percent: true,
    nullable: true,
  },
  {
    zh: '执行率提示线',
    en: 'the execution rate flagged as low',
    get: (p) => p.funds.flagBelow,
    with: (p, v) => ({ ...p, funds: { ...p.funds, flagBelow: v as number } }),
    min: 0,
    max: 1,
    percent: true,
  },
];

const within = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && v >= min && v <= max;

/** A setting's value as the panel shows it: "-50分", "130%"; English without the unit word. */
function shown(value: unknown, percent: boolean | undefined, en = false): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return en ? `"${String(value)}"` : `“${String(value)}”`;
  return percent ? percentText(value) : en ? formatNumber(value) : `${formatNumber(value)}分`;
}

const validCaps = (caps: RuleProfile['funds']['totalCaps']): boolean =>
  Array.isArray(caps) && caps.every((c) => within(c?.below, 0, 1) && within(c?.cap, 0, 100));
const validGrades = (grades: GradeBand[]): boolean =>
  Array.isArray(grades) && grades.length > 0 && grades.every((g) => within(g?.min, 0, 100) && typeof g.label === 'string' && g.label !== '');

/**
 * The profile with every out-of-range setting replaced by its built-in profile's value (the same
 * object when all are fine), and a warning for each replaced one.
 */
export function checkProfile(profile: RuleProfile): { profile: RuleProfile; problems: Problem[] } {
  const base = findProfile(profile.id) ?? MOF_2020;
  const problems: Problem[] = [];
  let checked = profile;
  const replaced = (setting: [string, string], value: [string, string], fallback: string) =>
    problems.push(
      problem('setting-invalid', undefined, {
        setting: setting[0],
        settingEn: setting[1],
        value: value[0],
        valueEn: value[1],
        fallback,
        profile: base.name,
        profileEn: base.nameEn,
      }),
    );

  for (const s of NUMBER_SETTINGS) {
    const value = s.get(checked);
    if ((value === null && s.nullable) || within(value, s.min, s.max)) continue;
    const fallback = s.get(base);
    checked = s.with(checked, fallback);
    replaced(
      [s.zh, s.en],
      [
        `为${shown(value, s.percent)}，不在${shown(s.min, s.percent)}到${shown(s.max, s.percent)}之间`,
        `is ${shown(value, s.percent, true)}, outside ${shown(s.min, s.percent, true)}–${shown(s.max, s.percent, true)}`,
      ],
      fallback === null ? '逾期完成的行由人工评定' : shown(fallback, s.percent),
    );
  }
  if (!validCaps(checked.funds.totalCaps)) {
    checked = { ...checked, funds: { ...checked.funds, totalCaps: base.funds.totalCaps } };
    const caps = base.funds.totalCaps.map((c) => `执行率低于${percentText(c.below)}最高${formatNumber(c.cap)}分`).join('、');
    replaced(['“按执行率封顶总分”', 'the caps on the total'], ['中有不在0到100之间的数', 'hold a number outside 0–100'], caps || '不封顶');
  }
  if (!validGrades(checked.grades)) {
    checked = { ...checked, grades: base.grades };
    replaced(
      ['“等级分档”', 'the grade bands'],
      ['中有最低分不在0到100之间或未命名的等级', 'hold a band from outside 0–100 or without a name'],
      base.grades.map((g) => `${g.label}${g.min}分`).join('、'),
    );
  }
  return { profile: checked, problems };
}
