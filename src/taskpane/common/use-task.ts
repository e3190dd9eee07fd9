/**
 * Run one user action at a time against the workbook. While it runs, the buttons are disabled;
 * when it fails, the failure keeps a way to run the very same action again (重试).
 */
import { useCallback, useState } from 'react';
import type { FailedAction } from './ErrorNotice';

export interface Task {
  /** Which action is running, for its button's spinner text. */
  running?: string;
  failed?: FailedAction;
  run: (name: string, action: () => Promise<void>) => Promise<void>;
  clearFailure: () => void;
}

export function useTask(): Task {
  const [running, setRunning] = useState<string>();
  const [failed, setFailed] = useState<FailedAction>();

  const run = useCallback(async (name: string, action: () => Promise<void>) => {
    const attempt = async (): Promise<void> => {
      setFailed(undefined);
      setRunning(name);
      try {
        await action();
      } catch (error) {
        setFailed({ error, retry: () => void attempt() });
      } finally {
        setRunning(undefined);
      }
    };
    await attempt();
  }, []);

  const clearFailure = useCallback(() => setFailed(undefined), []);
  return { running, failed, run, clearFailure };
}
