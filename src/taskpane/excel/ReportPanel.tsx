/**
 * 生成自评报告 in Excel: the button first (after a run it sits right under the total), then what the
 * report will use (unit, date, outline) with a collapsed section to change it. The report code is
 * fetched when the panel mounts and delivers the .docx the way this platform allows; the pane says
 * where it went.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ExcelReportService } from '../../app/report-service';
import type { Evaluation } from '../../engine/evaluation';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { Notice, type NoticeMessage } from '../common/Notice';
import { defaultReportFields, ReportFields, reportSettingsFrom, type ReportFieldValues } from '../common/ReportFields';
import { useStrings } from '../i18n';
import { pick, type Strings } from '../strings';
import { useTask } from '../common/use-task';

export interface ReportPanelProps {
  evaluation: Evaluation;
  /** Fetches the report code on first use and keeps it (see report-loaders.ts). */
  loadService: () => Promise<ExcelReportService>;
  disabled: boolean;
  /**
   * The unit, date and outline, when the caller keeps them (the 网页版 packs every file's report
   * into one .zip with the values chosen for it); otherwise the panel keeps its own, starting from
   * the sheet's.
   */
  values?: ReportFieldValues;
  onValuesChange?: (values: ReportFieldValues) => void;
}

/** One line saying what the report will be signed and dated with, and its outline. */
export function reportChoicesText(values: ReportFieldValues, strings: Strings): string {
  return strings.reportUses(values.unit.trim() || strings.notFilled, strings.dateText(values.date.trim()), strings.outlines[values.outline]);
}

export function ReportPanel({ evaluation, loadService, disabled, values: given, onValuesChange }: ReportPanelProps) {
  const strings = useStrings();
  const layout = useLayout();
  const task = useTask();
  const [own, setOwn] = useState(() => defaultReportFields(evaluation));
  const values = given ?? own;
  const setValues = onValuesChange ?? setOwn;
  const [notice, setNotice] = useState<NoticeMessage>();
  const busy = task.running !== undefined;

  // The panel mounts when the report is offered: fetch the report code while the user reads the
  // results, so that the click (which the clipboard needs to be recent) waits for nothing. A
  // failure here is reported by the click that needs the code.
  useEffect(() => {
    loadService().catch(() => undefined);
  }, [loadService]);

  const generate = () =>
    void task.run('report', async () => {
      setNotice(undefined);
      const service = await loadService();
      const delivery = await service.deliverReport(evaluation, reportSettingsFrom(values));
      setNotice({ intent: 'success', text: pick(strings, delivery.message, delivery.messageEn) });
    });

  return (
    <div className={layout.section} data-testid="report-panel">
      <div>
        <Button appearance="primary" onClick={generate} disabled={busy || disabled} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? strings.generating : strings.generateReport}
        </Button>
      </div>
      <Text className={layout.muted}>{strings.reportHint}</Text>
      <Text className={layout.muted}>{reportChoicesText(values, strings)}</Text>
      {notice && <Notice notice={notice} />}
      {task.failed && <ErrorNotice failed={task.failed} onDismiss={task.clearFailure} />}
      <Accordion collapsible>
        <AccordionItem value="report-options">
          <AccordionHeader size="small">{strings.reportOptions}</AccordionHeader>
          <AccordionPanel>
            <div className={layout.section}>
              <ReportFields values={values} onChange={setValues} disabled={busy || disabled} />
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
