/**
 * Find the indicator table on a sheet: its header (one or two rows), what each column holds,
 * the indicator rows with their inherited level-1/level-2 labels, and the 总分 row.
 */
import { a1 } from '../address';
import type { Problem } from '../evaluation';
import { cellAt, mergeLookup, type Grid, type GridCell, type MergeLookup } from '../grid';
import { problem } from '../messages';
import { pointsIn } from '../read-points';
import { isPlaceholderText, normaliseText } from '../text';
import { displayText, plainText } from './cell-text';
import { isFundsHeaderLine } from './locate-funds';
import { isProjectField } from './locate-project';
import {
  classifyIndicatorHeader,
  END_OF_TABLE_LABEL,
  FORM_TITLE,
  LEVEL3_BY_POSITION,
  level1Group,
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
  /**
   * Points written on the level-2 row itself (a 分值 on a row with no 三级指标), to be spread over
   * the rows under it, and that row.
   */
  level2Weight?: number;
  level2Row?: number;
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
  /**
   * The last column under a 年度指标值 or 实际完成值 header merged across several columns with no
   * line naming them ("≥ | 100 | 人" under one header): the row's value is what they say together.
   */
  spans: Partial<Record<'target' | 'actual', number>>;
  rows: IndicatorRow[];
  totalRow?: number;
  /**
   * The unit's total printed above the table ("项目总得分 | 99", or "项目总得分：99分" in one cell):
   * the run writes its own total there.
   */
  totalCell?: { row: number; col: number };
  /** Last row that belongs to the table (the 总分 row, the last indicator row, or the end of its merged blocks). */
  bottom: number;
  /** Doubts about the reading (which of two columns is the 分值 column …), naming the cells. */
  problems: Problem[];
}

const LEVEL3_HINT = /三级|指标名称|具体指标|指标内容/;
const NUMBERED_NAME = /^指标\d+[:：]/;

/** A sentence, not a header word: "具体指标见附表，三级指标按实际填报". */
const PROSE = /[，。；！？,;]/;

/** What a header cell names, when it reads as a header word rather than a sentence. */
function headerRole(text: string): IndicatorColumn | undefined {
  return PROSE.test(text) ? undefined : classifyIndicatorHeader(text);
}

/**
 * A header line of an indicator table: one of its cells names the level-3 column (三级指标, 指标名称 …)
 * and another cell on the line, or merged down into it from the line above, names another column.
 * A line of prose that mentions 三级指标 names one column at most.
 */
function isHeaderLine(grid: Grid, row: number): boolean {
  const line = grid.cells[row - grid.top];
  if (line === undefined) return false;
  // One pass over the line (this runs on every line of the sheet): the level-3 header, else the
  // words the two other ways of naming it need (二级 beside it, or 值 in a target or actual header).
  let level3 = -1;
  let level2Word = false;
  let valueWord = false;
  for (let i = 0; i < line.length && level3 < 0; i++) {
    const value = line[i]?.value;
    if (typeof value !== 'string') continue;
    if (LEVEL3_HINT.test(value) && headerRole(normaliseText(value)) === 'level3') level3 = i;
    level2Word ||= value.includes('二级');
    valueWord ||= value.includes('值');
  }
  if (level3 < 0) return (level2Word || valueWord) && namesLevel3ByPosition(grid, row, level2Word);
  const other = line.some(
    (cell, i) => i !== level3 && cell !== undefined && typeof cell.value === 'string' && headerRole(normaliseText(cell.value)) !== undefined,
  );
  return other || mergedDownInto(grid, row).size > 0;
}

/**
 * Every indicator table on the sheet, by header row, top to bottom. A header repeated inside a
 * table (a printed table repeats it on every page) belongs to that table: it is not listed. Each
 * table is read once here, to know where it ends, and handed on, so scoring does not read it again.
 */
export function findIndicatorTables(grid: Grid): Map<number, IndicatorTable> {
  const found = new Map<number, IndicatorTable>();
  let tableBottom = -Infinity;
  grid.cells.forEach((_line, i) => {
    const row = grid.top + i;
    if (row <= tableBottom || !isHeaderLine(grid, row)) return;
    const table = readIndicatorTable(grid, row);
    found.set(row, table);
    tableBottom = table.bottom;
  });
  return found;
}

