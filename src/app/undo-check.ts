/**
 * Which cells 撤销本次评分 may put back. An undo record lives in the workbook and can be used long
 * after its run; by then the user may have typed their own score over the run's, or a note in the
 * flag column. House rule: nothing the user typed is ever lost. So a cell is put back only when
 * its current content is one of the two things undo knows of:
 *   - what the run wrote (ReplacedCell.written): the run's result, still untouched;
 *   - what the cell held before the run: putting it back changes no content (only the number
 *     format and the fill the run set).
 * Anything else is an edit made after the run, and is left as it is.
 *
 * Only the content decides. A cell put back gets its number format, fill and look (ReplacedCell.look)
 * back with it, whatever formatting the user gave it since: formatting alone is not an edit of
 * the cell. A cell kept for an edited value is kept whole, its look included, so that the user's
 * note in the flag column stays as they see it.
 *
 * Records saved by earlier versions do not say what the run wrote. For their cells only the second
 * test is possible: a cell that differs from its value before the run may hold the run's result or
 * the user's edit, and nothing tells which. Overwriting it could destroy an edit, which cannot be
 * undone; keeping it leaves at worst a result the user can clear or score again. So such a cell is
 * kept, and reported apart ('unknown'), so that the pane does not claim it was edited.
 */
import type { ReplacedCell } from './ports';

/** A cell's content as undo finds it. */
export interface CellContent {
  /** The constant, or the formula's result ('' when empty). */
  value: number | string | boolean;
  /** With "=", when the cell holds a formula. */
  formula?: string;
}

export type UndoVerdict =
  /** Holds what the run wrote, or what it held before: put it back. */
  | 'restore'
  /** Changed after the run: keep it. */
  | 'edited'
  /** Changed since before the run, by the run or by the user: no way to tell (an old record). Keep it. */
  | 'unknown';

/**
 * Numbers match within a relative 1e-9: Excel keeps 15 significant digits, so a number can come
 * back from a cell a few units of the last place away from the double that was written.
 */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const NUMERAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Whether a cell's current value is `expected`. Strings match exactly (a text the run protected
 * with an apostrophe is kept, and noted, without it). A number also matches the same number as
 * text: Excel keeps a number written into a cell formatted as text ("@") as text, and taking such a
 * cell for an edit would keep every result of a text-formatted score column. Nothing the user
 * typed is lost by that: the text is the very number undo expected.
 */
export function sameValue(expected: number | string | boolean, actual: number | string | boolean): boolean {
  if (typeof expected === 'number') {
    if (typeof actual === 'number') return sameNumber(expected, actual);
    return typeof actual === 'string' && NUMERAL.test(actual) && sameNumber(expected, Number(actual));
  }
  return expected === actual;
}

/** What undo may do with one cell of a record, given what the cell holds now. */
export function undoVerdict(cell: ReplacedCell, current: CellContent): UndoVerdict {
  const before = cell.formula !== undefined ? current.formula === cell.formula : current.formula === undefined && sameValue(cell.value, current.value);
  if (before) return 'restore';
  if (cell.written === undefined) return 'unknown';
  // the run writes constants only: a formula in the cell was put there after it
  return current.formula === undefined && sameValue(cell.written, current.value) ? 'restore' : 'edited';
}
