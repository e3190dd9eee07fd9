/**
 * A number the user types. It is committed on leaving the field or pressing Enter, not on every
 * keystroke: each commit saves the workbook's settings and re-scores the preview.
 */
import { Field, Input } from '@fluentui/react-components';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { formatNumber } from '../format';
import { useLayout } from './layout';
import { useStrings } from '../i18n';

export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  min: number;
  max: number;
  /** Shown after the number: "%", "分". */
  unit?: string;
  /** An empty field is a valid answer (commits `undefined`). */
  allowEmpty?: boolean;
  placeholder?: string;
  hint?: string;
  disabled?: boolean;
}

/** Chinese input methods often type full-width digits ("９５．５"); read them as ordinary ones. */
export function parseNumber(text: string): number | undefined {
  const ascii = text
    .trim()
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[%％分]$/, '')
    .trim();
  if (ascii === '' || !/^-?\d*\.?\d+$|^-?\d+\.$/.test(ascii)) return undefined;
  return Number(ascii);
}

function shown(value: number | undefined): string {
  return value === undefined ? '' : formatNumber(value);
}

export function NumberField({ label, value, onCommit, min, max, unit, allowEmpty, placeholder, hint, disabled }: NumberFieldProps) {
  const strings = useStrings();
  const layout = useLayout();
  const [draft, setDraft] = useState(shown(value));
  const [error, setError] = useState<string>();

  // A new value from outside (restore defaults, another profile) replaces whatever was typed.
  useEffect(() => {
    setDraft(shown(value));
    setError(undefined);
  }, [value]);

  const commit = () => {
    if (draft.trim() === '') {
      if (allowEmpty) {
        setError(undefined);
        if (value !== undefined) onCommit(undefined);
      } else {
        setError(strings.notANumber);
      }
      return;
    }
    const parsed = parseNumber(draft);
    if (parsed === undefined) return setError(strings.notANumber);
    if (parsed < min || parsed > max) return setError(strings.outOfRange(min, max));
    setError(undefined);
    if (parsed !== value) onCommit(parsed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };

  return (
    <Field label={label} hint={hint} validationMessage={error} validationState={error ? 'error' : 'none'}>
      <Input
        className={layout.fill}
        inputMode="decimal"
        value={draft}
        placeholder={placeholder}
        disabled={disabled}
        contentAfter={unit}
        onChange={(_, data) => setDraft(data.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </Field>
  );
}
