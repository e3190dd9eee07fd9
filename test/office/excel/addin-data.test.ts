/**
 * The add-in's data in the workbook's custom XML parts, as two pages of the add-in see it (the task
 * pane and the ribbon command's function file): the parts belong to the document, every save reads
 * the part it changes first, a page's operations run one at a time, and what an earlier build
 * saved in Office.Settings is read until the part exists (test/helpers/fake-excel.ts models both).
 */
import { withoutRun, withRun } from '../../../src/app/last-runs';
import { DEFAULT_SETTINGS } from '../../../src/app/scoring-run';
import { addinDataXml, ADDIN_DATA_NAMESPACES } from '../../../src/app/addin-data-parts';
import { createExcelHost } from '../../../src/office/excel/host';
import { LEGACY_KEYS } from '../../../src/office/excel/legacy-settings';
import { sanitiseLastRuns } from '../../../src/app/last-runs-format';
import { HostError, type UndoRecord, type WorkbookHost } from '../../../src/app/ports';
import { createFakeOffice, FakeWorkbook, installFakeOffice, type FakeOffice } from '../../helpers/fake-excel';

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

/** A workbook, and two pages on it that started now. */
function twoPages(model = new FakeWorkbook()): Pages {
  const paneOffice = createFakeOffice(model);
  uninstall = installFakeOffice(paneOffice);
  const ribbonOffice = createFakeOffice(model);
  return {
    model,
    paneOffice,
    pane: createExcelHost({ settings: () => paneOffice.settings }),
    ribbon: createExcelHost({ settings: () => ribbonOffice.settings, waitForCellEdit: true }),
  };
}

const savedRuns = (model: FakeWorkbook) => sanitiseLastRuns(model.storedValue('lastRuns'));
const partsOf = (model: FakeWorkbook, kind: 'settings' | 'lastRuns') => model.customXmlParts.filter((p) => p.xml.includes(ADDIN_DATA_NAMESPACES[kind]));

test("each kind is one part in its own namespace; another add-in's part is left alone", async () => {
  const { model, pane } = twoPages();
  model.customXmlParts.push({ id: '{other}', xml: '<data xmlns="urn:another-addin">keep</data>' });
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  await pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  expect(partsOf(model, 'settings')).toHaveLength(1);
  expect(partsOf(model, 'lastRuns')).toHaveLength(1);
  expect(model.customXmlParts[0]).toEqual({ id: '{other}', xml: '<data xmlns="urn:another-addin">keep</data>' });
  expect(model.storedValue('settings')).toMatchObject({ keepExistingScores: true });
  // a second save rewrites the part, it does not add one
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: false });
  expect(partsOf(model, 'settings')).toHaveLength(1);
  expect(model.storedValue('settings')).toMatchObject({ keepExistingScores: false });
});

test("saveSettings keeps another page's undo record", async () => {
  const { model, pane, ribbon } = twoPages();
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  expect(savedRuns(model)).toEqual([run('自评表', 'H10', '', 5)]);
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

test("loads read this page's copy; refreshSettings brings in what another page saved", async () => {
  const { pane, ribbon } = twoPages();
  await ribbon.saveSettings({ ...DEFAULT_SETTINGS, profileId: 'provincial-platform' });
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  expect(pane.loadSettings()).toEqual(DEFAULT_SETTINGS);
  expect(pane.loadLastRuns()).toEqual([]);
  await pane.refreshSettings();
  expect(pane.loadSettings().profileId).toBe('provincial-platform');
  expect(pane.loadLastRuns()).toEqual([run('自评表', 'H10', '', 5)]);
});

test("a page's operations run one at a time: two saves started together both land", async () => {
  const { model, pane } = twoPages();
  await Promise.all([
    pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }),
    pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5))),
    pane.saveLastRuns((saved) => withRun(saved, run('第二张', 'H10', '', 5))),
    pane.refreshSettings(),
  ]);
  expect(model.storedValue('settings')).toMatchObject({ keepExistingScores: true });
  expect(savedRuns(model).map((r) => r.sheet)).toEqual(['自评表', '第二张']);
});

test('two parts of a kind (two pages that added one at the same moment): both are read, the next save leaves one', async () => {
  const { model, pane } = twoPages();
  model.customXmlParts.push({ id: '{a}', xml: addinDataXml('lastRuns', [run('自评表', 'H10', '', 5)]) });
  model.customXmlParts.push({ id: '{b}', xml: addinDataXml('lastRuns', [run('第二张', 'H10', '', 6)]) });
  await pane.refreshSettings();
  expect(pane.loadLastRuns().map((r) => r.sheet)).toEqual(['自评表', '第二张']);
  await pane.saveLastRuns((saved) => withoutRun(saved, '自评表'));
  expect(partsOf(model, 'lastRuns')).toHaveLength(1);
  expect(savedRuns(model)).toEqual([run('第二张', 'H10', '', 6)]);
});

