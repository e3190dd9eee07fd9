/**
 * Picked up by bench/run.js: build the report model and pack the .docx for a 50-indicator
 * evaluation, the first time in this process (the command line's case) and warm; then the same
 * for 10,000 and 20,000 indicators, each in a fresh process for its time and peak memory, to show
 * that both grow linearly (issue 15: 1.9 GB and 12.6 s for 10,000 before).
 *
 *   node bench/report.js 10000   one large report in this process: prints {"ms":…,"peakMb":…}
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { tableGrid } = require('./generate-table');

const DIST = path.join(__dirname, '..', 'dist');

function evaluation(count) {
  const { evaluateGrid } = require(path.join(DIST, 'engine/evaluate.js'));
  const outcome = evaluateGrid(tableGrid(count));
  if (!outcome.ok) throw new Error(`the ${count}-row table did not score`);
  return outcome.evaluation;
}

async function renderOnce(ev) {
  const { buildReport } = require(path.join(DIST, 'engine/report/build.js'));
  const { renderDocx } = require(path.join(DIST, 'render/docx.js'));
  const start = performance.now();
  await renderDocx(buildReport(ev, { date: '2025-06-11' }));
  return performance.now() - start;
}

/** A large report in a fresh process: its time, and the process's peak resident memory. */
function large(count) {
  const out = execFileSync(process.execPath, [__filename, String(count)], { encoding: 'utf8' });
  return JSON.parse(out);
}

exports.run = async (report) => {
  const ev = evaluation(50);
  const first = await renderOnce(ev);
  const warm = [];
  for (let i = 0; i < 9; i++) warm.push(await renderOnce(ev));
  const median = [...warm].sort((a, b) => a - b)[4];
  console.log(`      报告 report: 首次 first ${first.toFixed(0)} ms，预热后 warm median ${median.toFixed(0)} ms`);
  report('生成报告并打包 .docx（50个指标，首次）build report + pack .docx, 50 indicators', first, 'ms', '< 300 ms', first < 300);

  const [ten, twenty] = [large(10_000), large(20_000)];
  console.log(
    `      大报告 large report: 10,000个指标 ${ten.ms.toFixed(0)} ms / ${ten.peakMb.toFixed(0)} MB；` +
      `20,000个指标 ${twenty.ms.toFixed(0)} ms / ${twenty.peakMb.toFixed(0)} MB`,
  );
  report('生成报告并打包 .docx（10,000个指标）build report + pack .docx, 10,000 indicators', ten.ms, 'ms', '< 5000 ms', ten.ms < 5000);
  report('其峰值内存 its peak memory (whole process)', ten.peakMb, 'MB', '< 700 MB', ten.peakMb < 700);
  // Twice the indicators should take about twice the time (garbage collection adds a little), not four times.
  const growth = twenty.ms / ten.ms;
  report('20,000个指标耗时 / 10,000个指标耗时 time for 20,000 vs 10,000', growth, '×', '≤ 3×', growth <= 3);
};

if (require.main === module) {
  const ev = evaluation(Number(process.argv[2]));
  renderOnce(ev).then((ms) => {
    process.stdout.write(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024 }));
  });
}
