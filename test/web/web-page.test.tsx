/**
 * @jest-environment jsdom
 *
 * The 网页版 as a user meets it (WebPage: useWebPage shown by WebPageView), with the real workbook
 * code and a recorded download: the title and the privacy line, choosing and dropping files, the
 * list, the Excel pane's parts for the file shown (its cells as text: there is no sheet to go to),
 * 一键评分 and 全部下载.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createWorkbookFileService } from '../../src/report-service/workbook-files';
import { WebPage } from '../../src/web/WebPage';
import { renderInPane } from '../taskpane/render-pane';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', '示例-专项资金自评表.xlsx');
const fileOf = (name: string) => new File([readFileSync(EXAMPLE)], name);

function renderPage(displayLanguage = 'zh-CN') {
  const service = createWorkbookFileService();
  const downloads: { name: string; mime: string }[] = [];
  const view = renderInPane(
    <WebPage loadService={async () => service} download={(_bytes, name, mime) => void downloads.push({ name, mime })} />,
    displayLanguage,
  );
  return { ...view, downloads };
}

function choose(files: File[]) {
  fireEvent.change(screen.getByLabelText('选择工作簿（.xlsx）'), { target: { files } });
}

test('before any file: the title, that files never leave the computer, and the file chooser', () => {
  renderPage();
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('绩效自评助手（网页版）');
  expect(screen.getByTestId('privacy').textContent).toContain('不会上传');
  expect((screen.getByRole('button', { name: '选择工作簿（.xlsx）' }) as HTMLButtonElement).disabled).toBe(false);
  expect(screen.queryByRole('button', { name: '一键评分' })).toBeNull();
  expect(screen.queryByRole('button', { name: '全部下载' })).toBeNull();
});

test('a chosen file is listed with its expected total, and shown: summary, problems with their cells as text, 人工评定, rules, report', async () => {
  const { downloads } = renderPage();
  choose([fileOf('示例.xlsx')]);
  await screen.findByText('预计 98.75 分，优');
  const card = screen.getByRole('region', { name: '示例.xlsx' });
  expect(within(card).getByText('2024年全国两会信访维稳专项资金')).toBeTruthy();
  expect(
    within(card)
      .getAllByTestId('problem-cell')
      .map((cell) => cell.textContent),
  ).toContain('I13');
  expect(within(card).queryByRole('button', { name: /转到单元格/ })).toBeNull();
  expect(within(card).getByText('人工评定（1）')).toBeTruthy();
  expect(within(card).getByLabelText('评分规则')).toBeTruthy();
  // the Excel pane's 评分设置, saying that here they are not saved into the workbook
  expect(within(card).getByText(/不写入工作簿；改动后，下方的预计总分随即更新/)).toBeTruthy();
  expect(within(card).getByLabelText('保留表中已填的得分（视为人工认定的得分）')).toBeTruthy();
  expect(within(card).getByRole('button', { name: '生成自评报告' })).toBeTruthy();

  fireEvent.click(within(card).getByRole('button', { name: '一键评分' }));
  await waitFor(() => expect(downloads.map((d) => d.name)).toEqual(['示例.scored.xlsx']));
  // the results of the copy just downloaded, under the total
  expect((await screen.findByTestId('total')).textContent).toBe('98.75 分');
  expect(screen.getByRole('status').textContent).toContain('示例.scored.xlsx');
});

test('dropped files are added too; with several, 全部下载 packs them into one .zip', async () => {
  const { downloads } = renderPage();
  fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [fileOf('甲.xlsx'), fileOf('乙.xlsx')] } });
  await waitFor(() => expect(screen.getAllByTestId('file-status').map((s) => s.textContent)).toEqual(['预计 98.75 分，优', '预计 98.75 分，优']));
  const all = screen.getByRole('button', { name: '全部下载' }) as HTMLButtonElement;
  await waitFor(() => expect(all.disabled).toBe(false));
  fireEvent.click(all);
  await waitFor(() => expect(downloads).toEqual([{ name: '绩效自评结果.zip', mime: 'application/zip' }]));

  // the second file shown on a click; removing it leaves one file and no 全部下载
  fireEvent.click(screen.getByRole('button', { name: /^乙\.xlsx/ }));
  expect(screen.getByRole('region', { name: '乙.xlsx' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '移除“乙.xlsx”' }));
  expect(screen.queryByRole('button', { name: '全部下载' })).toBeNull();
  expect(screen.getByRole('region', { name: '甲.xlsx' })).toBeTruthy();
});

test('a file that cannot be read says why, in the list and on the page', async () => {
  renderPage();
  choose([new File([new TextEncoder().encode('not a workbook')], '说明.xlsx')]);
  await screen.findByText('无法读取');
  const card = screen.getByRole('region', { name: '说明.xlsx' });
  expect(within(card).getByRole('alert').textContent).not.toBe('');
  expect(within(card).queryByRole('button', { name: '一键评分' })).toBeNull();
});

test('in English for an English browser', async () => {
  renderPage('en-US');
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Performance Self-Evaluation Assistant (web page)');
  fireEvent.change(screen.getByLabelText('Choose workbooks (.xlsx)'), { target: { files: [fileOf('book.xlsx')] } });
  await screen.findByText('Expected 98.75, 优');
});
