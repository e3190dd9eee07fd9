/**
 * A rectangle of cells read from one sheet. Both hosts (Office.js Excel and the .xlsx reader)
 * produce the same Grid for the same sheet, so everything downstream is host-agnostic.
 */

import { firstAtLeast } from './sorted';

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
  /** Hidden in Excel (a template or a code list kept out of sight): no sheet to score first. */
  hidden?: boolean;
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

/** Offsets (sheet row − top) of the rows that hold anything, ascending: most rows of a huge used range hold nothing. */
function filledRowOffsets(grid: Grid): number[] {
  const filled: number[] = [];
  const { cells } = grid;
  for (let r = 0; r < cells.length; r++) if (cells[r]?.length) filled.push(r);
  return filled;
}

/**
 * Leave the value only in each merge's anchor (top-left) cell. exceljs repeats the anchor's value
 * into every merged cell while Excel's API leaves them empty; after this both look like Excel.
 * A merge is visited only on the rows that hold cells and only as far as those rows reach, so a
 * whole-sheet merge over a small table costs the table, not the 17 billion cells it spans.
 */
export function normaliseMerges(grid: Grid): Grid {
  if (grid.merges.length === 0) return grid;
  const filled = filledRowOffsets(grid);
  // Rows are copied when a cell in them is cleared, never before: the input stays as it was.
  let cells: Grid['cells'] | undefined;
  const copied = new Set<number>();
  for (const m of grid.merges) {
    const anchorRow = m.top - grid.top;
    const anchorCol = m.left - grid.left;
    const lastRow = m.bottom - grid.top;
    const fromCol = Math.max(anchorCol, 0);
    for (let k = firstAtLeast(filled, anchorRow); k < filled.length && filled[k] <= lastRow; k++) {
      const r = filled[k];
      const line = (cells ?? grid.cells)[r];
      const toCol = Math.min(m.right - grid.left, line.length - 1);
      for (let c = fromCol; c <= toCol; c++) {
        if (line[c] === undefined || (r === anchorRow && c === anchorCol)) continue;
        cells ??= grid.cells.slice();
        if (!copied.has(r)) {
          cells[r] = cells[r].slice();
          copied.add(r);
        }
        cells[r][c] = undefined;
      }
    }
  }
  return cells ? { ...grid, cells } : grid;
}

/**
 * Which merge holds a cell, answered from the merges' rectangles: an interval tree over their
 * rows, so the cost follows the number of merges, never their area (a whole-column merge spans
 * a million cells). Each node holds the merges that cross its centre row, sorted both ways; a
 * handful of merges is simply a list, scanned.
 */
type MergeTree = MergeNode | readonly CellRange[];

interface MergeNode {
  center: number;
  /** Merges crossing `center`, by top ascending, and the same by bottom descending. */
  byTop: CellRange[];
  byBottom: CellRange[];
  /** Merges wholly above and wholly below `center`. */
  above: MergeTree;
  below: MergeTree;
}

/** Below this many merges a list scans faster than a node is built. */
const MERGES_PER_LEAF = 16;

/** `merges` sorted by top; every split keeps that order, so the tree is built in n·log n. */
function buildMergeTree(merges: readonly CellRange[]): MergeTree {
  if (merges.length <= MERGES_PER_LEAF) return merges;
  // The median top: at least one merge crosses it, and at most half of the rest lie on each side.
  const center = merges[merges.length >>> 1].top;
  const crossing: CellRange[] = [];
  const above: CellRange[] = [];
  const below: CellRange[] = [];
  for (const m of merges) {
    if (m.bottom < center) above.push(m);
    else if (m.top > center) below.push(m);
    else crossing.push(m);
  }
  return {
    center,
    byTop: crossing,
    byBottom: crossing.slice().sort((a, b) => b.bottom - a.bottom),
    above: buildMergeTree(above),
    below: buildMergeTree(below),
  };
}

function holds(m: CellRange, col: number): boolean {
  return m.left <= col && col <= m.right;
}

function isLeaf(tree: MergeTree): tree is readonly CellRange[] {
  return Array.isArray(tree);
}

function findMerge(tree: MergeTree, row: number, col: number): CellRange | undefined {
  let node = tree;
  while (!isLeaf(node)) {
    if (row === node.center) return node.byTop.find((m) => holds(m, col));
    if (row < node.center) {
      for (const m of node.byTop) {
        if (m.top > row) break;
        if (holds(m, col)) return m;
      }
      node = node.above;
    } else {
      for (const m of node.byBottom) {
        if (m.bottom < row) break;
        if (holds(m, col)) return m;
      }
      node = node.below;
    }
  }
  for (const m of node) if (m.top <= row && row <= m.bottom && holds(m, col)) return m;
  return undefined;
}

/** Which merge holds the cell at 1-based sheet coordinates (row, col), if any. */
export type MergeLookup = (row: number, col: number) => CellRange | undefined;

/**
 * Trees already built, by merge list: one scoring run asks from several places (the table, the
 * write plan), and normaliseMerges hands the same list on. Grids are not changed once made; the
 * count is checked all the same, so a list a caller pushed to after a lookup is indexed anew.
 */
const builtTrees = new WeakMap<readonly CellRange[], { count: number; tree: MergeTree }>();

/** A lookup over the grid's merges, for the many questions of one scoring run. */
export function mergeLookup(grid: Grid): MergeLookup {
  const { merges } = grid;
  if (merges.length === 0) return () => undefined;
  let built = builtTrees.get(merges);
  if (built?.count !== merges.length) {
    built = { count: merges.length, tree: buildMergeTree(merges.slice().sort((a, b) => a.top - b.top)) };
    builtTrees.set(merges, built);
  }
  const { tree } = built;
  return (row, col) => findMerge(tree, row, col);
}
