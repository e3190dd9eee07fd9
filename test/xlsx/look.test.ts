/**
 * Issue 9: the .xlsx patcher applies the look the write plan asks for (CellStyle.like and wrap,
 * format-only cells, column widths, a print area that takes in the added cells), and changes
 * nothing else: the user's other cells keep their values and styles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { WritePlan } from '../../src/engine/write-plan';
import { applyPlanToXlsx, readWorkbookGrids } from '../../src/xlsx/file';
import { columnsPixelWidth, fitAddedColumnsOnPage, printablePixels } from '../../src/xlsx/page-fit';
import { withPrintAreaTaking } from '../../src/xlsx/print-area';
import { patchSheet } from '../../src/xlsx/patch/sheet';
import { StyleBook } from '../../src/xlsx/patch/styles';
import { Collector, write } from './patch/sheet-helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

const STYLES =
  '<styleSheet><fonts count="2"><font/><font><b/></font></fonts><fills count="2"><fill/><fill/></fills>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="1"><alignment horizontal="center"/></xf></cellXfs></styleSheet>';

function patch(xml: string, plan: Pick<WritePlan, 'writes' | 'formats' | 'columnWidths'>, styles = new StyleBook(STYLES)): { sheet: string; styles: string } {
  const sink = new Collector();
  patchSheet(Buffer.from(xml), plan.writes, styles, sink, { formats: plan.formats, columnWidths: plan.columnWidths });
  return { sheet: sink.text(), styles: styles.toXml() };
}

/** The xf at index `id` of a styles part. */
const xfAt = (stylesXml: string, id: number) => [...stylesXml.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0])[id];
const styleOf = (sheetXml: string, ref: string) => Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheetXml)?.[1] ?? 0);

describe('a written cell looks like the form cell it names', () => {
  const xml =
    '<worksheet><sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>偏差原因</t></is></c></row>' +
    '<row r="2"><c r="A2" s="2"><v>5</v></c></row></sheetData></worksheet>';

  test('a header takes the bold, bordered xf of its neighbour, with wrapText added', () => {
    const out = patch(xml, { writes: [write('B1', '偏差标记', { role: 'header', style: { like: 'A1', wrap: true } })] });
    const s = styleOf(out.sheet, 'B1');
    expect(s).toBeGreaterThanOrEqual(3); // a new xf, appended
    expect(xfAt(out.styles, s)).toBe('<xf numFmtId="0" fontId="1" fillId="0" borderId="1" applyFont="1" applyAlignment="1"><alignment wrapText="1"/></xf>');
    // the xf cloned from stays as it was
    expect(xfAt(out.styles, 1)).toBe('<xf numFmtId="0" fontId="1" fillId="0" borderId="1" applyFont="1"/>');
  });

  test('an xf with an alignment keeps it and gains wrapText; fill and number format come on top', () => {
    const out = patch(xml, { writes: [write('B2', 0.5, { role: 'funds-rate', fill: 'amber', numberFormat: '0.00%', style: { like: 'A2', wrap: true } })] });
    const xf = xfAt(out.styles, styleOf(out.sheet, 'B2'));
    expect(xf).toContain('<alignment horizontal="center" wrapText="1"/>');
    expect(xf).toContain('numFmtId="10"');
    expect(xf).toContain('borderId="1"');
    expect(xf).toMatch(/fillId="2"/);
  });

  test('format-only cells are written empty with the look; one that holds a value is left alone', () => {
    const out = patch(xml, {
      writes: [],
      formats: [
        { address: 'B2', style: { like: 'A2' } },
        { address: 'A2', style: { like: 'A1' } },
        { address: 'C3', style: { like: 'A2', wrap: true } },
      ],
    });
    expect(out.sheet).toContain('<c r="A2" s="2"><v>5</v></c><c r="B2" s="2"/>');
    expect(out.sheet).toMatch(/<row r="3"><c r="C3" s="\d+"\/><\/row>/);
    expect(xfAt(out.styles, styleOf(out.sheet, 'C3'))).toContain('wrapText="1"');
  });

  test("a like cell the sheet does not have gives the column's style", () => {
    const sheet = '<worksheet><cols><col min="4" max="4" style="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>';
    const out = patch(sheet, { writes: [write('E1', 'x', { style: { like: 'D1' } })] });
    expect(styleOf(out.sheet, 'E1')).toBe(1);
  });
});

