/**
 * Reading the workbook and the report template: only regular files of a sane size, every failure
 * one plain line. A FIFO or a device is never opened or read, so the command cannot hang on one.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type BigIntStats } from 'node:fs';
import { sizeText } from '../engine/text';
import { CliError, type FileLabel } from './cli-error';
import { describeFileError, errorCode } from './file-errors';

/** Far above any real 自评表 workbook or report template (a few MB), and refused before it is read. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** zh and en as in “找不到文件”, “找不到报告模板”; kindZh, what the file should be. */
interface InputRole extends FileLabel {
  kindZh: string;
}

const WORKBOOK: InputRole = { zh: '文件', en: 'file', kindZh: '自评表工作簿（.xlsx）' };
const TEMPLATE: InputRole = { zh: '报告模板', en: 'template', kindZh: '报告模板（.docx）' };

export function readWorkbookFile(file: string): Uint8Array {
  return readRegularFile(file, WORKBOOK, () => {
    if (/\.xls$/i.test(file)) {
      throw new CliError(
        `不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再评分：${file}`,
        `old .xls files are not supported; save as .xlsx first: ${file}`,
        2,
      );
    }
  });
}

export function readTemplateFile(file: string): Uint8Array {
  return readRegularFile(file, TEMPLATE);
}

function readRegularFile(file: string, role: InputRole, beforeReading?: () => void): Uint8Array {
  checkReadable(statsOf(file, role), file, role); // a FIFO or a device is never opened
  beforeReading?.();
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the check, opening it still returns at once.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw readFailure(file, role, error);
  }
  try {
    const opened = fstatSync(fd, { bigint: true });
    checkReadable(opened, file, role); // what was opened, should the path have been replaced since
    return readAtMost(fd, Number(opened.size));
  } catch (error) {
    throw error instanceof CliError ? error : readFailure(file, role, error);
  } finally {
    closeSync(fd);
  }
}

function statsOf(file: string, role: InputRole): BigIntStats {
  try {
    return statSync(file, { bigint: true });
  } catch (error) {
    throw readFailure(file, role, error);
  }
}

function checkReadable(stats: BigIntStats, file: string, role: InputRole): void {
  if (!stats.isFile()) throw notRegular(file, role, stats);
  if (stats.size > BigInt(MAX_INPUT_BYTES)) {
    const size = sizeText(Number(stats.size));
    const cap = sizeText(MAX_INPUT_BYTES);
    throw new CliError(
      `${role.zh}“${file}”有 ${size}，超过了 ${cap} 的上限，不像是${role.kindZh}，未读取`,
      `the ${role.en} "${file}" is ${size}, over the ${cap} limit; it was not read`,
      2,
    );
  }
}

/** The file as it was when opened: a file that grows meanwhile is not read past its size then. */
function readAtMost(fd: number, size: number): Uint8Array {
  const bytes = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(fd, bytes, filled, size - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return bytes.subarray(0, filled);
}

function notRegular(file: string, role: InputRole, stats: BigIntStats): CliError {
  const kind = fileKind(stats);
  return new CliError(
    `无法读取${role.zh}“${file}”：${kind.zh}，不是${role.kindZh}文件`,
    `cannot read the ${role.en} "${file}": ${kind.en}, not a regular file`,
    2,
  );
}

function fileKind(stats: BigIntStats): FileLabel {
  if (stats.isDirectory()) return { zh: '这是一个文件夹', en: 'it is a folder' };
  if (stats.isFIFO()) return { zh: '这是一个命名管道', en: 'it is a named pipe' };
  if (stats.isSocket()) return { zh: '这是一个套接字', en: 'it is a socket' };
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return { zh: '这是一个设备', en: 'it is a device' };
  return { zh: '这不是普通文件', en: 'it is not a regular file' };
}

function readFailure(file: string, role: InputRole, error: unknown): CliError {
  const code = errorCode(error);
  // A path through a regular file names nothing that exists, just as a missing file does.
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CliError(`找不到${role.zh}：${file}`, `${role.en} not found: ${file}`, 2);
  const reason = describeFileError(error, 'read');
  return new CliError(`无法读取${role.zh}“${file}”：${reason.zh}`, `cannot read the ${role.en} "${file}": ${reason.en}`, 2);
}
