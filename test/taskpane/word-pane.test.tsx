/** @jest-environment jsdom */
/** 从工作簿生成报告 in Word, with the pane given a fake report-service loader. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import type { ReportDelivery, ScoredSheet, ScoredWorkbookFile } from '../../src/app/report-service';
import type { Grid } from '../../src/engine/grid';
import { DEFAULT_SETTINGS, previewSheet } from '../../src/app/scoring-run';
import { gridFromRows, standardForm } from '../helpers/grid-builder';
import { WordPane } from '../../src/taskpane/word/WordPane';
import { renderInPane, SEED_FILE, seedGrid } from './render-pane';

const scoreWorkbookFile = jest.fn();
const insertReport = jest.fn();
const loadService = jest.fn(async () => ({ scoreWorkbookFile: scoreWorkbookFile, insertReport: insertReport }));

function renderWordPane(): void {
  renderInPane(<WordPane loadReportService={loadService} />);
}

/** The rule profile the chooser shows. */
function chosenProfile(): string {
  return (screen.getByLabelText('评分规则') as HTMLSelectElement).value;
}

function chooseProfile(id: string): void {
  fireEvent.change(screen.getByLabelText('评分规则'), { target: { value: id } });
}

const INSERTED: ReportDelivery = { where: 'word-document', message: '报告已插入当前文档的光标处。', messageEn: 'The report was inserted at the cursor.' };

/** The sheet each scored sheet was read from, for the book's grids (a judgement scores them again). */
const gridOf = new WeakMap<ScoredSheet, Grid>();

async function scored(name: string): Promise<ScoredSheet> {
  const grid = { ...(await seedGrid()), sheet: name };
  const sheet = { name, outcome: previewSheet({ grid, protected: false }, DEFAULT_SETTINGS) };
  gridOf.set(sheet, grid);
  return sheet;
}

const gridsOf = (sheets: ScoredSheet[]): Grid[] => sheets.flatMap((s) => gridOf.get(s) ?? []);

/** What the service answers for a file without saved settings, scored with the pane's profile. */
const book = (sheets: ScoredSheet[], profileId = 'mof-2020'): ScoredWorkbookFile => ({
  sheets,
  settings: { ...DEFAULT_SETTINGS, profileId },
  saved: 'none',
  grids: gridsOf(sheets),
});

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
  const noTable: ScoredSheet = {
    name: '说明',
    outcome: previewSheet({ grid: gridFromRows([['填表说明']], { sheet: '说明' }), protected: false }, DEFAULT_SETTINGS),
  };
  scoreWorkbookFile.mockResolvedValue(book([await scored('2024年'), noTable, await scored('2023年')]));
  insertReport.mockResolvedValue(INSERTED);
  renderWordPane();
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
  renderWordPane();
  chooseFile();
  await screen.findByText('总分 98.75 分，等级“优”');
  chooseProfile('hunan-nanyue');
  await waitFor(() => expect(scoreWorkbookFile).toHaveBeenCalledTimes(2));
  expect(scoreWorkbookFile.mock.calls[1][1]).toEqual({ profileId: 'hunan-nanyue', chosen: true });
  await waitFor(() => expect(chosenProfile()).toBe('hunan-nanyue'));
});

test('a workbook with settings saved in Excel: the chooser starts at its profile, one line says so, another profile still applies', async () => {
  const savedSettings = { ...DEFAULT_SETTINGS, profileId: 'hunan-nanyue', judgements: { 自评表: { 20: 0.5 } } };
  scoreWorkbookFile.mockResolvedValueOnce({ ...book([await scored('自评表')]), settings: savedSettings, saved: 'all' } satisfies ScoredWorkbookFile);
  scoreWorkbookFile.mockResolvedValueOnce({
    ...book([await scored('自评表')]),
    settings: { ...savedSettings, profileId: 'provincial-platform' },
    saved: 'all-but-rules',
  } satisfies ScoredWorkbookFile);
  renderWordPane();
  chooseFile();
  expect(
    await screen.findByText('此工作簿保存有在 Excel 中所做的评分设置（规则及调整、人工评定、所选表格），已按这些设置评分，与 Excel 中的结果一致。'),
  ).toBeTruthy();
  expect(chosenProfile()).toBe('hunan-nanyue');
  expect(scoreWorkbookFile.mock.calls[0][1]).toEqual({ profileId: 'mof-2020', chosen: false });

  chooseProfile('provincial-platform');
  expect(await screen.findByText('已改用所选规则（工作簿中保存的规则调整不再适用）；工作簿中保存的人工评定和所选表格仍按原样使用。')).toBeTruthy();
  expect(scoreWorkbookFile.mock.calls[1][1]).toEqual({ profileId: 'provincial-platform', chosen: true });
  expect(chosenProfile()).toBe('provincial-platform');

  // choosing the file again starts again from what it saved
  scoreWorkbookFile.mockResolvedValueOnce({ ...book([await scored('自评表')]), settings: savedSettings, saved: 'all' } satisfies ScoredWorkbookFile);
  chooseFile();
  await waitFor(() => expect(chosenProfile()).toBe('hunan-nanyue'));
  expect(scoreWorkbookFile.mock.calls[2][1]).toEqual({ profileId: 'provincial-platform', chosen: false });
  expect(await screen.findByText(/已按这些设置评分/)).toBeTruthy();
});

