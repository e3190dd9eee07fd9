/**
 * The zip container of an .xlsx, read and rewritten directly: parts are found through the
 * central directory, inflated, and a rewritten file copies every part it does not replace
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

import { concatBytes, latin1Text, readUint16, readUint32, utf8Bytes, utf8Text, writeUint16, writeUint32 } from '../bytes';
import { sizeText } from '../../engine/text';
import { compression, type Compressed } from './deflate';
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
  data: Uint8Array;
  size: number;
  crc: number;
}

/** A part's content with the sizes and checksum a zip records for it, stored uncompressed. */
export interface StoredPart {
  name: string;
  data: Uint8Array;
}

export class ZipArchive {
  private readonly verified = new Set<Entry>();

  private constructor(
    private readonly bytes: Uint8Array,
    /** Every entry, in directory order (a name used twice stays twice). */
    private readonly list: Entry[],
    /** The entries by name; of a name used twice, the later one, as jszip reads it. */
    private readonly entries: Map<string, Entry>,
    /** Where the central directory starts, and the archive comment. */
    private readonly directoryStart: number,
    private readonly comment: Uint8Array,
  ) {}

  /**
   * The archive's directory, checked: every entry's data lies within the file, before the next
   * entry, and declares sizes within the limits. Throws XlsxInputError naming what is wrong.
   */
  static open(input: Uint8Array): ZipArchive {
    // a plain view: a Node Buffer's slice() would share memory, and no write may reach the input
    const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
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
    const commentLength = readUint16(bytes, eocd + 20);
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
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) throw new XlsxInputError('corrupt');
    return this.contentOf(entry);
  }

  /** Inflates and checks every part not yet read, so that a damaged one is found before it is copied. */
  verifyAll(): void {
    for (const entry of this.list) if (!this.verified.has(entry)) this.contentOf(entry);
  }

  private contentOf(entry: Entry): Uint8Array {
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let content = data;
    if (entry.method === DEFLATED) {
      try {
        // never more than declared: an entry that under-reports its size stops there, unpacked no further
        const inflated = compression().inflateAtMost(data, entry.size);
        if (inflated === 'too-large') throw damagedPart(entry.name, 'size');
        content = inflated;
      } catch (error) {
        if (error instanceof XlsxInputError) throw error;
        throw damagedPart(entry.name, 'inflate');
      }
    }
    if (content.length !== entry.size) throw damagedPart(entry.name, 'size');
    if (compression().crc32(content) !== entry.crc) throw damagedPart(entry.name, 'checksum');
    this.verified.add(entry);
    return content;
  }

  /**
   * The archive with parts replaced by new deflated content: other entries, and anything between
   * them, copied as they were. Entries that used zip64 fields get plain headers of their own (their
   * data as it was), so the result is an ordinary zip.
   */
  toBytes(replacements: ReadonlyMap<string, Compressed> = new Map()): Uint8Array {
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
    const pieces: Uint8Array[] = [];
    const newOffsets = new Map<Entry, number>();
    const first = order.length > 0 ? order[0].local : this.directoryStart;
    pieces.push(bytes.subarray(0, first));
    let offset = first;
    for (const entry of order) {
      newOffsets.set(entry, offset);
      const content = contentOf(entry);
      const piece = content ? concatBytes([this.localHeader(entry, content), content.data]) : bytes.subarray(entry.local, entry.localEnd);
      pieces.push(piece);
      offset += piece.length;
    }
    const directoryStart = offset;
    for (const entry of this.list) {
      const content = contentOf(entry);
      const record = content ? this.centralRecord(entry, content) : bytes.slice(entry.record, entry.record + entry.recordLength);
      writeUint32(record, newOffsets.get(entry) as number, 42);
      pieces.push(record);
      offset += record.length;
    }
    pieces.push(endOfCentralDirectory(this.list.length, offset - directoryStart, directoryStart, this.comment));
    return concatBytes(pieces);
  }

  private localHeader(entry: Entry, content: Content): Uint8Array {
    const record = this.bytes.subarray(entry.record, entry.record + entry.recordLength);
    const nameLength = readUint16(record, 28);
    const header = new Uint8Array(30 + nameLength);
    writeUint32(header, LOCAL_HEADER, 0);
    writeContentFields(header, 0, readUint16(record, 8), content);
    header.set(record.subarray(12, 16), 10); // modification time and date, as they were
    writeUint16(header, nameLength, 26);
    writeUint16(header, 0, 28);
    header.set(record.subarray(46, 46 + nameLength), 30);
    return header;
  }

  /** The entry's directory record for new content: its zip64 field dropped, the rest as it was. */
  private centralRecord(entry: Entry, content: Content): Uint8Array {
    const record = this.bytes.subarray(entry.record, entry.record + entry.recordLength);
    const nameLength = readUint16(record, 28);
    const extraLength = readUint16(record, 30);
    const name = record.subarray(46, 46 + nameLength);
    const extra = withoutZip64Field(record.subarray(46 + nameLength, 46 + nameLength + extraLength));
    const comment = record.subarray(46 + nameLength + extraLength);
    const fixed = record.slice(0, 46);
    writeContentFields(fixed, CENTRAL_SHIFT, readUint16(record, 8), content);
    writeUint16(fixed, extra.length, 30);
    writeUint16(fixed, 0, 34); // disk number start
    return concatBytes([fixed, name, extra, comment]);
  }
}

