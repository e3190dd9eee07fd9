/**
 * Judgements and table choices follow a renamed sheet, and a new sheet given an old sheet's name
 * does not inherit them (issue 11, item 6): Excel's Worksheet.id is saved beside the names.
 */
import { DEFAULT_SETTINGS, previewSheet } from '../../src/app/scoring-run';
import { parkedName, settingsForSheet } from '../../src/app/sheet-settings';
import { createExcelHost } from '../../src/office/excel/host';
import { sanitiseSettings } from '../../src/app/settings';
import type { WorkbookSettings } from '../../src/app/ports';
import { workbookFromGrid } from '../helpers/fake-excel';
import { fakeExcelSession } from '../helpers/fake-excel-session';
import { standardForm } from '../helpers/grid-builder';

const use = fakeExcelSession();

const judged = (sheet: string, id?: string): WorkbookSettings => ({
  ...DEFAULT_SETTINGS,
  judgements: { [sheet]: { 10: { tier: 'achieved' } } },
  tableRows: { [sheet]: 9 },
  ...(id ? { sheetIds: { [sheet]: id } } : {}),
});

describe('settingsForSheet', () => {
  test('the same sheet under the same name: the same settings object', () => {
    const settings = judged('自评表', 'A');
    expect(settingsForSheet(settings, '自评表', { sheetId: 'A' })).toBe(settings);
  });

  test('a sheet renamed in this session (its old name gone, the same id) takes what was saved under its old name', () => {
    const moved = settingsForSheet(judged('自评表', 'A'), '2024年自评表', { sheetId: 'A', sheetNames: ['2024年自评表'] });
    expect(moved.judgements).toEqual({ '2024年自评表': { 10: { tier: 'achieved' } } });
    expect(moved.tableRows).toEqual({ '2024年自评表': 9 });
    expect(moved.sheetIds).toEqual({ '2024年自评表': 'A' });
  });

  test("what is saved under the sheet's name stays its own, whatever the ids (Excel changes them when the workbook is reopened)", () => {
    const reopened = settingsForSheet(judged('自评表', 'A'), '自评表', { sheetId: 'B', sheetNames: ['自评表'] });
    expect(reopened.judgements).toEqual(judged('自评表').judgements);
    expect(reopened.sheetIds).toEqual({ 自评表: 'B' });
  });

  test('entries of a sheet that still exists never move to another sheet that has its old id', () => {
    const other = settingsForSheet(judged('自评表', 'A'), '说明', { sheetId: 'A', sheetNames: ['自评表', '说明'] });
    expect(other.judgements).toEqual(judged('自评表').judgements);
    expect(settingsForSheet(judged('自评表', 'A'), '新表', { sheetId: 'A' }).judgements).toEqual(judged('自评表').judgements);
  });

  test('settings saved before ids were kept, the command line and the Word pane go by name', () => {
    const old = judged('自评表');
    expect(settingsForSheet(old, '自评表', { sheetId: 'A' }).judgements).toEqual(old.judgements);
    expect(settingsForSheet(old, '自评表')).toBe(old);
  });

  test('the ids and keys survive the settings round trip; damaged ones are dropped', () => {
    expect(sanitiseSettings({ sheetIds: { 自评表: 'A', 坏: 7, 空: '' } }).sheetIds).toEqual({ 自评表: 'A' });
    expect(sanitiseSettings({ sheetKeys: { 自评表: 'k1', 坏: 7 } }).sheetKeys).toEqual({ 自评表: 'k1' });
  });
});

