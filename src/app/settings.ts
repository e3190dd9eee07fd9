/**
 * The format of the settings the add-in saves per workbook (in a custom XML part now,
 * addin-data-parts.ts; under SETTINGS_KEY in Office.context.document.settings in earlier builds):
 * the parser that turns whatever was saved (by an older or newer version, or damaged) into valid
 * settings. Pure: no Office globals, no Node, so that the Excel host (office/excel/addin-data.ts), the
 * reader of a saved .xlsx file (xlsx/addin-settings.ts, used by the Word pane and the CLI) and
 * tests all read a saved value the same way.
 */
import { DEFAULT_SETTINGS } from './scoring-run';
import type { Judgement } from '../engine/score/score-indicator';
import type { ProfileOverrides } from '../engine/rules/customise';
import type { GradeBand } from '../engine/rules/profile';
import type { WorkbookSettings } from './ports';

/** The Office.Settings key earlier builds saved the workbook's settings under. */
export const SETTINGS_KEY = 'perfSelfEval.settings';

export type Plain = Record<string, unknown>;

export const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isShare = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 1;

export function cloneDefaults(): WorkbookSettings {
  return JSON.parse(JSON.stringify(DEFAULT_SETTINGS)) as WorkbookSettings;
}

/** Anything → valid settings. A JSON string (as some hosts hand settings back) is parsed first. */
export function sanitiseSettings(raw: unknown): WorkbookSettings {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return cloneDefaults();
    }
  }
  const result = cloneDefaults();
  if (!isPlain(value)) return result;
  if (typeof value.profileId === 'string' && value.profileId.trim()) result.profileId = value.profileId;
  if (typeof value.keepExistingScores === 'boolean') result.keepExistingScores = value.keepExistingScores;
  if (isPlain(value.overrides)) result.overrides = sanitiseOverrides(value.overrides);
  if (isPlain(value.judgements)) result.judgements = sanitiseJudgements(value.judgements);
  for (const field of ['sheetIds', 'sheetKeys'] as const) {
    const raw = value[field];
    if (!isPlain(raw)) continue;
    const ids: Record<string, string> = {};
    for (const [sheet, id] of Object.entries(raw)) if (typeof id === 'string' && id && id.length <= 100) ids[sheet] = id;
    if (Object.keys(ids).length > 0) result[field] = ids;
  }
  if (isPlain(value.tableRows)) {
    for (const [sheet, row] of Object.entries(value.tableRows)) {
      if (Number.isInteger(row) && (row as number) > 0) result.tableRows[sheet] = row as number;
    }
  }
  return result;
}

function sanitiseJudgements(raw: Plain): WorkbookSettings['judgements'] {
  const out: WorkbookSettings['judgements'] = {};
  for (const [sheet, rows] of Object.entries(raw)) {
    if (!isPlain(rows)) continue;
    const kept: Record<number, Judgement> = {};
    for (const [row, judgement] of Object.entries(rows)) {
      const n = Number(row);
      if (!Number.isInteger(n) || n <= 0) continue;
      const valid = sanitiseJudgement(judgement);
      if (valid !== undefined) kept[n] = valid;
    }
    if (Object.keys(kept).length > 0) out[sheet] = kept;
  }
  return out;
}

function sanitiseJudgement(raw: unknown): Judgement | undefined {
  if (isShare(raw)) return raw;
  if (isPlain(raw) && (raw.tier === 'achieved' || raw.tier === 'partial' || raw.tier === 'failed')) {
    // the 三级指标 the row had when judged, so that the judgement follows it (score/follow-judgements.ts)
    const label = typeof raw.label === 'string' && raw.label.trim() && raw.label.length <= 500 ? { label: raw.label } : {};
    return isShare(raw.share) ? { tier: raw.tier, share: raw.share, ...label } : { tier: raw.tier, ...label };
  }
  return undefined;
}

/** Only the rule settings the profile has, each with the right shape; the rest is dropped. */
function sanitiseOverrides(raw: Plain): ProfileOverrides {
  const out: ProfileOverrides = {};
  const numbers = <K extends string>(value: unknown, keys: readonly K[], check: (v: unknown) => v is number = isNumber) => {
    if (!isPlain(value)) return undefined;
    const picked: Partial<Record<K, number>> = {};
    for (const k of keys) if (check(value[k])) picked[k] = value[k] as number;
    return Object.keys(picked).length > 0 ? picked : undefined;
  };
  const weights = numbers(raw.defaultWeights, ['funds', 'output', 'benefit', 'satisfaction'] as const);
  if (weights) out.defaultWeights = weights as ProfileOverrides['defaultWeights'];
  if (raw.reverseFormula === 'ratio' || raw.reverseFormula === 'linear') out.reverseFormula = raw.reverseFormula;
  const over = numbers(raw.overAchievement, ['threshold', 'deduction'] as const);
  if (over) out.overAchievement = over as ProfileOverrides['overAchievement'];
  if (isPlain(raw.qualitative)) {
    const bands = numbers(raw.qualitative.bands, ['achieved', 'partial'] as const, isShare);
    const shares = numbers(raw.qualitative.shares, ['achieved', 'partial', 'failed'] as const, isShare);
    // customiseProfile merges bands and shares one level down, so partial objects are fine
    if (bands || shares) out.qualitative = { ...(bands ? { bands } : {}), ...(shares ? { shares } : {}) } as ProfileOverrides['qualitative'];
  }
  if (raw.lateShare === null || isShare(raw.lateShare)) out.lateShare = raw.lateShare;
  if (isPlain(raw.funds)) {
    const funds: Plain = {};
    if (raw.funds.denominator === 'adjusted' || raw.funds.denominator === 'initial') funds.denominator = raw.funds.denominator;
    if (isShare(raw.funds.flagBelow)) funds.flagBelow = raw.funds.flagBelow;
    if (typeof raw.funds.noteRequiredBelow === 'boolean') funds.noteRequiredBelow = raw.funds.noteRequiredBelow;
    if (Array.isArray(raw.funds.totalCaps) && raw.funds.totalCaps.every((c) => isPlain(c) && isShare(c.below) && isNumber(c.cap))) {
      funds.totalCaps = (raw.funds.totalCaps as Plain[]).map((c) => ({ below: c.below as number, cap: c.cap as number }));
    }
    if (Object.keys(funds).length > 0) out.funds = funds as ProfileOverrides['funds'];
  }
  if (typeof raw.rebaseTo100 === 'boolean') out.rebaseTo100 = raw.rebaseTo100;
  if (Array.isArray(raw.grades) && raw.grades.length > 0 && raw.grades.every((g) => isPlain(g) && isNumber(g.min) && typeof g.label === 'string' && g.label)) {
    out.grades = (raw.grades as Plain[]).map((g): GradeBand => ({ min: g.min as number, label: g.label as string }));
  }
  return out;
}

/**
 * The settings with another rule profile, as choosing a profile in the Excel settings panel does:
 * the rule adjustments (overrides) belong to the profile they were made on and are dropped; the
 * judgements, table choices and keepExistingScores stay. The same settings when the profile is the same.
 */
export function withProfile(settings: WorkbookSettings, profileId: string): WorkbookSettings {
  return settings.profileId === profileId ? settings : { ...settings, profileId, overrides: {} };
}
