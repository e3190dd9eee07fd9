/**
 * Sheet XML that is unusual or wrong, yet read by the reader (or handed to the patcher directly):
 * the scored copy must still be well-formed, hold each row and cell once, in order, and show the
 * written values exactly where the reader showed the table (issue 15, defects 3 and 7).
 */
import { a1 } from '../../../src/engine/address';
import type { Grid } from '../../../src/engine/grid';
import type { CellWrite } from '../../../src/engine/write-plan';
import { applyPlanToXlsx, readWorkbookGrids, XlsxInputError } from '../../../src/xlsx/file';
import { patchSheet } from '../../../src/xlsx/patch/sheet';
import { seededRandom, type Random } from '../../fuzz/random';
import { Collector, parseXml, patched, rowsAndCells, sheetDataFaults, sheetXmlOf, workbookWithSheetData, write } from './sheet-helpers';

/** Every cell's value by address. */
function valuesOf(grid: Grid): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  grid.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell) values[a1(grid.top + r, grid.left + c)] = cell.value;
    }),
  );
  return values;
}

/**
 * Writes into a workbook whose sheet has `sheetData`, and reloads the copy: it must be
 * well-formed and ordered, and show exactly what the reader showed, with the writes applied.
 */
async function expectWritesLandWhereTheReaderSaw(sheetData: string, writes: CellWrite[], dimension?: string, input?: Uint8Array): Promise<string> {
  input ??= await workbookWithSheetData(sheetData, dimension);
  const before = (await readWorkbookGrids(input))[0];
  const output = await applyPlanToXlsx(input, { sheet: '表', writes, kept: [] });
  const xml = await sheetXmlOf(output);
  expect(patcherFaults(xml, writes)).toEqual([]);
  const expected = valuesOf(before);
  for (const w of writes) expected[w.address] = w.value;
  expect(valuesOf((await readWorkbookGrids(output))[0])).toEqual(expected);
  return xml;
}

function rowOf(address: string): number {
  return Number(/\d+$/.exec(address)?.[0]);
}

/**
 * The faults of a patched sheet that are the patcher's: any in the rows, and any in the cells of
 * the rows it wrote. A cell whose r names another row ("A9" in row 6) is the input's own fault,
 * read (and left) where it stands.
 */
function patcherFaults(xml: string, writes: CellWrite[]): string[] {
  const written = new Set(writes.map((w) => rowOf(w.address)));
  return sheetDataFaults(xml, (row) => written.has(row)).filter((fault) => !/^cell r="[A-Z]+\d+" in row/.test(fault));
}

function rowNumbers(xml: string): (string | null)[] {
  return rowsAndCells(xml).map((row) => row.r);
}

describe('rows whose r is not a positive whole number', () => {
  test('r="0" and r="-5": never a second r; the reader hides them, and so does the copy', async () => {
    const sheetData =
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="0"><c r="A0"><v>99</v></c></row>' +
      '<row r="2"><c r="A2"><v>2</v></c></row><row r="-5" spans="1:2"><c r="B2"><v>98</v></c></row>' +
      '<row r="3"><c r="A3"><v>3</v></c></row></sheetData>';
    const writes = [write('B1', 10), write('B2', 20), write('B3', 30)];
    expect(() => parseXml(patched(sheetData, writes))).not.toThrow();
    const xml = await expectWritesLandWhereTheReaderSaw(sheetData, writes);
    expect(rowNumbers(xml)).toEqual(['1', '2', '3']);
  });

  test('r="abc", r="" (which the reader refuses) are numbered as rows without r: the one before + 1', () => {
    const out = patched('<sheetData><row r="2"><c r="A2"/></row><row r="abc"><c r="A3"/></row><row r=""><c r="A4"/></row></sheetData>', [
      write('B3', 1),
      write('B4', 2),
    ]);
    expect(sheetDataFaults(out)).toEqual([]);
    expect(rowNumbers(out)).toEqual(['2', '3', '4']);
    expect(out).toContain('<c r="B3"><v>1</v></c>');
    expect(out).toContain('<c r="B4"><v>2</v></c>');
  });

  test('r="04", r="+5", r=" 6", r="7.5" are rows 4, 5, 6 and 7, as the reader reads them, written plainly', async () => {
    const sheetData =
      '<sheetData><row r="04"><c r="A4"><v>4</v></c></row><row r="+5"><c r="A5"><v>5</v></c></row>' +
      '<row r=" 6"><c r="A6"><v>6</v></c></row><row r="7.5"><c r="A7"><v>7</v></c></row></sheetData>';
    const writes = [write('B4', 1), write('B5', 2), write('B7', 3)];
    expect(sheetDataFaults(patched(sheetData, writes))).toEqual([]);
    const xml = await expectWritesLandWhereTheReaderSaw(sheetData, writes);
    expect(rowNumbers(xml)).toEqual(['4', '5', '6', '7']);
  });
});