test('a change that changes nothing writes nothing (the workbook is not marked changed)', async () => {
  const { model, pane } = twoPages();
  await pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  const writes = model.partWriteCount;
  expect(await pane.saveLastRuns((saved) => withoutRun(saved, '没有这张表'))).toEqual({ saved: [run('自评表', 'H10', '', 5)], skipped: [] });
  expect(model.partWriteCount).toBe(writes);
});

test('when the parts cannot be read, nothing is saved; the queue goes on after a failure', async () => {
  const { model, pane, ribbon } = twoPages();
  await ribbon.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5)));
  const writes = model.partWriteCount;
  for (const attempt of [
    () => pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }),
    () => pane.saveLastRuns((saved) => withRun(saved, run('第二张', 'A1', '', 1))),
    () => pane.refreshSettings(),
  ]) {
    model.failNextSync('GeneralException', 'The request could not be processed.');
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).message).toMatch(/^未能读取工作簿中保存的设置：/);
  }
  expect(model.partWriteCount).toBe(writes);
  expect(savedRuns(model)).toEqual([run('自评表', 'H10', '', 5)]);
  // the page's settings are the defaults now: saving them would replace the saved ones
  const refused = await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }).catch((e: unknown) => e);
  expect((refused as HostError).message).toMatch(/^尚未读出工作簿中保存的评分设置，为免覆盖，本次更改未保存/);
  expect(model.partWriteCount).toBe(writes);
  // once a read succeeds, the queue goes on
  await pane.refreshSettings();
  await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true });
  expect(model.storedValue('settings')).toMatchObject({ keepExistingScores: true });
});

test("a read on focus fails at once while a cell is edited; the pane's first read waits for the edit to end", async () => {
  const { model, pane, ribbon } = twoPages();
  await ribbon.saveSettings({ ...DEFAULT_SETTINGS, profileId: 'yunnan' });
  model.editing = true;
  await expect(pane.refreshSettings()).rejects.toBeInstanceOf(HostError);
  const first = pane.refreshSettings({ waitForCellEdit: true });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(pane.loadSettings().profileId).not.toBe('yunnan');
  model.editing = false;
  await first;
  expect(pane.loadSettings().profileId).toBe('yunnan');
});

test('a write that fails says what was not saved', async () => {
  const { model, pane } = twoPages();
  model.failPartWrites = true;
  const settings = await pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }).catch((e: unknown) => e);
  expect((settings as HostError).message).toMatch(/^设置未能保存到工作簿：/);
  const runs = await pane.saveLastRuns((saved) => withRun(saved, run('自评表', 'H10', '', 5))).catch((e: unknown) => e);
  expect((runs as HostError).message).toMatch(/^撤销记录未能保存到工作簿：/);
  expect((runs as HostError).messageEn).toMatch(/^The undo record could not be saved in the workbook: /);
  expect(model.storedValue('settings')).toBeUndefined();
});

test('while the user edits a cell, a save waits for the edit to end instead of failing (delayForCellEdit)', async () => {
  const { model, pane } = twoPages();
  model.editing = true;
  let done = false;
  const saving = pane.saveSettings({ ...DEFAULT_SETTINGS, keepExistingScores: true }).then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done).toBe(false);
  expect(model.storedValue('settings')).toBeUndefined();
  model.editing = false;
  await saving;
  expect(model.storedValue('settings')).toMatchObject({ keepExistingScores: true });
});

test('a damaged part reads as nothing saved, and the next save replaces it', async () => {
  const { model, pane } = twoPages();
  model.customXmlParts.push({ id: '{d}', xml: `<settings xmlns="${ADDIN_DATA_NAMESPACES.settings}">{"profileId": </settings>` });
  await pane.refreshSettings();
  expect(pane.loadSettings()).toEqual(DEFAULT_SETTINGS);
  await pane.saveSettings({ ...DEFAULT_SETTINGS, profileId: 'yunnan' });
  expect(partsOf(model, 'settings')).toHaveLength(1);
  expect(model.storedValue('settings')).toMatchObject({ profileId: 'yunnan' });
});

