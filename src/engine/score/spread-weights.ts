/**
 * Spread a level-1 weight evenly over its rows in hundredths, by largest remainder, so the rounded
 * weights still add up exactly: 50 over 7 rows is 7.15, 7.15, 7.14, 7.14, 7.14, 7.14, 7.14.
 */
export function spreadEvenly(total: number, count: number): number[] {
  if (count <= 0) return [];
  const cents = Math.round(total * 100);
  const base = Math.floor(cents / count);
  const extra = cents - base * count;
  // Every share has the same remainder, so the first `extra` rows (in sheet order) get the extra cent.
  return Array.from({ length: count }, (_, i) => (base + (i < extra ? 1 : 0)) / 100);
}

/**
 * Split a total in proportion to the given parts, in hundredths, by largest remainder: 80 in the
 * proportion 50 : 30 : 10 is 44.44, 26.67, 8.89 (adding up to 80 exactly).
 */
export function splitInProportion(total: number, parts: number[]): number[] {
  const sum = parts.reduce((s, p) => s + p, 0);
  if (sum <= 0) return parts.map(() => 0);
  const cents = Math.round(total * 100);
  const exact = parts.map((p) => (cents * p) / sum);
  const shares = exact.map(Math.floor);
  let left = cents - shares.reduce((s, c) => s + c, 0);
  // The largest remainders get the cents left over; on a tie, the earlier part.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]++;
    left--;
  }
  return shares.map((c) => c / 100);
}
