/**
 * The pane's pending undo entries as React state, starting from the runs saved in the workbook (a
 * ribbon 一键评分, or the pane before it was last closed). Every change to a score entry is saved
 * back (WorkbookHost.saveLastRuns), so that 撤销本次评分 is still offered after the pane is closed
 * and opened again. A record too large to save, or a failed save, stays in memory: undo then works
 * until the pane is closed, and the caller says so.
 *
 * The ribbon command runs in a page of its own and saves its runs while the pane is open. So the
 * pane never saves its own list: it saves a change (its run merged into the sheet's saved record,
 * or the sheet's record taken out), applied to what the document holds at that moment. And it
 * reads the saved runs again when it regains focus (the user comes back from the ribbon's message
 * box) or the active sheet changes, and after each save, so that 撤销本次评分 is offered for a
 * ribbon run made while it was open.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeUndoRecords, sameRecord, saveRuns, withoutRun, withRun, type UndoKept } from '../../app/last-runs';
import type { UndoRecord, WorkbookHost } from '../../app/ports';
import { fromLastRuns, lastRunsOf, pushUndo, type PendingUndo } from './undo-stack';

export interface UndoHistory {
  stack: PendingUndo[];
  /** Add an entry; for a score entry, resolves to whether its sheet's record was saved. Never rejects. */
  push(entry: PendingUndo): Promise<UndoKept | undefined>;
  /**
   * Add the score entries of one run over several sheets (汇总本工作簿 with the results written),
   * saved in one change; resolves to whether all of them were saved. Never rejects.
   */
  pushScores(records: UndoRecord[]): Promise<UndoKept>;
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

/**
 * The stack with its score entries brought in line with the runs the document holds (`saved`).
 * `unsaved` are score entries holding a run the document may lack (too large to save, a failed
 * save, or a save still on its way): such an entry is kept while the document has no record of its
 * sheet, and merged with the document's record when it has one (the pane's run first). Any other
 * score entry stands only while the document still holds it: a record the document holds in
 * another form (a ribbon run merged into it) replaces it, at the end (it is the newest); one the
 * document no longer holds is gone (undone elsewhere). Entries that did not change keep their
 * place; the same array comes back when nothing changed.
 */
export function withSavedRuns(stack: readonly PendingUndo[], saved: readonly UndoRecord[], unsaved: WeakSet<PendingUndo>): PendingUndo[] {
  const bySheet = new Map(saved.map((record) => [record.sheet, record]));
  const placed = new Set<string>();
  const out: PendingUndo[] = [];
  for (const entry of stack) {
    const sheet = entry.record.sheet;
    if (entry.kind !== 'score') {
      out.push(entry);
      continue;
    }
    const document = bySheet.get(sheet);
    if (document && !placed.has(sheet) && sameRecord(entry.record, document)) {
      unsaved.delete(entry);
      placed.add(sheet);
      out.push(entry);
    } else if (unsaved.has(entry) && !placed.has(sheet)) {
      if (!document) {
        out.push(entry);
        continue;
      }
      const merged = mergeUndoRecords(entry.record, document);
      placed.add(sheet);
      if (sameRecord(merged, document)) {
        out.push({ kind: 'score', record: document });
      } else {
        const kept: PendingUndo = { kind: 'score', record: merged };
        unsaved.add(kept);
        out.push(kept);
      }
    }
    // otherwise: an older form of a record the document holds (added below), or one it no longer holds
  }
  for (const record of saved) if (!placed.has(record.sheet)) out.push({ kind: 'score', record });
  return out.length === stack.length && out.every((entry, i) => entry === stack[i]) ? (stack as PendingUndo[]) : out;
}

/** Count `operation` among the saves on their way while it runs. */
async function whileSaving<T>(counter: { current: number }, operation: () => Promise<T>): Promise<T> {
  counter.current += 1;
  try {
    return await operation();
  } finally {
    counter.current -= 1;
  }
}

/**
 * `activeSheet`: the active sheet as the pane last read it (its snapshot, or its name): the saved
 * runs are read again whenever it changes, as well as when the pane mounts, regains focus or is
 * shown again.
 */
