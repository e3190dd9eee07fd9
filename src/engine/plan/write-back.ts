/**
 * The write-back plan: which result cells get which values. Only result cells are named (得分,
 * the flag column, the funds 执行率/得分, 总分 and 等级, and weights the engine decided in empty
 * 分值 cells); a result cell holding a formula is kept and reported.
 */
import { a1 } from '../address';
import type { Evaluation, IndicatorStatus, Problem } from '../evaluation';
import { cellAt, mergeIndex, type CellRange, type Grid } from '../grid';
import type { FundsBlock } from '../locate/locate-funds';
import type { IndicatorTable } from '../locate/locate-table';
import { formatNumber, percentText, problem } from '../messages';
import type { CellWrite, FillName, WritePlan, WriteRole } from '../write-plan';
import { rawText } from '../locate/cell-text';

export interface ColumnPlan {
  score: number;
  weight?: number;
  flag: number;
  /** Columns this run adds to the right of the table, with their header text. */
  added: { col: number; header: string }[];
}

export const FLAG_HEADER = '偏差标记';

/** The first column right of everything the table region uses (cells and merges). */
function firstFreeColumn(grid: Grid, fromRow: number, toRow: number): number {
  let right = grid.left - 1;
  for (let row = fromRow; row <= toRow; row++) {
    const line = grid.cells[row - grid.top];
    if (!line) continue;
    for (let i = line.length - 1; i >= 0; i--) {
      const cell = line[i];
      if (cell && (cell.value !== null || cell.formula)) {
        right = Math.max(right, grid.left + i);
        break;
      }
    }
  }
  for (const m of grid.merges) if (m.bottom >= fromRow && m.top <= toRow) right = Math.max(right, m.right);
  return right + 1;
}

export function allocateColumns(grid: Grid, table: IndicatorTable, funds: FundsBlock | undefined): ColumnPlan {
  let next = firstFreeColumn(grid, Math.min(grid.top, funds?.headerRow ?? table.headerTop), table.bottom + 1);
  const added: ColumnPlan['added'] = [];
  const add = (header: string) => {
    added.push({ col: next, header });
    return next++;
  };
  const weight = table.columns.weight ?? (table.columns.actual !== undefined ? add('分值') : undefined);
  const score = table.columns.score ?? add('得分');
  const flag = table.columns.flag ?? add(FLAG_HEADER);
  return { score, weight, flag, added };
}

/** For a target-only table: the columns the user needs before scoring, as header cells. */
export function planAddColumns(grid: Grid, table: IndicatorTable): WritePlan {
  const headers = ['实际完成值'];
  if (table.columns.weight === undefined) headers.push('分值');
  if (table.columns.score === undefined) headers.push('得分');
  if (table.columns.note === undefined) headers.push('偏差原因分析及改进措施');
  const first = firstFreeColumn(grid, grid.top, table.bottom + 1);
  return {
    sheet: grid.sheet,
    writes: headers.map((header, i) => ({ address: a1(table.headerTop, first + i), value: header, role: 'header' as const })),
    kept: [],
  };
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

class PlanBuilder {
  readonly writes: CellWrite[] = [];
  readonly kept: WritePlan['kept'] = [];
  private readonly merges: Map<string, CellRange>;

  constructor(private readonly grid: Grid, private readonly problems: Problem[]) {
    this.merges = mergeIndex(grid);
  }

  /** Plan a write unless the cell holds a formula or hides inside someone else's merge. */
  write(row: number, col: number, value: number | string, role: WriteRole, extra: Partial<CellWrite> = {}): boolean {
    const address = a1(row, col);
    const cell = cellAt(this.grid, row, col);
    if (cell.formula) {
      this.kept.push({ address, reason: `公式 =${cell.formula}` });
      this.problems.push(problem('formula-kept', address, { formula: cell.formula, what: ROLE_NAMES[role][0], whatEn: ROLE_NAMES[role][1] }));
      return false;
    }
    const merge = this.merges.size > 0 ? this.merges.get(`${row}:${col}`) : undefined;
    if (merge && (merge.top !== row || merge.left !== col)) {
      this.kept.push({ address, reason: '位于合并单元格内' });
      return false;
    }
    this.writes.push({ address, value, role, ...extra });
    return true;
  }

  isEmpty(row: number, col: number): boolean {
    const cell = cellAt(this.grid, row, col);
    return cell.value === null && !cell.formula;
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
  const plan = new PlanBuilder(grid, problems);
  for (const { col, header } of columns.added) plan.write(table.headerTop, col, header, 'header');

  for (const ind of evaluation.indicators) {
    if (columns.weight !== undefined && decidedWeights.has(ind.row) && plan.isEmpty(ind.row, columns.weight)) {
      plan.write(ind.row, columns.weight, ind.weight, 'weight');
    }
    plan.write(ind.row, columns.score, ind.score, 'score');
    const fill = FILL_BY_STATUS[ind.status];
    plan.write(ind.row, columns.flag, ind.flag, 'flag', fill ? { fill } : {});
  }

  if (funds && evaluation.funds) planFunds(plan, funds, columns, evaluation);
  planTotal(plan, grid, table, columns, evaluation, problems);
  return { sheet: grid.sheet, writes: plan.writes, kept: plan.kept };
}

function planFunds(plan: PlanBuilder, block: FundsBlock, columns: ColumnPlan, evaluation: Evaluation): void {
  const funds = evaluation.funds;
  if (!funds) return;
  const row = block.totalRow;
  if (block.columns.rate !== undefined && funds.rate !== undefined) {
    plan.write(row, block.columns.rate, funds.rate, 'funds-rate', { numberFormat: '0.00%' });
  }
  if (block.columns.weight !== undefined && plan.isEmpty(row, block.columns.weight)) plan.write(row, block.columns.weight, funds.weight, 'weight');
  if (block.columns.score !== undefined) plan.write(row, block.columns.score, funds.score, 'funds-score');

  const low = funds.rate !== undefined && evaluation.problems.some((p) => p.code === 'funds-low-rate');
  if (block.columns.score === undefined || low) {
    const rate = funds.rate === undefined ? '无法计算' : percentText(funds.rate);
    const text = `预算执行率${rate}，资金得分${formatNumber(funds.score)}${low ? '，执行率偏低，需说明原因' : ''}`;
    plan.write(row, columns.flag, text, 'flag', { fill: low || funds.rate === undefined ? 'amber' : 'green' });
  }
}

function planTotal(plan: PlanBuilder, grid: Grid, table: IndicatorTable, columns: ColumnPlan, evaluation: Evaluation, problems: Problem[]): void {
  let row = table.totalRow;
  if (row === undefined) {
    // No 总分 row: add one under the table when that row is free.
    row = table.bottom + 1;
    const labelCol = table.columns.level1 ?? table.columns.level3 ?? grid.left;
    const line = grid.cells[row - grid.top] ?? [];
    if (line.some((c) => c && (c.value !== null || c.formula))) return;
    plan.write(row, labelCol, '总分', 'header');
  }
  if (columns.weight !== undefined && plan.isEmpty(row, columns.weight)) plan.write(row, columns.weight, evaluation.totalWeight, 'weight');
  plan.write(row, columns.score, evaluation.totalScore, 'total');
  const gradeCol = columns.score + 1;
  const current = cellAt(grid, row, gradeCol);
  if (plan.isEmpty(row, gradeCol) || GRADE_WORDS.test(rawText(current).trim())) {
    plan.write(row, gradeCol, evaluation.grade, 'grade');
  } else {
    problems.push(problem('no-grade-cell', a1(row, gradeCol)));
  }
}
