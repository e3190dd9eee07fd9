/**
 * Scoring a workbook file the user chose, the same way wherever it happens (the Word pane, the
 * 网页版, the command line): its sheets read once, the settings the Excel add-in saved in it
 * honoured, every sheet scored as Excel's pane would preview it. Browser-safe: it reads with the
 * checked reader of xlsx/workbook.ts, which at the command line has Node's zlib behind it.
 */
import type { WorkbookSettings } from '../app/ports';
import type { ProfileChoice, ScoredSheet, ScoredWorkbook, ScoredWorkbookFile } from '../app/report-service';
import { DEFAULT_SETTINGS, previewSheet } from '../app/scoring-run';
import { withProfile } from '../app/settings';
import type { EvaluateOutcome } from '../engine/evaluate';
import type { Grid } from '../engine/grid';
import { ProductError } from '../engine/product-error';
import { readSavedAddinSettings } from '../xlsx/addin-settings';
import { XlsxInputError } from '../xlsx/errors';
import { readWorkbookGrids } from '../xlsx/workbook';

/** A workbook file the user chose cannot be read. */
export class WorkbookFileError extends ProductError {
  constructor(code: string, zh: string, en: string) {
    super(code, zh, en);
    this.name = 'WorkbookFileError';
  }
}

/**
 * The settings saved in the file (else the defaults), with `profileId`, when given, replacing the
 * saved profile and dropping its adjustments, as choosing a profile in Excel's settings panel does.
 */
export function fileSettings(saved: WorkbookSettings | undefined, profileId: string | undefined): WorkbookSettings {
  const base = saved ?? DEFAULT_SETTINGS;
  return profileId === undefined ? base : withProfile(base, profileId);
}

/**
 * The settings to score a file with in a pane: those Excel saved in it (the profile replaced, and
 * its adjustments dropped, when the user chose another one in the pane), else the defaults with
 * the pane's profile; and what the saved ones contributed.
 */
export function settingsForFile(saved: WorkbookSettings | undefined, profile: ProfileChoice): Pick<ScoredWorkbook, 'settings' | 'saved'> {
  if (!saved) return { settings: fileSettings(undefined, profile.profileId), saved: 'none' };
  if (!profile.chosen) return { settings: saved, saved: 'all' };
  const settings = fileSettings(saved, profile.profileId);
  return { settings, saved: settings === saved ? 'all' : 'all-but-rules' };
}

/** Every sheet scored with `settings`. A file is not a sheet in Excel: nothing is protected. */
export function scoreSheets(grids: Grid[], settings: WorkbookSettings): ScoredSheet[] {
  return grids.map((grid) => ({ name: grid.sheet, outcome: previewSheet({ grid, protected: false }, settings) }));
}

/**
 * Every table of every sheet: a sheet holding several (a department's project tables one below
 * the other) gives one entry per table, each scored on its own and marked with `table`. As all of
 * them are scored, none says that the sheet holds other tables.
 */
export function scoreEveryTable(grids: Grid[], settings: WorkbookSettings): ScoredSheet[] {
  return grids.flatMap((grid): ScoredSheet[] => {
    const first = previewSheet({ grid, protected: false }, settings);
    if (first.tables.length < 2) return [{ name: grid.sheet, outcome: first }];
    return first.tables.map((table) => {
      const chosen = { ...settings, tableRows: { ...settings.tableRows, [grid.sheet]: table.headerRow } };
      return { name: grid.sheet, table, outcome: withoutOtherTablesNotice(previewSheet({ grid, protected: false }, chosen)) };
    });
  });
}

function withoutOtherTablesNotice(outcome: EvaluateOutcome): EvaluateOutcome {
  if (!outcome.ok) return outcome;
  const problems = outcome.evaluation.problems.filter((p) => p.code !== 'other-tables');
  return { ...outcome, evaluation: { ...outcome.evaluation, problems } };
}

/** The file's sheets, the reader's refusal (not an .xlsx, encrypted, damaged…) turned into a WorkbookFileError. */
async function readSheets(bytes: Uint8Array): Promise<Grid[]> {
  try {
    return await readWorkbookGrids(bytes);
  } catch (error) {
    if (error instanceof XlsxInputError) throw new WorkbookFileError(error.code, error.zh, error.en);
    throw error;
  }
}

/**
 * Score every sheet with the settings saved in the file when it has some (the profile replaced
 * when `profile.chosen`), else with the defaults and `profile.profileId`.
 */
export async function scoreWorkbookFile(bytes: Uint8Array, profile: ProfileChoice): Promise<ScoredWorkbookFile> {
  const grids = await readSheets(bytes);
  // Read only once the file is known to be a workbook: its errors are the reader's to explain.
  const { settings, saved } = settingsForFile(await readSavedAddinSettings(bytes), profile);
  return { sheets: scoreSheets(grids, settings), settings, saved, grids };
}
