/**
 * Writing an .xlsx (Node): a write-back plan → a new .xlsx, by patching the package's XML, so
 * nothing the plan does not name can change. The sheet part is patched as text (xlsx-sheet-patch),
 * the styles part amended through a StyleBook (xlsx-styles), and every other part copied as it was.
 */

import type { WritePlan } from '../engine/write-plan';
import { compress, PieceDeflater } from './xlsx-deflate';
import { XlsxInputError } from './xlsx-errors';
import { openPackage, type Package, readText } from './xlsx-package';
import { patchSheet } from './xlsx-sheet-patch';
import { StyleBook } from './xlsx-styles';
import { attr, insertAt, replaceAt, setAttr, unescapeXml } from './xlsx-xml';

/**
 * A new .xlsx with the plan's writes applied to `plan.sheet`. Only the sheet's XML, the styles
 * part (when fills or formats are written) and workbook.xml (to force a recalculation) change;
 * every other part is copied as it was. `bytes` is not modified.
 */
export async function applyPlanToXlsx(bytes: Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  const pkg = await openPackage(bytes);
  const workbookPath = await officeDocumentPath(pkg);
  const workbookXml = await readText(pkg, workbookPath);
  const relationships = parseRelationships(await readText(pkg, relsPathOf(workbookPath)));

  const sheetRel = relationships.get(sheetRelationshipId(workbookXml, plan.sheet));
  if (!sheetRel) throw new XlsxInputError('corrupt');
  const sheetPath = resolvePartPath(workbookPath, sheetRel.target);
  const stylesRel = [...relationships.values()].find((r) => r.type.endsWith('/styles'));
  const stylesPath = stylesRel && resolvePartPath(workbookPath, stylesRel.target);

  const styles = stylesPath && pkg.has(stylesPath) ? new StyleBook(await readText(pkg, stylesPath)) : undefined;
  // the sheet is compressed on the thread pool while it is being patched
  const sheet = new PieceDeflater();
  patchSheet(await pkg.read(sheetPath), plan.writes, styles, sheet);
  if (styles?.changed && stylesPath) pkg.replace(stylesPath, compress(Buffer.from(styles.toXml(), 'utf8')));
  pkg.replace(workbookPath, compress(Buffer.from(withFullCalcOnLoad(workbookXml), 'utf8')));
  pkg.replace(sheetPath, await sheet.finish());
  return pkg.save();
}

// ── finding the parts ──

interface Relationship {
  type: string;
  target: string;
}

function parseRelationships(xml: string): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  for (const [tag] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(tag, 'Id');
    if (id) map.set(id, { type: attr(tag, 'Type') ?? '', target: attr(tag, 'Target') ?? '' });
  }
  return map;
}

async function officeDocumentPath(pkg: Package): Promise<string> {
  const rels = pkg.has('_rels/.rels') ? parseRelationships(await readText(pkg, '_rels/.rels')) : new Map<string, Relationship>();
  const main = [...rels.values()].find((r) => r.type.endsWith('/officeDocument'));
  return main ? resolvePartPath('', main.target) : 'xl/workbook.xml';
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to the source part's folder or absolute from the package root. */
function resolvePartPath(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') base.pop();
    else if (segment !== '' && segment !== '.') base.push(segment);
  }
  return base.join('/');
}

function sheetRelationshipId(workbookXml: string, sheetName: string): string {
  for (const [tag] of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    if (unescapeXml(attr(tag, 'name') ?? '') === sheetName) return /\s[\w.-]+:id=["']([^"']*)["']/.exec(tag)?.[1] ?? '';
  }
  throw new Error(`工作簿中没有名为“${sheetName}”的工作表 / The workbook has no sheet named "${sheetName}"`);
}

/** Excel recalculates on open, so formulas that use the written cells show current results. */
function withFullCalcOnLoad(workbookXml: string): string {
  const calcPr = /<calcPr\b[^>]*>/.exec(workbookXml);
  if (calcPr) return replaceAt(workbookXml, calcPr.index, calcPr[0], setAttr(calcPr[0], 'fullCalcOnLoad', '1'));
  // calcPr's place in CT_Workbook: after sheets, functionGroups, externalReferences, definedNames.
  for (const anchor of ['</definedNames>', '</externalReferences>', '</functionGroups>', '</sheets>']) {
    const at = workbookXml.indexOf(anchor);
    if (at >= 0) return insertAt(workbookXml, at + anchor.length, '<calcPr fullCalcOnLoad="1"/>');
  }
  return workbookXml;
}
