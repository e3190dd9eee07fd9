/** An operation that failed: one readable sentence, and 重试 when trying again can help. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { describeError } from '../error-text';
import { useStrings } from '../i18n';

export interface FailedAction {
  error: unknown;
  /** Runs the same action again; absent when there is nothing to retry. */
  retry?: () => void;
}

export function ErrorNotice({ failed, onDismiss }: { failed: FailedAction; onDismiss?: () => void }) {
  const strings = useStrings();
  const { text, retryable } = describeError(failed.error, strings);
  const retry = retryable ? failed.retry : undefined;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>{text}</MessageBarBody>
      {(retry || onDismiss) && (
        <MessageBarActions>
          {retry && (
            <Button size="small" appearance="primary" onClick={retry}>
              {strings.retry}
            </Button>
          )}
          {onDismiss && (
            <Button size="small" onClick={onDismiss}>
              {strings.dismiss}
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
