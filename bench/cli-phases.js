/**
 * Where the command line's time goes on the 10,000-row benchmark table: module loading, reading
 * (exceljs + Grid conversion), scoring and writing, each with its garbage-collection time, in
 * fresh processes as the CLI runs (cold code). Not a goal of its own: a diagnostic for the
 * "CLI wall time vs bare exceljs read" figure of run.js.
 *
 *   npm run build:cli && node bench/cli-phases.js [runs, default 7]
 *
 * Prints the median of each phase over the runs. On a shared machine, run it when it is quiet.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeTableWorkbook } = require('./generate-table');

const ROOT = path.join(__dirname, '..');
const PHASES = ['load', 'read', 'score', 'write'];

/** One cold run, in this very process: the phases' wall and GC times, as JSON on stdout. */
async function child(file) {
  const { PerformanceObserver, performance } = require('node:perf_hooks');
  const gcs = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push([e.startTime, e.duration]))).observe({ entryTypes: ['gc'] });
  const marks = [performance.now()];
  const host = require(path.join(ROOT, 'dist/xlsx/file.js'));
  const { evaluateGrid } = require(path.join(ROOT, 'dist/engine/evaluate.js'));
  marks.push(performance.now());
  const bytes = require('node:fs').readFileSync(file);
  const grids = await host.readWorkbookGrids(bytes);
  marks.push(performance.now());
  const outcome = evaluateGrid(grids[0]);
  marks.push(performance.now());
  await host.applyPlanToXlsx(bytes, outcome.plan);
  marks.push(performance.now());
  setTimeout(() => {
    // GC entries arrive asynchronously: report once they are in
    const result = {};
    PHASES.forEach((name, i) => {
      const [start, end] = [marks[i], marks[i + 1]];
      const gc = gcs.filter(([t]) => t >= start && t < end).reduce((sum, [, d]) => sum + d, 0);
      result[name] = { ms: end - start, gc };
    });
    process.stdout.write(JSON.stringify(result));
  }, 20);
}

async function main() {
  const runs = Number(process.argv[2] ?? 7);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'perf-phases-')), 'table-10000.xlsx');
  await writeTableWorkbook(file, 10_000);
  if (!existsSync(path.join(ROOT, 'dist/xlsx/file.js'))) throw new Error('run npm run build:cli first');
  const results = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [__filename, '--child', file], { encoding: 'utf8' });
    results.push(JSON.parse(out));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const line = PHASES.map((name) => {
    const ms = median(results.map((r) => r[name].ms));
    const gc = median(results.map((r) => r[name].gc));
    return `${name} ${ms.toFixed(0)} ms (GC ${gc.toFixed(0)})`;
  });
  console.log(`medians of ${runs} cold runs: ${line.join('  ')}  load average ${os.loadavg()[0].toFixed(2)}`);
}

if (process.argv[2] === '--child') child(process.argv[3]);
else
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
