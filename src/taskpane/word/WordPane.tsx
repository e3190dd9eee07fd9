/**
 * The Word task pane: 从工作簿生成报告. The user picks an .xlsx; the same engine scores it (in the
 * lazily loaded report chunk, with exceljs); the pane shows the total, the problems (with their
 * cells: what the report will leave as placeholders) and the rows to judge, as Excel's pane does;
 * the report goes into this document or a new one.
 *
 * Judgements made here re-score the file in memory (its sheets read once more by the lazily loaded
 * reader, then scored with the file's settings and these judgements). They apply to this pane's
 * report only: the file is not written, so they cannot be saved into it, and the pane says so.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Field, Spinner, Text } from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ScoredSheet, ScoredWorkbook, WordReportService } from '../../app/report-service';
import { DEFAULT_SETTINGS, previewSheet, profileFromSettings } from '../../app/scoring-run';
import type { Grid } from '../../engine/grid';
import { findProfile } from '../../engine/rules/profile';
import type { Judgement } from '../../engine/score/score-indicator';
import type { WorkbookSettings } from '../../app/ports';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { useTask } from '../common/use-task';
import { JudgementPanel } from '../excel/JudgementPanel';
import { judgeableRows, withJudgement } from '../excel/judgements';
import { ProblemList } from '../excel/ProblemList';
import { formatNumber } from '../format';
import { useStrings } from '../i18n';
import { pick } from '../strings';
import { InsertReport } from './InsertReport';
import { readFileBytes } from './read-file';
import { PaneSelect } from '../common/PaneSelect';
import { ProfileField } from '../settings/ProfileField';

type Judgements = WorkbookSettings['judgements'];

/** Reads an .xlsx's sheets (the .xlsx reader, fetched with the report code: see report-loaders.ts). */
export type WorkbookReader = (bytes: Uint8Array) => Promise<Grid[]>;

interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export interface WordPaneProps {
  /** The report code (exceljs, docx, Word), fetched on first use and kept (see report-loaders.ts). */
  loadReportService: () => Promise<WordReportService>;
  /** The .xlsx reader, fetched only when the user first judges a row here. */
  loadWorkbookReader: () => Promise<WorkbookReader>;
}

