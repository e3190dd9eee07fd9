/**
 * 生成自评报告 in Excel: unit, date and outline, then the report code is fetched (only now) and
 * delivers the .docx the way this platform allows; the pane says where it went.
 */
import { Button, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ExcelReportService } from '../../app/report-service';
import type { Evaluation } from '../../engine/evaluation';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { Notice, type NoticeMessage } from '../common/Notice';
import { defaultReportFields, ReportFields, reportSettingsFrom } from '../common/ReportFields';
import { useStrings } from '../i18n';
import { pick } from '../strings';
import { useTask } from '../common/use-task';

export interface ReportPanelProps {
  evaluation: Evaluation;
  /** Fetches the report code on first use and keeps it (see report-loaders.ts). */
  loadService: () => Promise<ExcelReportService>;
  disabled: boolean;
}

export function ReportPanel({ evaluation, loadService, disabled }: ReportPanelProps) {
  const strings = useStrings();
  const layout = useLayout();
  const task = useTask();
  const [values, setValues] = useState(() => defaultReportFields(evaluation));
  const [notice, setNotice] = useState<NoticeMessage>();
  const busy = task.running !== undefined;

  // The panel mounts when the report section opens: fetch the report code while the user fills in
  // the form, so that the click (which the clipboard needs to be recent) waits for nothing. A
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
    <div className={layout.section}>
      <Text className={layout.muted}>{strings.reportHint}</Text>
      <ReportFields values={values} onChange={setValues} disabled={busy || disabled} />
      <div>
        <Button appearance="primary" onClick={generate} disabled={busy || disabled} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? strings.generating : strings.generateReport}
        </Button>
      </div>
      {notice && <Notice notice={notice} />}
      {task.failed && <ErrorNotice failed={task.failed} onDismiss={task.clearFailure} />}
    </div>
  );
}
