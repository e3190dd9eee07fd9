/**
 * The zip container of an .xlsx, read and rewritten directly (Node): parts are found through the
 * central directory, inflated with zlib, and a rewritten file copies every part it does not replace
 * byte for byte, headers and all. That is all applyPlanToXlsx needs, and it costs a fraction of
 * loading and regenerating the whole package with jszip. storedZip serves the reader.
 *
 * Nothing here trusts the zip's own account of itself. Every part is inflated into at most the
 * size its directory record declares, and must come out at exactly that size with the recorded
 * CRC-32; the declared sizes are capped before anything is inflated, so a zip bomb is refused
 * without being unpacked. Zip64 records are read (some producers write them for small files); a
 * zip spread over several disks, zip-level encryption and compression methods other than deflate
 * are refused with that reason, since Excel writes none of them.
 */

import { crc32, inflateRawSync } from 'node:zlib';
import { sizeText } from '../../engine/text';
import type { Compressed } from './deflate';
import { damagedPart, damagedZip, shownPartName, tooLarge, unsupported, XlsxInputError } from '../errors';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const UNKNOWN_32 = 0xffffffff; // a 32-bit field that defers to a zip64 record
const UNKNOWN_16 = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8_NAME = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const AES_ENCRYPTED = 99; // WinZip AES: the real method hides in an extra field

/*
 * Reading limits, by measurement. exceljs holds about 600 bytes per cell, so what it can read in
 * 1.5 GB is bounded by cells (counted in xlsx-normalise), not by bytes; these bound what is
 * unpacked before that. A 100,000-row indicator table unpacks to about 19 MB; a part of 128 MB
 * inflates in well under a second. A bigger part, or a package over 256 MB unpacked, is refused
 * before anything is inflated.
 */
export const MAX_PART_SIZE = 128 * 1024 * 1024;
export const MAX_PACKAGE_SIZE = 256 * 1024 * 1024;
/** Excel's packages hold dozens of parts; tens of thousands only serve to exhaust a reader. */
export const MAX_PARTS = 10_000;

interface Entry {
  name: string;
  /** Where this entry's record starts in the central directory, and its length. */
  record: number;
  recordLength: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  /** The uncompressed size the directory declares: the most this entry is ever inflated into. */
  size: number;
  /** Where its local header starts, and where the next entry's (or the directory) starts. */
  local: number;
  localEnd: number;
  dataStart: number;
  /** Sizes or offset deferred to a zip64 field: a rewrite gives it plain headers of its own. */
  zip64: boolean;
}

/** Content for an entry, as it will be stored. */
interface Content {
  method: number;
  data: Buffer;
  size: number;
  crc: number;
}

/** A part's content with the sizes and checksum a zip records for it, stored uncompressed. */
export interface StoredPart {
  name: string;
  data: Buffer;
}

export class ZipArchive {
  private readonly verified = new Set<Entry>();

  private constructor(
    private readonly bytes: Buffer,
    /** Every entry, in directory order (a name used twice stays twice). */
    private readonly list: Entry[],
    /** The entries by name; of a name used twice, the later one, as jszip reads it. */
    private readonly entries: Map<string, Entry>,
    /** Where the central directory starts, and the archive comment. */
    private readonly directoryStart: number,
    private readonly comment: Buffer,
  ) {}

  /**
   * The archive's directory, checked: every entry's data lies within the file, before the next
   * entry, and declares sizes within the limits. Throws XlsxInputError naming what is wrong.
   */
  static open(input: Uint8Array): ZipArchive {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength); // a view
    const eocd = findEndOfCentralDirectory(bytes);
    if (eocd < 0) throw new XlsxInputError('truncated');
    const directory = readDirectoryEnd(bytes, eocd);
    const { start, size, count } = directory;
    if (count > MAX_PARTS) {
      throw tooLarge(`包含 ${count} 个部件（上限 ${MAX_PARTS}）`, `it holds ${count} parts (the limit is ${MAX_PARTS})`);
    }
    if (start + size > directory.end) throw damagedZip();

