/** A sentence telling the user what just happened (where the report went, what undo restored). */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export interface NoticeMessage {
  intent: 'success' | 'info' | 'warning';
  text: string;
}

export function Notice({ notice }: { notice: NoticeMessage }) {
  return (
    <MessageBar intent={notice.intent} layout="multiline" role="status">
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
