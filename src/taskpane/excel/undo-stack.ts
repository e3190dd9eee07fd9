/**
 * What 撤销 can put back. Scoring the same sheet again (after changing a setting) merges into the
 * pending record and keeps each cell's oldest value, so undo returns the sheet to how it was
 * before scoring, not to the previous run's results.
 */
import type { UndoRecord } from '../../hosts/workbook-host';

export interface PendingUndo {
  kind: 'score' | 'columns';
  record: UndoRecord;
}

export function pushUndo(stack: readonly PendingUndo[], next: PendingUndo): PendingUndo[] {
  const top = stack[stack.length - 1];
  if (!top || top.kind !== 'score' || next.kind !== 'score' || top.record.sheet !== next.record.sheet) return [...stack, next];
  const known = new Set(top.record.cells.map((cell) => cell.address));
  const merged: UndoRecord = { sheet: top.record.sheet, cells: [...top.record.cells, ...next.record.cells.filter((cell) => !known.has(cell.address))] };
  return [...stack.slice(0, -1), { kind: 'score', record: merged }];
}
