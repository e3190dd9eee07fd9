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
import { fitLastRuns, LAST_RUNS_MAX_BYTES } from '../app/last-runs';
import { DEFAULT_SETTINGS } from '../app/scoring-run';
import type { Judgement } from '../engine/score/score-indicator';
import type { ProfileOverrides } from '../engine/rules/customise';
import type { GradeBand } from '../engine/rules/profile';
import { HostError, type LastRunsChange, type LastRunsSaved, type ReplacedCell, type UndoRecord, type WorkbookSettings } from './workbook-host';

/** The workbook's settings (settings are per add-in and per document already). */
export const SETTINGS_KEY = 'perfSelfEval.settings';
/** The last run of each sheet: its own key, so that neither value's size or damage affects the other. */
export const LAST_RUNS_KEY = 'perfSelfEval.lastRuns';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isShare = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 1;

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
    if (kept.length > 0) settings.set(LAST_RUNS_KEY, kept);
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

function cloneDefaults(): WorkbookSettings {
  return JSON.parse(JSON.stringify(DEFAULT_SETTINGS)) as WorkbookSettings;
}

/** Anything → valid settings. A JSON string (as some hosts hand settings back) is parsed first. */
export function sanitiseSettings(raw: unknown): WorkbookSettings {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return cloneDefaults();
    }
  }
  const result = cloneDefaults();
  if (!isPlain(value)) return result;
  if (typeof value.profileId === 'string' && value.profileId.trim()) result.profileId = value.profileId;
  if (typeof value.keepExistingScores === 'boolean') result.keepExistingScores = value.keepExistingScores;
  if (isPlain(value.overrides)) result.overrides = sanitiseOverrides(value.overrides);
  if (isPlain(value.judgements)) result.judgements = sanitiseJudgements(value.judgements);
  if (isPlain(value.tableRows)) {
    for (const [sheet, row] of Object.entries(value.tableRows)) {
      if (Number.isInteger(row) && (row as number) > 0) result.tableRows[sheet] = row as number;
    }
  }
  return result;
}

function sanitiseJudgements(raw: Plain): WorkbookSettings['judgements'] {
  const out: WorkbookSettings['judgements'] = {};
  for (const [sheet, rows] of Object.entries(raw)) {
    if (!isPlain(rows)) continue;
    const kept: Record<number, Judgement> = {};
    for (const [row, judgement] of Object.entries(rows)) {
      const n = Number(row);
      if (!Number.isInteger(n) || n <= 0) continue;
      const valid = sanitiseJudgement(judgement);
      if (valid !== undefined) kept[n] = valid;
    }
    if (Object.keys(kept).length > 0) out[sheet] = kept;
  }
  return out;
}

function sanitiseJudgement(raw: unknown): Judgement | undefined {
  if (isShare(raw)) return raw;
  if (isPlain(raw) && (raw.tier === 'achieved' || raw.tier === 'partial' || raw.tier === 'failed')) {
    return isShare(raw.share) ? { tier: raw.tier, share: raw.share } : { tier: raw.tier };
  }
  return undefined;
}