/**
 * A line that names the level-3 column by where it stands (classifyRow): right of 二级指标
 * ("绩效指标"/"指标"), with a target or an actual headed; or, with no 二级, left of the target
 * over the indicators' names ("绩效指标 | 指标值 | 完成值 | 权重 | 得分"), with both headed.
 */
function namesLevel3ByPosition(grid: Grid, row: number, level2Word: boolean): boolean {
  const roles = new Set(classifyRow(grid, row).values());
  const target = roles.has('target');
  const actual = roles.has('actual');
  return roles.has('level3') && (level2Word ? target || actual : target && actual);
}

/**
 * The few lines under a header cell hold names: it heads a column, not a side label. Not when the
 * next line is a header line of its own (一级指标 | 二级指标 | 三级指标 under a caption line).
 */
function hasNamesBelow(grid: Grid, row: number, col: number): boolean {
  const next = grid.cells[row + 1 - grid.top] ?? [];
  const levels: ReadonlySet<IndicatorColumn | undefined> = new Set<IndicatorColumn>(['level1', 'level2', 'level3']);
  if (next.some((cell) => cell !== undefined && typeof cell.value === 'string' && levels.has(classifyIndicatorHeader(plainText(cell))))) return false;
  for (let below = row + 1; below <= row + 3; below++) if (cellAt(grid, below, col).value !== null) return true;
  return false;
}

function classifyRow(grid: Grid, row: number): Map<number, IndicatorColumn> {
  const roles = new Map<number, IndicatorColumn>();
  const line = grid.cells[row - grid.top] ?? [];
  line.forEach((cell, i) => {
    if (!cell) return;
    const role = classifyIndicatorHeader(plainText(cell));
    if (role) roles.set(grid.left + i, role);
  });
  const level2 = [...roles].find(([, role]) => role === 'level2')?.[0];
  if (level2 !== undefined && ![...roles.values()].includes('level3')) {
    // The first header cell right of 二级指标 (past its own merge, if any) names the level-3 column.
    const next = line.findIndex((cell, i) => grid.left + i > level2 && cell !== undefined && cell.value !== null);
    if (next >= 0 && !roles.has(grid.left + next) && LEVEL3_BY_POSITION.test(plainText(line[next] as GridCell))) roles.set(grid.left + next, 'level3');
  }
  const target = [...roles].find(([, role]) => role === 'target')?.[0];
  if (level2 === undefined && target !== undefined && ![...roles.values()].includes('level3')) {
    // No 二级指标: the nearest header left of the target that says 指标 and heads names, not a side label.
    for (let col = target - 1; col >= grid.left; col--) {
      const text = plainText(cellAt(grid, row, col));
      if (text === '') continue;
      if (!roles.has(col) && LEVEL3_BY_POSITION.test(text) && hasNamesBelow(grid, row, col)) roles.set(col, 'level3');
      break;
    }
  }
  return roles;
}

/**
 * Column roles from the header row, completed by the row below when that row is a second header
 * line (指标性质 | 指标值 | 度量单位 under a merged "指标值"); the lower row wins where both speak.
 */
function readHeader(
  grid: Grid,
  headerTop: number,
): { columns: IndicatorColumns; headers: IndicatorTable['headers']; spans: IndicatorTable['spans']; headerBottom: number; problems: Problem[] } {
  const top = withoutSideLabels(grid, headerTop, classifyRow(grid, headerTop));
  const below = classifyRow(grid, headerTop + 1);
  const level3Col = [...top].find(([, role]) => role === 'level3')?.[0];
  const level3Below = level3Col === undefined ? '' : plainText(cellAt(grid, headerTop + 1, level3Col));
  const secondLine = below.size >= 1 && level3Below === '' && !hasData(grid, headerTop + 1, below);
  const merged = new Map(top);
  if (secondLine) for (const [col, role] of below) merged.set(col, role);
  // Headers merged down from the line above (实际完成值 over G11:G12 when 三级指标 is on row 12)
  // belong to this header too; the line above holds no role this one already has.
  const fromAbove = new Map([...headerWordsAbove(grid, headerTop, top), ...mergedDownInto(grid, headerTop)]);
  const rolesHere = new Set(merged.values());
  for (const [col, role] of fromAbove) if (!merged.has(col) && !rolesHere.has(role)) merged.set(col, role);
  const headerBottom = secondLine ? headerTop + 1 : headerTop;
  const textRowOf = (col: number, role: IndicatorColumn) =>
    fromAbove.get(col) === role && !top.has(col) ? headerTop - 1 : secondLine && below.has(col) ? headerTop + 1 : headerTop;
  const candidates = new Map<IndicatorColumn, number[]>();
  for (const [col, role] of [...merged].sort((a, b) => a[0] - b[0])) candidates.set(role, [...(candidates.get(role) ?? []), col]);
  const columns: IndicatorColumns = {};
  const headers: IndicatorTable['headers'] = {};
  const problems: Problem[] = [];
  for (const [role, cols] of candidates) {
    const col =
      cols.length === 1
        ? cols[0]
        : (levelPointsColumn(merged, role, cols) ??
          adjustedTarget(grid, role, cols, textRowOf, problems) ??
          chooseByContent(grid, role, cols, headerBottom, textRowOf, problems));
    columns[role] = col;
    headers[role] = plainText(cellAt(grid, textRowOf(col, role), col));
  }
  // A second header line names the columns under a merged header itself (指标性质 | 指标值 | 度量单位, 完成数 | 完成率).
  const spans = secondLine ? {} : mergedValueSpans(grid, columns, merged, textRowOf);
  return { columns, headers, spans, headerBottom, problems };
}

