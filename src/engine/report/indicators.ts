/** One indicator row in words: target against actual, and what that means. */
import { isUnsettled, type IndicatorResult } from '../evaluation';
import type { Run } from './model';
import { parseMeasure } from '../parse/measure';
import { groupOfRow } from '../locate/header-vocabulary';
import { completionText } from '../messages';
import { cleanLine, cleanParagraphs, num, quote } from './format';

export type Group = 'outputs' | 'benefits' | 'satisfaction';

export const GROUP_NAMES: Record<Group, string> = {
  outputs: '产出指标',
  benefits: '效益指标',
  satisfaction: '满意度指标',
};

/** The usual order of level-2 indicators in a report, by keyword; others follow in sheet order. */
const LEVEL2_ORDER: Record<Group, string[]> = {
  outputs: ['数量', '质量', '时效', '成本'],
  benefits: ['经济', '社会', '生态', '可持续'],
  satisfaction: [],
};

/** An indicator with its text cleaned once, for all the pieces that quote it. */
export interface Row {
  src: IndicatorResult;
  level1: string;
  level2: string;
  level3: string;
  /** level3 without "指标1：" or ★, for prose. */
  name: string;
  /** "数量指标" even where the sheet wrote "数量". */
  label2: string;
  target: string;
  actual: string;
  /** The 偏差原因 text as paragraphs; kept whole however long. */
  note: string[];
  group: Group;
  deviates: boolean;
}

export function makeRow(src: IndicatorResult): Row {
  const level1 = cleanLine(src.level1);
  const level2 = cleanLine(src.level2);
  const level3 = reportSymbols(cleanLine(src.level3));
  const bare2 = stripPoints(level2);
  return {
    src,
    level1,
    level2,
    level3,
    name: level3.replace(/^[★☆*]+/, '').replace(/^指标\s*\d+\s*[：:]\s*/, '') || bare2 || '该指标',
    label2: bare2 === '' ? '其他指标' : bare2.endsWith('指标') ? bare2 : `${bare2}指标`,
    target: reportSymbols(cleanLine(src.target)),
    actual: reportSymbols(cleanLine(src.actual)),
    note: cleanParagraphs(src.note),
    group: groupOf(level1, level2),
    deviates: deviates(src),
  };
}

function stripPoints(label: string): string {
  return label.replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]/g, '').trim();
}

const REPORT_GROUPS = { output: 'outputs', benefit: 'benefits', satisfaction: 'satisfaction' } as const;

function groupOf(level1: string, level2: string): Group {
  // 产出 and anything unrecognised: the report walks outputs first, so nothing is dropped.
  return REPORT_GROUPS[groupOfRow(level1, level2) ?? 'output'];
}

/**
 * A row the deviation section must explain: short of its weight, or over-achieved. Rows whose actual
 * is missing or unreadable, or that wait for a judgement, are not deviations yet; the report asks
 * for the data or the judgement instead.
 */
function deviates(r: IndicatorResult): boolean {
  if (r.status === 'not-applicable' || isUnsettled(r.status)) return false;
  return r.status === 'unmet' || r.status === 'exceeded' || r.score < r.weight - 0.005;
}

export function needsData(r: Row): boolean {
  return isUnsettled(r.src.status);
}

