/**
 * The Word task pane as it is shown: 从工作簿生成报告, from the state and actions of useWordPane.
 * Plain props only.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Spinner, Text } from '@fluentui/react-components';
import { useRef } from 'react';
import type { WordReportService } from '../../app/report-service';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { SheetSelect } from '../common/SheetSelect';
import { JudgementPanel } from '../excel/JudgementPanel';
import { ProblemList } from '../excel/ProblemList';
import { formatNumber } from '../format';
import { useStrings } from '../i18n';
import { ProfileField } from '../settings/ProfileField';
import { pick } from '../strings';
import { InsertReport } from './InsertReport';
import type { WordPaneState } from './use-word-pane';

export interface WordPaneViewProps {
  pane: WordPaneState;
  /** The report code, for the insert buttons. */
  loadReportService: () => Promise<WordReportService>;
}

export function WordPaneView({ pane, loadReportService }: WordPaneViewProps) {
  const strings = useStrings();
  const layout = useLayout();
  const input = useRef<HTMLInputElement>(null);
  const { profileId, file, scoredBook, sheets, scoreable, chosen, evaluation, sheetJudgements, toJudge, profile, busy } = pane;
  const { onFile, changeProfile, choose, judge } = pane.actions;
  const task = { running: pane.running, failed: pane.failed, clearFailure: pane.clearFailure };

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
      {scoreable.length > 1 && <SheetSelect sheets={scoreable} value={chosen} disabled={busy} onChoose={choose} />}
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