export function useUndoHistory(host: WorkbookHost, activeSheet?: unknown): UndoHistory {
  const [stack, setStack] = useState<PendingUndo[]>(() => loadSaved(host));
  // Saves read the newest stack, not the one of the render that started the operation.
  const latest = useRef(stack);
  const unsaved = useRef(new WeakSet<PendingUndo>());
  // Saves on their way: a reload meanwhile would see the document without them (their own answer follows).
  const saving = useRef(0);

  const update = useCallback((next: PendingUndo[]) => {
    if (next === latest.current) return;
    latest.current = next;
    setStack(next);
  }, []);

  const adopt = useCallback(
    (saved: UndoRecord[] | undefined) => {
      if (saved) update(withSavedRuns(latest.current, saved, unsaved.current));
    },
    [update],
  );

  /** Read the saved runs again: another page (the ribbon command) may have saved since. */
  const reload = useCallback(async () => {
    try {
      await host.refreshSettings();
      if (saving.current === 0) adopt(host.loadLastRuns());
    } catch {
      // keep what the pane holds: it offers what it knew
    }
  }, [host, adopt]);

  // Another page may have saved since: read again when the pane regains focus (the user comes
  // back from the ribbon's message box), is shown again, or another sheet becomes active.
  useEffect(() => {
    const onFocus = () => void reload();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);
  useEffect(() => {
    void reload();
  }, [reload, activeSheet]);

  const push = useCallback(
    async (entry: PendingUndo) => {
      const next = pushUndo(latest.current, entry);
      update(next);
      if (entry.kind !== 'score') return undefined;
      const sheet = entry.record.sheet;
      // the sheet's entry now: this run, merged into the pane's earlier one if it was on top
      const held = lastRunsOf(next).find((record) => record.sheet === sheet) ?? entry.record;
      const heldEntry = next.find((e) => e.kind === 'score' && e.record === held);
      if (heldEntry) unsaved.current.add(heldEntry);
      const { kept, saved } = await whileSaving(saving, () => saveRuns(host, (records) => withRun(records, held), sheet));
      // saved: the document's record of the sheet now holds this run (merged with any other)
      if (kept === 'saved' && heldEntry) unsaved.current.delete(heldEntry);
      adopt(saved);
      return kept;
    },
    [host, update, adopt],
  );

  const pushScores = useCallback(
    async (records: UndoRecord[]): Promise<UndoKept> => {
      let next = latest.current;
      for (const record of records) next = pushUndo(next, { kind: 'score', record });
      update(next);
      // each sheet's entry now: its run, merged into the pane's earlier one if it was on top
      const held = records.map((record) => lastRunsOf(next).find((r) => r.sheet === record.sheet) ?? record);
      const heldEntries = next.filter((e) => e.kind === 'score' && held.includes(e.record));
      for (const entry of heldEntries) unsaved.current.add(entry);
      let kept: UndoKept = 'saved';
      let saved: UndoRecord[] | undefined;
      try {
        const result = await whileSaving(saving, () => host.saveLastRuns((saved) => held.reduce(withRun, saved)));
        saved = result.saved;
        if (held.some((record) => result.skipped.includes(record.sheet))) kept = 'too-large';
        for (const entry of heldEntries) if (!result.skipped.includes(entry.record.sheet)) unsaved.current.delete(entry);
      } catch {
        kept = 'not-saved';
      }
      adopt(saved);
      return kept;
    },
    [host, update, adopt],
  );

  const remove = useCallback(
    async (entry: PendingUndo) => {
      const wasUnsaved = unsaved.current.has(entry);
      update(latest.current.filter((e) => e !== entry));
      if (entry.kind !== 'score') return undefined;
      const sheet = entry.record.sheet;
      // The document's record may hold a run made since the pane read it (a ribbon run): that run
      // was not undone, so the record stays, and the pane offers it next. A record the pane could
      // not save holds everything the document's does, and more: both go.
      const change = (records: UndoRecord[]) => {
        const document = records.find((record) => record.sheet === sheet);
        return document && !wasUnsaved && !sameRecord(document, entry.record) ? records : withoutRun(records, sheet);
      };
      const { kept, saved } = await whileSaving(saving, () => saveRuns(host, change, sheet));
      adopt(saved);
      return kept;
    },
    [host, update, adopt],
  );

  return { stack, push, pushScores, remove };
}
