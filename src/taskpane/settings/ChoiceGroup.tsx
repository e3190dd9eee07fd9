/** A labelled set of radio buttons for one setting. */
import { Field, Radio, RadioGroup } from '@fluentui/react-components';

export interface ChoiceGroupProps<T extends string> {
  label: string;
  value: T | '';
  choices: { value: T; label: string }[];
  onChange: (value: T) => void;
  disabled?: boolean;
}

export function ChoiceGroup<T extends string>({ label, value, choices, onChange, disabled }: ChoiceGroupProps<T>) {
  return (
    <Field label={label}>
      <RadioGroup
        value={value}
        disabled={disabled}
        onChange={(_, data) => {
          const choice = choices.find((c) => c.value === data.value);
          if (choice) onChange(choice.value);
        }}
      >
        {choices.map((choice) => (
          <Radio key={choice.value} value={choice.value} label={choice.label} />
        ))}
      </RadioGroup>
    </Field>
  );
}
