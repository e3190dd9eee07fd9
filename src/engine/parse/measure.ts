/**
 * Reads a target (年度指标值) or actual (实际完成值) cell into a Measure, following domain.md §3.
 * Pure: never throws, and every regular expression is anchored or free of nested quantifiers so
 * that long cells are read in linear time.
 */
import { isPlaceholderText, normaliseText } from '../text';
import type { Comparator, DateMeasure, Measure, MeasureInput, NumberMeasure, QualitativeMeasure, QualitativeTier, UnreadableMeasure } from './measure-types';

export type MeasureRole = 'target' | 'actual';

const REASON = {
  noNumber: '未找到数值',
  manyNumbers: '含有多个数值，无法判断',
  badNumber: '数值格式有误',
  unknownUnit: '无法识别单位',
  approximate: '数值为约数，无法判断',
  wordNumber: '数值须用阿拉伯数字书写',
  conflict: '比较符号相互矛盾',
  badRange: '数值区间有误，下限不小于上限',
  badDate: '日期无效',
  excelError: '单元格是 Excel 错误值',
  notFinite: '数值无效',
  unrecognised: '含有数值但无法识别',
} as const;

export function parseMeasure(input: MeasureInput, role: MeasureRole): Measure {
  const value = input?.value ?? null;
  if (typeof value === 'boolean') return booleanMeasure(value, role);
  if (typeof value === 'number') return numberCellMeasure(value, typeof input.format === 'string' ? input.format : '', input.text, role);
  if (typeof value === 'string') return parseText(value, role);
  if (typeof input?.text === 'string') return parseText(input.text, role);
  return empty();
}

/**
 * A target folded into the indicator name ("年度资金支付完成率100%", "培训人数不少于200人"): only a
 * trailing number with its unit, optionally after an operator, counts.
 */
export function parseMeasureFromName(name: string): NumberMeasure | undefined {
  let t = trimTrailingPunctuation(normaliseText(typeof name === 'string' ? name : ''));
  // "满意度（≥95%）": the bracket closes the folded target.
  if (t.endsWith(')')) t = t.slice(0, -1);
  const numbers = [...t.matchAll(NUMBER_TOKEN)];
  const last = numbers[numbers.length - 1];
  if (last?.index === undefined) return undefined;
  const op = prefixOperatorEndingAt(t.slice(0, last.index));
  const tail = t.slice(last.index - (op?.spelling.length ?? 0));
  if (parseDateText(tail) !== undefined) return undefined;
  const measure = parseNumberText(tail);
  return measure?.kind === 'number' ? measure : undefined;
}

// ---------------------------------------------------------------------------------------------
// Cells that are not text

function booleanMeasure(value: boolean, role: MeasureRole): QualitativeMeasure {
  return qualitative(value ? '是' : '否', role);
}

function numberCellMeasure(value: number, format: string, shown: string | undefined, role: MeasureRole): Measure {
  if (!Number.isFinite(value)) return unreadable(String(value), REASON.notFinite);
  const code = formatCode(format);
  if (isDateFormat(code)) return serialDateMeasure(value);
  // A format that writes words around the figure ('"≤"0%', '"≥"0"人"') says what the cell says:
  // its operator and unit are read from the text shown, as if typed.
  if (shown && /[≥≤≧≦<>=]|不少于|不低于|不超过|不高于|以上|以内|以下/.test(formatLiteral(format))) return parseText(shown, role);
  const text = String(value);
  if (code.includes('%')) return numberMeasure(text, 'none', scale(value, 100), '%', '%');
  const unit = readUnit(formatLiteral(format));
  if (unit) return numberMeasure(text, 'none', scale(value, unit.factor), unit.unit, unit.written);
  return numberMeasure(text, 'none', value, '', '');
}

/** The format code without quoted literals, escaped characters and [colour]/[locale] sections. */
function formatCode(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

/** The literal text a custom format appends (`0"人"`, `0.00\万\元`): a unit the cell displays. */
function formatLiteral(format: string): string {
  const quoted = /"([^"]*)"/.exec(format);
  if (quoted) return normaliseText(quoted[1]);
  return normaliseText((format.match(/\\./g) ?? []).map((escaped) => escaped[1]).join(''));
}

function isDateFormat(code: string): boolean {
  // "m" alone is also minutes, so a format with hours or seconds is a time, not a date.
  return /[yd]/i.test(code) || (/m/i.test(code) && !/[hs]/i.test(code));
}

const MS_PER_DAY = 86_400_000;
const LAST_EXCEL_SERIAL = 2_958_465; // 9999-12-31

