/** How the funds block counts: the rate's denominator, when a low rate is flagged, caps on the total. */
import { Checkbox } from '@fluentui/react-components';
import { NumberField } from '../common/NumberField';
import { toPercent } from '../format';
import { useStrings } from '../i18n';
import { CapsEditor } from './CapsEditor';
import { ChoiceGroup } from './ChoiceGroup';
import type { ProfileEditorProps } from './IndicatorRuleSettings';

export function FundsSettings({ profile, onChange, disabled }: ProfileEditorProps) {
  const strings = useStrings();
  const { funds } = profile;
  return (
    <>
      <ChoiceGroup
        label={strings.fundsDenominator}
        value={funds.denominator}
        disabled={disabled}
        choices={[
          { value: 'adjusted', label: strings.denominatorAdjusted },
          { value: 'initial', label: strings.denominatorInitial },
        ]}
        onChange={(denominator) => onChange({ funds: { ...funds, denominator } })}
      />
      <NumberField
        label={strings.flagBelow}
        value={toPercent(funds.flagBelow)}
        min={0}
        max={100}
        unit={strings.unitPercent}
        disabled={disabled}
        onCommit={(percent) => percent !== undefined && onChange({ funds: { ...funds, flagBelow: percent / 100 } })}
      />
      <Checkbox
        label={strings.noteRequired}
        checked={funds.noteRequiredBelow}
        disabled={disabled}
        onChange={(_, data) => onChange({ funds: { ...funds, noteRequiredBelow: data.checked === true } })}
      />
      <CapsEditor caps={funds.totalCaps} disabled={disabled} onChange={(totalCaps) => onChange({ funds: { ...funds, totalCaps } })} />
      <Checkbox
        label={strings.rebase}
        checked={profile.rebaseTo100}
        disabled={disabled}
        onChange={(_, data) => onChange({ rebaseTo100: data.checked === true })}
      />
    </>
  );
}
