/** The header fields above the table: 项目名称, 主管部门, 实施单位, the year and the overall goal. */
import type { ProjectInfo } from '../evaluation';
import { cellAt, type Grid, type GridCell } from '../grid';
import { displayText, plainText } from './cell-text';

const FIELDS: [keyof ProjectInfo, RegExp][] = [
  ['name', /^项目名称$/],
  ['department', /^主管(部门|单位)$/],
  ['unit', /^(项目)?实施单位$|^预算单位$|^项目单位$/],
];

/** 项目名称, 主管部门, 实施单位 …: a field of a form's project block. */
export function isProjectField(text: string): boolean {
  return FIELDS.some(([, pattern]) => pattern.test(text));
}

/** The first text right of a label on its row: the row's own cells, however far the sheet reaches. */
function valueRightOf(line: readonly (GridCell | undefined)[], index: number): string {
  for (let i = index + 1; i < line.length; i++) {
    const cell = line[i];
    const text = cell ? displayText(cell) : '';
    if (text) return text;
  }
  return '';
}

function valueBelow(grid: Grid, row: number, col: number): string {
  return displayText(cellAt(grid, row + 1, col));
}

/** `fromRow`: where this table's form starts, when the sheet holds several forms. */
export function locateProject(grid: Grid, limitRow: number, fromRow = grid.top): ProjectInfo {
  const info: ProjectInfo = {};
  let year: number | undefined;
  for (let row = fromRow; row < limitRow; row++) {
    const line = grid.cells[row - grid.top] ?? [];
    line.forEach((cell, i) => {
      if (!cell) return;
      const col = grid.left + i;
      const text = plainText(cell);
      if (!text) return;
      for (const [field, pattern] of FIELDS) {
        if (pattern.test(text) && info[field] === undefined) {
          const value = valueRightOf(line, i);
          if (value && !isProjectField(value)) (info as Record<string, string>)[field] = value;
        }
      }
      if (/^预期目标$/.test(text) && info.goal === undefined) info.goal = valueBelow(grid, row, col) || undefined;
      if (/^实际完成情况$/.test(text) && info.goalActual === undefined) info.goalActual = valueBelow(grid, row, col) || undefined;
      const yearMatch = /(20\d{2})年度?/.exec(text);
      if (yearMatch && year === undefined && row - fromRow < 3) year = Number(yearMatch[1]);
    });
  }
  if (year === undefined && info.name) {
    const fromName = /(20\d{2})年/.exec(info.name);
    if (fromName) year = Number(fromName[1]);
  }
  if (year !== undefined) info.year = year;
  return info;
}
