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

export function parseA1(address: string): { row: number; col: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`Not an A1 address: ${address}`);
  return { row: Number(match[2]), col: columnNumber(match[1]) };
}

/** "A1:C3" (or "B2") → a range, its corners in order whichever way round they were written. */
export function parseRange(ref: string): CellRange {
  const [from, to = from] = ref.split(':');
  const a = parseA1(from);
  const b = parseA1(to);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}
