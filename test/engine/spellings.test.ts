/**
 * The golden spellings: every line of test/fixtures/spellings/*.tsv is a cell's text, the role it
 * is read in, and how it must read (the notation is in that folder's README). A domain person adds
 * a case there, without writing TypeScript.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMeasure } from '../../src/engine/parse/measure';
import type { Measure } from '../../src/engine/parse/measure-types';

const DIR = path.join(__dirname, '..', 'fixtures', 'spellings');
const SYMBOL = { higher: '≥', lower: '≤', equal: '=', none: '' } as const;
const TIER = { achieved: '达成', partial: '部分达成', failed: '未达成' } as const;

/** A reading in the notation of the folder's README. */
function reading(measure: Measure): string {
  switch (measure.kind) {
    case 'number':
      return `${SYMBOL[measure.comparator]}${measure.value}${measure.unit ? ` ${measure.unit}` : ''}`;
    case 'date':
      return `日期 ${SYMBOL[measure.comparator]}${measure.year !== undefined ? `${measure.year}年` : ''}${measure.month}月${measure.day !== undefined ? `${measure.day}日` : ''}`;
    case 'qualitative':
      return `定性 ${measure.text}${measure.tier ? `（${TIER[measure.tier]}）` : ''}`;
    case 'not-applicable':
      return `不适用：${measure.text}`;
    case 'empty':
      return '空';
    case 'unreadable':
      return `无法识别：${measure.reason}`;
  }
}

interface Case {
  file: string;
  line: number;
  text: string;
  role: 'target' | 'actual';
  expected: string;
}

function readCases(): Case[] {
  const cases: Case[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.tsv'))
    .sort()) {
    const lines = readFileSync(path.join(DIR, file), 'utf8').split(/\r?\n/);
    let header = false;
    lines.forEach((raw, i) => {
      if (raw.trim() === '' || raw.startsWith('#')) return;
      const columns = raw.split('\t');
      if (!header) {
        expect(columns).toEqual(['文字', '角色', '读作']);
        header = true;
        return;
      }
      if (columns.length !== 3 || (columns[1] !== '目标' && columns[1] !== '实际')) throw new Error(`${file} 第 ${i + 1} 行格式不对：${raw}`);
      cases.push({ file, line: i + 1, text: columns[0].replace(/\\n/g, '\n'), role: columns[1] === '目标' ? 'target' : 'actual', expected: columns[2] });
    });
  }
  return cases;
}

const cases = readCases();

test('the spellings files hold cases', () => {
  expect(cases.length).toBeGreaterThan(40);
});

test.each(cases.map((c) => [`${c.file}:${c.line}`, c.text, c] as const))('%s %j', (_, __, c) => {
  expect(reading(parseMeasure({ value: c.text }, c.role))).toBe(c.expected);
});