/** See IndicatorTable.spans. */
function mergedValueSpans(
  grid: Grid,
  columns: IndicatorColumns,
  roles: ReadonlyMap<number, IndicatorColumn>,
  textRowOf: (col: number, role: IndicatorColumn) => number,
): IndicatorTable['spans'] {
  const spans: IndicatorTable['spans'] = {};
  if (columns.operator !== undefined || columns.unit !== undefined) return spans;
  for (const role of ['target', 'actual'] as const) {
    const col = columns[role];
    if (col === undefined) continue;
    const row = textRowOf(col, role);
    const merge = grid.merges.find((m) => m.top <= row && m.bottom >= row && m.left === col && m.right > col);
    if (!merge) continue;
    let right = col;
    while (right < merge.right && !roles.has(right + 1)) right++;
    if (right > col) spans[role] = right;
  }
  return spans;
}

/**
 * "一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | …": a 分值 column after each level. The rows'
 * points are the one after 三级指标; the others are their groups' (no doubt to report).
 */
function levelPointsColumn(roles: ReadonlyMap<number, IndicatorColumn>, role: IndicatorColumn, cols: number[]): number | undefined {
  if (role !== 'weight') return undefined;
  const first = Math.min(...roles.keys());
  /** The nearest other role left of a column. */
  const levelBefore = (col: number): IndicatorColumn | undefined => {
    for (let c = col - 1; c >= first; c--) {
      const r = roles.get(c);
      if (r !== undefined && r !== 'weight') return r;
    }
    return undefined;
  };
  const sorted = [...cols].sort((a, b) => a - b);
  const levels = sorted.map(levelBefore);
  const last = levels.length - 1;
  return levels[last] === 'level3' && levels.slice(0, last).every((l) => l === 'level1' || l === 'level2') ? sorted[last] : undefined;
}

/**
 * "年初指标值 | 调整后指标值" (or 年初目标值 | 全年目标值): the targets as set at the start of the
 * year and as adjusted. The year is scored on the adjusted one, as the funds on 全年预算数, and a
 * notice names both columns.
 */
function adjustedTarget(
  grid: Grid,
  role: IndicatorColumn,
  cols: number[],
  textRowOf: (col: number, role: IndicatorColumn) => number,
  problems: Problem[],
): number | undefined {
  if (role !== 'target') return undefined;
  const header = (col: number) => normaliseText(plainText(cellAt(grid, textRowOf(col, role), col)));
  const initial = cols.filter((col) => /年初/.test(header(col)));
  const adjusted = cols.filter((col) => !/年初/.test(header(col)) && /调整|全年|年度/.test(header(col)));
  if (initial.length === 0 || adjusted.length !== 1) return undefined;
  const [chosen] = adjusted;
  const cell = (col: number) => `“${header(col)}”（${a1(textRowOf(col, role), col)}）`;
  problems.push(problem('target-adjusted', a1(textRowOf(chosen, role), chosen), { initial: cell(initial[0]), adjusted: cell(chosen) }));
  return chosen;
}

/** How many of the first rows under a header are looked at to confirm what a column holds. */
const EVIDENCE_ROWS = 30;

