/** The grade bands: each grade's name and the lowest total that earns it, highest first. */
import { Button, Field, Input } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { GradeBand } from '../../engine/rules/profile';
import { useLayout } from '../common/layout';
import { NumberField } from '../common/NumberField';
import { useStrings } from '../i18n';

/** gradeFor takes the first band the total reaches, so the bands must run from the highest down. */
function sorted(grades: GradeBand[]): GradeBand[] {
  return [...grades].sort((a, b) => b.min - a.min);
}

/** A grade's name, committed on leaving the field; an empty name is refused (it would print nothing). */
function GradeLabelField({ value, onCommit, disabled }: { value: string; onCommit: (label: string) => void; disabled?: boolean }) {
  const strings = useStrings();
  const layout = useLayout();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setDraft(value);
    setError(undefined);
  }, [value]);
  const commit = () => {
    const label = draft.trim();
    if (label === '') return setError(strings.labelRequired);
    setError(undefined);
    if (label !== value) onCommit(label);
  };
  return (
    <Field label={strings.gradeLabel} validationMessage={error} validationState={error ? 'error' : 'none'}>
      <Input
        className={layout.fill}
        value={draft}
        disabled={disabled}
        onChange={(_, data) => setDraft(data.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </Field>
  );
}

export function GradeBandsEditor({ grades, onChange, disabled }: { grades: GradeBand[]; onChange: (grades: GradeBand[]) => void; disabled?: boolean }) {
  const strings = useStrings();
  const layout = useLayout();
  const replace = (index: number, band: GradeBand) => onChange(sorted(grades.map((g, i) => (i === index ? band : g))));
  return (
    <fieldset className={layout.fieldset}>
      <legend>{strings.grades}</legend>
      {grades.map((band, index) => (
        <div key={index} className={layout.pair}>
          <GradeLabelField value={band.label} disabled={disabled} onCommit={(label) => replace(index, { ...band, label })} />
          <NumberField
            label={strings.gradeMin}
            value={band.min}
            min={0}
            max={100}
            unit={strings.unitPoints}
            disabled={disabled}
            onCommit={(min) => min !== undefined && replace(index, { ...band, min })}
          />
          {grades.length > 1 && (
            <Button
              className={layout.compactButton}
              disabled={disabled}
              aria-label={strings.removeGrade(band.label)}
              onClick={() => onChange(grades.filter((_, i) => i !== index))}
            >
              {strings.remove}
            </Button>
          )}
        </div>
      ))}
      <div>
        <Button size="small" disabled={disabled} onClick={() => onChange(sorted([...grades, { label: strings.newGrade, min: 0 }]))}>
          {strings.addGrade}
        </Button>
      </div>
    </fieldset>
  );
}
