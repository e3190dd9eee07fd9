/** For one scored sheet: the report's unit, date and outline, and where in Word to put the report. */
import { Button, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { WordReportService } from '../../app/report-service';
import type { Evaluation } from '../../engine/evaluation';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLayout } from '../common/layout';
import { Notice, type NoticeMessage } from '../common/Notice';
import { defaultReportFields, ReportFields, reportSettingsFrom } from '../common/ReportFields';
import { useTask } from '../common/use-task';
import { useStrings } from '../i18n';
import { pick } from '../strings';

export function InsertReport({
  evaluation,
  service,
  disabled = false,
}: {
  evaluation: Evaluation;
  service: () => Promise<WordReportService>;
  disabled?: boolean;
}) {
  const strings = useStrings();
  const layout = useLayout();
  const task = useTask();
  const [values, setValues] = useState(() => defaultReportFields(evaluation));
  const [notice, setNotice] = useState<NoticeMessage>();
  const busy = task.running !== undefined || disabled;

  const insert = (into: 'current' | 'new') => () =>
    void task.run(into, async () => {
      setNotice(undefined);
      const delivery = await (await service()).insertReport(evaluation, reportSettingsFrom(values), into);
      setNotice({ intent: 'success', text: pick(strings, delivery.message, delivery.messageEn) });
    });

  const button = (into: 'current' | 'new', label: string, primary: boolean) => (
    <Button
      appearance={primary ? 'primary' : 'secondary'}
      onClick={insert(into)}
      disabled={busy}
      icon={task.running === into ? <Spinner size="tiny" /> : undefined}
    >
      {task.running === into ? strings.generating : label}
    </Button>
  );

  return (
    <div className={layout.section}>
      <ReportFields values={values} onChange={setValues} disabled={busy} />
      <div className={layout.row}>
        {button('current', strings.insertCurrent, true)}
        {button('new', strings.insertNew, false)}
      </div>
      {notice && <Notice notice={notice} />}
      {task.failed && <ErrorNotice failed={task.failed} onDismiss={task.clearFailure} />}
    </div>
  );
}
