/**
 * 从工作簿生成报告 in Word: the user picks an .xlsx, the same engine scores each sheet, and the
 * chosen sheet's report goes into the open document or a new one. Loaded lazily by the pane
 * (exceljs and docx come with it); nothing here needs Node.
 */
import type { ReportDelivery, WordReportService } from '../app/report-service';
import type { Evaluation } from '../engine/evaluation';
import type { ReportSettings } from '../engine/report/model';
import { officeWordHost, type WordDocumentHost } from '../office/word';
import { renderReportDocx } from '../render/report';
import { bytesToBase64 } from './base64';
import { insertedIntoDocument, openedAsNewDocument } from './delivery-messages';
import { scoreWorkbookFile } from './score-file';

export { settingsForFile, WorkbookFileError } from './score-file';

export function createWordReportService(word: WordDocumentHost = officeWordHost()): WordReportService {
  return {
    scoreWorkbookFile,

    async insertReport(evaluation: Evaluation, settings: ReportSettings, into: 'current' | 'new'): Promise<ReportDelivery> {
      const base64 = bytesToBase64(await renderReportDocx(evaluation, settings));
      if (into === 'new') {
        await word.openAsNew(base64);
        return openedAsNewDocument();
      }
      return insertedIntoDocument(await word.insertIntoCurrent(base64));
    },
  };
}
