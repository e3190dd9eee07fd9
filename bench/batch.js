/**
 * Picked up by bench/run.js (issue 14, 汇总与复核): 1,000 generated workbooks of 30 indicator rows,
 * in ten folders, scored in one command-line run with --summary (scored copies into --out-dir,
 * worker threads as the command chooses them), against merely loading the same files with exceljs
 * in one process. Goal: the whole batch ≤ 2× that load time. Peak memory (the process's maxRSS,
 * worker threads included) at 100 and 1,000 files: goal, flat (1,000 files ≤ 1.5× the peak of 100).
 *
 * The disk's own pace varies from run to run (here by a quarter either way, as the system writes
 * back earlier files), so the 1,000-file runs alternate, RUNS times each, and the medians are
 * compared; before each run the system's pending writes are flushed (sync), so that neither run
 * pays for the files the other, or the generator, left to be written.
 *
 *   node bench/batch.js     the figures on their own (after npm run build:cli)
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { tableWorkbook } = require('./generate-table');

const ROOT = path.join(__dirname, '..');
const ROWS = 30;
const FOLDERS = 10;
const DISTINCT = 50;
const RUNS = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Pending writes to disk, flushed (coreutils sync). */
function flushDisk() {
  spawnSync('sync');
}

/** `count` workbooks in FOLDERS subfolders of `dir`, DISTINCT different tables among them. */
async function writeBatch(dir, count) {
  const tables = [];
  for (let v = 1; v <= DISTINCT; v++) tables.push(await tableWorkbook(ROWS, v));
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `单位${String(i % FOLDERS).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `项目${String(i).padStart(4, '0')}.xlsx`), tables[i % DISTINCT]);
  }
}

/** Runs a node script: its wall time, and the peak RSS it reported on fd 3 (max-rss.js). */
function run(args) {
  flushDisk();
  const start = performance.now();
  const child = spawnSync(process.execPath, ['-r', path.join(__dirname, 'max-rss.js'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited with ${child.status}: ${child.stderr.toString().slice(-2000)}`);
  return { ms, rssMb: Number(child.output[3].toString().trim()) / 1024 };
}

/** Loads every .xlsx below `dir` with exceljs, one after another, in this process. */
function bareLoadScript(dir) {
  return (
    `const ExcelJS = require(${JSON.stringify(require.resolve('exceljs'))});` +
    `const fs = require('node:fs'), path = require('node:path');` +
    `const files = fs.readdirSync(${JSON.stringify(dir)}, { recursive: true }).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(${JSON.stringify(dir)}, f));` +
    `(async () => { for (const f of files) await new ExcelJS.Workbook().xlsx.readFile(f); })();`
  );
}

function cliArgs(dir, work) {
  return [path.join(ROOT, 'bin/perf-self-eval.js'), 'score', dir, '--summary', path.join(work, '汇总.xlsx'), '--out-dir', path.join(work, 'out')];
}

async function runBatch(report) {
  const base = mkdtempSync(path.join(os.tmpdir(), 'perf-batch-bench-'));
  try {
    const peaks = {};
    for (const count of [100, 1000]) {
      const dir = path.join(base, `in-${count}`);
      await writeBatch(dir, count);
      const ours = [];
      const bare = [];
      for (let i = 0; i < (count === 1000 ? RUNS : 1); i++) {
        const work = path.join(base, `work-${count}-${i}`);
        mkdirSync(work);
        ours.push(run(cliArgs(dir, work)));
        const summary = readFileSync(path.join(work, '汇总.xlsx'));
        if (summary.length === 0) throw new Error('no summary written');
        rmSync(work, { recursive: true, force: true });
        if (count === 1000) bare.push(run(['-e', bareLoadScript(dir)]));
      }
      const ms = median(ours.map((r) => r.ms));
      peaks[count] = Math.max(...ours.map((r) => r.rssMb));
      const each = ours.length > 1 ? `（${ours.map((r) => r.ms.toFixed(0)).join('、')}）` : '';
      console.log(`      ${count}个工作簿 batch of ${count}: 命令行 CLI ${ms.toFixed(0)} ms${each}, 峰值内存 peak RSS ${peaks[count].toFixed(0)} MB`);
      if (count === 1000) {
        const bareMs = median(bare.map((r) => r.ms));
        const bareRss = Math.max(...bare.map((r) => r.rssMb));
        console.log(
          `      exceljs 逐个读取 bare exceljs load of ${count}: ${bareMs.toFixed(0)} ms（${bare.map((r) => r.ms.toFixed(0)).join('、')}）, 峰值内存 peak RSS ${bareRss.toFixed(0)} MB`,
        );
        const ratio = ms / bareMs;
        report(
          `批量评分1,000个工作簿（含汇总）/ exceljs 读取，各${RUNS}次取中位数 batch of 1,000 with --summary vs bare exceljs load, medians of ${RUNS}`,
          ratio,
          '×',
          '≤ 2×',
          ratio <= 2,
        );
      }
    }
    report('批量评分峰值内存（100个）peak RSS, batch of 100', peaks[100], 'MB', '记录 recorded', true);
    report('批量评分峰值内存（1,000个）peak RSS, batch of 1,000', peaks[1000], 'MB', '≤ 1.5× 100个时 flat', peaks[1000] <= 1.5 * peaks[100]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

module.exports = { run: runBatch, writeBatch };

if (require.main === module) {
  const report = (name, value, unit, goal, ok) =>
    console.log(`${ok ? '达标' : '未达标'}  ${name}: ${value.toFixed(unit === '×' ? 2 : 1)} ${unit}  (目标 ${goal})`);
  runBatch(report).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
