/** A1-style addresses for 1-based row and column numbers. */
import type { CellRange } from './grid';

const lettersCache: string[] = [];

export function columnLetters(col: number): string {
  const cached = lettersCache[col];
  if (cached !== undefined) return cached;
  let letters = '';
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  lettersCache[col] = letters;
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/**
 * "B12", "$B$12" → row 12, column 2. Read character by character rather than by a regular
 * expression: the write plan parses every address it made, 30,000 on a 10,000-row table.
 */
export function parseA1(address: string): { row: number; col: number } {
  const text = address.trim();
  let i = text.charCodeAt(0) === DOLLAR ? 1 : 0;
  let col = 0;
  const lettersStart = i;
  for (let code = text.charCodeAt(i); isLetter(code); code = text.charCodeAt(++i)) col = col * 26 + ((code | 0x20) - 96);
  const letters = i - lettersStart;
  if (text.charCodeAt(i) === DOLLAR) i++;
  let row = 0;
  const digitsStart = i;
  for (let code = text.charCodeAt(i); code >= 48 && code <= 57; code = text.charCodeAt(++i)) row = row * 10 + (code - 48);
  if (letters < 1 || letters > 3 || i === digitsStart || i !== text.length) throw new Error(`Not an A1 address: ${address}`);
  return { row, col };
}

const DOLLAR = 36;

/** The column of an A1 address ("K12" → 11), read without making an object: for hot loops. */
export function columnOfAddress(address: string): number {
  let col = 0;
  for (let i = address.charCodeAt(0) === DOLLAR ? 1 : 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (!isLetter(code)) break;
    col = col * 26 + ((code | 0x20) - 96);
  }
  return col;
}

/** A–Z or a–z (charCodeAt past the end gives NaN, which is neither). */
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** "A1:C3" (or "B2") → a range, its corners in order whichever way round they were written. */
export function parseRange(ref: string): CellRange {
  const [from, to = from] = ref.split(':');
  const a = parseA1(from);
  const b = parseA1(to);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}
