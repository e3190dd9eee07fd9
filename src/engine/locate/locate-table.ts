/**
 * Find the indicator table on a sheet: its header (one or two rows), what each column holds,
 * the indicator rows with their inherited level-1/level-2 labels, and the 总分 row.
 */
import { cellAt, mergeLookup, type Grid, type GridCell, type MergeLookup } from '../grid';
import { isPlaceholderText, normaliseText } from '../text';
import { plainText } from './cell-text';
import { isProjectField } from './locate-project';
import {
  classifyIndicatorHeader,
  END_OF_TABLE_LABEL,
  FORM_TITLE,
  TOTAL_LABEL,
  weightInLabel,
  type IndicatorColumn,
} from './header-vocabulary';

export type IndicatorColumns = Partial<Record<IndicatorColumn, number>>;

export interface IndicatorRow {
  /** 1-based sheet row. */
  row: number;
  level1: string;
  /** Weight read from the level-1 label, e.g. 50 from "产出指标（50分）". */
  level1Weight?: number;
  /** Sheet row of the level-1 label, to group rows that share it. */
  level1Row: number;
  level2: string;
  level3: string;
  /** ★ marks a core indicator. */
  core: boolean;
}

export interface IndicatorTable {
  /** First and last header rows (equal for a one-row header). */
  headerTop: number;
  headerBottom: number;
  columns: IndicatorColumns;
  /** The header text of each column found, as written (without line breaks), for messages. */
  headers: Partial<Record<IndicatorColumn, string>>;
  rows: IndicatorRow[];
  totalRow?: number;
  /** Last row that belongs to the table (the 总分 row, or the last indicator row). */
  bottom: number;
}

const LEVEL3_HINT = /三级|指标名称|具体指标|指标内容/;
const NUMBERED_NAME = /^指标\d+[:：]/;

/** A header line of an indicator table: one of its cells names the level-3 column (三级指标, 指标名称 …). */
function isHeaderLine(line: readonly (GridCell | undefined)[] | undefined): boolean {
  return line !== undefined && line.some(
    (cell) => cell !== undefined && typeof cell.value === 'string' && LEVEL3_HINT.test(cell.value) && classifyIndicatorHeader(normaliseText(cell.value)) === 'level3',
  );
}

/**
 * Header rows of every indicator table on the sheet, top to bottom. A header repeated inside a
 * table (a printed table repeats it on every page) belongs to that table: it is not listed.
 */
export function findHeaderRows(grid: Grid): number[] {
  const found: number[] = [];
  let tableBottom = -Infinity;
  grid.cells.forEach((line, i) => {
    const row = grid.top + i;
    if (row <= tableBottom || !isHeaderLine(line)) return;
    found.push(row);
    tableBottom = readIndicatorTable(grid, row).bottom;
  });
  return found;
}

function classifyRow(grid: Grid, row: number): Map<number, IndicatorColumn> {
  const roles = new Map<number, IndicatorColumn>();
  const line = grid.cells[row - grid.top] ?? [];
  line.forEach((cell, i) => {
    if (!cell) return;
    const role = classifyIndicatorHeader(plainText(cell));
    if (role) roles.set(grid.left + i, role);
  });
  return roles;
}

/**
 * Column roles from the header row, completed by the row below when that row is a second header
 * line (指标性质 | 指标值 | 度量单位 under a merged "指标值"); the lower row wins where both speak.
 */
function readHeader(grid: Grid, headerTop: number): { columns: IndicatorColumns; headers: IndicatorTable['headers']; headerBottom: number } {
  const top = withoutSideLabels(grid, headerTop, classifyRow(grid, headerTop));
  const below = classifyRow(grid, headerTop + 1);
  const level3Col = [...top].find(([, role]) => role === 'level3')?.[0];
  const level3Below = level3Col === undefined ? '' : plainText(cellAt(grid, headerTop + 1, level3Col));
  const secondLine = below.size >= 1 && level3Below === '' && !hasData(grid, headerTop + 1, below);
  const merged = new Map(top);
  if (secondLine) for (const [col, role] of below) merged.set(col, role);
  // Headers merged down from the line above (实际完成值 over G11:G12 when 三级指标 is on row 12)
  // belong to this header too; the line above holds no role this one already has.
  const fromAbove = mergedDownInto(grid, headerTop);
  const rolesHere = new Set(merged.values());
  for (const [col, role] of fromAbove) if (!merged.has(col) && !rolesHere.has(role)) merged.set(col, role);
  const columns: IndicatorColumns = {};
  const headers: IndicatorTable['headers'] = {};
  for (const [col, role] of [...merged].sort((a, b) => a[0] - b[0])) {
    if (columns[role] !== undefined) continue;
    columns[role] = col;
    const textRow = fromAbove.get(col) === role && !top.has(col) ? headerTop - 1 : secondLine && below.has(col) ? headerTop + 1 : headerTop;
    headers[role] = plainText(cellAt(grid, textRow, col));
  }
  return { columns, headers, headerBottom: secondLine ? headerTop + 1 : headerTop };
}

