/**
 * The Word task pane's state and actions, apart from how they are shown (WordPaneView): the chosen
 * workbook file scored by the same engine (in the lazily loaded report chunk), its profile, the
 * sheet shown, and the judgements made here, which re-score the file in memory and apply to this
 * pane's report only (the file is not written).
 */
import { useState, type ChangeEvent } from 'react';
import type { WorkbookSettings } from '../../app/ports';
import type { ScoredSheet, ScoredWorkbookFile, WordReportService } from '../../app/report-service';
import { DEFAULT_SETTINGS, previewSheet, profileFromSettings } from '../../app/scoring-run';
import { findProfile } from '../../engine/rules/profile';
import type { Judgement } from '../../engine/score/score-indicator';
import { useTask } from '../common/use-task';
import { judgeableRows, withJudgement } from '../excel/judgements';
import { readFileBytes } from './read-file';

type Judgements = WorkbookSettings['judgements'];

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export function useWordPane(loadReportService: () => Promise<WordReportService>) {
  const task = useTask();
  const [profileId, setProfileId] = useState(DEFAULT_SETTINGS.profileId);
  const [file, setFile] = useState<ChosenFile>();
  /** The chosen file scored, with its sheets as scoring read them (a judgement scores them again). */
  const [scoredBook, setScoredBook] = useState<ScoredWorkbookFile>();
  const [chosen, setChosen] = useState<string>();
  /** The judgements made in this pane for this file (undefined: none, the file's own apply). */
  const [judged, setJudged] = useState<Judgements>();
  /** The file's sheets scored with `judged`, once a row was judged here. */
  const [rejudged, setRejudged] = useState<ScoredSheet[]>();
  const busy = task.running !== undefined;
  const sheets = rejudged ?? scoredBook?.sheets;

  /** The file's sheets, as scoring read them, scored again with its settings and the pane's judgements. */
  const scoreWithJudgements = (book: ScoredWorkbookFile, judgements: Judgements | undefined): ScoredSheet[] | undefined => {
    if (!judgements) return undefined;
    const settings: WorkbookSettings = { ...book.settings, judgements };
    return book.grids.map((grid) => ({ name: grid.sheet, outcome: previewSheet({ grid, protected: false }, settings) }));
  };

  /**
   * Score with the settings saved in the file, if any: a newly chosen file starts at its saved
   * profile (`chosen` false), a profile the user picks for it replaces that (`chosen` true).
   */
  const scoreFile = async (target: ChosenFile, profile: string, chosenByUser: boolean, judgements: Judgements | undefined) => {
    const scored = await (await loadReportService()).scoreWorkbookFile(target.bytes, { profileId: profile, chosen: chosenByUser });
    // Another profile keeps the judgements made here: score the file with them again.
    setRejudged(scoreWithJudgements(scored, judgements));
    setScoredBook(scored);
    // A saved profile this version does not know is scored with the default rules (profileFromSettings).
    setProfileId(findProfile(scored.settings.profileId) ? scored.settings.profileId : DEFAULT_SETTINGS.profileId);
    const scoreable = scored.sheets.filter((sheet) => sheet.outcome.ok);
    setChosen((previous) => (scoreable.some((sheet) => sheet.name === previous) ? previous : scoreable[0]?.name));
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it in Excel) still reads it.
    event.target.value = '';
    if (!picked) return;
    void task.run('score', async () => {
      const next = { name: picked.name, bytes: await readFileBytes(picked) };
      setFile(next);
      setScoredBook(undefined);
      // A file chosen (again) starts from its own saved judgements.
      setJudged(undefined);
      setRejudged(undefined);
      await scoreFile(next, profileId, false, undefined);
    });
  };

  const changeProfile = (profile: string) => {
    setProfileId(profile);
    if (file) void task.run('score', () => scoreFile(file, profile, true, judged));
  };

  const scoreable = sheets?.filter((sheet) => sheet.outcome.ok) ?? [];
  const current = scoreable.find((sheet) => sheet.name === chosen);
  const evaluation = current?.outcome.ok ? current.outcome.evaluation : undefined;
  const allJudgements = judged ?? scoredBook?.settings.judgements;
  const sheetJudgements = evaluation ? allJudgements?.[evaluation.sheet] : undefined;
  const toJudge = evaluation ? judgeableRows(evaluation.indicators, sheetJudgements) : [];
  const profile = scoredBook ? profileFromSettings(scoredBook.settings) : undefined;

  const judge = (row: number, judgement: Judgement | undefined) => {
    if (!file || !scoredBook || !evaluation) return;
    const next = withJudgement(allJudgements ?? {}, evaluation.sheet, row, judgement);
    setJudged(next);
    // In memory and at once: the sheets scoring read are scored again, as Excel's preview is.
    setRejudged(scoreWithJudgements(scoredBook, next));
  };

  return {
    profileId,
    file,
    scoredBook,
    sheets,
    scoreable,
    chosen,
    evaluation,
    sheetJudgements,
    toJudge,
    profile,
    busy,
    running: task.running,
    failed: task.failed,
    clearFailure: task.clearFailure,
    actions: { onFile, changeProfile, choose: setChosen, judge },
  };
}

export type WordPaneState = ReturnType<typeof useWordPane>;
