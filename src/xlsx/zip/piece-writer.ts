/**
 * Output of a patched part as a sequence of byte pieces. Runs of the original part and new markup
 * are appended into a buffer, which is handed on every PIECE_SIZE bytes; long runs are handed on
 * as they are, without a copy.
 */

import { writeLatin1 } from '../bytes';

/** Where pieces go, in order; a reserved slot is filled later but keeps its place. */
export interface PieceSink {
  add(piece: Uint8Array): void;
  reserve(): number;
  fill(slot: number, piece: Uint8Array): void;
}

const PIECE_SIZE = 256 * 1024;

export class PieceWriter {
  private buffer = new Uint8Array(PIECE_SIZE * 2);
  private length = 0;

  constructor(private readonly sink: PieceSink) {}

  /** Appends source[start, end); the source must not change afterwards. */
  copy(source: Uint8Array, start: number, end: number): void {
    const count = end - start;
    if (count <= 0) return;
    if (count >= PIECE_SIZE) {
      this.flush();
      this.sink.add(source.subarray(start, end)); // no copy: handed on as it is
      return;
    }
    this.reserve(count);
    this.buffer.set(source.subarray(start, end), this.length);
    this.length += count;
    if (this.length >= PIECE_SIZE) this.flush();
  }

  /** Appends a string whose characters are bytes (code units below 256), one byte each. */
  latin1(text: string): void {
    this.reserve(text.length);
    this.length += writeLatin1(text, this.buffer, this.length);
    if (this.length >= PIECE_SIZE) this.flush();
  }

  /** Hands on what has been written; the buffer is not reused, as the sink may still be reading it. */
  flush(): void {
    if (this.length === 0) return;
    this.sink.add(this.buffer.subarray(0, this.length));
    this.buffer = new Uint8Array(PIECE_SIZE * 2);
    this.length = 0;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
