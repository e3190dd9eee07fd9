/**
 * Standard forms whose funds amounts are shown in a given number format, for the tests of
 * amounts as the sheet shows them (issue 9, item 9). Each amount cell carries the text the
 * .xlsx reader renders for its format, as a real sheet's cell does.
 */
import type { Grid } from '../../src/engine/grid';
import { displayText } from '../../src/engine/display-text';
import { gridFromRows, type CellSpec } from './grid-builder';

/** An amount cell: a number shown under a number format, or a text typed into the cell. */
export function amount(value: number | string, format = 'General'): CellSpec {
  if (typeof value === 'string') return value;
  return { value, format, text: displayText(value, format) };
}

export interface MoneyForm {
  /** The funds block's caption: "项目资金（万元）", "项目资金（元）". */
  caption: string;
  initial?: CellSpec;
  adjusted?: CellSpec;
  executed?: CellSpec;
  /** 其中 rows under an empty 年度资金总额 row: [label, initial, adjusted, executed]. */
  subRows?: [string, CellSpec, CellSpec, CellSpec][];
  project?: string;
}

/** A standard form (funds block, goal, four indicator rows, all met) with the given amounts. */
export function moneyForm(form: MoneyForm): Grid {
  const rows: CellSpec[][] = [
    ['项目支出绩效自评表'],
    ['（2024年度）'],
    ['项目名称', form.project ?? '课后服务补助资金'],
    ['主管部门', '某区教育局', undefined, undefined, undefined, '实施单位', '某区第一小学'],
    [form.caption, undefined, undefined, undefined, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [undefined, '年度资金总额', undefined, undefined, form.initial, form.adjusted, form.executed, 10],
    ...(form.subRows ?? []).map(([label, i, a, e]): CellSpec[] => [undefined, label, undefined, undefined, i, a, e]),
    ['年度总体目标', '预期目标', undefined, undefined, undefined, '实际完成情况'],
    [undefined, '开展课后服务', undefined, undefined, undefined, '已开展课后服务'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [undefined, '产出指标', '数量指标', '服务学生人数', '≥1500人', '1520人', 50],
    [undefined, '效益指标', '社会效益', '家长知晓率', '≥90%', '95%', 30],
    [undefined, '满意度指标', '服务对象满意度', '家长满意度', '≥90%', '96%', 10],
    ['总分', undefined, undefined, undefined, undefined, undefined, 100],
  ];
  return gridFromRows(rows);
}
