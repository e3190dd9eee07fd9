/**
 * The Excel task pane's state and actions, apart from how they are shown (ExcelPaneView): what the
 * active sheet holds and its preview, 一键评分 and its undo, 汇总本工作簿, the notices, the
 * judgements, the table choice and the settings. Everything reaches Excel through the host it is given.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { gridAfterPlan } from '../../app/grid-after-plan';
import type { UndoKept } from '../../app/last-runs';
import type { ExcelHost, WorkbookSettings } from '../../app/ports';
import { previewSheet, profileFromSettings, refuseProtected, scoreActiveSheet, withoutStaleTableChoice } from '../../app/scoring-run';
import { settingsForSheet } from '../../app/sheet-settings';
import { summariseWorkbook, type WorkbookSummaryRun } from '../../app/workbook-summary';
import type { EvaluateOutcome } from '../../engine/evaluate';
import type { Evaluation } from '../../engine/evaluation';
import type { Judgement } from '../../engine/score/score-indicator';
import type { NoticeMessage } from '../common/Notice';
import { useTask } from '../common/use-task';
import { formatNumber } from '../format';
import { useStrings } from '../i18n';
import { pick } from '../strings';
import { judgeableRows, labelled, withJudgement } from './judgements';
import { undoFor } from './undo-stack';
import { useActiveSheet } from './use-active-sheet';
import { useUndoHistory } from './use-undo-history';
import { useWorkbookSettings } from './use-workbook-settings';

export interface LastRun {
  evaluation: Evaluation;
  /** The settings it ran with: when they change, the sheet's results are out of date. */
  settings: WorkbookSettings;
}

/** What the notice after a run adds when its undo will not outlive the pane. */
const UNDO_CAVEAT: Record<UndoKept, 'undoTooLarge' | 'undoNotSaved' | undefined> = {
  saved: undefined,
  'too-large': 'undoTooLarge',
  'not-saved': 'undoNotSaved',
};

export interface Preview {
  outcome?: EvaluateOutcome;
  error?: unknown;
}

export type AddColumnsPlan = NonNullable<Extract<EvaluateOutcome, { ok: false }>['addColumnsPlan']>;

