/**
 * What the add-in keeps in Office.context.document.settings, under two keys: the workbook's
 * settings, and the last scoring run of each sheet (for 撤销本次评分 after the pane was closed, or
 * after a ribbon run). What comes back is checked field by field: a value saved by an older or
 * newer version, or damaged, never stops the pane. Unknown fields are dropped; a field of the
 * wrong type falls back to its default; a damaged undo record is dropped whole.
 *
 * Each page of the add-in (the task pane, the ribbon command's function file) holds its own
 * in-memory copy of the settings, loaded with the page, and saveAsync writes that whole copy back
 * ("Persists the in-memory copy of the settings property bag in the document", Office.Settings).
 * A page that saved from a stale copy would delete what another page saved since: the pane would
 * delete the undo record of a ribbon run made while it was open. So every save first reads the
 * saved state back with refreshAsync ("Reads all settings persisted in the document and refreshes
 * the content or task pane add-in's copy of those settings held in memory"; Excel, PowerPoint and
 * Word; in no requirement set, i.e. wherever Settings is), then changes its own key, then saves;
 * the runs are changed as a function of what is saved (a run merged in, a run taken out), never
 * replaced by this page's list. A page's settings operations run one at a time, so that a refresh
 * never lands between another operation's change and its save.
 */
import { fitLastRuns, LAST_RUNS_MAX_BYTES, packLooks } from '../app/last-runs';
import { cloneDefaults, isNumber, isPlain, sanitiseSettings, SETTINGS_KEY } from './settings-format';
import { CELL_EDGES, HostError, type CellLook, type LastRunsChange, type LastRunsSaved, type ReplacedCell, type UndoRecord, type WorkbookSettings } from './workbook-host';

// The key and the parser live in settings-format.ts (pure, shared with the .xlsx reader).
export { sanitiseSettings, SETTINGS_KEY };
/** The last run of each sheet: its own key, so that neither value's size or damage affects the other. */
export const LAST_RUNS_KEY = 'perfSelfEval.lastRuns';

export function loadSettingsFrom(settings: Office.Settings): WorkbookSettings {
  let raw: unknown;
  try {
    raw = settings.get(SETTINGS_KEY);
  } catch {
    return cloneDefaults();
  }
  return sanitiseSettings(raw);
}

/** The settings operation of each page that runs now, or last ran: the next one waits for it. */
const queues = new WeakMap<Office.Settings, Promise<unknown>>();

/** Run `operation` after every settings operation this page started before it. */
function oneAtATime<T>(settings: Office.Settings, operation: () => Promise<T>): Promise<T> {
  const before = queues.get(settings) ?? Promise.resolve();
  const result = before.then(operation, operation);
  queues.set(settings, result.catch(() => undefined));
  return result;
}

/** refreshAsync as a promise. An Office without it (none is known) keeps the page's copy. */
function refresh(settings: Office.Settings): Promise<void> {
  if (typeof settings.refreshAsync !== 'function') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    settings.refreshAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Failed) {
        const message = result.error?.message ?? '';
        reject(new HostError('unknown', `未能读取工作簿中保存的设置：${message}`, `The settings saved in the workbook could not be read: ${message}`));
      } else resolve();
    });
  });
}

/** Read what the document holds into this page's copy (after this page's pending saves). */
export function refreshSettingsIn(settings: Office.Settings): Promise<void> {
  return oneAtATime(settings, () => refresh(settings));
}

/**
 * Save the workbook's settings: read the saved state first (keeping what other pages saved), set
 * the key, save. When the saved state cannot be read, nothing is saved: saving the stale copy
 * could delete another page's undo record.
 */
export function saveSettingsTo(settings: Office.Settings, value: WorkbookSettings): Promise<void> {
  return oneAtATime(settings, async () => {
    await refresh(settings);
    settings.set(SETTINGS_KEY, sanitiseSettings(value));
    await saveAll(settings, (message) => [`设置未能保存到工作簿：${message}`, `The settings could not be saved in the workbook: ${message}`]);
  });
}

