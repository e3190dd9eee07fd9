/**
 * The real report loaders (wired by index.tsx): each report module is fetched on first use and
 * kept, and a fetch that failed is tried again on the next call. The report modules themselves are
 * replaced here, as the chunks webpack would fetch.
 */
import { loadExcelReportService, loadWordReportService } from '../../src/taskpane/report-loaders';

const mockCreateExcel = jest.fn();
const mockCreateWord = jest.fn();
jest.mock('../../src/report-service/excel-report', () => ({ createExcelReportService: () => mockCreateExcel() }));
jest.mock('../../src/report-service/word-report', () => ({ createWordReportService: () => mockCreateWord() }));

test('Excel: a failed load is retried, a loaded service is kept', async () => {
  const service = { deliverReport: jest.fn() };
  mockCreateExcel.mockImplementationOnce(() => {
    throw new Error('Loading chunk excel-report failed');
  });
  mockCreateExcel.mockReturnValue(service);
  await expect(loadExcelReportService()).rejects.toThrow('Loading chunk excel-report failed');
  // Two calls at once (the prefetch and a quick click) share one load.
  const [first, second] = await Promise.all([loadExcelReportService(), loadExcelReportService()]);
  expect(first).toBe(service);
  expect(second).toBe(service);
  expect(await loadExcelReportService()).toBe(service);
  expect(mockCreateExcel).toHaveBeenCalledTimes(2);
});

test('Word: loaded once, apart from the Excel service', async () => {
  const service = { scoreWorkbookFile: jest.fn(), insertReport: jest.fn() };
  mockCreateWord.mockReturnValue(service);
  expect(await loadWordReportService()).toBe(service);
  expect(await loadWordReportService()).toBe(service);
  expect(mockCreateWord).toHaveBeenCalledTimes(1);
});
