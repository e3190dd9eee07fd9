/**
 * The byte helpers and the portable compression the browser uses, checked against Node's own
 * (Buffer and zlib), which the command line uses in their place.
 */
import { crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';
import {
  concatBytes,
  crc32,
  indexOfAscii,
  latin1Bytes,
  latin1Text,
  portableLatin1,
  readUint16,
  readUint32,
  utf8Bytes,
  utf8Text,
  writeUint16,
  writeUint32,
} from '../../src/xlsx/bytes';
import { nodeCompression, nodeLatin1 } from '../../src/xlsx/node-compression';
import { portableCompression } from '../../src/xlsx/zip/deflate';

/** Bytes that look like a sheet: markup, numbers and Chinese text (whose UTF-8 uses bytes 0x80–0xBF). */
function sheetLike(rows: number): Uint8Array {
  let xml = '<sheetData>';
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}"><v>${r * 3.5}</v></c><c r="B${r}" t="inlineStr"><is><t>指标${r}≥95%</t></is></c></row>`;
  return utf8Bytes(`${xml}</sheetData>`);
}

/** Byte arrays compared by Buffer#equals: Jest's toEqual walks a large typed array element by element. */
function same(actual: Uint8Array | string, expected: Uint8Array): boolean {
  return typeof actual !== 'string' && Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(expected);
}

function noise(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe('byte helpers', () => {
  test('Latin-1 text keeps every byte value, one character per byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = latin1Text(all);
    expect(text).toBe(Buffer.from(all).toString('latin1'));
    expect(latin1Bytes(text)).toEqual(all);
    const long = noise(50_000);
    expect(latin1Text(long, 10, 40_000)).toBe(Buffer.from(long).toString('latin1', 10, 40_000));
  });

  test("Node's Buffer (the command line's) and the portable Latin-1 conversions agree byte for byte", () => {
    const bytes = noise(40_000, 11);
    expect(nodeLatin1.text(bytes, 5, 39_000)).toBe(portableLatin1.text(bytes, 5, 39_000));
    const text = portableLatin1.text(bytes, 0, bytes.length);
    const [viaNode, viaPortable] = [new Uint8Array(bytes.length + 3), new Uint8Array(bytes.length + 3)];
    expect(nodeLatin1.write(text, viaNode, 3)).toBe(portableLatin1.write(text, viaPortable, 3));
    expect(same(viaNode, viaPortable)).toBe(true);
  });

  test('UTF-8 both ways, and a range of the bytes', () => {
    const bytes = utf8Bytes('<t>项目支出 ≥95%</t>');
    expect(Buffer.from(bytes).toString('utf8')).toBe('<t>项目支出 ≥95%</t>');
    expect(utf8Text(bytes, 3, bytes.length - 4)).toBe('项目支出 ≥95%');
  });

  test('little-endian fields read and written as a zip lays them out', () => {
    const bytes = new Uint8Array(8);
    writeUint16(bytes, 0xbeef, 0);
    writeUint32(bytes, 0xfedcba98, 2);
    expect(Buffer.from(bytes).readUInt16LE(0)).toBe(0xbeef);
    expect(Buffer.from(bytes).readUInt32LE(2)).toBe(0xfedcba98);
    expect(readUint16(bytes, 0)).toBe(0xbeef);
    expect(readUint32(bytes, 2)).toBe(0xfedcba98);
  });

  test('CRC-32 as zlib computes it, whole and continued, at every length near the 8-byte step', () => {
    const data = noise(10_000);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 1000, 10_000]) {
      expect(crc32(data.subarray(0, length))).toBe(zlibCrc32(data.subarray(0, length)));
    }
    expect(crc32(data.subarray(37), crc32(data.subarray(0, 37)))).toBe(zlibCrc32(data));
  });

  test('ASCII search in bytes', () => {
    const bytes = utf8Bytes('<a><![CDATA[x]]]]><!-- 注 -->');
    expect(indexOfAscii(bytes, ']]>')).toBe(Buffer.from(bytes).indexOf(']]>'));
    expect(indexOfAscii(bytes, '-->', 5)).toBe(Buffer.from(bytes).indexOf('-->', 5));
    expect(indexOfAscii(bytes, '?>')).toBe(-1);
    expect(indexOfAscii(utf8Bytes('ab'), 'abc')).toBe(-1);
  });

  test('pieces joined in order', () => {
    expect(concatBytes([utf8Bytes('ab'), new Uint8Array(0), utf8Bytes('c')])).toEqual(utf8Bytes('abc'));
  });
});

let zeros: Buffer | undefined;
/** 200 MB of zeros in about 200 KB: a part to be stopped long before it is all unpacked. */
const bomb = () => (zeros ??= deflateRawSync(new Uint8Array(200 * 1024 * 1024)));

describe.each([
  ['portable (fflate)', portableCompression],
  ['Node (zlib)', nodeCompression],
])('%s compression', (_, compression) => {
  const content = sheetLike(3000);

  test('what it deflates inflates back, and zlib and fflate read each other', () => {
    const deflated = compression.deflate(content);
    expect(deflated.length).toBeLessThan(content.length / 4);
    expect(same(portableCompression.inflateAtMost(deflated, content.length), content)).toBe(true);
    expect(same(nodeCompression.inflateAtMost(deflated, content.length), content)).toBe(true);
    expect(same(compression.inflateAtMost(deflateRawSync(content), content.length), content)).toBe(true);
  });

  test('a part larger than its declared size is stopped, not unpacked', () => {
    const deflated = compression.deflate(content);
    expect(compression.inflateAtMost(deflated, content.length - 1)).toBe('too-large');
    expect(compression.inflateAtMost(bomb(), 1000)).toBe('too-large');
  });

  test('a damaged stream throws', () => {
    const deflated = compression.deflate(content);
    const damaged = deflated.slice();
    damaged.fill(0xff, 0, 40);
    expect(() => compression.inflateAtMost(damaged, content.length)).toThrow();
  });

  test('the same CRC-32 as the zip records', () => {
    expect(compression.crc32(content)).toBe(zlibCrc32(content));
  });
});
