/** Chinese official numbering: 一、 （一） 1. （1） ①, by heading level 1–5. */

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1–99; larger numbers stay Arabic). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const onesText = ones ? DIGITS[ones] : '';
  if (tens === 0) return onesText;
  return `${tens === 1 ? '' : DIGITS[tens]}十${onesText}`;
}

export type Level = 1 | 2 | 3 | 4 | 5;

/** The label of the n-th item (1-based) at a level. */
export function headingNumber(level: number, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
    default:
      // Circled digits stop at ⑳; past that the parenthesised form is the usual fallback.
      return n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `（${n}）`;
  }
}

export function clampLevel(level: number): Level {
  return Math.min(5, Math.max(1, level)) as Level;
}
