/**
 * The write-back plan: which result cells get which values. Only result cells are named (得分,
 * the flag column, the funds 执行率/得分, 总分 and 等级, and weights the engine decided in empty
 * 分值 cells); a result cell holding a formula is kept and reported.
 *
 * What the run adds to the form looks like the form (issue 9): each added cell names a cell of the
 * table to look like (its borders, font, bold header), texts wrap, added columns get a width that
 * fits their longest text and print with the table; the grade is written labelled ("等级：优"),
 * never bare into the notes column; the funds results go into cells of their own (added, labelled,
 * where the block has none), never as prose into a flag cell.
 */
import { a1, columnOfAddress, parseA1 } from '../address';
import type { Evaluation, IndicatorStatus, Problem } from '../evaluation';
import { cellAt, mergeLookup, type CellRange, type Grid, type MergeLookup } from '../grid';
import { fundsCell, type FundsBlock } from '../locate/locate-funds';
import type { IndicatorTable } from '../locate/locate-table';
import { formatNumber, problem } from '../messages';
import { round2 } from '../score/round';
import { firstAtLeast } from '../sorted';
import {
  MAX_ADDED_COLUMN_WIDTH,
  SHEET_LIMITS,
  widthForText,
  type CellFormatOnly,
  type CellStyle,
  type CellWrite,
  type FillName,
  type WritePlan,
  type WriteRole,
} from '../write-plan';
import { rawText } from '../locate/cell-text';
import { enteredScore } from '../read-points';

export interface ColumnPlan {
  /** Undefined only when the table has no 得分 column and no column was left to add one. */
  score?: number;
  weight?: number;
  flag?: number;
  /** Columns this run adds to the right of the table, with their header text. */
  added: { col: number; header: string }[];
  /** Headers of columns the table needed that could not be added: the sheet's last column was reached. */
  notAdded: string[];
  /** The indicator table's own right edge (its last column): the cells of added columns look like its cells. */
  edge?: number;
}

export const FLAG_HEADER = '偏差标记';

const isFilled = (grid: Grid, row: number, col: number): boolean => {
  const cell = cellAt(grid, row, col);
  return cell.value !== null || cell.formula !== undefined;
};

/**
 * The table's right edge: the rightmost column it uses (its own and its funds block's), carried on
 * over header cells and header merges that follow without a gap ("偏差原因分析" merged over two
 * columns). What lies further right, past an empty column, is not the table's: a stray cell in the
 * sheet's last column (XFD) or a wide title merge must not push the added columns away or off the sheet.
 */
function rightEdge(grid: Grid, table: IndicatorTable, funds: FundsBlock | undefined, merges: MergeLookup): number {
  const used = [...Object.values(table.columns), ...Object.values(funds?.columns ?? {})].filter((c): c is number => c !== undefined);
  let right = used.reduce((max, c) => Math.max(max, c), grid.left);
  const headerRows: number[] = [];
  for (let row = table.headerTop; row <= table.headerBottom; row++) headerRows.push(row);
  if (funds) headerRows.push(funds.headerRow);
  for (;;) {
    let next = right;
    for (const row of headerRows) {
      const beyond = [merges(row, right), merges(row, right + 1)];
      for (const m of beyond) if (m && m.right > next) next = m.right;
      if (next === right && right < SHEET_LIMITS.columns && isFilled(grid, row, right + 1)) next = right + 1;
    }
    if (next === right) return right;
    right = Math.min(next, SHEET_LIMITS.columns);
  }
}

/** The rows a run writes in its added columns: the header, the indicator rows, the 总分 row (perhaps added under the table), the funds row. */
function writtenRows(table: IndicatorTable, funds: FundsBlock | undefined): number[] {
  const rows: number[] = [];
  const last = Math.min(table.bottom + 1, SHEET_LIMITS.rows);
  for (let row = table.headerTop; row <= last; row++) rows.push(row);
  if (funds && (funds.totalRow < table.headerTop || funds.totalRow > last)) rows.push(funds.totalRow);
  return rows;
}

/** The first column from `from` that is empty and unmerged on every row in `rows`; undefined past the sheet's last column. */
function firstFreeColumn(grid: Grid, rows: readonly number[], from: number, merges: MergeLookup): number | undefined {
  let col = from;
  // The row that blocked the last column is asked first: a row that fills one column often fills the next.
  let blocker = 0;
  search: while (col <= SHEET_LIMITS.columns) {
    for (let k = 0; k < rows.length; k++) {
      const i = (blocker + k) % rows.length;
      const merge = merges(rows[i], col);
      if (merge || isFilled(grid, rows[i], col)) {
        blocker = i;
        col = merge ? merge.right + 1 : col + 1;
        continue search;
      }
    }
    return col;
  }
  return undefined;
}

