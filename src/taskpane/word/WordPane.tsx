/**
 * The Word task pane: 从工作簿生成报告. The user picks an .xlsx; the same engine scores it (in the
 * lazily loaded report chunk, with exceljs); the pane shows the total, the problems (with their
 * cells: what the report will leave as placeholders) and the rows to judge, as Excel's pane does;
 * the report goes into this document or a new one.
 *
 * Judgements made here re-score the file in memory (its sheets as scoring read them, scored again
 * with the file's settings and these judgements). They apply to this pane's
 * report only: the file is not written, so they cannot be saved into it, and the pane says so.
 */
import type { WordReportService } from '../../app/report-service';
import { useWordPane } from './use-word-pane';
import { WordPaneView } from './WordPaneView';

export interface WordPaneProps {
  /** The report code (exceljs, docx, Word), fetched on first use and kept (see report-loaders.ts). */
  loadReportService: () => Promise<WordReportService>;
}

export function WordPane({ loadReportService }: WordPaneProps) {
  return <WordPaneView pane={useWordPane(loadReportService)} loadReportService={loadReportService} />;
}