/** Level-2 groups of rows in report order. */
export function level2Groups(rows: Row[], group: Group): [string, Row[]][] {
  const byLabel = new Map<string, Row[]>();
  for (const r of rows) {
    const members = byLabel.get(r.label2);
    if (members) members.push(r);
    else byLabel.set(r.label2, [r]);
  }
  const rank = (label: string) => {
    const i = LEVEL2_ORDER[group].findIndex((k) => label.includes(k));
    return i < 0 ? LEVEL2_ORDER[group].length : i;
  };
  // Array.prototype.sort is stable, so unranked groups keep their sheet order.
  return [...byLabel.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

/**
 * Symbols as a report prints them: the sheet's ≧ ═ ≦ (and full-width look-alikes) become ≥ = ≤.
 * Only in the report: the sheet keeps what the unit typed.
 */
export function reportSymbols(value: string): string {
  return value
    .replace(/[≧≽]/g, '≥')
    .replace(/[≦≼]/g, '≤')
    .replace(/[═﹦＝]/g, '=');
}

/** "=0起" reads as "0起" in prose; ≥ and ≤ stay, as staff write them. */
const prose = (value: string) => value.replace(/^=\s*/, '');

/** A value in prose: figures as they are, words in quotes ("实际完成值为“全部及时受理”"). */
function quoted(value: string, isFigure: boolean): string {
  return isFigure ? value : quote(value);
}

/** A text with a figure in it (16人, 不少于120公里, 2024年11月底前) rather than words only. */
const looksLikeFigure = (value: string) => /\d/.test(value);

/**
 * The sentence patterns, one per situation, each stating its facts once. The sheet's own terms
 * (年度指标值, 实际完成值) name the two sides; the verdict says how they compare.
 */
const VERDICT = {
  met: '已完成年度指标，无偏差',
  metLower: '控制在年度指标值以内，无偏差',
  metDate: '按期完成，无偏差',
  metPartly: '基本完成年度指标',
  exceeded: '超额完成年度指标，且超出幅度较大',
  unmet: '未完成年度指标',
  unmetLower: '超出年度指标值，未完成年度指标',
  unmetDate: '未能按期完成',
  pending: '完成程度有待认定',
} as const;

/** What target against actual says: "年度指标值为≥10人，实际完成值为16人". */
function facts(r: Row): string {
  const t = prose(r.target);
  const a = prose(r.actual);
  const actualSide = r.src.kind === 'date' ? '实际完成时间' : '实际完成值';
  const figures = r.src.kind !== 'qualitative';
  const actual = `${actualSide}为${quoted(a, figures && looksLikeFigure(a))}`;
  return t ? `年度指标值为${quoted(t, figures && looksLikeFigure(t))}，${actual}` : actual;
}

/** "，得8.75分（分值10分）": said of a row that lost points, once, where its facts are. */
function scoreClause(r: IndicatorResult): string {
  return `，得${num(r.score)}分（分值${num(r.weight)}分）`;
}

/** "，低于年度指标值11.9个百分点" when both sides are percentages: the gap as staff would say it. */
function pointsBelow(r: Row): string {
  if (!r.target.includes('%') || !r.actual.includes('%')) return '';
  const t = parseMeasure({ value: r.target }, 'target');
  const a = parseMeasure({ value: r.actual }, 'actual');
  if (t.kind !== 'number' || a.kind !== 'number' || t.unit !== '%' || a.unit !== '%') return '';
  return t.value > a.value ? `，低于年度指标值${num(t.value - a.value)}个百分点` : '';
}

const rateClause = (r: IndicatorResult) => (r.completion !== undefined ? `，完成率${completionText(r.completion)}` : '');

function metVerdict(r: Row): string {
  if (r.src.kind === 'lower') return VERDICT.metLower;
  if (r.src.kind === 'date') return VERDICT.metDate;
  return VERDICT.met;
}

function unmetVerdict(r: Row): string {
  switch (r.src.kind) {
    case 'lower':
      return `${rateClause(r.src)}，${VERDICT.unmetLower}`;
    case 'date':
      return `，${VERDICT.unmetDate}`;
    case 'higher':
    case 'equal':
      return `${rateClause(r.src)}${pointsBelow(r)}，${VERDICT.unmet}`;
    default:
      return `，${VERDICT.unmet}`;
  }
}

/** A row of a score-only form: the unit's own score against its 分值, nothing computed. */
function describeEnteredRow(r: Row): Run[] {
  if (r.src.status === 'missing-actual')
    return [{ text: `${quote(r.name)}分值${num(r.src.weight)}分，表中未填得分` }, { text: `【请补填${quote(r.name)}得分】`, placeholder: true }];
  const runs: Run[] = [{ text: `${quote(r.name)}分值${num(r.src.weight)}分，自评得${num(r.src.score)}分` }];
  if (r.src.status === 'unreadable') runs.push({ text: `【请核实“${r.name}”得分，所填得分超出分值】`, placeholder: true });
  return runs;
}

/**
 * One indicator as a clause without final punctuation: "“信访人满意度”年度指标值为95%，实际完成值为83.1%，…".
 * `see` names where its deviation is explained; `withName: false` leaves the name out where a
 * heading already gives it.
 */
export function describeRow(r: Row, options: { see?: string; withName?: boolean } = {}): Run[] {
  const { src } = r;
  const name = options.withName === false ? '' : quote(r.name);
  const see = options.see ? `，原因分析见${options.see}` : '';
  if (src.kind === 'entered') return describeEnteredRow(r);
  switch (src.status) {
    case 'not-applicable':
      return [{ text: `${name}本年度不适用，不计分` }];
    case 'missing-actual':
      return [
        { text: `${name}${r.target ? `年度指标值为${prose(r.target)}，` : ''}实际完成值尚未填写` },
        { text: `【请填写“${r.name}”实际完成值】`, placeholder: true },
      ];
    case 'unreadable':
      return [
        { text: `${name}的年度指标值或实际完成值无法识别（年度指标值：${r.target || '未填写'}；实际完成值：${r.actual || '未填写'}）` },
        { text: `【请核实“${r.name}”的年度指标值和实际完成值】`, placeholder: true },
      ];
    case 'needs-judgement':
      return [
        { text: `${name}${facts(r)}，${VERDICT.pending}，暂计${num(src.score)}分（分值${num(src.weight)}分）` },
        { text: `【请核实“${r.name}”完成情况及得分】`, placeholder: true },
      ];
    case 'exceeded':
      return [{ text: `${name}${facts(r)}${rateClause(src)}，${VERDICT.exceeded}${see}` }];
    case 'unmet':
      return [{ text: `${name}${facts(r)}${unmetVerdict(r)}${scoreClause(src)}${see}` }];
    default:
      if (r.deviates) return [{ text: `${name}${facts(r)}，${VERDICT.metPartly}${scoreClause(src)}${see}` }];
      return [{ text: `${name}${facts(r)}，${metVerdict(r)}` }];
  }
}
