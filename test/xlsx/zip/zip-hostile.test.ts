/**
 * Hostile zips (issue 15, defects 3 and 6): zip bombs, parts that lie about their size, damaged
 * data under a correct-looking header, and zip features Excel never writes. Each is refused with
 * its reason before anything is unpacked beyond what the zip declares, and a damaged part is never
 * copied into a scored file. The bombs here are a few hundred kilobytes that would unpack to
 * hundreds of megabytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { applyPlanToXlsx, readWorkbookGrids } from '../../../src/xlsx/file';
import { MAX_PACKAGE_SIZE, MAX_PART_SIZE } from '../../../src/xlsx/zip/zip';
import { deflatedZeros, honestEntry, rawEntriesOf, rawZip, type RawEntry } from '../../fuzz/zip-tools';
import { refusal } from '../refusal';

const SEED = new Uint8Array(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'seed-standard-form.xlsx')));
const SHEET = 'xl/worksheets/sheet1.xml';
const PLAN = { sheet: '自评表', kept: [], writes: [{ address: 'J40', value: 'ok', role: 'flag' as const }] };

async function seedWith(edit: (entries: RawEntry[]) => void): Promise<Buffer> {
  const entries = await rawEntriesOf(SEED);
  edit(entries);
  return rawZip(entries);
}

function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  return run().then((result) => ({ result, ms: performance.now() - start }));
}

describe('zip bombs are refused before they are unpacked', () => {
  test('a sheet declared (honestly) at 200 MB: too large, named, at once', async () => {
    const bomb = await seedWith((entries) => {
      const zeros = deflatedZeros(1024 * 1024, 200); // 200 KB that unpack to 200 MB
      Object.assign(entries.find((e) => e.name === SHEET) as RawEntry, { stored: zeros.stored, declaredSize: zeros.size, crc: 0 });
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { result, ms } = await timed(() => refusal(bomb));
    expect(result.code).toBe('too-large');
    expect(result.message).toContain(SHEET);
    expect(result.message).toMatch(/^工作簿太大.* \/ The workbook is too large/);
    expect(ms).toBeLessThan(1000);
  });

  test('parts each under the part limit but over the package limit together: too large', async () => {
    const size = 100 * 1024 * 1024;
    expect(size).toBeLessThanOrEqual(MAX_PART_SIZE);
    const bomb = await seedWith((entries) => {
      const zeros = deflatedZeros(1024 * 1024, size / (1024 * 1024));
      const count = Math.floor(MAX_PACKAGE_SIZE / size) + 1;
      for (let i = 0; i < count; i++) entries.push({ name: `xl/media/blob${i}.bin`, stored: zeros.stored, method: 8, crc: 0, declaredSize: size });
    });
    const { result, ms } = await timed(() => refusal(bomb));
    expect(result.code).toBe('too-large');
    expect(ms).toBeLessThan(1000);
  });

  test('a part that under-reports its size is unpacked no further than declared, and refused', async () => {
    const bomb = await seedWith((entries) => {
      const zeros = deflatedZeros(1024 * 1024, 64); // 64 MB of zeros, declared as 1,000 bytes
      entries.push({ name: 'docProps/custom.xml', stored: zeros.stored, method: 8, crc: 0, declaredSize: 1000 });
    });
    const { result, ms } = await timed(() => refusal(bomb));
    expect(result.code).toBe('damaged');
    expect(result.message).toContain('docProps/custom.xml');
    expect(result.message).toContain('大小');
    expect(ms).toBeLessThan(1000);
  });

  test("directory records sharing one part's data (the overlapping-files bomb): damaged", async () => {
    const entries = await rawEntriesOf(SEED);
    const zeros = deflatedZeros(1024 * 1024, 4);
    const blob: RawEntry = { name: 'xl/media/a.bin', stored: zeros.stored, method: 8, crc: crc32(Buffer.alloc(4 * 1024 * 1024)), declaredSize: zeros.size };
    const copies = Array.from({ length: 10 }, (_, i) => ({ ...blob, name: `xl/media/b${i}.bin` }));
    const error = await refusal(rawZip([blob, ...entries], { extraCentral: copies }));
    expect(error.code).toBe('damaged');
  });
});

describe('a damaged part is refused, never scored or copied', () => {
  /** docProps/app.xml deflated into stored blocks, with one byte of its text changed under the original CRC. */
  async function flippedAppXml(): Promise<Buffer> {
    return seedWith((entries) => {
      const entry = entries.find((e) => e.name === 'docProps/app.xml') as RawEntry;
      const content = Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>',
      );
      const stored = deflateRawSync(content, { level: 0 }); // still inflates after the flip
      const at = stored.indexOf('Microsoft');
      stored[at] ^= 0x01;
      Object.assign(entry, { stored, crc: crc32(content), declaredSize: content.length });
    });
  }

  test('data that still inflates but no longer matches its CRC: the reader refuses, naming the part', async () => {
    const error = await refusal(await flippedAppXml());
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('docProps/app.xml');
    expect(error.message).toContain('校验');
  });

  test('the writer checks the parts it copies, even on bytes the reader never saw', async () => {
    const damaged = new Uint8Array(await flippedAppXml());
    await expect(applyPlanToXlsx(damaged, PLAN)).rejects.toThrow(/docProps\/app\.xml/);
  });

  test('a part whose size is declared larger than its content: damaged', async () => {
    const bytes = await seedWith((entries) => {
      (entries.find((e) => e.name === SHEET) as RawEntry).declaredSize += 5000;
    });
    expect((await refusal(bytes)).code).toBe('damaged');
  });

  test('a wrong CRC on the sheet: damaged', async () => {
    const bytes = await seedWith((entries) => {
      (entries.find((e) => e.name === SHEET) as RawEntry).crc ^= 0xff;
    });
    expect((await refusal(bytes)).message).toContain(SHEET);
  });

  test('an honest package still reads, scores and writes', async () => {
    const honest = rawZip(await rawEntriesOf(SEED));
    expect(await readWorkbookGrids(honest)).toEqual(await readWorkbookGrids(SEED));
    expect((await applyPlanToXlsx(new Uint8Array(honest), PLAN)).length).toBeGreaterThan(0);
  });
});

