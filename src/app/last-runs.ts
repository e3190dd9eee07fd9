/**
 * What 撤销本次评分 can put back, per sheet, whoever scored it: the ribbon's 一键评分 and the task
 * pane both keep the last run of each sheet in the workbook (WorkbookHost.saveLastRuns), so that
 * the pane offers undo for it when it is opened later, even after a ribbon run.
 *
 * One record per sheet. Scoring the same sheet again merges into that sheet's record and keeps
 * each cell's oldest value, so undo returns the sheet to how it was before it was first scored,
 * not to the previous run's results. What each cell should hold now is what the newest run wrote
 * in it, so that is the written value kept: undo puts back only the cells still holding it
 * (src/app/undo-check.ts). The pane's in-memory undo stack uses the same rule.
 *
 * The pane and the ribbon command run in pages of their own, each with its own copy of the
 * document's settings: a page changes the saved runs only as a function of what the document holds
 * when it saves (withRun, withoutRun), so that neither deletes the other's record.
 */
import type { LastRunsChange, ReplacedCell, UndoRecord, WorkbookHost } from '../hosts/workbook-host';
import { utf8Length } from '../engine/text';

/**
 * Budget for everything saved under the last-runs key, as UTF-8 JSON. Office publishes no figure
 * for a document's add-in settings: the Office.Settings reference gives none (the 32 KB in
 * office-js's typings is Outlook's RoamingSettings), and a Microsoft Q&A question about "the size
 * limits of the document Settings" went unanswered. All of an add-in's settings are loaded with it
 * and written back whole by every saveAsync, so the records stay well under 1 MB: about 270 bytes
 * per indicator row (each cell's previous state and what the run wrote), i.e. some 27 KB for a
 * sheet of 100 rows; a record beyond this (over ~1,900 rows) is not saved.
 */
export const LAST_RUNS_MAX_BYTES = 512 * 1024;

/**
 * `newer` merged into `older`: each cell keeps its oldest previous state (the one from `older` when
 * both hold it) and its newest written value (the one from `newer`). A newer run that did not note
 * what it wrote (a record from an earlier version) leaves the written value unknown: the older
 * one was overwritten by that run.
 */
export function mergeUndoRecords(older: UndoRecord, newer: UndoRecord): UndoRecord {
  const newest = new Map(newer.cells.map((cell) => [cell.address, cell]));
  const kept = older.cells.map((cell): ReplacedCell => {
    const again = newest.get(cell.address);
    if (!again) return cell;
    const merged: ReplacedCell = { ...cell };
    delete merged.written; // the newer run overwrote it
    if (again.written !== undefined) merged.written = again.written;
    return merged;
  });
  const known = new Set(older.cells.map((cell) => cell.address));
  const added: ReplacedCell[] = newer.cells.filter((cell) => !known.has(cell.address));
  return { sheet: older.sheet, cells: [...kept, ...added] };
}

/**
 * The list after a run on `record.sheet`: merged into that sheet's record, which moves to the end
 * (the list runs from the oldest run to the newest).
 */
export function withRun(records: readonly UndoRecord[], record: UndoRecord): UndoRecord[] {
  const previous = records.find((r) => r.sheet === record.sheet);
  const merged = previous ? mergeUndoRecords(previous, record) : record;
  return [...records.filter((r) => r.sheet !== record.sheet), merged];
}

export function withoutRun(records: readonly UndoRecord[], sheet: string): UndoRecord[] {
  return records.filter((r) => r.sheet !== sheet);
}

/** Bytes of a value as UTF-8 JSON. */
export function jsonByteLength(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? 'null');
}

export interface FittedRuns {
  /** What is saved, in the list's order. */
  kept: UndoRecord[];
  /** Sheets whose record is not saved: it did not fit in the budget. */
  skipped: string[];
}

/**
 * The records that fit in `maxBytes`, the newest first: a record too large on its own is skipped,
 * and when the newest ones fill the budget the older ones are left out.
 */
export function fitLastRuns(records: readonly UndoRecord[], maxBytes = LAST_RUNS_MAX_BYTES): FittedRuns {
  const kept: UndoRecord[] = [];
  const skipped: string[] = [];
  let used = 2; // "[]"
  for (let i = records.length - 1; i >= 0; i--) {
    const bytes = jsonByteLength(records[i]) + 1; // and its comma
    if (used + bytes <= maxBytes) {
      kept.unshift(records[i]);
      used += bytes;
    } else {
      skipped.unshift(records[i].sheet);
    }
  }
  return { kept, skipped };
}

/** Whether a run's record outlives whoever holds it now: saved, too large to save, or the save failed. */
export type UndoKept = 'saved' | 'too-large' | 'not-saved';

/** What became of a change to the saved runs. */
export interface RunsSaved {
  /** What became of the sheet's record. */
  kept: UndoKept;
  /** The runs the document holds now; absent when the save failed (then nobody knows). */
  saved?: UndoRecord[];
}

/**
 * Apply `change` to the runs saved in the workbook (read back from the document first, so that a
 * run another page saved meanwhile is merged with, not overwritten) and tell what became of
 * `sheet`'s record. Never throws: a run's cells are written either way.
 */
export async function saveRuns(host: WorkbookHost, change: LastRunsChange, sheet: string): Promise<RunsSaved> {
  try {
    const { saved, skipped } = await host.saveLastRuns(change);
    return { kept: skipped.includes(sheet) ? 'too-large' : 'saved', saved };
  } catch {
    return { kept: 'not-saved' };
  }
}

const sameCell = (a: ReplacedCell, b: ReplacedCell): boolean =>
  a.address === b.address && a.value === b.value && a.formula === b.formula && a.numberFormat === b.numberFormat && a.fill === b.fill && a.written === b.written;

/** The same run (the same cells, each as it was and as written), whatever the objects. */
export function sameRecord(a: UndoRecord | undefined, b: UndoRecord | undefined): boolean {
  if (!a || !b) return a === b;
  return a.sheet === b.sheet && a.cells.length === b.cells.length && a.cells.every((cell, i) => sameCell(cell, b.cells[i]));
}
