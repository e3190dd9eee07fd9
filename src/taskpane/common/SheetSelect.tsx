/**
 * Which sheet of a chosen workbook file to show, when more than one holds a table: the Word pane
 * and the 网页版 both ask it.
 */
import { Field } from '@fluentui/react-components';
import { useStrings } from '../i18n';
import { PaneSelect } from './PaneSelect';

export interface SheetSelectProps {
  sheets: readonly { name: string }[];
  value: string | undefined;
  disabled: boolean;
  onChoose: (name: string) => void;
}

export function SheetSelect({ sheets, value, disabled, onChoose }: SheetSelectProps) {
  const strings = useStrings();
  return (
    <Field label={strings.chooseSheet}>
      <PaneSelect value={value ?? ''} disabled={disabled} onChange={(_, data) => onChoose(data.value)}>
        {sheets.map((sheet) => (
          <option key={sheet.name} value={sheet.name}>
            {sheet.name}
          </option>
        ))}
      </PaneSelect>
    </Field>
  );
}