    const list: Entry[] = [];
    let at = start;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const entry = readCentralRecord(bytes, at, start + size);
      if (entry.size > MAX_PART_SIZE) {
        const part = shownPartName(entry.name);
        throw tooLarge(
          `其中的“${part}”解压后有 ${sizeText(entry.size)}（上限 ${sizeText(MAX_PART_SIZE)}）`,
          `its part ${part} unpacks to ${sizeText(entry.size)} (the limit is ${sizeText(MAX_PART_SIZE)})`,
        );
      }
      total += entry.size;
      list.push(entry);
      at += entry.recordLength;
    }
    if (at !== start + size) throw damagedZip(); // the count and the directory's size disagree
    if (total > MAX_PACKAGE_SIZE) {
      throw tooLarge(
        `解压后共有 ${sizeText(total)}（上限 ${sizeText(MAX_PACKAGE_SIZE)}）`,
        `it unpacks to ${sizeText(total)} (the limit is ${sizeText(MAX_PACKAGE_SIZE)})`,
      );
    }
    // An entry runs to the next one's local header (taking in any data descriptor) or the
    // directory: two records sharing data (the "overlapping files" bomb) leave one no room.
    const byOffset = [...list].sort((a, b) => a.local - b.local);
    byOffset.forEach((entry, i) => {
      entry.localEnd = i + 1 < byOffset.length ? byOffset[i + 1].local : start;
      checkLocalHeader(bytes, entry);
    });
    const entries = new Map<string, Entry>();
    for (const entry of list) entries.set(entry.name, entry);
    const commentLength = bytes.readUInt16LE(eocd + 20);
    return new ZipArchive(bytes, list, entries, start, bytes.subarray(eocd + EOCD_SIZE, eocd + EOCD_SIZE + commentLength));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Every part's name, in directory order, each once. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** A part's content (as stored: UTF-8 for most XML parts), verified. Do not modify it. */
  read(name: string): Buffer {
    const entry = this.entries.get(name);
    if (!entry) throw new XlsxInputError('corrupt');
    return this.contentOf(entry);
  }

  /** Inflates and checks every part not yet read, so that a damaged one is found before it is copied. */
  verifyAll(): void {
    for (const entry of this.list) if (!this.verified.has(entry)) this.contentOf(entry);
  }

  private contentOf(entry: Entry): Buffer {
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let content = data;
    if (entry.method === DEFLATED) {
      try {
        // never more than declared: an entry that under-reports its size stops here, unpacked no
        // further; one output buffer of the declared size saves zlib's 16 KB chunks
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size), chunkSize: Math.max(64, entry.size + 1) });
      } catch (error) {
        throw damagedPart(entry.name, (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' ? 'size' : 'inflate');
      }
    }
    if (content.length !== entry.size) throw damagedPart(entry.name, 'size');
    if (crc32(content) !== entry.crc) throw damagedPart(entry.name, 'checksum');
    this.verified.add(entry);
    return content;
  }

  /**
   * The archive with parts replaced by new deflated content: other entries, and anything between
   * them, copied as they were. Entries that used zip64 fields get plain headers of their own (their
   * data as it was), so the result is an ordinary zip.
   */
  toBytes(replacements: ReadonlyMap<string, Compressed> = new Map()): Buffer {
    for (const name of replacements.keys()) if (!this.entries.has(name)) throw new XlsxInputError('corrupt');
    const contentOf = (entry: Entry): Content | undefined => {
      const replaced = this.entries.get(entry.name) === entry ? replacements.get(entry.name) : undefined;
      if (replaced) return { method: DEFLATED, ...replaced };
      if (!entry.zip64) return undefined;
      const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
      return { method: entry.method, data, size: entry.size, crc: entry.crc };
    };
    const { bytes } = this;
    const order = [...this.list].sort((a, b) => a.local - b.local);
    const pieces: Buffer[] = [];
    const newOffsets = new Map<Entry, number>();
    const first = order.length > 0 ? order[0].local : this.directoryStart;
    pieces.push(bytes.subarray(0, first));
    let offset = first;
    for (const entry of order) {
      newOffsets.set(entry, offset);
      const content = contentOf(entry);
      const piece = content ? Buffer.concat([this.localHeader(entry, content), content.data]) : bytes.subarray(entry.local, entry.localEnd);
      pieces.push(piece);
      offset += piece.length;
    }
    const directoryStart = offset;
    for (const entry of this.list) {
      const content = contentOf(entry);
      const record = content ? this.centralRecord(entry, content) : Buffer.from(bytes.subarray(entry.record, entry.record + entry.recordLength));
      record.writeUInt32LE(newOffsets.get(entry) as number, 42);
      pieces.push(record);
      offset += record.length;
    }
    pieces.push(endOfCentralDirectory(this.list.length, offset - directoryStart, directoryStart, this.comment));
    return Buffer.concat(pieces);
  }

  private localHeader(entry: Entry, content: Content): Buffer {
    const record = this.bytes.subarray(entry.record, entry.record + entry.recordLength);
    const nameLength = record.readUInt16LE(28);
    const header = Buffer.alloc(30 + nameLength);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    writeContentFields(header, 0, record.readUInt16LE(8), content);
    record.copy(header, 10, 12, 16); // modification time and date, as they were
    header.writeUInt16LE(nameLength, 26);
    header.writeUInt16LE(0, 28);
    record.copy(header, 30, 46, 46 + nameLength);
    return header;
  }

  /** The entry's directory record for new content: its zip64 field dropped, the rest as it was. */
  private centralRecord(entry: Entry, content: Content): Buffer {
    const record = this.bytes.subarray(entry.record, entry.record + entry.recordLength);
    const nameLength = record.readUInt16LE(28);
    const extraLength = record.readUInt16LE(30);
    const name = record.subarray(46, 46 + nameLength);
    const extra = withoutZip64Field(record.subarray(46 + nameLength, 46 + nameLength + extraLength));
    const comment = record.subarray(46 + nameLength + extraLength);
    const fixed = Buffer.from(record.subarray(0, 46));
    writeContentFields(fixed, CENTRAL_SHIFT, record.readUInt16LE(8), content);
    fixed.writeUInt16LE(extra.length, 30);
    fixed.writeUInt16LE(0, 34); // disk number start
    return Buffer.concat([fixed, name, extra, comment]);
  }
}

