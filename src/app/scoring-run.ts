/**
 * One scoring run, shared by the task pane and the ribbon command: read the active sheet once,
 * score it with the workbook's settings, write the plan once, keep what was replaced.
 */
import { evaluateGrid, type EvaluateOutcome, type TableChoice } from '../engine/evaluate';
import { customiseProfile } from '../engine/rules/customise';
import { DEFAULT_PROFILE_ID, findProfile, MOF_2020, type RuleProfile } from '../engine/rules/profile';
import { settingsForSheet } from './sheet-settings';
import { HostError, type SheetSnapshot, type UndoRecord, type WorkbookHost, type WorkbookSettings } from './ports';

export const DEFAULT_SETTINGS: WorkbookSettings = {
  profileId: DEFAULT_PROFILE_ID,
  overrides: {},
  keepExistingScores: false,
  judgements: {},
  tableRows: {},
};

/** The profile the settings describe; an unknown saved id falls back to the default rules. */
export function profileFromSettings(settings: WorkbookSettings): RuleProfile {
  return customiseProfile(findProfile(settings.profileId) ?? MOF_2020, settings.overrides);
}

/**
 * The settings without the sheet's saved table choice when that choice is no longer one of the
 * sheet's tables (rows were inserted or deleted above it since it was chosen): the sheet's first
 * table is scored instead. The same object when nothing is stale, so a caller can tell by identity
 * whether there is a stale choice to clear from the saved settings. A sheet where no table is found
 * at all keeps its choice: the table may come back where it was (the user undoes a deletion).
 */
export function withoutStaleTableChoice(settings: WorkbookSettings, sheet: string, tables: readonly TableChoice[]): WorkbookSettings {
  const saved = settings.tableRows[sheet];
  if (saved === undefined || tables.length === 0 || tables.some((table) => table.headerRow === saved)) return settings;
  const tableRows = { ...settings.tableRows };
  delete tableRows[sheet];
  return { ...settings, tableRows };
}

function evaluateSnapshot(snapshot: SheetSnapshot, saved: WorkbookSettings): EvaluateOutcome {
  const sheet = snapshot.grid.sheet;
  const settings = settingsForSheet(saved, sheet, snapshot);
  return evaluateGrid(snapshot.grid, {
    profile: profileFromSettings(settings),
    judgements: settings.judgements[sheet],
    keepExistingScores: settings.keepExistingScores,
    tableRow: settings.tableRows[sheet],
  });
}

/**
 * Score a snapshot without writing anything: what the pane shows on opening. A stale table choice
 * (see withoutStaleTableChoice) falls back to the sheet's first table rather than failing.
 */
export function previewSheet(snapshot: SheetSnapshot, settings: WorkbookSettings): EvaluateOutcome {
  if (snapshot.summarySheet) return summarySheetOutcome(snapshot.grid.sheet);
  const outcome = evaluateSnapshot(snapshot, settings);
  // A saved row that is one of the tables never fails on the choice itself: only re-score on failure.
  if (outcome.ok) return outcome;
  const current = withoutStaleTableChoice(settings, snapshot.grid.sheet, outcome.tables);
  return current === settings ? outcome : evaluateSnapshot(snapshot, current);
}

/**
 * The add-in's 评分汇总 sheet (汇总本工作簿) is not scored, by the pane or the ribbon: its 复核差异
 * table has the headings of an indicator table, but its rows are other tables' rows.
 */
function summarySheetOutcome(sheet: string): EvaluateOutcome {
  return {
    ok: false,
    failure: 'no-table',
    sheet,
    message: `工作表“${sheet}”是绩效自评助手生成的评分汇总表，不是自评表，不能评分。请切换到自评表所在的工作表；需要更新汇总时，请在助手中点击“汇总本工作簿”`,
    messageEn: `Sheet "${sheet}" is the summary the assistant wrote, not a self-evaluation table, so it cannot be scored. Switch to a sheet holding a table; to update the summary, click "Summarise this workbook" in the assistant`,
    tables: [],
  };
}

export type ScoringRun =
  /** Scored and written; `undo` restores what the run replaced. */
  | { written: true; snapshot: SheetSnapshot; outcome: Extract<EvaluateOutcome, { ok: true }>; undo: UndoRecord }
  /** Nothing written: the sheet could not be scored (no table, no rows, targets only). */
  | { written: false; snapshot: SheetSnapshot; outcome: Extract<EvaluateOutcome, { ok: false }> };

/**
 * Read, score, write: two syncs in all for a sheet of any size. Used by the pane and the ribbon
 * alike, so a stale table choice scores the first table in both (the pane also clears the choice).
 */
export async function scoreActiveSheet(host: WorkbookHost, settings: WorkbookSettings): Promise<ScoringRun> {
  const snapshot = await host.readActiveSheet();
  const outcome = previewSheet(snapshot, settings);
  if (!outcome.ok) return { written: false, snapshot, outcome };
  refuseProtected(snapshot);
  const undo = await host.applyPlan(outcome.plan);
  return { written: true, snapshot, outcome, undo };
}

/**
 * Checked before any write, from the read: a protected sheet may still have unlocked cells, and a
 * batch would write those before failing on a locked one.
 */
export function refuseProtected(snapshot: SheetSnapshot): void {
  if (!snapshot.protected) return;
  throw new HostError(
    'protected',
    `工作表“${snapshot.grid.sheet}”受保护，未写入任何内容。请先在“审阅”选项卡中撤销工作表保护，再重试`,
    `Sheet "${snapshot.grid.sheet}" is protected; nothing was written. Unprotect it (Review tab), then try again`,
  );
}
