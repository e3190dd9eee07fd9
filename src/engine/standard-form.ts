/**
 * The standard 项目支出绩效自评表 (财预〔2020〕10号 附件) as pure data: the cell texts, merged areas,
 * column widths and which areas are headers. The Excel host lays it out on a new sheet; an .xlsx
 * writer could use the same data. Pure: no Office.js, DOM or Node.
 *
 * Layout (10 columns, A–J), as domain.md §2 describes it and as units keep it:
 *
 *   1  项目支出绩效自评表                                  (A1:J1)
 *   2  （    年度）                                        (A2:J2)
 *   3  项目名称 | (B3:J3)
 *   4  主管部门 | (B4:E4) | 实施单位 | (G4:J4)
 *   5  项目资金（万元）(A5:A9) | (B5:D5) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 *   6    年度资金总额 (B6:D6) |   |   |   | 10 |   |
 *   7–9  其中：当年财政拨款 / 上年结转资金 / 其他资金 (分值、得分 "—")
 *  10  年度总体目标 (A10:A11) | 预期目标 (B10:E10) | 实际完成情况 (F10:J10)
 *  11    (B11:E11) | (F11:J11)
 *  12  绩效指标 (A12:A23) | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 (I:J)
 *  13–23  blank indicator rows pre-labelled by 一级/二级指标 (merged vertically)
 *  24  总分 (A24:F24) | 100 | (得分) | (I24:J24)
 */
import { a1 } from './address';
import type { CellRange, Grid, GridCell } from './grid';

/** One group of blank indicator rows under a level-1 label. */
interface IndicatorGroup {
  level1: string;
  /** Level-2 labels with how many blank rows each gets. */
  level2: [label: string, rows: number][];
}

/** The pre-labelled indicator rows: 产出 (数量/质量/时效/成本), 效益 (4 kinds), 满意度. */
const INDICATOR_GROUPS: readonly IndicatorGroup[] = [
  {
    level1: '产出指标',
    level2: [
      ['数量指标', 2],
      ['质量指标', 2],
      ['时效指标', 1],
      ['成本指标', 1],
    ],
  },
  {
    level1: '效益指标',
    level2: [
      ['经济效益指标', 1],
      ['社会效益指标', 1],
      ['生态效益指标', 1],
      ['可持续影响指标', 1],
    ],
  },
  { level1: '满意度指标', level2: [['服务对象满意度指标', 1]] },
];

export const STANDARD_FORM_TITLE = '项目支出绩效自评表';

/** Header fill, ARGB like the write plan's FILLS (a light blue-grey that prints well in black and white). */
export const HEADER_FILL = 'FFDDEBF7';

export type FormCellValue = string | number;

export interface StandardForm {
  /** rows[r][c] is the cell at sheet row r + 1, column c + 1; '' for an empty cell. */
  rows: FormCellValue[][];
  merges: CellRange[];
  /** Widths of columns A, B, … in characters of the default font (the .xlsx unit). */
  columnWidths: number[];
  /** Row heights in points, by 1-based row; rows not listed keep the default height. */
  rowHeights: Record<number, number>;
  /** The title cell area (bold, larger font, centred, no border). */
  title: CellRange;
  /** The year line under the title (centred, no border). */
  subtitle: CellRange;
  /** Label and column-header areas: header fill, bold, centred. */
  headers: CellRange[];
  /** The bordered body of the form. */
  table: CellRange;
  /** 1-based rows of the blank indicator rows, the 表头 row and the 总分 row. */
  indicatorHeaderRow: number;
  indicatorRows: { first: number; last: number };
  totalRow: number;
}

export const STANDARD_FORM_COLUMNS = 10;

const range = (top: number, left: number, bottom = top, right = left): CellRange => ({ top, left, bottom, right });

/**
 * The standard form. `year` fills the （2024年度） line; without it the line is left for the user
 * (（    年度）), because the engine is pure and does not read the clock.
 */
