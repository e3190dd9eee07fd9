/** A built-in profile with the user's own settings laid over it (the task pane's settings form). */
import type { RuleProfile } from './profile';

export type ProfileOverrides = Partial<Omit<RuleProfile, 'id' | 'name' | 'nameEn'>>;

/**
 * Nested settings are merged one level deep, so that changing the over-achievement threshold
 * keeps the profile's deduction. Arrays (grade bands, total caps) are replaced whole.
 */
export function customiseProfile(base: RuleProfile, overrides: ProfileOverrides): RuleProfile {
  if (Object.keys(overrides).length === 0) return base;
  const merged: RuleProfile = { ...base, ...overrides };
  if (overrides.defaultWeights) merged.defaultWeights = { ...base.defaultWeights, ...overrides.defaultWeights };
  if (overrides.overAchievement) merged.overAchievement = { ...base.overAchievement, ...overrides.overAchievement };
  if (overrides.qualitative) {
    merged.qualitative = {
      bands: { ...base.qualitative.bands, ...overrides.qualitative.bands },
      shares: { ...base.qualitative.shares, ...overrides.qualitative.shares },
    };
  }
  if (overrides.funds) merged.funds = { ...base.funds, ...overrides.funds };
  return merged;
}