describe("settingsForSheet with the add-in's sheet key (kept in the workbook, the same across sessions)", () => {
  const keyed = (sheet: string, key: string): WorkbookSettings => ({ ...judged(sheet), sheetKeys: { [sheet]: key } });

  test('renamed in an earlier session (ids changed since, the old name gone): the entries follow the key', () => {
    const moved = settingsForSheet(keyed('自评表', 'k1'), '2024年自评表', { sheetId: 'X', sheetKey: 'k1', sheetNames: ['2024年自评表'] });
    expect(moved.judgements).toEqual({ '2024年自评表': judged('x').judgements.x });
    expect(moved.tableRows).toEqual({ '2024年自评表': 9 });
    expect(moved.sheetKeys).toEqual({ '2024年自评表': 'k1' });
  });

  test('another sheet given the old name (no key, or another) does not inherit them; they wait, parked, for their sheet', () => {
    const fresh = settingsForSheet(keyed('自评表', 'k1'), '自评表', { sheetId: 'Y', sheetNames: ['自评表', '改名后'] });
    expect(fresh.judgements['自评表']).toBeUndefined();
    expect(fresh.tableRows['自评表']).toBeUndefined();
    expect(fresh.judgements[parkedName('自评表', 'k1')]).toEqual(judged('x').judgements.x);
    // the keyed sheet, shown later under its new name, takes them back
    const back = settingsForSheet(fresh, '改名后', { sheetId: 'Z', sheetKey: 'k1', sheetNames: ['自评表', '改名后'] });
    expect(back.judgements['改名后']).toEqual(judged('x').judgements.x);
    expect(back.judgements[parkedName('自评表', 'k1')]).toBeUndefined();
    expect(settingsForSheet(keyed('自评表', 'k1'), '自评表', { sheetKey: 'k2' }).judgements['自评表']).toBeUndefined();
  });

  test('entries saved before the sheet had a key are its own, and take its key', () => {
    const adopted = settingsForSheet(judged('自评表', 'A'), '自评表', { sheetId: 'B', sheetKey: 'k1', sheetNames: ['自评表'] });
    expect(adopted.judgements).toEqual(judged('自评表').judgements);
    expect(adopted.sheetKeys).toEqual({ 自评表: 'k1' });
  });

  test("a parked name can be no sheet's name", () => {
    expect(parkedName('自评表', 'k1')).toMatch(/[[\]]/);
  });
});

describe('in Excel (the fake models Worksheet.id: the same when the sheet is renamed, another when the workbook is reopened)', () => {
  const form = () =>
    standardForm([
      { level1: '效益指标', level2: '社会效益指标', level3: '群众出行条件', target: '明显改善', actual: '有所改善', weight: 45 },
      { level1: '效益指标', level2: '社会效益指标', level3: '服务水平', target: '显著提升', actual: '良好', weight: 45 },
    ]);

  test('a judgement made on a sheet still applies after the sheet is renamed', async () => {
    const fake = use(workbookFromGrid(form()));
    const host = createExcelHost();
    const before = await host.readActiveSheet();
    expect(before.sheetId).toBe(fake.sheets[0].id);
    const settings = settingsForSheet({ ...DEFAULT_SETTINGS, judgements: { 自评表: { 10: { tier: 'achieved' } } } }, '自评表', before);
    fake.sheets[0].name = '2024年度';
    const after = await host.readActiveSheet();
    const outcome = previewSheet(after, settings);
    expect(outcome.ok && outcome.evaluation.indicators[0]).toMatchObject({ status: 'met', score: 45 });
  });

  test('the workbook reopened, its sheets given new ids: the judgement still applies by name', async () => {
    const fake = use(workbookFromGrid(form()));
    const host = createExcelHost();
    const first = await host.readActiveSheet();
    const settings = settingsForSheet({ ...DEFAULT_SETTINGS, judgements: { 自评表: { 10: { tier: 'achieved' } } } }, '自评表', first);
    (fake.sheets[0] as { id: string }).id = '{00000000-0001-0000-0000-000000000000}';
    const again = await host.readActiveSheet();
    expect(again.sheetId).not.toBe(first.sheetId);
    const outcome = previewSheet(again, settings);
    expect(outcome.ok && outcome.evaluation.indicators[0]).toMatchObject({ status: 'met', score: 45 });
  });
});
