/**
 * The fuzz cases, by family: random damage to real workbooks, files that are not workbooks,
 * hostile zips, unusual XML, odd numbers, colliding or failing outputs, and inputs that are not
 * files at all. Each case is built from its seed, so a failure can be replayed exactly.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Outcome } from './invariants';
import { seededRandom, type Random } from './random';
import { deflatedZeros, editPart, honestEntry, rawEntriesOf, rawZip, readParts, writeParts } from './zip-tools';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const WORKBOOKS = [
  'seed-standard-form.xlsx',
  'seed-own-table.xlsx',
  'roads-xianjie.xlsx',
  'roads-noweights.xlsx',
  'school-split.xlsx',
  'saved-settings.xlsx',
  'seed-targets-only.xlsx',
];
const SEED = 'seed-standard-form.xlsx';
const SHEET = 'xl/worksheets/sheet1.xml';

export interface Prepared {
  args: string[];
  /** The file the run must never change (absent for non-files such as a FIFO). */
  input?: string;
  /** Every file the run may write; each must end complete and readable, or absent. */
  outputs: string[];
  /** Undoes what preparing did outside the case's folder (a mount). */
  cleanup?: () => void;
  /** A limit on the size of each file the run writes, in bytes (prlimit --fsize). */
  fileSizeLimit?: number;
}

export interface FuzzCase {
  id: string;
  family: string;
  /** Known answer when there is one; unknown (any clean outcome) for random damage. */
  expect?: Outcome[];
  /** Cases that push memory or time: the quick run takes only a few. */
  heavy?: boolean;
  prepare(dir: string): Promise<Prepared>;
}

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** The usual command: a scored copy, the JSON and a report, all beside the input. */
function scoreArgs(dir: string, input: string, extra: string[] = []): Prepared {
  const out = path.join(dir, 'out.xlsx');
  const json = path.join(dir, 'out.json');
  const report = path.join(dir, 'out.docx');
  return { args: ['score', input, '--out', out, '--json', json, '--report', report, ...extra], input, outputs: [out, json, report] };
}

/** A case whose input is `bytes`, written as input.xlsx (or another name). */
function fileCase(
  id: string,
  family: string,
  make: () => Promise<Uint8Array> | Uint8Array,
  extra: Partial<FuzzCase> & { name?: string; args?: string[] } = {},
): FuzzCase {
  return {
    id,
    family,
    expect: extra.expect,
    heavy: extra.heavy,
    prepare: async (dir) => {
      const input = path.join(dir, extra.name ?? 'input.xlsx');
      writeFileSync(input, await make());
      return scoreArgs(dir, input, extra.args);
    },
  };
}

// ── random damage to real workbooks ──

function mutate(bytes: Buffer, random: Random): { bytes: Buffer; how: string } {
  const copy = Buffer.from(bytes);
  switch (random.below(5)) {
    case 0: {
      const at = random.below(copy.length);
      return { bytes: copy.subarray(0, at), how: `truncated at ${at}` };
    }
    case 1: {
      const flips = 1 + random.below(8);
      for (let i = 0; i < flips; i++) copy[random.below(copy.length)] ^= 1 << random.below(8);
      return { bytes: copy, how: `${flips} bits flipped` };
    }
    case 2: {
      const at = random.below(copy.length);
      const length = 1 + random.below(64);
      copy.fill(0, at, at + length);
      return { bytes: copy, how: `${length} bytes zeroed at ${at}` };
    }
    case 3: {
      const garbage = Buffer.alloc(1 + random.below(4096), random.below(256));
      return random.below(2)
        ? { bytes: Buffer.concat([copy, garbage]), how: 'garbage appended' }
        : { bytes: Buffer.concat([garbage, copy]), how: 'garbage prepended' };
    }
    default: {
      const at = random.below(copy.length);
      const duplicate = copy.subarray(at, at + 1 + random.below(256));
      return { bytes: Buffer.concat([copy.subarray(0, at), duplicate, copy.subarray(at)]), how: `bytes repeated at ${at}` };
    }
  }
}

