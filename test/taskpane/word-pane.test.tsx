/** @jest-environment jsdom */
/** 从工作簿生成报告 in Word, with the pane given a fake report-service loader. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import type { ReportDelivery, ScoredSheet, ScoredWorkbook } from '../../src/app/report-service';
import { DEFAULT_SETTINGS, previewSheet } from '../../src/app/scoring-run';
import { gridFromRows } from '../helpers/grid-builder';
import { WordPane } from '../../src/taskpane/word/WordPane';
import { renderInPane, SEED_FILE, seedGrid } from './render-pane';

const scoreWorkbookFile = jest.fn();
const insertReport = jest.fn();
const loadService = jest.fn(async () => ({ scoreWorkbookFile: scoreWorkbookFile, insertReport: insertReport }));

const INSERTED: ReportDelivery = { where: 'word-document', message: '报告已插入当前文档的光标处。', messageEn: 'The report was inserted at the cursor.' };

async function scored(name: string): Promise<ScoredSheet> {
  const grid = { ...(await seedGrid()), sheet: name };
  return { name, outcome: previewSheet({ grid, protected: false }, DEFAULT_SETTINGS) };
}

/** What the service answers for a file without saved settings, scored with the pane's profile. */
const book = (sheets: ScoredSheet[], profileId = 'mof-2020'): ScoredWorkbook => ({ sheets, settings: { ...DEFAULT_SETTINGS, profileId }, saved: 'none' });

function chooseFile(): void {
  const file = new File([readFileSync(SEED_FILE)], '示例-专项资金自评表.xlsx');
  fireEvent.change(screen.getByLabelText('选择工作簿（.xlsx）'), { target: { files: [file] } });
}

beforeEach(() => {
  scoreWorkbookFile.mockReset();
  insertReport.mockReset();
  loadService.mockClear();
});

test('scores the chosen file, lets the user pick a sheet, and inserts the report', async () => {
  const noTable: ScoredSheet = { name: '说明', outcome: previewSheet({ grid: gridFromRows([['填表说明']], { sheet: '说明' }), protected: false }, DEFAULT_SETTINGS) };
  scoreWorkbookFile.mockResolvedValue(book([await scored('2024年'), noTable, await scored('2023年')]));
  insertReport.mockResolvedValue(INSERTED);
  renderInPane(<WordPane loadReportService={loadService} />);
  chooseFile();
  const sheetChooser = (await screen.findByLabelText('工作簿中有多张可评分的工作表，请选择')) as HTMLSelectElement;
  // Only the sheets that can be scored are offered.
  expect(Array.from(sheetChooser.options).map((o) => o.value)).toEqual(['2024年', '2023年']);
  expect(screen.getByText('总分 98.75 分，等级“优”')).toBeTruthy();
  expect(screen.getByText('已选择：示例-专项资金自评表.xlsx')).toBeTruthy();
  const [bytes, settings] = scoreWorkbookFile.mock.calls[0];
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(bytes.length).toBe(readFileSync(SEED_FILE).length);
  expect(settings).toEqual({ profileId: 'mof-2020', chosen: false });
  // no settings saved in the file: nothing said about them
  expect(screen.queryByText(/已按这些设置评分/)).toBeNull();

  fireEvent.change(sheetChooser, { target: { value: '2023年' } });
  fireEvent.click(screen.getByRole('button', { name: '插入当前文档' }));
  expect(await screen.findByText(INSERTED.message)).toBeTruthy();
  const [evaluation, reportSettings, into] = insertReport.mock.calls[0];
  expect(evaluation.sheet).toBe('2023年');
  expect(reportSettings).toMatchObject({ unit: '中共南岳区委社会工作部', outline: 'special-fund' });
  expect(into).toBe('current');

  insertReport.mockResolvedValue({ where: 'word-new-document', message: '报告已在新文档中打开。', messageEn: 'Opened in a new document.' });
  fireEvent.click(screen.getByRole('button', { name: '新建文档' }));
  expect(await screen.findByText('报告已在新文档中打开。')).toBeTruthy();
  expect(insertReport.mock.calls[1][2]).toBe('new');
});

