/**
 * The batch across worker threads, through the built command (bin/perf-self-eval.js → dist/cli/,
 * where the worker script dist/cli/batch-worker.js lives; `npm test` runs `npm run build:cli`
 * first). The same folder scored in workers and in one thread must give the same summary, the
 * same Evaluations and the same copies; a folder of ten files uses workers without being asked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashes, makeBatchFolder, ROOT, tempDir, type BatchFolder } from './batch-folder';
import { WORKERS_FROM_CPUS } from '../../src/cli/batch';

const BIN = path.join(ROOT, 'bin', 'perf-self-eval.js');

function cli(args: string[]): { code: number | null; out: string; err: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: child.status, out: child.stdout, err: child.stderr };
}

let folder: BatchFolder;
let before: Map<string, string>;
const runs: Record<'workers' | 'thread', { code: number | null; out: string; err: string; work: string }> = {} as never;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'batch-worker.js'))) throw new Error('the CLI is not built: run npm run build:cli first');
  folder = await makeBatchFolder();
  before = hashes(folder.dir);
  for (const [name, jobs] of [
    ['workers', '3'],
    ['thread', '1'],
  ] as const) {
    const work = tempDir();
    const args = [
      'score',
      folder.dir,
      '--summary',
      path.join(work, 's.xlsx'),
      '--json',
      path.join(work, 's.json'),
      '--out-dir',
      path.join(work, 'out'),
      '--jobs',
      jobs,
    ];
    runs[name] = { ...cli(args), work };
  }
}, 240_000);

test('scored in three worker threads, with the exit code and the progress lines of one thread', () => {
  expect(runs.workers.code).toBe(3);
  expect(runs.thread.code).toBe(3);
  expect(runs.workers.out).toContain(`共${folder.workbooks.length}个工作簿（3个线程并行）`);
  expect(runs.thread.out).not.toContain('线程并行');
  const progress = (err: string) => err.split('\n').filter((l) => /^\[\s*\d+\/\d+\] /.test(l));
  expect(progress(runs.workers.err)).toHaveLength(folder.workbooks.length);
  // Each file once, whatever order the threads finished in.
  const files = (err: string) => progress(err).map((l) => l.replace(/^\[[^\]]+\] /, '').split('：')[0]);
  expect(files(runs.workers.err).sort()).toEqual(files(runs.thread.err).sort());
  expect(
    progress(runs.workers.err)
      .map((l) => l.replace(/^\[[^\]]+\] /, ''))
      .sort(),
  ).toEqual(
    progress(runs.thread.err)
      .map((l) => l.replace(/^\[[^\]]+\] /, ''))
      .sort(),
  );
});

test('the workers give the same JSON (Evaluations and summary, in the batch order) and the same final lines', () => {
  const read = (work: string) => JSON.parse(readFileSync(path.join(work, 's.json'), 'utf8'));
  const workers = read(runs.workers.work);
  expect(workers.evaluations.length).toBeGreaterThanOrEqual(10);
  expect(workers).toEqual(read(runs.thread.work));
  expect(runs.workers.out.replace('（3个线程并行）', '').split(runs.workers.work).join('W')).toBe(runs.thread.out.split(runs.thread.work).join('W'));
});

test('the workers write the same scored copies and leave the inputs alone', () => {
  const copies = (work: string) => hashes(path.join(work, 'out'));
  const workers = copies(runs.workers.work);
  expect(workers.size).toBeGreaterThanOrEqual(10);
  expect(workers).toEqual(copies(runs.thread.work));
  expect(hashes(folder.dir)).toEqual(before);
});

test('ten files use worker threads without --jobs when the machine has three CPUs or more, else one thread', () => {
  const work = tempDir();
  const { code, out } = cli(['score', path.join(folder.dir, '示例'), path.join(folder.dir, '真实'), '--summary', path.join(work, 's.xlsx'), '--out-dir', work]);
  expect(code).toBe(3); // 仅指标值 has no actual values
  const cpus = os.availableParallelism();
  if (cpus >= WORKERS_FROM_CPUS) expect(out).toMatch(/共13个工作簿（[2-8]个线程并行）/);
  else expect(out).toContain('共13个工作簿：');
});
