/**
 * The data a bureau's own .docx template is filled with. Tag names are Chinese, the words staff use
 * on the sheet; docs/report.md lists every one. Every tag always has a value (a placeholder or "—"
 * where the sheet has nothing), so that a tag the template misspells is the only thing reported missing.
 */
import type { Evaluation } from '../evaluation';
import { amountText, type MoneyField } from '../money-text';
import { num, percent } from './format';
import { describeRow } from './indicators';
import { buildReport, pieceBlocks, reportContext } from './build';
import {
  blocksToLines,
  flattenSections,
  runsText,
  DATE_PLACEHOLDER,
  PROJECT_PLACEHOLDER,
  UNIT_PLACEHOLDER,
  type ReportSettings,
  type SectionId,
} from './model';
import { subtotals } from './pieces';
import { deviationCell } from './table';

/**
 * Tags holding a generated piece of the report. {资金执行} is the text with line breaks between its
 * paragraphs; {#资金执行段落}{.}{/资金执行段落} gives real paragraphs, each in the template's format.
 */
export const SECTION_TAGS: Record<string, SectionId> = {
  前言: 'intro',
  资金下达: 'allocation',
  目标设定: 'target-setting',
  工作开展情况: 'work',
  组织实施: 'implementation',
  得分情况: 'score',
  资金到位: 'funds-arrival',
  资金执行: 'funds-execution',
  资金管理: 'funds-management',
  产出情况: 'outputs',
  效益情况: 'benefits',
  满意度情况: 'satisfaction',
  偏差分析: 'deviation',
  改进措施: 'improvement',
  结果应用: 'application',
  佐证材料: 'evidence',
};

/** Items inside a template's piece are numbered as under a （一） heading: 1. then （1）. */
const TEMPLATE_DEPTH = 2;
const NONE = '—';

export type TemplateValue = string | string[] | TemplateRow[];
export type TemplateRow = Record<string, string>;

export function templateData(evaluation: Evaluation, settings: ReportSettings = {}): Record<string, TemplateValue> {
  // A template has its own headings: no cross-reference to the built-in outline's parts, and no
  // piece leaves a fact to another that the template may not have.
  const ctx = { ...reportContext(evaluation, settings), deviationTitle: undefined, pieces: new Set<SectionId>() };
  const model = buildReport(evaluation, settings);
  const f = ctx.funds;
  // The figure alone (the unit is 资金单位), as the sheet shows it: the same figure as the report's sentences.
  const money = (field: MoneyField) => (f && f[field] !== undefined ? amountText(f[field], f.shown?.[field]) : NONE);
  const sub = Object.fromEntries(subtotals(ctx).map((s) => [s.name, s]));
  const subtotal = (name: string, key: 'weight' | 'score') => (sub[name] ? num(sub[name][key]) : NONE);

  const first = (values: string[], i: number, breaks: boolean[] = []) => (i === 0 || breaks[i] || values[i] !== values[i - 1] ? values[i] : '');
  const level1 = ctx.rows.map((r) => r.level1);
  const level2 = ctx.rows.map((r) => r.level2);
  const newGroup = level1.map((v, i) => i === 0 || v !== level1[i - 1]);

  const indicators = ctx.rows.map((r, i): TemplateRow => ({
    序号: String(i + 1),
    一级指标: r.level1,
    二级指标: r.level2,
    三级指标: r.level3,
    // For a table that looks merged: the name on the first row of a group only.
    一级分组: first(level1, i),
    二级分组: first(level2, i, newGroup),
    年度指标值: r.target,
    实际完成值: r.actual,
    分值: num(r.src.weight),
    得分: num(r.src.score),
    完成率: percent(r.src.completion),
    偏差: runsText(deviationCell(r)),
    偏差原因: r.note.join('\n'),
    // The template prints the name in its own cell or label: the sentence starts after it.
    完成情况: runsText(describeRow(r, { withName: false })) + '。',
  }));

  const sections = Object.fromEntries(
    Object.entries(SECTION_TAGS).flatMap(([tag, id]) => {
      const lines = blocksToLines(pieceBlocks(ctx, id, TEMPLATE_DEPTH, settings.sections));
      return [
        [tag, lines.join('\n')],
        [`${tag}段落`, lines],
      ];
    }),
  );
  const body = blocksToLines(flattenSections(model.sections));

  return {
    标题: runsText(model.title),
    项目名称: ctx.project ?? PROJECT_PLACEHOLDER,
    单位: ctx.unit ?? UNIT_PLACEHOLDER,
    主管部门: evaluation.project.department?.trim() || NONE,
    年度: ctx.year !== undefined ? String(ctx.year) : NONE,
    日期: ctx.date ?? DATE_PLACEHOLDER,
    总分: num(evaluation.totalScore),
    满分: num(evaluation.totalMax),
    等级: evaluation.grade,
    年度目标: evaluation.project.goal?.trim() || NONE,
    年度目标完成情况: evaluation.project.goalActual?.trim() || NONE,
    资金单位: f?.unit ?? NONE,
    年初预算数: money('initial'),
    全年预算数: money('adjusted'),
    全年执行数: money('executed'),
    执行率: f?.rate !== undefined ? percent(f.rate) : NONE,
    执行率分值: f ? num(f.weight) : NONE,
    执行率得分: f ? num(f.score) : NONE,
    产出分值: subtotal('产出指标', 'weight'),
    产出得分: subtotal('产出指标', 'score'),
    效益分值: subtotal('效益指标', 'weight'),
    效益得分: subtotal('效益指标', 'score'),
    满意度分值: subtotal('满意度指标', 'weight'),
    满意度得分: subtotal('满意度指标', 'score'),
    指标数: String(ctx.rows.length),
    偏差指标数: String(ctx.rows.filter((r) => r.deviates).length),
    指标: indicators,
    偏差指标: indicators.filter((_, i) => ctx.rows[i].deviates).map((row, k) => ({ ...row, 序号: String(k + 1) })),
    ...sections,
    正文: body.join('\n'),
    正文段落: body,
  };
}
