/** The rule-profile chooser, in the Excel settings panel and in the Word pane alike. */
import { Field } from '@fluentui/react-components';
import { BUILT_IN_PROFILES } from '../../engine/rules/profile';
import { PaneSelect } from '../common/PaneSelect';
import { useStrings } from '../i18n';
import { pick } from '../strings';

export function ProfileField({ value, disabled = false, onChange }: { value: string; disabled?: boolean; onChange: (profileId: string) => void }) {
  const strings = useStrings();
  return (
    <Field label={strings.profile}>
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
