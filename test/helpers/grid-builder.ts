/** Build a Grid from rows of plain values, for tests that need a sheet without an .xlsx file. */
import type { CellRange, CellValue, Grid, GridCell } from '../../src/engine/grid';
import { parseA1, parseRange } from '../../src/engine/address';
import seed from '../fixtures/seed-case.json';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';

export type CellSpec = CellValue | undefined | Partial<GridCell>;

function toCell(spec: CellSpec): GridCell | undefined {
  if (spec === undefined || spec === null || spec === '') return undefined;
  if (typeof spec === 'object') {
    const value = spec.value ?? null;
    return {
      value,
      text: spec.text ?? (value === null ? '' : String(value)),
      format: spec.format ?? 'General',
      ...(spec.formula ? { formula: spec.formula } : {}),
      ...(spec.error ? { error: spec.error } : {}),
    };
  }
  return { value: spec, text: String(spec), format: 'General' };
}

/** `merges` in A1 form ("A1:J1"); `top`/`left` place the first row and column on the sheet. */
export function gridFromRows(rows: CellSpec[][], options: { sheet?: string; merges?: string[]; top?: number; left?: number } = {}): Grid {
  const merges: CellRange[] = (options.merges ?? []).map(parseRange);
  return {
    sheet: options.sheet ?? '自评表',
    top: options.top ?? 1,
    left: options.left ?? 1,
    cells: rows.map((r) => r.map(toCell)),
    merges,
  };
}

/** A standard-form sheet (财预〔2020〕10号 附件) with the given indicator rows, starting at A1. */
export interface StandardRow {
  level1?: string;
  level2?: string;
  level3: string;
  target: CellSpec;
  actual: CellSpec;
  weight?: CellSpec;
  note?: string;
}

export function standardForm(
  rows: StandardRow[],
  funds: { initial?: CellSpec; adjusted?: CellSpec; executed?: CellSpec; weight?: CellSpec } = { initial: 100, adjusted: 100, executed: 100, weight: 10 },
): Grid {
  const header: CellSpec[][] = [
    ['项目支出绩效自评表'],
    ['（2024年度）'],
    ['项目名称', '测试项目'],
    ['主管部门', '某局', undefined, undefined, undefined, '实施单位', '某中心'],
    ['项目资金（万元）', undefined, undefined, undefined, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [undefined, '年度资金总额', undefined, undefined, funds.initial, funds.adjusted, funds.executed, funds.weight],
    ['年度总体目标', '预期目标', undefined, undefined, undefined, '实际完成情况'],
    [undefined, '目标', undefined, undefined, undefined, '完成'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  const body: CellSpec[][] = rows.map((r) => [undefined, r.level1, r.level2, r.level3, r.target, r.actual, r.weight, undefined, r.note]);
  const total = ['总分', undefined, undefined, undefined, undefined, undefined, 100];
  return gridFromRows([...header, ...body, total]);
}

/** The seed case (test/fixtures/seed-case.json) on a standard form: header on row 9, indicators on rows 10–18, 总分 on row 19. */
export function seedForm(): Grid {
  type SeedIndicator = (typeof seed.indicators)[number] & { deviationNote?: string };
  return standardForm(
    (seed.indicators as SeedIndicator[]).map((i) => ({
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      target: i.target,
      actual: i.actual,
      note: i.deviationNote,
    })),
    { initial: seed.funds.initial, adjusted: seed.funds.adjusted, executed: seed.funds.executed, weight: seed.funds.weight },
  );
}

/** One shared, frozen empty row: how a sparse reader fills the rows between a table and a far-away cell. */
const NO_CELLS = Object.freeze([]) as unknown as (GridCell | undefined)[];

/**
 * The grid with cells put at far-away addresses ("XFD1048576"), stored the way a sparse reader
 * stores them: every row in between is one shared frozen empty array, and a far cell sits alone
 * in a holey row. Addresses must lie below and right of the grid's top-left corner.
 */
export function withCellsAt(grid: Grid, cells: Record<string, CellSpec>): Grid {
  const rows = grid.cells.slice();
  for (const [address, spec] of Object.entries(cells)) {
    const { row, col } = parseA1(address);
    const r = row - grid.top;
    while (rows.length <= r) rows.push(NO_CELLS);
    const line = rows[r] === NO_CELLS ? [] : rows[r].slice();
    line[col - grid.left] = toCell(spec);
    rows[r] = line;
  }
  return { ...grid, cells: rows };
}

/** The grid with more merged areas, in A1 form ("A1:XFD1048576"). */
export function withMerges(grid: Grid, ranges: string[]): Grid {
  return { ...grid, merges: grid.merges.concat(ranges.map(parseRange)) };
}

/** The grid with `rows` inserted above sheet row `before`; merges at or below it move down. */
export function insertRows(grid: Grid, before: number, rows: CellSpec[][]): Grid {
  const at = before - grid.top;
  const n = rows.length;
  const shift = (m: CellRange): CellRange =>
    m.top >= before ? { ...m, top: m.top + n, bottom: m.bottom + n } : m.bottom >= before ? { ...m, bottom: m.bottom + n } : m;
  return {
    ...grid,
    cells: grid.cells.slice(0, at).concat(
      rows.map((r) => r.map(toCell)),
      grid.cells.slice(at),
    ),
    merges: grid.merges.map(shift),
  };
}

/**
 * One indicator (weight 10) on a standard form, scored: its target in E10, its actual in F10.
 * What the value-spelling tests read a single target and actual with.
 */
export function evaluateOneRow(target: CellSpec, actual: CellSpec, level2 = '质量指标', level3 = '指标'): Evaluation {
  const outcome = evaluateGrid(standardForm([{ level1: '产出指标', level2, level3, target, actual, weight: 10 }]));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.evaluation;
}
