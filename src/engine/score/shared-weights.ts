/**
 * A 分值 cell merged down over several indicator rows ("50" over 培训人数 and 合格率): the points are
 * the rows' together, shared evenly between them, as a group row's points are (assign-weights.ts).
 * Read as the first row's alone, the others had 0 points and a "缺少分值" message.
 */
import type { CellRange } from '../grid';
import { spreadEvenly } from './spread-weights';

export interface SharedWeight {
  /** The merged 分值 cell. */
  merge: CellRange;
  points: number;
  /** Each covered row's share, by sheet row. */
  shares: Map<number, number>;
}

/**
 * `rows`: the scoreable indicator rows in order; `mergeAt` the merge over a row's 分值 cell, if any;
 * `pointsAt` the points a merge's top cell holds.
 */
export function sharedWeights(
  rows: readonly number[],
  mergeAt: (row: number) => CellRange | undefined,
  pointsAt: (merge: CellRange) => number | undefined,
): SharedWeight[] {
  const groups = new Map<CellRange, number[]>();
  for (const row of rows) {
    const merge = mergeAt(row);
    if (!merge || merge.bottom === merge.top) continue;
    const members = groups.get(merge);
    if (members) members.push(row);
    else groups.set(merge, [row]);
  }
  const shared: SharedWeight[] = [];
  for (const [merge, members] of groups) {
    const points = pointsAt(merge);
    if (points === undefined || members.length < 2) continue;
    const spread = spreadEvenly(points, members.length);
    shared.push({ merge, points, shares: new Map(members.map((row, i) => [row, spread[i]])) });
  }
  return shared;
}