describe('column widths for the added columns', () => {
  test('a <cols> range holding the column is split around it, its other attributes kept; a wider column stays', () => {
    const xml =
      '<worksheet><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="5" width="9" style="2" customWidth="1"/><col min="7" max="7" width="60" customWidth="1"/></cols><sheetData/></worksheet>';
    const out = patch(xml, {
      writes: [],
      columnWidths: [
        { col: 3, width: 24 },
        { col: 7, width: 20 },
        { col: 9, width: 8 },
      ],
    });
    expect(out.sheet).toContain(
      '<cols><col min="1" max="2" width="9" style="2" customWidth="1"/><col min="3" max="3" width="24" style="2" customWidth="1"/>' +
        '<col min="4" max="5" width="9" style="2" customWidth="1"/><col min="7" max="7" width="60" customWidth="1"/>' +
        '<col min="9" max="9" width="8" customWidth="1"/></cols>',
    );
  });

  test('a sheet without <cols> gets one right before <sheetData>', () => {
    const out = patch('<worksheet><sheetFormatPr defaultRowHeight="15"/><sheetData/></worksheet>', { writes: [], columnWidths: [{ col: 11, width: 24 }] });
    expect(out.sheet).toContain('<sheetFormatPr defaultRowHeight="15"/><cols><col min="11" max="11" width="24" customWidth="1"/></cols><sheetData');
  });
});

describe('the print area takes in the added cells', () => {
  const workbook = (names: string) =>
    `<workbook><sheets><sheet name="封面" sheetId="1" r:id="rId1"/><sheet name="自评表" sheetId="2" r:id="rId2"/></sheets><definedNames>${names}</definedNames><calcPr calcId="1"/></workbook>`;

  test("the sheet's own print area is widened; another sheet's is not", () => {
    const xml = workbook(
      '<definedName name="_xlnm.Print_Area" localSheetId="0">封面!$A$1:$C$9</definedName><definedName name="_xlnm.Print_Area" localSheetId="1">自评表!$A$1:$J$22</definedName>',
    );
    const out = withPrintAreaTaking(xml, 1, 'A12:K22');
    expect(out).toContain('<definedName name="_xlnm.Print_Area" localSheetId="1">自评表!$A$1:$K$22</definedName>');
    expect(out).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">封面!$A$1:$C$9</definedName>');
  });

  test('quoted sheet names (escaped in XML) survive; a sheet without a print area gets none', () => {
    const xml = workbook('<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;自评表&apos;!$A$1:$J$22</definedName>');
    expect(withPrintAreaTaking(xml, 1, 'A5:L30')).toContain('>&apos;自评表&apos;!$A$1:$L$30</definedName>');
    expect(withPrintAreaTaking(workbook(''), 1, 'A5:L30')).toBe(workbook(''));
  });
});

describe('the seed example scored: the added cells look like the form, nothing else changes', () => {
  const file = path.join(EXAMPLES, '示例-专项资金自评表.xlsx');

  test('偏差标记 header bold and bordered like its neighbour; flags wrap; the column fits; other cells as they were', async () => {
    const original = readFileSync(file);
    const [grid] = await readWorkbookGrids(original);
    const outcome = evaluateGrid(grid);
    if (!outcome.ok) throw new Error(outcome.message);
    const flagHeader = outcome.plan.writes.find((w) => w.value === '偏差标记');
    expect(flagHeader?.address).toBe('K12');
    const scored = await applyPlanToXlsx(original, outcome.plan);

    const before = new Workbook();
    await before.xlsx.load(original as unknown as ArrayBuffer);
    const after = new Workbook();
    await after.xlsx.load(Buffer.from(scored) as unknown as ArrayBuffer);
    const [b, a] = [before.worksheets[0], after.worksheets[0]];

    const like = b.getCell(flagHeader?.style?.like as string);
    expect(like.font?.bold).toBe(true);
    expect(a.getCell('K12').font?.bold).toBe(true);
    expect(a.getCell('K12').border).toEqual(like.border);
    expect(a.getCell('K12').alignment?.wrapText).toBe(true);
    for (const row of [13, 21]) {
      expect(a.getCell(`K${row}`).alignment?.wrapText).toBe(true);
      expect(a.getCell(`K${row}`).border).toEqual(b.getCell(`I${row}`).border);
    }
    expect(a.getCell('K22').value).toBe('等级：优');
    expect(a.getCell('I22').value).toBe(b.getCell('I22').value);
    const width = outcome.plan.columnWidths?.find((c) => c.col === 11)?.width;
    expect(a.getColumn(11).width).toBe(width);

    const planned = new Set([...outcome.plan.writes.map((w) => w.address), ...(outcome.plan.formats ?? []).map((f) => f.address)]);
    b.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const address = cell.address;
        if (planned.has(address)) return;
        const other = a.getCell(r, c);
        expect([address, other.value, other.style]).toEqual([address, cell.value, cell.style]);
      });
    });
    for (let col = 1; col <= 10; col++) expect(a.getColumn(col).width).toBe(b.getColumn(col).width);
  });
});