function serialDateMeasure(serial: number): Measure {
  const days = Math.floor(serial);
  if (days < 1 || days > LAST_EXCEL_SERIAL) return unreadable(String(serial), REASON.badDate);
  // Excel counts the fictitious 1900-02-29 (serial 60), kept for Lotus 1-2-3 compatibility.
  if (days === 60) return dateMeasure('none', 1900, 2, 29);
  const sinceEpoch = days < 60 ? days : days - 1;
  const date = new Date(Date.UTC(1899, 11, 31) + sinceEpoch * MS_PER_DAY);
  return dateMeasure('none', date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Text cells

const EXCEL_ERROR = /^#(?:DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)/i;
const DASHES_OR_SLASHES = /^[-—–―/]+$/;
const NOT_APPLICABLE_WORDS = /^(?:无|不适用|N\/A)$/i;

/** Marks of a ticked box, and of an empty one, as forms print their options ("☑达标 □未达标"). */
const TICKED = '☑✓✔√■☒▣';
const UNTICKED = '□☐';
const BOX_OPTION = new RegExp(`([${TICKED}${UNTICKED}])([^${TICKED}${UNTICKED}]*)`, 'gu');

/**
 * "☑达标□未达标" says 达标: the ticked options, without the ones left unticked. Only a text that
 * offers an empty box is a list of options; "√" alone may be a plain tick.
 */
function tickedOptions(text: string): string {
  if (![...UNTICKED].some((box) => text.includes(box))) return text;
  const ticked: string[] = [];
  for (const [, box, option] of text.matchAll(BOX_OPTION)) if (TICKED.includes(box) && option) ticked.push(option);
  return ticked.join('、');
}

/**
 * "满意度96%", "完成率为100%": the measure's name repeated before its figure. Only a name ending in
 * 率 or 度 is taken off, and only before a figure or an operator.
 */
const LEADING_MEASURE_NAME = /^\p{Script=Han}{1,8}[率度](?:为|达到|达)?(?=[≥≤≧≦<>=]|\d)/u;

function parseText(raw: string, role: MeasureRole): Measure {
  const text = tickedOptions(normaliseText(raw));
  if (text === '') return empty();
  if (EXCEL_ERROR.test(text)) return unreadable(text, REASON.excelError);
  const marked = notApplicableOrNone(text, role);
  if (marked) return marked;
  if (isPlaceholderText(text)) return empty();
  const t = trimTrailingPunctuation(removeMaskedValues(text)).replace(LEADING_MEASURE_NAME, '');
  if (t === '') return empty();
  // A range is a target's; an actual written as one ("90%-95%") says no one figure and stays unread.
  const measure = parseDateText(t) ?? (role === 'target' ? parseRangeText(t) : undefined) ?? parsePerEach(t) ?? parseNumberText(t) ?? parseWords(t, role);
  // An actual often explains its figure; a target is the rule itself, taken only as written.
  if (measure.kind !== 'unreadable' || role !== 'actual') return measure;
  const figure = statedFigure(t);
  const again = figure === undefined ? undefined : (parseDateText(figure) ?? parseNumberText(figure));
  return again && again.kind !== 'unreadable' ? again : measure;
}

/** "完成100%", "累计完成350人", "已于10月完成": the words before the figure. */
const DONE_BEFORE_FIGURE = /^(?:(?:已|实际|共|累计)?(?:完成|实现)|已于|已在|于)(?=[\d≥≤≧≦<>=])/;
/**
 * "全年2次", "已开展2次", "培训100人", "达100%": a few words saying what was done, then the figure.
 * Words that negate, hedge, compare or pick out a part ("未达到95%", "约96%", "超100人", "其中3人") are no such words.
 */
const WORDS_BEFORE_FIGURE = /^\p{Script=Han}{1,6}?(?=\d)/u;
const NOT_MERE_WORDS = /[未不没无非约近超低少差减降较比余多其]/;
/**
 * "，较上年提高2个百分点", "；超额完成", "（已完成）": what follows the figure to explain it. A clause
 * or remark with figures of its own ("2座（第3座顺延）") may change the figure: only a comparison
 * with another year or period (较、比、同比、环比) is taken as mere explanation then.
 */
const CLAUSE_AFTER = /(?:[，；;]|,(?!\d))(.*)$/;
const REMARK_AFTER = /\(([^()]*)\)$/;
/** A clause on the difference: "较上年…", "节约0.2万元", "超出20人". */
const COMPARISON = /^(?:较|比|同比|环比|节约|节省|结余|超额|超出|多出|增加|减少|提高|下降)/;
/** "已完成，100%": a statement, then its figure after the comma (not an estimate: "约完成，96%"). */
const STATEMENT_THEN_FIGURE = /^([^\d，,；;]+)[，,；;](.*\d.*)$/;

/** "（12/12）", "（100%）": the same result put another way. */
const RESTATED = /^\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?|%)$/;

const explains = (words: string) => !/\d/.test(words) || COMPARISON.test(words) || RESTATED.test(words);

/**
 * The figure an actual states before explaining it ("98%，较上年提高2个百分点", "100%（已完成）",
 * "完成100%"), when the whole text does not read: the figure alone, else undefined.
 */
function statedFigure(t: string): string | undefined {
  // "按期完成（10月）", "已完成（100%）": a statement with its figure in brackets is that figure.
  const bracketed = /^[^\d()]+\(([^()]*\d[^()]*)\)$/.exec(t);
  if (bracketed) return bracketed[1];
  // "98%的群众满意": the share, then who it is a share of.
  const share = /^(\d+(?:\.\d+)?%)的\p{Script=Han}+$/u.exec(t);
  if (share) return share[1];
  const stated = STATEMENT_THEN_FIGURE.exec(t);
  if (stated && !/约|近|左右/.test(stated[1])) return stated[2];
  let figure = t.replace(DONE_BEFORE_FIGURE, '');
  const words = figure === t ? WORDS_BEFORE_FIGURE.exec(t) : null;
  if (words && !NOT_MERE_WORDS.test(words[0])) figure = t.slice(words[0].length);
  const clause = CLAUSE_AFTER.exec(figure);
  if (clause && explains(clause[1])) figure = figure.slice(0, clause.index);
  const remark = REMARK_AFTER.exec(figure);
  if (remark && explains(remark[1])) figure = figure.slice(0, remark.index);
  return figure !== t && figure !== '' ? figure : undefined;
}

/**
 * A target of "/", "—" or "无" means the row does not apply. An actual of "/" or "—" was simply
 * not filled in, while "无" says nothing was achieved.
 */
function notApplicableOrNone(text: string, role: MeasureRole): Measure | undefined {
  if (role === 'target') {
    if (DASHES_OR_SLASHES.test(text) || NOT_APPLICABLE_WORDS.test(text)) return { kind: 'not-applicable', text };
    return undefined;
  }
  if (text === '无') return qualitative(text, role);
  if (NOT_APPLICABLE_WORDS.test(text)) return { kind: 'not-applicable', text };
  // "待统计", "尚未统计", "统计中": the figure is not known yet, as if the cell were empty.
  if (NOT_YET_KNOWN.test(text)) return empty();
  return undefined;
}

const NOT_YET_KNOWN = /^(?:待|未|尚未|暂未)(?:统计|核实|确定|评估|测评|调查|填报)$|^(?:统计|核实|测评)中$|^待定$/;

/** Template masks left next to the real value: "（≥**%）>=100%" reads as ">=100%". */
function removeMaskedValues(t: string): string {
  return t.replace(/\([^()*]*\*[^()]*\)/g, '').replace(/[≥≤≧≦<>=]{0,2}\*+[%‰]?/g, '');
}

const TRAILING_PUNCTUATION = new Set(['。', '；', ';', '，', ',', '、', '.', '!', '！']);

function trimTrailingPunctuation(t: string): string {
  // A loop rather than /[…]+$/, which is quadratic on long runs of punctuation.
  let end = t.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(t[end - 1])) end--;
  return t.slice(0, end);
}

