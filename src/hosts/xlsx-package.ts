/**
 * An .xlsx package as parts by path (Node), for applyPlanToXlsx: read through ZipArchive, or
 * through jszip for the zips ZipArchive leaves aside.
 */

import JSZip from 'jszip';
import { inflateRawSync } from 'node:zlib';
import type { Compressed } from './xlsx-deflate';
import { assertXlsxSignature, XlsxInputError } from './xlsx-errors';
import { ZipArchive } from './xlsx-zip';

/** The parts of the .xlsx by path; content is the stored bytes (UTF-8 for XML parts). */
export interface Package {
  has(path: string): boolean;
  read(path: string): Promise<Buffer>;
  /** Replaces an existing part with new, deflated content. */
  replace(path: string, content: Compressed): void;
  /** The new file: replaced parts as given, the others as they were. */
  save(): Promise<Uint8Array>;
}

export async function openPackage(bytes: Uint8Array): Promise<Package> {
  assertXlsxSignature(bytes);
  const zip = ZipArchive.parse(bytes);
  if (!zip) return jsZipPackage(bytes); // zip64, encryption, several disks: leave them to jszip
  return {
    has: (path) => zip.has(path),
    read: async (path) => zip.read(path),
    replace: (path, content) => zip.replace(path, content),
    save: async () => ownBytes(zip.toBytes()),
  };
}

export async function readText(pkg: Package, path: string): Promise<string> {
  return (await pkg.read(path)).toString('utf8');
}

/** Small Buffers share Node's pool; a caller should get bytes of its own, as from jszip. */
function ownBytes(buffer: Buffer): Uint8Array {
  return buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length ? buffer : new Uint8Array(buffer);
}

/*
 * The jszip fallback. jszip inflates and deflates in JavaScript, which costs most of the time on a
 * large sheet; the parts read and written here go through Node's zlib instead, using two jszip
 * 3.10.1 internals (the version is pinned): a loaded entry's `_data` holds its raw DEFLATE bytes,
 * and an entry given a CompressedObject is stored without recompression.
 */
interface JsZipCompression {
  magic: string;
}
interface JsZipCompressedObject {
  compression?: JsZipCompression;
  compressedContent?: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZIP_DEFLATE = (require('jszip/lib/compressions') as { DEFLATE: JsZipCompression }).DEFLATE;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JsZipCompressedObject = require('jszip/lib/compressedObject') as new (
  compressedSize: number,
  uncompressedSize: number,
  crc32: number,
  compression: JsZipCompression,
  data: Uint8Array,
) => object;

async function jsZipPackage(bytes: Uint8Array): Promise<Package> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new XlsxInputError('truncated');
  }
  return {
    has: (path) => zip.file(path) !== null,
    read: async (path) => {
      const file = zip.file(path);
      if (!file) throw new XlsxInputError('corrupt');
      const stored = (file as unknown as { _data?: JsZipCompressedObject })._data;
      try {
        if (stored?.compression?.magic === JSZIP_DEFLATE.magic && stored.compressedContent instanceof Uint8Array) {
          return inflateRawSync(stored.compressedContent);
        }
        return await file.async('nodebuffer');
      } catch {
        throw new XlsxInputError('corrupt');
      }
    },
    replace: (path, content) => {
      const entry = new JsZipCompressedObject(content.data.length, content.size, content.crc, JSZIP_DEFLATE, content.data);
      zip.file(path, entry as Uint8Array, { binary: true });
    },
    save: () => zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
  };
}
