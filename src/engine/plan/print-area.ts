/**
 * A print area's formula ("'自评表'!$A$1:$J$22", or several areas, or whole columns "$A:$J")
 * widened to take in the cells a run added, so they print on the table's page. Pure: the .xlsx
 * patcher applies it to the sheet's _xlnm.Print_Area, the Excel host to pageLayout's print area.
 */

import { columnLetters, parseA1 } from '../address';
import type { CellRange } from '../grid';

/** One area of a print area's formula: "'自评表'!$A$1:$J$22", or whole columns "$A:$J". */
const AREA = /^((?:'(?:[^']|'')+'|[^'!]+)!)?\$?([A-Z]{1,3})(\$?\d+)?(?::\$?([A-Z]{1,3})(\$?\d+)?)?$/;

/**
 * The formula with one area widened to take in `range` ("A12:K22"): a single area becomes the
 * smallest range holding both; of several areas, the one sharing rows with `range` is widened,
 * and none when no area shares its rows. Undefined when the formula is not a plain list of ranges.
 */
export function widenedFormula(formula: string, range: string): string | undefined {
  const [from, to = from] = range.split(':').map(parseA1);
  const take: CellRange = { top: from.row, left: from.col, bottom: to.row, right: to.col };
  const parts = splitAreas(formula);
  const areas = parts.map((part) => ({ part, area: readArea(part) }));
  if (areas.some((a) => a.area === undefined)) return undefined;
  const index = areas.length === 1 ? 0 : areas.findIndex((a) => a.area && a.area.range.top <= take.bottom && take.top <= a.area.range.bottom);
  if (index < 0) return formula;
  const { prefix, range: area, wholeColumns } = areas[index].area as NonNullable<ReturnType<typeof readArea>>;
  const wide: CellRange = {
    top: Math.min(area.top, take.top),
    left: Math.min(area.left, take.left),
    bottom: Math.max(area.bottom, take.bottom),
    right: Math.max(area.right, take.right),
  };
  // already taking it in: the formula as it was, in its own spelling
  if (wide.top === area.top && wide.left === area.left && wide.bottom === area.bottom && wide.right === area.right) return formula;
  const text = wholeColumns
    ? `$${columnLetters(wide.left)}:$${columnLetters(wide.right)}`
    : `$${columnLetters(wide.left)}$${wide.top}:$${columnLetters(wide.right)}$${wide.bottom}`;
  parts[index] = prefix + text;
  return parts.join(',');
}

/** The areas of a formula, split at commas outside quoted sheet names. */
function splitAreas(formula: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < formula.length; i++) {
    if (formula[i] === "'") quoted = !quoted;
    else if (formula[i] === ',' && !quoted) {
      parts.push(formula.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(formula.slice(start));
  return parts;
}

function readArea(part: string): { prefix: string; range: CellRange; wholeColumns: boolean } | undefined {
  const m = AREA.exec(part.trim());
  if (!m) return undefined;
  const [, prefix = '', left, top, right = left, bottom] = m;
  const wholeColumns = top === undefined && bottom === undefined;
  if (!wholeColumns && (top === undefined || (m[4] !== undefined && bottom === undefined))) return undefined;
  const start = parseA1(`${left}1`).col;
  const end = parseA1(`${right}1`).col;
  const topRow = wholeColumns ? 1 : Number((top as string).replace('$', ''));
  const bottomRow = wholeColumns ? 1_048_576 : Number((bottom ?? (top as string)).replace('$', ''));
  return { prefix, range: { top: topRow, left: start, bottom: bottomRow, right: end }, wholeColumns };
}

/** Paper width and height in points, by name (Office.js's PaperType) and by SpreadsheetML's paperSize code. */
const PAPERS: { name: string; code: string; points: [number, number] }[] = [
  { name: 'Letter', code: '1', points: [612, 792] },
  { name: 'Legal', code: '5', points: [612, 1008] },
  { name: 'A3', code: '8', points: [841.9, 1190.6] },
  { name: 'A4', code: '9', points: [595.3, 841.9] },
  { name: 'A5', code: '11', points: [419.5, 595.3] },
  { name: 'B4', code: '12', points: [728.5, 1031.8] },
  { name: 'B5', code: '13', points: [515.9, 728.5] },
];

/** A page's paper width in points; A4 (what Chinese units print on) for a paper not named or not known. */
export function paperWidthPoints(paper: string | undefined, landscape: boolean): number {
  const found = PAPERS.find((p) => p.name === paper || p.code === paper) ?? PAPERS[3];
  return landscape ? found.points[1] : found.points[0];
}

/**
 * Whether the added columns, and only they, push the table off one printed page's width: the
 * table's columns fit the printable width (paper less margins, at the sheet's print scale) and
 * with the added columns they do not. A form already wider than a page is the unit's own layout.
 */
export function addedColumnsOverflowPage(tableWidth: number, widthWithAdded: number, printableWidth: number): boolean {
  return tableWidth <= printableWidth && widthWithAdded > printableWidth;
}