const NUMERIC_ROLES: ReadonlySet<IndicatorColumn> = new Set<IndicatorColumn>(['weight', 'score', 'override']);

/** What a column of this role holds: numbers under 分值/得分, short texts elsewhere (not explanations). */
function fitsRole(role: IndicatorColumn, cell: GridCell): boolean {
  if (cell.value === null) return false;
  if (NUMERIC_ROLES.has(role)) return typeof cell.value === 'number' || pointsIn(cell) !== undefined;
  return typeof cell.value === 'number' || normaliseText(cell.value as string).length <= 40;
}

/**
 * Several header cells name the same column ("指标分值" and "分值"): the one whose cells below hold
 * what that column holds is taken (the leftmost when they are alike), and the doubt is reported
 * with both header cells.
 */
function chooseByContent(
  grid: Grid,
  role: IndicatorColumn,
  cols: number[],
  headerBottom: number,
  textRowOf: (col: number, role: IndicatorColumn) => number,
  problems: Problem[],
): number {
  const last = Math.min(headerBottom + EVIDENCE_ROWS, grid.top + grid.cells.length - 1);
  const fits = cols.map((col) => {
    let n = 0;
    for (let row = headerBottom + 1; row <= last; row++) if (fitsRole(role, cellAt(grid, row, col))) n++;
    return n;
  });
  const filled = (col: number) => {
    for (let row = headerBottom + 1; row <= last; row++) if (cellAt(grid, row, col).value !== null) return true;
    return false;
  };
  let best = 0;
  fits.forEach((n, i) => {
    if (n > fits[best]) best = i;
  });
  // Two explanation columns (偏差原因 | 改进措施) are no doubt; two columns of points are. A header
  // with nothing under it (a block caption "年度绩效指标完成情况" whose merge was lost) is no rival.
  const rivals = NUMERIC_ROLES.has(role) ? cols.filter((_, i) => i !== best && fits[i] > 0) : [];
  if ((best !== 0 && filled(cols[0])) || rivals.length > 0) {
    const name = (col: number) => `${a1(textRowOf(col, role), col)}“${displayText(cellAt(grid, textRowOf(col, role), col))}”`;
    const chosen = cols[best];
    problems.push(
      problem('column-doubt', a1(textRowOf(chosen, role), chosen), {
        cells: cols.map(name).join('、'),
        cellsEn: cols.map(name).join(', '),
        chosen: name(chosen),
        role: ROLE_WORDS[role][0],
        roleEn: ROLE_WORDS[role][1],
        count: fits[best],
        others: cols
          .filter((c) => c !== chosen)
          .map((c) => a1(textRowOf(c, role), c))
          .join('、'),
      }),
    );
  }
  return cols[best];
}

const ROLE_WORDS: Record<IndicatorColumn, [string, string]> = {
  level1: ['一级指标', 'level-1'],
  level2: ['二级指标', 'level-2'],
  level3: ['三级指标', 'level-3'],
  operator: ['指标性质', 'operator'],
  target: ['年度指标值', 'target'],
  unit: ['计量单位', 'unit'],
  actual: ['实际完成值', 'actual'],
  weight: ['分值', 'weight'],
  score: ['得分', 'score'],
  note: ['偏差原因', 'notes'],
  override: ['人工认定得分', 'hand-set score'],
  flag: ['偏差标记', 'flag'],
};

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

/** The goal section of the form ("年度总体目标 | 预期目标 | 实际完成情况"): its words sound like columns but are not. */
const GOAL_SECTION = /总体目标/;

/**
 * A header two lines tall with its merges lost (or never made): "实际完成值 | 分值 | 得分" stand on the
 * upper line over empty cells of the line that names 三级指标 (under "年度指标值" the lower line
 * splits it into 指标性质 | 指标值 | 度量单位). They are this header's columns when the upper line
 * reads as a header: two or more such words, no figures, not the goal section. A header word over
 * a filled cell of the lower line is that cell's group caption, and a role the lower line already
 * has stays the lower line's.
 */
