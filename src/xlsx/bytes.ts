/**
 * Bytes as the .xlsx code handles them, in Node and in the browser alike: plain Uint8Arrays, with
 * the few conversions the zip, the normaliser and the sheet patcher need. Node's Buffer would do
 * each of them, but the 网页版 runs this code in a browser, where there is none.
 */

const CHUNK = 8192; // String.fromCharCode takes its arguments on the stack: a few thousand at a time

/**
 * Latin-1 text to and from bytes, done natively where the platform can (the command line puts
 * Node's Buffer here: node-compression.ts): the sheet patcher turns whole worksheets into text and
 * back, and in plain JavaScript that is most of its time on a large table.
 */
export interface Latin1Codec {
  text(bytes: Uint8Array, start: number, end: number): string;
  /** Writes the text's characters as bytes into `bytes` at `at`; the count written. */
  write(text: string, bytes: Uint8Array, at: number): number;
}

export const portableLatin1: Latin1Codec = {
  text: (bytes, start, end) => {
    let text = '';
    for (let at = start; at < end; at += CHUNK) {
      text += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(end, at + CHUNK)) as unknown as number[]);
    }
    return text;
  },
  write: (text, bytes, at) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
    return text.length;
  },
};

let latin1 = portableLatin1;

/** The Latin-1 conversions every later call uses (the command line: Node's Buffer). */
export function useLatin1(codec: Latin1Codec): void {
  latin1 = codec;
}

/**
 * The bytes as Latin-1 text, one character per byte, so that positions in the text are positions
 * in the bytes and encoding it back gives the very same bytes. (TextDecoder cannot do this: its
 * "latin1" is windows-1252, which maps 0x80–0x9F elsewhere.)
 */
export function latin1Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return latin1.text(bytes, start, end);
}

/** Text whose characters are bytes (code units below 256), back to those bytes. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  latin1.write(text, bytes, 0);
  return bytes;
}

/** Writes such text into `bytes` at `at`, which must have room; the count written. */
export function writeLatin1(text: string, bytes: Uint8Array, at: number): number {
  return latin1.write(text, bytes, at);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return decoder.decode(bytes.subarray(start, end));
}

export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

export function readUint16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

export function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

export function writeUint16(bytes: Uint8Array, value: number, at: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
}

export function writeUint32(bytes: Uint8Array, value: number, at: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

/** CRC-32 tables for slicing by 8: eight bytes per step, about as fast as zlib's in JavaScript. */
const CRC_TABLES = ((): Uint32Array[] => {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[0][n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) tables[t][n] = (tables[t - 1][n] >>> 8) ^ tables[0][tables[t - 1][n] & 0xff];
  }
  return tables;
})();

/** The zip's CRC-32 of the bytes, continuing from `previous` (the CRC of the bytes before them). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES;
  let crc = ~previous >>> 0;
  let i = 0;
  const fast = bytes.length - 8;
  for (; i <= fast; i += 8) {
    const a = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) ^ crc;
    const b = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
    crc =
      t7[a & 0xff] ^ t6[(a >>> 8) & 0xff] ^ t5[(a >>> 16) & 0xff] ^ t4[a >>> 24] ^ t3[b & 0xff] ^ t2[(b >>> 8) & 0xff] ^ t1[(b >>> 16) & 0xff] ^ t0[b >>> 24];
  }
  for (; i < bytes.length; i++) crc = t0[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Where the ASCII text first occurs in the bytes at or after `from`; -1 when it does not. */
export function indexOfAscii(bytes: Uint8Array, text: string, from = 0): number {
  const first = text.charCodeAt(0);
  const last = bytes.length - text.length;
  for (let at = bytes.indexOf(first, from); at >= 0 && at <= last; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < text.length && bytes[at + i] === text.charCodeAt(i)) i++;
    if (i === text.length) return at;
  }
  return -1;
}
