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
