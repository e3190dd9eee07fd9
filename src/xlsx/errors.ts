/**
 * Input the tool cannot read, and the byte-level checks that name the reason. Pure (no Node
 * modules, no Buffer) so that the browser reader and the Node patcher share it without a cycle.
 */
import { ProductError } from '../engine/product-error';

export type XlsxInputErrorCode = 'empty' | 'not-zip' | 'xls' | 'truncated' | 'encrypted' | 'corrupt' | 'damaged' | 'too-large' | 'unsupported';

const INPUT_ERROR_MESSAGES: Record<XlsxInputErrorCode, [string, string]> = {
  empty: ['文件是空的（0 字节）', 'The file is empty (0 bytes)'],
  'not-zip': ['文件不是有效的 .xlsx 工作簿（不是 zip 格式）', 'Not a valid .xlsx workbook (not a zip file)'],
  xls: [
    '这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试',
    'This is an old Excel 97-2003 (.xls) file; save it as .xlsx in Excel and try again',
  ],
  truncated: ['文件不完整（zip 数据被截断），请重新获取或保存该文件', 'The file is incomplete (truncated zip data); copy or save it again'],
  encrypted: ['工作簿受密码保护，请在 Excel 中取消打开密码后再试', 'The workbook is password-protected; remove the password in Excel and try again'],
  corrupt: ['文件是 zip 格式，但不是可读取的 .xlsx 工作簿', 'The file is a zip archive but not a readable .xlsx workbook'],
  damaged: ['文件已损坏，请重新获取或保存该文件', 'The file is damaged; copy or save it again'],
  'too-large': ['工作簿太大，无法读取', 'The workbook is too large to read'],
  unsupported: ['文件使用了不支持的格式，请在 Excel 中另存为 .xlsx 后再试', 'The file uses an unsupported format; save it as .xlsx in Excel and try again'],
};

/** Input the tool cannot read. `message` is one line, Chinese then English, as the CLI prints it. */
export class XlsxInputError extends ProductError {
  declare readonly code: XlsxInputErrorCode;
  constructor(code: XlsxInputErrorCode, zh: string = INPUT_ERROR_MESSAGES[code][0], en: string = INPUT_ERROR_MESSAGES[code][1]) {
    super(code, zh, en, { message: `${zh} / ${en}` });
    this.name = 'XlsxInputError';
  }
}

/** How a part of the package fails its check, in the user's words. */
export type DamageReason = 'inflate' | 'size' | 'checksum' | 'bounds';

const DAMAGE_REASONS: Record<DamageReason, [string, string]> = {
  inflate: ['无法解压', 'cannot be unpacked'],
  size: ['解压后的大小与文件中记录的不符', 'unpacks to a different size than the file records'],
  checksum: ['解压后的内容与文件中记录的校验值不符', 'does not match the checksum the file records'],
  bounds: ['的数据超出了它在文件中的位置', 'runs past its place in the file'],
};

/** A part of the package is damaged: its data does not unpack to what the zip records. */
export function damagedPart(name: string, reason: DamageReason): XlsxInputError {
  const [zh, en] = DAMAGE_REASONS[reason];
  const part = shownPartName(name);
  return new XlsxInputError(
    'damaged',
    `文件已损坏：其中的“${part}”${zh}，请重新获取或保存该文件`,
    `The file is damaged: its part ${part} ${en}; copy or save it again`,
  );
}

/** A part's name for a one-line message: a hostile zip may put line breaks or a screenful into it. */
export function shownPartName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 100)}…` : printable;
}

/** The zip's own structure (its directory or a header) is broken. */
export function damagedZip(): XlsxInputError {
  return new XlsxInputError(
    'damaged',
    '文件已损坏：zip 目录或文件头有误，请重新获取或保存该文件',
    'The file is damaged: its zip directory or a header is broken; copy or save it again',
  );
}

/** Over one of the reading limits; `zh`/`en` say which, with the figures. */
export function tooLarge(zh: string, en: string): XlsxInputError {
  return new XlsxInputError('too-large', `工作簿太大：${zh}，无法读取`, `The workbook is too large: ${en}`);
}

/** A zip or XML feature that Excel does not write and this tool does not read; `zh`/`en` name it. */
export function unsupported(zh: string, en: string): XlsxInputError {
  return new XlsxInputError('unsupported', zh, en);
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_SIGNATURE = [0x50, 0x4b]; // "PK"
// Office stores a password-protected .xlsx as an OLE file holding an "EncryptedPackage" stream.
const ENCRYPTED_STREAM_NAME = utf16le('EncryptedPackage');
// The end-of-central-directory record closes every zip: 22 bytes plus a comment of up to 65,535.
const EOCD_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];
const EOCD_MIN_SIZE = 22;
const EOCD_MAX_SIZE = EOCD_MIN_SIZE + 0xffff;

function utf16le(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
  return bytes;
}

function matchesAt(bytes: Uint8Array, at: number, signature: number[]): boolean {
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

function indexOfBytes(bytes: Uint8Array, signature: number[], from = 0): number {
  const first = signature[0];
  for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (matchesAt(bytes, at, signature)) return at;
  }
  return -1;
}

/** Rejects what is certainly not an .xlsx before any unzipping, with the most useful reason. */
export function assertXlsxSignature(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new XlsxInputError('empty');
  if (matchesAt(bytes, 0, OLE_SIGNATURE)) {
    throw new XlsxInputError(indexOfBytes(bytes, ENCRYPTED_STREAM_NAME) >= 0 ? 'encrypted' : 'xls');
  }
  if (!matchesAt(bytes, 0, ZIP_SIGNATURE)) throw new XlsxInputError('not-zip');
}

/**
 * Whether a zip has lost its end: the record every zip ends with is missing from its tail. Cutting
 * a file short (an interrupted copy or download) always removes it, so a zip that fails to open
 * without it is reported as truncated rather than as not being a workbook.
 */
export function lacksZipEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - EOCD_MAX_SIZE);
  for (let at = bytes.length - EOCD_MIN_SIZE; at >= from; at--) {
    if (bytes[at] === 0x50 && matchesAt(bytes, at, EOCD_SIGNATURE)) return false;
  }
  return true;
}
