/**
 * Judgements and table choices are saved by sheet name, which the command line and the Word pane
 * can read from the file. In Excel a sheet is also told by two things noted beside them:
 * - the key the add-in keeps on a sheet it has scored (`sheetKeys`; office/excel/sheet-key.ts),
 *   saved with the workbook: entries follow their sheet across renames and sessions by it, and a
 *   sheet without that key (another sheet given the old name) does not inherit them;
 * - Worksheet.id (`sheetIds`), a hint only: it "remains constant within a single session but will
 *   change between sessions (eg. closing and reopening)" (a Microsoft engineer, office-js-docs
 *   issue #297; also office-js #1390), and Excel on the web gives every new workbook's first sheet
 *   the same one (office-js #552). Entries without a key follow an id only when their name is no
 *   sheet's any more (a rename in this session); what is saved under a sheet's name stays its own.
 */
import type { SheetSnapshot, WorkbookSettings } from './ports';

/** What tells a sheet apart, as a read of it found it. */
export type SheetIdentity = Pick<SheetSnapshot, 'sheetId' | 'sheetKey' | 'sheetNames'>;

/**
 * Where the entries of a keyed sheet are kept while another sheet has its name: a name no sheet
 * can have ("[" is one of the characters Excel refuses in a sheet name), under which its key still
 * finds them.
 */
export const parkedName = (name: string, key: string): string => `[${key}]${name}`;

/**
 * The settings as they stand for the sheet `name`: entries saved under its name for another keyed
 * sheet set aside (parkedName), its own entries saved under another name brought to it, and its id
 * and key noted. The same object when nothing changes; without an identity (the command line, the
 * Word pane), by name as saved.
 */
export function settingsForSheet(settings: WorkbookSettings, name: string, sheet: SheetIdentity = {}): WorkbookSettings {
  const { sheetId: id, sheetKey: key, sheetNames } = sheet;
  const ids = settings.sheetIds ?? {};
  const keys = settings.sheetKeys ?? {};
  if (keys[name] === key && (id === undefined || ids[name] === id)) return settings;
  const judgements = { ...settings.judgements };
  const tableRows = { ...settings.tableRows };
  const sheetIds = { ...ids };
  const sheetKeys = { ...keys };
  const has = (n: string) => judgements[n] !== undefined || tableRows[n] !== undefined;
  const move = (from: string, to: string) => {
    for (const map of [judgements, tableRows, sheetIds, sheetKeys] as Record<string, unknown>[]) {
      if (map[from] !== undefined) map[to] = map[from];
      delete map[from];
    }
  };
  // Saved under this name for a sheet with another key: not this sheet's.
  if (keys[name] !== undefined && keys[name] !== key) move(name, parkedName(name, keys[name]));
  if (!has(name)) {
    const byKey = key === undefined ? undefined : Object.keys(sheetKeys).find((other) => other !== name && sheetKeys[other] === key);
    const byId =
      id === undefined || sheetNames === undefined
        ? undefined
        : Object.keys(sheetIds).find((other) => other !== name && sheetIds[other] === id && sheetKeys[other] === undefined && !sheetNames.includes(other));
    const from = byKey ?? byId;
    if (from !== undefined) move(from, name);
  }
  if (id !== undefined) sheetIds[name] = id;
  if (key !== undefined) sheetKeys[name] = key;
  const out: WorkbookSettings = { ...settings, judgements, tableRows, sheetIds };
  if (Object.keys(sheetKeys).length > 0) out.sheetKeys = sheetKeys;
  return out;
}