function headerWordsAbove(grid: Grid, row: number, here: Map<number, IndicatorColumn>): Map<number, IndicatorColumn> {
  const found = new Map<number, IndicatorColumn>();
  const above = grid.cells[row - 1 - grid.top];
  if (above === undefined) return found;
  if (above.some((cell) => cell !== undefined && (typeof cell.value === 'number' || (typeof cell.value === 'string' && GOAL_SECTION.test(cell.value)))))
    return found;
  const rolesHere = new Set(here.values());
  for (const [col, role] of classifyRow(grid, row - 1)) {
    if (!rolesHere.has(role) && cellAt(grid, row, col).value === null && headerRole(plainText(cellAt(grid, row - 1, col))) === role) found.set(col, role);
  }
  return found.size >= 2 ? found : new Map();
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

/** "（A）", "B", "C=B/A": a column's letter, as forms mark 年度指标值 (A) and 实际完成值 (B). */
const COLUMN_LETTER = /^\(?[A-Z](?:[/=÷×*][A-Z])*\)?$/;

/** "（A） | （B）" under a header: the columns' letters, not an indicator. */
function isColumnLettering(line: readonly (GridCell | undefined)[] | undefined): boolean {
  let count = 0;
  for (const cell of line ?? []) {
    if (!cell || cell.value === null) continue;
    if (!COLUMN_LETTER.test(normaliseText(String(cell.value)))) return false;
    count++;
  }
  return count >= 2;
}

const FUNDS_WORDS = /资金|预算|执行|支出/;

/** How far below a funds block that follows the indicators its form's 总分 row is looked for. */
const TOTAL_AFTER_FUNDS_ROWS = 12;

/** The form's 总分 row under a funds block that follows the indicators, before anything else begins. */
function totalAfterFunds(grid: Grid, fundsRow: number, level3Col: number, lastRow: number): number | undefined {
  for (let row = fundsRow + 1; row <= Math.min(lastRow, fundsRow + TOTAL_AFTER_FUNDS_ROWS); row++) {
    const label = leadingLabel(grid, row, level3Col);
    if (TOTAL_LABEL.test(label)) return row;
    if (END_OF_TABLE_LABEL.test(label) || startsNewForm(label) || isHeaderLine(grid, row)) return undefined;
  }
  return undefined;
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
  const { columns, headers, spans, headerBottom, problems } = readHeader(grid, headerTop);
  // Built on first need: most tables never ask, and a sheet may hold thousands of merges.
  let mergeOf: MergeLookup | undefined;
  const merges = (): MergeLookup => (mergeOf ??= mergeLookup(grid));
  const level3Col = columns.level3 ?? grid.left;
  const rows: IndicatorRow[] = [];
  let level1 = '';
  let level1Weight: number | undefined;
  /** The level-1 weight came from the 分值 cell of the level-1 row, not from its label. */
  let level1WeightInColumn = false;
  let level1Row = headerBottom + 1;
  let level2 = '';
  let level2Weight: number | undefined;
  let level2Row: number | undefined;
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
    // A funds block under the indicators (a few forms put it there) ends them; the form's 总分 may
    // follow it. Its first words name money (项目资金, 全年预算数): the cheap test, on every row.
    if (FUNDS_WORDS.test(label) && isFundsHeaderLine(grid, row)) {
      totalRow = totalAfterFunds(grid, row, level3Col, lastRow);
      break;
    }
    const line = grid.cells[row - grid.top];
    const name3 = textIn(grid, row, columns.level3);
    if (isHeaderLine(grid, row) || (LEVEL3_HINT.test(name3) && headerRole(name3) === 'level3')) {
      // Only a copy of this table's own header straight under an indicator row continues it (a
      // page break); any other header, or one after a section line or a gap, starts another table.
      if (!repeatsHeader(grid, row, headerTop, headerBottom) || rows[rows.length - 1]?.row !== row - 1) break;
      row += headerBottom - headerTop;
      continue;
    }
    if (isColumnNumbering(line) || isColumnLettering(line)) continue;
    // A legend or a sub-table under the indicators, with its own 序号 header.
    if (NUMBERING_LABEL.test(label)) break;
    if (isBlank(grid, row, tableColumns)) {
      // Blank lines inside the merged 一级/二级 blocks (or under a side label) are still the table.
      if (grid.merges.length > 0 && insideTableBlock(merges(), row, headerTop, grid.left, level3Col)) {
        bottom = row;
        continue;
      }
      if (++blankRun < 2) continue;
      const resume = rowAfterGap(grid, row, columns, tableColumns, level3Col);
      if (resume === undefined) break;
      if (!TOTAL_LABEL.test(leadingLabel(grid, resume, level3Col))) {
        // the label that says the table goes on: the new 一级 block's, or the 二级 block's under the same 一级
        const labelCol = [columns.level1, columns.level2].find((col) => isGroupLabel(grid, resume, col)) ?? level3Col;
        problems.push(problem('table-gap', a1(resume, labelCol), { from: row - blankRun + 1, to: resume - 1 }));
      }
      blankRun = 0;
      row = resume - 1;
      continue;
    }
    blankRun = 0;
    bottom = row;

    const level1Text = textIn(grid, row, columns.level1);
    // A label repeated on every row (not merged) continues its group rather than starting a new one.
    const parsed = level1Text ? weightInLabel(level1Text) : undefined;
    const sameGroup =
      parsed !== undefined && parsed.label === level1 && (parsed.weight === level1Weight || (parsed.weight === undefined && level1WeightInColumn));
    if (parsed && !sameGroup) {
      level1 = parsed.label;
      level1Weight = parsed.weight;
      level1WeightInColumn = false;
      level1Row = row;
      level2Weight = undefined;
      level2Row = undefined;
      if (!textIn(grid, row, columns.level2) && !isMergedFromAbove(merges(), row, columns.level2)) level2 = '';
    }
    const level2Text = textIn(grid, row, columns.level2);
    if (level2Text) {
      const parsed2 = weightInLabel(level2Text);
      if (parsed2.label !== level2 || parsed2.weight !== undefined) {
        level2Weight = parsed2.weight;
        level2Row = parsed2.weight === undefined ? undefined : row;
      }
      level2 = parsed2.label;
    }

    const rawName = textIn(grid, row, columns.level3);
    if (rawName.startsWith('其中')) continue;
    const { name, core } = cleanName(rawName);
    // "产出指标小计 | | | 60 | 60": the group's points added up, not an indicator; the table goes on.
    if (SUBTOTAL.test(name) && isPlaceholderRow(grid, row, columns, '')) {
      problems.push(problem('subtotal-kept', a1(row, columns.score ?? level3Col), { row, name }));
      continue;
    }
    if (isPlaceholderRow(grid, row, columns, name)) {
      // A 一级/二级 row with points in the 分值 column and no indicator of its own: its points are
      // the group's, to be shared by the rows under it.
      const points = columns.weight === undefined ? undefined : pointsIn(cellAt(grid, row, columns.weight));
      if (points !== undefined && level2Text) {
        level2Weight = points;
        level2Row = row;
      } else if (points !== undefined && parsed && parsed.weight === undefined) {
        level1Weight = points;
        level1WeightInColumn = true;
      }
      continue;
    }
    rows.push({ row, level1, level1Weight, level1Row, level2, ...(level2Weight !== undefined ? { level2Weight, level2Row } : {}), level3: name, core });
  }
  // The merged blocks reach past the last filled line (the sheet's last rows may be blank but merged).
  if (totalRow === undefined && grid.merges.length > 0) bottom = blockBottom(merges(), bottom, headerTop, grid.left, level3Col);
  return { headerTop, headerBottom, columns, headers, spans, rows, totalRow, ...withTotalCell(findTotalAbove(grid, headerTop)), bottom, problems };
}