describe('rows out of order or repeated', () => {
  test('rows out of order come out in ascending order, each once, written where the reader saw them', async () => {
    const sheetData =
      '<sheetData><row r="15"><c r="A15"><v>15</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>' +
      '<row r="9" spans="1:1"><c r="A9"><v>9</v></c></row></sheetData>';
    const writes = [write('B3', 1), write('B9', 2), write('B10', 3), write('B15', 4)];
    const xml = await expectWritesLandWhereTheReaderSaw(sheetData, writes);
    expect(rowNumbers(xml)).toEqual(['3', '9', '10', '15']);
  });

  test('a repeated row number gives one row: the last, which is the one the reader shows', async () => {
    const sheetData =
      '<sheetData><row r="14"><c r="A14"><v>14</v></c></row><row r="15"><c r="A15"><v>1</v></c><c r="C15"><v>3</v></c></row>' +
      '<row r="15"><c r="B15"><v>2</v></c></row></sheetData>';
    const writes = [write('D15', 9), write('D14', 8)];
    expect(rowNumbers(patched(sheetData, writes))).toEqual(['14', '15']);
    const xml = await expectWritesLandWhereTheReaderSaw(sheetData, writes);
    expect(rowNumbers(xml)).toEqual(['14', '15']);
  });

  test('a row without r after a higher row repeats nothing', () => {
    const out = patched('<sheetData><row r="5"><c r="A5"/></row><row r="3"><c r="A3"/></row><row><c r="A4"/></row></sheetData>', [write('B4', 1)]);
    expect(sheetDataFaults(out)).toEqual([]);
    expect(rowNumbers(out)).toEqual(['3', '4', '5']);
  });

  test('rows in order keep their bytes, apart from the written cells', () => {
    const rows = '<row r="1" spans="1:3"><c r="A1"><v>1</v></c></row>\n<row r="3"><c r="A3"><v>3</v></c></row>';
    const out = patched(`<sheetData>${rows}</sheetData>`, [write('B3', 2)]);
    expect(out).toContain(
      '<sheetData><row r="1" spans="1:3"><c r="A1"><v>1</v></c></row>\n<row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>2</v></c></row></sheetData>',
    );
  });
});

describe('cells whose r is unusual', () => {
  test('cells out of column order and a repeated cell: one cell each, in order, the written value shown', async () => {
    const sheetData = '<sheetData><row r="2"><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c><c r="C2"><v>4</v></c><c r="E2"><v>5</v></c></row></sheetData>';
    const writes = [write('A2', 'x'), write('B2', 5), write('C2', 7)];
    const xml = await expectWritesLandWhereTheReaderSaw(sheetData, writes);
    expect(rowsAndCells(xml)[0].cells).toEqual(['A2', 'B2', 'C2', 'E2']);
  });

  test('r="" and r="$A$5" are read as the reader reads them, and never get a second r', async () => {
    const sheetData =
      '<sheetData><row r="4"><c r="B4"><v>1</v></c><c r=""><v>2</v></c></row><row r="5"><c r="$A$5"><v>1</v></c><c r="$C$5"><v>3</v></c></row></sheetData>';
    const writes = [write('D4', 9), write('B5', 8)];
    const xml = await expectWritesLandWhereTheReaderSaw(sheetData, writes);
    expect(rowsAndCells(xml).map((row) => row.cells)).toEqual([
      ['B4', 'C4', 'D4'],
      ['A5', 'B5', 'C5'],
    ]);
  });

  test('r="foo" (which the reader refuses) is numbered as a cell without r, never given a second r', () => {
    const out = patched('<sheetData><row r="2"><c r="A2"/><c r="foo"><v>1</v></c></row></sheetData>', [write('C2', 3)]);
    expect(sheetDataFaults(out)).toEqual([]);
    expect(rowsAndCells(out)[0].cells).toEqual(['A2', 'B2', 'C2']);
  });

  test('a cell whose r names another row is written in the row it stands in', () => {
    const out = patched('<sheetData><row r="2"><c r="A7"><v>1</v></c></row></sheetData>', [write('A2', 3)]);
    expect(sheetDataFaults(out)).toEqual([]);
    expect(out).toContain('<row r="2"><c r="A2"><v>3</v></c></row>');
  });
});

