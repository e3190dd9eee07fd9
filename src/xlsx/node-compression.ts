/**
 * Node's zlib in place of the portable compression (zip/deflate.ts), and its Buffer in place of the
 * portable Latin-1 conversions (bytes.ts): the command line reads and writes large workbooks, and
 * the native versions take a fraction of the time.
 * The results are the same kind: raw DEFLATE any inflater reads, and the zip's CRC-32.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Latin1Codec } from './bytes';
import { LEVEL, type Compression } from './zip/deflate';

/** A plain view of a Buffer's bytes: a Buffer's slice() shares memory, a Uint8Array's copies. */
function plain(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** A Buffer over the same memory: no copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export const nodeLatin1: Latin1Codec = {
  text: (bytes, start, end) => asBuffer(bytes).toString('latin1', start, end),
  write: (text, bytes, at) => asBuffer(bytes).write(text, at, 'latin1'),
};

export const nodeCompression: Compression = {
  deflate: (content) => plain(deflateRawSync(content, { level: LEVEL })),
  inflateAtMost: (data, limit) => {
    try {
      // one output buffer of the declared size saves zlib's 16 KB chunks
      return plain(inflateRawSync(data, { maxOutputLength: Math.max(1, limit), chunkSize: Math.max(64, limit + 1) }));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
      throw error;
    }
  },
  crc32: (data, previous) => crc32(data, previous),
};