/** Only the rule settings the profile has, each with the right shape; the rest is dropped. */
function sanitiseOverrides(raw: Plain): ProfileOverrides {
  const out: ProfileOverrides = {};
  const numbers = <K extends string>(value: unknown, keys: readonly K[], check: (v: unknown) => v is number = isNumber) => {
    if (!isPlain(value)) return undefined;
    const picked: Partial<Record<K, number>> = {};
    for (const k of keys) if (check(value[k])) picked[k] = value[k] as number;
    return Object.keys(picked).length > 0 ? picked : undefined;
  };
  const weights = numbers(raw.defaultWeights, ['funds', 'output', 'benefit', 'satisfaction'] as const);
  if (weights) out.defaultWeights = weights as ProfileOverrides['defaultWeights'];
  if (raw.reverseFormula === 'ratio' || raw.reverseFormula === 'linear') out.reverseFormula = raw.reverseFormula;
  const over = numbers(raw.overAchievement, ['threshold', 'deduction'] as const);
  if (over) out.overAchievement = over as ProfileOverrides['overAchievement'];
  if (isPlain(raw.qualitative)) {
    const bands = numbers(raw.qualitative.bands, ['achieved', 'partial'] as const, isShare);
    const shares = numbers(raw.qualitative.shares, ['achieved', 'partial', 'failed'] as const, isShare);
    // customiseProfile merges bands and shares one level down, so partial objects are fine
    if (bands || shares) out.qualitative = { ...(bands ? { bands } : {}), ...(shares ? { shares } : {}) } as ProfileOverrides['qualitative'];
  }
  if (raw.lateShare === null || isShare(raw.lateShare)) out.lateShare = raw.lateShare;
  if (isPlain(raw.funds)) {
    const funds: Plain = {};
    if (raw.funds.denominator === 'adjusted' || raw.funds.denominator === 'initial') funds.denominator = raw.funds.denominator;
    if (isShare(raw.funds.flagBelow)) funds.flagBelow = raw.funds.flagBelow;
    if (typeof raw.funds.noteRequiredBelow === 'boolean') funds.noteRequiredBelow = raw.funds.noteRequiredBelow;
    if (Array.isArray(raw.funds.totalCaps) && raw.funds.totalCaps.every((c) => isPlain(c) && isShare(c.below) && isNumber(c.cap))) {
      funds.totalCaps = (raw.funds.totalCaps as Plain[]).map((c) => ({ below: c.below as number, cap: c.cap as number }));
    }
    if (Object.keys(funds).length > 0) out.funds = funds as ProfileOverrides['funds'];
  }
  if (typeof raw.rebaseTo100 === 'boolean') out.rebaseTo100 = raw.rebaseTo100;
  if (Array.isArray(raw.grades) && raw.grades.length > 0 && raw.grades.every((g) => isPlain(g) && isNumber(g.min) && typeof g.label === 'string' && g.label)) {
    out.grades = (raw.grades as Plain[]).map((g): GradeBand => ({ min: g.min as number, label: g.label as string }));
  }
  return out;
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

function sanitiseRecord(raw: unknown): UndoRecord | undefined {
  if (!isPlain(raw) || typeof raw.sheet !== 'string' || !raw.sheet || !Array.isArray(raw.cells) || raw.cells.length === 0) return undefined;
  const cells: ReplacedCell[] = [];
  const seen = new Set<string>();
  for (const item of raw.cells) {
    const cell = sanitiseCell(item);
    if (!cell || seen.has(cell.address)) return undefined;
    seen.add(cell.address);
    cells.push(cell);
  }
  return { sheet: raw.sheet, cells };
}

/**
 * `written` is optional: records saved before it was noted lack it, and load with it unknown (undo
 * then keeps every cell that changed since before the run: src/app/undo-check.ts).
 */
function sanitiseCell(raw: unknown): ReplacedCell | undefined {
  if (!isPlain(raw) || typeof raw.address !== 'string' || !A1.test(raw.address)) return undefined;
  const { value, formula, numberFormat, fill, written } = raw;
  if (!(typeof value === 'string' || typeof value === 'boolean' || isNumber(value))) return undefined;
  if (formula !== undefined && !(typeof formula === 'string' && formula.startsWith('='))) return undefined;
  if (typeof numberFormat !== 'string') return undefined;
  // Excel reports "#RRGGBB"; a named colour would do as well when written back
  if (fill !== null && !(typeof fill === 'string' && fill.length > 0 && fill.length <= 32)) return undefined;
  if (written !== undefined && !(typeof written === 'string' || isNumber(written))) return undefined;
  return {
    address: raw.address,
    value,
    ...(formula !== undefined ? { formula } : {}),
    numberFormat,
    fill,
    ...(written !== undefined ? { written } : {}),
  };
}
