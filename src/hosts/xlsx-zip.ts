/**
 * The zip container of an .xlsx, read and rewritten directly (Node): parts are found through the
 * central directory, inflated with zlib, and the new file copies every part it does not replace
 * byte for byte, headers and all. That is all applyPlanToXlsx needs, and it costs a fraction of
 * loading and regenerating the whole package with jszip. storedCopy serves the reader.
 *
 * Only the plain zip an .xlsx is (one disk, 32-bit sizes, no encryption) is handled here;
 * ZipArchive.parse returns undefined for anything else, and the caller falls back to jszip.
 */

import { inflateRawSync } from 'node:zlib';
import type { Compressed } from './xlsx-deflate';
import { XlsxInputError } from './xlsx-errors';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const UNKNOWN_32 = 0xffffffff; // a 32-bit field that defers to a zip64 record
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const MAX_STORED_COPY = 128 * 1024 * 1024;

/** New content for an entry, as it will be stored. */
interface Content {
  method: number;
  data: Buffer;
  size: number;
  crc: number;
}

interface Entry {
  name: string;
  /** Where this entry's record starts in the central directory, and its length. */
  record: number;
  recordLength: number;
  /** Where its local header starts, and where the next entry's (or the directory) starts. */
  local: number;
  localEnd: number;
  method: number;
  compressedSize: number;
}

export class ZipArchive {
  private readonly replaced = new Map<string, Content>();

  private constructor(
    private readonly bytes: Buffer,
    /** Every entry, in directory order (a name used twice stays twice). */
    private readonly list: Entry[],
    /** The entries by name; of a name used twice, the later one, as jszip reads it. */
    private readonly entries: Map<string, Entry>,
    /** Where the central directory and the end record start. */
    private readonly directory: { start: number; eocd: number },
  ) {}

  /** The archive, or undefined when it uses zip features this reader leaves to jszip. */
  static parse(input: Uint8Array): ZipArchive | undefined {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength); // a view
    const eocd = findEndOfCentralDirectory(bytes);
    if (eocd < 0 || (eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_END_LOCATOR)) return undefined;
    const count = bytes.readUInt16LE(eocd + 10);
    const size = bytes.readUInt32LE(eocd + 12);
    const start = bytes.readUInt32LE(eocd + 16);
    const oneDisk = bytes.readUInt16LE(eocd + 4) === 0 && bytes.readUInt16LE(eocd + 6) === 0;
    if (!oneDisk || count !== bytes.readUInt16LE(eocd + 8) || start + size > eocd) return undefined;

    const list: Entry[] = [];
    for (let at = start; list.length < count; ) {
      if (at + 46 > start + size || bytes.readUInt32LE(at) !== CENTRAL_HEADER) return undefined;
      const flags = bytes.readUInt16LE(at + 8);
      const compressedSize = bytes.readUInt32LE(at + 20);
      const local = bytes.readUInt32LE(at + 42);
      const nameLength = bytes.readUInt16LE(at + 28);
      const recordLength = 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
      if (flags & FLAG_ENCRYPTED || compressedSize === UNKNOWN_32 || bytes.readUInt32LE(at + 24) === UNKNOWN_32) return undefined;
      if (local === UNKNOWN_32 || local + 30 > start || bytes.readUInt32LE(local) !== LOCAL_HEADER) return undefined;
      const name = bytes.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
      list.push({ name, record: at, recordLength, local, localEnd: 0, method: bytes.readUInt16LE(at + 10), compressedSize });
      at += recordLength;
    }
    // An entry runs to the next one's local header (taking in any data descriptor) or the directory.
    const byOffset = [...list].sort((a, b) => a.local - b.local);
    byOffset.forEach((entry, i) => (entry.localEnd = i + 1 < byOffset.length ? byOffset[i + 1].local : start));
    const entries = new Map<string, Entry>();
    for (const entry of list) entries.set(entry.name, entry);
    return new ZipArchive(bytes, list, entries, { start, eocd });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part's content (as stored: UTF-8 for XML parts). */
  read(name: string): Buffer {
    const entry = this.entries.get(name);
    if (!entry) throw new XlsxInputError('corrupt');
    return this.contentOf(entry);
  }

  private contentOf(entry: Entry): Buffer {
    const { bytes } = this;
    const dataStart = entry.local + 30 + bytes.readUInt16LE(entry.local + 26) + bytes.readUInt16LE(entry.local + 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > entry.localEnd) throw new XlsxInputError('corrupt');
    const data = bytes.subarray(dataStart, dataEnd);
    try {
      if (entry.method === DEFLATED) return inflateRawSync(data);
      if (entry.method === STORED) return Buffer.from(data);
    } catch {
      throw new XlsxInputError('corrupt');
    }
    throw new XlsxInputError('corrupt');
  }

  /** Replaces an existing part's content, given deflated. */
  replace(name: string, content: Compressed): void {
    if (!this.entries.has(name)) throw new XlsxInputError('corrupt');
    this.replaced.set(name, { method: DEFLATED, ...content });
  }

  /** The archive with its replacements: other entries, and anything between them, copied as they were. */
  toBytes(): Buffer {
    return this.rewritten((entry) => (this.entries.get(entry.name) === entry ? this.replaced.get(entry.name) : undefined));
  }

  /**
   * The same archive with every part stored uncompressed, or undefined when a part does not
   * inflate or the package is very large. Node's zlib inflates the whole package in a few milliseconds; exceljs reading the
   * copy then skips inflating it in JavaScript, which takes it several times as long.
   */
  storedCopy(): Buffer | undefined {
    // a copy holds the whole package inflated at once: past this, leave the memory to exceljs alone
    const inflated = this.list.reduce((sum, entry) => sum + this.bytes.readUInt32LE(entry.record + 24), 0);
    if (inflated > MAX_STORED_COPY) return undefined;
    const stored = new Map<Entry, Content>();
    for (const entry of this.list) {
      let data: Buffer;
      try {
        data = this.contentOf(entry);
      } catch {
        return undefined;
      }
      const crc = this.bytes.readUInt32LE(entry.record + 16); // as recorded: a bad checksum stays bad
      stored.set(entry, { method: STORED, data, size: data.length, crc });
    }
    return this.rewritten((entry) => stored.get(entry));
  }

  private rewritten(contentOf: (entry: Entry) => Content | undefined): Buffer {
    const { bytes, directory } = this;
    const order = [...this.list].sort((a, b) => a.local - b.local);
    const pieces: Buffer[] = [];
    const newOffsets = new Map<Entry, number>();
    const first = order.length > 0 ? order[0].local : directory.start;
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
      const record = Buffer.from(bytes.subarray(entry.record, entry.record + entry.recordLength));
      record.writeUInt32LE(newOffsets.get(entry) as number, 42);
      const content = contentOf(entry);
      if (content) writeContentFields(record, CENTRAL_SHIFT, record.readUInt16LE(8), content);
      pieces.push(record);
      offset += record.length;
    }
    const end = Buffer.from(bytes.subarray(directory.eocd, directory.eocd + EOCD_SIZE + bytes.readUInt16LE(directory.eocd + 20)));
    end.writeUInt32LE(offset - directoryStart, 12);
    end.writeUInt32LE(directoryStart, 16);
    pieces.push(end);
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

function findEndOfCentralDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= from; at--) {
    if (bytes[at] === 0x50 && bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return -1;
}
