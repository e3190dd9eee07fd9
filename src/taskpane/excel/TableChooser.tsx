/** Several indicator tables on one sheet: the user picks the one to score. */
import { Field } from '@fluentui/react-components';
import type { TableChoice } from '../../engine/evaluate';
import { useStrings } from '../i18n';
import { PaneSelect } from '../common/PaneSelect';

export function TableChooser({
  tables,
  chosen,
  onChoose,
  disabled,
}: {
  tables: TableChoice[];
  chosen: number;
  onChoose: (headerRow: number) => void;
  disabled: boolean;
}) {
  const strings = useStrings();
  return (
    <Field label={strings.chooseTable}>
      <PaneSelect value={String(chosen)} disabled={disabled} onChange={(_, data) => onChoose(Number(data.value))}>
        {tables.map((table) => (
          <option key={table.headerRow} value={String(table.headerRow)}>
            {strings.tableOption(table.headerRow, table.label)}
          </option>
        ))}
      </PaneSelect>
    </Field>
  );
}