/** A new zip of the parts, every one stored uncompressed: what exceljs reads fastest. */
export function storedZip(parts: StoredPart[]): Uint8Array {
  const names = parts.map((part) => utf8Bytes(part.name));
  const localSize = parts.reduce((sum, part, i) => sum + 30 + names[i].length + part.data.length, 0);
  const directorySize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  const out = new Uint8Array(localSize + directorySize + EOCD_SIZE);
  const offsets: number[] = [];
  const crcs = parts.map((part) => compression().crc32(part.data));
  let at = 0;
  parts.forEach((part, i) => {
    offsets.push(at);
    writeUint32(out, LOCAL_HEADER, at);
    writeContentFields(out.subarray(at), 0, FLAG_UTF8_NAME, { method: STORED, data: part.data, size: part.data.length, crc: crcs[i] });
    writeUint16(out, names[i].length, at + 26);
    out.set(names[i], at + 30);
    out.set(part.data, at + 30 + names[i].length);
    at += 30 + names[i].length + part.data.length;
  });
  const directoryStart = at;
  parts.forEach((part, i) => {
    writeUint32(out, CENTRAL_HEADER, at);
    writeUint16(out, 20, at + 4); // made by: version 2.0
    writeContentFields(out.subarray(at), CENTRAL_SHIFT, FLAG_UTF8_NAME, { method: STORED, data: part.data, size: part.data.length, crc: crcs[i] });
    writeUint16(out, names[i].length, at + 28);
    writeUint32(out, offsets[i], at + 42);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  out.set(endOfCentralDirectory(parts.length, at - directoryStart, directoryStart, new Uint8Array(0)), at);
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
function readDirectoryEnd(bytes: Uint8Array, eocd: number): DirectoryEnd {
  let disk = readUint16(bytes, eocd + 4);
  let directoryDisk = readUint16(bytes, eocd + 6);
  let countHere = readUint16(bytes, eocd + 8);
  let count = readUint16(bytes, eocd + 10);
  let size = readUint32(bytes, eocd + 12);
  let start = readUint32(bytes, eocd + 16);
  let end = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && readUint32(bytes, locator) === ZIP64_END_LOCATOR) {
    if (readUint32(bytes, locator + 4) !== 0 || readUint32(bytes, locator + 16) > 1) throw severalDisks();
    const at = readUInt64(bytes, locator + 8);
    if (at + 56 > locator || readUint32(bytes, at) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw damagedZip();
    disk = readUint32(bytes, at + 16);
    directoryDisk = readUint32(bytes, at + 20);
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
function readUInt64(bytes: Uint8Array, at: number): number {
  return readUint32(bytes, at) + readUint32(bytes, at + 4) * 0x1_0000_0000;
}

function readCentralRecord(bytes: Uint8Array, at: number, directoryEnd: number): Entry {
  if (at + 46 > directoryEnd || readUint32(bytes, at) !== CENTRAL_HEADER) throw damagedZip();
  const flags = readUint16(bytes, at + 8);
  const method = readUint16(bytes, at + 10);
  const nameLength = readUint16(bytes, at + 28);
  const extraLength = readUint16(bytes, at + 30);
  const recordLength = 46 + nameLength + extraLength + readUint16(bytes, at + 32);
  if (at + recordLength > directoryEnd) throw damagedZip();
  const name = (flags & FLAG_UTF8_NAME ? utf8Text : latin1Text)(bytes, at + 46, at + 46 + nameLength);
  let size = readUint32(bytes, at + 24);
  let compressedSize = readUint32(bytes, at + 20);
  let local = readUint32(bytes, at + 42);
  let disk = readUint16(bytes, at + 34);
  const zip64 = size === UNKNOWN_32 || compressedSize === UNKNOWN_32 || local === UNKNOWN_32 || disk === UNKNOWN_16;
  if (zip64) {
    // the zip64 extra field holds, in this order, just the fields the record left at all ones
    const field = findExtraField(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), ZIP64_EXTRA);
    if (!field) throw damagedZip();
    let next = 0;
    const take = (width: 8 | 4): number => {
      if (next + width > field.length) throw damagedZip();
      const value = width === 8 ? readUInt64(field, next) : readUint32(field, next);
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
  const crc = readUint32(bytes, at + 16);
  return { name, record: at, recordLength, flags, method, crc, compressedSize, size, local, localEnd: 0, dataStart: 0, zip64 };
}

function encryptedZip(): XlsxInputError {
  return unsupported(
    '文件的 zip 压缩包设置了密码，这不是 Excel 保存工作簿的方式，无法读取；请用未加密的 .xlsx 文件再试',
    'The zip archive is password-encrypted, which is not how Excel saves a workbook; use an unencrypted .xlsx file',
  );
}

/** The local header agrees with the directory record, and the data fits before the next entry. */
function checkLocalHeader(bytes: Uint8Array, entry: Entry): void {
  const at = entry.local;
  if (at + 30 > entry.localEnd || readUint32(bytes, at) !== LOCAL_HEADER) throw damagedZip();
  if (readUint16(bytes, at + 6) & FLAG_ENCRYPTED) throw encryptedZip();
  if (readUint16(bytes, at + 8) !== entry.method) throw damagedZip();
  entry.dataStart = at + 30 + readUint16(bytes, at + 26) + readUint16(bytes, at + 28);
  if (entry.dataStart + entry.compressedSize > entry.localEnd) throw damagedPart(entry.name, 'bounds');
  if (entry.method === STORED && entry.compressedSize !== entry.size) throw damagedPart(entry.name, 'size');
}

function findExtraField(extra: Uint8Array, id: number): Uint8Array | undefined {
  for (let at = 0; at + 4 <= extra.length;) {
    const length = readUint16(extra, at + 2);
    if (readUint16(extra, at) === id) return extra.subarray(at + 4, Math.min(extra.length, at + 4 + length));
    at += 4 + length;
  }
  return undefined;
}

function withoutZip64Field(extra: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [];
  for (let at = 0; at + 4 <= extra.length;) {
    const end = Math.min(extra.length, at + 4 + readUint16(extra, at + 2));
    if (readUint16(extra, at) !== ZIP64_EXTRA) kept.push(extra.subarray(at, end));
    at = end;
  }
  return concatBytes(kept);
}

/** A central record's fields from "version needed" on sit two bytes further than a local header's. */
const CENTRAL_SHIFT = 2;

/**
 * The fields local headers and central records share, for new content: its method, sizes known
 * up front (so no data descriptor), and of the original flags only the name's UTF-8 flag.
 */
function writeContentFields(header: Uint8Array, shift: number, originalFlags: number, content: Content): void {
  writeUint16(header, content.method === DEFLATED ? 20 : 10, 4 + shift); // version needed: 2.0 deflate, 1.0 store
  writeUint16(header, originalFlags & FLAG_UTF8_NAME, 6 + shift);
  writeUint16(header, content.method, 8 + shift);
  writeUint32(header, content.crc, 14 + shift);
  writeUint32(header, content.data.length, 18 + shift);
  writeUint32(header, content.size, 22 + shift);
}

function endOfCentralDirectory(count: number, size: number, start: number, comment: Uint8Array): Uint8Array {
  const end = new Uint8Array(EOCD_SIZE + comment.length);
  writeUint32(end, END_OF_CENTRAL_DIRECTORY, 0);
  writeUint16(end, count, 8);
  writeUint16(end, count, 10);
  writeUint32(end, size, 12);
  writeUint32(end, start, 16);
  writeUint16(end, comment.length, 20);
  end.set(comment, EOCD_SIZE);
  return end;
}

/**
 * The end record: the last one whose comment runs exactly to the end of the file, or failing
 * that (bytes appended after the zip) the last one at all.
 */
function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const from = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  let found = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= from; at--) {
    if (bytes[at] !== 0x50 || readUint32(bytes, at) !== END_OF_CENTRAL_DIRECTORY) continue;
    if (at + EOCD_SIZE + readUint16(bytes, at + 20) === bytes.length) return at;
    if (found < 0) found = at;
  }
  return found;
}
