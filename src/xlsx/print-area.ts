/**
 * A sheet's print area (the defined name _xlnm.Print_Area scoped to the sheet, in workbook.xml),
 * widened to take in the cells a run added, so they print on the table's page. A sheet without a
 * print area is left without one (Excel then prints what is used, added cells included).
 */

import { widenedFormula } from '../engine/plan/print-area';
import { escapeXml } from '../engine/xml-text';
import { attr } from './xml';
import { unescapeXml } from '../engine/xml-text';

/**
 * workbook.xml with the print area of the sheet at `sheetIndex` (its place in <sheets>, from 0)
 * widened to take in `range` ("A12:K22"): a single area becomes the smallest range holding both;
 * of several areas, the one sharing rows with `range` is widened. Unchanged when the sheet has no
 * print area or its formula is not a plain list of ranges.
 */
export function withPrintAreaTaking(workbookXml: string, sheetIndex: number, range: string): string {
  const names = /<definedName\b[^>]*>[^<]*<\/definedName>/g;
  for (const match of workbookXml.matchAll(names)) {
    const tag = /^<definedName\b[^>]*>/.exec(match[0])?.[0] ?? '';
    if (attr(tag, 'name') !== '_xlnm.Print_Area' || attr(tag, 'localSheetId') !== String(sheetIndex)) continue;
    const formula = unescapeXml(match[0].slice(tag.length, match[0].length - '</definedName>'.length));
    const widened = widenedFormula(formula, range);
    if (widened === undefined || widened === formula) return workbookXml;
    const at = match.index ?? 0;
    return workbookXml.slice(0, at) + tag + escapeXml(widened) + '</definedName>' + workbookXml.slice(at + match[0].length);
  }
  return workbookXml;
}
