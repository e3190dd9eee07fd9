/** Shared by the sheet-patch tests: running patchSheet on a bit of XML, and checking what it made. */
import { DOMParser } from '@xmldom/xmldom';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { CellWrite } from '../../../src/engine/write-plan';
import type { PieceSink } from '../../../src/xlsx/zip/piece-writer';
import { patchSheet } from '../../../src/xlsx/patch/sheet';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export function write(address: string, value: number | string, extra: Partial<CellWrite> = {}): CellWrite {
  return { address, value, role: 'score', ...extra };
}

/** Collects the pieces patchSheet hands on, in order. */
export class Collector implements PieceSink {
  readonly pieces: (Buffer | undefined)[] = [];
  add(piece: Buffer): void {
    this.pieces.push(Buffer.from(piece));
  }
  reserve(): number {
    return this.pieces.push(undefined) - 1;
  }
  fill(slot: number, piece: Buffer): void {
    this.pieces[slot] = Buffer.from(piece);
  }
  text(): string {
    return Buffer.concat(this.pieces as Buffer[]).toString('utf8');
  }
}

export function patched(sheetData: string, writes: CellWrite[], head = '<dimension ref="A1:C3"/>'): string {
  const xml = `<worksheet>${head}${sheetData}<pageMargins left="0.7"/></worksheet>`;
  const sink = new Collector();
  patchSheet(Buffer.from(xml, 'utf8'), writes, undefined, sink);
  return sink.text();
}

/** The document, or a thrown error naming the first XML fault (a repeated attribute, say). */
export function parseXml(xml: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`${level}: ${message}`);
    },
  });
  return parser.parseFromString(xml, 'text/xml') as unknown as Document;
}

/** Each <row>'s r and its cells' r, in document order. */
export function rowsAndCells(xml: string): { r: string | null; cells: (string | null)[] }[] {
  const rows = Array.from(parseXml(xml).getElementsByTagName('row'));
  return rows.map((row) => ({
    r: row.getAttribute('r'),
    cells: Array.from(row.getElementsByTagName('c')).map((c) => c.getAttribute('r')),
  }));
}

/**
 * What Excel demands of sheetData: rows numbered 1… in strictly ascending order, each cell's r
 * naming its own row, cells in strictly ascending column order. Returns the faults found; the
 * cells are checked in the rows `cellsChecked` accepts (all by default).
 */
export function sheetDataFaults(xml: string, cellsChecked: (row: number) => boolean = () => true): string[] {
  const faults: string[] = [];
  let previousRow = 0;
  for (const { r, cells } of rowsAndCells(xml)) {
    if (r === null || !/^[1-9]\d*$/.test(r)) {
      faults.push(`row r="${r}"`);
      continue;
    }
    if (Number(r) <= previousRow) faults.push(`row ${r} after row ${previousRow}`);
    previousRow = Number(r);
    if (!cellsChecked(previousRow)) continue;
    let previousCol = 0;
    for (const ref of cells) {
      const match = ref === null ? null : /^([A-Z]{1,3})(\d+)$/.exec(ref);
      if (!match || match[2] !== r) {
        faults.push(`cell r="${ref}" in row ${r}`);
        continue;
      }
      const col = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      if (col <= previousCol) faults.push(`cell ${ref} out of column order`);
      previousCol = col;
    }
  }
  return faults;
}

/** A one-sheet workbook (made by exceljs) whose sheet's <sheetData> and <dimension> are replaced. */
export async function workbookWithSheetData(sheetData: string, dimension = '<dimension ref="A1"/>'): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.addWorksheet('表').getCell('A1').value = 'placeholder';
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const path = 'xl/worksheets/sheet1.xml';
  const xml = await (zip.file(path) as JSZip.JSZipObject).async('string');
  const edited = xml.replace(/<dimension\b[^>]*\/>/, dimension).replace(/<sheetData\b[\s\S]*?(<\/sheetData>|\/>)/, sheetData);
  zip.file(path, edited);
  return new Uint8Array(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

export async function sheetXmlOf(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (zip.file('xl/worksheets/sheet1.xml') as JSZip.JSZipObject).async('string');
}
