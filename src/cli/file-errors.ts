/**
 * Plain words for the file-system failures a user can meet. Node's own text ("ENOSPC: no space
 * left on device, write") means nothing to office staff, so each code gets a reason they can act on.
 */
import type { FileLabel } from './cli-error';

export type FileAction = 'read' | 'write';

const REASONS: Record<string, FileLabel> = {
  ENOSPC: { zh: '磁盘空间不足', en: 'the disk is full' },
  EDQUOT: { zh: '磁盘配额已用完', en: 'the disk quota is used up' },
  EFBIG: { zh: '文件超过了系统允许的大小', en: 'the file is larger than the system allows' },
  ENOENT: { zh: '文件夹不存在', en: 'the folder does not exist' },
  ENOTDIR: { zh: '路径中有一级不是文件夹', en: 'part of the path is not a folder' },
  EROFS: { zh: '文件夹是只读的', en: 'the folder is read-only' },
  EISDIR: { zh: '路径是一个文件夹', en: 'the path is a folder' },
  ENAMETOOLONG: { zh: '文件名太长', en: 'the file name is too long' },
  ELOOP: { zh: '路径中的符号链接循环指向自身', en: 'the path has a symbolic-link loop' },
  EBUSY: { zh: '文件正被其他程序占用，请关闭后重试', en: 'the file is in use by another program; close it and retry' },
  ETXTBSY: { zh: '文件正被其他程序占用，请关闭后重试', en: 'the file is in use by another program; close it and retry' },
  EMFILE: { zh: '同时打开的文件太多，请关闭一些程序后重试', en: 'too many files are open; close some programs and retry' },
  ENFILE: { zh: '同时打开的文件太多，请关闭一些程序后重试', en: 'too many files are open; close some programs and retry' },
  EINVAL: { zh: '文件名中有不允许的字符', en: 'the file name has characters that are not allowed' },
  EEXIST: { zh: '已有同名文件', en: 'a file of that name already exists' },
  ENXIO: { zh: '这不是普通文件', en: 'it is not a regular file' },
  ENODEV: { zh: '这不是普通文件', en: 'it is not a regular file' },
};

const BY_ACTION: Record<FileAction, Record<string, FileLabel>> = {
  read: {
    EACCES: { zh: '没有读取权限', en: 'no permission to read it' },
    // Windows says EPERM where a file is locked by the program that has it open.
    EPERM: { zh: '没有读取权限（或文件正被其他程序打开）', en: 'no permission to read it (or another program has it open)' },
    ENOENT: { zh: '文件不存在', en: 'the file does not exist' },
    EIO: { zh: '读取磁盘时出错', en: 'the disk reported a read error' },
    default: { zh: '系统未能读取该文件', en: 'the system could not read it' },
  },
  write: {
    EACCES: { zh: '没有写入权限', en: 'no permission to write there' },
    EPERM: { zh: '没有写入权限（或文件正被其他程序打开）', en: 'no permission to write there (or another program has the file open)' },
    EIO: { zh: '写入磁盘时出错', en: 'the disk reported a write error' },
    default: { zh: '系统未能写入该文件', en: 'the system could not write it' },
  },
};

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The reason, in the user's words, why reading or writing a file failed. */
export function describeFileError(error: unknown, action: FileAction): FileLabel {
  const code = errorCode(error) ?? '';
  return BY_ACTION[action][code] ?? REASONS[code] ?? BY_ACTION[action].default;
}
