/** @jest-environment jsdom */
/** Starting the pane: the "not supported" screen, the language, and the pane for each host. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { Root } from 'react-dom/client';
import type { PaneEnvironment } from '../../src/taskpane/environment';
import { startPane } from '../../src/taskpane/start-pane';
import { FakeWorkbookHost } from './fake-host';
import { noReportService, seedGrid } from './render-pane';

const SUPPORTED_EXCEL: PaneEnvironment = { host: 'excel', displayLanguage: 'zh-CN', dark: false, oldWebview: false, missingSets: [] };

let root: Root | undefined;

const loadExcelReportService = jest.fn(noReportService);
const loadWordReportService = jest.fn(noReportService);

function start(env: PaneEnvironment, createExcelHost = jest.fn(() => new FakeWorkbookHost([]))) {
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => {
    root = startPane(container, env, { createExcelHost, loadExcelReportService, loadWordReportService });
  });
  return createExcelHost;
}

afterEach(() => {
  loadExcelReportService.mockClear();
  loadWordReportService.mockClear();
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

test('IE11 / Trident: a clear message instead of a blank pane, and no Excel host is created', () => {
  const createExcelHost = start({ ...SUPPORTED_EXCEL, oldWebview: true });
  expect(screen.getByText('当前 Office 版本无法运行绩效自评助手')).toBeTruthy();
  expect(screen.getByText(/旧版 Internet Explorer 组件/)).toBeTruthy();
  expect(screen.getByText(/Microsoft 365，或 Office 2021 及以上版本/)).toBeTruthy();
  // and the 网页版, which needs no Office, opened in the browser
  const link = screen.getByRole('link', { name: '打开绩效自评助手网页版' });
  expect(link.getAttribute('href')).toBe('绩效自评助手.html');
  expect(link.getAttribute('target')).toBe('_blank');
  expect(createExcelHost).not.toHaveBeenCalled();
});

test('missing requirement sets: what to upgrade to, the set names only as a detail for support', () => {
  start({ ...SUPPORTED_EXCEL, missingSets: ['ExcelApi 1.13'] });
  expect(screen.getByText('当前 Office 版本较旧，缺少绩效自评助手所需的功能。')).toBeTruthy();
  expect(screen.getByText(/Microsoft 365，或 Office 2021 及以上版本/)).toBeTruthy();
  expect(screen.getByText('供技术支持参考：缺少 ExcelApi 1.13')).toBeTruthy();
  expect(screen.queryByText(/要求集/)).toBeNull();
  expect(screen.getByText(/Excel 网页版/)).toBeTruthy();
});

test('the not-supported screen in English, for Word', () => {
  start({ ...SUPPORTED_EXCEL, host: 'word', displayLanguage: 'en-US', missingSets: ['WordApi 1.3', 'DialogApi 1.1'] });
  expect(screen.getByText('This version of Office cannot run the assistant')).toBeTruthy();
  expect(screen.getByText('This version of Office is too old: it lacks features the assistant needs.')).toBeTruthy();
  expect(screen.getByText('For technical support: missing WordApi 1.3, DialogApi 1.1')).toBeTruthy();
  expect(screen.getByText(/use Word on the web/)).toBeTruthy();
});

test('outside Excel and Word: says where to open it', () => {
  start({ ...SUPPORTED_EXCEL, host: 'other' });
  expect(screen.getByText('请在 Excel 或 Word 中打开绩效自评助手。')).toBeTruthy();
});

test('Excel: the Excel pane on the host it creates', async () => {
  const host = new FakeWorkbookHost([await seedGrid()]);
  const createExcelHost = start(
    SUPPORTED_EXCEL,
    jest.fn(() => host),
  );
  expect(await screen.findByText('2024年全国两会信访维稳专项资金')).toBeTruthy();
  expect(createExcelHost).toHaveBeenCalledTimes(1);
  expect(screen.getByRole('button', { name: '一键评分' })).toBeTruthy();
  // The report loader it was given reaches the report section, which asks for it on opening.
  expect(loadExcelReportService).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole('button', { name: '生成自评报告', expanded: false }));
  await waitFor(() => expect(loadExcelReportService).toHaveBeenCalledTimes(1));
  expect(loadWordReportService).not.toHaveBeenCalled();
});

test('Word: the Word pane, in English when Office is, on the report loader it is given', async () => {
  start({ ...SUPPORTED_EXCEL, host: 'word', displayLanguage: 'en-GB' });
  expect(screen.getByText('Report from a workbook')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Choose a workbook (.xlsx)' })).toBeTruthy();
  const file = new File([new Uint8Array([0x50, 0x4b])], 'book.xlsx');
  fireEvent.change(screen.getByLabelText('Choose a workbook (.xlsx)'), { target: { files: [file] } });
  expect(await screen.findByText('The operation did not complete: no report service in this test')).toBeTruthy();
  expect(loadWordReportService).toHaveBeenCalledTimes(1);
  expect(loadExcelReportService).not.toHaveBeenCalled();
});