export function damageCases(seed: number, count: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const random = seededRandom(seed * 7919 + i);
    const base = random.pick(WORKBOOKS);
    const { how } = mutate(fixture(base), seededRandom(seed * 7919 + i + 1));
    cases.push(fileCase(`damage ${base}: ${how} (seed ${seed}/${i})`, 'damage', () => mutate(fixture(base), seededRandom(seed * 7919 + i + 1)).bytes));
  }
  return cases;
}

/** One part's compressed bytes damaged while the headers stay as they were (CRC included). */
export function damagedPartCases(seed: number, count: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const random = seededRandom(seed * 104729 + i);
    cases.push(
      fileCase(`damaged part (seed ${seed}/${i})`, 'zip', async () => {
        const entries = await rawEntriesOf(fixture(random.pick(WORKBOOKS)));
        const victim = entries[random.below(entries.length)];
        const stored = Buffer.from(victim.stored);
        stored[random.below(stored.length)] ^= 1 << random.below(8);
        victim.stored = stored;
        return rawZip(entries);
      }),
    );
  }
  return cases;
}

// ── files that are not workbooks ──

export function renamedCases(): FuzzCase[] {
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  const encrypted = Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]);
  const refused: Outcome[] = ['refused'];
  return [
    fileCase('renamed: PNG', 'renamed', () => readFileSync(path.join(ROOT, 'assets', 'icon-32.png')), { expect: refused }),
    fileCase('renamed: .docx', 'renamed', () => readFileSync(path.join(ROOT, 'examples', 'templates', 'bureau-template.docx')), { expect: refused }),
    fileCase('renamed: text', 'renamed', () => Buffer.from('项目名称,预算\n测试,10\n'), { expect: refused }),
    fileCase('renamed: old .xls', 'renamed', () => ole, { expect: refused }),
    fileCase('password-protected', 'renamed', () => encrypted, { expect: refused }),
    fileCase('empty file', 'renamed', () => Buffer.alloc(0), { expect: refused }),
    fileCase('.xls name', 'renamed', () => fixture(SEED), { expect: refused, name: 'input.xls' }),
    fileCase('a zip of nothing', 'renamed', () => writeParts(new Map([['readme.txt', 'hello']])), { expect: refused }),
  ];
}

// ── hostile zips ──

async function withPart(name: string, content: Buffer | string): Promise<Buffer> {
  const parts = new Map<string, Buffer | string>(await readParts(fixture(SEED)));
  parts.set(name, content);
  return writeParts(parts);
}

