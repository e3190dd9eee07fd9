/**
 * Reading sheets that Excel refuses to read in one sync: more than 512 merged areas (the limit of
 * Range.getMergedAreasOrNullObject), and answers over the 5 MB response limit even in blocks.
 * The fake models both (test/helpers/fake-excel.ts); the Grid must still equal the .xlsx reader's.
 */
import { Workbook } from 'exceljs';
import { a1 } from '../../../src/engine/address';
import type { CellRange, Grid } from '../../../src/engine/grid';
import { createExcelHost } from '../../../src/office/excel/host';
import { CELLS_PER_BLOCK, MAX_READ_CELLS, MERGED_AREAS_LIMIT, MERGE_ROWS_PER_BLOCK } from '../../../src/office/excel/read';
import { HostError } from '../../../src/app/ports';
import { readWorkbookGrids } from '../../../src/xlsx/file';
import { gridFromRows, standardForm, type StandardRow } from '../../helpers/grid-builder';
import { FAKE_MERGED_AREAS_LIMIT, workbookFromGrid } from '../../helpers/fake-excel';
import { canonicalGrid, fakeExcelSession } from '../../helpers/fake-excel-session';

const use = fakeExcelSession();

const canonical = canonicalGrid;

function rows(count: number): StandardRow[] {
  return Array.from({ length: count }, (_, i) => ({
    level1: i === 0 ? '产出指标' : undefined,
    level2: i % 10 === 0 ? `二级指标${i / 10 + 1}` : undefined,
    level3: `指标${i + 1}`,
    target: '≥10人',
    actual: `${10 + (i % 5)}人`,
    note: i % 3 === 0 ? '偏差原因说明' : undefined,
  }));
}

/**
 * A long 自评表 merged as such forms are: the title rows, 一级指标 down the whole table, each
 * 二级指标 over its ten rows, and on every indicator row 偏差原因 over columns I:J.
 */
function mergedForm(count: number): Grid {
  const grid = standardForm(rows(count));
  const merges: CellRange[] = [
    { top: 1, left: 1, bottom: 1, right: 10 },
    { top: 2, left: 1, bottom: 2, right: 10 },
    { top: 10, left: 2, bottom: 9 + count, right: 2 },
  ];
  for (let i = 0; i < count; i += 10) merges.push({ top: 10 + i, left: 3, bottom: Math.min(9 + count, 19 + i), right: 3 });
  for (let i = 0; i < count; i++) merges.push({ top: 10 + i, left: 9, bottom: 10 + i, right: 10 });
  return { ...grid, merges };
}

/** The grid saved as .xlsx by exceljs and read back by the product's .xlsx reader. */
async function throughXlsx(grid: Grid): Promise<Grid> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(grid.sheet);
  grid.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell && cell.value !== null) sheet.getCell(a1(grid.top + r, grid.left + c)).value = cell.value;
    }),
  );
  for (const m of grid.merges) sheet.mergeCells(m.top, m.left, m.bottom, m.right);
  const [read] = await readWorkbookGrids(new Uint8Array(await workbook.xlsx.writeBuffer()));
  return read;
}

