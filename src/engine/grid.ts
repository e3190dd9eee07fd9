/**
 * A rectangle of cells read from one sheet. Both hosts (Office.js Excel and the .xlsx reader)
 * produce the same Grid for the same sheet, so everything downstream is host-agnostic.
 */

export type CellValue = number | string | boolean | null;

export interface GridCell {
  /** Raw value: a number, a string, a boolean or null. Dates arrive as Excel serial numbers. */
  value: CellValue;
  /** The text Excel displays for the cell (e.g. "96.2%" for 0.962 in a percent format). */
  text: string;
  /** Number format code ("General", "0.0%", …). */
  format: string;
  /** The formula without "=", when the cell holds one. `value` is then its cached result (or null). */
  formula?: string;
  /** Error code ("#DIV/0!") when the cell holds an error value. */
  error?: string;
}

/** A merged area, 1-based inclusive sheet coordinates. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  sheet: string;
  /** 1-based sheet row and column of cells[0][0]. */
  top: number;
  left: number;
  /** cells[r][c] is the cell at sheet row top + r, column left + c; undefined when empty. */
  cells: (GridCell | undefined)[][];
  merges: CellRange[];
}

export const EMPTY_CELL: GridCell = Object.freeze({ value: null, text: '', format: 'General' }) as GridCell;

export function gridRowCount(grid: Grid): number {
  return grid.cells.length;
}

export function gridColumnCount(grid: Grid): number {
  let widest = 0;
  for (const row of grid.cells) if (row.length > widest) widest = row.length;
  return widest;
}

/** The cell at 1-based sheet coordinates, EMPTY_CELL outside the grid. */
export function cellAt(grid: Grid, row: number, col: number): GridCell {
  return grid.cells[row - grid.top]?.[col - grid.left] ?? EMPTY_CELL;
}

/**
 * Leave the value only in each merge's anchor (top-left) cell. exceljs repeats the anchor's value
 * into every merged cell while Excel's API leaves them empty; after this both look like Excel.
 */
export function normaliseMerges(grid: Grid): Grid {
  if (grid.merges.length === 0) return grid;
  // Copy only the rows a merge touches: large sheets have few merges, all near the top.
  const cells = grid.cells.slice();
  for (const m of grid.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const original = cells[r - grid.top];
      if (!original) continue;
      const line = original === grid.cells[r - grid.top] ? original.slice() : original;
      cells[r - grid.top] = line;
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        if (c - grid.left < line.length) line[c - grid.left] = undefined;
      }
    }
  }
  return { ...grid, cells };
}

/** Index of merges by the cells they cover, for "which merge is this cell in" lookups. */
export function mergeIndex(grid: Grid): Map<string, CellRange> {
  const index = new Map<string, CellRange>();
  for (const m of grid.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) index.set(`${r}:${c}`, m);
    }
  }
  return index;
}
