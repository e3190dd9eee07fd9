/** The level-1 weights used when a sheet gives none (each is spread evenly over its rows). */
import type { RuleProfile } from '../../engine/rules/profile';
import { useLayout } from '../common/layout';
import { NumberField } from '../common/NumberField';
import { useStrings } from '../i18n';
import type { ProfileEditorProps } from './IndicatorRuleSettings';

type WeightKey = keyof RuleProfile['defaultWeights'];

export function WeightsSettings({ profile, onChange, disabled }: ProfileEditorProps) {
  const strings = useStrings();
  const layout = useLayout();
  const labels: Record<WeightKey, string> = {
    funds: strings.weightFunds,
    output: strings.weightOutput,
    benefit: strings.weightBenefit,
    satisfaction: strings.weightSatisfaction,
  };
  return (
    <fieldset className={layout.fieldset}>
      <legend>{strings.defaultWeights}</legend>
      {(Object.keys(labels) as WeightKey[]).map((key) => (
        <NumberField
          key={key}
          label={labels[key]}
          value={profile.defaultWeights[key]}
          min={0}
          max={100}
          unit={strings.unitPoints}
          disabled={disabled}
          onCommit={(points) => points !== undefined && onChange({ defaultWeights: { ...profile.defaultWeights, [key]: points } })}
        />
      ))}
    </fieldset>
  );
}
