/** Numbers and dates as the pane shows them: numbers exactly as the engine's messages write them. */
export { formatNumber, percentText as formatPercent } from '../engine/messages';

/** A fraction as a percentage; 4 decimals of the fraction avoid float noise (0.7 × 100). */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1000000) / 10000;
}

/** Today in the user's own time zone as YYYY-MM-DD, the report's date format. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
