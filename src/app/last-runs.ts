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
import type { CellLook, LastRunsChange, ReplacedCell, UndoRecord, WorkbookHost } from './ports';
import { utf8Length } from '../engine/text';

/**
 * Budget for the saved runs, as UTF-8 JSON (the undo records' custom XML part). Office publishes
 * no size limit for a custom XML part, but the part is read whenever the pane regains focus and
 * travels in one request, and Excel on the web refuses a request over 5 MB
 * (RequestPayloadSizeLimitExceeded). So the records stay well under 1 MB: about 270 bytes
 * per indicator row (each cell's previous state and what the run wrote), i.e. some 27 KB for a
 * sheet of 100 rows; a record beyond this (over ~1,900 rows) is not saved. The looks of the cells
 * a run styled are saved once each (packLooks): the cells of an added column, alike before the
 * run, add a few bytes each. fitLastRuns counts every part of a record as it is saved, looks,
 * column widths and print area included.
 */
export const LAST_RUNS_MAX_BYTES = 512 * 1024;

/**
 * `newer` merged into `older`: each cell keeps its oldest previous state (the one from `older` when
 * both hold it) and its newest written value (the one from `newer`). A newer run that did not note
 * what it wrote (a record from an earlier version) leaves the written value unknown: the older
 * one was overwritten by that run.
 *
 * The look goes with the previous state: the older one when the older run noted it. When only the
 * newer run styled the cell, its look is the one from before both runs, since the older run
 * changed no look of a cell it did not style (its number format and fill are kept apart, oldest).
 * Likewise each column's width and the print area keep the oldest noted.
 */
export function mergeUndoRecords(older: UndoRecord, newer: UndoRecord): UndoRecord {
  const newest = new Map(newer.cells.map((cell) => [cell.address, cell]));
  const kept = older.cells.map((cell): ReplacedCell => {
    const again = newest.get(cell.address);
    if (!again) return cell;
    const merged: ReplacedCell = { ...cell };
    delete merged.written; // the newer run overwrote it
    if (again.written !== undefined) merged.written = again.written;
    if (merged.look === undefined && again.look !== undefined) merged.look = again.look;
    return merged;
  });
  const known = new Set(older.cells.map((cell) => cell.address));
  const added: ReplacedCell[] = newer.cells.filter((cell) => !known.has(cell.address));
  const merged: UndoRecord = { sheet: older.sheet, cells: [...kept, ...added] };
  const sheetId = newer.sheetId ?? older.sheetId;
  if (sheetId !== undefined) merged.sheetId = sheetId;
  const sheetKey = older.sheetKey ?? newer.sheetKey;
  if (sheetKey !== undefined) merged.sheetKey = sheetKey;
  if (older.columnWidths || newer.columnWidths) merged.columnWidths = { ...newer.columnWidths, ...older.columnWidths };
  const printArea = older.printArea ?? newer.printArea;
  if (printArea !== undefined) merged.printArea = printArea;
  return merged;
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

/** A sheet of the workbook as Excel lists it now. */
export interface SheetName {
  name: string;
  id: string;
  /** The add-in's key on the sheet, when it has one and it was read. */
  key?: string;
}

/**
 * The records as they stand for the workbook's sheets now. A record that notes the add-in's key
 * (office/excel/sheet-key.ts) takes the name of the sheet that holds the key now, renamed in any
 * session. Otherwise Worksheet.id, which stays the same only while the workbook is open (see
 * src/app/sheet-settings.ts), is a hint: the record goes by its sheet's name, and follows its id
 * only when no sheet has its name any more and the sheet with its id has no record of its own (a
 * rename in this session). A record of a sheet that is gone stays, and is never offered (undoFor
 * offers a keyed record only on the sheet with its key). The same array when nothing changes.
 */
export function followSheets(records: UndoRecord[], sheets: readonly SheetName[]): UndoRecord[] {
  const current = new Set(sheets.map((s) => s.name));
  const recorded = new Set(records.map((r) => r.sheet));
  let changed = false;
  const out = records.map((record) => {
    const keyed = record.sheetKey === undefined ? undefined : sheets.find((s) => s.key === record.sheetKey);
    if (keyed) {
      if (keyed.name === record.sheet) return record;
      changed = true;
      return { ...record, sheet: keyed.name };
    }
    if (record.sheetKey !== undefined || record.sheetId === undefined || current.has(record.sheet)) return record;
    const renamed = sheets.find((s) => s.id === record.sheetId && !recorded.has(s.name));
    if (!renamed) return record;
    changed = true;
    recorded.add(renamed.name);
    return { ...record, sheet: renamed.name };
  });
  return changed ? out : records;
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

/** A cell as saved: its look, or the index of its look in the record's `looks`. */
export type SavedCell = Omit<ReplacedCell, 'look'> & { look?: CellLook | number };

/** A record as saved in the document: each distinct look once, in `looks`, named by its cells by index. */
export interface SavedRecord extends Omit<UndoRecord, 'cells'> {
  cells: SavedCell[];
  looks?: CellLook[];
}

/** A look's JSON with its keys in order, so that equal looks give the same key. */
function lookKey(look: CellLook): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
        )
      : value;
  return JSON.stringify(sorted(look));
}

/**
 * The record in the form it is saved in: the cells of an added column mostly looked alike before
 * the run (empty cells of the sheet's default look), so each distinct look is kept once and the
 * cells name it by its index. sanitiseLastRuns (src/app/last-runs-format.ts) reads both forms.
 */
export function packLooks(record: UndoRecord): SavedRecord {
  if (!record.cells.some((c) => c.look)) return record;
  const looks: CellLook[] = [];
  const index = new Map<string, number>();
  const cells = record.cells.map((cell): SavedCell => {
    if (!cell.look) return cell;
    const key = lookKey(cell.look);
    let at = index.get(key);
    if (at === undefined) {
      at = looks.push(cell.look) - 1;
      index.set(key, at);
    }
    return { ...cell, look: at };
  });
  return { ...record, cells, looks };
}

/**
 * The records that fit in `maxBytes` as they are saved (packLooks), the newest first: a record too
 * large on its own is skipped, and when the newest ones fill the budget the older ones are left out.
 */
export function fitLastRuns(records: readonly UndoRecord[], maxBytes = LAST_RUNS_MAX_BYTES): FittedRuns {
  const kept: UndoRecord[] = [];
  const skipped: string[] = [];
  let used = 2; // "[]"
  for (let i = records.length - 1; i >= 0; i--) {
    const bytes = jsonByteLength(packLooks(records[i])) + 1; // and its comma
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

/** The same plain data (objects compared key by key, in any order; undefined members count as absent). */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k) => samePlain((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const sameCell = (a: ReplacedCell, b: ReplacedCell): boolean =>
  a.address === b.address &&
  a.value === b.value &&
  a.formula === b.formula &&
  a.numberFormat === b.numberFormat &&
  a.fill === b.fill &&
  a.written === b.written &&
  samePlain(a.look, b.look);

/** The same run (the same cells, each as it was and as written; the same widths and print area), whatever the objects. */
export function sameRecord(a: UndoRecord | undefined, b: UndoRecord | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.sheet === b.sheet &&
    a.sheetId === b.sheetId &&
    a.sheetKey === b.sheetKey &&
    a.cells.length === b.cells.length &&
    a.cells.every((cell, i) => sameCell(cell, b.cells[i])) &&
    samePlain(a.columnWidths, b.columnWidths) &&
    a.printArea === b.printArea
  );
}