/** A new zip of the parts, every one stored uncompressed: what exceljs reads fastest. */
export function storedZip(parts: StoredPart[]): Buffer {
  const names = parts.map((part) => Buffer.from(part.name, 'utf8'));
  const localSize = parts.reduce((sum, part, i) => sum + 30 + names[i].length + part.data.length, 0);
  const directorySize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  const out = Buffer.alloc(localSize + directorySize + EOCD_SIZE);
  const offsets: number[] = [];
  const crcs = parts.map((part) => crc32(part.data));
  let at = 0;
  parts.forEach((part, i) => {
    offsets.push(at);
    out.writeUInt32LE(LOCAL_HEADER, at);
    writeContentFields(out.subarray(at), 0, FLAG_UTF8_NAME, { method: STORED, data: part.data, size: part.data.length, crc: crcs[i] });
    out.writeUInt16LE(names[i].length, at + 26);
    names[i].copy(out, at + 30);
    part.data.copy(out, at + 30 + names[i].length);
    at += 30 + names[i].length + part.data.length;
  });
  const directoryStart = at;
  parts.forEach((part, i) => {
    out.writeUInt32LE(CENTRAL_HEADER, at);
    out.writeUInt16LE(20, at + 4); // made by: version 2.0
    writeContentFields(out.subarray(at), CENTRAL_SHIFT, FLAG_UTF8_NAME, { method: STORED, data: part.data, size: part.data.length, crc: crcs[i] });
    out.writeUInt16LE(names[i].length, at + 28);
    out.writeUInt32LE(offsets[i], at + 42);
    names[i].copy(out, at + 46);
    at += 46 + names[i].length;
  });
  endOfCentralDirectory(parts.length, at - directoryStart, directoryStart, Buffer.alloc(0)).copy(out, at);
  return out;
}

