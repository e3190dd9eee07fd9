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
