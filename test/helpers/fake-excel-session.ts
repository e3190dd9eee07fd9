/**
 * One fake Excel per test: `use(model)` installs it as the global Office/Excel, and it is removed
 * after each test. Also the comparable form of a Grid, for "same Grid as the .xlsx reader" checks.
 */
import { normaliseMerges, type CellRange, type Grid } from '../../src/engine/grid';
import { createFakeOffice, installFakeOffice, type FakeWorkbook } from './fake-excel';

export interface FakeExcelSession {
  (model: FakeWorkbook): FakeWorkbook;
  /** Remove the fake now, as outside Office. */
  end(): void;
}

export function fakeExcelSession(): FakeExcelSession {
  let uninstall: (() => void) | undefined;
  const end = () => {
    uninstall?.();
    uninstall = undefined;
  };
  afterEach(end);
  const use = (model: FakeWorkbook) => {
    end();
    uninstall = installFakeOffice(createFakeOffice(model));
    return model;
  };
  return Object.assign(use, { end });
}

export const byPosition = (a: CellRange, b: CellRange) => a.top - b.top || a.left - b.left || a.bottom - b.bottom || a.right - b.right;

/** Merges normalised and in a fixed order: Excel may list them in another order than the file. */
export function canonicalGrid(grid: Grid): Grid {
  const normal = normaliseMerges(grid);
  return { ...normal, merges: [...normal.merges].sort(byPosition) };
}