interface DirectoryEnd {
  start: number;
  size: number;
  count: number;
  /** Where the directory must end: the end record, or the zip64 end record before it. */
  end: number;
}

function severalDisks(): XlsxInputError {
  return unsupported(
    '文件是分卷压缩包的一部分，无法单独读取；请用完整的 .xlsx 文件再试',
    'The file is one volume of a zip split over several parts and cannot be read alone; use the whole .xlsx file',
  );
}

/** The directory's place and size, from the end record or, when it defers to one, the zip64 end record. */
function readDirectoryEnd(bytes: Buffer, eocd: number): DirectoryEnd {
  let disk = bytes.readUInt16LE(eocd + 4);
  let directoryDisk = bytes.readUInt16LE(eocd + 6);
  let countHere = bytes.readUInt16LE(eocd + 8);
  let count = bytes.readUInt16LE(eocd + 10);
  let size = bytes.readUInt32LE(eocd + 12);
  let start = bytes.readUInt32LE(eocd + 16);
  let end = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && bytes.readUInt32LE(locator) === ZIP64_END_LOCATOR) {
    if (bytes.readUInt32LE(locator + 4) !== 0 || bytes.readUInt32LE(locator + 16) > 1) throw severalDisks();
    const at = readUInt64(bytes, locator + 8);
    if (at + 56 > locator || bytes.readUInt32LE(at) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw damagedZip();
    disk = bytes.readUInt32LE(at + 16);
    directoryDisk = bytes.readUInt32LE(at + 20);
    countHere = readUInt64(bytes, at + 24);
    count = readUInt64(bytes, at + 32);
    size = readUInt64(bytes, at + 40);
    start = readUInt64(bytes, at + 48);
    end = at;
  }
  if (disk !== 0 || directoryDisk !== 0 || countHere !== count) throw severalDisks();
  return { start, size, count, end };
}

/** A 64-bit field; any real offset or size fits in a double (and a huge one fails the checks after). */
function readUInt64(bytes: Buffer, at: number): number {
  return bytes.readUInt32LE(at) + bytes.readUInt32LE(at + 4) * 0x1_0000_0000;
}

function readCentralRecord(bytes: Buffer, at: number, directoryEnd: number): Entry {
  if (at + 46 > directoryEnd || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw damagedZip();
  const flags = bytes.readUInt16LE(at + 8);
  const method = bytes.readUInt16LE(at + 10);
  const nameLength = bytes.readUInt16LE(at + 28);
  const extraLength = bytes.readUInt16LE(at + 30);
  const recordLength = 46 + nameLength + extraLength + bytes.readUInt16LE(at + 32);
  if (at + recordLength > directoryEnd) throw damagedZip();
  const name = bytes.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
  let size = bytes.readUInt32LE(at + 24);
  let compressedSize = bytes.readUInt32LE(at + 20);
  let local = bytes.readUInt32LE(at + 42);
  let disk = bytes.readUInt16LE(at + 34);
  const zip64 = size === UNKNOWN_32 || compressedSize === UNKNOWN_32 || local === UNKNOWN_32 || disk === UNKNOWN_16;
  if (zip64) {
    // the zip64 extra field holds, in this order, just the fields the record left at all ones
    const field = findExtraField(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), ZIP64_EXTRA);
    if (!field) throw damagedZip();
    let next = 0;
    const take = (width: 8 | 4): number => {
      if (next + width > field.length) throw damagedZip();
      const value = width === 8 ? readUInt64(field, next) : field.readUInt32LE(next);
      next += width;
      return value;
    };
    if (size === UNKNOWN_32) size = take(8);
    if (compressedSize === UNKNOWN_32) compressedSize = take(8);
    if (local === UNKNOWN_32) local = take(8);
    if (disk === UNKNOWN_16) disk = take(4);
  }
  if (disk !== 0) throw severalDisks();
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || method === AES_ENCRYPTED) throw encryptedZip();
  if (method !== STORED && method !== DEFLATED) {
    const part = shownPartName(name);
    throw unsupported(
      `文件中的“${part}”使用了不支持的压缩方式（编号 ${method}）；请在 Excel 中另存为 .xlsx 后再试`,
      `The part ${part} uses an unsupported compression method (number ${method}); save the workbook as .xlsx in Excel and try again`,
    );
  }
  const crc = bytes.readUInt32LE(at + 16);
  return { name, record: at, recordLength, flags, method, crc, compressedSize, size, local, localEnd: 0, dataStart: 0, zip64 };
}

