import type { GridCell } from '../grid';
import { normaliseText } from '../text';

/** The text a reader sees in a cell: the string itself, or the displayed text of a number. */
export function rawText(cell: GridCell): string {
  if (cell.error) return cell.error;
  if (typeof cell.value === 'string') return cell.value;
  if (cell.value === null) return '';
  return cell.text || String(cell.value);
}

/** rawText without spaces, line breaks or full-width forms: what header matching compares. */
export function plainText(cell: GridCell): string {
  return typeof cell.value === 'string' ? normaliseText(cell.value) : '';
}

/** A display form for the Evaluation and messages: trimmed, inner line breaks folded to spaces. */
export function displayText(cell: GridCell): string {
  const text = rawText(cell);
  // Most cells are one line: skip the replace pass (every row's target, actual and note come here).
  if (!text.includes('\n') && !text.includes('\r')) return text.trim();
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
