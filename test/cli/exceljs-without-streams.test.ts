/**
 * The command line loads exceljs without its stream reader and writer (src/cli/exceljs-without-streams.ts):
 * the same exports as the package's own main module, the streams loaded only when first used.
 * Run in a child process on the compiled command line (npm run build:cli), as Node runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const MODULE = path.join(ROOT, 'dist', 'cli', 'exceljs-without-streams.js');

const probe = `
  require(${JSON.stringify(MODULE)});
  const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/'));
  const ours = require('exceljs');
  const before = { unzipper: loaded('unzipper'), writer: Object.keys(require.cache).some((f) => f.endsWith('workbook-writer.js')) };
  const full = require('exceljs/lib/exceljs.nodejs.js');
  const keys = (o) => Object.keys(o).sort();
  const same = keys(ours).length === keys(full).length && keys(full).every((k) => k === 'stream' || ours[k] === full[k]);
  const streams = ours.stream.xlsx.WorkbookWriter === full.stream.xlsx.WorkbookWriter && ours.stream.xlsx.WorkbookReader === full.stream.xlsx.WorkbookReader;
  console.log(JSON.stringify({ before, keys: keys(ours), fullKeys: keys(full), same, streams }));
`;

test('the same exports as exceljs itself, with no stream code loaded until a stream is asked for', () => {
  if (!existsSync(MODULE)) throw new Error('run npm run build:cli first');
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout);
  expect(result.before).toEqual({ unzipper: false, writer: false });
  expect(result.keys).toEqual(result.fullKeys);
  expect(result.same).toBe(true);
  expect(result.streams).toBe(true);
});