describe('zip features Excel never writes are refused with the exact reason', () => {
  test('zip-level encryption', async () => {
    const bytes = await seedWith((entries) => entries.forEach((e) => (e.flags = 0x0001)));
    const error = await refusal(bytes);
    expect(error.message).toMatch(/密码.* \/ .*encrypted/);
  });

  test('a compression method other than deflate', async () => {
    const bytes = await seedWith((entries) => {
      (entries.find((e) => e.name === SHEET) as { method: number }).method = 12; // bzip2
    });
    const error = await refusal(bytes);
    expect(error.message).toContain('12');
    expect(error.message).toMatch(/压缩方式.* \/ .*compression method/);
  });

  test('one volume of a zip split over several disks', async () => {
    const bytes = rawZip(await rawEntriesOf(SEED));
    bytes.writeUInt16LE(1, bytes.length - 22 + 4); // "this is disk 1"
    expect((await refusal(bytes)).message).toMatch(/分卷.* \/ .*several parts/);
  });

  test('a directory whose entry count disagrees with its size', async () => {
    const bytes = rawZip(await rawEntriesOf(SEED), { centralCount: 3 });
    expect((await refusal(bytes)).code).toBe('damaged');
  });

  test('messages stay on one line whatever a hostile part name holds', async () => {
    const bytes = await seedWith((entries) => entries.push({ ...honestEntry('a\nb\u2028c.xml', Buffer.from('x')), crc: 1 }));
    const error = await refusal(bytes);
    expect(error.message).not.toMatch(/[\n\r\u2028]/);
  });
});
