/**
 * Building hostile packages for the fuzz cases: parts edited through jszip, and a raw zip writer
 * that can lie in its headers (sizes, checksums, flags), which no well-behaved library will do.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

/** The package's parts by name, as text for XML parts and bytes for the rest. */
export async function readParts(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const file of Object.values(zip.files)) {
    if (!file.dir) parts.set(file.name, await file.async('nodebuffer'));
  }
  return parts;
}

/** A well-formed zip (deflated) of the parts, in the order given. */
export async function writeParts(parts: Map<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of parts) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The package with one text part rewritten. */
export async function editPart(bytes: Uint8Array, name: string, edit: (text: string) => string | Buffer): Promise<Buffer> {
  const parts = await readParts(bytes);
  const part = parts.get(name);
  if (!part) throw new Error(`fixture has no part ${name}`);
  const edited = new Map<string, Buffer | string>(parts);
  edited.set(name, edit(part.toString('utf8')));
  return writeParts(edited);
}

export interface RawEntry {
  name: string;
  /** The bytes as stored (already deflated when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  crc: number;
  /** The uncompressed size the headers declare. */
  declaredSize: number;
  flags?: number;
}

/** An entry whose headers tell the truth about `content`. */
export function honestEntry(name: string, content: Buffer): RawEntry {
  return { name, stored: deflateRawSync(content), method: 8, crc: crc32(content), declaredSize: content.length };
}

/**
 * `count` × `unit` bytes of zeros as one raw DEFLATE stream, without ever holding them: pieces
 * ending in a sync flush concatenate into one stream (the technique xlsx/zip/deflate.ts relies on).
 */
export function deflatedZeros(unit: number, count: number): { stored: Buffer; size: number } {
  const piece = deflateRawSync(Buffer.alloc(unit), { finishFlush: constants.Z_SYNC_FLUSH });
  const final = deflateRawSync(Buffer.alloc(0));
  const pieces: Buffer[] = [];
  for (let i = 0; i < count; i++) pieces.push(piece);
  pieces.push(final);
  return { stored: Buffer.concat(pieces), size: unit * count };
}

/** A zip with exactly the headers given: local header, data, central directory, end record. */
export function rawZip(entries: RawEntry[], options: { centralCount?: number; extraCentral?: RawEntry[] } = {}): Buffer {
  const pieces: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE((entry.flags ?? 0) | 0x0800, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt32LE(entry.crc >>> 0, 14);
    header.writeUInt32LE(entry.stored.length, 18);
    header.writeUInt32LE(entry.declaredSize >>> 0, 22);
    header.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    pieces.push(header, name, entry.stored);
    offset += header.length + name.length + entry.stored.length;
  }
  const directoryStart = offset;
  const central = [...entries, ...(options.extraCentral ?? [])];
  central.forEach((entry, i) => {
    const name = Buffer.from(entry.name, 'utf8');
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE((entry.flags ?? 0) | 0x0800, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.stored.length, 20);
    record.writeUInt32LE(entry.declaredSize >>> 0, 24);
    record.writeUInt16LE(name.length, 28);
    // extra central records point at the first entry's data: the "overlapping files" bomb
    record.writeUInt32LE(offsets[i] ?? 0, 42);
    pieces.push(record, name);
    offset += record.length + name.length;
  });
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.centralCount ?? central.length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  pieces.push(end);
  return Buffer.concat(pieces);
}

/** A fixture's parts as honest raw entries, so that one of them can then be made to lie. */
export async function rawEntriesOf(bytes: Uint8Array): Promise<RawEntry[]> {
  const parts = await readParts(bytes);
  return [...parts].map(([name, content]) => honestEntry(name, content));
}