export function loadLastRunsFrom(settings: Office.Settings): UndoRecord[] {
  try {
    return sanitiseLastRuns(settings.get(LAST_RUNS_KEY));
  } catch {
    return [];
  }
}

/**
 * Read the saved runs from the document, apply `change`, and save what fits in `maxBytes` (newest
 * first: see fitLastRuns) in one saveAsync; an empty list removes the key. No save when nothing
 * changed. When the saved runs cannot be read, nothing is saved.
 */
export function saveLastRunsTo(settings: Office.Settings, change: LastRunsChange, maxBytes = LAST_RUNS_MAX_BYTES): Promise<LastRunsSaved> {
  return oneAtATime(settings, async () => {
    await refresh(settings);
    const before = loadLastRunsFrom(settings);
    const { kept, skipped } = fitLastRuns(sanitiseLastRuns(change(before.slice())), maxBytes);
    if (JSON.stringify(kept) === JSON.stringify(before)) return { saved: before, skipped };
    if (kept.length > 0) settings.set(LAST_RUNS_KEY, kept.map(packLooks));
    else settings.remove(LAST_RUNS_KEY);
    await saveAll(settings, (message) => [`撤销记录未能保存到工作簿：${message}`, `The undo record could not be saved in the workbook: ${message}`]);
    return { saved: kept, skipped };
  });
}

/** saveAsync persists the whole in-memory property bag, every key of this add-in, at once. */
function saveAll(settings: Office.Settings, describe: (officeMessage: string) => [string, string]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Failed) {
        const [zh, en] = describe(result.error?.message ?? '');
        reject(new HostError('unknown', zh, en));
      } else resolve();
    });
  });
}

const A1 = /^[A-Z]{1,3}[1-9][0-9]{0,6}$/;

/**
 * Anything → valid undo records, one per sheet (the last one wins). A record with any damaged cell
 * is dropped whole: putting back part of a run would leave the sheet in a state nobody saw.
 */
export function sanitiseLastRuns(raw: unknown): UndoRecord[] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const bySheet = new Map<string, UndoRecord>();
  for (const item of value) {
    const record = sanitiseRecord(item);
    if (!record) continue;
    bySheet.delete(record.sheet); // keep the list's order: a later duplicate is the newer run
    bySheet.set(record.sheet, record);
  }
  return [...bySheet.values()];
}

/**
 * The optional parts (columnWidths, printArea, a cell's look) are absent in records saved before
 * they were noted, and the record then undoes what it knows, as before. Present but damaged, they
 * drop the record like any damaged part: undo would otherwise put back a run's values and leave
 * part of its look, a state of the sheet nobody saw.
 */
function sanitiseRecord(raw: unknown): UndoRecord | undefined {
  if (!isPlain(raw) || typeof raw.sheet !== 'string' || !raw.sheet || !Array.isArray(raw.cells) || raw.cells.length === 0) return undefined;
  // the looks a saved record keeps once each (packLooks), named by its cells by index
  let looks: CellLook[] = [];
  if (raw.looks !== undefined) {
    if (!Array.isArray(raw.looks)) return undefined;
    const read = raw.looks.map(sanitiseLook);
    if (read.some((look) => !look)) return undefined;
    looks = read as CellLook[];
  }
  const cells: ReplacedCell[] = [];
  const seen = new Set<string>();
  for (const item of raw.cells) {
    const cell = sanitiseCell(item, looks);
    if (!cell || seen.has(cell.address)) return undefined;
    seen.add(cell.address);
    cells.push(cell);
  }
  const record: UndoRecord = { sheet: raw.sheet, cells };
  if (raw.columnWidths !== undefined) {
    const widths = sanitiseWidths(raw.columnWidths);
    if (!widths) return undefined;
    if (Object.keys(widths).length > 0) record.columnWidths = widths;
  }
  if (raw.printArea !== undefined) {
    if (!(typeof raw.printArea === 'string' && raw.printArea.length > 0 && raw.printArea.length <= MAX_PRINT_AREA)) return undefined;
    record.printArea = raw.printArea;
  }
  return record;
}

