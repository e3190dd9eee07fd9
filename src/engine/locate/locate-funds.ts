/**
 * Find the funds block (项目资金 / 预算执行情况) above the indicator table: its header, the
 * 年度资金总额 row, the 其中 sub-rows, and the money unit.
 */
import { cellAt, type Grid } from '../grid';
import { plainText } from './cell-text';
import { classifyFundsHeader, weightInLabel, type FundsColumn } from './header-vocabulary';

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
  /** Weight folded into the block's label, e.g. "预算执行情况（10分）". */
  labelWeight?: number;
}

const TOTAL_FUNDS = /资金总额|总额|合计|总计|小计/;
const SECTION_LABEL = /年度总体目标|总体目标|绩效指标|一级指标|三级指标/;

function rowRoles(grid: Grid, row: number): Map<FundsColumn, number> {
  const roles = new Map<FundsColumn, number>();
  const line = grid.cells[row - grid.top] ?? [];
  line.forEach((cell, i) => {
    if (!cell) return;
    const role = classifyFundsHeader(plainText(cell));
    if (role && !roles.has(role)) roles.set(role, grid.left + i);
  });
  return roles;
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

/** The funds block above `limitRow` (the indicator header), if the sheet has one. */
/** `fromRow`: where this table's form starts, when the sheet holds several forms. */
export function locateFunds(grid: Grid, limitRow: number, fromRow = grid.top): FundsBlock | undefined {
  for (let row = fromRow; row < limitRow; row++) {
    const roles = rowRoles(grid, row);
    const budget = roles.get('adjusted') ?? roles.get('initial');
    if (budget === undefined || !roles.has('executed')) continue;
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
    const labelWeight = labels.map((t) => weightInLabel(t).weight).find((w) => w !== undefined);
    return { headerRow: row, columns, totalRow, subRows, unit: unitOf(labels) ?? '万元', labelWeight };
  }
  return undefined;
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
