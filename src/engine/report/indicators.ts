/** One indicator row in words: target against actual, and what that means. */
import type { IndicatorResult } from '../evaluation';
import type { Run } from './model';
import { parseMeasure } from '../parse/measure';
import { cleanLine, cleanParagraphs, num, percent } from './format';

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
  const level3 = cleanLine(src.level3);
  const bare2 = stripPoints(level2);
  return {
    src,
    level1,
    level2,
    level3,
    name: level3.replace(/^[★☆*]+/, '').replace(/^指标\s*\d+\s*[：:]\s*/, '') || bare2 || '该指标',
    label2: bare2 === '' ? '其他指标' : bare2.endsWith('指标') ? bare2 : `${bare2}指标`,
    target: cleanLine(src.target),
    actual: cleanLine(src.actual),
    note: cleanParagraphs(src.note),
    group: groupOf(level1),
    deviates: deviates(src),
  };
}

function stripPoints(label: string): string {
  return label.replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]/g, '').trim();
}

function groupOf(level1: string): Group {
  if (level1.includes('满意')) return 'satisfaction';
  if (level1.includes('效益') || level1.includes('效果')) return 'benefits';
  // 产出 and anything unrecognised: the report walks outputs first, so nothing is dropped.
  return 'outputs';
}

/**
 * A row the deviation section must explain: short of its weight, or over-achieved. Rows whose actual
 * is missing or unreadable are not deviations yet; the report asks for the data instead.
 */
function deviates(r: IndicatorResult): boolean {
  if (['not-applicable', 'missing-actual', 'unreadable'].includes(r.status)) return false;
  return r.status === 'unmet' || r.status === 'exceeded' || r.score < r.weight - 0.005;
}

