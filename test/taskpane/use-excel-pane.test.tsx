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
import { gridFromRows } from '../helpers/grid-builder';
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
