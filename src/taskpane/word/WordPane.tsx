/**
 * The Word task pane: 从工作簿生成报告. The user picks an .xlsx; the same engine scores it (in the
 * lazily loaded report chunk, with exceljs); the report goes into this document or a new one.
 */
import { Button, Field, Spinner, Text } from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ScoredWorkbook, WordReportService } from '../../app/report-service';
import { DEFAULT_SETTINGS } from '../../app/scoring-run';
import { findProfile } from '../../engine/rules/profile';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { useTask } from '../common/use-task';
import { formatNumber } from '../format';
import { useStrings } from '../i18n';
import { pick } from '../strings';
import { InsertReport } from './InsertReport';
import { readFileBytes } from './read-file';
import { PaneSelect } from '../common/PaneSelect';
import { ProfileField } from '../settings/ProfileField';

interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export interface WordPaneProps {
  /** The report code (exceljs, docx, Word), fetched on first use and kept (see report-loaders.ts). */
  loadReportService: () => Promise<WordReportService>;
}

export function WordPane({ loadReportService }: WordPaneProps) {
  const strings = useStrings();
  const layout = useLayout();
  const task = useTask();
  const input = useRef<HTMLInputElement>(null);
  const [profileId, setProfileId] = useState(DEFAULT_SETTINGS.profileId);
  const [file, setFile] = useState<ChosenFile>();
  const [scoredBook, setScoredBook] = useState<ScoredWorkbook>();
  const [chosen, setChosen] = useState<string>();
  const busy = task.running !== undefined;
  const sheets = scoredBook?.sheets;

  /**
   * Score with the settings saved in the file, if any: a newly chosen file starts at its saved
   * profile (`chosen` false), a profile the user picks for it replaces that (`chosen` true).
   */
  const scoreFile = async (target: ChosenFile, profile: string, chosenByUser: boolean) => {
    const scored = await (await loadReportService()).scoreWorkbookFile(target.bytes, { profileId: profile, chosen: chosenByUser });
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
      await scoreFile(next, profileId, false);
    });
  };

  const changeProfile = (profile: string) => {
    setProfileId(profile);
    if (file) void task.run('score', () => scoreFile(file, profile, true));
  };

  const scoreable = sheets?.filter((sheet) => sheet.outcome.ok) ?? [];
  const current = scoreable.find((sheet) => sheet.name === chosen);
  const evaluation = current?.outcome.ok ? current.outcome.evaluation : undefined;

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
          <Button appearance="primary" disabled={busy} onClick={() => input.current?.click()} icon={task.running === 'score' ? <Spinner size="tiny" /> : undefined}>
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
          <Text weight="semibold">{strings.wordTotal(formatNumber(evaluation.totalScore), evaluation.grade)}</Text>
          <InsertReport key={`${file?.name ?? ''}|${evaluation.sheet}`} evaluation={evaluation} service={loadReportService} />
        </section>
      )}
    </main>
  );
}
