/** No indicator table on the sheet: say what the pane looks for, and offer the standard form. */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useStrings } from '../i18n';

export function NoTablePanel({ onInsertTemplate, inserting, disabled }: { onInsertTemplate: () => void; inserting: boolean; disabled: boolean }) {
  const strings = useStrings();
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{strings.noTableTitle}</MessageBarTitle>
          {strings.noTableBody}
        </MessageBarBody>
      </MessageBar>
      <Button appearance="primary" onClick={onInsertTemplate} disabled={disabled} icon={inserting ? <Spinner size="tiny" /> : undefined}>
        {inserting ? strings.inserting : strings.insertTemplate}
      </Button>
    </>
  );
}