/** Roles of the cells on the line above `row` whose merge reaches down into `row` (a header cell two lines tall). */
function mergedDownInto(grid: Grid, row: number): Map<number, IndicatorColumn> {
  const roles = new Map<number, IndicatorColumn>();
  if (grid.merges.length === 0) return roles;
  const mergeOf = mergeLookup(grid);
  for (const [col, role] of classifyRow(grid, row - 1)) {
    const merge = mergeOf(row - 1, col);
    if (merge && merge.top === row - 1 && merge.bottom === row) roles.set(col, role);
  }
  return roles;
}

/**
 * A label merged down the side of the indicator rows ("年度绩效指标完成情况" over A12:A39) names the
 * block, not a column, even when its words sound like one (完成情况 → 实际完成值). A column header
 * spans at most the two lines of a header.
 */
function withoutSideLabels(grid: Grid, headerTop: number, roles: Map<number, IndicatorColumn>): Map<number, IndicatorColumn> {
  if (grid.merges.length === 0) return roles;
  const mergeOf = mergeLookup(grid);
  const kept = new Map<number, IndicatorColumn>();
  for (const [col, role] of roles) {
    const merge = mergeOf(headerTop, col);
    if (!(merge && merge.top === headerTop && merge.bottom > headerTop + 1)) kept.set(col, role);
  }
  return kept;
}

/** A header continuation row holds header words only; a data row holds numbers or long text. */
function hasData(grid: Grid, row: number, headerCells: Map<number, IndicatorColumn>): boolean {
  const line = grid.cells[row - grid.top] ?? [];
  return line.some((cell, i) => cell !== undefined && cell.value !== null && !headerCells.has(grid.left + i) && typeof cell.value === 'number');
}

function textIn(grid: Grid, row: number, col: number | undefined): string {
  return col === undefined ? '' : plainText(cellAt(grid, row, col));
}

function isBlank(grid: Grid, row: number, columns: number[]): boolean {
  for (const col of columns) {
    const cell = cellAt(grid, row, col);
    if (cell.value !== null || cell.formula) return false;
  }
  return true;
}

/** The first non-empty text left of (and including) the level-3 column, for 总分 / 备注 labels. */
function leadingLabel(grid: Grid, row: number, lastCol: number): string {
  for (let col = grid.left; col <= lastCol; col++) {
    const text = plainText(cellAt(grid, row, col));
    if (text) return text;
  }
  return '';
}

function isMergedFromAbove(mergeOf: MergeLookup, row: number, col: number | undefined): boolean {
  if (col === undefined) return false;
  const m = mergeOf(row, col);
  return m !== undefined && m.top < row;
}

/** The header line `row` says the same as `headerRow`: the same roles in the same columns, in the same words. */
function sameHeaderLine(grid: Grid, headerRow: number, row: number): boolean {
  const header = classifyRow(grid, headerRow);
  const line = classifyRow(grid, row);
  if (header.size !== line.size) return false;
  for (const [col, role] of header) {
    if (line.get(col) !== role || textIn(grid, row, col) !== textIn(grid, headerRow, col)) return false;
  }
  return true;
}

/** Rows from `row` on repeat the table's header, line for line (a printed table repeats it on every page). */
function repeatsHeader(grid: Grid, row: number, headerTop: number, headerBottom: number): boolean {
  for (let i = 0; i <= headerBottom - headerTop; i++) if (!sameHeaderLine(grid, headerTop + i, row + i)) return false;
  return true;
}

const NUMBERING_LABEL = /^(序号|栏次|行次)$/;

