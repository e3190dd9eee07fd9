/**
 * @jest-environment jsdom
 *
 * The 网页版's state and actions (useWebPage), driven without its view, with the real workbook code
 * (report-service/workbook-files.ts) and a download that records what it was handed.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { ReactNode } from 'react';
import { Providers } from '../../src/taskpane/Providers';
import { createWorkbookFileService, type WorkbookFileService } from '../../src/report-service/workbook-files';
import { DOCX_MIME, XLSX_MIME, ZIP_MIME } from '../../src/web/download';
import { useWebPage } from '../../src/web/use-web-page';
import { readWorkbookGrids } from '../../src/xlsx/workbook';
import { twoTablesOnOneSheet } from '../helpers/two-tables';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', '示例-专项资金自评表.xlsx');
const TEMPLATE = path.join(ROOT, 'examples', 'templates', 'bureau-template.docx');

const wrapper = ({ children }: { children: ReactNode }) => (
  <Providers dark={false} displayLanguage="zh-CN">
    {children}
  </Providers>
);

const fileOf = (source: string, name = path.basename(source)) => new File([readFileSync(source)], name);

interface Downloaded {
  bytes: Uint8Array;
  name: string;
  mime: string;
}

function setup() {
  const real = createWorkbookFileService();
  const service: WorkbookFileService = { ...real, scoreFile: jest.fn(real.scoreFile) };
  const loadService = jest.fn(async () => service);
  const downloads: Downloaded[] = [];
  const download = (bytes: Uint8Array, name: string, mime: string) => void downloads.push({ bytes, name, mime });
  const hook = renderHook(() => useWebPage(loadService, download), { wrapper });
  return { ...hook, service, loadService, downloads };
}

/** The value of a cell of the first sheet, by row and column (1-based). */
async function cell(bytes: Uint8Array, row: number, col: number) {
  const [grid] = await readWorkbookGrids(bytes);
  return grid.cells[row - grid.top]?.[col - grid.left]?.value;
}

test('chosen files are read and scored one by one; the first is shown with what the pane shows for a sheet', async () => {
  const { result, service } = setup();
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE), fileOf(EXAMPLE, '副本.xlsx')]));
  await waitFor(() => expect(result.current.files.every((file) => file.book)).toBe(true));
  await waitFor(() => expect(result.current.running).toBeUndefined());
  expect(service.scoreFile).toHaveBeenCalledTimes(2);
  expect(result.current.files.map((file) => file.name)).toEqual(['示例-专项资金自评表.xlsx', '副本.xlsx']);
  expect(result.current.selected?.name).toBe('示例-专项资金自评表.xlsx');
  expect([result.current.evaluation?.totalScore, result.current.evaluation?.grade]).toEqual([98.75, '优']);
  expect(result.current.evaluation?.problems.some((problem) => problem.cell === 'I13')).toBe(true);
  expect(result.current.profile?.id).toBe('mof-2020');
  expect(result.current.reportValues.unit).toBe('中共南岳区委社会工作部');
  expect(result.current.canDownloadAll).toBe(true);

  act(() => result.current.actions.select(result.current.files[1].id));
  expect(result.current.selected?.name).toBe('副本.xlsx');
  act(() => result.current.actions.removeFile(result.current.files[1].id));
  expect(result.current.files).toHaveLength(1);
  expect(result.current.selected?.name).toBe('示例-专项资金自评表.xlsx');
  expect(result.current.canDownloadAll).toBe(false);
});

test('一键评分 downloads 原文件名.scored.xlsx with the results written, and says so', async () => {
  const { result, downloads } = setup();
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.evaluation).toBeDefined());
  const evaluation = result.current.evaluation;
  act(() => result.current.actions.scoreAndDownload());
  await waitFor(() => expect(downloads).toHaveLength(1));
  expect(downloads[0]).toMatchObject({ name: '示例-专项资金自评表.scored.xlsx', mime: XLSX_MIME });
  // I13 is the total's cell on the example: empty before, the total after
  const original = new Uint8Array(readFileSync(EXAMPLE));
  const totalWrite = result.current.shown?.outcome.ok && result.current.shown.outcome.plan.writes.find((write) => write.role === 'total');
  if (!totalWrite) throw new Error('the plan writes the total');
  const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(totalWrite.address) ?? [];
  const col = letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  expect(await cell(original, Number(row), col)).not.toBe(98.75);
  expect(await cell(downloads[0].bytes, Number(row), col)).toBe(98.75);
  await waitFor(() => expect(result.current.notice?.text).toContain('示例-专项资金自评表.scored.xlsx'));
  expect(result.current.selected?.downloaded).toBe(evaluation);
});

