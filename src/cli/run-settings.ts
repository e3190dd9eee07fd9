/** The settings a run scores a workbook with: what the file saved, and what the command line says. */
import type { WorkbookSettings } from '../app/ports';
import { fileSettings } from '../report-service/score-file';
import type { RowJudgement, ScoreOptions } from './command-line';

/**
 * The settings to score with: those the Excel add-in saved in the workbook (unless
 * --ignore-saved-settings), with --profile replacing the saved profile and dropping its
 * adjustments, as choosing a profile in Excel's settings panel does; else the defaults with
 * --profile. --keep-scores keeps the scores in the sheet whatever was saved, --rebase rebases the
 * total whatever the profile says, and each --judge is laid over the saved judgements of its sheet.
 */
export function settingsForRun(
  saved: WorkbookSettings | undefined,
  options: Pick<ScoreOptions, 'profile' | 'keepScores' | 'rebase'>,
  judges: { sheet: string; judge: RowJudgement }[] = [],
): WorkbookSettings {
  let settings = fileSettings(saved, options.profile);
  if (options.keepScores) settings = { ...settings, keepExistingScores: true };
  if (options.rebase) settings = { ...settings, overrides: { ...settings.overrides, rebaseTo100: true } };
  if (judges.length > 0) {
    const judgements = { ...settings.judgements };
    for (const { sheet, judge } of judges) judgements[sheet] = { ...judgements[sheet], [judge.row]: judge.judgement };
    settings = { ...settings, judgements };
  }
  return settings;
}
