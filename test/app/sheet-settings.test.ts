/**
 * Judgements and table choices follow a renamed sheet, and a new sheet given an old sheet's name
 * does not inherit them (issue 11, item 6): Excel's Worksheet.id is saved beside the names.
 */
import { DEFAULT_SETTINGS, previewSheet } from '../../src/app/scoring-run';
import { settingsForSheet } from '../../src/app/sheet-settings';
import { createExcelHost } from '../../src/hosts/excel';
import { sanitiseSettings } from '../../src/hosts/settings-format';
import type { WorkbookSettings } from '../../src/hosts/workbook-host';
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
    expect(settingsForSheet(settings, '自评表', 'A')).toBe(settings);
  });

  test('a renamed sheet takes what was saved under its old name', () => {
    const moved = settingsForSheet(judged('自评表', 'A'), '2024年自评表', 'A');
    expect(moved.judgements).toEqual({ '2024年自评表': { 10: { tier: 'achieved' } } });
    expect(moved.tableRows).toEqual({ '2024年自评表': 9 });
    expect(moved.sheetIds).toEqual({ '2024年自评表': 'A' });
  });

  test('a new sheet given an old sheet\'s name does not inherit its entries', () => {
    const fresh = settingsForSheet(judged('自评表', 'A'), '自评表', 'B');
    expect(fresh.judgements).toEqual({});
    expect(fresh.tableRows).toEqual({});
  });

  test('settings saved before ids were kept, the command line and the Word pane go by name', () => {
    const old = judged('自评表');
    expect(settingsForSheet(old, '自评表', 'A').judgements).toEqual(old.judgements);
    expect(settingsForSheet(old, '自评表', undefined)).toBe(old);
  });

  test('the ids survive the settings round trip; damaged ones are dropped', () => {
    expect(sanitiseSettings({ sheetIds: { 自评表: 'A', 坏: 7, 空: '' } }).sheetIds).toEqual({ 自评表: 'A' });
  });
});

describe('in Excel (the fake models Worksheet.id: it stays the same when the sheet is renamed)', () => {
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
    const settings = settingsForSheet({ ...DEFAULT_SETTINGS, judgements: { 自评表: { 10: { tier: 'achieved' } } } }, '自评表', before.sheetId);
    fake.sheets[0].name = '2024年度';
    const after = await host.readActiveSheet();
    const outcome = previewSheet(after, settings);
    expect(outcome.ok && outcome.evaluation.indicators[0]).toMatchObject({ status: 'met', score: 45 });
  });

  test('a new sheet with the old name does not inherit it', async () => {
    const fake = use(workbookFromGrid(form()));
    const host = createExcelHost();
    const first = await host.readActiveSheet();
    const settings = settingsForSheet({ ...DEFAULT_SETTINGS, judgements: { 自评表: { 10: { tier: 'achieved' } } } }, '自评表', first.sheetId);
    const other = workbookFromGrid(form()).sheets[0]; // another sheet, another id, the same name
    fake.sheets[0] = other;
    const again = await host.readActiveSheet();
    expect(again.sheetId).not.toBe(first.sheetId);
    const outcome = previewSheet(again, settings);
    expect(outcome.ok && outcome.evaluation.indicators[0].status).toBe('needs-judgement');
  });
});
