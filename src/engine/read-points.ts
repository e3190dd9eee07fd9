/**
 * What a 分值 or 得分 cell says in points: a weight to score by, or the unit's own score. The table
 * locator and the row reader both need it, so it sits below both.
 */
import { displayText } from './locate/cell-text';
import type { GridCell } from './grid';
import { isPlaceholderText, normaliseText } from './text';

/**
 * The most points one row, one level-1 group or the funds block can carry: the whole form is worth
 * 100 (财预〔2020〕10号), and its grades (90/80/60) are read on that scale.
 */
export const MAX_POINTS = 100;

/** What a 分值 cell says: nothing, a usable number of points, or something that cannot be a weight. */
export type PointsReading = { kind: 'empty' } | { kind: 'points'; value: number } | { kind: 'invalid'; text: string; problem: PointsProblem };

export type PointsProblem = 'negative' | 'too-large' | 'unreadable';

/** "10", "10分", "10（分）", "（10）". */
const POINTS_TEXT = /^([-−]?)\(?(\d+(?:\.\d+)?)\)?(?:分|\(分\))?$/;

/**
 * "10", 10, "10分" → 10 points; "—", "", "无" (no digit at all) → empty, as a cell left blank.
 * "10%" (text, or a number in a percent format) → 10 points, a row's share of the form's 100.
 * A negative number, more than MAX_POINTS, a figure that is not a plain number ("约10") or
 * an error value is invalid, never read as empty: read as empty, it would be silently replaced by
 * a spread weight.
 */
export function readPoints(cell: GridCell | undefined): PointsReading {
  if (!cell) return { kind: 'empty' };
  if (cell.error) return { kind: 'invalid', text: cell.error, problem: 'unreadable' };
  const percent = percentPoints(cell);
  if (percent !== undefined) return checkPoints(percent, displayText(cell));
  if (typeof cell.value === 'number') return checkPoints(cell.value, displayText(cell) || String(cell.value));
  if (typeof cell.value !== 'string') return cell.value === null ? { kind: 'empty' } : { kind: 'invalid', text: displayText(cell), problem: 'unreadable' };
  const text = normaliseText(cell.value);
  const inWords = pointsInWords(text);
  if (inWords !== undefined) return checkPoints(inWords, displayText(cell));
  if (isPlaceholderText(text) || !/\d/.test(text)) return { kind: 'empty' };
  const match = POINTS_TEXT.exec(text);
  if (!match) return { kind: 'invalid', text: displayText(cell), problem: 'unreadable' };
  return checkPoints(Number(match[2]) * (match[1] ? -1 : 1), displayText(cell));
}

const DIGIT_WORDS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * "二十", "十五分", "一百": points written in Chinese numerals, up to 100. Read as points rather than
 * as an empty cell, which a spread weight or "缺少分值" would silently replace.
 */
function pointsInWords(text: string): number | undefined {
  const m = /^([零一二两三四五六七八九]?)(十|百)?([零一二三四五六七八九]?)分?$/.exec(text);
  if (!m || text.replace(/分$/, '') === '') return undefined;
  const [, first, unit, last] = m;
  if (!unit) return first ? DIGIT_WORDS[first] : undefined;
  if (unit === '百') return first === '一' && !last ? 100 : undefined;
  return (first ? DIGIT_WORDS[first] : 1) * 10 + (last ? DIGIT_WORDS[last] : 0);
}

const PERCENT_SHOWN = /^(\d+(?:\.\d+)?)%$/;

/**
 * A 权重 column often gives each row's share of the form's 100 points as a percentage: "10%"
 * typed as text, or 0.1 in a percent format (which shows "10%"). Either is 10 points.
 */
function percentPoints(cell: GridCell): number | undefined {
  const shown = PERCENT_SHOWN.exec(normaliseText(displayText(cell)));
  if (!shown) return undefined;
  // the value itself when it is a number: "13%" may show a rounded 0.125
  return typeof cell.value === 'number' ? Math.round(cell.value * 100 * 1e9) / 1e9 : Number(shown[1]);
}

export function checkPoints(value: number, text: string): PointsReading {
  if (Number.isNaN(value)) return { kind: 'invalid', text, problem: 'unreadable' };
  if (value < 0) return { kind: 'invalid', text, problem: 'negative' };
  // Infinity, and the 1e308 of a damaged or hostile file, end here too.
  if (!(value <= MAX_POINTS)) return { kind: 'invalid', text, problem: 'too-large' };
  return { kind: 'points', value };
}

/** The points a cell holds when they are usable; undefined when empty or invalid. */
export function pointsIn(cell: GridCell | undefined): number | undefined {
  const reading = readPoints(cell);
  return reading.kind === 'points' ? reading.value : undefined;
}

/**
 * The unit's own score in a 得分 cell: a number, or a number typed as text ("9.3", "9.3分"), which
 * is still the unit's score. A formula computes rather than states a score: it is not one.
 */
export function enteredScore(cell: GridCell | undefined): number | undefined {
  if (!cell || cell.formula || cell.error) return undefined;
  if (typeof cell.value === 'number') return Number.isFinite(cell.value) ? cell.value : undefined;
  return typeof cell.value === 'string' ? pointsIn(cell) : undefined;
}
