/** @jest-environment jsdom */
/**
 * The Excel pane against an in-memory workbook: what it shows on opening, scoring and undo, the
 * retry path, sheets it cannot score yet, several tables, settings and judgements.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { runScoreCommand } from '../../src/commands/score-command';
import type { MessageBoxContent } from '../../src/commands/message';
import type { Grid } from '../../src/engine/grid';
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import { HostError, type ReplacedCell } from '../../src/app/ports';
import { gridFromRows, standardForm } from '../helpers/grid-builder';
import { FakeWorkbookHost } from './fake-host';
import { renderExcelPane, seedGrid } from './render-pane';

async function openSeed(options: ConstructorParameters<typeof FakeWorkbookHost>[1] = {}): Promise<FakeWorkbookHost> {
  const host = new FakeWorkbookHost([await seedGrid()], options);
  renderExcelPane(host);
  await screen.findByText('2024年全国两会信访维稳专项资金');
  return host;
}

/** A cell of a record as the previous version saved it: no written value. */
function withoutWritten(cell: ReplacedCell): ReplacedCell {
  const old = { ...cell };
  delete old.written;
  return old;
}

function scoreButton(): HTMLElement {
  return screen.getByRole('button', { name: '一键评分' });
}

async function openSection(name: RegExp | string): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name }));
}

/** Two standard forms one below the other, for different projects. */
function twoTables(): Grid {
  const first = standardForm([{ level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '120人' }]);
  const second = standardForm([{ level1: '产出指标', level2: '数量指标', level3: '维修道路', target: '≥10公里', actual: '5公里' }]);
  const rename = (grid: Grid, name: string) =>
    grid.cells.map((row) => row.map((cell) => (cell?.value === '测试项目' ? { ...cell, value: name, text: name } : cell)));
  return { ...first, sheet: '两张表', cells: [...rename(first, '农民培训项目'), [], [], ...rename(second, '道路养护项目')] };
}

describe('opening the pane', () => {
  test('shows the project, the rows, the funds and the problems', async () => {
    const host = await openSeed();
    expect(screen.getByText('当前工作表：自评表')).toBeTruthy();
    expect(screen.getByText('中共南岳区委社会工作部')).toBeTruthy();
    expect(screen.getByText('2024年')).toBeTruthy();
    expect(screen.getByText('9 项')).toBeTruthy();
    expect(screen.getAllByText('10万元')).toHaveLength(2);
    expect(screen.getByText('100%')).toBeTruthy();
    expect(screen.getByText('按当前设置预计总分 98.75 分，等级“优”')).toBeTruthy();
    const problems = screen.getByRole('region', { name: /需要注意的问题/ });
    expect(within(problems).getByRole('button', { name: '转到单元格 I13' })).toBeTruthy();
    // The link shows the cell; the message does not repeat it.
    expect(within(problems).getByText('本行超目标较多，请在“偏差原因分析及改进措施”栏说明原因')).toBeTruthy();
    expect(host.calls.readActiveSheet).toBe(1);
    expect(host.calls.onActiveSheetChanged).toBe(1);
    expect(host.calls.applyPlan).toBe(0);
  });

  test("clicking a problem's address selects that cell", async () => {
    const host = await openSeed();
    fireEvent.click(screen.getByRole('button', { name: '转到单元格 I13' }));
    await waitFor(() => expect(host.selected).toEqual([{ sheet: '自评表', address: 'I13' }]));
  });

  test('activating another sheet reads and previews it', async () => {
    const host = await openSeed();
    host.addSheet({ ...standardForm([{ level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '120人' }]), sheet: '第二张' });
    act(() => host.activate('第二张'));
    expect(await screen.findByText('测试项目')).toBeTruthy();
    expect(screen.getByText('当前工作表：第二张')).toBeTruthy();
    expect(host.calls.readActiveSheet).toBe(2);
  });
});

test('coming back to the pane re-reads the sheet, quietly when Excel is busy', async () => {
  const host = await openSeed();
  host.failNext('readActiveSheet', new HostError('editing', '正在编辑', 'editing'));
  act(() => {
    window.dispatchEvent(new Event('focus'));
  });
  await waitFor(() => expect(host.calls.readActiveSheet).toBe(2));
  // The last good reading stays, with no error nobody asked for.
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByText('2024年全国两会信访维稳专项资金')).toBeTruthy();
  act(() => {
    window.dispatchEvent(new Event('focus'));
  });
  await waitFor(() => expect(host.calls.readActiveSheet).toBe(3));
});

