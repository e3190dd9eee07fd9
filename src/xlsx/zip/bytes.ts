/**
 * Output of a patched part as a sequence of byte pieces (Node). Runs of the original part and new
 * markup are appended into a Buffer, which is handed on every PIECE_SIZE bytes, so that the part
 * can be compressed while the rest is still being produced; long runs are handed on as they are.
 */

/** Where pieces go, in order; a reserved slot is filled later but keeps its place. */
export interface PieceSink {
  add(piece: Buffer): void;
  reserve(): number;
  fill(slot: number, piece: Buffer): void;
}

const PIECE_SIZE = 256 * 1024;

export class PieceWriter {
  private buffer = Buffer.allocUnsafe(PIECE_SIZE * 2);
  private length = 0;

  constructor(private readonly sink: PieceSink) {}

  /** Appends source[start, end); the source must not change afterwards. */
  copy(source: Buffer, start: number, end: number): void {
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
    const buffer = this.buffer as Buffer & { latin1Write?: (text: string, offset: number) => number };
    // Buffer#write re-validates its arguments on every call; its Latin-1 worker is called directly
    // when Node has it (every version so far), since this runs once per written row
    this.length += buffer.latin1Write ? buffer.latin1Write(text, this.length) : buffer.write(text, this.length, 'latin1');
    if (this.length >= PIECE_SIZE) this.flush();
  }

  /** Hands on what has been written; the buffer is not reused, as the sink may still be reading it. */
  flush(): void {
    if (this.length === 0) return;
    this.sink.add(this.buffer.subarray(0, this.length));
    this.buffer = Buffer.allocUnsafe(PIECE_SIZE * 2);
    this.length = 0;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
