/**
 * npm run fuzz: the larger hostile-input run. Every family of test/fuzz plus many seeded random
 * damages, through the built CLI in children bounded to 20 s and 1.5 GB each.
 *
 *   npm run fuzz [-- --seed N] [-- --damage N]
 *
 * Prints every case whose outcome is not clean (scored, one-line refusal, usage error), then a
 * summary; exits 1 when there is any. A failing case replays with the same --seed.
 */
require('../bench/ts-require');
const { parseArgs } = require('node:util');
const { allCases } = require('../test/fuzz/families.ts');
const { runCases } = require('../test/fuzz/harness.ts');

const { values } = parseArgs({ options: { seed: { type: 'string' }, damage: { type: 'string' } } });
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const damage = values.damage === undefined ? 500 : Number(values.damage);
const cases = allCases(seed, damage);

console.log(`种子 seed ${seed}：${cases.length} 个用例 cases`);
const started = Date.now();
let done = 0;
runCases(cases, 2, (result) => {
  done++;
  if (result.broken.length > 0) console.log(`✗ ${result.id}\n    ${result.broken.join('\n    ')}`);
  else if (done % 50 === 0) console.log(`  ${done}/${cases.length}`);
}).then((results) => {
  const tally = {};
  for (const r of results) tally[r.outcome ?? '无结果 none'] = (tally[r.outcome ?? '无结果 none'] ?? 0) + 1;
  const broken = results.filter((r) => r.broken.length > 0);
  const slowest = results.reduce((a, b) => (b.run.ms > a.run.ms ? b : a));
  const hungriest = results.reduce((a, b) => (b.run.peakKb > a.run.peakKb ? b : a));
  console.log(`结果 outcomes: ${JSON.stringify(tally)}`);
  console.log(`最慢 slowest: ${(slowest.run.ms / 1000).toFixed(1)} s (${slowest.id})`);
  console.log(`内存最多 most memory: ${Math.round(hungriest.run.peakKb / 1024)} MB (${hungriest.id})`);
  console.log(`用时 took ${Math.round((Date.now() - started) / 1000)} s; ${broken.length} 个用例不合格 cases outside the goal (seed ${seed})`);
  process.exitCode = broken.length > 0 ? 1 : 0;
});
