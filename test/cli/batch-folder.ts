/**
 * A folder as a department or a finance bureau receives one, for the batch tests: the examples in
 * one subfolder, some real-table corpus workbooks in another, a damaged file, a workbook with no
 * table, and what a folder also holds that is not to be scored (an Excel lock file, an earlier
 * scored copy).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { readCorpus, workbookFromTranscription } from '../../scripts/real-tables';
import { noTableWorkbook } from '../helpers/batch-items';

export const ROOT = path.join(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');

/** How many corpus tables go into the folder: enough to vary, few enough to keep the tests quick. */
export const CORPUS_TABLES = 5;

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'perf-batch-'));
}

export interface BatchFolder {
  dir: string;
  /** The workbooks that are scored or listed as unscored, relative to dir, in the order the batch takes them. */
  workbooks: string[];
  damaged: string;
  noTable: string;
  /** Not scored: an Excel lock file and an earlier scored copy. */
  lock: string;
  oldCopy: string;
}

export async function makeBatchFolder(): Promise<BatchFolder> {
  const dir = tempDir();
  mkdirSync(path.join(dir, '示例'));
  mkdirSync(path.join(dir, '真实'));
  const examples = readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.xlsx'))
    .sort();
  for (const name of examples) copyFileSync(path.join(EXAMPLES, name), path.join(dir, '示例', name));
  const corpus = readCorpus().slice(0, CORPUS_TABLES);
  for (const { file, table } of corpus) writeFileSync(path.join(dir, '真实', file.replace(/\.json$/, '.xlsx')), await workbookFromTranscription(table));
  const example = readFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx'));
  writeFileSync(path.join(dir, '损坏-截断.xlsx'), example.subarray(0, Math.floor(example.length / 2)));
  writeFileSync(path.join(dir, '封面-无自评表.xlsx'), await noTableWorkbook());
  writeFileSync(path.join(dir, '~$示例-专项资金自评表.xlsx'), Buffer.from('lock'));
  copyFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx'), path.join(dir, '旧结果.scored.xlsx'));
  const workbooks = [
    ...examples.map((name) => path.join('示例', name)),
    ...corpus.map(({ file }) => path.join('真实', file.replace(/\.json$/, '.xlsx'))),
    '封面-无自评表.xlsx',
    '损坏-截断.xlsx',
  ].sort(byName);
  return { dir, workbooks, damaged: '损坏-截断.xlsx', noTable: '封面-无自评表.xlsx', lock: '~$示例-专项资金自评表.xlsx', oldCopy: '旧结果.scored.xlsx' };
}

/** The order a folder is searched in: by name, code unit by code unit, folders and files alike. */
function byName(a: string, b: string): number {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return pa.length - pb.length;
}

/** Every file below dir with its hash: inputs must come out of a run as they went in. */
export function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    try {
      out.set(name, createHash('sha256').update(readFileSync(file)).digest('hex'));
    } catch {
      // a folder
    }
  }
  return out;
}