export function zipCases(): FuzzCase[] {
  const refused: Outcome[] = ['refused'];
  return [
    fileCase(
      'zip bomb: sheet of 2 GB zeros, declared honestly',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const sheet = entries.find((e) => e.name === SHEET);
        if (!sheet) throw new Error('no sheet');
        const zeros = deflatedZeros(16 * 1024 * 1024, 128);
        Object.assign(sheet, { stored: zeros.stored, declaredSize: zeros.size % 2 ** 32 || 2 ** 32 - 1, crc: 0 });
        return rawZip(entries);
      },
      { expect: refused, heavy: true },
    ),
    fileCase(
      'zip bomb: part under-reports its size',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const zeros = deflatedZeros(16 * 1024 * 1024, 64);
        entries.push({ name: 'docProps/custom.xml', stored: zeros.stored, method: 8, crc: 0, declaredSize: 1000 });
        return rawZip(entries);
      },
      { expect: refused, heavy: true },
    ),
    fileCase(
      'zip bomb: 40 parts of 100 MB each',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const zeros = deflatedZeros(1024 * 1024, 100);
        for (let i = 0; i < 40; i++) entries.push({ name: `xl/media/blob${i}.bin`, stored: zeros.stored, method: 8, crc: 0, declaredSize: zeros.size });
        return rawZip(entries);
      },
      { expect: refused, heavy: true },
    ),
    fileCase(
      'zip bomb: overlapping entries',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const zeros = deflatedZeros(16 * 1024 * 1024, 16);
        const bomb = { name: 'xl/media/a.bin', stored: zeros.stored, method: 8 as const, crc: 0, declaredSize: zeros.size };
        const extra = Array.from({ length: 30 }, (_, i) => ({ ...bomb, name: `xl/media/b${i}.bin` }));
        return rawZip([bomb, ...entries], { extraCentral: extra });
      },
      { expect: refused, heavy: true },
    ),
    fileCase(
      'part size declared larger than its content',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const sheet = entries.find((e) => e.name === SHEET);
        if (sheet) sheet.declaredSize += 5000;
        return rawZip(entries);
      },
      { expect: refused },
    ),
    fileCase(
      'wrong CRC on the sheet',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const sheet = entries.find((e) => e.name === SHEET);
        if (sheet) sheet.crc ^= 0xff;
        return rawZip(entries);
      },
      { expect: refused },
    ),
    fileCase('central directory count wrong', 'zip', async () => rawZip(await rawEntriesOf(fixture(SEED)), { centralCount: 3 })),
    fileCase('entry with path traversal', 'zip', async () => {
      const entries = await rawEntriesOf(fixture(SEED));
      entries.push(honestEntry('../../evil.txt', Buffer.from('x')), honestEntry('/etc/evil.txt', Buffer.from('x')));
      return rawZip(entries);
    }),
    fileCase('duplicate part names', 'zip', async () => {
      const entries = await rawEntriesOf(fixture(SEED));
      const sheet = entries.find((e) => e.name === SHEET);
      if (sheet) entries.push({ ...sheet });
      return rawZip(entries);
    }),
    fileCase(
      'encrypted zip entries',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        for (const e of entries) e.flags = 0x0001;
        return rawZip(entries);
      },
      { expect: refused },
    ),
    fileCase(
      'stored (uncompressed) parts',
      'zip',
      async () => {
        const parts = await readParts(fixture(SEED));
        return rawZip([...parts].map(([name, content]) => ({ name, stored: content, method: 0, crc: crc32(content), declaredSize: content.length })));
      },
      { expect: ['scored'] },
    ),
    fileCase(
      'workbook part missing',
      'zip',
      async () => {
        const parts = await readParts(fixture(SEED));
        parts.delete('xl/workbook.xml');
        return writeParts(parts);
      },
      { expect: refused },
    ),
    fileCase(
      'sheet part missing',
      'zip',
      async () => {
        const parts = await readParts(fixture(SEED));
        parts.delete(SHEET);
        return writeParts(parts);
      },
      { expect: refused },
    ),
    fileCase(
      'unknown compression method',
      'zip',
      async () => {
        const entries = await rawEntriesOf(fixture(SEED));
        const sheet = entries.find((e) => e.name === SHEET);
        if (sheet) (sheet as { method: number }).method = 12;
        return rawZip(entries);
      },
      { expect: refused },
    ),
    fileCase('a large unused part (80 MB of text)', 'zip', async () => withPart('docProps/custom.xml', `<x>${'a'.repeat(80 * 1024 * 1024)}</x>`), {
      heavy: true,
    }),
  ];
}

// ── unusual XML in the sheet ──

/** Row r's XML in the seed's sheet, found by its number. */
function rowOf(xml: string, r: number): RegExpExecArray {
  const match = new RegExp(`<row r="${r}"[^>]*>[\\s\\S]*?</row>`).exec(xml);
  if (!match) throw new Error(`no row ${r}`);
  return match;
}

function sheetCase(id: string, edit: (xml: string) => string | Buffer, extra: Partial<FuzzCase> & { part?: string } = {}): FuzzCase {
  return fileCase(id, 'xml', () => editPart(fixture(SEED), extra.part ?? SHEET, edit), extra);
}

