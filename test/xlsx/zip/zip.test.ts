import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { compress } from '../../../src/xlsx/zip/deflate';
import { applyPlanToXlsx, readWorkbookGrids, XlsxInputError } from '../../../src/xlsx/file';
import { storedZip, ZipArchive } from '../../../src/xlsx/zip/zip';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'seed-standard-form.xlsx');

async function texts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const map = new Map<string, string>();
  for (const file of Object.values(zip.files)) if (!file.dir) map.set(file.name, await file.async('string'));
  return map;
}

/** The same archive in zip64 form (zip64 end record and locator), as some producers write even small files. */
function asZip64(input: Uint8Array): Uint8Array {
  const bytes = Buffer.from(input);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const start = bytes.readUInt32LE(eocd + 16);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(eocd), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(bytes.subarray(eocd, eocd + 22));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return new Uint8Array(Buffer.concat([bytes.subarray(0, eocd), record, locator, end]));
}

describe('ZipArchive', () => {
  const input = new Uint8Array(readFileSync(FIXTURE));

  test('reads every part as jszip does', async () => {
    const zip = ZipArchive.open(input);
    for (const [name, text] of await texts(input)) {
      expect(zip.has(name)).toBe(true);
      expect(Buffer.from(zip.read(name)).toString('utf8')).toBe(text);
    }
    expect(zip.has('xl/nothing.xml')).toBe(false);
  });

  test('without replacements the archive comes back byte for byte', () => {
    const output = ZipArchive.open(input).toBytes();
    expect(Buffer.compare(output, Buffer.from(input))).toBe(0);
  });

  test('a replaced part is deflated; the others keep their stored bytes', async () => {
    const output = ZipArchive.open(input).toBytes(new Map([['xl/workbook.xml', compress(Buffer.from('<workbook>新</workbook>', 'utf8'))]]));
    const [before, after] = [await texts(input), await texts(output)];
    expect(after.get('xl/workbook.xml')).toBe('<workbook>新</workbook>');
    for (const name of before.keys()) if (name !== 'xl/workbook.xml') expect(after.get(name)).toBe(before.get(name));
    const original = ZipArchive.open(input);
    const rewritten = ZipArchive.open(output);
    expect(Buffer.from(rewritten.read('xl/styles.xml')).equals(original.read('xl/styles.xml'))).toBe(true);
  });

  test('data descriptors, directory entries and an archive comment survive a rewrite', async () => {
    const source = new JSZip();
    source.folder('xl');
    source.file('xl/a.xml', '<a>一</a>');
    source.file('b.txt', 'b'.repeat(5000));
    const streamed = await source.generateAsync({ type: 'uint8array', compression: 'DEFLATE', streamFiles: true, comment: '注释' });
    const header = Buffer.from(streamed).indexOf('xl/a.xml') - 30; // its local header
    expect(Buffer.from(streamed).readUInt16LE(header + 6) & 0x08).toBe(0x08); // sizes in a data descriptor

    const zip = ZipArchive.open(streamed);
    const reread = await JSZip.loadAsync(zip.toBytes(new Map([['xl/a.xml', compress(Buffer.from('<a>二</a>', 'utf8'))]])));
    expect(await reread.file('xl/a.xml')?.async('string')).toBe('<a>二</a>');
    expect(await reread.file('b.txt')?.async('string')).toBe('b'.repeat(5000));
    expect(reread.files['xl/'].dir).toBe(true);
    expect((reread as unknown as { comment: string }).comment).toBe('注释');
  });

  test('storedZip holds the parts given, uncompressed, and exceljs reads it', async () => {
    const zip = ZipArchive.open(input);
    const names = zip.names().filter((name) => !name.endsWith('/'));
    const copy = storedZip(names.map((name) => ({ name, data: zip.read(name) })));
    expect(await texts(copy)).toEqual(await texts(input));
    expect(Buffer.from(copy).readUInt16LE(8)).toBe(0); // the first entry: method "stored"
    const workbook = new Workbook();
    await workbook.xlsx.load(copy as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['自评表']);
  });

  test('a part that does not inflate is refused, naming it', () => {
    const damaged = Buffer.from(input);
    const sheet = damaged.indexOf('xl/worksheets/sheet1.xml'); // its local header's name
    damaged.fill(0xff, sheet + 30, sheet + 60); // scramble the start of its deflated data
    const zip = ZipArchive.open(damaged);
    expect(() => zip.read('xl/worksheets/sheet1.xml')).toThrow(/xl\/worksheets\/sheet1\.xml/);
    expect(() => zip.verifyAll()).toThrow(XlsxInputError);
  });

  test('zip64 records are read; a rewrite is an ordinary zip again', async () => {
    const zip64 = asZip64(input);
    const zip = ZipArchive.open(zip64);
    expect(Buffer.from(zip.read('xl/workbook.xml')).toString('utf8')).toBe((await texts(input)).get('xl/workbook.xml'));
    const output = zip.toBytes();
    expect(Buffer.from(output).includes(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBe(false); // no zip64 locator
    expect(await texts(output)).toEqual(await texts(input));
  });

  test('not a zip, or a zip cut short: refused', () => {
    expect(() => ZipArchive.open(new Uint8Array(Buffer.from('not a zip')))).toThrow(XlsxInputError);
    expect(() => ZipArchive.open(input.subarray(0, input.length - 30))).toThrow(/不完整|incomplete/);
  });
});

describe('the .xlsx host on a zip64 package', () => {
  test('reads the same grids and applies a plan', async () => {
    const input = new Uint8Array(readFileSync(FIXTURE));
    const zip64 = asZip64(input);
    expect(await readWorkbookGrids(zip64)).toEqual(await readWorkbookGrids(input));
    const plan = { sheet: '自评表', kept: [], writes: [{ address: 'J40', value: 'ok', role: 'flag' as const, fill: 'green' as const }] };
    const [fromZip64, fromZip] = [await applyPlanToXlsx(zip64, plan), await applyPlanToXlsx(input, plan)];
    expect(await texts(fromZip64)).toEqual(await texts(fromZip));
  });
});
