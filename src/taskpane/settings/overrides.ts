/**
 * The settings form edits a whole profile; the workbook saves only what differs from the chosen
 * built-in profile, so that a later fix to a built-in profile still reaches workbooks that did
 * not change that setting.
 */
import { customiseProfile, type ProfileOverrides } from '../../engine/rules/customise';
import { findProfile, MOF_2020, type RuleProfile } from '../../engine/rules/profile';
import type { WorkbookSettings } from '../../app/ports';

const IDENTITY = new Set(['id', 'name', 'nameEn']);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The settings of `edited` that differ from `base`; nested groups are saved whole. */
export function overridesAgainst(base: RuleProfile, edited: RuleProfile): ProfileOverrides {
  const overrides: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edited)) {
    if (!IDENTITY.has(key) && !sameValue((base as unknown as Record<string, unknown>)[key], value)) overrides[key] = value;
  }
  return overrides as ProfileOverrides;
}

export function baseProfile(settings: WorkbookSettings): RuleProfile {
  return findProfile(settings.profileId) ?? MOF_2020;
}

/** The workbook's settings with some profile settings changed. */
export function withProfileChanges(settings: WorkbookSettings, changes: Partial<RuleProfile>): WorkbookSettings {
  const base = baseProfile(settings);
  const edited: RuleProfile = { ...customiseProfile(base, settings.overrides), ...changes };
  return { ...settings, overrides: overridesAgainst(base, edited) };
}