describe('other sheet shapes that must stay valid', () => {
  test('a self-closing row is opened for its new cells, its spans widened', () => {
    const out = patched('<sheetData><row r="3" spans="1:2" ht="20" customHeight="1"/></sheetData>', [write('E3', 1)]);
    expect(out).toContain('<row r="3" spans="1:5" ht="20" customHeight="1"><c r="E3"><v>1</v></c></row>');
    expect(sheetDataFaults(out)).toEqual([]);
  });

  test('a cell without r after cells with r is pinned in place before a new cell', () => {
    const out = patched('<sheetData><row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row></sheetData>', [write('D2', 3)]);
    expect(rowsAndCells(out)[0].cells).toEqual(['B2', 'C2', 'D2']);
    expect(sheetDataFaults(out)).toEqual([]);
  });

  test('a row whose r is not its first attribute, in single quotes', () => {
    const out = patched("<sheetData><row spans='1:2' r='2'><c r='A2'/></row><row r='4'/></sheetData>", [write('B2', 1), write('A3', 2), write('A4', 3)]);
    expect(sheetDataFaults(out)).toEqual([]);
    expect(rowNumbers(out)).toEqual(['2', '3', '4']);
  });

  test.each(['abc', '', '3:1', '1:99999'])('spans="%s", which cannot be read, is dropped rather than written as NaN', (spans) => {
    const out = patched(`<sheetData><row r="1" spans="${spans}" ht="20"><c r="A1"/></row><row r='2' spans='${spans}'/></sheetData>`, [
      write('G1', 1),
      write('G2', 2),
    ]);
    expect(out).toContain('<row r="1" ht="20"><c r="A1"/><c r="G1"><v>1</v></c></row>');
    expect(out).toContain('<row r=\'2\'><c r="G2"><v>2</v></c></row>');
  });

  test('several spans are widened to one that takes in the written column', () => {
    const out = patched('<sheetData><row r="1" spans="1:2 4:5"><c r="A1"/></row></sheetData>', [write('G1', 1)]);
    expect(out).toContain('<row r="1" spans="1:7">');
  });
});

describe('<dimension>', () => {
  test.each([
    ['foo', 'C3:D4'],
    ['', 'C3:D4'],
    ['D9:A1', 'A1:D9'],
    ['A1:foo', 'A1:D4'],
    ['A1:XFE9', 'A1:D4'],
    ['$B$2:$C$3', 'B2:D4'],
  ])('ref="%s" becomes "%s": what can be read of it, widened to the written cells', (ref, expected) => {
    const out = patched('<sheetData><row r="2"><c r="B2"/></row></sheetData>', [write('D4', 1), write('C3', 1)], `<dimension ref="${ref}"/>`);
    expect(out).toContain(`<dimension ref="${expected}"/>`);
  });

  test('a single written cell in an empty sheet gives a single-cell dimension', () => {
    expect(patched('<sheetData/>', [write('B2', 1)], '<dimension ref="A1"/>')).toContain('<dimension ref="A1:B2"/>');
    expect(patched('<sheetData/>', [write('B2', 1)], '<dimension ref="junk"/>')).toContain('<dimension ref="B2"/>');
  });

  test('a garbage ref and nothing written: the optional element is dropped rather than left wrong', () => {
    const out = patched('<sheetData><row r="2"><c r="B2"/></row></sheetData>', [], '<dimension ref="foo"/>');
    expect(out).not.toContain('<dimension');
    expect(() => parseXml(out)).not.toThrow();
  });

  test('end to end: a garbage dimension does not stop the scored copy', async () => {
    const xml = await expectWritesLandWhereTheReaderSaw(
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
      [write('B2', 2)],
      '<dimension ref="foo"/>',
    );
    expect(xml).toContain('<dimension ref="B2"/>');
  });
});

