/**
 * The quick fuzz run inside `npm test`: every hostile-input family of issue 15 plus a seeded
 * batch of random damage, each through the built CLI (`npm run build:cli` first) in a child held
 * to 20 s and 1.5 GB. Every outcome must be one of: scored, a one-line refusal, a usage error —
 * with the input unchanged and each output complete or absent. `npm run fuzz` runs a larger batch.
 */
import { allCases } from './families';
import { runCases, type CaseResult } from './harness';

const SEED = 20261204;
const RANDOM_DAMAGE = 30;
const cases = allCases(SEED, RANDOM_DAMAGE);
let results: CaseResult[] = [];

beforeAll(
  async () => {
    results = await runCases(cases, 2);
  },
  15 * 60 * 1000,
);

describe('hostile and unusual input through the CLI', () => {
  test.each(cases.map((c, i) => [c.id, i] as const))('%s', (_id, index) => {
    const result = results[index];
    expect(result).toBeDefined();
    expect(result.broken).toEqual([]);
  });
});
