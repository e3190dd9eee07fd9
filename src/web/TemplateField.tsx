/** The unit's own report template (.docx), optional: every report the page drafts then fills it in. */
import { Button, Text } from '@fluentui/react-components';
import { useRef } from 'react';
import { useLayout } from '../taskpane/common/layout';
import { useStrings } from '../taskpane/i18n';
import type { ChosenTemplate } from './use-web-page';

const DOCX_ACCEPT = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface TemplateFieldProps {
  template: ChosenTemplate | undefined;
  onChoose: (file: File | undefined) => void;
  onClear: () => void;
  disabled: boolean;
}

export function TemplateField({ template, onChoose, onClear, disabled }: TemplateFieldProps) {
  const strings = useStrings();
  const layout = useLayout();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className={layout.section} aria-label={strings.templateTitle}>
      <Text as="h2" size={400} weight="semibold">
        {strings.templateTitle}
      </Text>
      <Text className={layout.muted}>{strings.templateHint}</Text>
      <input
        ref={input}
        type="file"
        accept={DOCX_ACCEPT}
        aria-label={strings.chooseTemplate}
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          onChoose(file);
        }}
      />
      <div className={layout.row}>
        <Button disabled={disabled} onClick={() => input.current?.click()}>
          {strings.chooseTemplate}
        </Button>
        {template && (
          <Button appearance="subtle" disabled={disabled} onClick={onClear}>
            {strings.clearTemplate}
          </Button>
        )}
      </div>
      {template && <Text data-testid="template-name">{strings.templateChosen(template.name)}</Text>}
    </section>
  );
}
