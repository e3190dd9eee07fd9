/** The report as plain text: for the clipboard, the terminal and quick checks. */
import { blocksToLines, flattenSections, runsText, tableGrid, type Block, type ReportModel } from '../engine/report/model';

const INDENT = '\u3000\u3000'; // two ideographic spaces: the 2-character first-line indent of 公文

function blockLines(block: Block): string[] {
  if (block.type === 'table') {
    const header = block.columns.map((c) => c.title).join('\t');
    // Merged cells are written once, in their top row, as on the sheet.
    const rows = tableGrid(block).map((row) => row.map((c) => (c ? runsText(c.runs) : '')).join('\t'));
    return [...(block.caption ? [block.caption] : []), header, ...rows];
  }
  const [line] = blocksToLines([block]);
  return [block.type === 'paragraph' && block.indent === false ? line : `${INDENT}${line}`];
}

export function renderText(model: ReportModel): string {
  const body = flattenSections(model.sections).flatMap(blockLines);
  return [runsText(model.title), '', ...body, '', runsText(model.signature.unit), runsText(model.signature.date), ''].join('\n');
}
