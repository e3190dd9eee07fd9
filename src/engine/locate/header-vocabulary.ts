/**
 * What the header cells of the indicator table and the funds block say, in every spelling seen on
 * published tables. Texts are matched after normaliseText (no spaces or line breaks, half-width).
 */

export type IndicatorColumn = 'level1' | 'level2' | 'level3' | 'operator' | 'target' | 'unit' | 'actual' | 'weight' | 'score' | 'note' | 'override' | 'flag';

export type FundsColumn = 'initial' | 'adjusted' | 'executed' | 'rate' | 'weight' | 'score';

/** Checked in order: the first pattern that matches wins (e.g. 未完成原因 is a note, not an actual). */
const INDICATOR_HEADERS: [IndicatorColumn, RegExp][] = [
  ['note', /偏差原因|未完成原因|原因分析|改进措施|偏差说明|扣分原因|扣分说明/],
  ['flag', /偏差标记|评分提示|评分标记/],
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['level3', /^三级指标|^(绩效)?指标名称$|^具体指标$|^指标内容$/],
  // The lower line of a split 年度指标值 header: 符号 | 数值 | 单位 (or 指标性质 | 指标值 | 计量单位).
  ['operator', /^指标性质$|^性质$|^指标方向$|^(运算|比较)?符号?$/],
  ['unit', /^(度量|计量)?单位$/],
  ['override', /人工(认定|评定)?(得分|评分)|认定得分|复核得分|调整后得分/],
  ['score', /得分|^(自)?评分$/],
  ['weight', /^(指标)?(分值|权重)|^标准分|^满分/],
  // Planned, not achieved: checked before 完成值 makes it an actual.
  ['target', /^(计划|预期)完成(值|数)$/],
  ['actual', /实际|完成值|完成情况|实现值|^执行情况$|完成数$|达成值|^(全年|年度)?完成指标值$|^完成结果$/],
  ['target', /指标值|目标值|计划值|预期值|^预期目标$|^(年度|年初|全年)?(设定)?目标$|指标及单位|^(指标)?数值$/],
];

/**
 * "绩效指标", "考核指标", "指标": the level-3 column only when it stands right of 二级指标. Alone the
 * same words are the side label over the whole indicator block.
 */
export const LEVEL3_BY_POSITION = /^(绩效|考核|评价|具体|三级)?指标(名称|内容)?$|^三级$/;

/** An opening bracket before the words: "（分值）" is headed 分值. */
const LEADING_BRACKETS = /^[(（[【〔]+/;

export function classifyIndicatorHeader(text: string): IndicatorColumn | undefined {
  if (!text || text.length > 30) return undefined;
  const words = text.replace(LEADING_BRACKETS, '');
  for (const [role, pattern] of INDICATOR_HEADERS) if (pattern.test(words)) return role;
  return undefined;
}

/**
 * 得分 before 执行率: "得分（20分×执行率）" is the score column, its formula named in brackets; and
 * "执行率权重" is the weight, not a second rate.
 */
const FUNDS_HEADERS: [FundsColumn, RegExp][] = [
  ['score', /得分/],
  ['weight', /^分值|^权重|^满分|(权重|分值)$/],
  ['rate', /执行率|支出率|(支出|执行|支付)进度/],
  ['initial', /年初预算/],
  ['adjusted', /全年预算|调整后预算|预算数|预算金额|预算资金|批复预算|^预算$/],
  ['executed', /执行数|执行金额|实际执行|实际支出|支出数|支出金额|决算数|^执行$|^支出$/],
];

export function classifyFundsHeader(text: string): FundsColumn | undefined {
  if (!text || text.length > 30) return undefined;
  for (const [role, pattern] of FUNDS_HEADERS) if (pattern.test(text)) return role;
  return undefined;
}

/** The points a funds 得分 header names: "得分（20分×执行率）", "得分(10分*执行率)", "得分（10分）" → 20, 10, 10. */
export function pointsInFundsScoreHeader(text: string): number | undefined {
  const match = /^得分.*?(\d+(?:\.\d+)?)分/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * The 总分 row that closes the indicator table, or the total printed above it: 总分, 合计, 得分合计,
 * 合计得分, 项目总得分, 自评得分合计, 项目自评得分 …
 */
export const TOTAL_LABEL = /^(项目)?(总分|合计|总计|综合得分|综合评分|自评得分|自评总分|评价得分|总得分|得分合计|评分合计|自评总得分)/;

/** Lines under a table that end it: signatures, remarks, dates, seals. */
export const END_OF_TABLE_LABEL =
  /^(备注|说明|注[:：]|填表人|填报人|制表人|联系人|联系电话|单位负责人|审核人|复核人|财务负责人|项目负责人|评价人|填报日期|填表日期|日期[:：]|(填报)?单位[(（]?(盖章|签章|公章)|盖章|签字|分管领导|主要负责人)/;

/** The title of a self-evaluation form (项目支出绩效自评表, 部门整体支出绩效自评表 …). */
export const FORM_TITLE = /绩效自评表$/;

/**
 * "产出指标（50分）", "绩效指标(90分)": a weight folded into a label. One bracket of the pair may be
 * lost in transcription ("产出指标(60分", "产出指标60分)"); a figure with no bracket at all is not taken.
 */
const POINTS_IN_LABEL = /^(.+?)\s*(?:[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?|(\d+(?:\.\d+)?)\s*分\s*[)）])\s*$/;

export function weightInLabel(text: string): { label: string; weight?: number } {
  const match = POINTS_IN_LABEL.exec(text);
  if (!match) return { label: text };
  return { label: match[1], weight: Number(match[2] ?? match[3]) };
}

export type Level1Group = 'output' | 'benefit' | 'satisfaction';

/** Which default weight pool a level-1 label draws from. 成本指标 counts as output (2021+ forms list it apart). */
export function level1Group(label: string): Level1Group | undefined {
  if (/满意/.test(label)) return 'satisfaction';
  if (/效益|效果|影响/.test(label)) return 'benefit';
  if (/产出|成本|数量|质量|时效/.test(label)) return 'output';
  return undefined;
}

/**
 * A row's level-1 pool: by its 一级指标, or, where that is missing or says nothing (a form with no
 * 一级指标 column), by its 二级指标 (数量指标 is an output, 社会效益指标 a benefit).
 */
export function groupOfRow(level1: string, level2: string): Level1Group | undefined {
  return level1Group(level1) ?? level1Group(level2);
}
