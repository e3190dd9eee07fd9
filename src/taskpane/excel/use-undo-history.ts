/**
 * The pane's pending undo entries as React state, starting from the runs saved in the workbook (a
 * ribbon 一键评分, or the pane before it was last closed). Every change to a score entry is saved
 * back (WorkbookHost.saveLastRuns), so that 撤销本次评分 is still offered after the pane is closed
 * and opened again. A record too large to save, or a failed save, stays in memory: undo then works
 * until the pane is closed, and the caller says so.
 */
import { useCallback, useRef, useState } from 'react';
import { saveRuns, type UndoKept } from '../../app/last-runs';
import type { WorkbookHost } from '../../hosts/workbook-host';
import { fromLastRuns, lastRunsOf, pushUndo, type PendingUndo } from './undo-stack';

export interface UndoHistory {
  stack: PendingUndo[];
  /** Add an entry; for a score entry, resolves to whether its sheet's record was saved. Never rejects. */
  push(entry: PendingUndo): Promise<UndoKept | undefined>;
  /** Forget an undone entry, in memory and (for a score entry) in the workbook. Never rejects. */
  remove(entry: PendingUndo): Promise<UndoKept | undefined>;
}

function loadSaved(host: WorkbookHost): PendingUndo[] {
  try {
    return fromLastRuns(host.loadLastRuns());
  } catch {
    return []; // nothing to offer rather than no pane
  }
}

export function useUndoHistory(host: WorkbookHost): UndoHistory {
  const [stack, setStack] = useState<PendingUndo[]>(() => loadSaved(host));
  // Saves read the newest stack, not the one of the render that started the operation.
  const latest = useRef(stack);

  const update = useCallback((next: PendingUndo[]) => {
    latest.current = next;
    setStack(next);
  }, []);

  const save = useCallback((sheet: string) => saveRuns(host, lastRunsOf(latest.current), sheet), [host]);

  const push = useCallback(
    async (entry: PendingUndo) => {
      update(pushUndo(latest.current, entry));
      return entry.kind === 'score' ? save(entry.record.sheet) : undefined;
    },
    [update, save],
  );

  const remove = useCallback(
    async (entry: PendingUndo) => {
      update(latest.current.filter((e) => e !== entry));
      return entry.kind === 'score' ? save(entry.record.sheet) : undefined;
    },
    [update, save],
  );

  return { stack, push, remove };
}
