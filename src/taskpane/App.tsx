/** The pane for the host it opened in, with the host functions it is given. */
import type { ExcelReportService, WordReportService } from '../app/report-service';
import type { ExcelHost } from '../app/ports';
import { ExcelPane } from './excel/ExcelPane';
import { WordPane } from './word/WordPane';

export type AppProps =
  | { host: 'excel'; workbook: ExcelHost; loadReportService: () => Promise<ExcelReportService> }
  | { host: 'word'; loadReportService: () => Promise<WordReportService> };

export function App(props: AppProps) {
  return props.host === 'excel' ? (
    <ExcelPane host={props.workbook} loadReportService={props.loadReportService} />
  ) : (
    <WordPane loadReportService={props.loadReportService} />
  );
}