/** "1 2 3 4 …" under a header (maybe after 序号 or 栏次): the columns' numbers, not an indicator. */
function isColumnNumbering(line: readonly (GridCell | undefined)[] | undefined): boolean {
  let count = 0;
  let previous: number | undefined;
  for (const cell of line ?? []) {
    if (!cell || cell.value === null) continue;
    const text = normaliseText(String(cell.value));
    if (count === 0 && NUMBERING_LABEL.test(text)) continue;
    if (!/^\d+$/.test(text)) return false;
    const n = Number(text);
    if (previous !== undefined && n !== previous + 1) return false;
    previous = n;
    count++;
  }
  return count >= 3;
}

/** A form title or a project field (项目名称 …): the next project's form starts, this table has ended. */
function startsNewForm(label: string): boolean {
  return FORM_TITLE.test(label) || isProjectField(label);
}

/** Strip "指标1：" numbering and the ★ core mark from a level-3 name. */
function cleanName(text: string): { name: string; core: boolean } {
  const core = text.includes('★');
  return { name: text.replace(/★/g, '').replace(NUMBERED_NAME, '').trim(), core };
}

export function readIndicatorTable(grid: Grid, headerTop: number): IndicatorTable {
  const { columns, headers, headerBottom } = readHeader(grid, headerTop);
  // Built on first need: most tables never ask, and a sheet may hold thousands of merges.
  let mergeOf: MergeLookup | undefined;
  const level3Col = columns.level3 ?? grid.left;
  const rows: IndicatorRow[] = [];
  let level1 = '';
  let level1Weight: number | undefined;
  let level1Row = headerBottom + 1;
  let level2 = '';
  let blankRun = 0;
  let totalRow: number | undefined;
  let bottom = headerBottom;
  const lastRow = grid.top + grid.cells.length - 1;
  const tableColumns = Object.values(columns);

  for (let row = headerBottom + 1; row <= lastRow; row++) {
    const label = leadingLabel(grid, row, level3Col);
    if (TOTAL_LABEL.test(label)) {
      totalRow = row;
      bottom = row;
      break;
    }
    if (END_OF_TABLE_LABEL.test(label) || startsNewForm(label)) break;
    const line = grid.cells[row - grid.top];
    if (isHeaderLine(line) || LEVEL3_HINT.test(textIn(grid, row, columns.level3))) {
      // Only a copy of this table's own header straight under an indicator row continues it (a
      // page break); any other header, or one after a section line or a gap, starts another table.
      if (!repeatsHeader(grid, row, headerTop, headerBottom) || rows[rows.length - 1]?.row !== row - 1) break;
      row += headerBottom - headerTop;
      continue;
    }
    if (isColumnNumbering(line)) continue;
    if (isBlank(grid, row, tableColumns)) {
      if (++blankRun >= 2) break;
      continue;
    }
    blankRun = 0;
    bottom = row;

    const level1Text = textIn(grid, row, columns.level1);
    // A label repeated on every row (not merged) continues its group rather than starting a new one.
    const parsed = level1Text ? weightInLabel(level1Text) : undefined;
    if (parsed && (parsed.label !== level1 || parsed.weight !== level1Weight)) {
      level1 = parsed.label;
      level1Weight = parsed.weight;
      level1Row = row;
      if (!textIn(grid, row, columns.level2) && !isMergedFromAbove((mergeOf ??= mergeLookup(grid)), row, columns.level2)) level2 = '';
    }
    const level2Text = textIn(grid, row, columns.level2);
    if (level2Text) level2 = weightInLabel(level2Text).label;

    const rawName = textIn(grid, row, columns.level3);
    if (rawName.startsWith('其中')) continue;
    const { name, core } = cleanName(rawName);
    if (isPlaceholderRow(grid, row, columns, name)) continue;
    rows.push({ row, level1, level1Weight, level1Row, level2, level3: name, core });
  }
  return { headerTop, headerBottom, columns, headers, rows, totalRow, bottom };
}

/** "指标2：" with nothing in it, "……", "/": a row left in from the template, not an indicator. */
function isPlaceholderRow(grid: Grid, row: number, columns: IndicatorColumns, name: string): boolean {
  const empty = (col: number | undefined) => {
    if (col === undefined) return true;
    const cell: GridCell = cellAt(grid, row, col);
    if (cell.value === null) return !cell.formula;
    return typeof cell.value === 'string' && isPlaceholderText(cell.value);
  };
  const nameEmpty = name === '' || isPlaceholderText(name);
  return nameEmpty && empty(columns.target) && empty(columns.actual);
}
