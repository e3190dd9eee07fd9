/**
 * The document's settings as two pages of the add-in see them (the task pane and the ribbon
 * command's function file): each holds its own in-memory copy, read when it started, and saveAsync
 * writes a page's whole copy back (Office.Settings; test/helpers/fake-excel.ts models it). Every
 * save reads the saved state back first (refreshAsync), the runs are changed as a function of what
 * the document holds, and a page's settings operations run one at a time.
 */
import { withoutRun, withRun } from '../../src/app/last-runs';
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import { createExcelHost } from '../../src/hosts/excel';
import { LAST_RUNS_KEY, sanitiseLastRuns, SETTINGS_KEY } from '../../src/hosts/excel-settings';
import { HostError, type UndoRecord, type WorkbookHost } from '../../src/hosts/workbook-host';
import { createFakeOffice, FakeWorkbook, installFakeOffice, type FakeOffice } from '../helpers/fake-excel';

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

const run = (sheet: string, address: string, before: number | string, written: number | string): UndoRecord => ({
  sheet,
  cells: [{ address, value: before, numberFormat: 'General', fill: null, written }],
});

interface Pages {
  model: FakeWorkbook;
  pane: WorkbookHost;
  ribbon: WorkbookHost;
  paneOffice: FakeOffice;
}

/** A workbook, and two pages on it that started now, each with its own copy of the settings. */
function twoPages(model = new FakeWorkbook()): Pages {
  const paneOffice = createFakeOffice(model);
  uninstall = installFakeOffice(paneOffice); // Office.AsyncResultStatus and the like
  const ribbonOffice = createFakeOffice(model);
  return {
    model,
    paneOffice,
    pane: createExcelHost({ settings: () => paneOffice.settings }),
    ribbon: createExcelHost({ settings: () => ribbonOffice.settings }),
  };
}

const savedRuns = (model: FakeWorkbook) => sanitiseLastRuns(model.savedSettings.get(LAST_RUNS_KEY));

test('the fake models the bug: a page that saves its stale copy deletes what another page saved', async () => {
  const { model, paneOffice, ribbon } = twoPages();
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  expect(savedRuns(model)).toHaveLength(1);
  // the pane's copy predates the ribbon's save; a bare set + saveAsync writes that copy back whole
  paneOffice.settings.set(SETTINGS_KEY, { ...DEFAULT_SETTINGS, keepExistingScores: true });
  await new Promise<void>((resolve) => paneOffice.settings.saveAsync(() => resolve()));
  expect(model.savedSettings.has(LAST_RUNS_KEY)).toBe(false);
});

test('saveSettings reads the document first: another page’s undo record is kept', async () => {
  const { model, pane, ribbon } = twoPages();
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  expect(savedRuns(model)).toEqual([run('自评表', 'H10', '', 5)]);
  expect(model.savedSettings.get(SETTINGS_KEY)).toMatchObject({ keepExistingScores: true });
  // and the pane's copy now holds it too
  expect(pane.loadLastRuns()).toEqual([run('自评表', 'H10', '', 5)]);
});

test('saveLastRuns changes what the document holds: runs of both pages are merged by sheet', async () => {
  const { model, pane, ribbon } = twoPages();
  await pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  await ribbon.saveLastRuns((saved) => withRun(saved, run('第二张', 'H10', 1, 2)));
  // the ribbon scores the pane's sheet again: its run is merged into the pane's record
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', 5, 6)));
  // the pane, whose copy holds only its own run, scores again
  const answer = await pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', 6, 7)));
  expect(answer.skipped).toEqual([]);
  expect(answer.saved).toEqual([run('第二张', 'H10', 1, 2), run('自评表', 'H10', '', 7)]);
  expect(savedRuns(model)).toEqual(answer.saved);
  // taking a sheet's run out leaves the other page's run
  await pane.saveLastRuns((saved) => withoutRun(saved, '自评表'));
  expect(savedRuns(model)).toEqual([run('第二张', 'H10', 1, 2)]);
});

test('loads read this page’s copy; refreshSettings brings in what another page saved', async () => {
  const { pane, ribbon } = twoPages();
  await ribbon.saveSettings({ ...DEFAULT_SETTINGS, profileId: 'provincial-platform' });
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  expect(pane.loadSettings()).toEqual(DEFAULT_SETTINGS);
  expect(pane.loadLastRuns()).toEqual([]);
  await pane.refreshSettings();
  expect(pane.loadSettings().profileId).toBe('provincial-platform');
  expect(pane.loadLastRuns()).toEqual([run('自评表', 'H10', '', 5)]);
});

test('a page’s settings operations run one at a time: two saves started together both land', async () => {
  const { model, pane } = twoPages();
  await Promise.all([
    pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }),
    pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5))),
    pane.refreshSettings(),
  ]);
  expect(model.savedSettings.get(SETTINGS_KEY)).toMatchObject({ keepExistingScores: true });
  expect(savedRuns(model)).toHaveLength(1);
});

test('a change that changes nothing saves nothing', async () => {
  const { model, pane } = twoPages();
  await pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  const saves = model.settingsSaveCount;
  expect(await pane.saveLastRuns((saved) => withoutRun(saved, '没有这张表'))).toEqual({ saved: [run('自评表', 'H10', '', 5)], skipped: [] });
  expect(model.settingsSaveCount).toBe(saves);
});

