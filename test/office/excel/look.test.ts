/**
 * Issue 9 in the Excel add-in: the host applies the look the write plan asks for with Office.js
 * (Range.copyFrom "Formats", format.wrapText, format.columnWidth, pageLayout's print area), in the
 * same batch as the writes; widening a print area the sheet has costs one more sync, only then.
 */
import { evaluateGrid } from '../../../src/engine/evaluate';
import type { WritePlan } from '../../../src/engine/write-plan';
import { createExcelHost } from '../../../src/office/excel/host';
import { columnWidthPoints } from '../../../src/office/excel/write';
import { standardForm, type StandardRow } from '../../helpers/grid-builder';
import { workbookFromGrid, type FakeSheet } from '../../helpers/fake-excel';
import { fakeExcelSession } from '../../helpers/fake-excel-session';

const use = fakeExcelSession();

const ROWS: StandardRow[] = [
  { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 40 },
  { level1: '产出指标', level2: '质量指标', level3: '合格率', target: '≥90%', actual: '95%', weight: 20 },
  { level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: '≥90%', actual: '200%', weight: 20 },
  { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '92%', weight: 10 },
];
const ALL_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

/** The standard form as a unit draws it: a bold, bordered header row, bordered cells (rows 9–14, A–J). */
function drawnForm(sheet: FakeSheet): void {
  for (let row = 9; row <= 14; row++) {
    for (let col = 1; col <= 10; col++) {
      const cell = sheet.ensure(row, col);
      cell.style = { borders: [...ALL_EDGES], ...(row === 9 ? { bold: true, horizontalAlignment: 'Center' } : {}) };
    }
  }
}

async function scoreOnFake(setUp: (sheet: FakeSheet) => void = drawnForm): Promise<{ sheet: FakeSheet; plan: WritePlan; syncs: number }> {
  const model = use(workbookFromGrid(standardForm(ROWS)));
  setUp(model.sheets[0]);
  const host = createExcelHost();
  const snapshot = await host.readActiveSheet();
  const outcome = evaluateGrid(snapshot.grid);
  if (!outcome.ok) throw new Error(outcome.message);
  const before = model.syncCount;
  await host.applyPlan(outcome.plan);
  return { sheet: model.sheets[0], plan: outcome.plan, syncs: model.syncCount - before };
}

describe('the add-in writes the added column looking like the form', () => {
  test('the 偏差标记 header is bold, centred and bordered like its neighbours; flags bordered, wrapped, still coloured; one sync', async () => {
    const { sheet, plan, syncs } = await scoreOnFake();
    expect(syncs).toBe(1);
    const header = sheet.cell(9, 11);
    expect(header?.value).toBe('偏差标记');
    expect(header?.style).toMatchObject({ bold: true, horizontalAlignment: 'Center', wrap: true });
    expect(header?.style?.borders?.sort()).toEqual([...ALL_EDGES].sort());
    for (const flag of plan.writes.filter((w) => w.role === 'flag')) {
      const row = Number(flag.address.slice(1));
      const cell = sheet.cell(row, 11);
      expect(cell?.style?.borders?.sort()).toEqual([...ALL_EDGES].sort());
      expect(cell?.style?.wrap).toBe(true);
      expect(cell?.style?.bold).toBeUndefined();
      expect(cell?.fill).not.toBeNull(); // the traffic light is applied after the copied formats
    }
    const grade = sheet.cell(14, 11);
    expect(String(grade?.value)).toMatch(/^等级：/);
  });

  test("the column gets the plan's width, in points", async () => {
    const { sheet, plan } = await scoreOnFake();
    const width = plan.columnWidths?.find((c) => c.col === 11)?.width as number;
    expect(width).toBeGreaterThan(8);
    expect(sheet.columnWidths.get(11)).toBe(columnWidthPoints(width));
    expect(columnWidthPoints(10)).toBe(52.5); // 70 pixels, as a stored <col width="10"> shows
  });

  test('a print area the sheet has is widened to the added column (one more sync); none is set where there was none', async () => {
    const withArea = await scoreOnFake((sheet) => {
      drawnForm(sheet);
      sheet.printArea = [{ top: 1, left: 1, bottom: 14, right: 10 }];
    });
    expect(withArea.sheet.printArea).toEqual([{ top: 1, left: 1, bottom: 14, right: 11 }]);
    expect(withArea.syncs).toBe(2);

    const without = await scoreOnFake();
    expect(without.sheet.printArea).toEqual([]);
    expect(without.syncs).toBe(1);
  });

  test('a print area already taking in the added column is left as it is, at no extra sync', async () => {
    const { sheet, syncs } = await scoreOnFake((s) => {
      drawnForm(s);
      s.printArea = [{ top: 1, left: 1, bottom: 40, right: 12 }];
    });
    expect(sheet.printArea).toEqual([{ top: 1, left: 1, bottom: 40, right: 12 }]);
    expect(syncs).toBe(1);
  });
});
