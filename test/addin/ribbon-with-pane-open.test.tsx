/** @jest-environment jsdom */
/**
 * 一键评分 on the ribbon while the task pane is open. The pane and the ribbon's function file are
 * pages of their own, each with its own copy of what it last read of the add-in's data (custom XML
 * parts of the document, src/office/excel/addin-data.ts). Every save reads the part back first and
 * changes the runs as a function of what the document holds, so the pane's next save keeps the
 * ribbon's undo record, and the pane offers 撤销本次评分 for it once the user is back in it.
 */
import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import type { MessageBoxContent } from '../../src/commands/message';
import { runScoreCommand } from '../../src/commands/score-command';
import { createExcelHost } from '../../src/office/excel/host';
import type { UndoRecord } from '../../src/app/ports';
import { useUndoHistory, withSavedRuns } from '../../src/taskpane/excel/use-undo-history';
import type { PendingUndo } from '../../src/taskpane/excel/undo-stack';
import { addinDataXml, ADDIN_DATA_NAMESPACES } from '../../src/app/addin-data-parts';
import { sanitiseLastRuns } from '../../src/app/last-runs-format';
import { sanitiseSettings } from '../../src/app/settings';
import { cellsOf, createFakeOffice, installFakeOffice, workbookFromGrid, type FakeOffice, type FakeWorkbook } from '../helpers/fake-excel';
import { renderExcelPane, seedGrid } from '../taskpane/render-pane';

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

/** The workbook, and the pane open on it in a runtime of its own. */
async function paneOpen(): Promise<FakeWorkbook> {
  const model = workbookFromGrid(await seedGrid());
  uninstall = installFakeOffice(createFakeOffice(model));
  const host = createExcelHost();
  await host.refreshSettings({ waitForCellEdit: true }); // as start-pane.tsx does before the pane shows
  renderExcelPane(host);
  expect(await screen.findByText('按当前设置预计总分 98.75 分，等级“优”')).toBeTruthy();
  return model;
}

/** 一键评分 in the ribbon's page (`ribbon`: its runtime, with its own settings copy). */
async function ribbonRun(ribbon: FakeOffice): Promise<MessageBoxContent> {
  const shown: MessageBoxContent[] = [];
  let completed = 0;
  await runScoreCommand(
    { completed: () => void completed++ },
    { createHost: () => createExcelHost({ settings: () => ribbon.settings }), language: 'zh-CN', showMessage: async (content) => void shown.push(content) },
  );
  expect(completed).toBe(1);
  return shown[0];
}

const savedRuns = (model: FakeWorkbook) => sanitiseLastRuns(model.storedValue('lastRuns'));
const savedSettings = (model: FakeWorkbook) => sanitiseSettings(model.storedValue('settings'));

/** The user picks another rule profile in the pane: the pane saves its settings. */
async function changeProfileInPane(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: '评分设置' }));
  fireEvent.change(screen.getByLabelText('评分规则'), { target: { value: 'provincial-platform' } });
  expect(await screen.findByText('按当前设置预计总分 96.75 分，等级“优秀”')).toBeTruthy();
}

test('with the pane open, a ribbon run’s undo record survives the pane’s next save and is offered for undo', async () => {
  const model = await paneOpen();
  const sheet = model.sheets[0];
  const before = cellsOf(sheet);
  expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();

  const box = await ribbonRun(createFakeOffice(model));
  expect(box.lines[1]).toBe('共评 9 项指标，得分和偏差标记已写入表格；如需撤销，可点击“打开助手”，再点击“撤销本次评分”。');
  expect(savedRuns(model)).toHaveLength(1);
  expect(sheet.cell(22, 8)?.value).toBe(98.75);

  // the pane's next save, from a copy of the add-in's data that predates the ribbon run
  const writes = model.partWriteCount;
  await changeProfileInPane();
  await waitFor(() => expect(model.partWriteCount).toBe(writes + 1));
  await waitFor(() => expect(savedSettings(model).profileId).toBe('provincial-platform'));
  expect(savedRuns(model)).toHaveLength(1); // kept: the pane read the document back before saving

  // back in the pane (it regains focus): 撤销本次评分 is offered for the ribbon's run, and undoes it
  act(() => void window.dispatchEvent(new Event('focus')));
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分：工作表“自评表”中被改写的 \d+ 个单元格已恢复原样。$/)).toBeTruthy();
  expect(cellsOf(sheet)).toEqual(before);
  await waitFor(() => expect(savedRuns(model)).toEqual([]));
  // the pane's settings are still saved
  expect(savedSettings(model).profileId).toBe('provincial-platform');
});