export function WordPane({ loadReportService, loadWorkbookReader }: WordPaneProps) {
  const strings = useStrings();
  const layout = useLayout();
  const task = useTask();
  const input = useRef<HTMLInputElement>(null);
  const [profileId, setProfileId] = useState(DEFAULT_SETTINGS.profileId);
  const [file, setFile] = useState<ChosenFile>();
  const [scoredBook, setScoredBook] = useState<ScoredWorkbook>();
  const [chosen, setChosen] = useState<string>();
  /** The judgements made in this pane for this file (undefined: none, the file's own apply). */
  const [judged, setJudged] = useState<Judgements>();
  /** The file's sheets scored with `judged`, once a row was judged here. */
  const [rejudged, setRejudged] = useState<ScoredSheet[]>();
  const read = useRef<{ file: ChosenFile; grids: Grid[] }>(undefined);
  const busy = task.running !== undefined;
  const sheets = rejudged ?? scoredBook?.sheets;

  /** The file's sheets scored with its settings and the pane's judgements (the sheets are read once per file). */
  const scoreWithJudgements = async (target: ChosenFile, book: ScoredWorkbook, judgements: Judgements | undefined): Promise<ScoredSheet[] | undefined> => {
    if (!judgements) return undefined;
    if (read.current?.file !== target) read.current = { file: target, grids: await (await loadWorkbookReader())(target.bytes) };
    const settings: WorkbookSettings = { ...book.settings, judgements };
    return read.current.grids.map((grid) => ({ name: grid.sheet, outcome: previewSheet({ grid, protected: false }, settings) }));
  };

  /**
   * Score with the settings saved in the file, if any: a newly chosen file starts at its saved
   * profile (`chosen` false), a profile the user picks for it replaces that (`chosen` true).
   */
  const scoreFile = async (target: ChosenFile, profile: string, chosenByUser: boolean, judgements: Judgements | undefined) => {
    const scored = await (await loadReportService()).scoreWorkbookFile(target.bytes, { profileId: profile, chosen: chosenByUser });
    // Another profile keeps the judgements made here: score the file with them again.
    setRejudged(await scoreWithJudgements(target, scored, judgements));
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
    void task.run('judge', async () => setRejudged(await scoreWithJudgements(file, scoredBook, next)));
  };

  return (
    <main className={layout.pane}>
      <header className={layout.section}>
        <Text as="h1" size={500} weight="semibold">
          {strings.wordTitle}
        </Text>
        <Text className={layout.muted}>{strings.wordIntro}</Text>
      </header>

      <ProfileField value={profileId} disabled={busy} onChange={changeProfile} />
      {scoredBook && scoredBook.saved !== 'none' && (
        <Text className={layout.muted}>{scoredBook.saved === 'all' ? strings.savedSettingsUsed : strings.savedSettingsOtherRules}</Text>
      )}

      <div className={layout.section}>
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={strings.chooseFile}
          hidden
          onChange={onFile}
        />
        <div>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => input.current?.click()}
            icon={task.running === 'score' ? <Spinner size="tiny" /> : undefined}
          >
            {task.running === 'score' ? strings.readingFile : strings.chooseFile}
          </Button>
        </div>
        {file && <Text className={layout.muted}>{strings.chosenFile(file.name)}</Text>}
      </div>
      {task.failed && <ErrorNotice failed={task.failed} onDismiss={task.clearFailure} />}

      {sheets && scoreable.length === 0 && (
        <div className={layout.section} role="alert">
          <Text weight="semibold">{strings.noScoreableSheet}</Text>
          <ul className={layout.list}>
            {sheets.map((sheet) => (
              <li key={sheet.name}>
                <Text>{sheet.outcome.ok ? sheet.name : pick(strings, sheet.outcome.message, sheet.outcome.messageEn)}</Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {scoreable.length > 1 && (
        <Field label={strings.chooseSheet}>
          <PaneSelect value={chosen ?? ''} disabled={busy} onChange={(_, data) => setChosen(data.value)}>
            {scoreable.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.name}
              </option>
            ))}
          </PaneSelect>
        </Field>
      )}
      {evaluation && (
        <section className={layout.section} aria-label={evaluation.sheet}>
          <Text as="h2" size={400} weight="semibold">
            {evaluation.project.name ?? evaluation.sheet}
          </Text>
          <Text weight="semibold" data-testid="total">
            {strings.wordTotal(formatNumber(evaluation.totalScore), evaluation.grade)}
          </Text>
        </section>
      )}
      {/* Before the buttons: what the report will leave as placeholders, and the rows to settle first. */}
      {evaluation && <ProblemList problems={evaluation.problems} hint={strings.wordProblemsHint} />}
      {evaluation && profile && toJudge.length > 0 && (
        <Accordion
          key={`${file?.name ?? ''}|${evaluation.sheet}`}
          collapsible
          defaultOpenItems={toJudge.some((row) => row.status === 'needs-judgement') ? ['judgements'] : []}
        >
          <AccordionItem value="judgements">
            <AccordionHeader>{strings.judgementsTitle(toJudge.length)}</AccordionHeader>
            <AccordionPanel>
              <JudgementPanel rows={toJudge} judgements={sheetJudgements} profile={profile} onJudge={judge} disabled={busy} hint={strings.wordJudgementsNote} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
      {evaluation && (
        <section className={layout.section} aria-label={strings.reportTitle}>
          <InsertReport key={`${file?.name ?? ''}|${evaluation.sheet}`} evaluation={evaluation} service={loadReportService} disabled={busy} />
        </section>
      )}
    </main>
  );
}