/** Text that is neither a date nor starts like a number: a statement, or a number in words. */
function parseWords(t: string, role: MeasureRole): Measure {
  if (/\d/.test(t)) return unreadable(t, countNumbers(t) > 1 ? REASON.manyNumbers : REASON.unrecognised);
  if (isWordedQuantity(t)) return unreadable(t, REASON.wordNumber);
  return qualitative(t, role);
}

// ---------------------------------------------------------------------------------------------
// Numbers: [operator] number [unit] [以上/以内/…]

interface Operator {
  spelling: string;
  comparator: Comparator;
  /** 达到 and 控制在 give way to a trailing 以上/以内, which says the direction more precisely. */
  weak?: boolean;
  /** 达到 and 控制在 are also ordinary verbs ("达到预期"): without a number they are not operators. */
  verb?: boolean;
}

const PREFIX_OPERATORS: Operator[] = [
  ...spelledAs('higher', ['≥', '≧', '>=', '>', '大于等于', '大于或等于', '不少于', '不低于', '不小于', '至少', '大于', '高于', '超过', '多于']),
  { spelling: '达到', comparator: 'higher', weak: true, verb: true },
  // "提高2个百分点", "增长10%": at least that much more ("提高服务水平", with no figure, is a statement);
  // "下降5%", "减少10%": a cut of at least that much, the figure being its size.
  ...['提高', '提升', '增加', '增长', '降低', '下降', '减少'].map((spelling): Operator => ({ spelling, comparator: 'higher', weak: true, verb: true })),
  ...spelledAs('lower', ['≤', '≦', '<=', '<', '小于等于', '小于或等于', '不高于', '不超过', '不大于', '不多于', '小于', '低于', '不足']),
  // Also an ordinary verb: "控制在预算内" is a statement.
  { spelling: '控制在', comparator: 'lower', weak: true, verb: true },
  ...spelledAs('equal', ['=', '═', '﹦', '等于']),
];
PREFIX_OPERATORS.sort((a, b) => b.spelling.length - a.spelling.length); // longest first: 不低于 before 低于