describe('values and cells that cannot be written', () => {
  function patchError(writes: CellWrite[]): unknown {
    try {
      patchSheet(Buffer.from('<worksheet><sheetData/></worksheet>'), writes, undefined, new Collector());
    } catch (error) {
      return error;
    }
    return undefined;
  }

  test.each([Infinity, -Infinity, NaN])('%p: a one-line message naming the cell, Chinese then English', (value) => {
    const error = patchError([write('C7', 1), write('H15', value)]);
    expect(error).toBeInstanceOf(XlsxInputError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/^[^/]*[\u4e00-\u9fff][^/]*H15[^/]* \/ [A-Z][^\u4e00-\u9fff]*H15/);
  });

  test.each(['XFE1', 'A1048577', 'A0'])('%s, beyond the sheet: refused with a message naming it', (address) => {
    const error = patchError([write(address, 1)]);
    expect(error).toBeInstanceOf(XlsxInputError);
    expect((error as Error).message).toContain(address);
  });

  test('end to end: Infinity makes applyPlanToXlsx fail with the message, never "cannot write"', async () => {
    const input = await workbookWithSheetData('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');
    await expect(applyPlanToXlsx(input, { sheet: '表', writes: [write('B1', Infinity)], kept: [] })).rejects.toThrow(/B1.* \/ .*B1/);
  });
});

describe('seeded mixtures of all of the above', () => {
  const COLUMNS = ['A', 'B', 'C', 'D', 'E', 'F'];

  /** Rows out of order, repeated, numbered oddly; cells out of order, repeated, with odd r. */
  function hostileSheetData(random: Random): string {
    const rows: string[] = [];
    for (let i = random.below(8); i >= 0; i--) {
      const number = random.next() < 0.8 ? String(1 + random.below(9)) : random.pick(['0', '-5', '04', '+3', '7.5']);
      const cells: string[] = [];
      for (let j = random.below(5); j > 0; j--) {
        const column = random.pick(COLUMNS);
        const r = random.pick([`${column}${number}`, `${column}${number}`, `$${column}$${number}`, `${column}9`, ...(cells.length ? [''] : [])]);
        cells.push(`<c r="${r}"><v>${random.below(100)}</v></c>`);
      }
      const spans = random.next() < 0.5 ? ' spans="1:3"' : '';
      rows.push(cells.length || random.next() < 0.5 ? `<row r="${number}"${spans}>${cells.join('')}</row>` : `<row r="${number}"${spans}/>`);
    }
    return `<sheetData>${rows.join('')}</sheetData>`;
  }

  function someWrites(random: Random): CellWrite[] {
    return Array.from({ length: 1 + random.below(6) }, () =>
      write(`${random.pick([...COLUMNS, 'G'])}${1 + random.below(11)}`, random.next() < 0.5 ? random.below(100) : `文字${random.below(9)}`),
    );
  }

  test('patchSheet: well-formed, rows once each in order, every written cell once in its own row', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const sheetData = hostileSheetData(random);
      const writes = someWrites(random);
      const out = patched(sheetData, writes, random.pick(['<dimension ref="A1:C3"/>', '<dimension ref="foo"/>', '']));
      const context = `seed ${seed}: ${sheetData}`;
      expect([context, patcherFaults(out, writes)]).toEqual([context, []]);
      const rows = rowsAndCells(out);
      for (const w of writes) {
        const row = rows.find((r) => r.r === String(rowOf(w.address)));
        expect([context, w.address, row?.cells.filter((r) => r === w.address).length]).toEqual([context, w.address, 1]);
      }
    }
  });

  test('end to end: the copy shows what the reader saw, with the writes', async () => {
    let checked = 0;
    for (let seed = 1; checked < 12 && seed < 200; seed++) {
      const random = seededRandom(seed);
      const sheetData = hostileSheetData(random);
      const writes = someWrites(random);
      const input = await workbookWithSheetData(sheetData);
      // the reader refuses some mixtures (an r it cannot read): those are no case here
      if (
        !(await readWorkbookGrids(input).then(
          () => true,
          () => false,
        ))
      )
        continue;
      checked++;
      await expectWritesLandWhereTheReaderSaw(sheetData, writes, undefined, input);
    }
    expect(checked).toBe(12);
  });
});
