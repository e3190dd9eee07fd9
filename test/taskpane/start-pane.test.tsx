/** @jest-environment jsdom */
/** Starting the pane: the "not supported" screen, the language, and the pane for each host. */
import { act, screen } from '@testing-library/react';
import type { Root } from 'react-dom/client';
import type { PaneEnvironment } from '../../src/taskpane/environment';
import { startPane } from '../../src/taskpane/start-pane';
import { FakeWorkbookHost } from './fake-host';
import { seedGrid } from './render-pane';

const SUPPORTED_EXCEL: PaneEnvironment = { host: 'excel', displayLanguage: 'zh-CN', dark: false, oldWebview: false, missingSets: [] };

let root: Root | undefined;

function start(env: PaneEnvironment, createExcelHost = jest.fn(() => new FakeWorkbookHost([]))) {
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => {
    root = startPane(container, env, { createExcelHost });
  });
  return createExcelHost;
}

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

test('IE11 / Trident: a clear message instead of a blank pane, and no Excel host is created', () => {
  const createExcelHost = start({ ...SUPPORTED_EXCEL, oldWebview: true });
  expect(screen.getByText('当前 Office 版本无法运行绩效自评助手')).toBeTruthy();
  expect(screen.getByText(/旧版 Internet Explorer 组件/)).toBeTruthy();
  expect(screen.getByText(/Microsoft 365，或 Office 2021 及以上版本/)).toBeTruthy();
  expect(createExcelHost).not.toHaveBeenCalled();
});

test('missing requirement sets are named, with what to upgrade to', () => {
  start({ ...SUPPORTED_EXCEL, missingSets: ['ExcelApi 1.13'] });
  expect(screen.getByText('当前 Office 缺少加载项所需的功能（要求集）：ExcelApi 1.13。')).toBeTruthy();
  expect(screen.getByText(/网页版 Excel/)).toBeTruthy();
});

test('the not-supported screen in English, for Word', () => {
  start({ ...SUPPORTED_EXCEL, host: 'word', displayLanguage: 'en-US', missingSets: ['WordApi 1.3', 'DialogApi 1.1'] });
  expect(screen.getByText('This version of Office cannot run the assistant')).toBeTruthy();
  expect(screen.getByText('This Office lacks features the add-in needs (requirement sets): WordApi 1.3, DialogApi 1.1.')).toBeTruthy();
  expect(screen.getByText(/use Word on the web/)).toBeTruthy();
});

test('outside Excel and Word: says where to open it', () => {
  start({ ...SUPPORTED_EXCEL, host: 'other' });
  expect(screen.getByText('请在 Excel 或 Word 中打开绩效自评助手。')).toBeTruthy();
});

test('Excel: the Excel pane on the host it creates', async () => {
  const host = new FakeWorkbookHost([await seedGrid()]);
  const createExcelHost = start(SUPPORTED_EXCEL, jest.fn(() => host));
  expect(await screen.findByText('2024年全国两会信访维稳专项资金')).toBeTruthy();
  expect(createExcelHost).toHaveBeenCalledTimes(1);
  expect(screen.getByRole('button', { name: '一键评分' })).toBeTruthy();
});

test('Word: the Word pane, in English when Office is', () => {
  start({ ...SUPPORTED_EXCEL, host: 'word', displayLanguage: 'en-GB' });
  expect(screen.getByText('Report from a workbook')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Choose a workbook (.xlsx)' })).toBeTruthy();
});
