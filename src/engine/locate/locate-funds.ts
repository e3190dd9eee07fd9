/**
 * Find the funds block (项目资金 / 预算执行情况) above the indicator table: its header, the
 * 年度资金总额 row, the 其中 sub-rows, and the money unit.
 */
import { cellAt, mergeLookup, type Grid, type GridCell } from '../grid';
import { normaliseText } from '../text';
import { plainText } from './cell-text';
import { classifyFundsHeader, classifyIndicatorHeader, pointsInFundsScoreHeader, weightInLabel, type FundsColumn } from './header-vocabulary';

export type FundsColumns = Partial<Record<FundsColumn, number>>;

export interface FundsBlock {
  headerRow: number;
  columns: FundsColumns;
  /** The 年度资金总额 row (or the only data row). */
  totalRow: number;
  /** 其中 rows: 当年财政拨款, 上年结转资金, 其他资金 … */
  subRows: number[];
  /** 万元 or 元, from "项目资金（万元）" or the header texts. */
  unit: string;
  /** No header names the unit: 万元 is assumed, and amounts that name their own unit ("850000元") may set it. */
  unitAssumed?: boolean;
  /** Weight folded into the block's label, e.g. "预算执行情况（10分）", or into its 得分 header, "得分（20分×执行率）". */
  labelWeight?: number;
  /**
   * 'rows': the headers above the amounts (the standard form). 'side-by-side': each amount right of
   * its label on one row ("年度预算数（万元）| 100 | 全年执行数（万元）| 95 | 分值 | 10 | 得分 |"); the
   * columns are then the value cells, and headerRow and totalRow are that one row. 'vertical': each
   * label on its own line down one column, its amount right of it (年初预算数 | 100 / 全年预算数 | 100 /
   * 全年执行数 | 95 / 执行率 | / 分值 | 10 / 得分 |); each field's cell is in `cells` (read them with
   * fundsCell), `columns` holds only the money fields' column, headerRow is the first label's line
   * and totalRow the 全年执行数 line.
   */
  layout: 'rows' | 'side-by-side' | 'vertical';
  /** Vertical layout: the cell of each field's value, as the rows differ from field to field. */
  cells?: Partial<Record<FundsColumn, { row: number; col: number }>>;
  /**
   * The indicator table below has a 分值 (权重) column: the form sets its points itself, so a block
   * that names no points of its own is a block the form does not score (see score-funds.ts).
   */
  indicatorsWeighted: boolean;
}

/** Where the value of a field stands, whatever the layout; undefined when the block has no such field. */
export function fundsCell(block: Pick<FundsBlock, 'columns' | 'totalRow' | 'cells'>, field: FundsColumn): { row: number; col: number } | undefined {
  if (block.cells) return block.cells[field];
  const col = block.columns[field];
  return col === undefined ? undefined : { row: block.totalRow, col };
}

const TOTAL_FUNDS = /资金总额|总额|合计|总计|小计/;
const SECTION_LABEL = /年度总体目标|总体目标|绩效指标|一级指标|三级指标/;

/** Every cell of a row that reads as a funds header, by role, left to right. */
function rowCandidates(grid: Grid, row: number): Map<FundsColumn, number[]> {
  const candidates = new Map<FundsColumn, number[]>();
  const line = grid.cells[row - grid.top] ?? [];
  line.forEach((cell, i) => {
    if (!cell) return;
    const role = classifyFundsHeader(plainText(cell));
    if (role) candidates.set(role, [...(candidates.get(role) ?? []), grid.left + i]);
  });
  return candidates;
}

/**
 * One column per role. Where two headers claim a role ("年度预算数(万元)" over the row labels and
 * "调整后预算数" over the amounts, as on Sichuan forms), the one with an amount under it is the
 * column: the other is the block's caption.
 */
function rowRoles(grid: Grid, row: number): Map<FundsColumn, number> {
  const roles = new Map<FundsColumn, number>();
  for (const [role, cols] of rowCandidates(grid, row)) {
    roles.set(role, cols.find((col) => isAmount(cellAt(grid, row + 1, col))) ?? cols[0]);
  }
  return roles;
}

/** A number, or a text that is one with its money unit ("85万", "1,250.5万元") or as a percentage (under 执行率). */
function isAmount(cell: GridCell): boolean {
  if (typeof cell.value === 'number') return true;
  return typeof cell.value === 'string' && /^[-−]?[\d,]+(\.\d+)?(万元|万|元|%)?$/.test(normaliseText(cell.value));
}

const MONEY_ROLES: FundsColumn[] = ['initial', 'adjusted', 'executed'];

/**
 * The block laid out side by side: each role's value is the cell right of its label (after the
 * label's merge). Only when no label's neighbour is itself a funds header (which is the standard
 * header row) and at least one budget or executed amount stands beside its label.
 */