test('when the saved state cannot be read, nothing is saved (the stale copy would delete another page’s record)', async () => {
  const { model, pane, ribbon } = twoPages();
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  model.failSettingsRefresh = true;
  const saves = model.settingsSaveCount;
  for (const attempt of [
    pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }),
    pane.saveLastRuns((saved) => withRun(saved, run('第二张', 'A1', '', 1))),
    pane.refreshSettings(),
  ]) {
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).message).toContain('未能读取工作簿中保存的设置');
  }
  expect(model.settingsSaveCount).toBe(saves);
  expect(savedRuns(model)).toEqual([run('自评表', 'H10', '', 5)]);
  // the queue goes on after a failure
  model.failSettingsRefresh = false;
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  expect(savedRuns(model)).toEqual([run('自评表', 'H10', '', 5)]);
});

test('an Office without refreshAsync still saves (from the page’s copy)', async () => {
  const { model, paneOffice, pane } = twoPages();
  delete (paneOffice.settings as Partial<Office.Settings>).refreshAsync;
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  expect(model.savedSettings.get(SETTINGS_KEY)).toMatchObject({ keepExistingScores: true });
});

describe('an undo record\'s look survives the document\'s settings, checked field by field', () => {
  const look = { bold: true, italic: false, fontColor: '#000000', fontSize: 12, fontName: '宋体', wrap: true, horizontal: 'Center', vertical: 'Bottom', borders: { top: 'Continuous Thin #000000', diagonalUp: 'None' } };
  const saved = () => {
    const styled = { address: 'K13', value: '', numberFormat: 'General', fill: null, written: '无偏差', look: { ...look, borders: { ...look.borders } } };
    const plain = { address: 'H13', value: '', numberFormat: 'General', fill: null, written: 7.15 };
    return { sheet: '自评表', cells: [styled, plain] as [typeof styled, typeof plain], columnWidths: { K: null, L: 52.5 }, printArea: "'自评表'!$A$1:$K$22" };
  };

  test('looks, column widths and the print area load as saved', () => {
    expect(sanitiseLastRuns(JSON.parse(JSON.stringify([saved()])))).toEqual([saved()]);
    // and as a JSON string, as some hosts hand settings back
    expect(sanitiseLastRuns(JSON.stringify([saved()]))).toEqual([saved()]);
  });

  test('the document holds each distinct look once (packLooks); a look named by a bad index drops the record', async () => {
    const { model, pane, ribbon } = twoPages();
    const record = sanitiseLastRuns([saved()])[0];
    const twin = { ...record.cells[0], address: 'K14' };
    const full = { ...record, cells: [...record.cells, twin] };
    await ribbon.saveLastRuns(() => [full]);
    const stored = model.savedSettings.get(LAST_RUNS_KEY) as { looks: unknown[]; cells: { look?: unknown }[] }[];
    expect(stored[0].looks).toEqual([saved().cells[0].look]);
    expect(stored[0].cells.map((c) => c.look)).toEqual([0, undefined, 0]);
    await pane.refreshSettings();
    expect(pane.loadLastRuns()).toEqual([full]);
    for (const bad of [1, -1, 0.5, '0']) {
      const damaged = JSON.parse(JSON.stringify(stored));
      damaged[0].cells[0].look = bad;
      expect(sanitiseLastRuns(damaged)).toEqual([]);
    }
    const badTable = JSON.parse(JSON.stringify(stored));
    badTable[0].looks = [{ bold: 'yes' }];
    expect(sanitiseLastRuns(badTable)).toEqual([]);
  });

  test('fields a newer version added to a look are left out; the record loads', () => {
    const newer = saved();
    Object.assign(newer.cells[0].look, { underline: 'Single' });
    Object.assign(newer.cells[0].look.borders, { horizontal: 'None' });
    expect(sanitiseLastRuns([newer])).toEqual([saved()]);
  });

  test.each<[string, (r: ReturnType<typeof saved>) => void]>([
    ['a look that is not an object', (r) => ((r.cells[0] as Record<string, unknown>).look = 'bold')],
    ['a boolean that is not one', (r) => ((r.cells[0].look as Record<string, unknown>).bold = 'yes')],
    ['a font size out of Excel\'s range', (r) => (r.cells[0].look.fontSize = 1000)],
    ['an empty font name', (r) => (r.cells[0].look.fontName = '')],
    ['a border that is not a line', (r) => ((r.cells[0].look.borders as Record<string, unknown>).top = 5)],
    ['a border of too many parts', (r) => (r.cells[0].look.borders.top = 'Continuous Thin #000000 extra')],
    ['a width of a column that is not one', (r) => ((r.columnWidths as Record<string, unknown>).k1 = 10)],
    ['a negative width', (r) => ((r.columnWidths as Record<string, unknown>).K = -1)],
    ['a width that is text', (r) => ((r.columnWidths as Record<string, unknown>).K = '10')],
    ['column widths that are a list', (r) => ((r as Record<string, unknown>).columnWidths = [10])],
    ['an empty print area', (r) => (r.printArea = '')],
    ['a print area that is not text', (r) => ((r as Record<string, unknown>).printArea = null)],
  ])('%s: the record is dropped whole (undo would leave part of the run\'s look)', (_, damage) => {
    const damaged = saved();
    damage(damaged);
    const other = { sheet: '其他表', cells: [{ address: 'H13', value: 1, numberFormat: 'General', fill: null }] };
    expect(sanitiseLastRuns(JSON.parse(JSON.stringify([damaged, other])))).toEqual([other]);
  });
});