function spelledAs(comparator: Comparator, spellings: string[]): Operator[] {
  return spellings.map((spelling) => ({ spelling, comparator }));
}

const SUFFIX_OPERATORS: [string, Comparator][] = [
  ['及以上', 'higher'],
  ['以上', 'higher'],
  ['及以下', 'lower'],
  ['以下', 'lower'],
  ['以内', 'lower'],
  ['之内', 'lower'],
  ['内', 'lower'],
];

const APPROXIMATE_PREFIXES = ['大约', '约', '近'];
const NUMBER_AT_START = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;
const NUMBER_TOKEN = /\d+(?:[.,]\d+)*/g;

/**
 * Reads text that starts with an operator or a number. Undefined when it does not (it is then a
 * statement); unreadable when it starts like a number but does not read as one.
 */
function parseNumberText(t: string): NumberMeasure | UnreadableMeasure | undefined {
  const op = prefixOperatorAt(t);
  let rest = op ? t.slice(op.spelling.length) : t;
  const approximate = APPROXIMATE_PREFIXES.find((word) => rest.startsWith(word));
  if (approximate && /^-?\d/.test(rest.slice(approximate.length))) return unreadable(t, REASON.approximate);
  const number = NUMBER_AT_START.exec(rest);
  if (!number) {
    // "不低于上年", "≤批复预算": a bound stated in words is a statement, compared as one.
    if (!op || op.verb || BOUND_IN_WORDS.test(rest)) return undefined;
    if (isWordedQuantity(t)) return unreadable(t, REASON.wordNumber);
    return unreadable(t, /\d/.test(rest) ? REASON.unrecognised : REASON.noNumber);
  }
  rest = rest.slice(number[0].length);
  const suffix = SUFFIX_OPERATORS.find(([spelling]) => rest.endsWith(spelling));
  let unitText = unitOutOfBrackets(suffix ? rest.slice(0, -suffix[0].length) : rest);
  if (unitText.endsWith('左右')) return unreadable(t, REASON.approximate);
  // "200余人", "600多人", "5天多": more than that many, as "200人以上" says (约200人, 200人左右 may be either side).
  const moreThan = /^[余多]/.test(unitText) || (/.[余多]$/.test(unitText) && readUnit(unitText.slice(0, -1)) !== undefined);
  if (moreThan) unitText = /^[余多]/.test(unitText) ? unitText.slice(1) : unitText.slice(0, -1);
  if (moreThan && suffix && suffix[1] !== 'higher') return unreadable(t, REASON.conflict); // "200余人以内"
  const unit = readUnit(unitText) ?? readUnit(unitText.replace(DONE_WORD, ''));
  if (!unit) return unreadable(t, unitProblem(t, unitText));
  const comparator = combineComparators(op, suffix?.[1] ?? (moreThan ? 'higher' : undefined));
  if (!comparator) return unreadable(t, REASON.conflict);
  const value = scale(Number(number[0].replace(/,/g, '')), unit.factor);
  return numberMeasure(t, comparator, value, unit.unit, unit.written);
}

/** Words after an operator that name what is compared with: "上年", "批复预算", "同期水平". */
const BOUND_IN_WORDS = /^\p{Script=Han}{2,}$/u;

/** "≥90（%）" and "95%（含）": a unit in brackets, and an inclusive bound said twice. */
function unitOutOfBrackets(unitText: string): string {
  const inclusive = unitText.replace(/\(含(?:本数)?\)$/, '');
  const bracketed = /^\(([^()]*)\)$/.exec(inclusive);
  return bracketed ? bracketed[1] : inclusive;
}

/** "90%-95%", "3~5天", "10至15人": two figures with one unit, or the unit written on both. */
const RANGE = /^(\d+(?:\.\d+)?)([^\d\-~—–至到]*)(?:-|~|—|–|至|到)(\d+(?:\.\d+)?)([^\d]*?)(?:之间)?$/;

