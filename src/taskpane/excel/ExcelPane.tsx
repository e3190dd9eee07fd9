/**
 * The Excel task pane: what the active sheet holds, 一键评分 and its undo, 汇总本工作簿, the
 * results, the problems with their cells, the user's judgements, the scoring settings and the report. Its
 * state and actions are useExcelPane's; ExcelPaneView shows them.
 */
import type { ExcelReportService } from '../../app/report-service';
import type { ExcelHost } from '../../app/ports';
import { ExcelPaneView } from './ExcelPaneView';
import { useExcelPane } from './use-excel-pane';

export interface ExcelPaneProps {
  host: ExcelHost;
  /** The report code, fetched only when the report section opens (see report-loaders.ts). */
  loadReportService: () => Promise<ExcelReportService>;
}

export function ExcelPane({ host, loadReportService }: ExcelPaneProps) {
  return <ExcelPaneView pane={useExcelPane(host)} loadReportService={loadReportService} />;
}