describe('a workbook saved by an earlier build (Office.Settings)', () => {
  const legacySettings = { ...DEFAULT_SETTINGS, profileId: 'hunan-nanyue' };
  const legacyRuns = [run('自评表', 'H10', '', 5)];
  const earlierWorkbook = () => {
    const model = new FakeWorkbook();
    model.savedSettings.set(LEGACY_KEYS.settings, legacySettings);
    model.savedSettings.set(LEGACY_KEYS.lastRuns, legacyRuns);
    model.savedSettings.set('Office.AutoShowTaskpaneWithDocument', true);
    return model;
  };

  test('is read, before and after a refresh, while the workbook has no part', async () => {
    const { pane } = twoPages(earlierWorkbook());
    expect(pane.loadSettings().profileId).toBe('hunan-nanyue');
    expect(pane.loadLastRuns()).toEqual(legacyRuns);
    await pane.refreshSettings();
    expect(pane.loadSettings().profileId).toBe('hunan-nanyue');
    expect(pane.loadLastRuns()).toEqual(legacyRuns);
  });

  test('moves into the part with the first save of its kind, and its old key is dropped (other keys stay)', async () => {
    const { model, pane, ribbon } = twoPages(earlierWorkbook());
    await ribbon.saveLastRuns((saved) => withRun(saved, run('第二张', 'A1', '', 1)));
    expect(savedRuns(model)).toEqual([...legacyRuns, run('第二张', 'A1', '', 1)]);
    expect(model.savedSettings.has(LEGACY_KEYS.lastRuns)).toBe(false);
    expect(model.savedSettings.get(LEGACY_KEYS.settings)).toEqual(legacySettings);
    await pane.saveSettings({ ...pane.loadSettings(), keepExistingScores: true });
    expect(model.storedValue('settings')).toMatchObject({ profileId: 'hunan-nanyue', keepExistingScores: true });
    expect([...model.savedSettings.keys()]).toEqual(['Office.AutoShowTaskpaneWithDocument']);
    // the part wins over a page's stale copy of the old key
    await pane.refreshSettings();
    expect(pane.loadLastRuns()).toEqual([...legacyRuns, run('第二张', 'A1', '', 1)]);
  });

  test('a runs list emptied by undo stays empty: the old key does not come back', async () => {
    const { model, pane } = twoPages(earlierWorkbook());
    await pane.saveLastRuns((saved) => withoutRun(saved, '自评表'));
    expect(savedRuns(model)).toEqual([]);
    expect(partsOf(model, 'lastRuns')).toHaveLength(1);
    await pane.refreshSettings();
    expect(pane.loadLastRuns()).toEqual([]);
  });

  test('when dropping the old key fails, the save still succeeds', async () => {
    const { model, pane } = twoPages(earlierWorkbook());
    model.failSettingsSave = true;
    await pane.saveSettings({ ...DEFAULT_SETTINGS, profileId: 'yunnan' });
    expect(model.storedValue('settings')).toMatchObject({ profileId: 'yunnan' });
    await pane.refreshSettings();
    expect(pane.loadSettings().profileId).toBe('yunnan');
  });
});

describe("an undo record's look survives the document's settings, checked field by field", () => {
  const look = {
    bold: true,
    italic: false,
    fontColor: '#000000',
    fontSize: 12,
    fontName: '宋体',
    wrap: true,
    horizontal: 'Center',
    vertical: 'Bottom',
    borders: { top: 'Continuous Thin #000000', diagonalUp: 'None' },
  };
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
    const stored = model.storedValue('lastRuns') as { looks: unknown[]; cells: { look?: unknown }[] }[];
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
    ["a font size out of Excel's range", (r) => (r.cells[0].look.fontSize = 1000)],
    ['an empty font name', (r) => (r.cells[0].look.fontName = '')],
    ['a border that is not a line', (r) => ((r.cells[0].look.borders as Record<string, unknown>).top = 5)],
    ['a border of too many parts', (r) => (r.cells[0].look.borders.top = 'Continuous Thin #000000 extra')],
    ['a width of a column that is not one', (r) => ((r.columnWidths as Record<string, unknown>).k1 = 10)],
    ['a negative width', (r) => ((r.columnWidths as Record<string, unknown>).K = -1)],
    ['a width that is text', (r) => ((r.columnWidths as Record<string, unknown>).K = '10')],
    ['column widths that are a list', (r) => ((r as Record<string, unknown>).columnWidths = [10])],
    ['an empty print area', (r) => (r.printArea = '')],
    ['a print area that is not text', (r) => ((r as Record<string, unknown>).printArea = null)],
  ])("%s: the record is dropped whole (undo would leave part of the run's look)", (_, damage) => {
    const damaged = saved();
    damage(damaged);
    const other = { sheet: '其他表', cells: [{ address: 'H13', value: 1, numberFormat: 'General', fill: null }] };
    expect(sanitiseLastRuns(JSON.parse(JSON.stringify([damaged, other])))).toEqual([other]);
  });
});
