/**
 * What 撤销 can put back, per sheet: the pane offers the newest entry of the active sheet. Scoring
 * a sheet again (after changing a setting) merges into that sheet's pending score record by the
 * rule in src/app/last-runs.ts (each cell keeps its oldest value and the newest value a run wrote
 * in it), so undo returns the sheet to how it was before scoring, not to the previous run's
 * results, and still tells the newest results from the user's later edits. Score records are also what the pane
 * saves in the workbook (lastRunsOf), so that undo survives closing the pane.
 */
import { mergeUndoRecords } from '../../app/last-runs';
import type { UndoRecord } from '../../app/ports';

export interface PendingUndo {
  kind: 'score' | 'columns';
  record: UndoRecord;
}

function lastIndexFor(stack: readonly PendingUndo[], sheet: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].record.sheet === sheet) return i;
  return -1;
}

/**
 * The entry 撤销 undoes on `sheet` (whose add-in key is `sheetKey`): its newest. An entry made on
 * a sheet with a key is not offered on a sheet without that key, though it has the same name: it
 * is another sheet given the old one's name (office/excel/sheet-key.ts).
 */
export function undoFor(stack: readonly PendingUndo[], sheet: string | undefined, sheetKey?: string): PendingUndo | undefined {
  if (sheet === undefined) return undefined;
  const i = lastIndexFor(stack, sheet);
  if (i < 0) return undefined;
  const key = stack[i].record.sheetKey;
  return key === undefined || key === sheetKey ? stack[i] : undefined;
}

export function pushUndo(stack: readonly PendingUndo[], next: PendingUndo): PendingUndo[] {
  const i = lastIndexFor(stack, next.record.sheet);
  const top = i >= 0 ? stack[i] : undefined;
  if (!top || top.kind !== 'score' || next.kind !== 'score') return [...stack, next];
  const merged: PendingUndo = { kind: 'score', record: mergeUndoRecords(top.record, next.record) };
  return [...stack.slice(0, i), ...stack.slice(i + 1), merged];
}

/** Saved runs as pending entries, oldest first (what the pane starts from when it opens). */
export function fromLastRuns(records: readonly UndoRecord[]): PendingUndo[] {
  return records.map((record) => ({ kind: 'score', record }));
}

/** The score records to save in the workbook: one per sheet (its newest), oldest first. */
export function lastRunsOf(stack: readonly PendingUndo[]): UndoRecord[] {
  const bySheet = new Map<string, UndoRecord>();
  for (const entry of stack) {
    if (entry.kind !== 'score') continue;
    bySheet.delete(entry.record.sheet);
    bySheet.set(entry.record.sheet, entry.record);
  }
  return [...bySheet.values()];
}