describe("the added columns print on the table's page", () => {
  const tail =
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="portrait" scale="100" fitToWidth="1" fitToHeight="1"/></worksheet>';
  const head = (cols = '') => `<worksheet><dimension ref="A1:D9"/><sheetFormatPr defaultRowHeight="15"/>${cols}`;

  test('a table that fits one A4 page wide, pushed past it by the added columns, is set to print one page wide', () => {
    const withAdded = head('<cols><col min="5" max="5" width="40" customWidth="1"/><col min="6" max="6" width="40" customWidth="1"/></cols>');
    expect(printablePixels(tail)).toBeCloseTo((595.3 - 100.8) / 0.75, 1);
    expect(columnsPixelWidth(withAdded, 1, 4)).toBeLessThan(printablePixels(tail));
    expect(columnsPixelWidth(withAdded, 1, 6)).toBeGreaterThan(printablePixels(tail));
    const out = fitAddedColumnsOnPage(withAdded, tail, 1, 4, 6);
    expect(out.head).toBe(`<worksheet><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${withAdded.slice('<worksheet>'.length)}`);
    // as many pages tall as the table needs: a long table is not squeezed onto one page
    expect(out.tail).toContain('<pageSetup orientation="portrait" scale="100" fitToWidth="1" fitToHeight="0"/>');
  });

  test('left as the unit set it: a table already wider than a page, a sheet already fitted, added columns that still fit', () => {
    const wideTable = head('<cols><col min="1" max="4" width="40" customWidth="1"/></cols>');
    expect(fitAddedColumnsOnPage(wideTable, tail, 1, 4, 5)).toEqual({ head: wideTable, tail });
    const fitted = `<worksheet><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${head('<cols><col min="5" max="6" width="60"/></cols>').slice('<worksheet>'.length)}`;
    expect(fitAddedColumnsOnPage(fitted, tail, 1, 4, 6)).toEqual({ head: fitted, tail });
    const narrow = head('<cols><col min="5" max="5" width="8" customWidth="1"/></cols>');
    expect(fitAddedColumnsOnPage(narrow, tail, 1, 4, 5)).toEqual({ head: narrow, tail });
  });

  test('an existing <sheetPr> keeps its children, the new one last; a sheet without <pageSetup> gets one after its margins', () => {
    const withPr =
      '<worksheet><sheetPr><tabColor rgb="FFFF0000"/></sheetPr><sheetFormatPr defaultRowHeight="15"/><cols><col min="5" max="5" width="90"/></cols>';
    const bare = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><headerFooter/></worksheet>';
    const out = fitAddedColumnsOnPage(withPr, bare, 1, 4, 5);
    expect(out.head).toContain('<sheetPr><tabColor rgb="FFFF0000"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(out.tail).toBe(
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup fitToWidth="1" fitToHeight="0"/><headerFooter/></worksheet>',
    );
  });

  test('on the no-weights example the scored copy prints one page wide; on the seed, wider than a page already, it is left alone', async () => {
    for (const [file, fits] of [
      ['无分值-农村公路养护.xlsx', true],
      ['示例-专项资金自评表.xlsx', false],
    ] as const) {
      const original = readFileSync(path.join(EXAMPLES, file));
      const [grid] = await readWorkbookGrids(original);
      const outcome = evaluateGrid(grid);
      if (!outcome.ok) throw new Error(outcome.message);
      const scored = await applyPlanToXlsx(original, outcome.plan);
      const book = new Workbook();
      await book.xlsx.load(Buffer.from(scored) as unknown as ArrayBuffer);
      const setup = book.worksheets[0].pageSetup;
      expect([file, setup.fitToPage === true, fits ? setup.fitToWidth : undefined]).toEqual([file, fits, fits ? 1 : undefined]);
    }
  });
});
