/**
 * Runs the built command line as the fuzz harness's child, and reports its peak memory (kB) and its
 * own running time (ms) on file descriptor 3 when it ends, so the parent can hold each case to the memory goal.
 */
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS} ${Math.round(process.uptime() * 1000)}`);
  } catch {
    // the parent may have stopped listening after killing us
  }
});
require('../../bin/perf-self-eval.js');