/**
 * A range target: its lower bound as the value and its upper one as `upTo`. Undefined when the
 * text is no range; years ("2023-2025年") are left alone, as a period and not a quantity.
 */
function parseRangeText(t: string): NumberMeasure | UnreadableMeasure | undefined {
  const m = RANGE.exec(t);
  if (!m) return undefined;
  const [, lowText, lowUnitText, highText, highUnitText] = m;
  const low = Number(lowText);
  const high = Number(highText);
  const highUnit = readUnit(highUnitText);
  const lowUnit = lowUnitText === '' ? highUnit : readUnit(lowUnitText);
  if (!highUnit || !lowUnit || (highUnitText !== '' && lowUnit.unit !== highUnit.unit)) return undefined;
  if ((highUnitText === '' || /^年度?$/.test(highUnitText)) && isPlausibleYear(low) && isPlausibleYear(high)) return undefined;
  if (!(low < high)) return unreadable(t, REASON.badRange);
  const lower = numberMeasure(t, 'higher', scale(low, lowUnit.factor), highUnit.unit, highUnit.written);
  return lower.kind === 'number' ? { ...lower, upTo: scale(high, highUnit.factor) } : lower;
}

/**
 * "每年1次", "每月不少于2次", "每亩300元", "每亩300": so much for each period or thing, as "1次/年"
 * and "300元/亩" write it (the unit may be left out: "每亩300" is 300 a 亩).
 */
const PER_EACH = /^每((?:(?!每)\p{Script=Han}){1,3}?)(每.+|(?:[≥≤≧≦<>=]|不少于|不低于|至少|不超过|不高于|不多于|达到)?\d.*)$/u;

function parsePerEach(t: string): NumberMeasure | undefined {
  const m = PER_EACH.exec(t);
  if (!m) return undefined;
  // "每人每月200元": 200元 a month, for each person.
  const amount = m[2].startsWith('每') ? parsePerEach(m[2]) : parseNumberText(m[2]);
  if (amount?.kind !== 'number' || (amount.unit.includes('/') && !m[2].startsWith('每'))) return undefined;
  const each = m[1] === '年度' ? '年' : m[1] === '季' ? '季度' : m[1];
  return { ...amount, unit: `${amount.unit}/${each}`, writtenUnit: `${amount.writtenUnit}/${each}` };
}

/** "100%覆盖", "95%达标": a word after the unit that says what the figure measures, not a unit. */
const DONE_WORD = /(覆盖|完成|达标|合格|到位|落实|兑现|办结|通过|实现)$/;

function prefixOperatorAt(t: string): Operator | undefined {
  return PREFIX_OPERATORS.find((op) => t.startsWith(op.spelling));
}

function prefixOperatorEndingAt(t: string): Operator | undefined {
  return PREFIX_OPERATORS.find((op) => t.endsWith(op.spelling));
}

function combineComparators(op: Operator | undefined, suffix: Comparator | undefined): Comparator | undefined {
  if (!op) return suffix ?? 'none';
  if (!suffix || suffix === op.comparator) return op.comparator;
  return op.weak ? suffix : undefined;
}

function unitProblem(t: string, unitText: string): string {
  if (countNumbers(t) > 1) return REASON.manyNumbers;
  if (/^[.,\d]/.test(unitText)) return REASON.badNumber;
  return REASON.unknownUnit;
}

function countNumbers(t: string): number {
  return t.match(NUMBER_TOKEN)?.length ?? 0;
}

/** Rescales without binary noise: 1.95 × 10000 is 19500, not 19500.000000000004. */
export function scale(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(15));
}

// ---------------------------------------------------------------------------------------------
// Units

interface UnitReading {
  /** Canonical unit. */
  unit: string;
  /** As written. */
  written: string;
  /** Multiply the written number by this to get the value in the canonical unit. */
  factor: number;
}

/** Spellings of a canonical unit, with the factor into it. */
const UNIT_ALIASES: Record<string, [string, number]> = {
  '%': ['%', 1],
  百分比: ['%', 1],
  '‰': ['%', 0.1],
  '㎡': ['平方米', 1],
  'm³': ['立方米', 1],
  m3: ['立方米', 1],
  方: ['立方米', 1],
  kW: ['千瓦', 1],
  kw: ['千瓦', 1],
  个百分点: ['百分点', 1],
  'm²': ['平方米', 1],
  m2: ['平方米', 1],
  平米: ['平方米', 1],
  // Lengths in 米 and weights in 公斤, so that "10500米" compares with "≥10公里" and "1.2吨" with "≥1000公斤".
  公里: ['米', 1000],
  千米: ['米', 1000],
  km: ['米', 1000],
  m: ['米', 1],
  吨: ['公斤', 1000],
  kg: ['公斤', 1],
  千克: ['公斤', 1],
  '台(套)': ['台套', 1],
  个工作日: ['工作日', 1],
  // Durations: years in months ("1年" is "12个月"), weeks in days, 日 as 天.
  个月: ['月', 1],
  年: ['月', 12],
  日: ['天', 1],
  周: ['天', 7],
  个星期: ['天', 7],
  星期: ['天', 7],
  个小时: ['小时', 1],
};