export function allocateColumns(grid: Grid, table: IndicatorTable, funds: FundsBlock | undefined): ColumnPlan {
  const merges = mergeLookup(grid);
  const rows = writtenRows(table, funds);
  const edge = rightEdge(grid, table, funds, merges);
  let next = edge + 1;
  const added: ColumnPlan['added'] = [];
  const notAdded: string[] = [];
  const add = (header: string): number | undefined => {
    const col = firstFreeColumn(grid, rows, next, merges);
    if (col === undefined) {
      notAdded.push(header);
      return undefined;
    }
    added.push({ col, header });
    next = col + 1;
    return col;
  };
  const weight = table.columns.weight ?? (table.columns.actual !== undefined ? add('分值') : undefined);
  const score = table.columns.score ?? add('得分');
  const flag = table.columns.flag ?? add(FLAG_HEADER);
  // the cells added columns look like are the indicator table's own (its last column), not the funds block's
  return { score, weight, flag, added, notAdded, edge: funds ? rightEdge(grid, table, undefined, merges) : edge };
}

/**
 * For a target-only table: the columns the user needs before scoring, as header cells right of the
 * table, styled like the table's last header cell, with the rows under them inside the table's
 * border (format only) and printable with it.
 */
export function planAddColumns(grid: Grid, table: IndicatorTable): WritePlan {
  const headers = ['实际完成值'];
  if (table.columns.weight === undefined) headers.push('分值');
  if (table.columns.score === undefined) headers.push('得分');
  if (table.columns.note === undefined) headers.push('偏差原因分析及改进措施');
  const merges = mergeLookup(grid);
  const rows = writtenRows(table, undefined);
  const edge = rightEdge(grid, table, undefined, merges);
  let next = edge + 1;
  const writes: CellWrite[] = [];
  const added: number[] = [];
  for (const header of headers) {
    const col = firstFreeColumn(grid, rows, next, merges);
    if (col === undefined) break;
    writes.push({ address: a1(table.headerTop, col), value: header, role: 'header' });
    added.push(col);
    next = col + 1;
  }
  const plan: WritePlan = { sheet: grid.sheet, writes, kept: [] };
  const body: number[] = [];
  for (let row = table.headerTop; row <= table.bottom; row++) body.push(row);
  if (table.totalRow !== undefined && table.totalRow > table.bottom) body.push(table.totalRow);
  return styleAddedCells(plan, grid, { cols: added, rows: body, edge, headerRows: [table.headerTop, table.headerBottom] }, merges);
}

/** Columns a run added, and the rows of the table they run through, to style like the table. */
interface AddedArea {
  cols: number[];
  /** The table's rows the added columns cross (header to 总分), ascending. */
  rows: number[];
  /** The table's last column: its cells are the ones the added cells look like. */
  edge: number;
  /** The header lines (top, bottom): there the cell looked like is the nearest header text. */
  headerRows: [number, number];
  /** A 总分 row the run adds under the table: its cells look like the table's last row. */
  addedTotal?: { row: number; like: number };
}

/**
 * The form's cell that a cell added on `row` should look like: on a header line the nearest header
 * text at or left of the table's edge, elsewhere the nearest cell there; never a cell inside a merged
 * area (copying a merged cell's formats could copy the merge), undefined when the row has none.
 */
function likeCell(grid: Grid, merges: MergeLookup, row: number, edge: number, header: boolean): string | undefined {
  let fallback: number | undefined;
  for (let col = edge; col >= grid.left && col > edge - 64; col--) {
    if (merges(row, col)) continue;
    if (!header || isFilled(grid, row, col)) return a1(row, col);
    fallback ??= col;
  }
  return fallback === undefined ? undefined : a1(row, fallback);
}

/**
 * Gives the cells the run adds the look of the form: each added column's written cells (and the
 * empty ones between them, as format-only cells) look like the table's last cell on their row;
 * texts wrap; the columns get a width that fits their longest text; the print area, where the
 * sheet has one, takes them in.
 */