test('changing the rules re-scores the same file', async () => {
  scoreWorkbookFile.mockResolvedValueOnce(book([await scored('自评表')]));
  scoreWorkbookFile.mockResolvedValueOnce(book([await scored('自评表')], 'hunan-nanyue'));
  renderInPane(<WordPane loadReportService={loadService} />);
  chooseFile();
  await screen.findByText('总分 98.75 分，等级“优”');
  fireEvent.change(screen.getByLabelText('评分规则'), { target: { value: 'hunan-nanyue' } });
  await waitFor(() => expect(scoreWorkbookFile).toHaveBeenCalledTimes(2));
  expect(scoreWorkbookFile.mock.calls[1][1]).toEqual({ profileId: 'hunan-nanyue', chosen: true });
  await waitFor(() => expect((screen.getByLabelText('评分规则') as HTMLSelectElement).value).toBe('hunan-nanyue'));
});

test("a workbook with settings saved in Excel: the chooser starts at its profile, one line says so, another profile still applies", async () => {
  const savedSettings = { ...DEFAULT_SETTINGS, profileId: 'hunan-nanyue', judgements: { 自评表: { 20: 0.5 } } };
  scoreWorkbookFile.mockResolvedValueOnce({ sheets: [await scored('自评表')], settings: savedSettings, saved: 'all' } satisfies ScoredWorkbook);
  scoreWorkbookFile.mockResolvedValueOnce({ sheets: [await scored('自评表')], settings: { ...savedSettings, profileId: 'provincial-platform' }, saved: 'all-but-rules' } satisfies ScoredWorkbook);
  renderInPane(<WordPane loadReportService={loadService} />);
  chooseFile();
  expect(await screen.findByText('此工作簿保存有在 Excel 中所做的评分设置（规则及调整、人工评定、所选表格），已按这些设置评分，与 Excel 中的结果一致。')).toBeTruthy();
  const chooser = screen.getByLabelText('评分规则') as HTMLSelectElement;
  expect(chooser.value).toBe('hunan-nanyue');
  expect(scoreWorkbookFile.mock.calls[0][1]).toEqual({ profileId: 'mof-2020', chosen: false });

  fireEvent.change(chooser, { target: { value: 'provincial-platform' } });
  expect(await screen.findByText('已改用所选规则（工作簿中保存的规则调整不再适用）；工作簿中保存的人工评定和所选表格仍按原样使用。')).toBeTruthy();
  expect(scoreWorkbookFile.mock.calls[1][1]).toEqual({ profileId: 'provincial-platform', chosen: true });
  expect(chooser.value).toBe('provincial-platform');

  // choosing the file again starts again from what it saved
  scoreWorkbookFile.mockResolvedValueOnce({ sheets: [await scored('自评表')], settings: savedSettings, saved: 'all' } satisfies ScoredWorkbook);
  chooseFile();
  await waitFor(() => expect(chooser.value).toBe('hunan-nanyue'));
  expect(scoreWorkbookFile.mock.calls[2][1]).toEqual({ profileId: 'provincial-platform', chosen: false });
  expect(await screen.findByText(/已按这些设置评分/)).toBeTruthy();
});

test('a workbook with nothing to score says why, sheet by sheet', async () => {
  scoreWorkbookFile.mockResolvedValue(book([{ name: '说明', outcome: previewSheet({ grid: gridFromRows([['填表说明']], { sheet: '说明' }), protected: false }, DEFAULT_SETTINGS) }]));
  renderInPane(<WordPane loadReportService={loadService} />);
  chooseFile();
  expect(await screen.findByText('这个工作簿中没有可评分的自评表：')).toBeTruthy();
  expect(screen.getByText(/工作表“说明”中未找到绩效指标表/)).toBeTruthy();
  expect(screen.queryByRole('button', { name: '插入当前文档' })).toBeNull();
});

test('an unreadable file: the Chinese message, in the pane language', async () => {
  scoreWorkbookFile.mockRejectedValue(Object.assign(new Error('这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试'), { messageEn: 'This is an old .xls file' }));
  renderInPane(<WordPane loadReportService={loadService} />);
  chooseFile();
  expect(await screen.findByText('操作未能完成：这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试')).toBeTruthy();
});
