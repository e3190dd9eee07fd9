/**
 * The Excel task pane as it is shown: the state and actions of useExcelPane, laid out in
 * sections. Plain props only; nothing here reaches Excel.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
} from '@fluentui/react-components';
import type { ExcelReportService } from '../../app/report-service';
import type { Evaluation } from '../../engine/evaluation';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { Notice } from '../common/Notice';
import { bilingualText } from '../error-text';
import { useStrings } from '../i18n';
import { SettingsPanel } from '../settings/SettingsPanel';
import { pick } from '../strings';
import { JudgementPanel } from './JudgementPanel';
import { NoTablePanel } from './NoTablePanel';
import { ProblemList } from './ProblemList';
import { ReportPanel } from './ReportPanel';
import { ScoreResults } from './ScoreResults';
import { SheetSummary } from './SheetSummary';
import { TableChooser } from './TableChooser';
import { TargetsOnlyPanel } from './TargetsOnlyPanel';
import { WorkbookSummaryPanel } from './WorkbookSummaryPanel';
import type { AddColumnsPlan, ExcelPaneState } from './use-excel-pane';

export interface ExcelPaneViewProps {
  pane: ExcelPaneState;
  /** The report code, fetched only when the report section opens (see report-loaders.ts). */
  loadReportService: () => Promise<ExcelReportService>;
}

export function ExcelPaneView({ pane, loadReportService }: ExcelPaneViewProps) {
  const strings = useStrings();
  const layout = useLayout();
  const {
    sheet,
    sheetName,
    settings,
    saveError,
    preview,
    outcome,
    evaluation,
    profile,
    busy,
    undoTop,
    notice,
    shownRun,
    judgements,
    toJudge,
    chosenTable,
    onSummarySheet,
  } = pane;
  const { score, undo, insertTemplate, addColumns, selectCell, judge, chooseTable, changeSettings, summarise, setWriteScoresToo } = pane.actions;
  const task = { running: pane.running, failed: pane.failed, clearFailure: pane.clearFailure };
  const addColumnsFor = (plan: AddColumnsPlan) => () => addColumns(plan);

  const reportPanel = (scored: Evaluation) => (
    <ReportPanel key={`${scored.sheet}|${scored.project.unit ?? ''}`} evaluation={scored} loadService={loadReportService} disabled={busy} />
  );

  return (
    <main className={layout.pane}>
      <header className={layout.section}>
        <Text as="h1" size={500} weight="semibold">
          {strings.appTitle}
        </Text>
        {sheetName && <Text className={layout.muted}>{strings.sheetHeading(sheetName)}</Text>}
      </header>

      {!sheet.snapshot && sheet.reading && <Spinner size="small" label={strings.reading} />}
      {sheet.error !== undefined && <ErrorNotice failed={{ error: sheet.error, retry: () => void sheet.reload() }} />}
      {preview.error !== undefined && <ErrorNotice failed={{ error: preview.error }} />}
      {saveError !== undefined && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{strings.settingsNotSaved(bilingualText(saveError, strings.lang) ?? '')}</MessageBarBody>
        </MessageBar>
      )}

      {outcome && outcome.tables.length > 1 && chosenTable !== undefined && (
        <TableChooser tables={outcome.tables} chosen={chosenTable} onChoose={chooseTable} disabled={busy} />
      )}

      {evaluation && <SheetSummary evaluation={evaluation} denominator={profile.funds.denominator} />}
      {onSummarySheet && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.summarySheetTitle}</MessageBarTitle>
            {strings.summarySheetBody}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.ok && outcome.failure === 'no-table' && !onSummarySheet && (
        <NoTablePanel onInsertTemplate={insertTemplate} inserting={task.running === 'template'} disabled={busy} />
      )}
      {outcome && !outcome.ok && outcome.failure === 'targets-only' && (
        <TargetsOnlyPanel
          onAddColumns={outcome.addColumnsPlan ? addColumnsFor(outcome.addColumnsPlan) : undefined}
          adding={task.running === 'columns'}
          disabled={busy}
        />
      )}
      {outcome && !outcome.ok && outcome.failure === 'no-rows' && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.noRowsTitle}</MessageBarTitle>
            {pick(strings, outcome.message, outcome.messageEn)}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.ok && outcome.failure === 'invalid-weights' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.invalidWeightsTitle}</MessageBarTitle>
            {pick(strings, outcome.message, outcome.messageEn)}
          </MessageBarBody>
        </MessageBar>
      )}

      {sheet.snapshot && (evaluation || undoTop) && (
        <div className={layout.row}>
          {/* Only where it can work: a sheet that cannot be scored (no table, targets only, no rows,
              wrong weights) gets the step to take first from the panel above, not a button that fails. */}
          {evaluation && (
            <Button appearance="primary" onClick={score} disabled={busy} icon={task.running === 'score' ? <Spinner size="tiny" /> : undefined}>
              {task.running === 'score' ? strings.scoring : strings.score}
            </Button>
          )}
          {undoTop && (
            <Button onClick={undo} disabled={busy} icon={task.running === 'undo' ? <Spinner size="tiny" /> : undefined}>
              {task.running === 'undo' ? strings.undoing : undoTop.kind === 'score' ? strings.undo : strings.undoColumns}
            </Button>
          )}
        </div>
      )}
      {notice && <Notice notice={notice} />}
      {task.failed && <ErrorNotice failed={task.failed} onDismiss={task.clearFailure} />}

      {shownRun && (
        <ScoreResults
          evaluation={shownRun.evaluation}
          stale={shownRun.settings !== settings}
          next={evaluation && <section aria-label={strings.reportTitle}>{reportPanel(evaluation)}</section>}
        />
      )}
      {evaluation && <ProblemList problems={evaluation.problems} onSelectCell={selectCell} />}

      {(evaluation || preview.error !== undefined) && (
        <Accordion multiple collapsible defaultOpenItems={toJudge.some((row) => row.status === 'needs-judgement') ? ['judgements'] : []}>
          {evaluation && toJudge.length > 0 && (
            <AccordionItem value="judgements">
              <AccordionHeader>{strings.judgementsTitle(toJudge.length)}</AccordionHeader>
              <AccordionPanel>
                <JudgementPanel rows={toJudge} judgements={judgements} profile={profile} onJudge={judge} disabled={busy} />
              </AccordionPanel>
            </AccordionItem>
          )}
          <AccordionItem value="settings">
            <AccordionHeader>{strings.settingsTitle}</AccordionHeader>
            <AccordionPanel>
              <SettingsPanel settings={settings} onChange={changeSettings} disabled={busy} />
            </AccordionPanel>
          </AccordionItem>
          {/* After a run the report sits under the total (above); before one, it can be drafted from the preview. */}
          {evaluation && !shownRun && (
            <AccordionItem value="report">
              <AccordionHeader>{strings.reportTitle}</AccordionHeader>
              <AccordionPanel>{reportPanel(evaluation)}</AccordionPanel>
            </AccordionItem>
          )}
        </Accordion>
      )}

      {sheet.snapshot && (
        <WorkbookSummaryPanel
          writeScores={pane.writeScoresToo}
          onWriteScoresChange={setWriteScoresToo}
          onSummarise={summarise}
          summarising={task.running === 'summary'}
          disabled={busy}
        />
      )}
    </main>
  );
}
