/** @jest-environment jsdom */
/**
 * 一键评分 on the ribbon, then 撤销本次评分 in a pane opened afterwards, through the real Excel host
 * over the fake Office object model (test/helpers/fake-excel.ts): the ribbon's record is saved in
 * the workbook's undo part without touching a cell, a new host (a pane opened later) finds it, and
 * undo puts back exactly what was there: values, number formats, fills. The record follows its
 * sheet by Worksheet.id when the sheet is renamed.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { MessageBoxContent } from '../../src/commands/message';
import { runScoreCommand } from '../../src/commands/score-command';
import { createExcelHost } from '../../src/office/excel/host';
import { standardForm, type StandardRow } from '../helpers/grid-builder';
import { cellsOf, workbookFromGrid, type FakeSheet, type FakeWorkbook } from '../helpers/fake-excel';
import { renderExcelPane, seedGrid } from './render-pane';
import { fakeExcelSession } from '../helpers/fake-excel-session';

const use = fakeExcelSession();

async function ribbonRun(language: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<MessageBoxContent> {
  const shown: MessageBoxContent[] = [];
  let completed = 0;
  await runScoreCommand(
    { completed: () => void completed++ },
    { createHost: createExcelHost, language, showMessage: async (content) => void shown.push(content) },
  );
  expect(completed).toBe(1);
  return shown[0];
}

/** The seed sheet, with things a user might have left in the cells a run overwrites. */
async function seedWorkbook(): Promise<FakeWorkbook> {
  const model = workbookFromGrid(await seedGrid(), { fills: { H13: '#00B0F0', K14: '#FFFF00' } });
  const sheet = model.sheets[0];
  Object.assign(sheet.ensure(14, 8), { value: 3, format: '0.0' }); // H14: an old score of the user's
  Object.assign(sheet.ensure(15, 11), { value: '待核实', format: '@' }); // K15: a note where the flag goes
  return model;
}

const visible = (sheet: FakeSheet) => cellsOf(sheet);

test('a ribbon run, then 撤销本次评分 in the pane opened afterwards, restores every cell exactly', async () => {
  const model = use(await seedWorkbook());
  const sheet = model.sheets[0];
  const before = visible(sheet);

  const box = await ribbonRun();
  expect(box.title).toBe('评分完成，1 处需说明原因');
  expect(box.lines[1]).toBe('共评 9 项指标，得分和偏差标记已写入表格；如需撤销，可点击“打开助手”，再点击“撤销本次评分”。');
  // the sheet: one read and one write; the rest only reads and writes the add-in's parts
  expect(model.syncCount - model.partBatches).toBe(2);
  expect(model.partWriteCount).toBe(1);
  expect(createExcelHost().loadLastRuns()).toEqual([]); // a page's copy before it reads the parts
  expect(model.storedValue('lastRuns')).toHaveLength(1);
  expect(sheet.cell(22, 8)?.value).toBe(98.75);
  expect(visible(sheet)).not.toEqual(before);

  renderExcelPane(createExcelHost()); // the pane, opened later, in a runtime of its own
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分：工作表“自评表”中被改写的 \d+ 个单元格已恢复原样。$/)).toBeTruthy();
  expect(visible(sheet)).toEqual(before);
  expect(sheet.cell(13, 8)?.fill).toBe('#00B0F0');
  expect(sheet.cell(14, 8)).toMatchObject({ value: 3, format: '0.0' });
  expect(sheet.cell(15, 11)).toMatchObject({ value: '待核实', format: '@', fill: null });
  // the record is gone from the document too: a pane opened again offers nothing to undo
  await waitFor(() => expect(model.storedValue('lastRuns')).toEqual([]));
  expect(createExcelHost().loadLastRuns()).toEqual([]);
  expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
});

test('edits made after the ribbon run survive 撤销本次评分 in the pane: kept, named, everything else restored', async () => {
  const model = use(await seedWorkbook());
  const sheet = model.sheets[0];
  const before = visible(sheet);
  await ribbonRun();
  // days later, the user types their own score in H13 and a note over the flag in L13 (K holds a
  // note of the user's, so the run put its flags in a new column)
  expect(sheet.cell(13, 12)?.value).toBe('超目标较多，需说明原因');
  Object.assign(sheet.ensure(13, 8), { value: 6.5 });
  Object.assign(sheet.ensure(13, 12), { value: '超额原因：追加了培训场次' });
  const edited = visible(sheet);

  renderExcelPane(createExcelHost());
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  const syncs = model.syncCount;
  expect(await screen.findByText(/^已撤销本次评分：工作表“自评表”中已恢复 \d+ 个单元格；H13、L13 在评分后已被修改，保留了修改后的内容。$/)).toBeTruthy();
  // undo itself: one read, one write (the pane's re-read of the sheet comes after)
  const [read, write] = model.batches.slice(syncs, syncs + 2);
  expect(read.kinds.every((k) => k === 'load')).toBe(true);
  expect(write.kinds).toContain('formulas');
  expect(sheet.cell(13, 8)?.value).toBe(6.5);
  expect(sheet.cell(13, 12)?.value).toBe('超额原因：追加了培训场次');
  const after = visible(sheet);
  expect(after.get('H13')).toEqual(edited.get('H13'));
  expect(after.get('L13')).toEqual(edited.get('L13'));
  after.delete('H13');
  after.delete('L13');
  before.delete('H13');
  expect(after).toEqual(before);
});

