/** Evaluations and .docx readers shared by the report tests. */
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import type { Evaluation, IndicatorResult, IndicatorKind, IndicatorStatus } from '../../src/engine/evaluation';
import seedJson from '../fixtures/seed-evaluation.json';
import roadsCase from '../fixtures/synthetic-roads.json';
import schoolCase from '../fixtures/synthetic-school.json';

export const seed = (): Evaluation => structuredClone(seedJson) as Evaluation;

export const DEFAULT_BANDS = [
  { min: 90, label: '优' },
  { min: 80, label: '良' },
  { min: 60, label: '中' },
  { min: 0, label: '差' },
];

interface CaseRow {
  level1: string;
  level2: string;
  level3: string;
  target: string;
  actual: string;
  weight?: number;
  deviationNote?: string;
}
interface Case {
  year: number;
  project: string;
  header: Record<string, string>;
  funds: { initial: number; adjusted: number; executed: number; weight: number; unit: string };
  indicators: CaseRow[];
}
type Judged = [IndicatorKind, IndicatorStatus, number, number?]; // kind, status, score, completion

/** An Evaluation for a synthetic case, with the scorer's verdict per row given by hand. */
function fromCase(c: Case, judged: Judged[], grade: string): Evaluation {
  const rate = c.funds.executed / c.funds.adjusted;
  const indicators = c.indicators.map((r, i): IndicatorResult => {
    const [kind, status, score, completion] = judged[i];
    return {
      row: 12 + i,
      level1: r.level1,
      level2: r.level2,
      level3: r.level3,
      target: r.target,
      actual: r.actual,
      kind,
      weight: r.weight ?? 0,
      score,
      completion,
      status,
      flag: status === 'met' ? '' : status === 'unmet' ? '未达到目标值' : '请核实',
      note: r.deviationNote,
      cells: { score: `H${12 + i}` },
    };
  });
  const fundsScore = Math.round(Math.min(rate, 1) * c.funds.weight * 100) / 100;
  const total = Math.round((fundsScore + indicators.reduce((t, r) => t + r.score, 0)) * 100) / 100;
  return {
    sheet: '自评表',
    profile: 'mof-2020',
    totalMax: 100,
    project: {
      name: c.project,
      department: c.header['主管部门'],
      unit: c.header['实施单位'],
      year: c.year,
      goal: c.header['预期目标'],
      goalActual: c.header['实际完成情况'],
    },
    funds: { ...c.funds, rate, score: fundsScore, cells: {} },
    indicators,
    totalWeight: 100,
    totalScore: total,
    grade,
    gradeBands: DEFAULT_BANDS,
    problems: [],
  };
}

export const roads = (): Evaluation =>
  fromCase(
    roadsCase as Case,
    [
      ['higher', 'met', 15, 1.05],
      ['higher', 'unmet', 6.67, 0.6667],
      ['higher', 'met', 10, 1],
      ['date', 'unmet', 0],
      ['lower', 'unmet', 9.23, 0.9231],
      ['zero', 'met', 10],
      ['qualitative', 'met', 10],
      ['higher', 'met', 10, 1.0424],
      ['higher', 'met', 10, 1.0333],
    ],
    '良',
  );

export const school = (): Evaluation =>
  fromCase(
    schoolCase as Case,
    [
      ['higher', 'met', 20, 1.088],
      ['higher', 'met', 10, 1.075],
      ['higher', 'met', 10, 1],
      ['lower', 'met', 10, 1],
      ['qualitative', 'met', 15],
      ['qualitative', 'needs-judgement', 10.5],
      ['higher', 'met', 10, 1.0444],
    ],
    '优',
  );

/** A large evaluation: n indicators spread over the usual groups, every fifth one short of target. */
export function many(n: number): Evaluation {
  const groups: [string, string][] = [
    ['产出指标', '数量指标'],
    ['产出指标', '质量指标'],
    ['产出指标', '时效指标'],
    ['产出指标', '成本指标'],
    ['效益指标', '社会效益指标'],
    ['满意度指标', '服务对象满意度指标'],
  ];
  const indicators = Array.from({ length: n }, (_, i): IndicatorResult => {
    const [level1, level2] = groups[Math.floor((i * groups.length) / n)];
    const short = i % 5 === 4;
    return {
      row: 12 + i,
      level1,
      level2,
      level3: `第${i + 1}项指标名称`,
      target: `≥${100 + i}个`,
      actual: `${short ? 80 + i : 100 + i}个`,
      kind: 'higher',
      weight: 1.8,
      score: short ? 1.44 : 1.8,
      completion: short ? 0.8 : 1,
      status: short ? 'unmet' : 'met',
      flag: short ? '未达到目标值' : '',
      note: i % 10 === 4 ? `第${i + 1}项偏差原因说明。` : undefined,
      cells: {},
    };
  });
  return { ...seed(), indicators };
}

export async function unzip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

export async function partXml(bytes: Uint8Array, part = 'word/document.xml'): Promise<string> {
  const file = (await unzip(bytes)).file(part);
  if (!file) throw new Error(`no ${part} in the package`);
  return file.async('string');
}

/** Parses XML strictly: throws on anything not well-formed. */
export function parseXml(xml: string): Document {
  return new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(`malformed XML: ${message}`);
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
}

/** The text of each w:p, in order (tables included), read through a real XML parser. */
export function paragraphTexts(xml: string): string[] {
  const doc = parseXml(xml);
  const paragraphs = Array.from(doc.getElementsByTagName('w:p'));
  return paragraphs.map((p) =>
    Array.from(p.getElementsByTagName('w:t'))
      .map((t) => t.textContent ?? '')
      .join(''),
  );
}

/** The w:p elements whose text is exactly `text` (or contains it, with `partial`). */
export function paragraphsWith(xml: string, text: string, partial = false): Element[] {
  const doc = parseXml(xml);
  return Array.from(doc.getElementsByTagName('w:p')).filter((p) => {
    const t = Array.from(p.getElementsByTagName('w:t'))
      .map((e) => e.textContent ?? '')
      .join('');
    return partial ? t.includes(text) : t === text;
  });
}