/**
 * A block's blank tail is a few rows; a merge down to the sheet's end (a damaged or hostile file) is
 * not followed further than this, so the rows the write plan walks stay the table's own.
 */
const MAX_BLANK_TAIL = 100;

/** The lowest row that a merge of the table's blocks (left of 三级指标) covering `row` reaches. */
function blockBottom(mergeOf: MergeLookup, row: number, headerTop: number, left: number, level3Col: number): number {
  let bottom = row;
  for (let col = left; col < level3Col; col++) {
    const m = mergeOf(row, col);
    if (m && m.top >= headerTop && m.bottom > bottom) bottom = Math.min(m.bottom, row + MAX_BLANK_TAIL);
  }
  return bottom;
}

function withTotalCell(totalCell: IndicatorTable['totalCell']): Pick<IndicatorTable, 'totalCell'> {
  return totalCell ? { totalCell } : {};
}

/** Blank lines after which the rows below may still belong to the table. */
const MAX_GAP = 4;

/**
 * After two blank lines, the table goes on only where the content says so: within a few lines
 * comes its 总分 row, or a new 一级指标 or 二级指标 block (产出/效益/满意度, 数量/成本/社会效益指标 …
 * with an indicator and its target). Unmerged, a 二级 block of the same 一级 group carries no
 * 一级 label of its own ("成本指标" after an empty 时效指标 block), and is as much the table's.
 * Anything else (notes, a legend, another form) lies outside the table.
 */
