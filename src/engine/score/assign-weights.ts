/**
 * Decide each row's weight: read from the sheet, or spread each level-1 weight evenly over its
 * scoreable rows when the sheet has none. Warn where weights do not add up.
 */
import { groupOfRow, type Level1Group } from '../locate/header-vocabulary';
import type { RuleProfile } from '../rules/profile';
import type { ProblemCode } from '../messages';
import { round2 } from './round';
import { splitInProportion, spreadEvenly } from './spread-weights';

export interface WeightInput {
  row: number;
  level1: string;
  level1Row: number;
  level1Weight?: number;
  /** Weight written on the row, if any. */
  sheetWeight?: number;
  /** Points written on the row's level-2 group row (a 分值 there and no 三级指标), that row, and its label. */
  level2Weight?: number;
  level2Row?: number;
  level2?: string;
  /** Not-applicable rows carry no weight. */
  scoreable: boolean;
}

export interface WeightProblem {
  code: ProblemCode;
  row?: number;
  params?: Record<string, string | number>;
}

export interface WeightResult {
  weights: Map<number, number>;
  /**
   * When the profile's default level-1 weights were fitted to the indicator points the form states
   * (see fitDefaults): the split spread over the rows ("产出44.44分、效益26.67分…"), for the notice.
   */
  fittedSplit?: string;
  /** Rows whose weight the engine decided (so a host may write it into an empty 分值 cell). */
  decided: Set<number>;
  problems: WeightProblem[];
}

const GROUP_NAMES: Record<Level1Group, string> = { output: '产出', benefit: '效益', satisfaction: '满意度' };

/** Rows grouped by level-1 pool: the label's own weight if it has one, else the profile's group. */
function poolsOf(rows: WeightInput[], problems: WeightProblem[]): Map<string, { weight?: number; group?: Level1Group; rows: WeightInput[]; label: string }> {
  const pools = new Map<string, { weight?: number; group?: Level1Group; rows: WeightInput[]; label: string }>();
  const warned = new Set<string>();
  for (const r of rows) {
    const group = groupOfRow(r.level1, r.level2 ?? '');
    const key = r.level1Weight !== undefined ? `label:${r.level1Row}` : group ? `group:${group}` : `unknown:${r.level1}`;
    // Only a row that needs the group's default points makes an unknown group matter.
    if (!group && r.level1Weight === undefined && r.scoreable && r.sheetWeight === undefined && !warned.has(r.level1)) {
      warned.add(r.level1);
      problems.push({ code: 'unknown-level1', row: r.level1Row, params: { text: r.level1 || '（空）' } });
    }
    const pool = pools.get(key) ?? { weight: r.level1Weight, group, rows: [], label: r.level1 };
    pool.rows.push(r);
    pools.set(key, pool);
  }
  return pools;
}

/**
 * A level-2 row that carries the points of the rows under it: what its rows with a 分值 of their own
 * leave is shared evenly by those without. The shares then count as written on the sheet.
 */
function spreadLevel2Points(rows: WeightInput[], decided: Set<number>, problems: WeightProblem[]): WeightInput[] {
  const groups = new Map<number, WeightInput[]>();
  for (const r of rows) {
    if (r.level2Row === undefined || r.level2Weight === undefined || !r.scoreable) continue;
    const members = groups.get(r.level2Row);
    if (members) members.push(r);
    else groups.set(r.level2Row, [r]);
  }
  if (groups.size === 0) return rows;
  const shares = new Map<number, number>();
  for (const [groupRow, members] of groups) {
    const missing = members.filter((r) => r.sheetWeight === undefined);
    if (missing.length === 0) continue;
    const weight = members[0].level2Weight as number;
    const left = Math.max(0, weight - members.reduce((s, r) => s + (r.sheetWeight ?? 0), 0));
    spreadEvenly(left, missing.length).forEach((w, i) => shares.set(missing[i].row, w));
    problems.push({ code: 'group-weight-spread', row: groupRow, params: { group: members[0].level2 ?? '', weight, count: missing.length } });
  }
  for (const row of shares.keys()) decided.add(row);
  return rows.map((r) => (shares.has(r.row) ? { ...r, sheetWeight: shares.get(r.row) } : r));
}

type Pools = ReturnType<typeof poolsOf>;

