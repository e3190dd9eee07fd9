/** The readable summary the command prints after scoring a sheet. */
import type { Evaluation } from '../engine/evaluation';
import { statusLabel } from '../engine/labels';
import { formatNumber, percentText } from '../engine/messages';
import { fundsMoneyText, type MoneyField } from '../engine/money-text';
import { renderTable } from './text-table';

const SEVERITY = { error: '错误', warning: '提示', info: '说明' } as const;

/** A terminal summary stays readable: very long tables and problem lists are cut, with a pointer to the full results. */
const MAX_ROWS = 200;
const MAX_PROBLEMS = 100;

export function formatSummary(evaluation: Evaluation): string {
  const out: string[] = [];
  const { project, funds } = evaluation;
  out.push(`工作表：${evaluation.sheet}    评分规则：${evaluation.profile}`);
  if (project.name) out.push(`项目名称：${project.name}${project.year ? `（${project.year}年度）` : ''}`);
  if (project.unit || project.department) out.push(`实施单位：${project.unit ?? '—'}    主管部门：${project.department ?? '—'}`);
  if (funds) {
    // As the sheet shows them (its unit and places), the same text as the pane and the report.
    const money = (field: MoneyField) => fundsMoneyText(funds, field) ?? '—';
    const rate = funds.rate === undefined ? '无法计算' : percentText(funds.rate);
    out.push(
      `项目资金：全年预算数${money('adjusted')}，全年执行数${money('executed')}，执行率${rate}，得分${formatNumber(funds.score)}/${formatNumber(funds.weight)}`,
    );
  }
  out.push('');
  out.push(
    renderTable(
      [
        { header: '行', alignRight: true },
        { header: '三级指标', max: 28 },
        { header: '指标值', max: 16 },
        { header: '实际值', max: 16 },
        { header: '分值', alignRight: true },
        { header: '得分', alignRight: true },
        { header: '状态' },
        { header: '标记', max: 40 },
      ],
      evaluation.indicators
        .slice(0, MAX_ROWS)
        .map((i) => [
          String(i.row),
          `${i.core ? '★' : ''}${i.level3}`,
          i.target,
          i.actual,
          formatNumber(i.weight),
          formatNumber(i.score),
          statusLabel(i).zh,
          i.flag,
        ]),
    ),
  );
  if (evaluation.indicators.length > MAX_ROWS) {
    out.push(`……（共${evaluation.indicators.length}行，此处列出前${MAX_ROWS}行；各行结果见评分副本，或用 --json 导出）`);
  }
  out.push('');
  out.push(`总分：${formatNumber(evaluation.totalScore)} / ${formatNumber(evaluation.totalMax)}    等级：${evaluation.grade}`);
  if (evaluation.problems.length > 0) {
    out.push('');
    out.push(`需要注意的问题（${evaluation.problems.length}项）：`);
    for (const p of evaluation.problems.slice(0, MAX_PROBLEMS)) out.push(`  [${SEVERITY[p.severity]}] ${p.message}`);
    const more = evaluation.problems.length - MAX_PROBLEMS;
    if (more > 0) out.push(`  ……另有${more}项，见评分副本的“偏差标记”列，或用 --json 导出`);
  }
  // Without Excel's 人工评定 panel, the way to settle a pending row from here.
  const pending = evaluation.indicators.find((i) => i.status === 'needs-judgement');
  if (pending) out.push('', `待评定的行可用 --judge 评定，如 --judge ${pending.row}=部分达成:70%（档次：达成、部分达成、未达成），与 Excel 中的“人工评定”相同`);
  return out.join('\n');
}