test('a judgement re-scores the file in memory (not read again), and the next copy carries it', async () => {
  const { result, service, downloads } = setup();
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.evaluation).toBeDefined());
  const row = result.current.toJudge[0];
  expect(row).toMatchObject({ row: 20, score: 30 });
  act(() => result.current.actions.judge(row.row, { tier: 'failed' }));
  await waitFor(() => expect(result.current.evaluation?.indicators.find((i) => i.row === 20)?.score).toBe(9));
  expect(result.current.sheetJudgements?.[20]).toEqual({ tier: 'failed' });
  expect(service.scoreFile).toHaveBeenCalledTimes(1);

  act(() => result.current.actions.scoreAndDownload());
  await waitFor(() => expect(downloads).toHaveLength(1));
  const scoreWrite =
    result.current.shown?.outcome.ok && result.current.shown.outcome.plan.writes.find((write) => write.address.endsWith('20') && write.value === 9);
  expect(scoreWrite).toBeTruthy();
});

test('another rule profile re-scores the file with it, keeping the judgements made here', async () => {
  const { result } = setup();
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.evaluation).toBeDefined());
  act(() => result.current.actions.judge(20, { tier: 'failed' }));
  await waitFor(() => expect(result.current.sheetJudgements?.[20]).toBeDefined());
  act(() => result.current.actions.changeProfile('hunan-nanyue'));
  await waitFor(() => expect(result.current.evaluation?.profile).toBe('hunan-nanyue'));
  expect(result.current.selected?.profileId).toBe('hunan-nanyue');
  expect(result.current.evaluation?.indicators.find((i) => i.row === 20)?.score).toBe(9);
});

test('评分设置 changed here re-score the file in memory; another profile drops them, as in the Excel pane', async () => {
  const { result, service } = setup();
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.evaluation?.grade).toBe('优'));
  const settings = result.current.settings!;
  const strict = {
    ...settings,
    overrides: {
      grades: [
        { min: 99, label: '优' },
        { min: 0, label: '良' },
      ],
    },
  };
  act(() => result.current.actions.changeSettings(strict));
  await waitFor(() => expect(result.current.evaluation?.grade).toBe('良'));
  expect(result.current.evaluation?.totalScore).toBe(98.75);
  expect(service.scoreFile).toHaveBeenCalledTimes(1); // the file is not read again
  act(() => result.current.actions.changeSettings({ ...result.current.settings!, profileId: 'hunan-nanyue' }));
  await waitFor(() => expect(result.current.evaluation?.profile).toBe('hunan-nanyue'));
  expect(result.current.settings?.overrides).toEqual({});
});

test('a file that is no workbook is listed with its reason; the others are scored', async () => {
  const { result } = setup();
  const bad = new File([new TextEncoder().encode('not a workbook')], '说明.xlsx');
  act(() => result.current.actions.addFiles([bad, fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.files[1]?.book).toBeDefined());
  expect(result.current.files[0].error).toBeDefined();
  expect(result.current.files[0].book).toBeUndefined();
  expect(result.current.selected?.name).toBe('说明.xlsx');
  expect(result.current.evaluation).toBeUndefined();
});

test('生成自评报告 downloads the .docx under the report’s name, with the unit and date chosen, and the template when one is chosen', async () => {
  const { result, downloads } = setup();
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.evaluation).toBeDefined());
  const evaluation = result.current.evaluation;
  if (!evaluation) throw new Error('unreachable');

  const service = await result.current.loadReportService();
  const delivery = await service.deliverReport(evaluation, { unit: '测试单位', date: '2025-06-11' });
  expect(delivery.where).toBe('download');
  expect(downloads[0]).toMatchObject({ name: '绩效自评报告-2024年全国两会信访维稳专项资金.docx', mime: DOCX_MIME });
  const body = await (await JSZip.loadAsync(downloads[0].bytes)).file('word/document.xml')?.async('string');
  expect(body).toContain('测试单位');

  act(() => result.current.actions.chooseTemplate(fileOf(TEMPLATE)));
  await waitFor(() => expect(result.current.template?.name).toBe('bureau-template.docx'));
  await service.deliverReport(evaluation, {});
  expect(downloads).toHaveLength(2);
  const templated = await (await JSZip.loadAsync(downloads[1].bytes)).file('word/document.xml')?.async('string');
  expect(templated).not.toBe(body);
});

