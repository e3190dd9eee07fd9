/** The few choices a report needs from the user, shared by the Excel and Word panes. */
import { Field, Input } from '@fluentui/react-components';
// Types only: the report model's code belongs to the lazily loaded report chunk.
import type { OutlineId, ReportSettings } from '../../engine/report/model';
import type { Evaluation } from '../../engine/evaluation';
import { todayIso } from '../format';
import { useStrings } from '../i18n';
import { PaneSelect } from './PaneSelect';

export interface ReportFieldValues {
  unit: string;
  /** YYYY-MM-DD, or '' to leave the report's date placeholder. */
  date: string;
  outline: OutlineId;
}

/** The sheet's own unit (else its department) and today's date: what most reports need unchanged. */
export function defaultReportFields(evaluation: Evaluation | undefined): ReportFieldValues {
  return { unit: evaluation?.project.unit ?? evaluation?.project.department ?? '', date: todayIso(), outline: 'special-fund' };
}

export function reportSettingsFrom(values: ReportFieldValues): ReportSettings {
  const unit = values.unit.trim();
  const date = values.date.trim();
  return { ...(unit ? { unit } : {}), ...(date ? { date } : {}), outline: values.outline };
}

/** In the order the report module lists them; strings.ts is checked to name every one. */
const OUTLINE_CHOICES: readonly OutlineId[] = ['special-fund', 'hunan-unit', 'yunnan'];

function isOutline(value: string): value is OutlineId {
  return (OUTLINE_CHOICES as readonly string[]).includes(value);
}

export function ReportFields({ values, onChange, disabled }: { values: ReportFieldValues; onChange: (values: ReportFieldValues) => void; disabled?: boolean }) {
  const strings = useStrings();
  return (
    <>
      <Field label={strings.reportUnit}>
        <Input value={values.unit} disabled={disabled} onChange={(_, data) => onChange({ ...values, unit: data.value })} />
      </Field>
      {/* The date box shows the date in the webview's own format (12/04/2026 in an English one): the hint says it as the report will. */}
      <Field label={strings.reportDate} hint={strings.dateText(values.date.trim())}>
        <Input type="date" value={values.date} disabled={disabled} onChange={(_, data) => onChange({ ...values, date: data.value })} />
      </Field>
      <Field label={strings.reportOutline}>
        <PaneSelect
          value={values.outline}
          disabled={disabled}
          onChange={(_, data) => {
            if (isOutline(data.value)) onChange({ ...values, outline: data.value });
          }}
        >
          {OUTLINE_CHOICES.map((id) => (
            <option key={id} value={id}>
              {strings.outlines[id]}
            </option>
          ))}
        </PaneSelect>
      </Field>
    </>
  );
}
