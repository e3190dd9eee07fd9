/**
 * Sheets whose used range is huge or odd: a stray cell at the sheet's last cell, merges over the
 * whole sheet or a whole column, thousands of merges, 125,000 rows. The engine works on the
 * table's own extent and the cells that exist, so none of these changes the results or takes
 * long (speed is measured by `npm run bench`, not asserted here).
 */
import { gridAfterPlan } from '../../src/app/grid-after-plan';
import { parseRange } from '../../src/engine/address';
import { evaluateGrid } from '../../src/engine/evaluate';
import { cellAt, mergeLookup, normaliseMerges, type CellRange, type Grid } from '../../src/engine/grid';
import { gridFromRows, seedForm, withCellsAt, withMerges, type CellSpec } from '../helpers/grid-builder';

const LAST_ROW = 1_048_576;

/**
 * A merged area that counts how often its corners are read. Walking a merge's area reads them
 * once per covered cell (a million times for a whole column); looking it up by rectangle, a few.
 */
function watchedMerge(range: string): { merge: CellRange; reads: () => number } {
  let reads = 0;
  const merge = {} as CellRange;
  for (const [corner, value] of Object.entries(parseRange(range))) {
    Object.defineProperty(merge, corner, { enumerable: true, get: () => (reads++, value) });
  }
  return { merge, reads: () => reads };
}

describe('a far-away cell stretches nothing', () => {
  test('one cell at XFD1048576: the same outcome as without it', () => {
    const seed = seedForm();
    const far = withCellsAt(seed, { XFD1048576: 'x' });
    expect(far.cells).toHaveLength(LAST_ROW);
    expect(evaluateGrid(far)).toEqual(evaluateGrid(seed));
  });

  test('a sheet 125,000 rows tall, every row filled: the same outcome as the table alone', () => {
    const seed = seedForm();
    const filler: Record<string, CellSpec> = {};
    for (let row = 40; row < 125_040; row++) filler[`A${row}`] = row;
    const tall = withCellsAt(seed, filler);
    expect(tall.cells.length).toBeGreaterThan(125_000);
    expect(evaluateGrid(tall)).toEqual(evaluateGrid(seed));
  });
});

describe('huge and numerous merges', () => {
  test('a whole-sheet merge over the table hides it, as Excel shows it: only A1 is read', () => {
    const merged = withMerges(withCellsAt(seedForm(), { XFD1048576: 'x' }), ['A1:XFD1048576']);
    const onlyA1 = gridFromRows([[cellAt(seedForm(), 1, 1).value]]);
    expect(evaluateGrid(merged)).toEqual(evaluateGrid(onlyA1));
  });

  test.each(['A1:XFD1048576', 'A1:A1048576', 'L1:L1048576'])('%s is never walked cell by cell', (range) => {
    const { merge, reads } = watchedMerge(range);
    const seed = seedForm();
    evaluateGrid({ ...seed, merges: [merge] });
    expect(reads()).toBeLessThan(10_000);
  });

  test('a whole-column merge A1:A1048576 acts as a merge over the table rows only', () => {
    const seed = seedForm();
    const column = evaluateGrid(withMerges(seed, ['A1:A1048576']));
    const tableRowsOnly = evaluateGrid(withMerges(seed, [`A1:A${seed.cells.length}`]));
    expect(column).toEqual(tableRowsOnly);
    // Column A holds labels only: the nine indicators are still scored.
    expect(column.ok && column.evaluation.indicators).toHaveLength(9);
  });

  test('10,000 small merges below the table: the same outcome as without them', () => {
    const seed = seedForm();
    const anchors: Record<string, CellSpec> = {};
    const repeated: Record<string, CellSpec> = {};
    const ranges: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const row = 30 + 2 * i;
      ranges.push(`A${row}:C${row + 1}`);
      anchors[`A${row}`] = i;
      // exceljs repeats the anchor's value into the covered cells; the engine reads them as empty.
      for (const covered of [`B${row}`, `C${row}`, `A${row + 1}`, `B${row + 1}`, `C${row + 1}`]) repeated[covered] = i;
    }
    const merged = withMerges(withCellsAt(seed, { ...anchors, ...repeated }), ranges);
    expect(evaluateGrid(merged)).toEqual(evaluateGrid(withCellsAt(seed, anchors)));
  });
});

describe('merges are looked up by rectangle, never expanded', () => {
  const grid = withMerges(gridFromRows([['a']]), ['A1:XFD1', 'B2:B1048576', 'C3:D4']);

  /** The merge holding a cell, by scanning them all: what mergeLookup must agree with. */
  const scan = (g: Grid, row: number, col: number) => g.merges.find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);

  test('mergeLookup finds the merge holding a cell, anywhere in it', () => {
    const find = mergeLookup(grid);
    expect(find(1, 16_384)).toEqual({ top: 1, left: 1, bottom: 1, right: 16_384 });
    expect(find(LAST_ROW, 2)).toEqual({ top: 2, left: 2, bottom: LAST_ROW, right: 2 });
    expect(find(4, 4)).toEqual({ top: 3, left: 3, bottom: 4, right: 4 });
    expect(find(2, 1)).toBeUndefined();
    expect(find(5, 3)).toBeUndefined();
    expect(mergeLookup(gridFromRows([['a']]))(1, 1)).toBeUndefined();
  });

  test('mergeLookup agrees with a scan of the merges on 10,000 merges', () => {
    const ranges: string[] = ['A1:A1048576', 'Z40:AB20000'];
    for (let i = 0; i < 10_000; i++) ranges.push(`B${10 + 3 * i}:${i % 2 ? 'C' : 'E'}${11 + 3 * i}`);
    const many = withMerges(gridFromRows([['a']]), ranges);
    const lookup = mergeLookup(many);
    const found: (CellRange | undefined)[] = [];
    const scanned: (CellRange | undefined)[] = [];
    for (let row = 1; row < 30_100; row += 29) {
      for (const col of [1, 2, 3, 5, 6, 27, 28]) {
        found.push(lookup(row, col));
        scanned.push(scan(many, row, col));
      }
    }
    expect(found).toEqual(scanned);
    expect(found.filter(Boolean).length).toBeGreaterThan(found.length / 2);
  });

  test('normaliseMerges clears covered cells of a whole-sheet merge and leaves the input as it was', () => {
    const sparse: Grid = withMerges(withCellsAt(gridFromRows([['anchor', 'covered']]), { XFD1048576: 'far' }), ['A1:XFD1048576']);
    const before = sparse.cells[0].slice();
    const normal = normaliseMerges(sparse);
    expect(cellAt(normal, 1, 1).value).toBe('anchor');
    expect(cellAt(normal, 1, 2).value).toBeNull();
    expect(cellAt(normal, LAST_ROW, 16_384).value).toBeNull();
    expect(sparse.cells[0]).toEqual(before);
    expect(cellAt(sparse, LAST_ROW, 16_384).value).toBe('far');
  });
});

test('the sheet after a plan copies only the rows written to', () => {
  const far = withCellsAt(seedForm(), { XFD1048576: 'x' });
  const outcome = evaluateGrid(far);
  if (!outcome.ok) throw new Error(outcome.message);
  const after = gridAfterPlan(far, outcome.plan);
  expect(cellAt(after, 10, 8).value).toBe(outcome.evaluation.indicators[0].score);
  expect(after.cells[100]).toBe(far.cells[100]);
  expect(cellAt(far, 10, 8).value).toBeNull();
});
