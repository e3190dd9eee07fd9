/** Scores and weights are shown to 2 decimals; round half away from zero on the cent. */
export function round2(n: number): number {
  return (Math.sign(n) * Math.round(Math.abs(n) * 100 + 1e-9)) / 100;
}