export function useExcelPane(host: ExcelHost) {
  const strings = useStrings();
  const task = useTask();
  const [saveError, setSaveError] = useState<unknown>();
  // A save rejected with nothing must still show as failed: `undefined` here means "no error".
  const onSaveError = useCallback((error: unknown) => setSaveError(error ?? new Error('')), []);
  const [settings, saveSettings] = useWorkbookSettings(host, onSaveError);
  const sheet = useActiveSheet(host, task.running !== undefined);
  // Starts from the runs saved in the workbook: a ribbon run, or this pane before it was closed.
  const history = useUndoHistory(host, sheet.snapshot?.grid.sheet);
  const [lastRun, setLastRun] = useState<LastRun>();
  const [notice, setNotice] = useState<NoticeMessage>();
  // 汇总本工作簿: whether to write the results into the tables too (off unless the user asks), and the last run
  const [writeScoresToo, setWriteScoresToo] = useState(false);
  const [summaryRun, setSummaryRun] = useState<WorkbookSummaryRun>();

  const preview = useMemo((): Preview => {
    if (!sheet.snapshot) return {};
    try {
      return { outcome: previewSheet(sheet.snapshot, settings) };
    } catch (error) {
      // An engine failure on an odd sheet must not blank the pane: say so, keep the rest usable.
      return { error };
    }
  }, [sheet.snapshot, settings]);
  const profile = useMemo(() => profileFromSettings(settings), [settings]);

  const outcome = preview.outcome;
  const sheetName = sheet.snapshot?.grid.sheet;
  const busy = task.running !== undefined;
  const undoTop = undoFor(history.stack, sheetName, sheet.snapshot?.sheetKey);

  const changeSettings = useCallback(
    (next: WorkbookSettings) => {
      setSaveError(undefined);
      saveSettings(next);
    },
    [saveSettings],
  );

  // A saved table choice that is no longer one of the sheet's tables (rows were inserted above it):
  // the preview and a run score the first table instead; the choice itself is cleared from the
  // workbook, so that the chooser shows what is scored and the ribbon stops meeting it.
  const current = useMemo(
    () => (outcome && sheetName ? withoutStaleTableChoice(settings, sheetName, outcome.tables) : settings),
    [outcome, sheetName, settings],
  );
  useEffect(() => {
    if (current !== settings) changeSettings(current);
  }, [current, settings, changeSettings]);
  // What was saved for this sheet under an old name follows it; another sheet's entries under its name do not (app/sheet-settings.ts).
  const snapshot = sheet.snapshot;
  const forSheet = useMemo(() => (sheetName ? settingsForSheet(current, sheetName, snapshot) : current), [current, sheetName, snapshot]);

  const score = () =>
    void task.run('score', async () => {
      setNotice(undefined);
      const run = await scoreActiveSheet(host, settings);
      // The run may meet a stale table choice the preview had not seen yet (the sheet changed since
      // it was read): clear it here, so that the results are not shown as out of date once it is.
      const used = withoutStaleTableChoice(settings, run.snapshot.grid.sheet, run.outcome.tables);
      if (used !== settings) changeSettings(used);
      if (!run.written) {
        setNotice({ intent: 'warning', text: pick(strings, run.outcome.message, run.outcome.messageEn) });
        sheet.replace(run.snapshot);
      } else {
        const { evaluation } = run.outcome;
        setLastRun({ evaluation, settings: used });
        // What the run wrote is known: no third round trip to Excel just to refresh the preview.
        sheet.replace({
          ...run.snapshot,
          grid: gridAfterPlan(run.snapshot.grid, run.outcome.plan),
          ...(run.undo.sheetKey ? { sheetKey: run.undo.sheetKey } : {}),
        });
        // Saved in the workbook too (the undo records' part, no cell touched), so undo outlives the pane.
        const kept = await history.push({ kind: 'score', record: run.undo });
        const scored = strings.scored(formatNumber(evaluation.totalScore), evaluation.grade);
        const caveat = UNDO_CAVEAT[kept ?? 'saved'];
        setNotice(caveat ? { intent: 'warning', text: `${scored}${strings[caveat]}` } : { intent: 'success', text: scored });
      }
    });

  const summarise = () =>
    void task.run('summary', async () => {
      setNotice(undefined);
      const run = await summariseWorkbook(host, settings, { writeScores: writeScoresToo });
      setSummaryRun(run);
      // Each sheet written keeps its undo record, as after 一键评分 on it (saved in one change).
      const kept = run.written.length > 0 ? await history.pushScores(run.written) : 'saved';
      const failed = run.summary.failures.length - run.protectedSheets.length;
      const parts = [strings.workbookSummarised(run.target.name, run.summary.tables.length, failed, run.target.replace)];
      if (run.written.length > 0) parts.push(strings.workbookScoresWritten(run.written.length));
      if (run.protectedSheets.length > 0) parts.push(strings.workbookScoresProtected(run.protectedSheets));
      const caveat = UNDO_CAVEAT[kept];
      if (caveat) parts.push(strings[caveat].trim());
      const warn = failed > 0 || run.protectedSheets.length > 0 || caveat !== undefined;
      setNotice({ intent: warn ? 'warning' : 'success', text: parts.join(strings.lang === 'zh' ? '' : ' ') });
      // the summary sheet is active now
      void sheet.reload();
    });

  const undo = () => {
    if (!undoTop) return;
    void task.run('undo', async () => {
      setNotice(undefined);
      // Cells changed since the run (the user's own score, a note) are kept, and the notice names them.
      const result = await host.undo(undoTop.record);
      await history.remove(undoTop);
      const undoneSheet = undoTop.record.sheet;
      if (undoTop.kind === 'score') setLastRun((run) => (run?.evaluation.sheet === undoneSheet ? undefined : run));
      const text = (undoTop.kind === 'score' ? strings.undone : strings.columnsUndone)(undoneSheet, result);
      // kept edits are what the user wants; cells of an old record that could not be checked need a look
      const intent = result.keptUnknown.length > 0 ? 'warning' : result.keptEdited.length > 0 ? 'info' : 'success';
      setNotice({ intent, text });
      void sheet.reload();
    });
  };

  const insertTemplate = () =>
    void task.run('template', async () => {
      setNotice(undefined);
      const name = await host.insertTemplateSheet();
      setNotice({ intent: 'success', text: strings.templateInserted(name) });
      void sheet.reload();
    });

  const addColumns = (plan: AddColumnsPlan) =>
    void task.run('columns', async () => {
      setNotice(undefined);
      if (sheet.snapshot) refuseProtected(sheet.snapshot);
      const record = await host.applyPlan(plan);
      await history.push({ kind: 'columns', record });
      setNotice({ intent: 'success', text: strings.columnsAdded(plan.writes.map((w) => String(w.value))) });
      void sheet.reload();
    });

  const selectCell = (address: string) => {
    if (!sheetName) return;
    void task.run('select', () => host.selectCell(sheetName, address));
  };

  const judge = (row: number, judgement: Judgement | undefined) => {
    // Saved with the indicator it was made for, so that it follows it when rows move (engine/score/follow-judgements.ts).
    const label = outcome?.ok ? outcome.evaluation.indicators.find((i) => i.row === row)?.level3 : undefined;
    if (sheetName) changeSettings({ ...forSheet, judgements: withJudgement(forSheet.judgements, sheetName, row, labelled(judgement, label)) });
  };

  const chooseTable = (headerRow: number) => {
    if (sheetName) changeSettings({ ...forSheet, tableRows: { ...forSheet.tableRows, [sheetName]: headerRow } });
  };

  const evaluation = outcome?.ok ? outcome.evaluation : undefined;
  const shownRun = lastRun && lastRun.evaluation.sheet === sheetName ? lastRun : undefined;
  const judgements = sheetName ? forSheet.judgements[sheetName] : undefined;
  const toJudge = evaluation ? judgeableRows(evaluation.indicators, judgements) : [];
  // `current`, not `settings`: the chooser never shows a stale row that is none of its options.
  const chosenTable = outcome && sheetName ? (forSheet.tableRows[sheetName] ?? outcome.tables[0]?.headerRow) : undefined;

  return {
    sheet,
    sheetName,
    settings,
    saveError,
    preview,
    outcome,
    evaluation,
    profile,
    busy,
    running: task.running,
    failed: task.failed,
    clearFailure: task.clearFailure,
    undoTop,
    notice,
    shownRun,
    judgements,
    toJudge,
    chosenTable,
    writeScoresToo,
    summaryRun,
    /** The active sheet is the add-in's own 评分汇总 (汇总本工作簿 wrote it): not a table. */
    onSummarySheet: sheet.snapshot?.summarySheet === true,
    actions: { score, undo, insertTemplate, addColumns, selectCell, judge, chooseTable, changeSettings, summarise, setWriteScoresToo },
  };
}

export type ExcelPaneState = ReturnType<typeof useExcelPane>;
