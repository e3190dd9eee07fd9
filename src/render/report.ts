/** The one call the command line and the task pane make to get a report as .docx bytes. */
import type { Evaluation } from '../engine/evaluation';
import { buildReport } from '../engine/report/build';
import type { ReportSettings } from '../engine/report/model';
import { templateData } from '../engine/report/template-data';
import { renderDocx } from './docx';
import { fillTemplate } from './template';

/**
 * The report as .docx bytes: our GB/T 9704 layout, or the bureau's own template when one is given.
 * Everything is built in memory and returned only when complete; on any error it throws (a
 * ReportError for the user's mistakes) and the caller has nothing to write.
 */
export async function renderReportDocx(evaluation: Evaluation, settings: ReportSettings = {}, options: { template?: Uint8Array } = {}): Promise<Uint8Array> {
  if (options.template) return fillTemplate(options.template, templateData(evaluation, settings));
  return renderDocx(buildReport(evaluation, settings));
}
