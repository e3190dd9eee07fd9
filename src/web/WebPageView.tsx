/**
 * The 网页版 as it is shown, from the state and actions of useWebPage: the files on the left (choose
 * or drop, the list, 全部下载, 下载评分汇总, the report template), the file shown on the right with the Excel
 * pane's own parts (what was found on the sheet, the problems with their cells, 人工评定, the rule
 * profile, the results and the report panel). Plain props only.
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
import { ErrorNotice } from '../taskpane/common/ErrorNotice';
import { useLayout } from '../taskpane/common/layout';
import { Notice } from '../taskpane/common/Notice';
import { SheetSelect } from '../taskpane/common/SheetSelect';
import { JudgementPanel } from '../taskpane/excel/JudgementPanel';
import { ProblemList } from '../taskpane/excel/ProblemList';
import { ReportPanel } from '../taskpane/excel/ReportPanel';
import { ScoreResults } from '../taskpane/excel/ScoreResults';
import { SheetSummary } from '../taskpane/excel/SheetSummary';
import { TableChooser } from '../taskpane/excel/TableChooser';
import { useStrings } from '../taskpane/i18n';
import { SettingsPanel } from '../taskpane/settings/SettingsPanel';
import { pick } from '../taskpane/strings';
import { FileChooser } from './FileChooser';
import { FileList } from './FileList';
import { TemplateField } from './TemplateField';
import type { WebPageState } from './use-web-page';
import { useWebLayout } from './web-layout';

export interface WebPageViewProps {
  page: WebPageState;
}

export function WebPageView({ page }: WebPageViewProps) {
  const strings = useStrings();
  const layout = useLayout();
  const web = useWebLayout();
  const { files, selected, busy, running, notice, template } = page;
  const { addFiles, select, removeFile, downloadAll, downloadSummary, chooseTemplate, clearTemplate } = page.actions;

  return (
    <main className={web.page}>
      <header className={web.header}>
        <Text as="h1" size={700} weight="semibold">
          {strings.webTitle}
        </Text>
        <Text>{strings.webIntro}</Text>
        <Text className={web.privacy} weight="semibold" data-testid="privacy">
          {strings.webPrivacy}
        </Text>
      </header>

      <div className={web.columns}>
        <aside className={web.side}>
          <FileChooser onFiles={addFiles} disabled={busy} reading={running === 'read'} />
          <FileList files={files} selectedId={selected?.id} onSelect={select} onRemove={removeFile} disabled={busy} />
          {files.length > 1 && (
            <section className={layout.section} aria-label={strings.downloadAll}>
              <div>
                <Button
                  appearance="primary"
                  disabled={busy || !page.canDownloadAll}
                  onClick={downloadAll}
                  icon={running === 'zip' ? <Spinner size="tiny" /> : undefined}
                >
                  {running === 'zip' ? strings.downloadingAll : strings.downloadAll}
                </Button>
              </div>
              <Text className={layout.muted}>{strings.downloadAllHint}</Text>
            </section>
          )}
          {files.length > 1 && (
            <section className={layout.section} aria-label={strings.downloadSummary}>
              <div>
                <Button
                  disabled={busy || !page.canDownloadSummary}
                  onClick={downloadSummary}
                  icon={running === 'summary' ? <Spinner size="tiny" /> : undefined}
                >
                  {running === 'summary' ? strings.summarising : strings.downloadSummary}
                </Button>
              </div>
              <Text className={layout.muted}>{strings.downloadSummaryHint}</Text>
            </section>
          )}
          <TemplateField template={template} onChoose={chooseTemplate} onClear={clearTemplate} disabled={busy} />
        </aside>

        <div className={web.main}>
          {page.failed && <ErrorNotice failed={page.failed} onDismiss={page.clearFailure} />}
          {notice && <Notice notice={notice} />}
          {selected ? <SelectedFile page={page} /> : <Text className={web.empty}>{strings.webEmpty}</Text>}
        </div>
      </div>
    </main>
  );
}

/** The file shown: everything the Excel pane shows for a sheet, from the file. */
function SelectedFile({ page }: WebPageViewProps) {
  const strings = useStrings();
  const layout = useLayout();
  const web = useWebLayout();
  const { selected, settings, sheets, scoreable, shown, evaluation, profile, sheetJudgements, toJudge, tables, chosenTable, reportValues, busy, running } =
    page;
  const { changeSettings, chooseSheet, chooseTable, judge, setReportValues, scoreAndDownload } = page.actions;
  if (!selected) return null;
  const book = selected.book;

  return (
    <section className={web.card} aria-label={selected.name}>
      <Text as="h2" size={500} weight="semibold">
        {selected.name}
      </Text>
      {selected.error !== undefined && <ErrorNotice failed={{ error: selected.error }} />}
      {!book && selected.error === undefined && <Spinner size="small" label={strings.fileReading} />}

      {book && (
        <>
          <SettingsPanel settings={settings ?? book.settings} onChange={changeSettings} disabled={busy} hint={strings.webSettingsHint} />
          {book.saved !== 'none' && <Text className={layout.muted}>{book.saved === 'all' ? strings.savedSettingsUsed : strings.savedSettingsOtherRules}</Text>}
        </>
      )}

      {sheets && scoreable.length === 0 && (
        <div className={layout.section} role="alert">
          <Text weight="semibold">{strings.noScoreableSheet}</Text>
          <ul className={layout.list}>
            {sheets.map((sheet) => (
              <li key={sheet.name}>
                <Text>{sheet.outcome.ok ? sheet.name : `${sheet.name}：${pick(strings, sheet.outcome.message, sheet.outcome.messageEn)}`}</Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {scoreable.length > 1 && <SheetSelect sheets={scoreable} value={shown?.name} disabled={busy} onChoose={chooseSheet} />}
      {tables.length > 1 && chosenTable !== undefined && <TableChooser tables={tables} chosen={chosenTable} onChoose={chooseTable} disabled={busy} />}
      {shown && !shown.outcome.ok && shown.outcome.failure === 'invalid-weights' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.invalidWeightsTitle}</MessageBarTitle>
            {pick(strings, shown.outcome.message, shown.outcome.messageEn)}
          </MessageBarBody>
        </MessageBar>
      )}

      {evaluation && profile && (
        <>
          <SheetSummary evaluation={evaluation} denominator={profile.funds.denominator} />
          <div className={layout.section}>
            <div>
              <Button appearance="primary" onClick={scoreAndDownload} disabled={busy} icon={running === 'download' ? <Spinner size="tiny" /> : undefined}>
                {running === 'download' ? strings.scoring : strings.score}
              </Button>
            </div>
            <Text className={layout.muted}>{strings.scoreDownloadHint}</Text>
          </div>
          <section aria-label={strings.reportTitle}>
            <ReportPanel
              key={`${selected.id}|${evaluation.sheet}`}
              evaluation={evaluation}
              loadService={page.loadReportService}
              disabled={busy}
              values={reportValues}
              onValuesChange={setReportValues}
            />
          </section>
          {/* The results of the copy just downloaded; a change made since (a judgement, another profile) hides them. */}
          {selected.downloaded === evaluation && <ScoreResults evaluation={evaluation} stale={false} />}
          <ProblemList problems={evaluation.problems} hint={strings.webProblemsHint} />
          {toJudge.length > 0 && (
            <Accordion
              key={`${selected.id}|${evaluation.sheet}`}
              collapsible
              defaultOpenItems={toJudge.some((row) => row.status === 'needs-judgement') ? ['judgements'] : []}
            >
              <AccordionItem value="judgements">
                <AccordionHeader>{strings.judgementsTitle(toJudge.length)}</AccordionHeader>
                <AccordionPanel>
                  <JudgementPanel
                    rows={toJudge}
                    judgements={sheetJudgements}
                    profile={profile}
                    onJudge={judge}
                    disabled={busy}
                    hint={strings.webJudgementsNote}
                  />
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          )}
        </>
      )}
    </section>
  );
}