test('全部下载 packs each scored file’s copy and report into one .zip and names the files left out', async () => {
  const { result, downloads } = setup();
  const bad = new File([new TextEncoder().encode('not a workbook')], '说明.xlsx');
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE), bad, fileOf(EXAMPLE, '副本.xlsx')]));
  await waitFor(() => expect(result.current.files.every((file) => file.book || file.error)).toBe(true));
  await waitFor(() => expect(result.current.running).toBeUndefined());
  act(() => result.current.actions.downloadAll());
  await waitFor(() => expect(downloads).toHaveLength(1));
  expect(downloads[0]).toMatchObject({ name: '绩效自评结果.zip', mime: ZIP_MIME });
  expect(Object.keys(unzipSync(downloads[0].bytes)).sort()).toEqual(
    [
      '示例-专项资金自评表.scored.xlsx',
      '副本.scored.xlsx',
      '绩效自评报告-2024年全国两会信访维稳专项资金.docx',
      '绩效自评报告-2024年全国两会信访维稳专项资金 (2).docx',
    ].sort(),
  );
  await waitFor(() => expect(result.current.notice?.intent).toBe('warning'));
  expect(result.current.notice?.text).toContain('“说明.xlsx”');
});

test('下载评分汇总 sums up every table of every file, as scored on the page, with the unreadable files under 未能评分', async () => {
  const { result, downloads } = setup();
  const bad = new File([new TextEncoder().encode('not a workbook')], '说明.xlsx');
  act(() => result.current.actions.addFiles([fileOf(EXAMPLE), bad, fileOf(EXAMPLE, '副本.xlsx')]));
  await waitFor(() => expect(result.current.files.every((file) => file.book || file.error)).toBe(true));
  await waitFor(() => expect(result.current.running).toBeUndefined());
  expect(result.current.canDownloadSummary).toBe(true);
  // a judgement made here on the copy counts in the summary, as it does in its scored copy
  act(() => result.current.actions.select(result.current.files[2].id));
  act(() => result.current.actions.judge(20, { tier: 'failed' }));
  await waitFor(() => expect(result.current.evaluation?.totalScore).toBe(77.75));

  act(() => result.current.actions.downloadSummary());
  await waitFor(() => expect(downloads).toHaveLength(1));
  expect(downloads[0]).toMatchObject({ name: '评分汇总.xlsx', mime: XLSX_MIME });
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(downloads[0].bytes) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '复核差异', '偏差未说明', '未能评分']);
  const summary = workbook.getWorksheet('汇总');
  const headings = (summary?.getRow(2).values as unknown[]).slice(1);
  const column = (heading: string) => headings.indexOf(heading) + 1;
  const rowOf = (r: number) => ({
    file: summary?.getRow(r).getCell(column('文件')).value,
    total: summary?.getRow(r).getCell(column('按规则计算总分')).value,
    grade: summary?.getRow(r).getCell(column('等级')).value,
  });
  expect([rowOf(3), rowOf(4)]).toEqual([
    { file: '示例-专项资金自评表.xlsx', total: 98.75, grade: '优' },
    { file: '副本.xlsx', total: 77.75, grade: '中' },
  ]);
  expect(rowOf(5).file).toBe('合计（2张表）');
  const failures = workbook.getWorksheet('未能评分');
  expect(failures?.getRow(3).getCell(1).value).toBe('说明.xlsx');
  expect(String(failures?.getRow(3).getCell(3).value)).not.toBe('');
  await waitFor(() => expect(result.current.notice?.intent).toBe('warning'));
  expect(result.current.notice?.text).toContain('已将 2 张自评表的评分结果汇总');
});

test('下载评分汇总 sums up each table of a sheet that holds several, whichever one the page shows', async () => {
  const { result, downloads } = setup();
  const bytes = await twoTablesOnOneSheet();
  act(() => result.current.actions.addFiles([new File([bytes], '两个项目.xlsx'), fileOf(EXAMPLE)]));
  await waitFor(() => expect(result.current.files.every((file) => file.book || file.error)).toBe(true));
  await waitFor(() => expect(result.current.running).toBeUndefined());
  expect(result.current.evaluation?.project.name).toBe('甲项目');

  act(() => result.current.actions.downloadSummary());
  await waitFor(() => expect(downloads).toHaveLength(1));
  const summary = new Workbook();
  await summary.xlsx.load(Buffer.from(downloads[0].bytes) as unknown as ArrayBuffer);
  const rows = summary.getWorksheet('汇总');
  const headings = (rows?.getRow(2).values as unknown[]).slice(1);
  const at = (r: number, heading: string) => rows?.getRow(r).getCell(headings.indexOf(heading) + 1).value;
  expect([3, 4, 5].map((r) => [at(r, '工作表'), at(r, '项目名称'), at(r, '按规则计算总分')])).toEqual([
    ['项目自评表（第2行）', '甲项目', 80],
    ['项目自评表（第7行）', '乙项目', 100],
    ['自评表', '2024年全国两会信访维稳专项资金', 98.75],
  ]);
});
