/**
 * Compression of a part that is produced piece by piece (Node). Each piece is deflated on libuv's
 * thread pool as soon as it is handed over, so compressing the multi-megabyte sheet of a large
 * table overlaps with patching the rest of it instead of following it on the main thread.
 *
 * The pieces are compressed independently and each ends with a sync flush (an empty stored block
 * that ends on a byte boundary), so their concatenation, closed by an empty final block, is one
 * valid raw DEFLATE stream.
 */

import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

/** A part's content as the zip stores it. */
export interface Compressed {
  data: Buffer;
  size: number;
  crc: number;
}

const LEVEL = 3; // twice as fast as zlib's default for ~10% more bytes
// An empty block with the final bit set: what closes a stream whose pieces were all sync-flushed.
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0), { level: LEVEL });

/** The whole content at once, for small parts. */
export function compress(content: Buffer): Compressed {
  return { data: deflateRawSync(content, { level: LEVEL }), size: content.length, crc: crc32(content) };
}

export class PieceDeflater {
  private readonly pieces: (Buffer | undefined)[] = [];
  private readonly deflated: (Promise<Buffer> | undefined)[] = [];

  /** A place for a piece that is only known later but comes before those added meanwhile. */
  reserve(): number {
    this.pieces.push(undefined);
    this.deflated.push(undefined);
    return this.pieces.length - 1;
  }

  add(piece: Buffer): void {
    this.fill(this.reserve(), piece);
  }

  fill(slot: number, piece: Buffer): void {
    this.pieces[slot] = piece;
    const deflated = new Promise<Buffer>((resolve, reject) => {
      // an output buffer that holds the whole result: the work then finishes on the pool without
      // waiting for the (busy) main thread to hand it a fresh 16 KB buffer
      const options = { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: Math.max(64, piece.length + 1024) };
      deflateRaw(piece, options, (error, result) => (error ? reject(error) : resolve(result)));
    });
    deflated.catch(() => undefined); // reported by finish(); unobserved if patching fails first
    this.deflated[slot] = deflated;
  }

  async finish(): Promise<Compressed> {
    const parts = await Promise.all(this.deflated.map((p) => p ?? Promise.resolve(Buffer.alloc(0))));
    let crc = 0;
    let size = 0;
    for (const piece of this.pieces) {
      if (!piece) continue;
      crc = crc32(piece, crc);
      size += piece.length;
    }
    return { data: Buffer.concat([...parts, FINAL_BLOCK]), size, crc };
  }
}