describe('more merged areas than Range.getMergedAreasOrNullObject can list', () => {
  test('the fake refuses a lookup over 512 areas, as Office documents', () => {
    expect(FAKE_MERGED_AREAS_LIMIT).toBe(MERGED_AREAS_LIMIT);
    expect(MERGED_AREAS_LIMIT).toBe(512);
  });

  test.each([false, true])(
    'a sheet with 1,500 merged rows reads to the same Grid as the .xlsx reader (areas listed by anchor only: %s)',
    async (anchoredOnly) => {
      const xlsx = await throughXlsx(mergedForm(1500));
      expect(xlsx.merges.length).toBeGreaterThan(1500);
      const fake = use(workbookFromGrid(xlsx));
      fake.mergedAreasAnchoredOnly = anchoredOnly;
      const snapshot = await createExcelHost().readActiveSheet();
      expect(canonical(snapshot.grid)).toEqual(canonical(xlsx));
      expect(snapshot.grid.merges).toHaveLength(xlsx.merges.length); // an area reaching into several blocks is listed once
      // the refused read; the size, protection and values; the merges, all blocks in one sync
      expect(fake.syncCount).toBe(3);
      expect(fake.batches[2].kinds.filter((k) => k === 'load')).toHaveLength(Math.ceil(snapshot.grid.cells.length / MERGE_ROWS_PER_BLOCK));
    },
  );

  test('an ordinary sheet (merges under the limit) is still read in one sync, merges with the values', async () => {
    const xlsx = await throughXlsx(mergedForm(400));
    expect(xlsx.merges.length).toBeLessThanOrEqual(MERGED_AREAS_LIMIT);
    const fake = use(workbookFromGrid(xlsx));
    const snapshot = await createExcelHost().readActiveSheet();
    expect(fake.syncCount).toBe(1);
    expect(canonical(snapshot.grid)).toEqual(canonical(xlsx));
  });

  test('more merges per row than a block allows: the blocks are halved until the lookups succeed', async () => {
    // eight columns, four merges on every row: 256 rows hold 1,024 areas, 128 rows 512
    const count = 1000;
    const grid = gridFromRows(
      Array.from({ length: count }, (_, r) => [`甲${r}`, undefined, `乙${r}`, undefined, `丙${r}`, undefined, `丁${r}`, undefined]),
      {
        merges: Array.from({ length: count }, (_, r) =>
          ['A', 'C', 'E', 'G'].map((c) => `${c}${r + 1}:${String.fromCharCode(c.charCodeAt(0) + 1)}${r + 1}`),
        ).flat(),
      },
    );
    const fake = use(workbookFromGrid(grid));
    const snapshot = await createExcelHost().readActiveSheet();
    expect(canonical(snapshot.grid)).toEqual(canonical(grid));
    expect(snapshot.grid.merges).toHaveLength(4 * count);
    // the refused read; size and values; merges in 256-row blocks refused; in 128-row blocks
    expect(fake.syncCount).toBe(4);
  });

  test('a sheet with many merges and too much data for one response: both fallbacks, one Grid', async () => {
    const xlsx = await throughXlsx(mergedForm(1500));
    const unlimited = use(workbookFromGrid(xlsx));
    unlimited.payloadLimit = Infinity;
    const expected = (await createExcelHost().readActiveSheet()).grid;
    const fake = use(workbookFromGrid(xlsx));
    fake.payloadLimit = 64 * 1024;
    const snapshot = await createExcelHost().readActiveSheet();
    expect(canonical(snapshot.grid)).toEqual(canonical(expected));
    expect(canonical(snapshot.grid)).toEqual(canonical(xlsx));
    // the one-sync read and the first attempt in parts refused; then merges and values in blocks
    const refused = fake.batches.filter((b) => b.responseBytes > fake.payloadLimit).length;
    expect(fake.syncCount - refused).toBeLessThan(30);
  });
});

describe('values blocks too large for one response', () => {
  const long = '实际完成值低于年度指标值，需在偏差原因分析及改进措施栏中说明原因和下一步的改进措施。'.repeat(4);

  function longTexts(count: number): Grid {
    return standardForm(Array.from({ length: count }, (_, i) => ({ level3: `指标${i + 1}`, target: '≥10人', actual: '12人', note: long })));
  }

  test('a block over the limit is halved and read again, to the same Grid', async () => {
    const grid = longTexts(3000);
    const unlimited = use(workbookFromGrid(grid));
    unlimited.payloadLimit = Infinity;
    const expected = (await createExcelHost().readActiveSheet()).grid;

    const fake = use(workbookFromGrid(grid));
    // a CELLS_PER_BLOCK block of these rows answers ~3.7 MB: under the lowered limit, a quarter of it fits
    fake.payloadLimit = 1024 * 1024;
    const snapshot = await createExcelHost().readActiveSheet();
    expect(canonical(snapshot.grid)).toEqual(canonical(expected));
    const refused = fake.batches.filter((b) => b.responseBytes > fake.payloadLimit);
    // the whole read, then the first block and its half; blocks after that keep the smaller size
    expect(refused).toHaveLength(3);
    const rowsPerBlock = Math.floor(CELLS_PER_BLOCK / 10) / 4;
    expect(fake.syncCount).toBe(2 + refused.length - 1 + Math.ceil(grid.cells.length / rowsPerBlock));
  });

  test('a single row over the limit: the retries stop, and the error says what to do', async () => {
    const fake = use(workbookFromGrid(longTexts(50)));
    fake.payloadLimit = 1024; // a row answers ~1.9 KB
    const error = await createExcelHost()
      .readActiveSheet()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).message).toContain('上限');
    // halving 2,000 rows down to one takes eleven refusals: bounded, not a loop
    expect(fake.syncCount).toBeLessThan(20);
  });
});

describe('a used range far larger than any table (stray content far away)', () => {
  test('is refused at once, naming the area and its far corner, instead of read in thousands of parts', async () => {
    const fake = use(workbookFromGrid(standardForm(rows(3))));
    fake.sheets[0].ensure(1_048_576, 16_384).value = 'x'; // typed into XFD1048576 by mistake
    const syncs = fake.syncCount;
    const failure = createExcelHost().readActiveSheet();
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toThrow(/有内容的区域为 A1:XFD1048576.*最远处在 XFD1048576 一带.*请删除表格以外多余的行列中的内容/);
    // the one read (whose merge lookup over a million rows fails), and the size read before any block
    expect(fake.syncCount - syncs).toBeLessThanOrEqual(2);
  });

  test(`a large sheet under ${MAX_READ_CELLS.toLocaleString('en')} cells is still read`, async () => {
    const fake = use(workbookFromGrid(standardForm(rows(3))));
    fake.sheets[0].ensure(2_000, 30).value = 'x';
    const { grid } = await createExcelHost().readActiveSheet();
    expect(grid.top + grid.cells.length - 1).toBe(2_000);
  });
});
