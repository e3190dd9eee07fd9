import { inflateRawSync, crc32 } from 'node:zlib';
import { Workbook } from 'exceljs';
import { PieceDeflater } from '../../../src/xlsx/zip/deflate';
import { readWorkbookGrids, worksheetToGrid } from '../../../src/xlsx/read';
import { patchSheet } from '../../../src/xlsx/patch/sheet';
import { StyleBook } from '../../../src/xlsx/patch/styles';
import { sortWrites } from '../../../src/xlsx/patch/write-order';
import { Collector, patched, write } from './sheet-helpers';

describe('sortWrites', () => {
  test('sheet order, one write per cell, the later write winning', () => {
    const sorted = sortWrites([write('C2', 1), write('A10', 2), write('B2', 3), write('$C$2', 4), write('b1', 5), write('AA1', 6)]);
    const cells = Array.from({ length: sorted.count }, (_, i) => [sorted.rows[i], sorted.cols[i], sorted.writes[i].value]);
    expect(cells).toEqual([
      [1, 2, 5],
      [1, 27, 6],
      [2, 2, 3],
      [2, 3, 4],
      [10, 1, 2],
    ]);
  });

  test('cells beyond the packed keys take the comparator path, in the same order', () => {
    const sorted = sortWrites([write('B3000000', 1), write('A3000000', 2), write('A1', 3), write('A3000000', 4)]);
    expect(Array.from(sorted.rows.subarray(0, sorted.count))).toEqual([1, 3000000, 3000000]);
    expect(Array.from(sorted.cols.subarray(0, sorted.count))).toEqual([1, 1, 2]);
    expect(sorted.writes.map((w) => w.value)).toEqual([3, 4, 1]);
  });

  test('an address that is no address is an error', () => {
    expect(() => sortWrites([write('A-1', 1)])).toThrow('Not an A1 address');
  });
});