test('the pane’s undo history reads the saved runs again when the active sheet changes', async () => {
  const model = workbookFromGrid(await seedGrid());
  uninstall = installFakeOffice(createFakeOffice(model));
  const host = createExcelHost();
  const { result, rerender } = renderHook(({ sheet }: { sheet: string }) => useUndoHistory(host, sheet), { initialProps: { sheet: '自评表' } });
  await ribbonRun(createFakeOffice(model));
  expect(result.current.stack).toEqual([]);
  rerender({ sheet: '其他表' });
  await waitFor(() => expect(result.current.stack.map((e) => [e.kind, e.record.sheet])).toEqual([['score', '自评表']]));
});

test('a pane run after a ribbon run it has not seen merges into the ribbon’s record: undo goes back to before the ribbon run', async () => {
  const model = await paneOpen();
  const sheet = model.sheets[0];
  const before = cellsOf(sheet);
  await ribbonRun(createFakeOffice(model));

  fireEvent.click(screen.getByRole('button', { name: '一键评分' }));
  expect(await screen.findByText('评分完成：总分 98.75 分，等级“优”。结果已写入表中，可以撤销。')).toBeTruthy();
  const [record] = savedRuns(model);
  // the ribbon run's previous values are kept: H22 was empty before it
  expect(record.cells.find((c) => c.address === 'H22')).toMatchObject({ value: '', written: 98.75 });

  fireEvent.click(screen.getByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分/)).toBeTruthy();
  expect(cellsOf(sheet)).toEqual(before);
  await waitFor(() => expect(savedRuns(model)).toEqual([]));
});

test('a ribbon page that stays loaded between clicks scores with the settings the pane saved since', async () => {
  const model = await paneOpen();
  const ribbon = createFakeOffice(model); // loaded now, with the default settings
  await changeProfileInPane();
  await waitFor(() => expect(savedSettings(model).profileId).toBe('provincial-platform'));
  const box = await ribbonRun(ribbon);
  expect(box.lines[0]).toBe('工作表“自评表”已完成评分：总分 96.75 分，等级为“优秀”。');
});

test('a pane whose undo record was merged with a later ribbon run keeps the record when it undoes its own', async () => {
  const model = await paneOpen();
  fireEvent.click(screen.getByRole('button', { name: '一键评分' }));
  expect(await screen.findByText(/^评分完成：/)).toBeTruthy();
  expect(savedRuns(model)).toHaveLength(1);

  // the rules are changed elsewhere (a co-author), then the ribbon scores: its run, with other
  // results, is merged into the pane's record
  const settingsPart = model.customXmlParts.find((p) => p.xml.includes(ADDIN_DATA_NAMESPACES.settings));
  const changed = addinDataXml('settings', { ...savedSettings(model), profileId: 'provincial-platform' });
  if (settingsPart) settingsPart.xml = changed;
  else model.customXmlParts.push({ id: '{co-author}', xml: changed });
  const box = await ribbonRun(createFakeOffice(model));
  expect(box.lines[0]).toContain('96.75');
  const merged = savedRuns(model)[0];

  // the pane, not looking again, undoes what it holds: the document's newer record stays, and is offered
  fireEvent.click(screen.getByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分/)).toBeTruthy();
  await waitFor(() => expect(savedRuns(model)).toEqual([merged]));
  expect(await screen.findByRole('button', { name: '撤销本次评分' })).toBeTruthy();
});

describe('withSavedRuns: the pane’s entries brought in line with the document', () => {
  const rec = (sheet: string, written: number, before: number | string = ''): UndoRecord => ({
    sheet,
    cells: [{ address: 'H10', value: before, numberFormat: 'General', fill: null, written }],
  });
  const score = (record: UndoRecord): PendingUndo => ({ kind: 'score', record });

  test('nothing changed: the same array', () => {
    const stack = [score(rec('A', 1)), { kind: 'columns', record: rec('A', 2) } as PendingUndo];
    expect(withSavedRuns(stack, [rec('A', 1)], new WeakSet())).toBe(stack);
  });

  test('a record the document holds in a newer form replaces the pane’s, at the end; one it no longer holds goes', () => {
    const columns: PendingUndo = { kind: 'columns', record: rec('A', 9) };
    const stack = [score(rec('A', 1)), columns, score(rec('B', 1))];
    const next = withSavedRuns(stack, [rec('A', 5)], new WeakSet());
    expect(next).toEqual([columns, score(rec('A', 5))]);
  });

  test('a run the pane could not save stays while the document has none of its sheet, and is merged with a newer one', () => {
    const unsaved = new WeakSet<PendingUndo>();
    const mine = score(rec('A', 3, 'old'));
    unsaved.add(mine);
    expect(withSavedRuns([mine], [], unsaved)).toEqual([mine]);
    const next = withSavedRuns([mine], [rec('A', 4, 3)], unsaved);
    // the pane's value from before its run, and what the newer (ribbon) run wrote
    expect(next).toEqual([score(rec('A', 4, 'old'))]);
    expect(unsaved.has(next[0])).toBe(true);
  });
});
