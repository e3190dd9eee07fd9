/**
 * Judgements and table choices are saved by sheet name, which the command line and the Word pane
 * can read from the file. In Excel a sheet also has an id that survives a rename
 * (Worksheet.id), saved beside them in `sheetIds`: a renamed sheet keeps what was saved under its
 * old name, and a new sheet that is given an old sheet's name does not inherit that sheet's.
 */
import type { WorkbookSettings } from '../hosts/workbook-host';

/**
 * The settings as they stand for the sheet `name` whose id is `id`: entries saved under its old
 * name moved to `name`, entries another sheet left under `name` dropped, and its id noted. The same
 * object when nothing changes; without an id (the command line, the Word pane), by name as saved.
 */
export function settingsForSheet(settings: WorkbookSettings, name: string, id: string | undefined): WorkbookSettings {
  const ids = settings.sheetIds ?? {};
  if (id === undefined || ids[name] === id) return settings;
  const judgements = { ...settings.judgements };
  const tableRows = { ...settings.tableRows };
  const sheetIds = { ...ids };
  // Saved for another sheet that had this name then (it was renamed or deleted since).
  if (ids[name] !== undefined) {
    delete judgements[name];
    delete tableRows[name];
  }
  const from = Object.keys(ids).find((other) => other !== name && ids[other] === id);
  if (from !== undefined) {
    if (settings.judgements[from] !== undefined) judgements[name] = settings.judgements[from];
    if (settings.tableRows[from] !== undefined) tableRows[name] = settings.tableRows[from];
    delete judgements[from];
    delete tableRows[from];
    delete sheetIds[from];
  }
  sheetIds[name] = id;
  return { ...settings, judgements, tableRows, sheetIds };
}