describe('patchSheet', () => {
  test('writes into, between and after existing cells and rows; widens spans and dimension', () => {
    const out = patched('<sheetData><row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>5</v></c></row><row r="3"><c r="B3"/></row></sheetData>', [
      write('B1', 1.5),
      write('D1', '新'),
      write('B3', 'x&y'),
      write('A2', 2),
      write('E5', 3),
    ]);
    expect(out).toContain(
      '<sheetData><row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c><c r="C1"><v>5</v></c>' +
        '<c r="D1" t="inlineStr"><is><t xml:space="preserve">新</t></is></c></row>' +
        '<row r="2"><c r="A2"><v>2</v></c></row>' +
        '<row r="3"><c r="B3" t="inlineStr"><is><t xml:space="preserve">x&amp;y</t></is></c></row>' +
        '<row r="5"><c r="E5"><v>3</v></c></row></sheetData>',
    );
    expect(out).toContain('<dimension ref="A1:E5"/>');
    expect(out.endsWith('<pageMargins left="0.7"/></worksheet>')).toBe(true);
  });

  test('a formula cell is left alone; rows and cells without r are pinned', () => {
    const out = patched("<sheetData><row><c><v>1</v></c><c><f>A1</f><v>1</v></c></row><row spans='1:1'><c/></row></sheetData>", [
      write('B1', 9),
      write('C2', 7),
    ]);
    expect(out).toContain(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1</f><v>1</v></c></row>' + '<row r="2" spans="1:3"><c r="A2"/><c r="C2"><v>7</v></c></row>',
    );
  });

  test('an empty <sheetData/> gets its rows', () => {
    expect(patched('<sheetData/>', [write('A1', 1)], '')).toBe(
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><pageMargins left="0.7"/></worksheet>',
    );
  });

  test('text is written as UTF-8 among Latin-1-read bytes, and untouched bytes stay as they were', () => {
    const sheetData = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>已有中文 é</t></is></c></row></sheetData>';
    const out = patched(sheetData, [write('B1', '得分说明 ü')]);
    expect(out).toContain('<c r="A1" t="inlineStr"><is><t>已有中文 é</t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">得分说明 ü</t></is></c>');
  });

  test('new cells take the style of a custom-formatted row, else of their column; fills make new xfs', () => {
    const styles = new StyleBook(
      '<styleSheet><fills count="2"><fill/><fill/></fills><cellXfs count="3"><xf numFmtId="0" fillId="0"/><xf numFmtId="0" fillId="0"/><xf numFmtId="0" fillId="0"/></cellXfs></styleSheet>',
    );
    const xml = '<worksheet><cols><col min="2" max="2" style="2"/></cols><sheetData><row r="1" s="1" customFormat="1"/></sheetData></worksheet>';
    const sink = new Collector();
    patchSheet(Buffer.from(xml), [write('A1', 1), write('B2', 2), write('C2', 3, { fill: 'green' })], styles, sink);
    expect(sink.text()).toContain(
      '<row r="1" s="1" customFormat="1"><c r="A1" s="1"><v>1</v></c></row><row r="2"><c r="B2" s="2"><v>2</v></c><c r="C2" s="3"><v>3</v></c></row>',
    );
    expect(styles.toXml()).toContain('<fills count="3">');
  });

  test('a large sheet is handed on in several pieces, the head (with <dimension>) first', () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `<row r="${i + 1}" spans="1:2"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const xml = `<worksheet><dimension ref="A1:A20000"/><sheetData>${rows}</sheetData></worksheet>`;
    const writes = Array.from({ length: 20000 }, (_, i) => write(`C${i + 1}`, i % 7, { fill: 'green' }));
    const sink = new Collector();
    patchSheet(Buffer.from(xml), writes, undefined, sink);
    expect(sink.pieces.length).toBeGreaterThan(3);
    expect(sink.pieces[0]?.toString()).toBe('<worksheet><dimension ref="A1:C20000"/>');
    const text = sink.text();
    expect(text.endsWith(`<row r="20000" spans="1:3"><c r="A20000"><v>19999</v></c><c r="C20000"><v>${19999 % 7}</v></c></row></sheetData></worksheet>`)).toBe(
      true,
    );
    expect(text.match(/<row /g)?.length).toBe(20000);
  });
});

describe('PieceDeflater', () => {
  test('pieces deflated apart, and one reserved ahead, make one stream with the right checksum', async () => {
    const deflater = new PieceDeflater();
    const head = deflater.reserve();
    const parts = [Buffer.from('一'.repeat(100000)), Buffer.from('b'.repeat(300000)), Buffer.from('tail')];
    for (const part of parts) deflater.add(part);
    deflater.fill(head, Buffer.from('<head>'));
    const result = await deflater.finish();
    const whole = Buffer.concat([Buffer.from('<head>'), ...parts]);
    expect(inflateRawSync(result.data).equals(whole)).toBe(true);
    expect(result.size).toBe(whole.length);
    expect(result.crc).toBe(crc32(whole));
  });
});

describe('worksheetToGrid', () => {
  test('gives the same Grid through the public row and cell walk as through exceljs internals', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('表');
    sheet.getCell('B2').value = '标题';
    sheet.getCell('D3').value = 0.5;
    sheet.getCell('D3').numFmt = '0%';
    sheet.getCell('C5').value = { formula: 'D3*2', result: 1 };
    sheet.mergeCells('B2:C2');
    const direct = worksheetToGrid(sheet, false);
    // a sheet without `_rows`, as a future exceljs might have: the public walk is used instead
    const hidden = new Proxy(sheet, {
      get: (target, key) => {
        if (key === '_rows') return undefined;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(worksheetToGrid(hidden, false)).toEqual(direct);
    expect(direct.top).toBe(2);
    expect(direct.left).toBe(2);
    expect(direct.cells[1][2]).toEqual({ value: 0.5, text: '50%', format: '0%' });
    expect((await readWorkbookGrids(new Uint8Array(await workbook.xlsx.writeBuffer())))[0]).toEqual(direct);
  });
});
