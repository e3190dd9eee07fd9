/**
 * A 权重 column may give each row's share of the form as a fraction of one (0.5, 0.3, 0.2) rather
 * than as points or as a percentage (read-points.ts reads "20%" and 0.2 shown as 20%). Read as
 * points, such a table would be worth 1 point. Only a whole set of shares counts: every written
 * weight at most 1, together between a half and one (the funds block may hold the rest).
 */
export function pointsPerWrittenWeight(weights: readonly number[]): 1 | 100 {
  if (weights.length < 2) return 1;
  let sum = 0;
  for (const weight of weights) {
    if (weight > 1) return 1;
    sum += weight;
  }
  return sum >= 0.5 && sum <= 1.0001 ? 100 : 1;
}
