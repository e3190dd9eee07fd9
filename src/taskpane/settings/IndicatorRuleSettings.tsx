/** How indicator rows are scored: the reverse formula, over-achievement, qualitative tiers, deadlines. */
import type { RuleProfile } from '../../engine/rules/profile';
import { useLayout } from '../common/layout';
import { NumberField } from '../common/NumberField';
import { toPercent } from '../format';
import { useStrings } from '../i18n';
import { ChoiceGroup } from './ChoiceGroup';

export interface ProfileEditorProps {
  profile: RuleProfile;
  onChange: (changes: Partial<RuleProfile>) => void;
  disabled?: boolean;
}

/** Where a late deadline row earns a share and none is set yet, start from half the weight. */
const DEFAULT_LATE_SHARE = 0.5;

export function IndicatorRuleSettings({ profile, onChange, disabled }: ProfileEditorProps) {
  const strings = useStrings();
  const layout = useLayout();
  const { overAchievement, qualitative } = profile;
  const bandsValue =
    qualitative.bands.achieved === 0.8 && (qualitative.bands.partial === 0.6 || qualitative.bands.partial === 0.5)
      ? qualitative.bands.partial === 0.6
        ? '80/60'
        : '80/50'
      : '';
  const share = (tier: keyof RuleProfile['qualitative']['shares'], label: string) => (
    <NumberField
      label={label}
      value={toPercent(qualitative.shares[tier])}
      min={0}
      max={100}
      unit={strings.unitPercent}
      disabled={disabled}
      onCommit={(percent) => percent !== undefined && onChange({ qualitative: { ...qualitative, shares: { ...qualitative.shares, [tier]: percent / 100 } } })}
    />
  );
  return (
    <>
      <ChoiceGroup
        label={strings.reverseFormula}
        value={profile.reverseFormula}
        disabled={disabled}
        choices={[
          { value: 'ratio', label: strings.reverseRatio },
          { value: 'linear', label: strings.reverseLinear },
        ]}
        onChange={(reverseFormula) => onChange({ reverseFormula })}
      />
      <NumberField
        label={strings.overThreshold}
        value={toPercent(overAchievement.threshold)}
        min={100}
        max={1000}
        unit={strings.unitPercent}
        disabled={disabled}
        onCommit={(percent) => percent !== undefined && onChange({ overAchievement: { ...overAchievement, threshold: percent / 100 } })}
      />
      <NumberField
        label={strings.overDeduction}
        value={overAchievement.deduction}
        min={0}
        max={100}
        unit={strings.unitPoints}
        disabled={disabled}
        onCommit={(deduction) => deduction !== undefined && onChange({ overAchievement: { ...overAchievement, deduction } })}
      />
      <ChoiceGroup
        label={strings.qualitativeBands}
        value={bandsValue}
        disabled={disabled}
        choices={[
          { value: '80/60', label: strings.bands8060 },
          { value: '80/50', label: strings.bands8050 },
        ]}
        onChange={(bands) => onChange({ qualitative: { ...qualitative, bands: { achieved: 0.8, partial: bands === '80/60' ? 0.6 : 0.5 } } })}
      />
      <fieldset className={layout.fieldset}>
        <legend>{strings.tierShares}</legend>
        {share('achieved', strings.tierAchieved)}
        {share('partial', strings.tierPartial)}
        {share('failed', strings.tierFailed)}
      </fieldset>
      <ChoiceGroup
        label={strings.lateShare}
        value={profile.lateShare === null ? 'judge' : 'fixed'}
        disabled={disabled}
        choices={[
          { value: 'judge', label: strings.lateJudge },
          { value: 'fixed', label: strings.lateFixed },
        ]}
        onChange={(mode) => onChange({ lateShare: mode === 'judge' ? null : (profile.lateShare ?? DEFAULT_LATE_SHARE) })}
      />
      {profile.lateShare !== null && (
        <NumberField
          label={strings.lateShareValue}
          value={toPercent(profile.lateShare)}
          min={0}
          max={100}
          unit={strings.unitPercent}
          disabled={disabled}
          onCommit={(percent) => percent !== undefined && onChange({ lateShare: percent / 100 })}
        />
      )}
    </>
  );
}
