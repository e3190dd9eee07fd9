/**
 * Writing the command's outputs (scored copy, JSON, reports) so that nothing is lost and nothing
 * is half-written: no output may be the input or another output, and every output is first written
 * whole to a temporary file beside its target, then all are renamed into place together, or none.
 */
import { accessSync, close, constants, fchmod, fsync, open, realpathSync, rename, statSync, unlink, write, type Stats } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CliError, type FileLabel } from './cli-error';
import { describeFileError, errorCode } from './file-errors';

export interface NamedFile {
  label: FileLabel;
  file: string;
}

export interface OutputFile extends NamedFile {
  bytes: Uint8Array;
}

/**
 * The few file-system calls the writer makes, so tests can make any of them fail like a full disk.
 * They return promises: Node runs them on its own threads, so a batch reads and scores its next
 * workbook while the last one's outputs are being written and synced to the disk (on ext4 an
 * fsync, and the file creation that waits for it, took about as long as scoring the workbook).
 */
export interface OutputFileSystem {
  open(file: string, flags: string, mode: number): Promise<number>;
  write(fd: number, bytes: Uint8Array, offset: number, length: number): Promise<number>;
  fchmod(fd: number, mode: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

const writeBytes = promisify(write);

export const nodeOutputFileSystem: OutputFileSystem = {
  open: promisify(open),
  write: async (fd, bytes, offset, length) => (await writeBytes(fd, bytes, offset, length)).bytesWritten,
  fchmod: promisify(fchmod),
  fsync: promisify(fsync),
  close: promisify(close),
  rename: promisify(rename),
  unlink: promisify(unlink),
};

/** Most file systems allow 255 bytes per name (Windows 255 UTF-16 units, never fewer bytes). */
const MAX_NAME_BYTES = 255;

/**
 * Refuses, before any work: an output that is an input or another output (exit 1), and an output
 * that cannot be written at all — a folder, a device, a missing folder, a name too long (exit 2).
 */
export function checkOutputPlan(inputs: NamedFile[], outputs: NamedFile[]): void {
  const seen: { named: NamedFile; identity: FileIdentity; isInput: boolean }[] = inputs.map((named) => ({
    named,
    identity: identify(named.file),
    isInput: true,
  }));
  for (const output of outputs) {
    const identity = identify(output.file);
    const earlier = seen.find((s) => sameFile(s.identity, identity));
    if (earlier) throw sameFileError(output, earlier.named, earlier.isInput, earlier.identity.key !== identity.key);
    seen.push({ named: output, identity, isInput: false });
  }
  for (const output of outputs) checkWritable(output);
}

/**
 * Writes every output whole to a temporary file in its target's folder, then moves them all into
 * place. A file already at a target is first moved aside, not replaced: should a later move fail
 * (on Windows, a report still open in Word), every target gets its earlier file back and every
 * temporary is removed. The user gets all the new outputs or none, and never loses an old one.
 */
export async function writeAllOrNothing(outputs: OutputFile[], fs: OutputFileSystem = nodeOutputFileSystem): Promise<void> {
  const staged: { output: OutputFile; target: string; temporary: string }[] = [];
  for (const output of outputs) {
    const target = writeTarget(output.file);
    try {
      staged.push({ output, target, temporary: await writeTemporary(fs, target, output.bytes) });
    } catch (error) {
      await removeQuietly(
        fs,
        staged.map((s) => s.temporary),
      );
      throw writeFailure(output, error);
    }
  }
  const moved: { target: string; backup?: string }[] = [];
  for (const [index, { output, target, temporary }] of staged.entries()) {
    let backup: string | undefined;
    try {
      backup = await moveAside(fs, target);
      await fs.rename(temporary, target);
      moved.push({ target, backup });
    } catch (error) {
      await putBack(fs, [...moved, ...(backup ? [{ backup, target, failed: true }] : [])]);
      await removeQuietly(
        fs,
        staged.slice(index).map((s) => s.temporary),
      );
      throw writeFailure(output, error);
    }
  }
  await removeQuietly(
    fs,
    moved.flatMap((m) => (m.backup ? [m.backup] : [])),
  );
}

/** Moves an existing file at `target` to a backup name beside it; undefined when there was none. */
async function moveAside(fs: OutputFileSystem, target: string): Promise<string | undefined> {
  const backup = temporaryName(target, 'old');
  try {
    await fs.rename(target, backup);
    return backup;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Undoes the moves of a failed run: new files out, earlier files back where they were. */
async function putBack(fs: OutputFileSystem, moves: { target: string; backup?: string; failed?: boolean }[]): Promise<void> {
  for (const { target, backup, failed } of moves) {
    if (!failed) await removeQuietly(fs, [target]);
    if (!backup) continue;
    try {
      await fs.rename(backup, target);
    } catch {
      // the earlier file stays under its backup name beside the target rather than being lost
    }
  }
}

interface FileIdentity {
  /** The resolved path, case-folded where the file system usually ignores case. */
  key: string;
  /** device:inode of a file that exists: hard links share it. */
  inode?: string;
}

function identify(file: string): FileIdentity {
  const absolute = path.resolve(file);
  let inode: string | undefined;
  try {
    const stats = statSync(absolute, { bigint: true });
    inode = `${stats.dev}:${stats.ino}`;
  } catch {
    // not there yet: its path alone identifies it
  }
  const folded = process.platform === 'win32' || process.platform === 'darwin' ? resolvedPath(absolute).toLowerCase() : resolvedPath(absolute);
  return { key: folded, inode };
}

/** realpath of the file, or of its folder plus its name when the file does not exist yet. */
function resolvedPath(absolute: string): string {
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.key === b.key || (a.inode !== undefined && a.inode === b.inode);
}

function sameFileError(output: NamedFile, other: NamedFile, otherIsInput: boolean, hardLink: boolean): CliError {
  const linkZh = hardLink ? `（与“${other.file}”互为硬链接）` : '';
  const linkEn = hardLink ? ` (a hard link to ${other.file})` : '';
  const keptZh = otherIsInput ? `；${other.label.zh}不会被改动` : '';
  const keptEn = otherIsInput ? `; ${other.label.en} is never written` : '';
  return new CliError(
    `${output.label.zh}与${other.label.zh}是同一个文件：${output.file}${linkZh}${keptZh}，请另选输出位置`,
    `${output.label.en} and ${other.label.en} are the same file: ${output.file}${linkEn}${keptEn}; choose another output`,
    1,
  );
}

/** The failures that need no writing to foresee, found before the scoring work is done. */
function checkWritable(output: NamedFile): void {
  const absolute = path.resolve(output.file);
  if (Buffer.byteLength(path.basename(absolute)) > MAX_NAME_BYTES) throw writeFailure(output, { code: 'ENAMETOOLONG' });
  try {
    const stats = existingStats(absolute);
    if (stats?.isDirectory()) throw writeFailure(output, { code: 'EISDIR' });
    if (stats && !stats.isFile()) throw notRegularOutput(output);
    if (stats) accessSync(absolute, constants.W_OK);
    const folder = path.dirname(absolute);
    if (!statSync(folder).isDirectory()) throw writeFailure(output, { code: 'ENOTDIR' });
    // The temporary is created in the folder; a read-only file system refuses even root here.
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw error instanceof CliError ? error : writeFailure(output, error);
  }
}

function existingStats(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function notRegularOutput(output: NamedFile): CliError {
  return new CliError(
    `无法写入${output.label.zh}“${output.file}”：这不是普通文件（如设备或管道），请另选输出位置`,
    `cannot write ${output.label.en} "${output.file}": it is not a regular file (a device or a pipe); choose another output`,
    2,
  );
}

function writeFailure(output: NamedFile, error: unknown): CliError {
  const reason = describeFileError(error, 'write');
  return new CliError(
    `无法写入${output.label.zh}“${output.file}”：${reason.zh}；所有输出文件均未写出`,
    `cannot write ${output.label.en} "${output.file}": ${reason.en}; no output was written`,
    2,
  );
}

/** Renaming over a symbolic link would replace the link; write to the file it points to instead. */
function writeTarget(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

let temporaries = 0;

/** Writes the bytes to a new temporary file beside the target and returns its name. */
async function writeTemporary(fs: OutputFileSystem, target: string, bytes: Uint8Array): Promise<string> {
  const mode = existingMode(target);
  for (let attempt = 1; ; attempt++) {
    const temporary = temporaryName(target);
    let fd: number;
    try {
      fd = await fs.open(temporary, 'wx', 0o666);
    } catch (error) {
      if (errorCode(error) === 'EEXIST' && attempt < 100) continue; // left by another run: take the next name
      throw error;
    }
    try {
      await writeAll(fs, fd, bytes, mode);
    } catch (error) {
      await closeQuietly(fs, fd);
      await removeQuietly(fs, [temporary]);
      throw error;
    }
    try {
      await fs.close(fd);
    } catch (error) {
      await removeQuietly(fs, [temporary]);
      throw error;
    }
    return temporary;
  }
}

async function writeAll(fs: OutputFileSystem, fd: number, bytes: Uint8Array, mode: number | undefined): Promise<void> {
  // A replaced file keeps its permissions, as it would if written in place.
  if (mode !== undefined) await fs.fchmod(fd, mode);
  for (let written = 0; written < bytes.length;) written += await fs.write(fd, bytes, written, bytes.length - written);
  try {
    // Some file systems report a full disk only when the data reaches it.
    await fs.fsync(fd);
  } catch (error) {
    if (!['EINVAL', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error; // cannot sync this kind of file system
  }
}

function existingMode(target: string): number | undefined {
  try {
    return statSync(target).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** .NAME.tmp-PID-N, shortened so that it is a valid name wherever NAME is. */
function temporaryName(target: string, kind: 'tmp' | 'old' = 'tmp'): string {
  const suffix = `.${kind}-${process.pid}-${++temporaries}`;
  let name = path.basename(target);
  while (Buffer.byteLength(`.${name}${suffix}`) > MAX_NAME_BYTES) name = Array.from(name).slice(0, -1).join('');
  return path.join(path.dirname(target), `.${name}${suffix}`);
}

async function closeQuietly(fs: OutputFileSystem, fd: number): Promise<void> {
  try {
    await fs.close(fd);
  } catch {
    // the write already failed; that failure is the one to report
  }
}

async function removeQuietly(fs: OutputFileSystem, files: string[]): Promise<void> {
  for (const file of files) {
    try {
      await fs.unlink(file);
    } catch {
      // already gone, or never created: nothing of ours is left there
    }
  }
}
