/**
 * npm run bench: the speed figures the issues set goals for, measured on this machine.
 * Run after `npm run build:cli` (the script does it); it uses the compiled engine in dist/.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { tableGrid, writeTableWorkbook } = require('./generate-table');

const ROOT = path.join(__dirname, '..');
const { evaluateGrid } = require(path.join(ROOT, 'dist/engine/evaluate.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];

function report(name, value, unit, goal, ok) {
  results.push({ name, value, unit, goal, ok });
  console.log(`${ok ? '达标' : '未达标'}  ${name}: ${value.toFixed(unit === '×' ? 2 : 1)} ${unit}  (目标 ${goal})`);
}

function timeEngine() {
  const grid = tableGrid(10_000);
  for (let i = 0; i < 3; i++) evaluateGrid(grid); // warm up the JIT
  const runs = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    const outcome = evaluateGrid(grid);
    runs.push(performance.now() - start);
    if (!outcome.ok || outcome.evaluation.indicators.length !== 10_000) throw new Error('benchmark table did not score');
  }
  const ms = median(runs);
  report('定位+解析+评分（10,000行）locate + parse + score, 10,000 rows', ms, 'ms', '< 50 ms', ms < 50);
}

function wallTime(args) {
  const start = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - start;
}

async function timeCli() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-bench-'));
  const file = path.join(dir, 'table-10000.xlsx');
  await writeTableWorkbook(file, 10_000);
  const bareRead =
    `require(${JSON.stringify(require.resolve('exceljs'))});` +
    `new (require(${JSON.stringify(require.resolve('exceljs'))}).Workbook)().xlsx.readFile(${JSON.stringify(file)});`;
  const cli = [path.join(ROOT, 'bin/perf-self-eval.js'), 'score', file, '--out', path.join(dir, 'out.xlsx')];
  const bare = [];
  const ours = [];
  for (let i = 0; i < 5; i++) {
    bare.push(wallTime(['-e', bareRead]));
    ours.push(wallTime(cli));
  }
  const ratio = median(ours) / median(bare);
  console.log(`      exceljs 读取 bare read: ${median(bare).toFixed(0)} ms; 命令行 CLI score: ${median(ours).toFixed(0)} ms`);
  report('命令行耗时 / exceljs 读取耗时 CLI wall time vs bare exceljs read', ratio, '×', '≤ 1.5×', ratio <= 1.5);
}

async function main() {
  timeEngine();
  await timeCli();
  await require('./report').run(report);
  await require('./batch').run(report);
  await require('./addin').run(report);
  await require('./web').run(report);
  const failed = results.filter((r) => !r.ok);
  console.log(failed.length === 0 ? '\n全部达标 / all goals met' : `\n${failed.length}项未达标 / ${failed.length} goal(s) missed`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