export function buildStandardForm(year?: number): StandardForm {
  const rows: FormCellValue[][] = [];
  const merges: CellRange[] = [];
  const headers: CellRange[] = [];
  const put = (row: number, values: FormCellValue[]) => {
    const line = new Array<FormCellValue>(STANDARD_FORM_COLUMNS).fill('');
    values.forEach((v, i) => (line[i] = v));
    rows[row - 1] = line;
  };
  const merge = (top: number, left: number, bottom: number, right: number) => merges.push(range(top, left, bottom, right));

  put(1, [STANDARD_FORM_TITLE]);
  merge(1, 1, 1, 10);
  put(2, [year === undefined ? '（    年度）' : `（${year}年度）`]);
  merge(2, 1, 2, 10);

  put(3, ['项目名称']);
  merge(3, 2, 3, 10);
  put(4, ['主管部门', '', '', '', '', '实施单位']);
  merge(4, 2, 4, 5);
  merge(4, 7, 4, 10);
  headers.push(range(3, 1), range(4, 1), range(4, 6));

  // The funds block: 分值 10 on the total row; the 其中 rows carry no weight or score ("—").
  put(5, ['项目资金（万元）', '', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
  put(6, ['', '年度资金总额', '', '', '', '', '', 10, '', '']);
  put(7, ['', '其中：当年财政拨款', '', '', '', '', '', '—', '', '—']);
  put(8, ['', '上年结转资金', '', '', '', '', '', '—', '', '—']);
  put(9, ['', '其他资金', '', '', '', '', '', '—', '', '—']);
  merge(5, 1, 9, 1);
  for (let row = 5; row <= 9; row++) merge(row, 2, row, 4);
  headers.push(range(5, 1, 9, 1), range(5, 2, 5, 10));

  put(10, ['年度总体目标', '预期目标', '', '', '', '实际完成情况']);
  put(11, ['']);
  merge(10, 1, 11, 1);
  merge(10, 2, 10, 5);
  merge(10, 6, 10, 10);
  merge(11, 2, 11, 5);
  merge(11, 6, 11, 10);
  headers.push(range(10, 1, 11, 1), range(10, 2, 10, 10));

  const headerRow = 12;
  put(headerRow, ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  merge(headerRow, 9, headerRow, 10);
  headers.push(range(headerRow, 2, headerRow, 10));

  let row = headerRow + 1;
  const first = row;
  for (const group of INDICATOR_GROUPS) {
    const groupTop = row;
    for (const [label, count] of group.level2) {
      for (let i = 0; i < count; i++) {
        put(row + i, ['', i === 0 && row === groupTop ? group.level1 : '', i === 0 ? label : '']);
        merge(row + i, 9, row + i, 10);
      }
      if (count > 1) merge(row, 3, row + count - 1, 3);
      row += count;
    }
    if (row - 1 > groupTop) merge(groupTop, 2, row - 1, 2);
  }
  const last = row - 1;
  merge(headerRow, 1, last, 1);
  headers.push(range(headerRow, 1, last, 1));

  const totalRow = last + 1;
  put(totalRow, ['总分', '', '', '', '', '', 100]);
  merge(totalRow, 1, totalRow, 6);
  merge(totalRow, 9, totalRow, 10);
  headers.push(range(totalRow, 1, totalRow, 6));

  return {
    rows,
    merges,
    // Wide enough that no fixed label wraps: C holds 服务对象满意度指标, G both 全年执行数 and 分值.
    columnWidths: [10, 12, 20, 30, 14, 14, 12, 8, 16, 16],
    rowHeights: { 1: 30, 11: 60 },
    title: range(1, 1, 1, 10),
    subtitle: range(2, 1, 2, 10),
    headers,
    table: range(3, 1, totalRow, 10),
    indicatorHeaderRow: headerRow,
    indicatorRows: { first, last },
    totalRow,
  };
}

/** The form as the Grid a host would read from a sheet holding it (merged cells only in their anchor). */
export function standardFormGrid(form: StandardForm, sheet = '绩效自评表'): Grid {
  const cells: (GridCell | undefined)[][] = form.rows.map((line) =>
    line.map((value) => (value === '' ? undefined : { value, text: String(value), format: 'General' })),
  );
  return { sheet, top: 1, left: 1, cells, merges: form.merges.map((m) => ({ ...m })) };
}

/** A1 form of an area ("A1:J1", or "A3" for one cell), for hosts that address ranges by text. */
export function areaAddress(area: CellRange): string {
  const start = a1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? start : `${start}:${a1(area.bottom, area.right)}`;
}
