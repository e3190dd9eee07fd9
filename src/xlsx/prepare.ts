/**
 * An .xlsx made safe and plain for exceljs to read. The package is opened by ZipArchive
 * and every part checked (sizes, CRC-32), so a damaged file is refused here, before anything is
 * scored or copied; the check is remembered for the writer (verifiedArchive). exceljs then reads
 * a new stored (uncompressed) zip of only what becomes the Grids: a workbook part listing the
 * worksheets under stand-in names, the worksheets cut down to their cell data (xlsx-normalise),
 * the shared strings and the styles, all normalised to the form it understands. The sheets' real
 * names and their merges come from here, not from exceljs, which truncates long names and
 * expands merges into cells.
 */

import type { CellRange } from '../engine/grid';
import { sizeText } from '../engine/text';
import { utf8Bytes, utf8Text } from './bytes';
import { assertXlsxSignature, tooLarge, XlsxInputError } from './errors';
import { normalisePart, normaliseSheet } from './normalise';
import { findWorkbook, relatedPart, resolvePartPath, usesDate1904, workbookSheets } from './parts';
import { type StoredPart, storedZip, ZipArchive } from './zip/zip';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/** A worksheet as the reader hands it over: exceljs knows it by `standIn`. */
export interface PreparedSheet {
  name: string;
  standIn: string;
  merges: CellRange[];
  /** Hidden in Excel (state="hidden" or "veryHidden"). */
  hidden?: boolean;
}

export interface PreparedWorkbook {
  /** The stored zip exceljs reads. */
  copy: Uint8Array;
  sheets: PreparedSheet[];
}

/** An archive whose every part has been checked, and the parts the writer may patch as they are. */
export interface VerifiedArchive {
  zip: ZipArchive;
  /** XML parts known to need no normalisation before patching. */
  plainParts: Set<string>;
}

/*
 * exceljs holds the shared strings and styles at about six times their XML size (5,000,000 short
 * strings, 120 MB, took 750 MB): with the cells' share (xlsx-normalise's MAX_CELLS, about 0.9 GB)
 * this keeps a read within 1.5 GB. A 100,000-row table's shared strings take under 3 MB.
 */
export const MAX_STRINGS_AND_STYLES = 48 * 1024 * 1024;

const verified = new WeakMap<Uint8Array, VerifiedArchive>();

/** The archive of bytes the reader has checked, if it has (the CLI reads, then writes, the same bytes). */
export function verifiedArchive(bytes: Uint8Array): VerifiedArchive | undefined {
  return verified.get(bytes);
}

export function prepareWorkbook(bytes: Uint8Array): PreparedWorkbook {
  assertXlsxSignature(bytes);
  const zip = ZipArchive.open(bytes);
  const plainParts = new Set<string>();
  const readXml = (path: string): string => {
    const { xml, rewritten } = normalisePart(zip.read(path), path);
    if (!rewritten) plainParts.add(path);
    return utf8Text(xml);
  };

  const { path: workbookPath, xml: workbookXml, rels } = findWorkbook((path) => zip.has(path), readXml);

  const parts: StoredPart[] = [];
  const sheets: PreparedSheet[] = [];
  let cells = 0;
  for (const { name, relationshipId, hidden } of workbookSheets(workbookXml)) {
    const rel = rels.get(relationshipId);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets and dialog sheets hold no cells
    const path = resolvePartPath(workbookPath, rel.target);
    if (!zip.has(path)) continue; // as exceljs did: a sheet whose part is missing is not read
    const sheet = normaliseSheet(zip.read(path), path, 'read', cells);
    cells += sheet.cells;
    // what the read left out is not a rewrite; whether the patcher needs one is found separately
    if (!sheet.rewritten) plainParts.add(path);
    const standIn = `Sheet${sheets.length + 1}`;
    sheets.push({ name, standIn, merges: sheet.merges, ...(hidden ? { hidden } : {}) });
    parts.push({ name: `xl/worksheets/sheet${sheets.length}.xml`, data: sheet.xml });
  }
  if (sheets.length === 0) throw new XlsxInputError('corrupt');

  let text = 0;
  for (const [type, name] of [
    ['/sharedStrings', 'xl/sharedStrings.xml'],
    ['/styles', 'xl/styles.xml'],
  ]) {
    const path = relatedPart(workbookPath, rels, type);
    if (!path || !zip.has(path)) continue;
    const { xml } = normalisePart(zip.read(path), path);
    text += xml.length;
    parts.push({ name, data: xml });
  }
  if (text > MAX_STRINGS_AND_STYLES) {
    const limit = sizeText(MAX_STRINGS_AND_STYLES);
    throw tooLarge(`共享文字和格式部件解压后超过 ${limit}`, `its shared text and formatting parts unpack to more than ${limit}`);
  }
  parts.push(
    { name: 'xl/workbook.xml', data: utf8Bytes(standInWorkbook(sheets, usesDate1904(workbookXml))) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8Bytes(standInRelationships(sheets.length)) },
  );
  // Every other part is checked too: the writer copies them, and must not copy a damaged one.
  zip.verifyAll();
  verified.set(bytes, { zip, plainParts });
  return { copy: storedZip(parts), sheets };
}

/** The workbook as exceljs reads it: the worksheets under stand-in names, and the date system. */
function standInWorkbook(sheets: PreparedSheet[], date1904: boolean): string {
  const list = sheets.map((s, i) => `<sheet name="${s.standIn}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const properties = date1904 ? '<workbookPr date1904="1"/>' : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">${properties}<sheets>${list}</sheets></workbook>`;
}

function standInRelationships(count: number): string {
  const list = Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${i + 1}.xml"/>`).join(
    '',
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">${list}</Relationships>`;
}