function encryptedZip(): XlsxInputError {
  return unsupported(
    '文件的 zip 压缩包设置了密码，这不是 Excel 保存工作簿的方式，无法读取；请用未加密的 .xlsx 文件再试',
    'The zip archive is password-encrypted, which is not how Excel saves a workbook; use an unencrypted .xlsx file',
  );
}

/** The local header agrees with the directory record, and the data fits before the next entry. */
function checkLocalHeader(bytes: Buffer, entry: Entry): void {
  const at = entry.local;
  if (at + 30 > entry.localEnd || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw damagedZip();
  if (bytes.readUInt16LE(at + 6) & FLAG_ENCRYPTED) throw encryptedZip();
  if (bytes.readUInt16LE(at + 8) !== entry.method) throw damagedZip();
  entry.dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (entry.dataStart + entry.compressedSize > entry.localEnd) throw damagedPart(entry.name, 'bounds');
  if (entry.method === STORED && entry.compressedSize !== entry.size) throw damagedPart(entry.name, 'size');
}

function findExtraField(extra: Buffer, id: number): Buffer | undefined {
  for (let at = 0; at + 4 <= extra.length;) {
    const length = extra.readUInt16LE(at + 2);
    if (extra.readUInt16LE(at) === id) return extra.subarray(at + 4, Math.min(extra.length, at + 4 + length));
    at += 4 + length;
  }
  return undefined;
}

function withoutZip64Field(extra: Buffer): Buffer {
  const kept: Buffer[] = [];
  for (let at = 0; at + 4 <= extra.length;) {
    const end = Math.min(extra.length, at + 4 + extra.readUInt16LE(at + 2));
    if (extra.readUInt16LE(at) !== ZIP64_EXTRA) kept.push(extra.subarray(at, end));
    at = end;
  }
  return Buffer.concat(kept);
}

/** A central record's fields from "version needed" on sit two bytes further than a local header's. */
const CENTRAL_SHIFT = 2;

/**
 * The fields local headers and central records share, for new content: its method, sizes known
 * up front (so no data descriptor), and of the original flags only the name's UTF-8 flag.
 */
function writeContentFields(header: Buffer, shift: number, originalFlags: number, content: Content): void {
  header.writeUInt16LE(content.method === DEFLATED ? 20 : 10, 4 + shift); // version needed: 2.0 deflate, 1.0 store
  header.writeUInt16LE(originalFlags & FLAG_UTF8_NAME, 6 + shift);
  header.writeUInt16LE(content.method, 8 + shift);
  header.writeUInt32LE(content.crc, 14 + shift);
  header.writeUInt32LE(content.data.length, 18 + shift);
  header.writeUInt32LE(content.size, 22 + shift);
}

function endOfCentralDirectory(count: number, size: number, start: number, comment: Buffer): Buffer {
  const end = Buffer.alloc(EOCD_SIZE + comment.length);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(start, 16);
  end.writeUInt16LE(comment.length, 20);
  comment.copy(end, EOCD_SIZE);
  return end;
}

/**
 * The end record: the last one whose comment runs exactly to the end of the file, or failing
 * that (bytes appended after the zip) the last one at all.
 */
function findEndOfCentralDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  let found = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= from; at--) {
    if (bytes[at] !== 0x50 || bytes.readUInt32LE(at) !== END_OF_CENTRAL_DIRECTORY) continue;
    if (at + EOCD_SIZE + bytes.readUInt16LE(at + 20) === bytes.length) return at;
    if (found < 0) found = at;
  }
  return found;
}