function styleAddedCells(plan: WritePlan, grid: Grid, area: AddedArea, merges: MergeLookup): WritePlan {
  if (area.cols.length === 0) return plan;
  const added = new Set(area.cols);
  /** Cells written, by cellKey: numbers, not addresses, as a 10,000-row table adds tens of thousands. */
  const written = new Set<number>();
  const widths = new Map<number, number>();
  const likeByRow = new Map<number, string | undefined>();
  const like = (row: number): string | undefined => {
    const source = row === area.addedTotal?.row ? area.addedTotal.like : row;
    if (!likeByRow.has(row)) likeByRow.set(row, likeCell(grid, merges, source, area.edge, source >= area.headerRows[0] && source <= area.headerRows[1]));
    return likeByRow.get(row);
  };
  let bottom = area.rows[area.rows.length - 1] ?? area.headerRows[0];
  const rows = new Set(area.rows);
  if (area.addedTotal) rows.add(area.addedTotal.row);
  for (const write of plan.writes) {
    // The column first, without parsing the whole address: most writes are outside the added columns.
    if (!added.has(columnOfAddress(write.address))) continue;
    const { row, col } = parseA1(write.address);
    if (!rows.has(row)) continue;
    written.add(cellKey(row, col));
    bottom = Math.max(bottom, row);
    write.style = styleFor(like(row), typeof write.value === 'string');
    if (typeof write.value === 'number' && write.numberFormat === undefined) write.numberFormat = 'General';
    // A column at its widest needs no more measuring: on a long table most of its cells are not.
    const width = widths.get(col) ?? 0;
    if (width >= MAX_ADDED_COLUMN_WIDTH) continue;
    widths.set(col, Math.max(width, widthForText(typeof write.value === 'number' ? formatNumber(write.value) : write.value)));
  }
  const formats: CellFormatOnly[] = plan.formats ?? [];
  for (const col of area.cols) {
    for (const row of area.rows) {
      if (written.has(cellKey(row, col)) || merges(row, col) || isFilled(grid, row, col)) continue;
      const style = styleFor(like(row), true);
      if (style.like) formats.push({ address: a1(row, col), style });
    }
  }
  if (area.addedTotal) styleAddedTotalRow(plan, grid, area, merges, formats);
  for (const { col, width } of plan.columnWidths ?? []) widths.set(col, Math.max(widths.get(col) ?? 0, width));
  const columnWidths = [...widths.keys(), ...area.cols]
    .filter((col, i, all) => all.indexOf(col) === i)
    .sort((a, b) => a - b)
    .map((col) => ({ col, width: Math.max(widths.get(col) ?? 0, MIN_ADDED_WIDTH) }));
  const right = Math.max(...area.cols);
  return {
    ...plan,
    ...(formats.length > 0 ? { formats } : {}),
    columnWidths,
    printArea: unionRange(plan.printArea, `${a1(area.headerRows[0], grid.left)}:${a1(bottom, right)}`),
    printTable: { left: grid.left, right: Math.min(plan.printTable?.right ?? Infinity, Math.min(...area.cols) - 1) },
  };
}

/**
 * The 总分 row the run adds under the table, across the table's own columns: its label and its
 * empty cells look like the cell above them (the table's last row), so the border closes under it.
 * A cell above inside a merged area is not copied (its merge could come with it).
 */
function styleAddedTotalRow(plan: WritePlan, grid: Grid, area: AddedArea, merges: MergeLookup, formats: CellFormatOnly[]): void {
  const total = area.addedTotal;
  if (!total) return;
  const writes = new Map(plan.writes.map((w) => [w.address, w]));
  for (let col = grid.left; col <= area.edge; col++) {
    const address = a1(total.row, col);
    const above = merges(total.like, col) ? undefined : a1(total.like, col);
    if (!above || merges(total.row, col)) continue;
    const write = writes.get(address);
    if (write) write.style ??= { like: above };
    else if (!isFilled(grid, total.row, col)) formats.push({ address, style: { like: above } });
  }
}

/** An added column is never narrower than a short header ("得分") with its margin. */
const MIN_ADDED_WIDTH = 8;

/** One number per cell (Excel has 16,384 columns). */
function cellKey(row: number, col: number): number {
  return row * SHEET_LIMITS.columns + col;
}

function styleFor(like: string | undefined, wrap: boolean): CellStyle {
  // Assigned rather than spread: this runs for every added cell, and spreading literals is slow.
  const style: CellStyle = {};
  if (like) style.like = like;
  if (wrap) style.wrap = true;
  return style;
}

