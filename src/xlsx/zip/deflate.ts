/**
 * Raw DEFLATE and CRC-32 for the zip. By default fflate and a CRC-32 of our own, the same in Node
 * and in the browser; the command line puts Node's zlib in their place (node-compression.ts),
 * which does the same work natively, several times faster.
 */

import { deflateSync, Inflate } from 'fflate';
import { concatBytes, crc32 as portableCrc32 } from '../bytes';

/** A part's content as the zip stores it. */
export interface Compressed {
  data: Uint8Array;
  size: number;
  crc: number;
}

export interface Compression {
  /** Raw DEFLATE at a fast level. */
  deflate(content: Uint8Array): Uint8Array;
  /**
   * The data inflated, when it comes to no more than `limit` bytes; 'too-large' as soon as it
   * exceeds them, without unpacking the rest (a zip bomb). Throws on a damaged stream.
   */
  inflateAtMost(data: Uint8Array, limit: number): Uint8Array | 'too-large';
  /** The CRC-32 of the bytes, continuing from `previous` (the CRC of the bytes before them). */
  crc32(data: Uint8Array, previous?: number): number;
}

export const LEVEL = 3; // about twice as fast as the default level for ~10% more bytes

/*
 * Compressed input is fed in steps of this size, and the output checked after each: DEFLATE
 * expands at most about 1,032 times, so a part that lies about its size is stopped with at most
 * that many times this much unpacked in vain.
 */
const INFLATE_STEP = 64 * 1024;

export const portableCompression: Compression = {
  deflate: (content) => deflateSync(content, { level: LEVEL }),
  inflateAtMost: (data, limit) => {
    const out = new Uint8Array(limit);
    let length = 0;
    let exceeded = false;
    const inflater = new Inflate((chunk) => {
      if (exceeded || length + chunk.length > limit) {
        exceeded = true;
        return;
      }
      out.set(chunk, length);
      length += chunk.length;
    });
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length && !exceeded; at += INFLATE_STEP) {
      inflater.push(data.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= data.length);
    }
    if (exceeded) return 'too-large';
    return length === limit ? out : out.subarray(0, length);
  },
  crc32: portableCrc32,
};

let active = portableCompression;

/** The compression every zip operation uses from now on (the command line: Node's zlib). */
export function useCompression(compression: Compression): void {
  active = compression;
}

export function compression(): Compression {
  return active;
}

/** The whole content at once. */
export function compress(content: Uint8Array): Compressed {
  return { data: active.deflate(content), size: content.length, crc: active.crc32(content) };
}

/**
 * A part handed over in pieces, compressed when complete. A slot may be reserved for a piece that
 * is known only later (the sheet's <dimension>, which the rows after it decide) but comes first.
 */
export class PieceDeflater {
  private readonly pieces: (Uint8Array | undefined)[] = [];

  reserve(): number {
    this.pieces.push(undefined);
    return this.pieces.length - 1;
  }

  add(piece: Uint8Array): void {
    this.pieces.push(piece);
  }

  fill(slot: number, piece: Uint8Array): void {
    this.pieces[slot] = piece;
  }

  finish(): Compressed {
    return compress(concatBytes(this.pieces.filter((piece): piece is Uint8Array => piece !== undefined)));
  }
}
