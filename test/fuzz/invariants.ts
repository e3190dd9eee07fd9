/**
 * What must hold after every fuzz case, whatever the input: the input unchanged, each output
 * either complete and readable or absent, no temporaries left, a one-line plain-words message,
 * and the time and memory bounds. Returns the broken ones as readable lines.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { MEMORY_LIMIT_KB, TIME_LIMIT_MS, type CliRun } from './run-cli';

export type Outcome = 'scored' | 'refused' | 'usage';

export function fileHash(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Snapshot of a folder's file names, to find what a run left behind. */
export function listFolder(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

// Raw system wording, stack frames and JavaScript's own words never reach the user.
const RAW_WORDS = /\b(E[A-Z]{3,}|TypeError|RangeError|SyntaxError|undefined|NaN|Infinity|Not an A1 address)\b|\n\s+at |意外问题|unexpected failure/;

export function classify(run: CliRun): Outcome | undefined {
  if (run.code === 0) return 'scored';
  if (run.code === 2) return 'refused';
  if (run.code === 1) return 'usage';
  return undefined;
}

/** The broken invariants of one run; empty when the run is clean. */
export async function checkRun(
  run: CliRun,
  context: { inputHash?: string; input?: string; outputs: string[]; foldersBefore: Map<string, Set<string>> },
): Promise<string[]> {
  const broken: string[] = [];
  if (run.killed === 'memory') broken.push(`memory over ${Math.round(MEMORY_LIMIT_KB / 1024)} MB: killed`);
  if (run.killed === 'time') broken.push(`took over ${TIME_LIMIT_MS / 1000} s: killed`);
  if (run.peakKb > MEMORY_LIMIT_KB) broken.push(`peak memory ${Math.round(run.peakKb / 1024)} MB`);
  if (!run.killed && run.ms > TIME_LIMIT_MS) broken.push(`took ${(run.ms / 1000).toFixed(1)} s`);
  const outcome = classify(run);
  if (!outcome && !run.killed) broken.push(`exit code ${run.code} signal ${run.signal}`);

  if (context.input && context.inputHash !== undefined && fileHash(context.input) !== context.inputHash) {
    broken.push('the input file changed');
  }

  const errLines = run.stderr.split('\n').filter((line) => line.trim() !== '');
  if (outcome === 'refused' && errLines.length !== 1) broken.push(`refusal is ${errLines.length} lines: ${run.stderr.slice(0, 300)}`);
  if (outcome === 'usage' && !(errLines[0] ?? '').startsWith('错误：')) broken.push(`usage error without a message: ${run.stderr.slice(0, 200)}`);
  if (outcome === 'scored' && errLines.length > 0) broken.push(`scored but printed to stderr: ${run.stderr.slice(0, 300)}`);
  const firstErr = errLines[0] ?? '';
  if (RAW_WORDS.test(firstErr)) broken.push(`raw wording in the message: ${firstErr.slice(0, 300)}`);
  if (outcome === 'scored' && /undefined|NaN|Infinity/.test(run.stdout)) broken.push(`raw value in the output: ${run.stdout.slice(0, 300)}`);

  for (const [dir, before] of context.foldersBefore) {
    for (const name of listFolder(dir)) {
      if (!before.has(name) && !context.outputs.some((o) => path.resolve(o) === path.join(dir, name))) {
        broken.push(`left behind: ${path.join(dir, name)}`);
      }
    }
  }

  for (const output of context.outputs) {
    if (output === context.input) continue; // checked above by its hash
    const present = existsSync(output) && statSync(output).isFile();
    if (outcome !== 'scored') {
      const before = context.foldersBefore.get(path.dirname(path.resolve(output)));
      if (present && !before?.has(path.basename(output))) broken.push(`a failed run left an output: ${output}`);
      continue;
    }
    if (!present) continue; // options that were not asked for, or a run that wrote fewer reports
    const problem = await unreadable(output);
    if (problem) broken.push(`${path.basename(output)}: ${problem}`);
  }
  return broken;
}

/** Why an output is not complete and readable, or undefined when it is. */
async function unreadable(file: string): Promise<string | undefined> {
  const bytes = readFileSync(file);
  if (file.endsWith('.json')) {
    try {
      JSON.parse(bytes.toString('utf8'));
      return undefined;
    } catch (error) {
      return `JSON does not parse: ${(error as Error).message}`;
    }
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (error) {
    return `not a valid zip: ${(error as Error).message}`;
  }
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(entry.name)) continue;
    const text = await entry.async('string');
    const problem = malformedXml(text) ?? (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) ? sheetStructure(text) : undefined);
    if (problem) return `${entry.name}: ${problem}`;
  }
  if (file.endsWith('.xlsx')) {
    // Our own reader, not a bare exceljs load: exceljs expands every merge cell by cell, and a
    // scored copy may keep a whole-sheet merge from its input.
    try {
      await readWorkbookGrids(bytes);
    } catch (error) {
      return `the scored copy does not read back: ${(error as Error).message}`;
    }
  }
  return undefined;
}

function malformedXml(text: string): string | undefined {
  if (text.length > 50_000_000) return undefined; // structure is checked separately for huge parts
  try {
    new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
    return undefined;
  } catch (error) {
    return `malformed XML: ${(error as Error).message.slice(0, 200)}`;
  }
}

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return col;
}

/** Excel refuses rows out of order or repeated, cells out of order, and addresses past XFD1048576. */
function sheetStructure(xml: string): string | undefined {
  let previousRow = 0;
  for (const row of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(\/?)>([\s\S]*?)(?=<(?:\w+:)?row\b|<\/(?:\w+:)?sheetData>)/g)) {
    const r = /\sr="([^"]*)"/.exec(row[1])?.[1];
    const number = r === undefined ? previousRow + 1 : Number(r);
    if (!Number.isInteger(number) || number < 1 || number > MAX_ROW) return `row r="${r}"`;
    if (number <= previousRow) return `row ${number} after row ${previousRow}`;
    previousRow = number;
    let previousCol = 0;
    for (const cell of row[3].matchAll(/<(?:\w+:)?c\b([^>]*)>/g)) {
      const ref = /\sr="([^"]*)"/.exec(cell[1])?.[1];
      if (ref === undefined) {
        previousCol++;
        continue;
      }
      const match = /^([A-Z]{1,3})(\d+)$/.exec(ref);
      if (!match) return `cell r="${ref}" in row ${number}`;
      const col = columnNumber(match[1]);
      if (Number(match[2]) !== number) return `cell ${ref} inside row ${number}`;
      if (col > MAX_COLUMN) return `cell ${ref} beyond column XFD`;
      if (col <= previousCol) return `cell ${ref} out of order`;
      previousCol = col;
    }
  }
  return undefined;
}
