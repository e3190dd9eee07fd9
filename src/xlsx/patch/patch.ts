/**
 * Writing an .xlsx (Node): a write-back plan → a new .xlsx, by patching the package's XML, so
 * nothing the plan does not name can change. The sheet part is patched as text (xlsx-sheet-patch),
 * the styles part amended through a StyleBook (xlsx-styles), and every other part copied as it was.
 */

import { parseA1 } from '../../engine/address';
import type { WritePlan } from '../../engine/write-plan';
import { utf8Bytes } from '../bytes';
import { compress, PieceDeflater } from '../zip/deflate';
import { XlsxInputError } from '../errors';
import { openPackage, readText } from '../zip/package';
import { findWorkbook, relatedPart, resolvePartPath, sheetRelationshipId, workbookSheets } from '../parts';
import { withPrintAreaTaking } from '../print-area';
import { patchSheet } from './sheet';
import { StyleBook } from './styles';
import { insertAt, replaceAt, setAttr } from '../xml';

/**
 * A new .xlsx with the plan's writes applied to `plan.sheet`. Only the sheet's XML (cells, and
 * the widths of the columns the run added), the styles part (when fills, formats or the look of
 * a neighbour are written) and workbook.xml (to force a recalculation, and to widen a print area
 * the sheet has) change;
 * every other part is copied as it was, after its CRC has been checked. The parts that change are
 * patched in their normalised form (xlsx-normalise: UTF-8, no namespace prefix, every row and cell
 * with its r), which says what they said. `bytes` is not modified.
 */
export async function applyPlanToXlsx(bytes: Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  const pkg = openPackage(bytes);
  const {
    path: workbookPath,
    xml: workbookXml,
    rels: relationships,
  } = findWorkbook(
    (path) => pkg.has(path),
    (path) => readText(pkg, path),
  );

  const sheetRel = relationships.get(sheetRelationshipId(workbookXml, plan.sheet));
  if (!sheetRel) throw new XlsxInputError('corrupt');
  const sheetPath = resolvePartPath(workbookPath, sheetRel.target);
  if (!pkg.has(sheetPath)) throw new XlsxInputError('corrupt');
  const stylesPath = relatedPart(workbookPath, relationships, '/styles');

  const styles = stylesPath && pkg.has(stylesPath) ? new StyleBook(readText(pkg, stylesPath)) : undefined;
  const sheet = new PieceDeflater();
  patchSheet(pkg.readXml(sheetPath, 'worksheet'), plan.writes, styles, sheet, {
    ...(plan.formats ? { formats: plan.formats } : {}),
    ...(plan.columnWidths ? { columnWidths: plan.columnWidths } : {}),
    ...(plan.printTable && plan.printArea
      ? { fit: { left: plan.printTable.left, tableRight: plan.printTable.right, right: parseA1(plan.printArea.split(':').pop() as string).col } }
      : {}),
  });
  if (styles?.changed && stylesPath) pkg.replace(stylesPath, compress(utf8Bytes(styles.toXml())));
  // a print area the sheet has takes in the cells the run added (a sheet without one keeps none)
  const sheetIndex = workbookSheets(workbookXml).findIndex((s) => s.name === plan.sheet);
  const printed = plan.printArea ? withPrintAreaTaking(workbookXml, sheetIndex, plan.printArea) : workbookXml;
  pkg.replace(workbookPath, compress(utf8Bytes(withFullCalcOnLoad(printed))));
  pkg.replace(sheetPath, sheet.finish());
  return pkg.save();
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
