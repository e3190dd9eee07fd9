/** The header fields above the table: 项目名称, 主管部门, 实施单位, the year and the overall goal. */
import type { ProjectInfo } from '../evaluation';
import { cellAt, type Grid, type GridCell } from '../grid';
import { normaliseText } from '../text';
import { displayText, plainText } from './cell-text';

type FieldName = 'name' | 'department' | 'unit';

/** A label may name two fields at once: "实施（主管）单位" says the unit is its own 主管部门. */
const FIELDS: [FieldName[], RegExp][] = [
  // 转移支付名称: the transfer-payment form (中央对地方转移支付区域绩效自评表) names its fund so.
  [['name'], /^(项目|转移支付|专项资金|资金)(名称|全称)$/],
  // On that form the local department reports, the central one (中央主管部门) only allocates.
  [['unit', 'department'], /^(实施\(主管\)|主管\(实施\))(部门|单位)$|^(地方|省级|市级|县级|本级)主管部门$/],
  [['department'], /^主管(部门|单位)(\(单位\))?(及代码|及编码|\(代码\))?$/],
  [['unit'], /^(项目)?实施单位(\((盖章|公章)\))?$|^(一级|二级|基层)?预算单位(名称)?$|^项目单位$|^填报单位(\((盖章|公章)\))?$|^(部门\(单位\)|单位)名称$/],
];

/** "项目名称：" and "项目名称" are the same label; a value may follow the colon in the same cell. */
function splitLabel(text: string): { label: string; inline: string } {
  const label = labelOf(text);
  return { label, inline: text.slice(label.length + 1) };
}

/** The text before its colon (normalised: full-width colons are ASCII by then), or all of it. */
function labelOf(text: string): string {
  const colon = text.indexOf(':');
  return colon < 0 ? text : text.slice(0, colon);
}

function fieldsOf(label: string): FieldName[] | undefined {
  return FIELDS.find(([, pattern]) => pattern.test(label))?.[0];
}

/** 项目名称, 主管部门, 实施单位 …, with or without a colon: a field of a form's project block. */
export function isProjectField(text: string): boolean {
  // Runs on every row of a table: the label alone, with no object made for it.
  return fieldsOf(labelOf(normaliseText(text))) !== undefined;
}

/**
 * The value after a label's colon in the label's own cell. Where the cell goes on with another
 * field ("单位名称：某镇人民政府 填报日期：2021.5.18"), the value ends before it.
 */
function inlineValue(cell: GridCell): string {
  return displayText(cell)
    .replace(/^[^:：]*[:：]\s*/, '')
    .replace(/\s+[^\s:：]{1,10}[:：].*$/, '');
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

/** "（2023年度）", "2023年度项目支出绩效自评表": the year the form reports on. */
const YEAR_OF_FORM = /(20\d{2})年度/;
/** A cell that says which year: 年度, 评价年度, 所属年度 … with its value to the right. */
const YEAR_LABEL = /^(评价|项目|所属|预算|自评)?年度$/;
/** A date such as 填报日期 "2024年3月1日" names the day the form was filled in, not its year. */
const DATE_LABEL = /日期|时间/;
const FULL_DATE = /20\d{2}年\d{1,2}月/;

/**
 * The form's year, by the strength of the evidence: a "20XX年度" title line, then a 年度 cell, then
 * a bare "20XX年" near the top that is not a date, then the project name, then "20XX年度" lower down.
 */
class YearEvidence {
  private best: { year: number; strength: number } | undefined;

  offer(year: number, strength: number): void {
    if (!this.best || strength > this.best.strength) this.best = { year, strength };
  }

  read(text: string, nearTop: boolean, afterDateLabel: boolean): void {
    if (afterDateLabel || (DATE_LABEL.test(splitLabel(text).label) && text.includes(':'))) return;
    // Lower down, "2023年度" is more likely a sentence of the 年度总体目标 than the form's title.
    const ofForm = YEAR_OF_FORM.exec(text);
    if (ofForm) this.offer(Number(ofForm[1]), nearTop ? 4 : 0.5);
    const bare = /(20\d{2})年/.exec(text);
    if (bare && nearTop && !FULL_DATE.test(text)) this.offer(Number(bare[1]), 2);
  }

  get year(): number | undefined {
    return this.best?.year;
  }
}

/** "部门整体支出绩效自评表": a form about a body's whole spending, which has no 项目名称. */
const WHOLE_SPENDING_FORM = /(部门|单位)整体(支出)?绩效自评表/;
/** The name such a form gets (locateProject): "部门整体支出" or "单位整体支出". */
const WHOLE_SPENDING_NAME = /^(部门|单位)整体支出$/;

/** Whose whole spending a project name is about, 部门 or 单位, when it names such a form; else undefined. */
export function wholeSpendingOf(projectName: string | undefined): string | undefined {
  return WHOLE_SPENDING_NAME.exec(projectName ?? '')?.[1];
}

/** `fromRow`: where this table's form starts, when the sheet holds several forms. */
export function locateProject(grid: Grid, limitRow: number, fromRow = grid.top): ProjectInfo {
  const info: ProjectInfo = {};
  const year = new YearEvidence();
  let wholeSpending: string | undefined;
  for (let row = fromRow; row < limitRow; row++) {
    const line = grid.cells[row - grid.top] ?? [];
    let afterDateLabel = false;
    line.forEach((cell, i) => {
      if (!cell) return;
      const col = grid.left + i;
      const text = plainText(cell);
      if (!text) return;
      const { label, inline } = splitLabel(text);
      const fields = fieldsOf(label);
      if (fields) {
        const value = inline ? inlineValue(cell) : valueRightOf(line, i);
        for (const field of fields) {
          if (info[field] === undefined && value && !isProjectField(value)) info[field] = value;
        }
      }
      if (/^预期目标$/.test(text) && info.goal === undefined) info.goal = valueBelow(grid, row, col) || undefined;
      if (/^实际完成情况$/.test(text) && info.goalActual === undefined) info.goalActual = valueBelow(grid, row, col) || undefined;
      if (YEAR_LABEL.test(label)) {
        const stated = /^(20\d{2})(年度?)?$/.exec(inline || valueRightOf(line, i).replace(/\s/g, ''));
        if (stated) year.offer(Number(stated[1]), 3);
      }
      wholeSpending ??= WHOLE_SPENDING_FORM.exec(text)?.[1];
      year.read(text, row - fromRow < 3, afterDateLabel);
      afterDateLabel = DATE_LABEL.test(label) && !inline;
    });
  }
  // What the form is about stands in for the project's name: "某镇人民政府2021年度部门整体支出绩效自评报告".
  if (info.name === undefined && wholeSpending) info.name = `${wholeSpending}整体支出`;
  if (info.name) {
    const fromName = /(20\d{2})年/.exec(info.name);
    if (fromName) year.offer(Number(fromName[1]), 1);
  }
  if (year.year !== undefined) info.year = year.year;
  return info;
}