function sideBySideColumns(grid: Grid, row: number, roles: Map<FundsColumn, number>): FundsColumns | undefined {
  const merges = mergeLookup(grid);
  const columns: FundsColumns = {};
  let amounts = 0;
  for (const [role, col] of roles) {
    const valueCol = (merges(row, col)?.right ?? col) + 1;
    const value = cellAt(grid, row, valueCol);
    if (classifyFundsHeader(plainText(value))) return undefined;
    columns[role] = valueCol;
    if (MONEY_ROLES.includes(role) && isAmount(value)) amounts++;
  }
  return amounts > 0 ? columns : undefined;
}

/** The block's unit as its labels name it, or 万元 (the standard form's) marked as assumed. */
function unitFields(texts: string[]): { unit: string; unitAssumed?: boolean } {
  const unit = unitOf(texts);
  return unit === undefined ? { unit: '万元', unitAssumed: true } : { unit };
}

function unitOf(texts: string[]): string | undefined {
  for (const t of texts) {
    if (/[（(]万元[)）]|万元/.test(t)) return '万元';
    if (/[（(]元[)）]/.test(t)) return '元';
  }
  return undefined;
}

function rowTexts(grid: Grid, row: number): string[] {
  return (grid.cells[row - grid.top] ?? []).map((c) => (c ? plainText(c) : '')).filter(Boolean);
}

/**
 * The funds block above `limitRow` (the indicator header), if the sheet has one. `fromRow`: where
 * this table's form starts, when the sheet holds several forms. `below`: the rows after the
 * indicator table, up to the next form, where a few forms put the block instead.
 */
export function locateFunds(grid: Grid, limitRow: number, fromRow = grid.top, below?: { from: number; to: number }): FundsBlock | undefined {
  const found = findFundsBlock(grid, limitRow, fromRow) ?? (below && findFundsBlock(grid, below.to + 1, below.from));
  return found && { ...found, indicatorsWeighted: hasWeightColumn(grid, limitRow) };
}

/** A line that heads a funds block: a budget and an executed amount (项目资金 | 全年预算数 | 全年执行数 …). */
export function isFundsHeaderLine(grid: Grid, row: number): boolean {
  const roles = rowRoles(grid, row);
  return (roles.has('adjusted') || roles.has('initial')) && roles.has('executed');
}

/** A 分值 header on the indicator table's header lines (two at most: "分值" may sit on the lower one). */
function hasWeightColumn(grid: Grid, headerRow: number): boolean {
  return [headerRow, headerRow + 1].some((row) =>
    (grid.cells[row - grid.top] ?? []).some((cell) => cell !== undefined && classifyIndicatorHeader(plainText(cell)) === 'weight'),
  );
}

function findFundsBlock(grid: Grid, limitRow: number, fromRow: number): Omit<FundsBlock, 'indicatorsWeighted'> | undefined {
  for (let row = fromRow; row < limitRow; row++) {
    const roles = rowRoles(grid, row);
    const budget = roles.get('adjusted') ?? roles.get('initial');
    if (budget === undefined || !roles.has('executed')) continue;
    const scorePoints = scoreHeaderPoints(grid, row, roles);
    const side = sideBySideColumns(grid, row, roles);
    if (side) {
      const labels = rowTexts(grid, row);
      const labelWeight = labels.map((t) => weightInLabel(t).weight).find((w) => w !== undefined) ?? scorePoints;
      return { headerRow: row, columns: side, totalRow: row, subRows: [], ...unitFields(labels), labelWeight, layout: 'side-by-side' };
    }
    const columns: FundsColumns = Object.fromEntries(roles);
    const firstMoneyCol = Math.min(...[...roles.values()]);
    const dataRows: number[] = [];
    for (let r = row + 1; r < limitRow; r++) {
      const label = labelLeftOf(grid, r, firstMoneyCol);
      if (SECTION_LABEL.test(label)) break;
      const hasMoney = [columns.initial, columns.adjusted, columns.executed].some((c) => c !== undefined && cellAt(grid, r, c).value !== null);
      if (!label && !hasMoney) break;
      dataRows.push(r);
    }
    if (dataRows.length === 0) continue;
    const totalRow = dataRows.find((r) => TOTAL_FUNDS.test(labelLeftOf(grid, r, firstMoneyCol))) ?? dataRows[0];
    const subRows = dataRows.filter((r) => r !== totalRow);
    const labels = [...rowTexts(grid, row), ...blockLabels(grid, row, firstMoneyCol)];
    const labelWeight = labels.map((t) => weightInLabel(t).weight).find((w) => w !== undefined) ?? scorePoints;
    return { headerRow: row, columns, totalRow, subRows, ...unitFields(labels), labelWeight, layout: 'rows' };
  }
  return verticalBlock(grid, limitRow, fromRow);
}

/** A label of the vertical layout and the cell right of it (past the label's merge). */
interface VerticalLabel {
  row: number;
  col: number;
  role: FundsColumn;
  value: { row: number; col: number };
}

