/**
 * The rule-profile chooser, in the Excel settings panel and in the Word pane alike. A profile's
 * name runs to forty characters ("省级平台规则（线性反向、执行率封顶、超额扣2分）"), more than a
 * native <select> shows in a 320 px pane: a name that long is repeated in full under the box,
 * where it wraps, so that the user always reads which rules apply.
 */
import { Field } from '@fluentui/react-components';
import { BUILT_IN_PROFILES } from '../../engine/rules/profile';
import { PaneSelect } from '../common/PaneSelect';
import { useStrings } from '../i18n';
import { pick } from '../strings';

/** Text width in half-width units (a Chinese character counts two): what fits a 320 px pane's box. */
const FITS_UNITS = 30;

export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return units;
}

export function ProfileField({ value, disabled = false, onChange }: { value: string; disabled?: boolean; onChange: (profileId: string) => void }) {
  const strings = useStrings();
  const chosen = BUILT_IN_PROFILES.find((p) => p.id === value);
  const name = chosen && pick(strings, chosen.name, chosen.nameEn);
  return (
    <Field label={strings.profile} hint={name && textUnits(name) > FITS_UNITS ? strings.profileChosen(name) : undefined}>
      <PaneSelect value={value} disabled={disabled} onChange={(_, data) => onChange(data.value)}>
        {BUILT_IN_PROFILES.map((p) => (
          <option key={p.id} value={p.id}>
            {pick(strings, p.name, p.nameEn)}
          </option>
        ))}
      </PaneSelect>
    </Field>
  );
}
