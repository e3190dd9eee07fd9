/**
 * 从工作簿生成报告 in Word: the user picks an .xlsx, the same engine scores each sheet, and the
 * chosen sheet's report goes into the open document or a new one. Loaded lazily by the pane
 * (exceljs and docx come with it); nothing here needs Node.
 */
import { ProductError } from '../engine/product-error';
import type { ProfileChoice, ReportDelivery, ScoredWorkbook, WordReportService } from '../app/report-service';
import { DEFAULT_SETTINGS, previewSheet } from '../app/scoring-run';
import type { Evaluation } from '../engine/evaluation';
import type { ReportSettings } from '../engine/report/model';
import { officeWordHost, type WordDocumentHost } from '../office/word';
import { withProfile } from '../app/settings';
import type { WorkbookSettings } from '../app/ports';
import { readSavedAddinSettings } from '../xlsx/addin-settings';
import { XlsxInputError } from '../xlsx/errors';
import { readWorkbookGrids } from '../xlsx/read';
import { renderReportDocx } from '../render/report';
import { bytesToBase64 } from './base64';
import { insertedIntoDocument, openedAsNewDocument } from './delivery-messages';

/** A workbook file the user chose cannot be read. */
export class WorkbookFileError extends ProductError {
  constructor(code: string, zh: string, en: string) {
    super(code, zh, en);
    this.name = 'WorkbookFileError';
  }
}

function fromInputError(error: XlsxInputError): WorkbookFileError {
  return new WorkbookFileError(error.code, error.zh, error.en);
}

/**
 * The settings to score a file with: those Excel saved in it (the profile replaced, and its
 * adjustments dropped, when the user chose another one in the pane, as in Excel's settings panel),
 * else the defaults with the pane's profile.
 */
export function settingsForFile(saved: WorkbookSettings | undefined, profile: ProfileChoice): Pick<ScoredWorkbook, 'settings' | 'saved'> {
  if (!saved) return { settings: { ...DEFAULT_SETTINGS, profileId: profile.profileId }, saved: 'none' };
  if (!profile.chosen) return { settings: saved, saved: 'all' };
  const settings = withProfile(saved, profile.profileId);
  return { settings, saved: settings === saved ? 'all' : 'all-but-rules' };
}

export function createWordReportService(word: WordDocumentHost = officeWordHost()): WordReportService {
  return {
    async scoreWorkbookFile(bytes: Uint8Array, profile: ProfileChoice): Promise<ScoredWorkbook> {
      let grids;
      try {
        grids = await readWorkbookGrids(bytes);
      } catch (error) {
        throw error instanceof XlsxInputError ? fromInputError(error) : error;
      }
      // Read only once the file is known to be a workbook: its errors are the reader's to explain.
      const { settings, saved } = settingsForFile(await readSavedAddinSettings(bytes), profile);
      // A file is not a sheet in Excel: nothing here is protected, and nothing is written back.
      const sheets = grids.map((grid) => ({ name: grid.sheet, outcome: previewSheet({ grid, protected: false }, settings) }));
      return { sheets, settings, saved };
    },

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
