/** Text and number formatting for the report. Pure: no clock, no locale APIs (output must not depend on the machine). */
import { formatNumber } from '../messages';
import { xmlChars } from '../xml-text';
const CJK = '\u2e80-\u9fff\uff00-\uffef\u3000-\u303f';
// A space between two Chinese characters ("实际 完成值") is a stray from the sheet, not a word break.
const STRAY_SPACE = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'g');

/** One line of cell text: line breaks inside a Chinese cell are layout, stray spaces are noise. */
export function cleanLine(value: unknown): string {
  if (value === undefined || value === null) return '';
  return xmlChars(String(value))
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .replace(STRAY_SPACE, '')
    .trim();
}

/** Longer text (notes, free sections) as paragraphs: keeps the user's own line breaks, drops blank lines. */
export function cleanParagraphs(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return String(value)
    .split(/\r\n|\r|\n/)
    .map(cleanLine)
    .filter((line) => line !== '');
}

/** 98.75, 10, 7.15: at most 2 decimals, no trailing zeros, no thousands separators (as in the sheets). */
export function num(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '' : formatNumber(n);
}

/** A fraction as a percentage: 0.9016 → "90.16%". */
export function percent(fraction: number | undefined): string {
  const s = num(fraction === undefined ? undefined : fraction * 100);
  return s === '' ? '' : `${s}%`;
}

/** Ends a sentence with 。 unless it already ends with terminal punctuation. */
export function sentence(text: string): string {
  return /[。！？；.!?;：:]$/.test(text) ? text : `${text}。`;
}

/** 2025-06-11 (also 2025/6/11, 2025.6.11, 2025年6月11日) → "2025年6月11日"; undefined when it is no real date. */
export function chineseDate(value: string): string | undefined {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  // GB/T 9704: Arabic numerals, month and day without leading zeros.
  return `${y}年${mo}月${d}日`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Words in quotes; quotes inside become single quotes (GB/T 15834: “…‘三个不发生’…”). */
export function quote(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** “甲”“乙”等: quoted names listed as GB/T 15834 wants them, with no 顿号 between quotes. */
export function quoteList(names: string[], max = 3): string {
  const quoted = names.slice(0, max).map(quote).join('');
  return names.length > max ? `${quoted}等` : quoted;
}
