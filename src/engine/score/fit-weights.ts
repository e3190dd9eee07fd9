/**
 * The indicator rows' points when the form says what they are worth together, and the notice that
 * says how the profile's default level-1 weights were fitted to them (assign-weights.ts fits them).
 */
import type { Problem } from '../evaluation';
import type { Grid } from '../grid';
import { statedIndicatorPoints } from '../locate/indicator-points';
import type { FundsBlock } from '../locate/locate-funds';
import type { IndicatorTable } from '../locate/locate-table';
import { formatNumber, problem } from '../messages';
import { MAX_POINTS } from '../read-points';
import type { RuleProfile } from '../rules/profile';
import { readFundsWeight } from './check-weights';
import { round2 } from './round';

export interface IndicatorPoints {
  points: number;
  cell?: string;
  /** Worked out from the funds' stated points, not stated for the indicators themselves. */
  fundsPoints?: number;
}

/**
 * What the indicator rows are worth together, when the form says so: stated in a caption or side
 * label ("年度目标1:(80分)"), else implied by the funds' own stated points when they differ from the
 * profile's (funds 20 of 100 leave the indicators 80).
 */
export function pointsForIndicators(
  grid: Grid,
  table: IndicatorTable,
  fundsBlock: FundsBlock | undefined,
  formTop: number,
  profile: RuleProfile,
): IndicatorPoints | undefined {
  const stated = statedIndicatorPoints(grid, table, formTop);
  if (stated) return stated;
  if (!fundsBlock) return undefined;
  const funds = readFundsWeight(grid, fundsBlock);
  if (funds.kind !== 'points' || funds.value >= MAX_POINTS || funds.value === profile.defaultWeights.funds) return undefined;
  const { output, benefit, satisfaction } = profile.defaultWeights;
  return { points: round2(profile.defaultWeights.funds + output + benefit + satisfaction - funds.value), cell: funds.cell, fundsPoints: funds.value };
}

export function fittedNotice(points: IndicatorPoints, split: string): Problem {
  const basis =
    points.fundsPoints === undefined
      ? [`表中列明绩效指标部分共${formatNumber(points.points)}分`, `the form gives the indicators ${formatNumber(points.points)} points`]
      : [
          `资金部分为${formatNumber(points.fundsPoints)}分，绩效指标部分按${formatNumber(points.points)}分计`,
          `the funds are worth ${formatNumber(points.fundsPoints)}, so the indicators ${formatNumber(points.points)}`,
        ];
  return problem('weights-fitted', points.cell, { basis: basis[0], basisEn: basis[1], split });
}
