/** @jest-environment jsdom */
/** 生成自评报告 in Excel, with the pane given a fake report-service loader. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReportDelivery } from '../../src/app/report-service';
import { ReportError } from '../../src/engine/report/errors';
import { todayIso } from '../../src/taskpane/format';
import { FakeWorkbookHost } from './fake-host';
import { renderExcelPane, seedGrid } from './render-pane';

const deliverReport = jest.fn();
const loadService = jest.fn(async () => ({ deliverReport }));

const DOWNLOADED: ReportDelivery = {
  where: 'download',
  fileName: '2024年全国两会信访维稳专项资金绩效自评报告.docx',
  message: '报告已下载为“2024年全国两会信访维稳专项资金绩效自评报告.docx”，请在浏览器的下载列表中打开。',
  messageEn: 'The report was downloaded.',
};

async function openReportSection(): Promise<void> {
  renderExcelPane(new FakeWorkbookHost([await seedGrid()]), 'zh-CN', loadService);
  await screen.findByText('2024年全国两会信访维稳专项资金');
  fireEvent.click(screen.getByRole('button', { name: '生成自评报告', expanded: false }));
  // Unit, date and outline wait under a collapsed 更改… below the button.
  fireEvent.click(await screen.findByRole('button', { name: '更改落款单位、成文日期或提纲', expanded: false }));
  await screen.findByLabelText('单位名称');
}

/** The section's own button, not the accordion header of the same name. */
function generateButton(): HTMLElement {
  const button = screen.getAllByRole('button', { name: '生成自评报告' }).find((b) => !b.hasAttribute('aria-expanded'));
  if (!button) throw new Error('no 生成自评报告 button');
  return button;
}

beforeEach(() => {
  deliverReport.mockReset();
  loadService.mockClear();
});

test('the report code is not asked for until the report is offered: opening its section, or a run', async () => {
  renderExcelPane(new FakeWorkbookHost([await seedGrid()]), 'zh-CN', loadService);
  await screen.findByText('2024年全国两会信访维稳专项资金');
  expect(loadService).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole('button', { name: '生成自评报告', expanded: false }));
  // Prefetched on opening, before any click on the section's own button.
  await waitFor(() => expect(loadService).toHaveBeenCalledTimes(1));
  expect(deliverReport).not.toHaveBeenCalled();
});

test('after a run the report is the next step: offered under the total, its code fetched at once', async () => {
  deliverReport.mockResolvedValue(DOWNLOADED);
  renderExcelPane(new FakeWorkbookHost([await seedGrid()]), 'zh-CN', loadService);
  await screen.findByText('2024年全国两会信访维稳专项资金');
  fireEvent.click(screen.getByRole('button', { name: '一键评分' }));
  await screen.findByTestId('total');
  await waitFor(() => expect(loadService).toHaveBeenCalledTimes(1));
  // What the report will use, in one line (the date as Chinese writes it).
  const [y, m, d] = todayIso().split('-').map(Number);
  expect(screen.getByText(`落款：中共南岳区委社会工作部，${y}年${m}月${d}日；提纲：专项资金（默认）`)).toBeTruthy();
  fireEvent.click(generateButton());
  expect(await screen.findByText(DOWNLOADED.message)).toBeTruthy();
  expect(deliverReport.mock.calls[0][0]).toMatchObject({ sheet: '自评表', totalScore: 98.75 });
});

test("the form defaults to the sheet's unit and today, and the report goes where the service says", async () => {
  deliverReport.mockResolvedValue(DOWNLOADED);
  await openReportSection();
  expect((screen.getByLabelText('单位名称') as HTMLInputElement).value).toBe('中共南岳区委社会工作部');
  expect((screen.getByLabelText('成文日期') as HTMLInputElement).value).toBe(todayIso());
  fireEvent.change(screen.getByLabelText('报告提纲'), { target: { value: 'yunnan' } });
  fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '南岳区委社会工作部' } });
  fireEvent.click(generateButton());
  expect(await screen.findByText(DOWNLOADED.message)).toBeTruthy();
  expect(deliverReport).toHaveBeenCalledTimes(1);
  const [evaluation, settings] = deliverReport.mock.calls[0];
  expect(evaluation).toMatchObject({ sheet: '自评表', totalScore: 98.75, grade: '优' });
  expect(settings).toEqual({ unit: '南岳区委社会工作部', date: todayIso(), outline: 'yunnan' });
});

test('a report error is shown in words, and 重试 tries again', async () => {
  deliverReport
    .mockRejectedValueOnce(new ReportError('bad-date', '日期“2025-13-01”无效，请按 YYYY-MM-DD 填写', 'Invalid date'))
    .mockResolvedValueOnce(DOWNLOADED);
  await openReportSection();
  fireEvent.click(generateButton());
  expect(await screen.findByText('操作未能完成：日期“2025-13-01”无效，请按 YYYY-MM-DD 填写')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '重试' }));
  expect(await screen.findByText(DOWNLOADED.message)).toBeTruthy();
  await waitFor(() => expect(deliverReport).toHaveBeenCalledTimes(2));
});

test('report code that fails to load: the click says so, and 重试 asks for it again', async () => {
  deliverReport.mockResolvedValue(DOWNLOADED);
  const chunkError = new Error('Loading chunk excel-report failed');
  // The prefetch on opening and the click both fail; the retry gets the code.
  loadService.mockRejectedValueOnce(chunkError).mockRejectedValueOnce(chunkError);
  await openReportSection();
  fireEvent.click(generateButton());
  expect(await screen.findByText('操作未能完成：Loading chunk excel-report failed')).toBeTruthy();
  expect(deliverReport).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole('button', { name: '重试' }));
  expect(await screen.findByText(DOWNLOADED.message)).toBeTruthy();
  expect(loadService).toHaveBeenCalledTimes(3);
});