test('a workbook with nothing to score says why, sheet by sheet', async () => {
  scoreWorkbookFile.mockResolvedValue(
    book([{ name: '说明', outcome: previewSheet({ grid: gridFromRows([['填表说明']], { sheet: '说明' }), protected: false }, DEFAULT_SETTINGS) }]),
  );
  renderWordPane();
  chooseFile();
  expect(await screen.findByText('这个工作簿中没有可评分的自评表：')).toBeTruthy();
  expect(screen.getByText(/工作表“说明”中未找到绩效指标表/)).toBeTruthy();
  expect(screen.queryByRole('button', { name: '插入当前文档' })).toBeNull();
});

test('an unreadable file: the Chinese message, in the pane language', async () => {
  scoreWorkbookFile.mockRejectedValue(
    Object.assign(new Error('这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试'), { messageEn: 'This is an old .xls file' }),
  );
  renderWordPane();
  chooseFile();
  expect(await screen.findByText('操作未能完成：这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试')).toBeTruthy();
});

describe('what the report will leave open, and the rows to judge', () => {
  test('lists the problems with their cells (as text: there is no sheet to go to)', async () => {
    scoreWorkbookFile.mockResolvedValue(book([await scored('自评表')]));
    renderWordPane();
    chooseFile();
    const problems = await screen.findByRole('region', { name: /需要注意的问题（2）/ });
    expect(within(problems).getByText('I13')).toBeTruthy();
    expect(within(problems).getByText('本行超目标较多，请在“偏差原因分析及改进措施”栏说明原因')).toBeTruthy();
    expect(within(problems).getByText(/留作黄色【请填写…】/)).toBeTruthy();
    // Word has no cell to select: no 转到单元格 links.
    expect(within(problems).queryByRole('button')).toBeNull();
    // The problems come before the buttons that insert the report.
    const insert = screen.getByRole('button', { name: '插入当前文档' });
    expect(problems.compareDocumentPosition(insert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  test('judging a row re-scores the file in memory, says it is not saved, and the report gets the new score', async () => {
    scoreWorkbookFile.mockResolvedValue(book([await scored('自评表')]));
    insertReport.mockResolvedValue(INSERTED);
    renderWordPane();
    chooseFile();
    await screen.findByText('总分 98.75 分，等级“优”');
    fireEvent.click(screen.getByRole('button', { name: '人工评定（1）' }));
    const row = await screen.findByRole('listitem', { name: '第20行 维护社会和谐稳定' });
    expect(screen.getByText('这里的人工评定只用于本次生成的报告，无法保存到所选工作簿；如需保存，请在 Excel 中评定。')).toBeTruthy();
    fireEvent.change(within(row).getByLabelText('完成情况'), { target: { value: 'partial' } });
    // 30 points at the 部分达成 default of 70%: 98.75 − 9 = 89.75, 良
    expect(await screen.findByText('总分 89.75 分，等级“良”')).toBeTruthy();
    // Only the pane: the service was not asked to score again, nothing was written to a file.
    expect(scoreWorkbookFile).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: '插入当前文档' }));
    await screen.findByText(INSERTED.message);
    expect(insertReport.mock.calls[0][0]).toMatchObject({ totalScore: 89.75, grade: '良' });
    expect(insertReport.mock.calls[0][0].indicators.find((i: { row: number }) => i.row === 20)).toMatchObject({ score: 21 });
  });

  test('a pending row opens the judgements at once, and its judgement settles it', async () => {
    const pending = {
      ...standardForm([
        { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '120人', weight: 45 },
        { level1: '效益指标', level2: '社会效益指标', level3: '服务水平', target: '显著提升', actual: '一般', weight: 45 },
      ]),
      sheet: '待评',
    };
    const outcome = previewSheet({ grid: pending, protected: false }, DEFAULT_SETTINGS);
    if (!outcome.ok) throw new Error('the test sheet must score');
    const judgeable = outcome.evaluation.indicators.filter((i) => i.status === 'needs-judgement');
    expect(judgeable).toHaveLength(1);
    scoreWorkbookFile.mockResolvedValue({ ...book([{ name: '待评', outcome }]), grids: [pending] });
    renderWordPane();
    chooseFile();
    const row = await screen.findByRole('listitem', { name: `第${judgeable[0].row}行 服务水平` });
    expect(within(row).getByText('待评定')).toBeTruthy();
    fireEvent.change(within(row).getByLabelText('完成情况'), { target: { value: 'achieved' } });
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: `第${judgeable[0].row}行 服务水平` })).getByText('达标')).toBeTruthy());
    expect(screen.getByTestId('total').textContent).toContain('100');
  });
});