/** Units written in full that are longer than the general 1–3 character rule allows. */
const LONG_UNITS = new Set(['平方公里', '平方千米', '立方米/秒']);

/** Units read without a list: 1–3 CJK characters, optionally "per" one or two others (元/人, 元/人·年, 元/人/月). */
const SHORT_CJK_UNIT = /^\p{Script=Han}{1,3}(?:[/·]\p{Script=Han}{1,3}){0,2}$/u;
/** Characters that make a "unit" a phrase: "人或20人", "座未完成". */
const NOT_IN_A_UNIT = /[或和及至到前后约余多未不完第]/;

/** Known units, for telling "十人" (a number in words) from "十分满意" (a statement). */
const KNOWN_UNITS = new Set(
  (
    '人 人次 户 个 件 台套 台 套 辆 座 条 种 次 场 批次 批 例 起 亩 米 公里 平方米 吨 公斤 元 元/人 元/亩 ' +
    '天 日 工作日 小时 分钟 月 年 次/月 所 家 项 篇 处 间 张 本 册 份 名 只 头 株 棵 盏 公顷 立方米 户次 人/次 ' +
    '期 轮 课时 学时 栋 幢 段 块 部 位 元/平方米'
  ).split(' '),
);

const MULTIPLIERS: [string, number][] = [
  ['百万', 1e6],
  ['千万', 1e7],
  ['亿', 1e8],
  ['万', 1e4],
];

/** "万人次" → 人次 × 10000; "亿元" → 元 × 10⁸; "‰" → % × 0.1; "" → no unit. */
function readUnit(written: string): UnitReading | undefined {
  const { base, factor } = splitMultiplier(written);
  const alias = UNIT_ALIASES[base];
  if (alias) return { unit: alias[0], written, factor: factor * alias[1] };
  if (base === '' || LONG_UNITS.has(base) || (SHORT_CJK_UNIT.test(base) && !NOT_IN_A_UNIT.test(base))) {
    return { unit: base, written, factor };
  }
  return undefined;
}

/** How many canonical units one written unit is: 万元 → 10000, 公里 → 1000, 人 → 1; undefined when unknown. */
export function unitFactor(written: string): number | undefined {
  return readUnit(written)?.factor;
}

function splitMultiplier(written: string): { base: string; factor: number } {
  // 千 multiplies only money: 千米 and 千克 are units of their own.
  if (written.startsWith('千元')) return { base: written.slice(1), factor: 1e3 };
  const multiplier = MULTIPLIERS.find(([prefix]) => written.startsWith(prefix));
  if (!multiplier) return { base: written, factor: 1 };
  return { base: written.slice(multiplier[0].length), factor: multiplier[1] };
}

function isKnownUnit(written: string): boolean {
  const { base } = splitMultiplier(written);
  return base === '' || KNOWN_UNITS.has(base) || base in UNIT_ALIASES;
}

const WORD_DIGITS = /^[零〇一二两三四五六七八九十百千万亿]+/;

/** "十人", "约十人", "不少于两座", "百分之九十": a quantity written in Chinese numerals. */
function isWordedQuantity(t: string): boolean {
  let rest = t.slice(prefixOperatorAt(t)?.spelling.length ?? 0);
  rest = rest.slice(APPROXIMATE_PREFIXES.find((word) => rest.startsWith(word))?.length ?? 0);
  if (rest.startsWith('百分之')) return true;
  const digits = WORD_DIGITS.exec(rest);
  if (!digits) return false;
  rest = rest.slice(digits[0].length).replace(/(?:以上|以内|以下|左右|余|多)$/, '');
  return rest !== '' && isKnownUnit(rest);
}

// ---------------------------------------------------------------------------------------------
// Dates and deadlines

/** Words after a date ("前完成资金支付"); a negation turns it into a statement about failure. */
const DATE_TAIL = '([^\\d]{0,30})';
const NEGATION = /[未没不延推滞]/;