/** Excel's widest column is 255 characters, some 1,800 points. */
const MAX_COLUMN_POINTS = 2000;
/** A print area's address: a few ranges, each with its sheet's name (at most 31 characters, quoted). */
const MAX_PRINT_AREA = 2048;
const COLUMN = /^[A-Z]{1,3}$/;

function sanitiseWidths(raw: unknown): Record<string, number | null> | undefined {
  if (!isPlain(raw)) return undefined;
  const widths: Record<string, number | null> = {};
  for (const [letters, width] of Object.entries(raw)) {
    if (!COLUMN.test(letters)) return undefined;
    if (width !== null && !(isNumber(width) && width >= 0 && width <= MAX_COLUMN_POINTS)) return undefined;
    widths[letters] = width;
  }
  return widths;
}

const shortText = (v: unknown, max = 64): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * A look as getCellProperties reported it, field by field: unknown fields (a newer version's) are
 * left out; a known one of the wrong type or size makes the look, and so its record, damaged.
 */
function sanitiseLook(raw: unknown): CellLook | undefined {
  if (!isPlain(raw)) return undefined;
  const look: CellLook = {};
  for (const key of ['bold', 'italic', 'wrap'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'boolean') return undefined;
    look[key] = raw[key];
  }
  for (const key of ['fontColor', 'fontName', 'horizontal', 'vertical'] as const) {
    if (raw[key] === undefined) continue;
    if (!shortText(raw[key])) return undefined;
    look[key] = raw[key];
  }
  if (raw.fontSize !== undefined) {
    // Excel's font sizes run from 1 to 409 points
    if (!(isNumber(raw.fontSize) && raw.fontSize >= 1 && raw.fontSize <= 409)) return undefined;
    look.fontSize = raw.fontSize;
  }
  if (raw.borders !== undefined) {
    if (!isPlain(raw.borders)) return undefined;
    const borders: CellLook['borders'] = {};
    for (const edge of CELL_EDGES) {
      const line = raw.borders[edge];
      if (line === undefined) continue;
      // "None", or "style weight colour"
      if (!shortText(line) || line.split(' ').length > 3) return undefined;
      borders[edge] = line;
    }
    look.borders = borders;
  }
  return look;
}

/**
 * `written` is optional: records saved before it was noted lack it, and load with it unknown (undo
 * then keeps every cell that changed since before the run: src/app/undo-check.ts). So is `look`:
 * a cell without one keeps its look on undo.
 */
function sanitiseCell(raw: unknown, looks: CellLook[] = []): ReplacedCell | undefined {
  if (!isPlain(raw) || typeof raw.address !== 'string' || !A1.test(raw.address)) return undefined;
  const { value, formula, numberFormat, fill, written } = raw;
  if (!(typeof value === 'string' || typeof value === 'boolean' || isNumber(value))) return undefined;
  if (formula !== undefined && !(typeof formula === 'string' && formula.startsWith('='))) return undefined;
  if (typeof numberFormat !== 'string') return undefined;
  // Excel reports "#RRGGBB"; a named colour would do as well when written back
  if (fill !== null && !(typeof fill === 'string' && fill.length > 0 && fill.length <= 32)) return undefined;
  if (written !== undefined && !(typeof written === 'string' || isNumber(written))) return undefined;
  const look = raw.look === undefined ? undefined : typeof raw.look === 'number' ? looks[raw.look] : sanitiseLook(raw.look);
  if (raw.look !== undefined && !look) return undefined;
  return {
    address: raw.address,
    value,
    ...(formula !== undefined ? { formula } : {}),
    numberFormat,
    fill,
    ...(written !== undefined ? { written } : {}),
    ...(look ? { look } : {}),
  };
}
