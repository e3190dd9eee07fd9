/**
 * The workbooks of a batch (汇总与复核): the files named, and every .xlsx in the folders named,
 * searched through their subfolders. What a folder holds that is not a workbook to score is left
 * out and counted: Excel's lock files (~$name.xlsx, present while a workbook is open) and this
 * tool's own scored copies (*.scored.xlsx), so that running the batch again does not score its own
 * results. Old .xls workbooks found in a folder are kept, to be listed under 未能评分 with the reason:
 * a department that sends one expects to hear that it was not counted.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error';
import { describeFileError, errorCode } from './file-errors';

export interface BatchInput {
  /** The absolute path, for reading. */
  file: string;
  /** The path as the user should recognise it: as typed, or the folder as typed joined with the path below it. */
  label: string;
  /** The path below the inputs' common folder, where --out-dir and --report-dir put its outputs. */
  relative: string;
}

export interface SkippedFiles {
  /** Excel's lock files, ~$*.xlsx. */
  locks: number;
  /** This tool's scored copies, *.scored.xlsx. */
  scoredCopies: number;
  /** The same file reached twice (named twice, or through a folder and by name). */
  repeated: number;
  /** The files this run writes (the summary, the JSON) found in a folder. */
  outputs: number;
}

export interface BatchInputs {
  files: BatchInput[];
  skipped: SkippedFiles;
  /** The folder all inputs are below: --out-dir and --report-dir mirror the folders under it. */
  base: string;
}

const WORKBOOK = /\.xlsx$/i;
const OLD_WORKBOOK = /\.xls$/i;
const LOCK_FILE = /^~\$/;
const SCORED_COPY = /\.scored\.xlsx$/i;

/**
 * Every workbook to score, in the order named and, within a folder, by path. A path that does not
 * exist is a typing mistake to fix before any work (exit 2), not a file to list as unscored.
 * `outputs` are the files this run writes: found in a folder, they are not inputs.
 */
export function findBatchInputs(paths: string[], outputs: string[] = []): BatchInputs {
  const skipped: SkippedFiles = { locks: 0, scoredCopies: 0, repeated: 0, outputs: 0 };
  const found: { file: string; label: string }[] = [];
  const seen = new Set<string>();
  const outputKeys = new Set(outputs.map((file) => identity(path.resolve(file))));
  const roots: string[] = [];
  const add = (file: string, label: string, fromFolder: boolean) => {
    const key = identity(file);
    if (fromFolder && outputKeys.has(key)) return void skipped.outputs++;
    if (seen.has(key)) return void skipped.repeated++;
    seen.add(key);
    found.push({ file, label });
  };
  for (const typed of paths) {
    const absolute = path.resolve(typed);
    const stats = statOf(absolute, typed);
    if (stats.isDirectory()) {
      roots.push(absolute);
      for (const below of workbooksIn(absolute, skipped)) add(path.join(absolute, below), path.join(typed, below), true);
    } else {
      // A file named on the command line is scored whatever its name: the reader says what is wrong with it.
      roots.push(path.dirname(absolute));
      add(absolute, typed, false);
    }
  }
  const base = commonFolder(roots);
  return { files: found.map(({ file, label }) => ({ file, label, relative: path.relative(base, file) })), skipped, base };
}

function statOf(absolute: string, typed: string) {
  try {
    return statSync(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`找不到文件或文件夹：${typed}`, `no such file or folder: ${typed}`, 2);
    const reason = describeFileError(error, 'read');
    throw new CliError(`无法读取“${typed}”：${reason.zh}`, `cannot read "${typed}": ${reason.en}`, 2);
  }
}

/** The workbooks below a folder, as paths relative to it, sorted; folders reached twice (links) are searched once. */
function workbooksIn(root: string, skipped: SkippedFiles): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  const walk = (folder: string, relative: string) => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      const reason = describeFileError(error, 'read');
      throw new CliError(`无法读取文件夹“${folder}”：${reason.zh}`, `cannot read the folder "${folder}": ${reason.en}`, 2);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const below = relative ? path.join(relative, entry.name) : entry.name;
      const full = path.join(folder, entry.name);
      const kind = entry.isSymbolicLink() ? linkedKind(full) : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      if (kind === 'folder') walk(full, below);
      else if (kind === 'file') {
        if (!WORKBOOK.test(entry.name) && !OLD_WORKBOOK.test(entry.name)) continue;
        if (LOCK_FILE.test(entry.name)) skipped.locks++;
        else if (SCORED_COPY.test(entry.name)) skipped.scoredCopies++;
        else out.push(below);
      }
    }
  };
  walk(root, '');
  return out;
}

function linkedKind(file: string): 'folder' | 'file' | 'other' {
  try {
    const stats = statSync(file);
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link: nothing to score
  }
}

/** The same file whatever path reached it: its real path, case-folded where the file system ignores case. */
export function identity(absolute: string): string {
  let real = absolute;
  try {
    real = realpathSync(absolute);
  } catch {
    try {
      real = path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      // neither it nor its folder exists yet: its path alone
    }
  }
  return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
}

/** The deepest folder that holds all of them. */
function commonFolder(folders: string[]): string {
  if (folders.length === 0) return process.cwd();
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (common !== path.dirname(common) && !isWithin(folder, common)) common = path.dirname(common);
  }
  return common;
}

function isWithin(folder: string, parent: string): boolean {
  const relative = path.relative(parent, folder);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