/** "2023.07-2024.01", "2023年7月至2024年1月": a period, due by its end. */
const PERIOD = /^(\d{4})[.\-/年](\d{1,2})月?(?:-|—|~|至|到)(\d{4})[.\-/年](\d{1,2})月?$/;
/** "1-12月", "2024年1月至12月底": due by the last month. */
const MONTH_RANGE = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月?(?:-|—|~|至|到)(\\d{1,2})月(?:底|末)?(?:前|之前|以前)?${DATE_TAIL}$`);
/** "9月前", "2024年11月30日前完成资金支付", "12月底之前完成", "2025年3月". */
const MONTH_DATE = new RegExp(`^(截至|截止)?(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})[日号]|(底|末|份|上旬|中旬|下旬))?(前|之前|以前|以内|内)?${DATE_TAIL}$`);
/** "2024.10", "2024-11-30", "2024/11/30前". */
const NUMERIC_DATE = new RegExp(`^(\\d{4})([.\\-/])(\\d{1,2})(?:\\2(\\d{1,2}))?(前|之前|以前)?${DATE_TAIL}$`);
/** "年底前", "2024年内", "上半年", "第三季度". */
const PART_OF_YEAR = new RegExp(`^(?:(\\d{4})年?)?(年底|年末|年内|年度内|全年|上半年|下半年|第?[一二三四1-4]季度)(末|底)?(前|之前|以前|内)?${DATE_TAIL}$`);
/** "2024年", "2024年度". */
const YEAR_ONLY = /^(\d{4})年度?$/;

const DAY_IN_TEN_DAYS: Record<string, number> = { 上旬: 10, 中旬: 20 };
const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

/** "当年12月底前", "本年度11月": the year evaluated, said in words. */
const THIS_YEAR = /^(?:当年|本年度?|今年)(?=\d{1,2}月)/;
/** "不晚于12月31日", "≤12月", "最迟11月底": a date that is a deadline. */
const NO_LATER_THAN = /^(?:不晚于|不迟于|最迟|最晚|≤|<=|≦)/;

function parseDateText(text: string): DateMeasure | UnreadableMeasure | undefined {
  const t = text.replace(THIS_YEAR, '');
  const by = NO_LATER_THAN.exec(t);
  if (by) {
    const date = datesOf(t.slice(by[0].length));
    return date?.kind === 'date' ? { ...date, comparator: 'lower' } : undefined;
  }
  return datesOf(t);
}

function datesOf(t: string): DateMeasure | UnreadableMeasure | undefined {
  return periodDate(t) ?? monthRangeDate(t) ?? monthDate(t) ?? numericDate(t) ?? partOfYearDate(t) ?? yearOnlyDate(t);
}

function periodDate(t: string): DateMeasure | UnreadableMeasure | undefined {
  const m = PERIOD.exec(t);
  if (!m || !isPlausibleYear(Number(m[1])) || !isPlausibleYear(Number(m[3]))) return undefined;
  return validDate(t, 'lower', Number(m[3]), Number(m[4]));
}

function monthRangeDate(t: string): DateMeasure | UnreadableMeasure | undefined {
  const m = MONTH_RANGE.exec(t);
  if (!m || NEGATION.test(m[4])) return undefined;
  if (Number(m[2]) > Number(m[3])) return unreadable(t, REASON.badDate);
  return validDate(t, 'lower', optionalNumber(m[1]), Number(m[3]));
}

function monthDate(t: string): DateMeasure | UnreadableMeasure | undefined {
  const m = MONTH_DATE.exec(t);
  if (!m || NEGATION.test(m[7])) return undefined;
  const [, cutOff, year, month, day, partOfMonth, before, tail] = m;
  // "18月" is not a date but a duration; only a month with more around it must be one.
  if (Number(month) > 12 && !year && !day && !partOfMonth && !before && !cutOff && !tail) return undefined;
  const comparator = cutOff || before ? 'lower' : 'none';
  const dayNumber = day ? Number(day) : partOfMonth ? DAY_IN_TEN_DAYS[partOfMonth] : undefined;
  return validDate(t, comparator, optionalNumber(year), Number(month), dayNumber);
}

/**
 * Whether a tail starts with a unit things are counted or measured in ("人", "人以内", "%", "公里"),
 * not with one of the calendar ("月", "年").
 */
function startsWithCountUnit(tail: string): boolean {
  if (tail.startsWith('%')) return true;
  for (let length = Math.min(tail.length, 4); length >= 1; length--) {
    const unit = tail.slice(0, length);
    if (KNOWN_UNITS.has(unit)) return !/^[年月日天]$/.test(unit);
  }
  return false;
}

function numericDate(t: string): DateMeasure | UnreadableMeasure | undefined {
  const m = NUMERIC_DATE.exec(t);
  if (!m || !isPlausibleYear(Number(m[1])) || NEGATION.test(m[6])) return undefined;
  const [, year, separator, month, day, before, tail] = m;
  // "2024.1" may be a number; "2024.01" and "2024.10" are written as months.
  if (separator === '.' && !day && month.length < 2) return undefined;
  // "1927.11人" is a count with two decimals, not November 1927: a count's unit after it decides
  if (separator === '.' && !day && !before && startsWithCountUnit(tail)) return undefined;
  return validDate(t, before ? 'lower' : 'none', Number(year), Number(month), optionalNumber(day));
}

function partOfYearDate(t: string): DateMeasure | UnreadableMeasure | undefined {
  const m = PART_OF_YEAR.exec(t);
  if (!m || NEGATION.test(m[5])) return undefined;
  const [, year, part, , before] = m;
  const quarter = /([一二三四1-4])季度/.exec(part);
  const month = quarter ? QUARTER_END[quarter[1]] : part === '上半年' ? 6 : 12;
  // The end of the year is a point in time; "within the year / half / quarter" is a deadline.
  const isPoint = part === '年底' || part === '年末';
  return validDate(t, before || !isPoint ? 'lower' : 'none', optionalNumber(year), month);
}

function yearOnlyDate(t: string): DateMeasure | undefined {
  const m = YEAR_ONLY.exec(t);
  if (!m || !isPlausibleYear(Number(m[1]))) return undefined;
  return dateMeasure('none', Number(m[1]), 12);
}

function validDate(t: string, comparator: Comparator, year: number | undefined, month: number, day?: number): DateMeasure | UnreadableMeasure {
  const valid =
    (year === undefined || isPlausibleYear(year)) && month >= 1 && month <= 12 && (day === undefined || (day >= 1 && day <= daysInMonth(year, month)));
  return valid ? dateMeasure(comparator, year, month, day) : unreadable(t, REASON.badDate);
}

function isPlausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2100;
}

function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function optionalNumber(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

// ---------------------------------------------------------------------------------------------
// Qualitative statements

/** Negations come first: they contain the positive stems ("未达成", "不合格"). */
const FAILED =
  /未(?:达|完|实现|按|建|落实|到位|通过|验收|能|取得|见成效|开展|启动)|不(?:合格|达标|符合|明显|显著|到位|满意|及时|理想)|没有?(?:达|完|实现|按|能|到位|取得|做到|开展)|没能|不能|不是|较差|无效|延期|延误|滞后|^(?:否|无|差|没有)$/;
const PARTIAL = /部分|基本|较好|一定/;
const ACHIEVED = /达成|完成|达到|达标|实现|有效|合格|建立|符合|按时|按期|及时|准时|到位|落实|通过|验收|提前|良好|优良|优秀|^是$/;

function qualitative(text: string, role: MeasureRole): QualitativeMeasure {
  // The tier says how an actual reads; a target is what it is compared with.
  const tier = role === 'actual' ? tierOf(text) : undefined;
  return tier ? { kind: 'qualitative', text, tier } : { kind: 'qualitative', text };
}

/** How a statement reads as an outcome: "已按时完成" achieved, "部分完成" partial, "未完成" failed. */
export function tierOf(text: string): QualitativeTier | undefined {
  // A tick alone ("√", "☑") says done; a cross alone ("×") says not.
  if (/^[√✓✔☑]$/.test(text)) return 'achieved';
  if (/^[×✗✘╳xX]$/.test(text)) return 'failed';
  if (FAILED.test(text)) return 'failed';
  if (PARTIAL.test(text)) return 'partial';
  if (ACHIEVED.test(text)) return 'achieved';
  return undefined;
}

// ---------------------------------------------------------------------------------------------

function numberMeasure(text: string, comparator: Comparator, value: number, unit: string, writtenUnit: string): NumberMeasure | UnreadableMeasure {
  // A huge number, or one scaled by 万/亿, can overflow to Infinity.
  if (!Number.isFinite(value)) return unreadable(text, REASON.notFinite);
  // -0 ("-0", -0 × 100) would fail Object.is(value, 0) in the zero-target rule.
  return { kind: 'number', comparator, value: value === 0 ? 0 : value, unit, writtenUnit };
}

function dateMeasure(comparator: Comparator, year: number | undefined, month: number, day?: number): DateMeasure {
  const measure: DateMeasure = { kind: 'date', comparator, month };
  if (year !== undefined) measure.year = year;
  if (day !== undefined) measure.day = day;
  return measure;
}

function empty(): Measure {
  return { kind: 'empty' };
}

function unreadable(text: string, reason: string): UnreadableMeasure {
  return { kind: 'unreadable', text, reason };
}