/**
 * The form states what its indicator rows are worth together (80, with the funds worth 20), and
 * the sheet gives no row weights: the level-1 groups that take the profile's default weight share
 * what the labelled groups leave of it, in the profile's proportion (50 : 30 : 10 of 80 is 44.44,
 * 26.67, 8.89). Undefined when nothing needs fitting.
 */
function fitDefaults(pools: Pools, profile: RuleProfile, indicatorPoints: number | undefined): Map<Level1Group, number> | undefined {
  if (indicatorPoints === undefined) return undefined;
  const all = [...pools.values()];
  const defaulted = all.filter((p) => p.weight === undefined && p.group !== undefined && p.rows.some((r) => r.scoreable));
  if (defaulted.length === 0) return undefined;
  const left = indicatorPoints - all.reduce((s, p) => s + (p.weight ?? 0), 0);
  const groups = defaulted.map((p) => p.group as Level1Group);
  const defaults = groups.map((g) => profile.defaultWeights[g]);
  if (left <= 0 || Math.abs(defaults.reduce((s, w) => s + w, 0) - left) < 0.005) return undefined;
  const shares = splitInProportion(left, defaults);
  return new Map(groups.map((g, i) => [g, shares[i]]));
}

/**
 * `indicatorPoints`: what the form says the indicator rows are worth together, when it says so
 * (fitDefaults).
 */
export function assignWeights(input: WeightInput[], profile: RuleProfile, indicatorPoints?: number): WeightResult {
  const problems: WeightProblem[] = [];
  const weights = new Map<number, number>();
  const decided = new Set<number>();
  const rows = spreadLevel2Points(input, decided, problems);
  const sheetHasWeights = rows.some((r) => r.scoreable && r.sheetWeight !== undefined);
  const pools = poolsOf(rows, problems);
  const fitted = sheetHasWeights ? undefined : fitDefaults(pools, profile, indicatorPoints);
  const spreadParts: string[] = [];

  for (const pool of pools.values()) {
    const scoreable = pool.rows.filter((r) => r.scoreable);
    for (const r of pool.rows) if (!r.scoreable) weights.set(r.row, 0);
    const poolWeight = pool.weight ?? (pool.group ? (fitted?.get(pool.group) ?? profile.defaultWeights[pool.group]) : undefined);
    const missing = scoreable.filter((r) => r.sheetWeight === undefined);
    const written = scoreable.filter((r) => r.sheetWeight !== undefined);
    for (const r of written) weights.set(r.row, r.sheetWeight as number);

    if (!sheetHasWeights && poolWeight !== undefined) {
      spreadEvenly(poolWeight, missing.length).forEach((w, i) => {
        weights.set(missing[i].row, w);
        decided.add(missing[i].row);
      });
      if (missing.length > 0) spreadParts.push(`${pool.group ? GROUP_NAMES[pool.group] : pool.label}${poolWeight}分`);
      continue;
    }
    if (missing.length > 0 && pool.weight !== undefined) {
      // The label gives the level-1 weight: what the written rows leave is spread over the others.
      const left = Math.max(0, pool.weight - written.reduce((s, r) => s + (r.sheetWeight as number), 0));
      spreadEvenly(left, missing.length).forEach((w, i) => {
        weights.set(missing[i].row, w);
        decided.add(missing[i].row);
      });
    } else {
      for (const r of missing) {
        weights.set(r.row, 0);
        if (sheetHasWeights) problems.push({ code: 'weight-missing', row: r.row });
      }
    }
    if (pool.weight !== undefined && written.length > 0) {
      const sum = round2(scoreable.reduce((s, r) => s + (weights.get(r.row) ?? 0), 0));
      if (Math.abs(sum - pool.weight) > 0.005) {
        problems.push({ code: 'children-not-parent', row: pool.rows[0].level1Row, params: { group: pool.label, sum, parent: pool.weight } });
      }
    }
  }
  const split = spreadParts.join('、');
  // Fitted weights are always spread (there are no row weights): the caller's one notice says both.
  if (fitted) return { weights, decided, problems, fittedSplit: split };
  if (!sheetHasWeights && spreadParts.length > 0) problems.push({ code: 'weights-spread', params: { split } });
  return { weights, decided, problems };
}
