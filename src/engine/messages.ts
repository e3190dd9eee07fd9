/**
 * Every problem the engine reports, in zh-CN and en-US, keyed by a stable code. The Chinese text
 * is what office staff read first: it names the cell and says what to do.
 */
import type { Problem, Severity } from './evaluation';

type Params = Record<string, string | number>;

interface Template {
  severity: Severity;
  zh: (p: Params) => string;
  en: (p: Params) => string;
}

const TEMPLATES = {
  'unreadable-target': {
    severity: 'error',
    zh: (p) => `无法识别指标值“${p.text}”（${p.reason}），本行暂计0分，请改写为如“≥95%”“不少于120公里”的形式`,
    en: (p) => `cannot read the target "${p.text}"; the row scores 0 until it is corrected`,
  },
  'unreadable-actual': {
    severity: 'error',
    zh: (p) => `无法识别实际完成值“${p.text}”（${p.reason}），本行暂计0分`,
    en: (p) => `cannot read the actual "${p.text}"; the row scores 0 until it is corrected`,
  },
  'unit-mismatch': {
    severity: 'error',
    zh: (p) => `实际完成值的单位“${p.actual}”与指标值的单位“${p.target}”不一致，无法比较`,
    en: (p) => `the actual's unit "${p.actual}" does not match the target's unit "${p.target}"`,
  },
  'suspicious-rate': {
    severity: 'error',
    zh: (p) => `指标值“${p.text}”超过100%，疑似录入有误，请核对后再评分`,
    en: (p) => `the target "${p.text}" exceeds 100%, which looks like a typing error`,
  },
  'actual-unit-assumed': {
    severity: 'warning',
    zh: (p) => `实际完成值“${p.text}”未写单位，已按指标值的单位理解为${p.text}${p.unit}，请核对`,
    en: (p) => `the actual "${p.text}" has no unit and was read in the target's unit, as ${p.text}${p.unit}`,
  },
  'fraction-as-percent': {
    severity: 'warning',
    zh: (p) => `实际完成值“${p.text}”未写单位，已按${p.percent}%理解，请核对`,
    en: (p) => `the actual "${p.text}" has no unit and was read as ${p.percent}%`,
  },
  'missing-actual': {
    severity: 'warning',
    zh: () => `缺少实际完成值，本行暂计0分`,
    en: () => `no actual value; the row scores 0`,
  },
  'target-from-name': {
    severity: 'info',
    zh: (p) => `指标值为空，已从指标名称中读取“${p.text}”`,
    en: (p) => `the target cell is empty; read "${p.text}" from the indicator name`,
  },
  'missing-target': {
    severity: 'error',
    zh: () => `缺少年度指标值，无法评分`,
    en: () => `no target; the row cannot be scored`,
  },
  'needs-judgement': {
    severity: 'warning',
    zh: (p) => `${p.what}，需人工评定，本行暂计${p.score}分`,
    en: (p) => `${p.whatEn}; needs your judgement, scored ${p.score} for now`,
  },
  'note-required': {
    severity: 'warning',
    zh: (p) => (p.column ? `${p.reason}，请在“${p.column}”栏说明原因` : `${p.reason}，表中没有偏差原因栏，请补充说明`),
    en: (p) => `${p.reasonEn}: please explain the deviation in the notes column`,
  },
  'weight-missing': {
    severity: 'warning',
    zh: () => `缺少分值，本行按0分权重计算`,
    en: () => `no weight for this row; it counts 0 points`,
  },
  'weights-not-100': {
    severity: 'warning',
    zh: (p) => `各项分值合计为${p.total}分，不等于100分`,
    en: (p) => `weights add up to ${p.total}, not 100`,
  },
  'children-not-parent': {
    severity: 'warning',
    zh: (p) => `“${p.group}”下各三级指标分值合计${p.sum}分，与一级指标标注的${p.parent}分不符`,
    en: (p) => `the rows under "${p.group}" add up to ${p.sum}, not the ${p.parent} its label gives`,
  },
  'weights-spread': {
    severity: 'info',
    zh: (p) => `表中未填分值，已按${p.split}平均分配到各三级指标`,
    en: (p) => `no weights on the sheet; spread ${p.split} evenly over the rows`,
  },
  'breakdown-rows': {
    severity: 'info',
    zh: (p) => `第${p.from}至${p.to}行是第${p.row}行“${p.name}”的分项，其指标值合计等于该行的“${p.target}”，不另计分`,
    en: (p) => `rows ${p.from}–${p.to} are the parts of row ${p.row} ("${p.name}"): their targets add up to its "${p.target}", so they are not scored again`,
  },
  'weights-fitted': {
    severity: 'info',
    zh: (p) => `${p.basis}，未标分值的一级指标按默认比例折算；表中未填分值，已按${p.split}平均分配到各三级指标`,
    en: (p) => `${p.basisEn}; the level-1 groups without points of their own take the default proportions, and ${p.split} is spread evenly over the rows`,
  },
  'unknown-level1': {
    severity: 'warning',
    zh: (p) => `无法判断一级指标“${p.text}”属于产出、效益还是满意度，未分配分值`,
    en: (p) => `cannot tell which group the level-1 label "${p.text}" belongs to; no weight spread to it`,
  },
  'formula-kept': {
    severity: 'info',
    zh: (p) => `该单元格是公式（=${p.formula}），已保留，未写入${p.what}`,
    en: (p) => `this cell holds a formula (=${p.formula}); it was kept and the ${p.whatEn} not written`,
  },
  'score-replaced': {
    severity: 'info',
    zh: (p) => `原得分${p.old}与按规则计算的${p.score}不同，已改写（原值保留在原文件中）`,
    en: (p) => `the sheet's score ${p.old} differs from the computed ${p.score}; replaced`,
  },
  'override-used': {
    severity: 'info',
    zh: (p) => `采用人工认定得分${p.score}分（规则计算为${p.computed}分）`,
    en: (p) => `kept the hand-set score ${p.score} (the rules give ${p.computed})`,
  },
  'judgement-moved': {
    severity: 'info',
    zh: (p) => `“${p.label}”的人工评定原在第${p.from}行，表格行数变动后已随该指标移到第${p.to}行`,
    en: (p) => `the judgement of "${p.label}" moved with it from row ${p.from} to row ${p.to} after rows changed`,
  },
  'judgement-orphaned': {
    severity: 'warning',
    zh: (p) => `第${p.row}行原有对“${p.label}”的人工评定，但表中已找不到该指标（或有同名指标），未采用，请重新评定`,
    en: (p) => `row ${p.row} had a judgement of "${p.label}", which is no longer found in the table (or appears twice); it was not used, judge again`,
  },
  'override-settles': {
    severity: 'info',
    zh: (p) => `规则无法自动评定本行，已采用人工认定得分${p.score}分`,
    en: (p) => `the rules cannot settle this row; kept the hand-set score ${p.score}`,
  },
  'override-invalid': {
    severity: 'warning',
    zh: (p) => `人工认定得分“${p.text}”不是0到${p.weight}之间的数，未采用`,
    en: (p) => `the hand-set score "${p.text}" is not a number between 0 and ${p.weight}; ignored`,
  },
  'funds-missing': {
    severity: 'warning',
    zh: (p) => `表中未找到项目资金（预算执行率）部分，总分按${p.max}分满分计算`,
    en: (p) => `no funds block found; the total is out of ${p.max}`,
  },
  'funds-unreadable': {
    severity: 'error',
    // only the amounts the rate is made of stop it: an unreadable 年初预算数 under the 全年预算数 rule does not
    zh: (p) => `无法识别${p.what}“${p.text}”${p.inRate ? '，预算执行率无法计算' : '，请核对改正'}`,
    en: (p) => `cannot read the ${p.whatEn} "${p.text}"${p.inRate ? '; the execution rate cannot be computed' : '; please correct it'}`,
  },
  'funds-initial-budget': {
    severity: 'info',
    zh: () => `表中没有“全年预算数”，预算执行率按“年初预算数”计算`,
    en: () => `the form has no adjusted budget (全年预算数); the execution rate is taken on the initial budget (年初预算数)`,
  },
  'funds-no-budget': {
    severity: 'error',
    zh: () => `全年预算数为空或为0，预算执行率无法计算，资金得分暂计0分`,
    en: () => `the budget is empty or zero; the execution rate cannot be computed`,
  },
  'funds-summed': {
    severity: 'info',
    zh: () => `年度资金总额一行为空，已按“其中”各行合计计算`,
    en: () => `the total funds row is empty; used the sum of the sub-rows`,
  },
  'funds-cell-summed': {
    severity: 'info',
    zh: (p) => `年度资金总额一行的${p.what}为空，已按“其中”各行（${p.cells}）合计${p.sum}计算`,
    en: (p) => `the total funds row gives no ${p.whatEn}; used the sum of the sub-rows (${p.cellsEn}), ${p.sum}`,
  },
  'funds-unit-converted': {
    severity: 'warning',
    zh: (p) => `${p.what}“${p.text}”写明的单位与资金部分的单位（${p.unit}）不同，已换算为${p.value}${p.unit}计算，请核对`,
    en: (p) => `the ${p.whatEn} "${p.text}" names a unit other than the block's (${p.unit}); converted to ${p.value} ${p.unit}; please check`,
  },
  'funds-rate-used': {
    severity: 'warning',
    zh: (p) => `金额不全，无法由金额计算预算执行率，已采用表中填写的执行率“${p.text}”（按${p.rate}计算），请核对`,
    en: (p) => `the amounts are incomplete; used the execution rate written on the sheet, "${p.text}" (read as ${p.rate}); please check`,
  },
  'funds-rate-differs': {
    severity: 'warning',
    zh: (p) =>
      `表中填写的执行率“${p.text}”与按金额计算的${p.rate}（${p.executed}÷${p.budget}${p.summed ? '，按“其中”各行合计' : ''}）不一致，已按金额计算，请核对`,
    en: (p) =>
      `the execution rate written, "${p.text}", differs from the ${p.rate} the amounts give (${p.executed} ÷ ${p.budget}${p.summed ? ', summed from the sub-rows' : ''}); used the amounts; please check`,
  },
  'funds-not-scored': {
    severity: 'info',
    zh: () => `资金部分没有“分值”栏，也未标明分值，本表不对预算执行率计分：资金按0分计，总分只计各项指标得分`,
    en: () =>
      `the funds block has no weight and names no points: this form does not score the funds; they count 0 points and the total is the indicators' alone`,
  },
  'funds-weight-assumed': {
    severity: 'warning',
    zh: (p) => `资金部分有“得分”栏但未标明分值，已按默认${p.fallback}分计算资金得分，请核对`,
    en: (p) => `the funds block has a score cell but names no points; scored out of the default ${p.fallback}; please check`,
  },
  'funds-weight-is-total': {
    severity: 'warning',
    zh: (p) => `资金部分的分值为${p.weight}分，已是整张表的满分，应为全表总分误填于此，而非资金分值；已按默认${p.fallback}分计算资金得分，请核对`,
    en: (p) =>
      `the funds weight ${p.weight} is the whole table's points, so it is taken as the table's total written here, not the funds' points; scored the funds out of the default ${p.fallback}; please check`,
  },
  'funds-low-rate': {
    severity: 'warning',
    zh: (p) => `预算执行率为${p.rate}，低于${p.threshold}${p.noteRequired ? '，需说明原因' : ''}`,
    en: (p) => `the execution rate ${p.rate} is below ${p.threshold}`,
  },
  'total-capped': {
    severity: 'warning',
    zh: (p) => `预算执行率${p.rate}低于${p.below}，按规则总分最高为${p.cap}分（计算值${p.raw}分）`,
    en: (p) => `execution rate ${p.rate} is below ${p.below}: the total is capped at ${p.cap} (computed ${p.raw})`,
  },
  rebased: {
    severity: 'info',
    zh: (p) => `有效分值合计${p.max}分，实得${p.raw}分，总分已折算为百分制`,
    en: (p) => `the applicable weights add up to ${p.max} and earned ${p.raw}; the total was re-based to 100`,
  },
  'funds-missing-rebased': {
    severity: 'warning',
    zh: (p) => `表中未找到项目资金（预算执行率）部分，其余各项分值合计${p.max}分，总分已折算为百分制`,
    en: (p) => `no funds block found; the other weights add up to ${p.max} and the total was re-based to 100`,
  },
  'scores-as-entered': {
    severity: 'info',
    zh: (p) => `本表只有分值和得分，没有年度指标值和实际完成值，各项得分按表中所填计入，未按规则重新计算；已核对每项得分不超过其分值，总分${p.total}分`,
    en: (p) =>
      `the table has weights and scores only, no targets or actuals: the scores are taken as entered, not computed; each was checked against its weight; total ${p.total}`,
  },
  'entered-score-missing': {
    severity: 'warning',
    zh: () => `该项未填得分，暂计0分，请补填`,
    en: () => `no score entered; counted as 0 until it is filled in`,
  },
  'entered-score-out-of-range': {
    severity: 'error',
    zh: (p) => `所填得分${p.score}分超出该项分值${p.weight}分，暂按${p.weight}分以内计入，请核对改正`,
    en: (p) => `the entered score ${p.score} is outside 0–${p.weight}; counted within the weight; please correct it`,
  },
  'entered-total-differs': {
    severity: 'warning',
    zh: (p) => `表中原总分${p.old}分与各项得分合计${p.total}分不一致，已改写为${p.total}分`,
    en: (p) => `the total written on the sheet (${p.old}) differs from the sum of the scores (${p.total}); replaced with ${p.total}`,
  },
  'grade-on-share': {
    severity: 'info',
    zh: (p) => `本表满分为${p.max}分，总分${p.score}分，得分率${p.share}，等级按得分率评定为“${p.grade}”`,
    en: (p) => `the table is out of ${p.max}; the total ${p.score} is ${p.share} of it, graded "${p.grade}" on that share`,
  },
  'provisional-total': {
    severity: 'warning',
    zh: (p) => `有${p.count}项指标需人工评定或核对，当前总分为暂定分`,
    en: (p) => `${p.count} rows need your judgement or a correction; the total is provisional`,
  },
  'subtotal-kept': {
    severity: 'info',
    zh: (p) => `第${p.row}行“${p.name}”是小计行，不作为指标评分，其中的数字未改写，请按各行得分核对`,
    en: (p) => `row ${p.row} ("${p.name}") is a subtotal line, not an indicator; its figures were left as they are, so check them against the rows' scores`,
  },
  'weight-merged-shared': {
    severity: 'info',
    zh: (p) => `${p.range}为合并单元格，其中的分值${p.points}分已平均分配给第${p.rows}行（每行约${p.share}分）`,
    en: (p) => `${p.range} is one merged cell; its ${p.points} points were shared evenly by rows ${p.rows} (about ${p.share} each)`,
  },
  'target-adjusted': {
    severity: 'info',
    zh: (p) => `表中有两栏指标值：${p.initial}、${p.adjusted}，按调整后的指标值评分`,
    en: (p) => `the table has two target columns, ${p.initial} and ${p.adjusted}; the adjusted one is scored`,
  },
  'weights-as-shares': {
    severity: 'info',
    zh: (p) => `分值栏按比例填写（合计${p.sum}），已换算为百分制分值（${p.example}即${p.points}分）`,
    en: (p) => `the weights are shares of one (together ${p.sum}); they were taken as points of 100 (${p.example} is ${p.points})`,
  },
  'other-tables': {
    severity: 'info',
    zh: (p) => `本表另有${p.count}张绩效指标表（表头在第${p.rows}行），本次只评了其中一张`,
    en: (p) => `the sheet holds ${p.count} more indicator tables (header rows ${p.rows}); only one was scored`,
  },
  'no-grade-cell': {
    severity: 'info',
    zh: () => `总分行右侧单元格已有内容，等级未写入表格`,
    en: () => `the cell after the total is not empty; the grade was not written`,
  },
  'funds-amount-invalid': {
    severity: 'error',
    zh: (p) => `${p.what}“${p.text}”${p.reason}，${p.inRate ? '预算执行率无法计算，资金得分暂计0分，' : ''}请核对改正`,
    en: (p) =>
      `the ${p.whatEn} "${p.text}" ${p.reasonEn}${p.inRate ? '; the execution rate cannot be computed and the funds score is 0 for now' : ''}; please correct it`,
  },
  'setting-invalid': {
    severity: 'warning',
    zh: (p) => `评分设置中${p.setting}${p.value}，本次按“${p.profile}”原有的设置（${p.fallback}）评分，请在“评分设置”中改正`,
    en: (p) =>
      `the saved setting for ${p.settingEn} ${p.valueEn}; scored with the built-in value of "${p.profileEn}" instead; correct it in the scoring settings`,
  },
  'judgement-invalid': {
    severity: 'warning',
    zh: (p) => `人工评定的得分比例“${p.text}”不在0到100%之间，已按${p.used}计分，请重新评定`,
    en: (p) => `the judged share "${p.text}" is not between 0 and 100%; scored at ${p.used}; please judge the row again`,
  },
  'merged-result': {
    severity: 'info',
    zh: (p) => `${p.range}为合并单元格，其中显示的是第${p.rows}行的${p.what}${p.detail}`,
    en: (p) => `${p.range} is one merged cell: it shows the ${p.whatEn} of rows ${p.rowsEn}${p.detailEn}`,
  },
  'hidden-by-merge': {
    severity: 'warning',
    zh: (p) => `该单元格在合并单元格${p.range}之内，Excel 不显示其中的内容，${p.what}“${p.value}”未写入`,
    en: (p) => `this cell lies inside the merged cell ${p.range}, where Excel shows nothing; the ${p.whatEn} "${p.value}" was not written`,
  },
  'no-free-column': {
    severity: 'warning',
    zh: (p) => `第${p.row}行右侧直到工作表的最后一列（XFD）都没有空列，未添加“${p.header}”，${p.effect}`,
    en: (p) => `no free column right of row ${p.row} up to the sheet's last column (XFD): "${p.header}" was not added; ${p.effectEn}`,
  },
  'column-doubt': {
    severity: 'warning',
    zh: (p) => `表头${p.cells}都可能是“${p.role}”列；${p.chosen}下方有${p.count}行填的是${p.role}，已按该列读取，${p.others}未作${p.role}使用，请核对`,
    en: (p) =>
      `the header cells ${p.cellsEn} could each be the ${p.roleEn} column; ${p.count} rows under ${p.chosen} hold ${p.roleEn} values, so that column was read; please check`,
  },
  'group-weight-spread': {
    severity: 'info',
    zh: (p) => `“${p.group}”一行标注${p.weight}分，其下${p.count}项三级指标未填分值，已将${p.weight}分平均分配到这些指标`,
    en: (p) => `the row "${p.group}" carries ${p.weight} points and the ${p.count} rows under it have none; its points were spread evenly over them`,
  },
  'table-gap': {
    severity: 'warning',
    zh: (p) => `指标表中第${p.from}至${p.to}行为空行，其下本行仍是一级指标下的指标行，已视为同一张表继续读取，请核对`,
    en: (p) =>
      `rows ${p.from}–${p.to} of the indicator table are blank; this row below them still reads as an indicator row and was taken as part of the same table; please check`,
  },
  'total-replaced': {
    severity: 'info',
    zh: (p) => `表中原总分${p.old}与本次计算的总分${p.total}不同，已改写（原值保留在原文件中）`,
    en: (p) => `the sheet's total ${p.old} differs from the computed total ${p.total}; replaced`,
  },
} satisfies Record<string, Template>;

export type ProblemCode = keyof typeof TEMPLATES;

export function problem(code: ProblemCode, cell: string | undefined, params: Params = {}): Problem {
  const t: Template = TEMPLATES[code];
  const zh = t.zh(params);
  const en = t.en(params);
  return {
    severity: t.severity,
    ...(cell ? { cell } : {}),
    code,
    message: cell ? `${cell}：${zh}` : zh,
    messageEn: cell ? `${cell}: ${en}` : en,
  };
}

/** "87.5%" from 0.875: up to 2 decimals, no trailing zeros. */
/**
 * A completion rate as staff write it: one decimal place at most, no trailing zero (87.5%, 160%,
 * 66.7%). The one rule for rates in the flags, the CLI, the pane and the report.
 */
export function completionText(fraction: number): string {
  return `${String(Math.round(fraction * 1000) / 10)}%`;
}

export function percentText(fraction: number): string {
  return `${formatNumber(fraction * 100)}%`;
}

/** A number with at most 2 decimals and no trailing zeros: 7.1, 98.75, 100. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}
