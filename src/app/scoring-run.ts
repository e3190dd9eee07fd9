/**
 * One scoring run, shared by the task pane and the ribbon command: read the active sheet once,
 * score it with the workbook's settings, write the plan once, keep what was replaced.
 */
import { evaluateGrid, type EvaluateOutcome } from '../engine/evaluate';
import { customiseProfile } from '../engine/rules/customise';
import { DEFAULT_PROFILE_ID, findProfile, MOF_2020, type RuleProfile } from '../engine/rules/profile';
import { HostError, type SheetSnapshot, type UndoRecord, type WorkbookHost, type WorkbookSettings } from '../hosts/workbook-host';

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

/** Score a snapshot without writing anything: what the pane shows on opening. */
export function previewSheet(snapshot: SheetSnapshot, settings: WorkbookSettings): EvaluateOutcome {
  const sheet = snapshot.grid.sheet;
  return evaluateGrid(snapshot.grid, {
    profile: profileFromSettings(settings),
    judgements: settings.judgements[sheet],
    keepExistingScores: settings.keepExistingScores,
    tableRow: settings.tableRows[sheet],
  });
}

export type ScoringRun =
  /** Scored and written; `undo` restores what the run replaced. */
  | { written: true; snapshot: SheetSnapshot; outcome: Extract<EvaluateOutcome, { ok: true }>; undo: UndoRecord }
  /** Nothing written: the sheet could not be scored (no table, no rows, targets only). */
  | { written: false; snapshot: SheetSnapshot; outcome: Extract<EvaluateOutcome, { ok: false }> };

/** Read, score, write: two syncs in all for a sheet of any size. */
export async function scoreActiveSheet(host: WorkbookHost, settings: WorkbookSettings): Promise<ScoringRun> {
  const snapshot = await host.readActiveSheet();
  const outcome = previewSheet(snapshot, settings);
  if (!outcome.ok) return { written: false, snapshot, outcome };
  if (snapshot.protected) {
    throw new HostError(
      'protected',
      `工作表“${snapshot.grid.sheet}”受保护，未写入任何内容。请先在“审阅”选项卡中撤销工作表保护，再评分`,
      `Sheet "${snapshot.grid.sheet}" is protected; nothing was written. Unprotect it (Review tab), then score again`,
    );
  }
  const undo = await host.applyPlan(outcome.plan);
  return { written: true, snapshot, outcome, undo };
}
