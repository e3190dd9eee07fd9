/** The indicator table of the report, merged the way the sheet merges it. */
import type { FundsResult } from '../evaluation';
import type { ReportTable, Run, TableCell } from './model';
import type { Context } from './pieces';
import type { Row } from './indicators';
import { num, percent } from './format';

export const TABLE_COLUMNS: ReportTable['columns'] = [
  { title: '一级指标', width: 11, align: 'center' },
  { title: '二级指标', width: 11, align: 'center' },
  { title: '三级指标', width: 20, align: 'left' },
  { title: '年度指标值', width: 11, align: 'center' },
  { title: '实际完成值', width: 11, align: 'center' },
  { title: '分值', width: 7.5, align: 'center' },
  { title: '得分', width: 7.5, align: 'center' },
  { title: '偏差', width: 21, align: 'left' },
];

const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ runs: text ? [{ text }] : [], ...extra });

/** What the 偏差 column says for a row: 无, the sheet's note, or a highlighted request for one. */
export function deviationCell(r: Row): Run[] {
  if (r.src.status === 'not-applicable') return [{ text: '不适用' }];
  if (r.deviates) return r.note.length ? [{ text: r.note.join(' ') }] : [{ text: '【请填写偏差原因】', placeholder: true }];
  if (r.src.status === 'met') return [{ text: '无' }];
  return [{ text: r.src.flag ? `【${r.src.flag}】` : '【待核实】', placeholder: true }];
}

/** The 偏差 cell of the 预算执行率 row: 无 when all was spent, else how far short, and below 90% a request for the reason. */
function fundsDeviationCell(f: FundsResult): Run[] {
  if (f.rate === undefined) return [{ text: '【请核实资金执行数据】', placeholder: true }];
  if (f.rate >= 1) return [{ text: '无' }];
  const short: Run = { text: `较100%低${num((1 - f.rate) * 100)}个百分点` };
  return f.rate < 0.9 ? [short, { text: '【请填写偏差原因】', placeholder: true }] : [short];
}

/** Lengths of runs of equal values starting at each index (0 inside a run), never crossing `breaks`. */
function runLengths(values: string[], breaks: boolean[]): number[] {
  const lengths = new Array<number>(values.length).fill(0);
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i === values.length || breaks[i] || values[i] !== values[start]) {
      lengths[start] = i - start;
      start = i;
    }
  }
  return lengths;
}

export function indicatorTable(ctx: Context): ReportTable {
  const rows = ctx.rows;
  const l1 = runLengths(
    rows.map((r) => r.level1),
    rows.map(() => false),
  );
  // A level-2 merge stays inside its level-1 group, as on the sheet.
  const l2 = runLengths(
    rows.map((r) => r.level2),
    l1.map((n) => n > 0),
  );
  const body = rows.map((r, i): TableCell[] => [
    ...(l1[i] ? [cell(r.level1, { rowSpan: l1[i] > 1 ? l1[i] : undefined, align: 'center' })] : []),
    ...(l2[i] ? [cell(r.level2, { rowSpan: l2[i] > 1 ? l2[i] : undefined, align: 'center' })] : []),
    cell(r.level3),
    cell(r.target),
    cell(r.actual),
    cell(num(r.src.weight)),
    cell(num(r.src.score)),
    { runs: deviationCell(r) },
  ]);
  const f = ctx.funds;
  // The row compares the rate with its 100%, as the other rows compare actual with target; the
  // amounts it comes from are stated in the text.
  const funds: TableCell[][] = f
    ? [
        [
          cell('预算执行率', { colSpan: 3, align: 'center' }),
          cell('100%'),
          cell(f.rate !== undefined ? percent(f.rate) : '无法计算'),
          cell(num(f.weight)),
          cell(num(f.score)),
          { runs: fundsDeviationCell(f) },
        ],
      ]
    : [];
  const ev = ctx.evaluation;
  const total: TableCell[] = [
    cell(ev.rebased ? '总分（折算为百分制）' : '总分', { colSpan: 5, align: 'center', bold: true }),
    cell(num(ev.totalMax), { bold: true }),
    cell(num(ev.totalScore), { bold: true }),
    cell(`自评等级：${ev.grade}`, { bold: true }),
  ];
  return { type: 'table', caption: '绩效指标完成情况表', columns: TABLE_COLUMNS, rows: [...funds, ...body, total] };
}