function mergesOf(xml: string, merges: string[]): string {
  const list = `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  return xml.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, list);
}

function existingMerges(xml: string): string[] {
  return [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]);
}

export function xmlCases(): FuzzCase[] {
  const refused: Outcome[] = ['refused'];
  const scored: Outcome[] = ['scored'];
  const laughs =
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('') +
    ']>';
  return [
    sheetCase('malformed sheet XML (tag cut)', (xml) => xml.replace('</row>', '</ro'), { expect: refused }),
    sheetCase('billion laughs', (xml) => xml.replace('<worksheet', `${laughs}<worksheet`).replace('<v>0</v>', '<v>&j;</v>')),
    sheetCase('external entity', (xml) =>
      xml.replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet').replace('<v>0</v>', '<v>&x;</v>'),
    ),
    sheetCase('x: namespace prefix everywhere', (xml) => prefixed(xml), { expect: scored }),
    sheetCase('rows and cells without r', (xml) => xml.replace(/<row r="\d+"/g, '<row').replace(/<c r="[A-Z]+\d+"/g, '<c'), { expect: scored }),
    sheetCase(
      'sheet in UTF-16',
      (xml) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]),
      { expect: scored },
    ),
    sheetCase(
      'shared strings in CDATA',
      (xml) =>
        xml.replace(/<t>([^<]*)<\/t>/g, '<t><![CDATA[$1]]></t>').replace(/<t xml:space="preserve">([^<]*)<\/t>/g, '<t xml:space="preserve"><![CDATA[$1]]></t>'),
      { part: 'xl/sharedStrings.xml', expect: scored },
    ),
    sheetCase('deep foreign nesting', (xml) => xml.replace('<sheetData>', `<sheetData>${'<x:foo xmlns:x="urn:foo">'.repeat(5000)}${'</x:foo>'.repeat(5000)}`)),
    sheetCase('row r="0"', (xml) => xml.replace('<row r="21"', '<row r="0"')),
    sheetCase('row r="-5"', (xml) => xml.replace('<row r="21"', '<row r="-5"')),
    sheetCase('rows out of order', (xml) => {
      const r15 = rowOf(xml, 15)[0];
      const r17 = rowOf(xml, 17)[0];
      return xml.replace(r15, '\u0000').replace(r17, r15).replace('\u0000', r17);
    }),
    sheetCase('row number repeated', (xml) => xml.replace(rowOf(xml, 16)[0], (row) => row.replace(/(r="[A-Z]*)16"/g, '$115"'))),
    sheetCase('garbage dimension', (xml) => xml.replace(/<dimension ref="[^"]*"/, '<dimension ref="foo"'), { expect: scored }),
    sheetCase(
      'a cell at XFD1048576',
      (xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
      { expect: scored, heavy: true },
    ),
    sheetCase(
      'a stray cell in column XFD beside the table',
      (xml) => xml.replace(/(<row r="13"[^>]*>[\s\S]*?)<\/row>/, '$1<c r="XFD13" t="inlineStr"><is><t>x</t></is></c></row>'),
      { expect: scored },
    ),
    sheetCase('whole-sheet merge', (xml) => mergesOf(xml, [...existingMerges(xml), 'A30:XFD1048576']), { heavy: true }),
    sheetCase('whole-column merge', (xml) => mergesOf(xml, [...existingMerges(xml), 'L1:L1048576']), { heavy: true }),
    sheetCase(
      '10,000 merges',
      (xml) => mergesOf(xml, [...existingMerges(xml), ...Array.from({ length: 10_000 }, (_, i) => `A${100 + i * 2}:B${101 + i * 2}`)]),
      { heavy: true },
    ),
    sheetCase('merged score cell H15:H16', (xml) => mergesOf(xml, [...existingMerges(xml), 'H15:H16']), { expect: scored }),
    sheetCase('style index out of range', (xml) => xml.replace(/s="1"/, 's="99999"')),
    sheetCase('number cell holding text', (xml) =>
      xml.replace('<c r="E6" s="', '<c r="E6" t="n" s="').replace(/(<c r="E6"[^>]*>)<v>[^<]*<\/v>/, '$1<v>abc</v>'),
    ),
    sheetCase('number 1e400', (xml) => xml.replace(/(<c r="E6"[^>]*>)<v>[^<]*<\/v>/, '$1<v>1e400</v>')),
    // a replacer function, not a string: "$'" and "$&" in a replacement string are patterns
    sheetCase("sheet named with $' and $&", (xml) => xml.replace(/ name="[^"]*"/, () => ' name="表$\'1$&amp;"'), { part: 'xl/workbook.xml', expect: scored }),
    sheetCase('sheet name with a reference to no character', (xml) => xml.replace(/ name="[^"]*"/, () => ' name="表&#x110000;&#xD800;"'), {
      part: 'xl/workbook.xml',
      expect: scored,
    }),
    sheetCase('sheet name over 31 characters', (xml) => xml.replace(/ name="[^"]*"/, () => ` name="${'很长的工作表名称'.repeat(5)}"`), {
      part: 'xl/workbook.xml',
      expect: scored,
    }),
  ];
}

/** The sheet with its default namespace bound to the prefix x: instead. */
function prefixed(xml: string): string {
  return xml
    .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    .replace(/<(\/?)(?![?!])([A-Za-z]+)(?=[\s>/])/g, (_tag, slash: string, name: string) => `<${slash}x:${name}`);
}

// ── odd numbers (written through exceljs, as a user's Excel would) ──

function numberCase(id: string, cells: Record<string, ExcelJS.CellValue>, expect?: Outcome[]): FuzzCase {
  return fileCase(
    id,
    'numbers',
    async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(fixture(SEED) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    },
    { expect },
  );
}

export function numberCases(): FuzzCase[] {
  const weights = (value: number) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`G${13 + i}`, value]));
  return [
    numberCase('all weights negative', weights(-10)),
    numberCase('one weight negative', { G13: -15 }),
    numberCase('a weight of 1e308', { G13: 1e308 }),
    numberCase('weights summing past the largest number', weights(1e308)),
    numberCase('funds 分值 of −10', { H6: -10 }),
    numberCase('negative 全年执行数', { G6: -0.156 }),
    numberCase('全年预算数 of 0', { E6: 0, F6: 0 }),
    numberCase('negative budget', { E6: -10, F6: -10 }),
    numberCase('actual of 1e308', { F13: 1e308 }),
    numberCase('target of 0', { E13: 0 }),
    numberCase('header repeated mid-table', {
      B17: '一级指标',
      C17: '二级指标',
      D17: '三级指标',
      E17: '年度指标值',
      F17: '实际完成值',
      G17: '分值',
      H17: '得分',
      I17: '偏差原因分析及改进措施',
    }),
  ];
}

// ── outputs that collide with the input or each other, or cannot be written ──

function outputCase(id: string, setup: (dir: string, input: string) => Prepared | Promise<Prepared>, expect?: Outcome[]): FuzzCase {
  return {
    id,
    family: 'outputs',
    expect,
    prepare: async (dir) => {
      const input = path.join(dir, 'input.xlsx');
      copyFileSync(path.join(FIXTURES, SEED), input);
      return setup(dir, input);
    },
  };
}

export function outputCases(): FuzzCase[] {
  const usage: Outcome[] = ['usage'];
  const failed: Outcome[] = ['refused'];
  return [
    outputCase(
      '--out is a hard link to the input',
      (dir, input) => {
        const link = path.join(dir, 'link.xlsx');
        linkSync(input, link);
        return { args: ['score', input, '--out', link], input, outputs: [link] };
      },
      usage,
    ),
    outputCase(
      '--out is a symbolic link to the input',
      (dir, input) => {
        const link = path.join(dir, 'link.xlsx');
        symlinkSync(input, link);
        return { args: ['score', input, '--out', link], input, outputs: [link] };
      },
      usage,
    ),
    outputCase(
      '--json names the input',
      (dir, input) => ({ args: ['score', input, '--out', path.join(dir, 'o.xlsx'), '--json', input], input, outputs: [path.join(dir, 'o.xlsx')] }),
      usage,
    ),
    outputCase(
      '--report names the input',
      (dir, input) => ({ args: ['score', input, '--out', path.join(dir, 'o.xlsx'), '--report', input], input, outputs: [path.join(dir, 'o.xlsx')] }),
      usage,
    ),
    outputCase(
      '--json names the same file as --out',
      (dir, input) => {
        const out = path.join(dir, 'o.xlsx');
        return { args: ['score', input, '--out', out, '--json', out], input, outputs: [out] };
      },
      usage,
    ),
    outputCase(
      '--report names the same file as --json',
      (dir, input) => {
        const out = path.join(dir, 'same');
        return { args: ['score', input, '--out', path.join(dir, 'o.xlsx'), '--json', out, '--report', out], input, outputs: [out, path.join(dir, 'o.xlsx')] };
      },
      usage,
    ),
    outputCase(
      'output folder missing',
      (dir, input) => {
        const out = path.join(dir, 'o.xlsx');
        return { args: ['score', input, '--out', out, '--json', path.join(dir, 'missing', 'o.json')], input, outputs: [out] };
      },
      failed,
    ),
    outputCase(
      'output under a file',
      (dir, input) => {
        const out = path.join(dir, 'o.xlsx');
        return { args: ['score', input, '--out', out, '--report', path.join(input, 'r.docx')], input, outputs: [out] };
      },
      failed,
    ),
    outputCase(
      'output is a folder',
      (dir, input) => {
        mkdirSync(path.join(dir, 'folder.xlsx'));
        return { args: ['score', input, '--out', path.join(dir, 'folder.xlsx')], input, outputs: [] };
      },
      failed,
    ),
    outputCase(
      'output name too long',
      (dir, input) => {
        const out = path.join(dir, 'o.xlsx');
        return { args: ['score', input, '--out', out, '--json', path.join(dir, `${'长'.repeat(200)}.json`)], input, outputs: [out] };
      },
      failed,
    ),
    outputCase(
      'disk full',
      (dir, input) => {
        const small = path.join(dir, 'small');
        mkdirSync(small);
        const out = path.join(small, 'o.xlsx');
        try {
          execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', small], { stdio: 'ignore' });
        } catch {
          // no right to mount here: a 4 KB limit on the size of any file the run writes fails the write the same way
          return { args: ['score', input, '--out', out], input, outputs: [out], fileSizeLimit: 4096 };
        }
        return { args: ['score', input, '--out', out], input, outputs: [out], cleanup: () => execFileSync('umount', [small]) };
      },
      failed,
    ),
  ];
}

// ── inputs that are not regular files ──

export function specialInputCases(): FuzzCase[] {
  const refused: Outcome[] = ['refused'];
  // A folder is a batch (the summary of every .xlsx in it), which takes no --out: scored alone, an empty one is refused.
  const special = (id: string, make: (dir: string) => string, batch = false): FuzzCase => ({
    id,
    family: 'special',
    expect: refused,
    prepare: async (dir) => {
      const input = make(dir);
      const out = path.join(dir, 'o.xlsx');
      return batch ? { args: ['score', input], outputs: [] } : { args: ['score', input, '--out', out], outputs: [out] };
    },
  });
  return [
    special('a FIFO as input', (dir) => {
      const fifo = path.join(dir, 'pipe.xlsx');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }),
    special('/dev/zero as input', () => '/dev/zero'),
    special(
      'an empty folder as input',
      (dir) => {
        mkdirSync(path.join(dir, 'folder.xlsx'));
        return path.join(dir, 'folder.xlsx');
      },
      true,
    ),
    special('a missing file', (dir) => path.join(dir, 'missing.xlsx')),
    special('a symbolic link loop', (dir) => {
      symlinkSync(path.join(dir, 'b.xlsx'), path.join(dir, 'a.xlsx'));
      symlinkSync(path.join(dir, 'a.xlsx'), path.join(dir, 'b.xlsx'));
      return path.join(dir, 'a.xlsx');
    }),
  ];
}

/** Every fixed case and `damage` seeded random ones. */
export function allCases(seed: number, damage: number): FuzzCase[] {
  return [
    ...renamedCases(),
    ...zipCases(),
    ...xmlCases(),
    ...numberCases(),
    ...outputCases(),
    ...specialInputCases(),
    ...damagedPartCases(seed, Math.max(4, Math.round(damage / 5))),
    ...damageCases(seed, damage),
  ];
}