export function needsData(r: Row): boolean {
  return r.src.status === 'missing-actual' || r.src.status === 'unreadable' || (r.src.status === 'needs-judgement' && !r.deviates);
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

const pick = <T>(options: T[], i: number): T => options[i % options.length];

/** "=0起" reads as "0起" in prose; ≥ and ≤ stay, as staff write them. */
const prose = (value: string) => value.replace(/^[=＝═﹦]\s*/, '');

/** What target against actual says, in a few interchangeable phrasings. */
function facts(r: Row, i: number): string {
  const t = prose(r.target);
  const a = prose(r.actual);
  switch (r.src.kind) {
    case 'qualitative':
      return t ? `年度目标为“${t}”，实际${a === t ? '达到' : '完成情况为'}“${a}”` : `实际完成情况为“${a}”`;
    case 'date':
      if (!t) return `实际完成时间为${a}`;
      return /完成|按时|按期/.test(a) ? `时限要求为${t}，实际${a}` : `时限要求为${t}，实际完成时间为${a}`;
    case 'lower':
      if (!t) return `实际为${a}`;
      return pick([`控制目标为${t}，实际为${a}`, `实际为${a}，年初控制目标为${t}`], i);
    case 'zero':
      return t ? `年度目标为${t}，全年实际为${a}` : `全年实际为${a}`;
    default:
      if (!t) return `实际为${a}`;
      return pick([`年初目标为${t}，实际为${a}`, `实际完成${a}，年初目标为${t}`, `全年实际值为${a}，年度目标为${t}`], i);
  }
}

function scoreClause(r: IndicatorResult): string {
  return `该项得${num(r.score)}分（分值${num(r.weight)}分）`;
}

/** "低于目标值11.9个百分点" when both sides are percentages: the gap as staff would say it. */
function pointsBelow(r: Row): string {
  if (!r.target.includes('%') || !r.actual.includes('%')) return '';
  const t = parseMeasure({ value: r.target }, 'target');
  const a = parseMeasure({ value: r.actual }, 'actual');
  if (t.kind !== 'number' || a.kind !== 'number' || t.unit !== '%' || a.unit !== '%') return '';
  return t.value > a.value ? `低于目标值${num(t.value - a.value)}个百分点` : '';
}

function metConclusion(r: Row, i: number): string {
  switch (r.src.kind) {
    case 'lower':
      return '控制在目标范围以内，无偏差';
    case 'zero':
      return '实现了年初目标，无偏差';
    case 'date':
      return '按期完成，无偏差';
    case 'qualitative':
      return pick(['达到预期效果，无偏差', '完成了年初计划，无偏差'], i);
    default:
      return pick(['完成了年初计划，无偏差', '达到年初目标，无偏差', '按计划完成，无偏差'], i);
  }
}

function unmetConclusion(r: Row, i: number): string {
  switch (r.src.kind) {
    case 'lower':
      return '超出控制目标，未达到目标';
    case 'zero':
      return '未实现年初目标';
    case 'date':
      return '未能按期完成';
    case 'qualitative':
      return '与年初目标尚有差距';
    default: {
      const rate = r.src.completion !== undefined ? `完成率${percent(r.src.completion)}` : '';
      return [rate, pointsBelow(r), pick(['未达到目标', '与年初目标尚有差距'], i)].filter(Boolean).join('，');
    }
  }
}

/** A row of a score-only form: the unit's own score against its 分值, nothing computed. */
function describeEnteredRow(r: Row): Run[] {
  if (r.src.status === 'missing-actual') return [{ text: `${r.name}分值${num(r.src.weight)}分，表中未填得分` }, { text: `【请补填“${r.name}”得分】`, placeholder: true }];
  const runs: Run[] = [{ text: `${r.name}分值${num(r.src.weight)}分，自评得${num(r.src.score)}分` }];
  if (r.src.status === 'unreadable') runs.push({ text: `【请核实“${r.name}”得分，所填得分超出分值】`, placeholder: true });
  return runs;
}

/**
 * One indicator as a clause without final punctuation: "信访人满意度年初目标为95%，实际为83.1%，…".
 * `i` varies the phrasing so that a list of indicators does not read like a form.
 */
export function describeRow(r: Row, i: number, options: { see?: string; withName?: boolean } = {}): Run[] {
  const { src } = r;
  // A name that ends like "…目标" or "…时间" would run into "年度目标为…": a comma keeps them apart.
  const name = options.withName === false ? '' : /(目标|指标|目标值|时间|情况)$/.test(r.name) ? `${r.name}，` : r.name;
  const see = options.see ? `，原因分析见“${options.see}”部分` : '';
  if (src.kind === 'entered') return describeEnteredRow(r);
  switch (src.status) {
    case 'not-applicable':
      return [{ text: `${r.name}本年度不适用，不计分` }];
    case 'missing-actual':
      return [
        { text: `${name}${r.target ? `年初目标为${prose(r.target)}，` : ''}实际完成值尚未填写` },
        { text: `【请填写“${r.name}”实际完成值】`, placeholder: true },
      ];
    case 'unreadable':
      return [
        { text: `${r.name}的指标值或实际完成值无法识别（目标：${r.target || '未填写'}；实际：${r.actual || '未填写'}）` },
        { text: `【请核实“${r.name}”的指标值和实际完成值】`, placeholder: true },
      ];
    case 'needs-judgement':
      return [
        { text: `${name}${facts(r, i)}，完成程度需结合实际情况判断，${scoreClause(src)}` },
        { text: `【请核实“${r.name}”完成情况及得分】`, placeholder: true },
      ];
    case 'exceeded': {
      const rate = src.completion !== undefined ? `，完成率${percent(src.completion)}` : '';
      return [{ text: `${name}${facts(r, i)}${rate}，超额完成年度目标且超出幅度较大${see}` }];
    }
    case 'unmet':
      return [{ text: `${name}${facts(r, i)}，${unmetConclusion(r, i)}，${scoreClause(src)}${see}` }];
    default:
      if (r.deviates) return [{ text: `${name}${facts(r, i)}，基本完成年初计划，${scoreClause(src)}${see}` }];
      return [{ text: `${name}${facts(r, i)}，${metConclusion(r, i)}` }];
  }
}