/**
 * The block down a column: funds labels on consecutive lines of one column, each with its value
 * right of it. Taken only when one run of such lines names a budget and the executed amount, at
 * least one of them has an amount beside it, no role is named twice, and no label's neighbour is
 * itself a funds header (that is a header row, read above). A header row standing above its
 * amounts has one label per column, never a run down one.
 */
function verticalBlock(grid: Grid, limitRow: number, fromRow: number): Omit<FundsBlock, 'indicatorsWeighted'> | undefined {
  const merges = mergeLookup(grid);
  const labelsByCol = new Map<number, VerticalLabel[]>();
  for (let row = fromRow; row < limitRow; row++) {
    (grid.cells[row - grid.top] ?? []).forEach((cell, i) => {
      const role = cell ? classifyFundsHeader(plainText(cell)) : undefined;
      if (!role) return;
      const col = grid.left + i;
      const value = { row, col: (merges(row, col)?.right ?? col) + 1 };
      if (classifyFundsHeader(plainText(cellAt(grid, value.row, value.col)))) return;
      labelsByCol.set(col, [...(labelsByCol.get(col) ?? []), { row, col, role, value }]);
    });
  }
  for (const labels of labelsByCol.values()) {
    for (const run of consecutiveRuns(labels)) {
      const cells = cellsOfRun(run);
      if (cells === undefined || (cells.adjusted ?? cells.initial) === undefined || cells.executed === undefined) continue;
      const amountBeside = MONEY_ROLES.some((role) => {
        const at = cells[role];
        return at !== undefined && isAmount(cellAt(grid, at.row, at.col));
      });
      if (amountBeside) return verticalFundsBlock(grid, run, cells);
    }
  }
  return undefined;
}

/** Labels on consecutive lines, in runs (the labels of one column, top to bottom). */
function consecutiveRuns(labels: VerticalLabel[]): VerticalLabel[][] {
  const runs: VerticalLabel[][] = [];
  for (const label of labels) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].row === label.row - 1) last.push(label);
    else runs.push([label]);
  }
  return runs;
}

/** Each role's value cell; undefined when a role is named twice (two lists, or no funds block). */
function cellsOfRun(run: VerticalLabel[]): FundsBlock['cells'] {
  const cells: NonNullable<FundsBlock['cells']> = {};
  for (const label of run) {
    if (cells[label.role] !== undefined) return undefined;
    cells[label.role] = label.value;
  }
  return cells;
}

function verticalFundsBlock(grid: Grid, run: VerticalLabel[], cells: NonNullable<FundsBlock['cells']>): Omit<FundsBlock, 'indicatorsWeighted'> {
  const first = run[0];
  // The block's caption ("项目资金（万元）", "预算执行情况（10分）") stands left of the labels or above them.
  const labels = [...run.map((l) => plainText(cellAt(grid, l.row, l.col))), ...blockLabels(grid, first.row, first.col)];
  // The 分值 beside its label is read where it stands (fundsCell), like a 分值 column's cell.
  const scoreLabel = cells.score && run.find((l) => l.role === 'score');
  const labelWeight =
    labels.map((t) => weightInLabel(t).weight).find((w) => w !== undefined) ??
    (scoreLabel ? pointsInFundsScoreHeader(plainText(cellAt(grid, scoreLabel.row, scoreLabel.col))) : undefined);
  const columns: FundsColumns = {};
  for (const role of MONEY_ROLES) if (cells[role]) columns[role] = cells[role].col;
  return {
    headerRow: first.row,
    columns,
    cells,
    totalRow: (cells.executed ?? first.value).row,
    subRows: [],
    ...unitFields(labels),
    ...(labelWeight !== undefined ? { labelWeight } : {}),
    layout: 'vertical',
  };
}

/** "得分（20分×执行率）": the points of a block with no 分值 column, written into its 得分 header. */
function scoreHeaderPoints(grid: Grid, row: number, roles: Map<FundsColumn, number>): number | undefined {
  const col = roles.get('score');
  return col === undefined ? undefined : pointsInFundsScoreHeader(plainText(cellAt(grid, row, col)));
}

/** The text left of the money columns on a row ("年度资金总额", "其中：当年财政拨款"). */
function labelLeftOf(grid: Grid, row: number, firstMoneyCol: number): string {
  let label = '';
  for (let col = grid.left; col < firstMoneyCol; col++) {
    const text = plainText(cellAt(grid, row, col));
    if (text && !/^项目资金|^预算执行情况|^资金/.test(text)) label = label || text;
  }
  return label;
}

/** The block's own label ("项目资金（万元）", "预算执行情况（10分）") in the first column, at or above the header. */
function blockLabels(grid: Grid, headerRow: number, firstMoneyCol: number): string[] {
  const labels: string[] = [];
  for (let r = Math.max(grid.top, headerRow - 1); r <= headerRow + 1; r++) {
    for (let col = grid.left; col < firstMoneyCol; col++) {
      const text = plainText(cellAt(grid, r, col));
      if (/资金|预算执行/.test(text)) labels.push(text);
    }
  }
  return labels;
}
