/**
 * One fuzz case end to end: prepare its files in a fresh folder, run the CLI under the bounds,
 * and check every invariant. Shared by the quick run in `npm test` and `npm run fuzz`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FuzzCase } from './families';
import { checkRun, classify, fileHash, listFolder, type Outcome } from './invariants';
import { runCli, type CliRun } from './run-cli';

export interface CaseResult {
  id: string;
  family: string;
  outcome?: Outcome;
  run: CliRun;
  broken: string[];
}

export async function runCase(fuzzCase: FuzzCase): Promise<CaseResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-fuzz-'));
  const prepared = await fuzzCase.prepare(dir);
  try {
    const folders = new Set([dir, ...prepared.outputs.map((o) => path.dirname(path.resolve(o)))]);
    const foldersBefore = new Map([...folders].map((folder) => [folder, listFolder(folder)]));
    const inputHash = prepared.input ? fileHash(prepared.input) : undefined;
    const run = await runCli(prepared.args, { cwd: dir, fileSizeLimit: prepared.fileSizeLimit });
    const broken = await checkRun(run, { input: prepared.input, inputHash, outputs: prepared.outputs, foldersBefore });
    const outcome = classify(run);
    if (fuzzCase.expect && (!outcome || !fuzzCase.expect.includes(outcome))) {
      broken.push(`expected ${fuzzCase.expect.join(' or ')}, got ${outcome ?? 'no outcome'}: ${(run.stderr || run.stdout).split('\n')[0].slice(0, 200)}`);
    }
    return { id: fuzzCase.id, family: fuzzCase.family, outcome, run, broken };
  } finally {
    prepared.cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs cases `width` at a time (the machine has two cores), in order of their index. */
export async function runCases(cases: FuzzCase[], width: number, onResult: (result: CaseResult) => void = () => undefined): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await runCase(cases[index]);
      onResult(results[index]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