test('two ribbon runs on the same sheet: undo goes back to before the first', async () => {
  const model = use(await seedWorkbook());
  const before = visible(model.sheets[0]);
  await ribbonRun();
  await ribbonRun();
  expect(model.storedValue('lastRuns')).toHaveLength(1);
  renderExcelPane(createExcelHost());
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  await screen.findByText(/^已撤销本次评分/);
  expect(visible(model.sheets[0])).toEqual(before);
});

test('a run too large to keep its undo record: the box says so, nothing is saved, the cells are scored', async () => {
  const rows: StandardRow[] = Array.from({ length: 3000 }, (_, i) => ({
    level1: i === 0 ? '产出指标' : undefined,
    level2: i === 0 ? '数量指标' : undefined,
    level3: `指标${i + 1}`,
    target: '≥10人',
    actual: `${10 + (i % 5)}人`,
  }));
  const model = use(workbookFromGrid(standardForm(rows)));
  const zh = await ribbonRun();
  expect(zh.lines[1]).toBe('共评 3000 项指标，得分和偏差标记已写入表格。');
  expect(zh.lines.at(-1)).toBe('本次改写的单元格较多，撤销记录超出工作簿可保存的大小，未能保存，因此无法在助手中撤销本次评分。');
  expect(model.storedValue('lastRuns') ?? []).toEqual([]);
  expect(model.sheets[0].cell(10, 8)?.value).not.toBeUndefined();

  use.end();
  use(workbookFromGrid(standardForm(rows)));
  const en = await ribbonRun('en-US');
  expect(en.lines.at(-1)).toBe('This run changed too many cells for its undo record to be saved in the workbook, so it cannot be undone from the assistant.');
});

test('a failed save: the box says the run cannot be undone, and the scores stay written', async () => {
  const model = use(await seedWorkbook());
  model.failPartWrites = true;
  const box = await ribbonRun();
  expect(box.title).toBe('评分完成，1 处需说明原因');
  expect(box.lines.at(-1)).toBe('撤销记录未能保存到工作簿，因此无法在助手中撤销本次评分。');
  expect(model.sheets[0].cell(22, 8)?.value).toBe(98.75);
});

test('the sheet renamed after a ribbon run: the pane opened afterwards offers the undo there, and undoes it', async () => {
  const model = use(await seedWorkbook());
  const sheet = model.sheets[0];
  const before = visible(sheet);
  await ribbonRun();
  sheet.name = '2024年自评表';
  renderExcelPane(createExcelHost());
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分：工作表“2024年自评表”中被改写的 \d+ 个单元格已恢复原样。$/)).toBeTruthy();
  expect(visible(sheet)).toEqual(before);
});

test('the workbook reopened (Excel gives its sheets new ids): the undo is still offered on the sheet, by name', async () => {
  const model = use(await seedWorkbook());
  const sheet = model.sheets[0];
  const before = visible(sheet);
  await ribbonRun();
  (sheet as { id: string }).id = '{00000000-0001-0000-0000-000000000000}';
  renderExcelPane(createExcelHost());
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分/)).toBeTruthy();
  expect(visible(sheet)).toEqual(before);
});

test("renamed, then the workbook reopened (new ids): the undo follows the sheet by the add-in's key", async () => {
  const model = use(await seedWorkbook());
  const sheet = model.sheets[0];
  const before = visible(sheet);
  await ribbonRun();
  sheet.name = '2024年自评表';
  (sheet as { id: string }).id = '{00000000-0001-0000-0000-000000000000}';
  renderExcelPane(createExcelHost());
  fireEvent.click(await screen.findByRole('button', { name: '撤销本次评分' }));
  expect(await screen.findByText(/^已撤销本次评分：工作表“2024年自评表”中/)).toBeTruthy();
  expect(visible(sheet)).toEqual(before);
});

test('the scored sheet deleted and a new sheet given its name: the new sheet does not inherit the undo', async () => {
  const model = use(await seedWorkbook());
  await ribbonRun();
  const replacement = workbookFromGrid(await seedGrid()).sheets[0];
  model.sheets.splice(0, 1, replacement);
  expect(replacement.name).toBe('自评表');
  renderExcelPane(createExcelHost());
  expect(await screen.findByRole('button', { name: '一键评分' })).toBeTruthy();
  await waitFor(() => expect(model.storedValue('lastRuns')).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.queryByRole('button', { name: '撤销本次评分' })).toBeNull();
});