function rowAfterGap(grid: Grid, blankRow: number, columns: IndicatorColumns, tableColumns: number[], level3Col: number): number | undefined {
  const last = Math.min(blankRow + MAX_GAP - 1, grid.top + grid.cells.length - 1);
  for (let row = blankRow + 1; row <= last; row++) {
    if (isBlank(grid, row, tableColumns)) continue;
    const label = leadingLabel(grid, row, level3Col);
    if (TOTAL_LABEL.test(label)) return row;
    const startsGroup = isGroupLabel(grid, row, columns.level1) || isGroupLabel(grid, row, columns.level2);
    const name = cleanName(textIn(grid, row, columns.level3)).name;
    const indicator = name !== '' && !isPlaceholderText(name) && columns.target !== undefined && !isBlank(grid, row, [columns.target]);
    return startsGroup && indicator && !isHeaderLine(grid, row) ? row : undefined;
  }
  return undefined;
}

/** "效益指标", "成本指标（10分）": a label of a known indicator group, not a note or a stray word. */
function isGroupLabel(grid: Grid, row: number, col: number | undefined): boolean {
  const label = weightInLabel(textIn(grid, row, col)).label;
  return label !== '' && level1Group(label) !== undefined && /指标$/.test(label);
}

/**
 * A blank line covered by a merge that starts at or below the header, left of the 三级指标 column:
 * an 一级/二级 block or the side label over the indicator rows still runs through it.
 */
function insideTableBlock(mergeOf: MergeLookup, row: number, headerTop: number, left: number, level3Col: number): boolean {
  for (let col = left; col < level3Col; col++) {
    const m = mergeOf(row, col);
    if (m && m.top >= headerTop && m.top < row) return true;
  }
  return false;
}

/** "项目总得分：99分" → the label and the figure; "项目总得分" → the label alone. */
const TOTAL_IN_LABEL = /^(.*?[:：]?)\s*(\d+(?:\.\d+)?)\s*分?$/;

/**
 * The unit's total printed above the table, between the form's title and the header: a 总分 label
 * with one figure after it in the row ("项目总得分 | 99"), or the figure inside the label cell
 * ("项目总得分：99分"). A row with more figures (a 合计 row of the funds block, "总分 | 100 | 95" of
 * a table above) is not it. Among the project fields ("部门联系人 | 李某 | 自评总分（分） | 97.93"),
 * a label that names a score, with a figure in the next cell, is it too. Above a title or another
 * table's header lies another form: the search stops there.
 */
function findTotalAbove(grid: Grid, headerTop: number): IndicatorTable['totalCell'] {
  for (let row = headerTop - 1; row >= grid.top; row--) {
    const line = grid.cells[row - grid.top] ?? [];
    const filled = line.flatMap((cell, i) => (cell !== undefined && cell.value !== null ? [{ cell, i }] : []));
    if (filled.length === 0) continue;
    const text = plainText(filled[0].cell);
    if (FORM_TITLE.test(text) || isHeaderLine(grid, row)) return undefined;
    if (TOTAL_LABEL.test(text)) {
      const figures = filled.slice(1);
      if (figures.length === 0 && TOTAL_IN_LABEL.exec(text)?.[2] !== undefined) return { row, col: grid.left + filled[0].i };
      if (figures.length === 1 && pointsIn(figures[0].cell) !== undefined) return { row, col: grid.left + figures[0].i };
      continue;
    }
    for (let k = 1; k < filled.length - 1; k++) {
      const label = plainText(filled[k].cell);
      if (TOTAL_LABEL.test(label) && SCORE_WORDS.test(label) && pointsIn(filled[k + 1].cell) !== undefined) return { row, col: grid.left + filled[k + 1].i };
    }
  }
  return undefined;
}

/** A total label that names a score (自评总分, 自评得分, 总得分), not a sum of money (合计). */
const SCORE_WORDS = /得分|总分|评分/;

/** A subtotal line's name: "小计", "产出指标小计", "效益指标合计". */
const SUBTOTAL = /(小计|合计|总计)$/;

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
