/**
 * What every generated report must not do (issue 10): say a sentence twice, state one fact twice in
 * a section, leak "undefined" or "null", or present boilerplate the sheet does not support as fact.
 * Returns the faults found, as lines a failing test can print.
 */
import { blocksToLines, type ReportModel, type Section } from '../../src/engine/report/model';

/**
 * Phrases no 自评表 can support: how the unit organised the work, managed the funds and will use
 * the results. In a draft they may appear only inside a 【请核实：…】 mark.
 */
export const BOILERPLATE = ['工作小组', '专款专用', '下达到位', '向社会公开', '开展运行监控', '明确分工', '重要依据', '重要参考'];

/** "全年预算数为10万元", "年度指标值为95%": a label and its figure; with its clause's indicator, one fact. */
const FACT = /([\u4e00-\u9fff]{2,8}?)(?:为|得)(\d+(?:\.\d+)?(?:%|万元|元|分|人|起|公里|座|项)?)/g;

/** Text outside the 【…】 marks: what the report asserts itself. */
const unmarked = (line: string) => line.replace(/【[^】]*】/g, '');

function sectionLines(section: Section): string[] {
  return blocksToLines(section.blocks.filter((b) => b.type !== 'table'));
}

function walk(sections: Section[], visit: (s: Section) => void): void {
  for (const s of sections) {
    visit(s);
    walk(s.sections, visit);
  }
}

export function reportFaults(model: ReportModel): string[] {
  const faults: string[] = [];
  const all: string[] = [];
  walk(model.sections, (section) => {
    const lines = sectionLines(section);
    all.push(...lines);
    const facts = new Map<string, number>();
    for (const line of lines) {
      // A clause's facts belong to the indicator it names first ("“甲”年度指标值为100%，实际完成值为100%").
      for (const clause of unmarked(line).split(/[；。①-⑳]/)) {
        const subject = /“[^”]*”/.exec(clause)?.[0] ?? '';
        for (const m of clause.matchAll(FACT)) {
          const key = `${subject}${m[1]}=${m[2]}`;
          facts.set(key, (facts.get(key) ?? 0) + 1);
        }
      }
    }
    for (const [fact, n] of facts) if (n > 1) faults.push(`a fact stated ${n} times in “${section.heading?.text ?? '(opening)'}”: ${fact}`);
  });
  const sentences = new Map<string, number>();
  for (const line of all) {
    if (/undefined|null|NaN|\[object/.test(line)) faults.push(`a leak in: ${line}`);
    for (const phrase of BOILERPLATE) if (unmarked(line).includes(phrase)) faults.push(`unmarked boilerplate “${phrase}” in: ${line}`);
    for (const sentence of unmarked(line).split(/[。；！？]/)) {
      const s = sentence.replace(/^[\s\u3000]*(?:[（(]?[一二三四五六七八九十\d]+[）)、.]|[①-⑳])?/, '').trim();
      if (s.length >= 12) sentences.set(s, (sentences.get(s) ?? 0) + 1);
    }
  }
  for (const [s, n] of sentences) if (n > 1) faults.push(`a sentence said ${n} times: ${s}`);
  return faults;
}
