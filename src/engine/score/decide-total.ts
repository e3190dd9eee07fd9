/**
 * The total, its maximum and its grade, decided once: the sheet, the JSON, the pane and the report
 * all read this decision, so they can never disagree about a table's points.
 */
import type { Problem } from '../evaluation';
import { formatNumber, percentText, problem } from '../messages';
import { gradeFor, type RuleProfile } from '../rules/profile';
import { round2 } from './round';

export interface TotalInput {
  /** Funds score plus the row scores, before any rebasing or cap. */
  rawScore: number;
  /** The points of the table: funds weight plus the row weights. */
  points: number;
  /** Whether the sheet has a funds block at all. */
  fundsFound: boolean;
  /** 执行率 as a fraction, and its cell, for the provincial caps. */
  rate?: number;
  rateCell?: string;
  profile: RuleProfile;
}

export interface TotalDecision {
  score: number;
  /** What the score is out of: the table's points, or 100 once rebased. */
  max: number;
  rebased: boolean;
  grade: string;
  problems: Problem[];
}

export function decideTotal(input: TotalInput): TotalDecision {
  const { profile, points, rate } = input;
  const problems: Problem[] = [];
  const rebased = profile.rebaseTo100 && points > 0 && points < 100;
  const max = rebased ? 100 : points;
  let score = rebased ? round2((input.rawScore / points) * 100) : round2(input.rawScore);

  if (!input.fundsFound) problems.push(problem(rebased ? 'funds-missing-rebased' : 'funds-missing', undefined, { max: formatNumber(points) }));
  else if (Math.abs(points - 100) > 0.005) problems.push(problem('weights-not-100', undefined, { total: formatNumber(points) }));
  if (rebased && input.fundsFound) problems.push(problem('rebased', undefined, { max: formatNumber(points), raw: formatNumber(input.rawScore) }));

  const cap = rate === undefined ? undefined : profile.funds.totalCaps.find((c) => rate < c.below);
  // The provincial caps are set on a 100-point scale: a table of other points is capped at the same share.
  const capPoints = cap && round2((cap.cap * max) / 100);
  if (cap && capPoints !== undefined && score > capPoints) {
    problems.push(
      problem('total-capped', input.rateCell, {
        rate: percentText(rate ?? 0),
        below: percentText(cap.below),
        cap: formatNumber(capPoints),
        raw: formatNumber(score),
      }),
    );
    score = capPoints;
  }
  // Row scores never exceed their weights, so only arithmetic could push the total past its maximum.
  score = Math.min(score, max);

  const share = max > 0 ? (score / max) * 100 : 0;
  const grade = gradeFor(max === 100 ? score : share, profile.grades);
  if (max !== 100 && max > 0) {
    problems.push(problem('grade-on-share', undefined, { max: formatNumber(max), score: formatNumber(score), share: `${formatNumber(share)}%`, grade }));
  }
  return { score, max, rebased, grade, problems };
}
