/**
 * Rule profiles: every scoring choice that differs between the Ministry's rules and a region's
 * practice is a setting here, so the scorer has no `if (province === …)` branches.
 */

export interface GradeBand {
  /** Lowest total that earns this label. */
  min: number;
  label: string;
}

export interface RuleProfile {
  id: string;
  /** Display name, zh-CN and en-US. */
  name: string;
  nameEn: string;
  /** Default level-1 weights, used when the sheet has none. */
  defaultWeights: { funds: number; output: number; benefit: number; satisfaction: number };
  /** Lower-is-better rows that miss: A ÷ B × weight ('ratio'), or (1 − (B − A) ÷ A) × weight ('linear'). */
  reverseFormula: 'ratio' | 'linear';
  overAchievement: {
    /** B ÷ A at or above this flags a higher-is-better row as over-achieved. */
    threshold: number;
    /** Points taken off an over-achieved row (0: flag only). */
    deduction: number;
  };
  qualitative: {
    /** Lower bounds of the 达成 and 部分达成 bands as shares of the weight: 80/60 or 80/50. */
    bands: { achieved: number; partial: number };
    /** Default share of the weight for each tier when the user has not judged the row. */
    shares: { achieved: number; partial: number; failed: number };
  };
  /** Share of the weight a deadline row earns when done late (null: the user must judge it). */
  lateShare: number | null;
  funds: {
    /** 执行率 denominator: the adjusted budget (全年预算数) or, as a 2016 template did, the initial one. */
    denominator: 'adjusted' | 'initial';
    /** A rate below this is flagged. */
    flagBelow: number;
    /** Whether a low rate needs a written explanation (Sichuan). */
    noteRequiredBelow: boolean;
    /** Caps on the total by 执行率, checked in order: rate < below → total at most cap. */
    totalCaps: { below: number; cap: number }[];
  };
  /** Re-base the total to 100 when rows are not applicable or the funds block is missing. */
  rebaseTo100: boolean;
  /** Highest band first. */
  grades: GradeBand[];
}

export const MOF_2020: RuleProfile = {
  id: 'mof-2020',
  name: '财政部2020年规则（默认）',
  nameEn: 'Ministry of Finance 2020 (default)',
  defaultWeights: { funds: 10, output: 50, benefit: 30, satisfaction: 10 },
  reverseFormula: 'ratio',
  overAchievement: { threshold: 1.3, deduction: 0 },
  qualitative: {
    bands: { achieved: 0.8, partial: 0.6 },
    shares: { achieved: 1, partial: 0.7, failed: 0.3 },
  },
  lateShare: null,
  funds: { denominator: 'adjusted', flagBelow: 0.9, noteRequiredBelow: false, totalCaps: [] },
  rebaseTo100: false,
  grades: [
    { min: 90, label: '优' },
    { min: 80, label: '良' },
    { min: 60, label: '中' },
    { min: 0, label: '差' },
  ],
};

/** The seed unit's practice (a Hunan district): 90 优秀, 80 优良, 70 中, below that 差. */
export const HUNAN_NANYUE: RuleProfile = {
  ...MOF_2020,
  id: 'hunan-nanyue',
  name: '湖南南岳区单位自评（90优秀/80优良/70中）',
  nameEn: 'Hunan Nanyue district (90 excellent / 80 good / 70 fair)',
  grades: [
    { min: 90, label: '优秀' },
    { min: 80, label: '优良' },
    { min: 70, label: '中' },
    { min: 0, label: '差' },
  ],
};

/** A deployed provincial platform: linear reverse rule, total capped by 执行率, 80/50 tiers. */
export const PROVINCIAL_PLATFORM: RuleProfile = {
  ...MOF_2020,
  id: 'provincial-platform',
  name: '省级平台规则（线性反向、执行率封顶、超额扣2分）',
  nameEn: 'Provincial platform (linear reverse, total capped by execution rate, 2-point over-target deduction)',
  reverseFormula: 'linear',
  overAchievement: { threshold: 1.3, deduction: 2 },
  qualitative: {
    bands: { achieved: 0.8, partial: 0.5 },
    shares: { achieved: 1, partial: 0.65, failed: 0.25 },
  },
  funds: {
    denominator: 'adjusted',
    flagBelow: 0.9,
    noteRequiredBelow: true,
    totalCaps: [
      { below: 0.5, cap: 59 },
      { below: 0.6, cap: 69 },
      { below: 0.7, cap: 79 },
      { below: 0.8, cap: 89 },
    ],
  },
  rebaseTo100: true,
  grades: [
    { min: 90, label: '优秀' },
    { min: 80, label: '良好' },
    { min: 60, label: '中' },
    { min: 0, label: '差' },
  ],
};

export const BUILT_IN_PROFILES: readonly RuleProfile[] = [MOF_2020, HUNAN_NANYUE, PROVINCIAL_PLATFORM];

export const DEFAULT_PROFILE_ID = MOF_2020.id;

export function findProfile(id: string): RuleProfile | undefined {
  return BUILT_IN_PROFILES.find((p) => p.id === id);
}

/** The grade label a total earns under a profile's bands. */
export function gradeFor(total: number, grades: readonly GradeBand[]): string {
  for (const band of grades) if (total >= band.min) return band.label;
  return grades[grades.length - 1]?.label ?? '';
}
