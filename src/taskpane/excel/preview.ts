/** The preview the pane shows: the sheet scored with the workbook's settings, nothing written. */
import { previewSheet } from '../../app/scoring-run';
import type { EvaluateOutcome } from '../../engine/evaluate';
import type { SheetSnapshot, WorkbookSettings } from '../../hosts/workbook-host';

/**
 * A saved table choice that no longer matches the sheet (rows were inserted above it) would hide
 * every table; fall back to the first table instead of showing nothing.
 */
export function previewWithChosenTable(snapshot: SheetSnapshot, settings: WorkbookSettings): EvaluateOutcome {
  const outcome = previewSheet(snapshot, settings);
  const sheet = snapshot.grid.sheet;
  const saved = settings.tableRows[sheet];
  if (outcome.ok || saved === undefined || outcome.tables.length === 0 || outcome.tables.some((t) => t.headerRow === saved)) return outcome;
  const tableRows = { ...settings.tableRows };
  delete tableRows[sheet];
  return previewSheet(snapshot, { ...settings, tableRows });
}
