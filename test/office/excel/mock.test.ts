/**
 * readActiveSheet against office-addin-mock, Microsoft's own Office.js mock: every property the
 * host reads must have been loaded (the mock answers "Error, property was not loaded" otherwise),
 * and it must be read only after the sync.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { createExcelHost } from '../../../src/office/excel/host';

const NOT_LOADED = 'Error, property was not loaded';

function mockWorkbook() {
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        active: {
          name: '自评表',
          id: '{00000000-0001-0000-0000-000000000000}',
          protection: { protected: false },
          keyProperty: { value: '0123456789abcdef0123456789abcdef' },
          used: {
            values: [
              ['项目支出绩效自评表', '', ''],
              ['三级指标', '年度指标值', '执行率'],
              ['培训人数', '≥100人', 0.9016],
            ],
            text: [
              ['项目支出绩效自评表', '', ''],
              ['三级指标', '年度指标值', '执行率'],
              ['培训人数', '≥100人', '90.16%'],
            ],
            numberFormat: [
              ['General', 'General', 'General'],
              ['General', 'General', 'General'],
              ['General', 'General', '0.00%'],
            ],
            formulas: [
              ['项目支出绩效自评表', '', ''],
              ['三级指标', '年度指标值', '执行率'],
              ['培训人数', '≥100人', '=G6/F6'],
            ],
            valueTypes: [
              ['String', 'Empty', 'Empty'],
              ['String', 'String', 'String'],
              ['String', 'String', 'Double'],
            ],
            rowIndex: 1,
            columnIndex: 0,
            rowCount: 3,
            columnCount: 3,
          },
          whole: { merged: { address: '自评表!A2:C2' } },
        },
      },
    },
  });
  const sheets = context.workbook.worksheets;
  const sheet = sheets.active;
  // Methods return the mock objects above. isNullObject needs no load in Office.js, so it is a
  // plain property here (the mock would report it "not loaded" otherwise).
  sheets.getActiveWorksheet = () => sheet;
  // The mock cannot load a collection's items by path ("items/name"): the sheet list is given as loaded.
  sheets.load = () => sheets;
  sheets.items = [{ name: '说明' }, { name: '自评表' }];
  // customProperties.getItemOrNullObject(key) gives the sheet's key property
  sheet.customProperties = { getItemOrNullObject: () => sheet.keyProperty };
  sheet.keyProperty.isNullObject = false;
  sheet.getUsedRangeOrNullObject = () => sheet.used;
  sheet.getUsedRange = () => sheet.whole;
  sheet.whole.getMergedAreasOrNullObject = () => sheet.whole.merged;
  sheet.used.isNullObject = false;
  sheet.whole.merged.isNullObject = false;
  return context;
}

test('readActiveSheet loads every property it reads, and one sync is enough', async () => {
  const context = mockWorkbook();
  let syncs = 0;
  const mockSync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    await mockSync();
    // the mock updates nested objects a few microtasks after its sync resolves
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const g = globalThis as unknown as Record<string, unknown>;
  const previous = g.Excel;
  g.Excel = { run: async (batch: (ctx: unknown) => Promise<unknown>) => batch(context) };
  try {
    const snapshot = await createExcelHost().readActiveSheet();
    expect(syncs).toBe(1);
    expect(JSON.stringify(snapshot)).not.toContain(NOT_LOADED);
    expect(snapshot).toEqual({
      protected: false,
      sheetId: '{00000000-0001-0000-0000-000000000000}',
      sheetNames: ['说明', '自评表'],
      sheetKey: '0123456789abcdef0123456789abcdef',
      grid: {
        sheet: '自评表',
        top: 2,
        left: 1,
        merges: [{ top: 2, left: 1, bottom: 2, right: 3 }],
        cells: [
          [{ value: '项目支出绩效自评表', text: '项目支出绩效自评表', format: 'General' }, undefined, undefined],
          [
            { value: '三级指标', text: '三级指标', format: 'General' },
            { value: '年度指标值', text: '年度指标值', format: 'General' },
            { value: '执行率', text: '执行率', format: 'General' },
          ],
          [
            { value: '培训人数', text: '培训人数', format: 'General' },
            { value: '≥100人', text: '≥100人', format: 'General' },
            { value: 0.9016, text: '90.16%', format: '0.00%', formula: 'G6/F6' },
          ],
        ],
      },
    });
  } finally {
    g.Excel = previous;
  }
});
