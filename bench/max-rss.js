/**
 * Preloaded (node -r) into a benchmark's child: reports the process's peak memory (maxRSS in kB,
 * worker threads included, as they share the process) on file descriptor 3 when it ends.
 */
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // no fd 3: run on its own, nobody is listening
  }
});