/** The smallest range holding two ranges ("A12:K22" and "A5:L7" → "A5:L22"). */
function unionRange(a: string | undefined, b: string): string {
  if (!a) return b;
  const [a1From, a1To = a1From] = a.split(':').map(parseA1);
  const [b1From, b1To = b1From] = b.split(':').map(parseA1);
  const top = Math.min(a1From.row, b1From.row);
  const left = Math.min(a1From.col, b1From.col);
  const bottom = Math.max(a1To.row, b1To.row);
  const right = Math.max(a1To.col, b1To.col);
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

const FILL_BY_STATUS: Record<IndicatorStatus, FillName | undefined> = {
  met: 'green',
  exceeded: 'amber',
  unmet: 'red',
  'needs-judgement': 'amber',
  'missing-actual': 'red',
  unreadable: 'red',
  'not-applicable': undefined,
};

const GRADE_WORDS = /^(优秀?|良好?|优良|中|合格|差|不合格|较差)$/;

/** Results written once per indicator row: where one merged cell spans several such rows, it shows them together. */
const PER_ROW_ROLES: ReadonlySet<WriteRole> = new Set<WriteRole>(['score', 'weight', 'flag']);

const FILL_RANK: Record<FillName, number> = { green: 0, amber: 1, red: 2 };

const rangeText = (m: CellRange): string => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;

/** The indicator rows, ascending, to ask which of them a merge spans. */
export class ResultRows {
  private readonly sorted: number[];
  private readonly set: ReadonlySet<number>;

  constructor(rows: Iterable<number>) {
    this.set = new Set(rows);
    this.sorted = [...this.set].sort((a, b) => a - b);
  }

  has(row: number): boolean {
    return this.set.has(row);
  }

  /** How many of the rows lie in top…bottom (by binary search: a merge may span a whole column). */
  countWithin(top: number, bottom: number): number {
    return firstAtLeast(this.sorted, bottom + 1) - firstAtLeast(this.sorted, top);
  }
}

/**
 * The merge that shows a row's result cell together with other indicator rows' (H15:H16 merged,
 * rows 15 and 16 both indicators): anchored in the same column on an indicator row. Such a cell
 * holds no one row's value.
 */
export function sharedResultMerge(merges: MergeLookup, rows: ResultRows, row: number, col: number): CellRange | undefined {
  const merge = merges(row, col);
  if (!merge || merge.left !== col || !rows.has(merge.top)) return undefined;
  return rows.countWithin(merge.top, merge.bottom) > 1 ? merge : undefined;
}

/** Several rows' results shown in one merged cell: its write (none when refused) and each row's part. */
interface SharedCell {
  merge: CellRange;
  role: WriteRole;
  write?: CellWrite;
  parts: { row: number; value: number | string; fill?: FillName }[];
}

/** A write with nothing besides its value: one shared, never-changed object, not one per call. */
const NO_EXTRA: Partial<CellWrite> = Object.freeze({});

class PlanBuilder {
  readonly writes: CellWrite[] = [];
  readonly kept: WritePlan['kept'] = [];
  private readonly merges: MergeLookup;
  private readonly shared = new Map<string, SharedCell>();

  constructor(
    private readonly grid: Grid,
    private readonly problems: Problem[],
    private readonly resultRows: ResultRows,
  ) {
    this.merges = mergeLookup(grid);
  }

  /**
   * Plan a write where Excel shows it. A cell inside a merge shows nothing: a row's own result in
   * a merge anchored on an indicator row of the same column goes into that anchor, together with
   * the other rows it spans (summed, or listed row by row); anything else hidden in a merge is not
   * written, and the user is told. A formula is kept and reported.
   */
  write(row: number, col: number, value: number | string, role: WriteRole, extra: Partial<CellWrite> = NO_EXTRA): boolean {
    if (row > SHEET_LIMITS.rows || col > SHEET_LIMITS.columns) return false;
    const merge = this.merges(row, col);
    if (!merge) return this.place(row, col, value, role, extra);
    const anchored = merge.top === row && merge.left === col;
    if (PER_ROW_ROLES.has(role) && merge.left === col && this.resultRows.has(merge.top) && (!anchored || merge.bottom > merge.top)) {
      return this.share(merge, row, value, role, extra);
    }
    if (anchored) return this.place(row, col, value, role, extra);
    const address = a1(row, col);
    const range = rangeText(merge);
    this.kept.push({ address, reason: `位于合并单元格${range}内` });
    this.problems.push(
      problem('hidden-by-merge', address, {
        range,
        what: ROLE_NAMES[role][0],
        whatEn: ROLE_NAMES[role][1],
        value: typeof value === 'number' ? formatNumber(value) : value,
      }),
    );
    return false;
  }

  /** Whether Excel hides (row, col): it lies inside a merge anchored on another cell. */
  isHidden(row: number, col: number): boolean {
    const merge = this.merges(row, col);
    return merge !== undefined && (merge.top !== row || merge.left !== col);
  }

  /** The cell that shows (row, col) holds nothing: for a row's cell in a shared merge, its anchor. */
  isEmpty(row: number, col: number): boolean {
    const merge = this.merges(row, col);
    if (merge && merge.left === col && this.resultRows.has(merge.top)) return !isFilled(this.grid, merge.top, col);
    return !isFilled(this.grid, row, col);
  }

  /** Tell where several rows' results share one merged cell. Called once, after the last write. */
  finish(): void {
    for (const cell of this.shared.values()) {
      if (!cell.write || cell.parts.length < 2) continue;
      const numbers = cell.parts.every((p) => typeof p.value === 'number');
      const values = cell.parts.map((p) => (typeof p.value === 'number' ? formatNumber(p.value) : p.value));
      this.problems.push(
        problem('merged-result', cell.write.address, {
          range: rangeText(cell.merge),
          rows: cell.parts.map((p) => p.row).join('、'),
          rowsEn: cell.parts.map((p) => p.row).join(', '),
          what: ROLE_NAMES[cell.role][0],
          whatEn: ROLE_NAMES[cell.role][1],
          detail: numbers ? `之和（${values.join('+')}）` : '，逐行列出',
          detailEn: numbers ? ` added up (${values.join(' + ')})` : ', row by row',
        }),
      );
    }
  }

  private place(row: number, col: number, value: number | string, role: WriteRole, extra: Partial<CellWrite>): boolean {
    const address = a1(row, col);
    const cell = cellAt(this.grid, row, col);
    if (cell.formula) {
      this.kept.push({ address, reason: `公式 =${cell.formula}` });
      this.problems.push(problem('formula-kept', address, { formula: cell.formula, what: ROLE_NAMES[role][0], whatEn: ROLE_NAMES[role][1] }));
      return false;
    }
    this.writes.push(Object.assign({ address, value, role }, extra));
    return true;
  }

  private share(merge: CellRange, row: number, value: number | string, role: WriteRole, extra: Partial<CellWrite>): boolean {
    const key = `${role}@${merge.top}:${merge.left}`;
    let cell = this.shared.get(key);
    if (!cell) {
      const placed = this.place(merge.top, merge.left, value, role, extra);
      cell = { merge, role, parts: [], ...(placed ? { write: this.writes[this.writes.length - 1] } : {}) };
      this.shared.set(key, cell);
    }
    cell.parts.push({ row, value, ...(extra.fill ? { fill: extra.fill } : {}) });
    if (!cell.write) return false;
    if (cell.parts.length > 1) {
      cell.write.value = cell.parts.every((p) => typeof p.value === 'number')
        ? round2(cell.parts.reduce((sum, p) => sum + (p.value as number), 0))
        : cell.parts.map((p) => `第${p.row}行：${p.value}`).join('；');
      const fills = cell.parts.map((p) => p.fill).filter((f): f is FillName => f !== undefined);
      if (fills.length > 0) cell.write.fill = fills.reduce((worst, f) => (FILL_RANK[f] > FILL_RANK[worst] ? f : worst));
    }
    return true;
  }
}

const ROLE_NAMES: Record<WriteRole, [string, string]> = {
  score: ['得分', 'score'],
  weight: ['分值', 'weight'],
  flag: ['偏差标记', 'flag'],
  header: ['表头', 'header'],
  'funds-rate': ['执行率', 'execution rate'],
  'funds-score': ['资金得分', 'funds score'],
  total: ['总分', 'total'],
  grade: ['等级', 'grade'],
};

export function planWriteBack(
  grid: Grid,
  table: IndicatorTable,
  funds: FundsBlock | undefined,
  columns: ColumnPlan,
  evaluation: Evaluation,
  decidedWeights: Set<number>,
  problems: Problem[],
): WritePlan {
  const plan = new PlanBuilder(grid, problems, new ResultRows(evaluation.indicators.map((i) => i.row)));
  for (const { col, header } of columns.added) plan.write(table.headerTop, col, header, 'header');
  for (const header of columns.notAdded) {
    const [effect, effectEn] = NOT_ADDED_EFFECTS[header] ?? ['', ''];
    problems.push(problem('no-free-column', undefined, { row: table.headerTop, header, effect, effectEn }));
  }

  for (const ind of evaluation.indicators) {
    if (columns.weight !== undefined && decidedWeights.has(ind.row) && plan.isEmpty(ind.row, columns.weight)) {
      plan.write(ind.row, columns.weight, ind.weight, 'weight');
    }
    // A score-only form's row scores are the unit's own: only the total and the grade are results.
    if (columns.score !== undefined && !evaluation.scoresAsEntered) plan.write(ind.row, columns.score, ind.score, 'score');
    const fill = FILL_BY_STATUS[ind.status];
    if (columns.flag !== undefined) plan.write(ind.row, columns.flag, ind.flag, 'flag', fill ? { fill } : {});
  }

  const fundsArea = funds && evaluation.funds ? planFunds(plan, grid, funds, evaluation) : undefined;
  const totalRow = planTotal(plan, grid, table, columns, evaluation, problems);
  plan.finish();
  const merges = mergeLookup(grid);
  let result: WritePlan = { sheet: grid.sheet, writes: plan.writes, kept: plan.kept };
  if (columns.added.length > 0) {
    const rows: number[] = [];
    const last = Math.max(table.bottom, totalRow ?? table.bottom);
    for (let row = table.headerTop; row <= last; row++) rows.push(row);
    const edge = columns.edge ?? Math.min(...columns.added.map((a) => a.col)) - 1;
    const addedTotal = table.totalRow === undefined && totalRow !== undefined ? { row: totalRow, like: table.bottom } : undefined;
    result = styleAddedCells(
      result,
      grid,
      { cols: columns.added.map((a) => a.col), rows, edge, headerRows: [table.headerTop, table.headerBottom], ...(addedTotal ? { addedTotal } : {}) },
      merges,
    );
  }
  if (fundsArea) result = styleAddedCells(result, grid, fundsArea, merges);
  return wrapLabelledGrade(result);
}

/** What is missing from the sheet when a column could not be added. */
const NOT_ADDED_EFFECTS: Record<string, [string, string]> = {
  分值: ['系统分配的分值未写入表格', 'the weights the run decided were not written'],
  得分: ['各行得分和总分未写入表格', 'the scores and the total were not written'],
  [FLAG_HEADER]: ['偏差标记未写入表格', 'the flags were not written'],
};

/**
 * The funds block's results go into its own 执行率 and 得分 cells; a low rate is marked by the
 * rate cell's fill (the problem list says why). Where the block has no such cell (a block laid out
 * in rows), a labelled column is added right of it, the way the 偏差标记 column is: its header on
 * the block's header row, the figure under it. Returns that column's area to style, if any.
 */
function planFunds(plan: PlanBuilder, grid: Grid, block: FundsBlock, evaluation: Evaluation): AddedArea | undefined {
  const funds = evaluation.funds;
  if (!funds) return undefined;
  // A block laid out down a column keeps each figure on its own line: fundsCell says where.
  const rateCell = fundsCell(block, 'rate');
  const weightCell = fundsCell(block, 'weight');
  const scoreCell = fundsCell(block, 'score');
  const low = funds.rate !== undefined && evaluation.problems.some((p) => p.code === 'funds-low-rate');
  const rateExtra: Partial<CellWrite> = { numberFormat: '0.00%', ...(low ? { fill: 'amber' as const } : {}) };
  if (rateCell && funds.rate !== undefined) plan.write(rateCell.row, rateCell.col, funds.rate, 'funds-rate', rateExtra);
  if (weightCell && plan.isEmpty(weightCell.row, weightCell.col)) plan.write(weightCell.row, weightCell.col, funds.weight, 'weight');
  if (scoreCell) plan.write(scoreCell.row, scoreCell.col, funds.score, 'funds-score');

  // Only a block with its headers above its amounts takes an added column; a form that does not
  // score the funds (weight 0) is given no 得分 ("0" would read as a penalty).
  const missing: { header: string; value: number; role: WriteRole; extra: Partial<CellWrite> }[] = [];
  if (!rateCell && funds.rate !== undefined) missing.push({ header: '执行率', value: funds.rate, role: 'funds-rate', extra: rateExtra });
  if (!scoreCell && funds.weight > 0) missing.push({ header: '得分', value: funds.score, role: 'funds-score', extra: {} });
  if (missing.length === 0 || block.layout !== 'rows' || block.headerRow >= block.totalRow) return undefined;
  const merges = mergeLookup(grid);
  const rows: number[] = [];
  for (let row = block.headerRow; row <= Math.max(block.totalRow, ...block.subRows); row++) rows.push(row);
  const used = Object.values(block.columns).filter((c): c is number => c !== undefined);
  const edge = blockEdge(grid, rows, Math.max(...used), merges);
  const cols: number[] = [];
  let next = edge + 1;
  for (const m of missing) {
    const col = firstFreeColumn(grid, rows, next, merges);
    if (col === undefined) break;
    plan.write(block.headerRow, col, m.header, 'header');
    plan.write(block.totalRow, col, m.value, m.role, m.extra);
    cols.push(col);
    next = col + 1;
  }
  return cols.length === 0 ? undefined : { cols, rows, edge, headerRows: [block.headerRow, block.headerRow] };
}

/** A block's right edge on its rows: from `from`, on over merges and filled cells that follow without a gap. */
function blockEdge(grid: Grid, rows: number[], from: number, merges: MergeLookup): number {
  let right = from;
  for (;;) {
    let next = right;
    for (const row of rows) {
      const m = merges(row, right + 1) ?? merges(row, right);
      if (m && m.right > next) next = m.right;
      if (next === right && right < SHEET_LIMITS.columns && isFilled(grid, row, right + 1)) next = right + 1;
    }
    if (next === right) return right;
    right = Math.min(next, SHEET_LIMITS.columns);
  }
}

/** Returns the row the total went on (the 总分 row, perhaps added under the table), if any. */
function planTotal(plan: PlanBuilder, grid: Grid, table: IndicatorTable, columns: ColumnPlan, evaluation: Evaluation, problems: Problem[]): number | undefined {
  if (table.totalCell) planTotalInCell(plan, grid, table.totalCell, evaluation, problems);
  if (columns.score === undefined) return undefined;
  let row = table.totalRow;
  if (row === undefined) {
    // The unit's own total cell above the table takes the total: no second 总分 row is added.
    if (table.totalCell) return undefined;
    // No 总分 row: add one under the table when that row is free across the table (and on the sheet).
    row = table.bottom + 1;
    if (row > SHEET_LIMITS.rows) return undefined;
    const labelCol = table.columns.level1 ?? table.columns.level3 ?? grid.left;
    const lastCol = Math.max(labelCol, columns.score + 1, columns.flag ?? 0, columns.weight ?? 0);
    for (let col = grid.left; col <= lastCol; col++) if (isFilled(grid, row, col)) return undefined;
    plan.write(row, labelCol, '总分', 'header');
  }
  // "总分(100分) | 100 | 自评等级 | 优", with the 得分 column under the grade's merge: the unit's
  // total is the one figure on the row, and the grade follows it.
  const unitsTotal = plan.isHidden(row, columns.score) ? loneFigureOnRow(grid, row, columns.score, table.columns.weight) : undefined;
  if (unitsTotal !== undefined) {
    planTotalInCell(plan, grid, { row, col: unitsTotal }, evaluation, problems);
    return row;
  }
  if (columns.weight !== undefined && plan.isEmpty(row, columns.weight)) plan.write(row, columns.weight, evaluation.totalWeight, 'weight');
  noteReplacedTotal(enteredScore(cellAt(grid, row, columns.score)), a1(row, columns.score), evaluation, problems);
  plan.write(row, columns.score, evaluation.totalScore, 'total');
  planGrade(plan, grid, table, columns, row, evaluation, problems);
  return row;
}

/**
 * The grade with its label, so that it cannot be read as a note or a score. A rebased total says so
 * beside its grade: the 分值 cell of the row keeps the points the rows add up to (90), and without
 * the word a total of 96.39 beside 90 would read as a score above its maximum.
 */
export const gradeText = (grade: string, rebased = false): string => `等级：${grade}${rebased ? '（总分已按百分制折算）' : ''}`;

/**
 * The grade on the 总分 row, never bare in a column that holds something else (the 偏差原因 column):
 * after a cell labelled 等级, its own cell; in a cell right of the total that already holds a grade
 * (the form's 等级 cell, not the notes column), there; otherwise labelled ("等级：优") in the flag
 * column, or else in the empty cell after the total when that is no notes column.
 */
function planGrade(plan: PlanBuilder, grid: Grid, table: IndicatorTable, columns: ColumnPlan, row: number, evaluation: Evaluation, problems: Problem[]): void {
  const score = columns.score as number;
  const note = table.columns.note;
  const text = (col: number) => (col <= SHEET_LIMITS.columns ? rawText(cellAt(grid, row, col)).trim() : '');
  const next = score + 1;
  if (next <= SHEET_LIMITS.columns && GRADE_LABEL.test(text(next)) && next < SHEET_LIMITS.columns) {
    if (plan.isEmpty(row, next + 1) || GRADE_WORDS.test(text(next + 1))) {
      plan.write(row, next + 1, evaluation.grade, 'grade');
      return;
    }
  }
  if (next <= SHEET_LIMITS.columns && next !== note && next !== columns.flag && GRADE_WORDS.test(text(next))) {
    plan.write(row, next, evaluation.grade, 'grade');
    return;
  }
  const labelled = (col: number | undefined) =>
    col !== undefined && col !== note && col <= SHEET_LIMITS.columns && (plan.isEmpty(row, col) || LABELLED_GRADE.test(text(col)));
  if (labelled(columns.flag)) {
    plan.write(row, columns.flag as number, gradeText(evaluation.grade, evaluation.rebased), 'grade');
    return;
  }
  if (labelled(next)) {
    plan.write(row, next, gradeText(evaluation.grade, evaluation.rebased), 'grade');
    return;
  }
  if (next > SHEET_LIMITS.columns) {
    problems.push(problem('no-free-column', undefined, { row, header: '等级', effect: '等级未写入表格', effectEn: 'the grade was not written' }));
    return;
  }
  problems.push(problem('no-grade-cell', a1(row, next)));
}

/** A grade written labelled by an earlier run ("等级：优"), which a new run replaces. */
const LABELLED_GRADE = /^等级[：:]\s*\S+$/;

/** A labelled grade in a cell of the form's own (not an added column, which is styled as a whole) wraps inside it. */
function wrapLabelledGrade(plan: WritePlan): WritePlan {
  for (const write of plan.writes) {
    if (write.role === 'grade' && typeof write.value === 'string' && LABELLED_GRADE.test(write.value) && !write.style) write.style = { wrap: true };
  }
  return plan;
}

/** The figure in "项目总得分：99分", to replace in the same words. */
const FIGURE_AT_END = /(\d+(?:\.\d+)?)(\s*分?\s*)$/;
const GRADE_LABEL = /等级$/;

/** The column of the only figure left of `before` on a row (not in the 分值 column), if there is just one. */
function loneFigureOnRow(grid: Grid, row: number, before: number, weightCol: number | undefined): number | undefined {
  let found: number | undefined;
  for (let col = grid.left; col < before; col++) {
    if (col === weightCol || enteredScore(cellAt(grid, row, col)) === undefined) continue;
    if (found !== undefined) return undefined;
    found = col;
  }
  return found;
}

/**
 * The unit's own total cell, away from the 得分 column: the total printed above the table
 * ("项目总得分 | 99", or "项目总得分：99分" in one cell), or the one figure of a 总分 row whose 得分
 * cell is hidden. It gets the run's total, and the grade where a 等级 cell follows it.
 */
function planTotalInCell(plan: PlanBuilder, grid: Grid, at: { row: number; col: number }, evaluation: Evaluation, problems: Problem[]): void {
  const cell = cellAt(grid, at.row, at.col);
  const address = a1(at.row, at.col);
  const text = rawText(cell);
  if (typeof cell.value === 'string' && enteredScore(cell) === undefined) {
    const figure = FIGURE_AT_END.exec(text);
    if (!figure) return;
    noteReplacedTotal(Number(figure[1]), address, evaluation, problems);
    plan.write(at.row, at.col, text.replace(FIGURE_AT_END, `${formatNumber(evaluation.totalScore)}$2`), 'total');
    return;
  }
  noteReplacedTotal(enteredScore(cell), address, evaluation, problems);
  plan.write(at.row, at.col, evaluation.totalScore, 'total');
  const next = at.col + 1;
  if (next > SHEET_LIMITS.columns) return;
  const after = rawText(cellAt(grid, at.row, next)).trim();
  if (GRADE_WORDS.test(after)) plan.write(at.row, next, evaluation.grade, 'grade');
  else if (
    GRADE_LABEL.test(after) &&
    next < SHEET_LIMITS.columns &&
    (plan.isEmpty(at.row, next + 1) || GRADE_WORDS.test(rawText(cellAt(grid, at.row, next + 1)).trim()))
  ) {
    plan.write(at.row, next + 1, evaluation.grade, 'grade');
  }
}

/**
 * The unit's own total is kept on the evaluation (a reviewer compares it with the run's) and, when
 * it differs from the run's, reported as it is replaced. On a score-only form the run's total is
 * the sum of the unit's own scores, and the message says so. Recorded here because the total cell
 * is found only while planning where the run's total goes.
 */
function noteReplacedTotal(old: number | undefined, address: string, evaluation: Evaluation, problems: Problem[]): void {
  if (old === undefined) return;
  evaluation.enteredTotal = old;
  if (Math.abs(old - evaluation.totalScore) <= 0.005) return;
  const code = evaluation.scoresAsEntered ? 'entered-total-differs' : 'total-replaced';
  problems.push(problem(code, address, { old: formatNumber(old), total: formatNumber(evaluation.totalScore) }));
}
