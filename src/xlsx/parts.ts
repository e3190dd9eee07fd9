/**
 * Finding a workbook's parts in its package: the relationships that lead from the package root
 * to the workbook part, and from it to the sheets, shared strings and styles. Shared by the
 * reader (xlsx-prepare) and the writer (xlsx-patch). Works on XML already normalised
 * (xlsx-normalise: UTF-8, no namespace prefix on the package's own elements).
 */

import { XlsxInputError } from './errors';
import { attr } from './xml';
import { unescapeXml } from '../engine/xml-text';

export interface Relationship {
  type: string;
  target: string;
}

export function parseRelationships(xml: string): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  for (const [tag] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(tag, 'Id');
    if (id) map.set(id, { type: attr(tag, 'Type') ?? '', target: unescapeXml(attr(tag, 'Target') ?? '') });
  }
  return map;
}

/** The workbook part's path, from the package relationships (`_rels/.rels`, if there are any). */
export function officeDocumentPath(packageRels: string | undefined): string {
  const rels = packageRels === undefined ? new Map<string, Relationship>() : parseRelationships(packageRels);
  const main = [...rels.values()].find((r) => r.type.endsWith('/officeDocument'));
  return main ? resolvePartPath('', main.target) : 'xl/workbook.xml';
}

/** The workbook part of a package: its path, its XML and its relationships, each read by `readText`. */
export function findWorkbook(
  has: (path: string) => boolean,
  readText: (path: string) => string,
): { path: string; xml: string; rels: Map<string, Relationship> } {
  const path = officeDocumentPath(has('_rels/.rels') ? readText('_rels/.rels') : undefined);
  if (!has(path)) throw new XlsxInputError('corrupt');
  const xml = readText(path);
  const relsPath = relsPathOf(path);
  return { path, xml, rels: has(relsPath) ? parseRelationships(readText(relsPath)) : new Map<string, Relationship>() };
}

export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to the source part's folder or absolute from the package root. */
export function resolvePartPath(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') base.pop();
    else if (segment !== '' && segment !== '.') base.push(segment);
  }
  return base.join('/');
}

/** The first relationship of a type ("…/styles"), as a part path. */
export function relatedPart(workbookPath: string, rels: Map<string, Relationship>, typeEnding: string): string | undefined {
  const rel = [...rels.values()].find((r) => r.type.endsWith(typeEnding));
  return rel && resolvePartPath(workbookPath, rel.target);
}

/** A `<sheet>` of workbook.xml: its name as Excel shows it, and its relationship id. */
export interface SheetEntry {
  name: string;
  relationshipId: string;
  /** state="hidden" or "veryHidden" in workbook.xml. */
  hidden?: boolean;
}

export function workbookSheets(workbookXml: string): SheetEntry[] {
  const sheets: SheetEntry[] = [];
  for (const [tag] of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    // r:id, whatever prefix the relationships namespace has
    const relationshipId = /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
    const state = attr(tag, 'state');
    sheets.push({ name: unescapeXml(attr(tag, 'name') ?? ''), relationshipId, ...(state === 'hidden' || state === 'veryHidden' ? { hidden: true } : {}) });
  }
  return sheets;
}

export function sheetRelationshipId(workbookXml: string, sheetName: string): string {
  const sheet = workbookSheets(workbookXml).find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`工作簿中没有名为“${sheetName}”的工作表 / The workbook has no sheet named "${sheetName}"`);
  return sheet.relationshipId;
}

/** Whether the workbook counts dates from 1904 (old Mac Excel) rather than 1900. */
export function usesDate1904(workbookXml: string): boolean {
  const tag = /<workbookPr\b[^>]*>/.exec(workbookXml)?.[0];
  const value = tag && attr(tag, 'date1904');
  return value === '1' || value === 'true';
}
