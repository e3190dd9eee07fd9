/** Which rows the user may judge, and the share band each tier allows under a profile. */
import type { IndicatorResult } from '../../engine/evaluation';
import type { QualitativeTier } from '../../engine/parse/measure-types';
import type { RuleProfile } from '../../engine/rules/profile';
import type { Judgement } from '../../engine/score/score-indicator';

/**
 * Qualitative and deadline rows, rows the engine could not decide, and rows already judged (a
 * judged numeric row is no longer "needs-judgement" but must stay where the user can change it).
 */
export function judgeableRows(indicators: IndicatorResult[], judgements: Record<number, Judgement> | undefined): IndicatorResult[] {
  return indicators.filter(
    (row) => row.kind === 'qualitative' || row.kind === 'date' || row.status === 'needs-judgement' || judgements?.[row.row] !== undefined,
  );
}

/** [lowest, highest] share of the weight a tier may earn (the same band judgedShare clamps to). */
export function tierBand(tier: QualitativeTier, profile: RuleProfile): [number, number] {
  const { bands } = profile.qualitative;
  if (tier === 'achieved') return [bands.achieved, 1];
  if (tier === 'partial') return [bands.partial, bands.achieved];
  return [0, bands.partial];
}

/** A bare share (saved by hand or an older version) shown as the tier its band belongs to. */
export function asTierJudgement(judgement: Judgement, profile: RuleProfile): { tier: QualitativeTier; share?: number } {
  if (typeof judgement !== 'number') return judgement;
  const { bands } = profile.qualitative;
  const tier: QualitativeTier = judgement >= bands.achieved ? 'achieved' : judgement >= bands.partial ? 'partial' : 'failed';
  return { tier, share: judgement };
}

/** A tier judgement with the 三级指标 it is made for; a bare share (older saves) stays as it is. */
export function labelled(judgement: Judgement | undefined, label: string | undefined): Judgement | undefined {
  if (judgement === undefined || typeof judgement === 'number' || !label) return judgement;
  return { ...judgement, label };
}

/** The workbook's judgements with one row's changed (undefined removes it). */
export function withJudgement(
  all: Record<string, Record<number, Judgement>>,
  sheet: string,
  row: number,
  judgement: Judgement | undefined,
): Record<string, Record<number, Judgement>> {
  const forSheet = { ...(all[sheet] ?? {}) };
  if (judgement === undefined) delete forSheet[row];
  else forSheet[row] = judgement;
  const next = { ...all, [sheet]: forSheet };
  if (Object.keys(forSheet).length === 0) delete next[sheet];
  return next;
}