test('a click on 一键评分 that focuses the pane reads the sheet once, not twice', async () => {
  const host = await openSeed();
  expect(host.calls.readActiveSheet).toBe(1);
  act(() => {
    window.dispatchEvent(new Event('focus'));
  });
  fireEvent.click(scoreButton());
  expect(await screen.findByText(/^评分完成：/)).toBeTruthy();
  await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
  expect(host.calls.readActiveSheet).toBe(2);
});

describe('一键评分 and undo', () => {
  test('scores the seed sheet: 98.75, 优, counts by status, a badge per row', async () => {
    const host = await openSeed();
    fireEvent.click(scoreButton());
    expect(await screen.findByTestId('total')).toHaveProperty('textContent', '98.75 分');
    expect(screen.getByTestId('grade').textContent).toBe('优');
    expect(screen.getByText('评分完成：总分 98.75 分，等级“优”。结果已写入表中，可以撤销。')).toBeTruthy();
    const counts = screen.getByRole('group', { name: '各状态指标数' });
    expect(within(counts).getByText('达标 7 项')).toBeTruthy();
    expect(within(counts).getByText('超额 1 项')).toBeTruthy();
    expect(within(counts).getByText('未达标 1 项')).toBeTruthy();
    const rows = within(screen.getByRole('list', { name: '各项指标' })).getAllByRole('listitem');
    expect(rows).toHaveLength(9);
    expect(within(rows[0]).getByText('超额')).toBeTruthy();
    expect(within(rows[0]).getByText('7.15 / 7.15 分')).toBeTruthy();
    expect(within(rows[8]).getByText('未达标')).toBeTruthy();
    expect(within(rows[8]).getByText('8.75 / 10 分')).toBeTruthy();
    expect(host.calls.applyPlan).toBe(1);
    expect(host.valueAt('H22')).toBe(98.75);
  });

  test('撤销本次评分 calls host.undo with the record and says what it restored', async () => {
    const host = await openSeed();
    fireEvent.click(scoreButton());
    fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(host.undone[0]).toEqual(host.records[0]);
    const restored = host.records[0].cells.length;
    expect(await screen.findByText(`已撤销本次评分：工作表“自评表”中被改写的 ${restored} 个单元格已恢复原样。`)).toBeTruthy();
    expect(host.valueAt('H22')).toBeUndefined();
    expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
    expect(screen.queryByTestId('total')).toBeNull();
  });

  test('cells edited after scoring are kept, and the notice names them', async () => {
    const host = await openSeed();
    fireEvent.click(scoreButton());
    await screen.findByTestId('total');
    // the user types their own score and a note where the run put its flag
    host.edit('H13', 6);
    host.edit('K13', '已说明：超额原因见附件');
    fireEvent.click(screen.getByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    const restored = host.records[0].cells.length - 2;
    expect(host.undoResults[0]).toEqual({ restored, keptEdited: ['H13', 'K13'], keptUnknown: [] });
    const notice = await screen.findByText(`已撤销本次评分：工作表“自评表”中已恢复 ${restored} 个单元格；H13、K13 在评分后已被修改，保留了修改后的内容。`);
    expect(notice).toBeTruthy();
    expect(host.valueAt('H13')).toBe(6);
    expect(host.valueAt('K13')).toBe('已说明：超额原因见附件');
    expect(host.valueAt('H22')).toBeUndefined();
    expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
  });

  test('every cell edited: the notice says nothing was restored', async () => {
    const host = await openSeed();
    fireEvent.click(scoreButton());
    await screen.findByTestId('total');
    for (const cell of host.records[0].cells) host.edit(cell.address, '手工填写');
    fireEvent.click(screen.getByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(
      await screen.findByText(/^未恢复任何单元格：工作表“自评表”中 K12、G13、H13、K13、G14、H14 等 32 个单元格在评分后已被修改，保留了修改后的内容。$/),
    ).toBeTruthy();
    expect(host.valueAt('H22')).toBe('手工填写');
  });

  test('scoring twice keeps the values from before the first run for undo', async () => {
    const host = await openSeed();
    fireEvent.click(scoreButton());
    await screen.findByTestId('total');
    fireEvent.click(scoreButton());
    await waitFor(() => expect(host.calls.applyPlan).toBe(2));
    fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(host.undone[0].cells.find((c) => c.address === 'H22')?.value).toBe('');
  });

  test('Excel busy: a retry message with 重试, and retrying scores', async () => {
    const host = await openSeed();
    host.failNext('applyPlan', new HostError('busy', 'Excel 正忙', 'Excel is busy'));
    fireEvent.click(scoreButton());
    expect(await screen.findByText('Excel 正忙（可能正在计算，或有其他操作尚未完成）。请稍候，再点击“重试”。')).toBeTruthy();
    expect(screen.queryByTestId('total')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByTestId('total')).toHaveProperty('textContent', '98.75 分');
    expect(host.calls.applyPlan).toBe(2);
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  });

  test('a cell being edited: says how to finish editing, with 重试', async () => {
    const host = await openSeed();
    host.failNext('readActiveSheet', new HostError('editing', '正在编辑', 'editing'));
    fireEvent.click(scoreButton());
    expect(await screen.findByText(/请先按 Enter 键或 Esc 键结束编辑/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  test('a protected sheet: its message, nothing written, no retry', async () => {
    const host = await openSeed({ protectedSheets: ['自评表'] });
    fireEvent.click(scoreButton());
    expect(await screen.findByText(/工作表“自评表”受保护，未写入任何内容/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
    expect(host.calls.applyPlan).toBe(0);
  });

  test('an unexpected error: a readable sentence, never the stack', async () => {
    const host = await openSeed();
    host.failNext('applyPlan', new Error('Something broke\n    at applyPlan (office/excel/host.ts:10:5)'));
    fireEvent.click(scoreButton());
    expect(await screen.findByText('操作未能完成：Something broke')).toBeTruthy();
    expect(screen.queryByText(/excel\.ts/)).toBeNull();
  });
});

describe('undo after the pane was closed, or after the ribbon scored', () => {
  /** 一键评分 on the ribbon against the same workbook; resolves to the box it showed. */
  async function ribbonRun(host: FakeWorkbookHost): Promise<MessageBoxContent> {
    const shown: MessageBoxContent[] = [];
    await runScoreCommand(
      { completed: () => undefined },
      { createHost: () => host, language: 'zh-CN', showMessage: async (content) => void shown.push(content) },
    );
    return shown[0];
  }

  test('a ribbon run: the pane opened afterwards offers 撤销本次评分 for it, and undo removes the saved record', async () => {
    const host = new FakeWorkbookHost([await seedGrid()]);
    const box = await ribbonRun(host);
    expect(box.lines[1]).toContain('如需撤销，可点击“打开助手”，再点击“撤销本次评分”');
    expect(host.valueAt('H22')).toBe(98.75);
    expect(host.lastRuns).toEqual([host.records[0]]);

    renderExcelPane(host);
    fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(host.undone[0]).toEqual(host.records[0]);
    expect(await screen.findByText(`已撤销本次评分：工作表“自评表”中被改写的 ${host.records[0].cells.length} 个单元格已恢复原样。`)).toBeTruthy();
    expect(host.valueAt('H22')).toBeUndefined();
    expect(host.lastRuns).toEqual([]);
    expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
  });

  test('a saved record is offered only on its own sheet', async () => {
    const second = { ...standardForm([{ level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '120人' }]), sheet: '第二张' };
    const saved = { sheet: '第二张', cells: [{ address: 'H10', value: '', numberFormat: 'General', fill: null }] };
    const host = new FakeWorkbookHost([await seedGrid(), second], { lastRuns: [saved] });
    renderExcelPane(host);
    await screen.findByText('2024年全国两会信访维稳专项资金');
    expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
    act(() => host.activate('第二张'));
    expect(await screen.findByRole('button', { name: '撤销本次评分' })).toBeTruthy();
  });

  test('a pane run is saved: closing and opening the pane again still offers undo', async () => {
    const host = await openSeed();
    fireEvent.click(scoreButton());
    await screen.findByTestId('total');
    expect(screen.getByText('评分完成：总分 98.75 分，等级“优”。结果已写入表中，可以撤销。')).toBeTruthy();
    expect(host.lastRuns).toEqual([host.records[0]]);

    cleanup(); // the pane is closed
    renderExcelPane(host);
    fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(host.valueAt('H22')).toBeUndefined();
    expect(host.lastRuns).toEqual([]);
  });

  test('a pane run after a ribbon run merges into its record: undo goes back to before the ribbon run', async () => {
    const host = new FakeWorkbookHost([await seedGrid()]);
    await ribbonRun(host);
    renderExcelPane(host);
    await screen.findByRole('button', { name: '撤销本次评分' });
    fireEvent.click(scoreButton());
    await waitFor(() => expect(host.calls.applyPlan).toBe(2));
    await waitFor(() => expect(host.calls.saveLastRuns).toBe(2));
    expect(host.lastRuns).toHaveLength(1);
    expect(host.lastRuns[0].cells.find((c) => c.address === 'H22')?.value).toBe('');
    fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(host.valueAt('H22')).toBeUndefined();
  });

  test('a record too large to save: the notice says undo lasts until the pane is closed, and undo still works', async () => {
    const host = await openSeed({ lastRunsMaxBytes: 200 });
    fireEvent.click(scoreButton());
    expect(
      await screen.findByText(
        '评分完成：总分 98.75 分，等级“优”。结果已写入表中，可以撤销。本次改写的单元格较多，撤销记录超出工作簿可保存的大小，未能保存：关闭助手前仍可撤销，关闭后将无法撤销。',
      ),
    ).toBeTruthy();
    expect(host.lastRuns).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    expect(host.valueAt('H22')).toBeUndefined();
  });

  test('a failed save: the run stands, the notice says undo lasts until the pane is closed', async () => {
    const host = await openSeed();
    host.failNext('saveLastRuns', new HostError('unknown', '保存失败', 'save failed'));
    fireEvent.click(scoreButton());
    expect(await screen.findByText(/撤销记录未能保存到工作簿：关闭助手前仍可撤销，关闭后将无法撤销。$/)).toBeTruthy();
    expect(screen.getByTestId('total').textContent).toBe('98.75 分');
    expect(screen.getByRole('button', { name: '撤销本次评分' })).toBeTruthy();
  });

  test('a record saved by the previous version: cells changed since before the run are kept, and the notice asks for a check', async () => {
    const host = new FakeWorkbookHost([await seedGrid()]);
    await ribbonRun(host);
    // as the previous version saved it: what the run wrote was not noted
    host.lastRuns = host.lastRuns.map((record) => ({ ...record, cells: record.cells.map(withoutWritten) }));
    renderExcelPane(host);
    fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
    await waitFor(() => expect(host.undone).toHaveLength(1));
    const { restored, keptEdited, keptUnknown } = host.undoResults[0];
    expect(keptEdited).toEqual([]);
    expect(keptUnknown).toContain('H13');
    expect(restored + keptUnknown.length).toBe(host.records[0].cells.length);
    expect(await screen.findByText(/这条撤销记录由旧版助手保存，无法判断是评分结果还是您的修改，为免覆盖修改，保留了现有内容，请自行核对。$/)).toBeTruthy();
    expect(host.valueAt('H22')).toBe(98.75); // kept: it may have been typed by the user
    expect(host.lastRuns).toEqual([]);
  });

  test('damaged saved data never stops the pane', async () => {
    const host = new FakeWorkbookHost([await seedGrid()]);
    host.failNext('loadLastRuns', new Error('damaged'));
    renderExcelPane(host);
    expect(await screen.findByText('2024年全国两会信访维稳专项资金')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
  });
});

describe('sheets that cannot be scored yet', () => {
  test('no table: guidance and the template button, which inserts the form', async () => {
    const host = new FakeWorkbookHost([gridFromRows([['会议记录'], ['2024年5月']], { sheet: 'Sheet1' })]);
    renderExcelPane(host);
    expect(await screen.findByText('本工作表中没有找到绩效自评表')).toBeTruthy();
    // Only what can work here: no 一键评分 (it can only fail), no settings or report to open.
    expect(screen.queryByRole('button', { name: '一键评分' })).toBeNull();
    expect(screen.queryByRole('button', { name: '评分设置' })).toBeNull();
    expect(screen.queryByRole('button', { name: '生成自评报告' })).toBeNull();
    // and 汇总本工作簿, which sums up the workbook's other sheets from any sheet
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['插入标准自评表模板', '汇总本工作簿']);
    fireEvent.click(screen.getByRole('button', { name: '插入标准自评表模板' }));
    expect(await screen.findByText('已插入工作表“绩效自评表”。请按表中提示填写，再在该表上点击“一键评分”。')).toBeTruthy();
    expect(host.calls.insertTemplateSheet).toBe(1);
    expect(await screen.findByText('当前工作表：绩效自评表')).toBeTruthy();
  });

  test('a negative 分值: the preview names the cell and why, and nothing is scored', async () => {
    const grid = standardForm([
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '120人', weight: -15 },
      { level1: '产出指标', level2: '数量指标', level3: '维修道路', target: '≥10公里', actual: '12公里', weight: 65 },
    ]);
    const host = new FakeWorkbookHost([grid]);
    renderExcelPane(host);
    expect(await screen.findByText('分值有误，暂不能评分')).toBeTruthy();
    expect(screen.getByText(/G10“-15”为负数/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '一键评分' })).toBeNull();
    expect(host.calls.applyPlan).toBe(0);
  });

  test('targets only: explains and adds the missing columns through applyPlan', async () => {
    const grid = gridFromRows(
      [
        ['项目名称', '信访维稳'],
        ['一级指标', '二级指标', '三级指标', '年度指标值'],
        ['产出指标', '数量指标', '值班人数', '≥10人'],
        ['效益指标', '社会效益', '维护稳定', '有效维护'],
      ],
      { sheet: '指标表' },
    );
    const host = new FakeWorkbookHost([grid]);
    renderExcelPane(host);
    expect(await screen.findByText('表中还没有实际完成值')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '一键评分' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '添加待填列' }));
    await waitFor(() => expect(host.calls.applyPlan).toBe(1));
    expect(host.applied[0].writes.map((w) => w.value)).toEqual(['实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    expect(await screen.findByText(/已添加“实际完成值”“分值”“得分”“偏差原因分析及改进措施”列/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '撤销添加的列' })).toBeTruthy();
  });

  test('targets only on a protected sheet: nothing is written, and the pane says why', async () => {
    const grid = gridFromRows(
      [
        ['一级指标', '二级指标', '三级指标', '年度指标值'],
        ['产出指标', '数量指标', '值班人数', '≥10人'],
      ],
      { sheet: '指标表' },
    );
    const host = new FakeWorkbookHost([grid], { protectedSheets: ['指标表'] });
    renderExcelPane(host);
    fireEvent.click(await screen.findByRole('button', { name: '添加待填列' }));
    expect(await screen.findByText(/受保护，未写入任何内容/)).toBeTruthy();
    expect(host.calls.applyPlan).toBe(0);
  });

  test('several tables: a chooser, saved per sheet, that switches the preview', async () => {
    const host = new FakeWorkbookHost([twoTables()]);
    renderExcelPane(host);
    expect(await screen.findByText('农民培训项目')).toBeTruthy();
    const chooser = screen.getByLabelText('本工作表中有多张指标表，请选择要评分的一张') as HTMLSelectElement;
    const options = within(chooser).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['第9行：农民培训项目', '第22行：道路养护项目']);
    const before = screen.getByText(/按当前设置预计总分/).textContent;
    fireEvent.change(chooser, { target: { value: '22' } });
    expect(await screen.findByRole('heading', { name: '道路养护项目' })).toBeTruthy();
    // The second table's road was half done: its projected total is lower than the first's.
    expect(screen.getByText(/按当前设置预计总分/).textContent).not.toBe(before);
    expect((screen.getByLabelText('本工作表中有多张指标表，请选择要评分的一张') as HTMLSelectElement).value).toBe('22');
    expect(host.saved.at(-1)?.tableRows).toEqual({ 两张表: 22 });
  });
});

describe('a saved table choice that no longer matches the sheet', () => {
  const CHOOSER = '本工作表中有多张指标表，请选择要评分的一张';

  /** The road table (row 22) was chosen; the pane opens on it. */
  async function openOnRoadTable(): Promise<FakeWorkbookHost> {
    const host = new FakeWorkbookHost([twoTables()], { settings: { ...DEFAULT_SETTINGS, tableRows: { 两张表: 22 } } });
    renderExcelPane(host);
    expect(await screen.findByRole('heading', { name: '道路养护项目' })).toBeTruthy();
    expect((screen.getByLabelText(CHOOSER) as HTMLSelectElement).value).toBe('22');
    return host;
  }

  test('rows inserted above it: the first table is previewed, the chooser shows it, the stale choice is cleared', async () => {
    const host = await openOnRoadTable();
    host.insertRowsAtTop(3);
    act(() => void window.dispatchEvent(new Event('focus')));
    expect(await screen.findByRole('heading', { name: '农民培训项目' })).toBeTruthy();
    const chooser = screen.getByLabelText(CHOOSER) as HTMLSelectElement;
    expect(
      within(chooser)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['12', '25']);
    expect(chooser.value).toBe('12');
    await waitFor(() => expect(host.saved.at(-1)?.tableRows).toEqual({}));

    // 一键评分 scores what the pane shows; the results are not out of date.
    fireEvent.click(scoreButton());
    expect(await screen.findByText(/^评分完成：/)).toBeTruthy();
    expect(host.applied).toHaveLength(1);
    expect(host.applied[0].writes.every((w) => Number(/\d+$/.exec(w.address)?.[0]) < 25)).toBe(true);
    expect(screen.queryByText(/表中仍为上次评分的结果/)).toBeNull();

    // The user can still choose the road table at its new row.
    fireEvent.change(screen.getByLabelText(CHOOSER), { target: { value: '25' } });
    expect(await screen.findByRole('heading', { name: '道路养护项目' })).toBeTruthy();
    expect(host.saved.at(-1)?.tableRows).toEqual({ 两张表: 25 });
  });

  test('一键评分 before the pane has seen the change: scores the first table instead of refusing, and clears the choice', async () => {
    const host = await openOnRoadTable();
    const saves = host.saved.length;
    host.insertRowsAtTop(3);
    fireEvent.click(scoreButton());
    expect(await screen.findByText(/^评分完成：/)).toBeTruthy();
    expect(screen.queryByText(/不是绩效指标表的表头/)).toBeNull();
    expect(host.applied).toHaveLength(1);
    expect(host.applied[0].writes.every((w) => Number(/\d+$/.exec(w.address)?.[0]) < 25)).toBe(true);
    expect(host.saved.slice(saves).map((saved) => saved.tableRows)).toEqual([{}]);
    expect(screen.getByRole('heading', { name: '农民培训项目' })).toBeTruthy();
    expect((screen.getByLabelText(CHOOSER) as HTMLSelectElement).value).toBe('12');
    expect(screen.queryByText(/表中仍为上次评分的结果/)).toBeNull();
  });

  test('the ribbon meets the same stale choice: it scores the first table too', async () => {
    const host = new FakeWorkbookHost([twoTables()], { settings: { ...DEFAULT_SETTINGS, tableRows: { 两张表: 22 } } });
    host.insertRowsAtTop(3);
    const shown: MessageBoxContent[] = [];
    await runScoreCommand(
      { completed: () => undefined },
      { createHost: () => host, language: 'zh-CN', showMessage: async (content) => void shown.push(content) },
    );
    expect(host.applied).toHaveLength(1);
    expect(shown[0].lines.join('')).not.toMatch(/不是绩效指标表的表头/);
  });
});

describe('the results as a user meets them', () => {
  test('生成自评报告 comes right under the total and grade, before the counts and the rows', async () => {
    await openSeed();
    fireEvent.click(scoreButton());
    const total = await screen.findByTestId('total');
    const report = screen.getByRole('button', { name: '生成自评报告' });
    const rows = screen.getByRole('list', { name: '各项指标' });
    const counts = screen.getByRole('group', { name: '各状态指标数' });
    const follows = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(total, report)).toBe(true);
    expect(follows(report, counts)).toBe(true);
    expect(follows(report, rows)).toBe(true);
    // It is a button to press, not a collapsed section header far down the pane.
    expect(report.hasAttribute('aria-expanded')).toBe(false);
    expect(screen.getAllByRole('button', { name: '生成自评报告' })).toHaveLength(1);
  });

  test('each row shows its target → actual, its badge and score, and the reason the command line prints', async () => {
    await openSeed();
    fireEvent.click(scoreButton());
    await screen.findByTestId('total');
    const exceeded = screen.getByRole('listitem', { name: /^第13行 保障全国两会期间信访维稳值班力量/ });
    expect(within(exceeded).getByTestId('target-actual').textContent).toBe('≥10人 → 16人');
    expect(within(exceeded).getByText('超额')).toBeTruthy();
    expect(within(exceeded).getByText('7.15 / 7.15 分')).toBeTruthy();
    expect(within(exceeded).getByTestId('reason').textContent).toBe('超目标较多，需说明原因');
    const unmet = screen.getByRole('listitem', { name: '第21行 信访人满意度' });
    expect(within(unmet).getByTestId('target-actual').textContent).toBe('95% → 83.1%');
    expect(within(unmet).getByText('未达标')).toBeTruthy();
    expect(within(unmet).getByTestId('reason').textContent).toBe('未完成（完成率87.5%）');
    // The problem cells stay links that select the cell.
    expect(screen.getByRole('button', { name: '转到单元格 I13' })).toBeTruthy();
  });

  test('in English, the reason is English too (the engine writes its flags in Chinese)', async () => {
    renderExcelPane(new FakeWorkbookHost([await seedGrid()]), 'en-US');
    // Before the run the sheet has no weights: the note that they were spread is English too
    // (the engine's own English names the split in Chinese), as is every other problem here.
    const problems = await screen.findByRole('region', { name: /Things to check \(2\)/ });
    expect(problems.textContent).toMatch(/No weights on the sheet; the default level-1 weights .* spread evenly/);
    expect(problems.textContent).not.toMatch(/[\u4e00-\u9fff]/);
    fireEvent.click(screen.getByRole('button', { name: 'Score' }));
    await screen.findByTestId('total');
    const unmet = screen.getByRole('listitem', { name: 'Row 21 信访人满意度' });
    expect(within(unmet).getByTestId('reason').textContent).toBe('Not met (87.5% of target)');
    const exceeded = screen.getByRole('listitem', { name: /^Row 13 / });
    expect(within(exceeded).getByTestId('reason').textContent).toBe('Well over target (160% of target): explain why');
    // The funds as an English reader reads them: 10万元 is 100,000 yuan.
    expect(screen.getAllByText('100,000 yuan')).toHaveLength(2);
  });
});

describe('settings and judgements', () => {
  test('basic settings first; the formulas wait, collapsed, under 高级', async () => {
    await openSeed();
    await openSection('评分设置');
    // The rule profile first; a name longer than the box shows is repeated in full under it.
    const profile = screen.getByLabelText('评分规则') as HTMLSelectElement;
    expect(profile.value).toBe('mof-2020');
    expect(screen.queryByText(/^所选规则：/)).toBeNull();
    fireEvent.change(profile, { target: { value: 'provincial-platform' } });
    expect(await screen.findByText('所选规则：省级平台规则（线性反向、执行率封顶、超额扣2分）')).toBeTruthy();
    expect(screen.getByLabelText('保留表中已填的得分（视为人工认定的得分）')).toBeTruthy();
    const advanced = screen.getByRole('button', { name: /^高级/ });
    expect(advanced.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('超目标较多时扣减的分数（填 0 则只提示、不扣分）')).toBeNull();
    expect(screen.queryByText('越低越好的指标未达标时')).toBeNull();
    fireEvent.click(advanced);
    const group = screen.getByTestId('advanced-settings');
    expect(within(group).getByText('越低越好的指标未达标时')).toBeTruthy();
    expect(within(group).getByLabelText('超目标较多时扣减的分数（填 0 则只提示、不扣分）')).toBeTruthy();
    expect(within(group).getByText('预算执行率的分母')).toBeTruthy();
    expect(within(group).getAllByLabelText('等级名称').length).toBeGreaterThan(0);
    // The basic settings are not inside the advanced group.
    expect(within(group).queryByLabelText('评分规则')).toBeNull();
  });

  test('changing the profile re-previews and saves', async () => {
    const host = await openSeed();
    await openSection('评分设置');
    fireEvent.change(screen.getByLabelText('评分规则'), { target: { value: 'provincial-platform' } });
    // The provincial rules take 2 points off the row well over its target, and name grades differently.
    expect(await screen.findByText('按当前设置预计总分 96.75 分，等级“优秀”')).toBeTruthy();
    expect(host.saved.at(-1)).toMatchObject({ profileId: 'provincial-platform', overrides: {} });
  });

  test('changing a setting saves it as an override and re-previews; 恢复默认 clears it', async () => {
    const host = await openSeed();
    await openSection('评分设置');
    await openSection(/^高级/);
    const deduction = screen.getByLabelText('超目标较多时扣减的分数（填 0 则只提示、不扣分）');
    fireEvent.change(deduction, { target: { value: '1' } });
    fireEvent.blur(deduction);
    expect(await screen.findByText('按当前设置预计总分 97.75 分，等级“优”')).toBeTruthy();
    expect(host.saved.at(-1)?.overrides).toEqual({ overAchievement: { threshold: 1.3, deduction: 1 } });

    fireEvent.click(screen.getByRole('button', { name: '恢复默认' }));
    expect(await screen.findByText('按当前设置预计总分 98.75 分，等级“优”')).toBeTruthy();
    expect(host.saved.at(-1)?.overrides).toEqual({});
    expect((screen.getByLabelText('超目标较多时扣减的分数（填 0 则只提示、不扣分）') as HTMLInputElement).value).toBe('0');
  });

  test('a number out of range is refused with a message, and nothing is saved', async () => {
    const host = await openSeed();
    await openSection('评分设置');
    await openSection(/^高级/);
    const threshold = screen.getByLabelText('实际完成值达到指标值的多少时，标为“超目标较多”');
    expect((threshold as HTMLInputElement).value).toBe('130');
    fireEvent.change(threshold, { target: { value: '50' } });
    fireEvent.blur(threshold);
    expect(await screen.findByText('请输入 100 到 1000 之间的数')).toBeTruthy();
    expect(host.calls.saveSettings).toBe(0);
  });

  test('a grade band renamed and a qualitative band changed are saved', async () => {
    const host = await openSeed();
    await openSection('评分设置');
    await openSection(/^高级/);
    const names = screen.getAllByLabelText('等级名称') as HTMLInputElement[];
    fireEvent.change(names[0], { target: { value: '优秀' } });
    fireEvent.blur(names[0]);
    expect(await screen.findByText('按当前设置预计总分 98.75 分，等级“优秀”')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('达成 ≥80%，部分达成 50%–80%，未达成 <50%'));
    await waitFor(() => expect(host.saved.at(-1)?.overrides.qualitative?.bands).toEqual({ achieved: 0.8, partial: 0.5 }));
    expect(host.saved.at(-1)?.overrides.grades?.[0]).toEqual({ min: 90, label: '优秀' });
  });

  test('a judgement changes the score, is saved per sheet and row with the indicator it is for, and 一键评分 uses it', async () => {
    const host = await openSeed();
    await openSection(/人工评定/);
    const row = screen.getByRole('listitem', { name: '第20行 维护社会和谐稳定' });
    fireEvent.change(within(row).getByLabelText('完成情况'), { target: { value: 'partial' } });
    // 部分达成 earns 70% of the row's 30 points by default: 98.75 − 9.
    expect(await screen.findByText('按当前设置预计总分 89.75 分，等级“良”')).toBeTruthy();
    expect(host.saved.at(-1)?.judgements).toEqual({ 自评表: { 20: { tier: 'partial', label: '维护社会和谐稳定' } } });

    const share = within(row).getByLabelText('得分比例（60%–80%，可不填）');
    fireEvent.change(share, { target: { value: '80' } });
    fireEvent.blur(share);
    expect(await screen.findByText('按当前设置预计总分 92.75 分，等级“优”')).toBeTruthy();
    expect(host.saved.at(-1)?.judgements).toEqual({ 自评表: { 20: { tier: 'partial', share: 0.8, label: '维护社会和谐稳定' } } });

    fireEvent.click(scoreButton());
    expect(await screen.findByTestId('total')).toHaveProperty('textContent', '92.75 分');
  });

  test('results say so when the settings change after a run', async () => {
    await openSeed();
    fireEvent.click(scoreButton());
    await screen.findByTestId('total');
    await openSection('评分设置');
    fireEvent.click(screen.getByLabelText('保留表中已填的得分（视为人工认定的得分）'));
    expect(await screen.findByText(/评分设置或人工评定已更改/)).toBeTruthy();
  });
});

describe('language', () => {
  test('English strings when Office is in English', async () => {
    const host = new FakeWorkbookHost([await seedGrid()]);
    renderExcelPane(host, 'en-US');
    expect(await screen.findByText('With the current settings the total would be 98.75 (优)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go to cell I13' })).toBeTruthy();
    expect(screen.getByText('This row is well over its target: please explain the deviation in the notes column')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Score' }));
    expect(await screen.findByTestId('total')).toHaveProperty('textContent', '98.75');
    expect(screen.getByText('met: 7')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Undo this scoring' })).toBeTruthy();
    host.edit('H13', 6);
    fireEvent.click(screen.getByRole('button', { name: 'Undo this scoring' }));
    const restored = host.records[0].cells.length - 1;
    expect(
      await screen.findByText(`Scoring undone on sheet "自评表": ${restored} cells restored; H13 changed after scoring, so your changes were kept.`),
    ).toBeTruthy();
  });
});
