/**
 * @jest-environment jsdom
 *
 * The Excel pane's state and actions (useExcelPane), driven without its view: read, preview,
 * score, undo, judge, choose a setting, as the buttons of ExcelPaneView would.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useExcelPane } from '../../src/taskpane/excel/use-excel-pane';
import { Providers } from '../../src/taskpane/Providers';
import { gridFromRows, standardForm } from '../helpers/grid-builder';
import { FakeWorkbookHost } from './fake-host';
import { seedGrid } from './render-pane';

const wrapper = ({ children }: { children: ReactNode }) => (
  <Providers dark={false} displayLanguage="zh-CN">
    {children}
  </Providers>
);

async function opened(host: FakeWorkbookHost) {
  const hook = renderHook(() => useExcelPane(host), { wrapper });
  await waitFor(() => expect(hook.result.current.evaluation ?? hook.result.current.outcome).toBeDefined());
  return hook;
}

test('the preview of the active sheet, before any run', async () => {
  const { result } = await opened(new FakeWorkbookHost([await seedGrid()]));
  expect(result.current.sheetName).toBe('自评表');
  expect(result.current.evaluation?.totalScore).toBe(98.75);
  expect(result.current.shownRun).toBeUndefined();
  expect(result.current.undoTop).toBeUndefined();
});

test('score writes the plan, shows the run and offers its undo; undo puts the sheet back and withdraws it', async () => {
  const host = new FakeWorkbookHost([await seedGrid()]);
  const { result } = await opened(host);
  act(() => result.current.actions.score());
  await waitFor(() => expect(result.current.shownRun?.evaluation.totalScore).toBe(98.75));
  expect(host.applied).toHaveLength(1);
  expect(result.current.notice).toEqual({ intent: 'success', text: expect.stringContaining('98.75') });
  await waitFor(() => expect(result.current.undoTop?.kind).toBe('score'));
  act(() => result.current.actions.undo());
  await waitFor(() => expect(result.current.undoTop).toBeUndefined());
  expect(result.current.shownRun).toBeUndefined();
  expect(result.current.notice?.text).toMatch(/^已撤销本次评分/);
  expect(host.undone).toHaveLength(1);
});

test('changing a setting saves it and re-scores the preview', async () => {
  const host = new FakeWorkbookHost([await seedGrid()]);
  const { result } = await opened(host);
  act(() => result.current.actions.changeSettings({ ...result.current.settings, profileId: 'hunan-nanyue' }));
  await waitFor(() => expect(result.current.evaluation?.grade).toBe('优秀'));
  expect(host.saved.at(-1)?.profileId).toBe('hunan-nanyue');
});

test('a sheet without a table: the preview says so, and there is nothing to score or judge', async () => {
  const { result } = await opened(new FakeWorkbookHost([gridFromRows([['会议纪要']], { sheet: 'Sheet1' })]));
  expect(result.current.outcome).toMatchObject({ ok: false, failure: 'no-table' });
  expect(result.current.evaluation).toBeUndefined();
  expect(result.current.toJudge).toEqual([]);
});

describe('汇总本工作簿', () => {
  const second = () => ({
    ...standardForm([{ level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人' }]),
    sheet: '培训项目',
  });

  test('sums up every table into the add-in’s summary sheet, writing no table unless asked, and shows that sheet', async () => {
    const host = new FakeWorkbookHost([await seedGrid(), second(), gridFromRows([['封面']], { sheet: '封面' })]);
    const { result } = await opened(host);
    expect(result.current.writeScoresToo).toBe(false);
    act(() => result.current.actions.summarise());
    await waitFor(() => expect(result.current.notice?.intent).toBe('success'));
    expect(host.calls.readAllSheets).toBe(1);
    expect(host.calls.writeSummary).toBe(1);
    expect(host.summaries[0].plans).toEqual([]);
    expect(host.summaries[0].target).toEqual({ name: '评分汇总', replace: false });
    expect(host.summaries[0].summary.tables.map((t) => [t.sheet, t.totalScore])).toEqual([
      ['自评表', 98.75],
      ['培训项目', result.current.summaryRun?.summary.tables[1].totalScore],
    ]);
    expect(result.current.notice?.text).toBe('已将本工作簿中 2 张自评表的评分结果汇总到工作表“评分汇总”。');
    expect(host.calls.saveLastRuns).toBe(0);
    // the summary sheet is shown, and is not a table to score
    await waitFor(() => expect(result.current.sheetName).toBe('评分汇总'));
    expect(result.current.onSummarySheet).toBe(true);
    expect(result.current.evaluation).toBeUndefined();

    // again: the add-in's sheet is replaced, not a second one added
    act(() => result.current.actions.summarise());
    await waitFor(() => expect(host.calls.writeSummary).toBe(2));
    expect(host.summaries[1].target).toEqual({ name: '评分汇总', replace: true });
    expect(host.summaries[1].summary.tables).toHaveLength(2);
  });

  test('asked to, it writes every table’s results in one write and saves their undo in one change; each sheet then undoes as after 一键评分', async () => {
    const host = new FakeWorkbookHost([await seedGrid(), second()], { protectedSheets: ['培训项目'] });
    const { result } = await opened(host);
    act(() => result.current.actions.setWriteScoresToo(true));
    act(() => result.current.actions.summarise());
    await waitFor(() => expect(result.current.notice?.intent).toBe('warning'));
    expect(host.calls.writeSummary).toBe(1);
    expect(host.summaries[0].plans.map((plan) => plan.sheet)).toEqual(['自评表']);
    expect(result.current.notice?.text).toContain('评分结果已写入 1 张表');
    expect(result.current.notice?.text).toContain('工作表“培训项目”受保护，评分结果未写入。');
    expect(host.calls.saveLastRuns).toBe(1);
    expect(host.lastRuns.map((record) => record.sheet)).toEqual(['自评表']);
    const total = host.summaries[0].plans[0].writes.find((write) => write.role === 'total')?.address ?? '';
    expect(host.valueAt(total, '自评表')).toBe(98.75);

    act(() => host.activate('自评表'));
    await waitFor(() => expect(result.current.undoTop?.record.sheet).toBe('自评表'));
    act(() => result.current.actions.undo());
    await waitFor(() => expect(result.current.undoTop).toBeUndefined());
    expect(host.valueAt(total, '自评表')).not.toBe(98.75);
    expect(host.lastRuns).toEqual([]);
  });
});
