/** A table of targets without actuals: explain, and offer to add the columns still to fill in. */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useStrings } from '../i18n';

export interface TargetsOnlyPanelProps {
  /** Absent when the engine could not plan the columns; then only the explanation shows. */
  onAddColumns?: () => void;
  adding: boolean;
  disabled: boolean;
}

export function TargetsOnlyPanel({ onAddColumns, adding, disabled }: TargetsOnlyPanelProps) {
  const strings = useStrings();
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{strings.targetsOnlyTitle}</MessageBarTitle>
          {strings.targetsOnlyBody}
        </MessageBarBody>
      </MessageBar>
      {onAddColumns && (
        <Button appearance="primary" onClick={onAddColumns} disabled={disabled} icon={adding ? <Spinner size="tiny" /> : undefined}>
          {adding ? strings.addingColumns : strings.addColumns}
        </Button>
      )}
    </>
  );
}
