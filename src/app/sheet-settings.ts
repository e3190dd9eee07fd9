/**
 * Judgements and table choices are saved by sheet name, which the command line and the Word pane
 * can read from the file. In Excel a sheet also has an id (Worksheet.id), noted beside them in
 * `sheetIds`, so that they follow a sheet renamed while the workbook is open.
 *
 * The id is only a hint: it "remains constant within a single session but will change between
 * sessions (eg. closing and reopening)" (a Microsoft engineer, office-js-docs issue #297; seen
 * again in office-js #1390), and Excel on the web gives every new workbook's first sheet the same
 * one (office-js #552). So what is saved under a sheet's name always stays that sheet's, and
 * entries move from another name only when they carry this sheet's id and no sheet of the
 * workbook has that name any more (it was renamed in this session).
 */
import type { WorkbookSettings } from '../hosts/workbook-host';

/**
 * The settings as they stand for the sheet `name` whose id is `id`, in a workbook whose sheets are
 * `sheetNames`: entries saved under a name that is gone moved to `name` when their id is `id` and
 * `name` has none of its own, and the id noted. The same object when nothing changes; without an
 * id or the sheet list (the command line, the Word pane), by name as saved.
 */
export function settingsForSheet(settings: WorkbookSettings, name: string, id: string | undefined, sheetNames?: readonly string[]): WorkbookSettings {
  const ids = settings.sheetIds ?? {};
  if (id === undefined || ids[name] === id) return settings;
  const judgements = { ...settings.judgements };
  const tableRows = { ...settings.tableRows };
  const sheetIds = { ...ids };
  const hasOwn = judgements[name] !== undefined || tableRows[name] !== undefined;
  const from = sheetNames && !hasOwn ? Object.keys(ids).find((other) => other !== name && ids[other] === id && !sheetNames.includes(other)) : undefined;
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
