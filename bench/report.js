/**
 * Picked up by bench/run.js: build the report model and pack the .docx for a 50-indicator
 * evaluation, the first time in this process (the command line's case) and warm.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { tableGrid } = require('./generate-table');

const DIST = path.join(__dirname, '..', 'dist');

exports.run = async (report) => {
  const { evaluateGrid } = require(path.join(DIST, 'engine/evaluate.js'));
  const { buildReport } = require(path.join(DIST, 'engine/report/model.js'));
  const { renderDocx } = require(path.join(DIST, 'render/docx.js'));
  const outcome = evaluateGrid(tableGrid(50));
  if (!outcome.ok) throw new Error('the 50-row table did not score');
  const once = async () => {
    const start = performance.now();
    await renderDocx(buildReport(outcome.evaluation, { date: '2025-06-11' }));
    return performance.now() - start;
  };
  const first = await once();
  const warm = [];
  for (let i = 0; i < 9; i++) warm.push(await once());
  const median = [...warm].sort((a, b) => a - b)[4];
  console.log(`      报告 report: 首次 first ${first.toFixed(0)} ms，预热后 warm median ${median.toFixed(0)} ms`);
  report('生成报告并打包 .docx（50个指标，首次）build report + pack .docx, 50 indicators', first, 'ms', '< 300 ms', first < 300);
};
