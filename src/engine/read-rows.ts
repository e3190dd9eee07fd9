/**
 * Read what each indicator row says: its target and actual as measures (combining the split
 * 指标性质 | 指标值 | 度量单位 columns), its written weight, note, hand-set score and score cell.
 */
import { a1 } from './address';
import { cellAt, type Grid, type GridCell } from './grid';
import { displayText, rawText } from './locate/cell-text';
import type { IndicatorRow, IndicatorTable } from './locate/locate-table';
import { parseMeasure, parseMeasureFromName } from './parse/measure';
import type { Measure } from './parse/measure-types';
import { isPlaceholderText, normaliseText } from './text';

export interface RowReading {
  ref: IndicatorRow;
  target: Measure;
  targetText: string;
  targetFromName: boolean;
  actual: Measure;
  actualText: string;
  sheetWeight?: number;
  weightCell?: GridCell;
  note?: string;
  override?: { value?: number; text: string };
  scoreCell?: GridCell;
}

function cellIn(grid: Grid, row: number, col: number | undefined): GridCell | undefined {
  return col === undefined ? undefined : cellAt(grid, row, col);
}

/** "10", 10, "10分" → 10; "—", "" → undefined. */
export function readPoints(cell: GridCell | undefined): number | undefined {
  if (!cell) return undefined;
  if (typeof cell.value === 'number') return Number.isFinite(cell.value) && cell.value >= 0 ? cell.value : undefined;
  if (typeof cell.value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)分?$/.exec(normaliseText(cell.value));
  return match ? Number(match[1]) : undefined;
}

/** The operator column says "≧", "═", "定性" …: a symbol to put before the value, or nothing. */
function operatorPrefix(cell: GridCell | undefined): string {
  const text = cell ? normaliseText(rawText(cell)) : '';
  return /定性|定量|^\/$|^—+$/.test(text) ? '' : text;
}

function readTarget(grid: Grid, table: IndicatorTable, ref: IndicatorRow): Pick<RowReading, 'target' | 'targetText' | 'targetFromName'> {
  const { columns } = table;
  const cell = cellIn(grid, ref.row, columns.target);
  const split = columns.operator !== undefined || columns.unit !== undefined;
  const valueText = cell ? displayText(cell) : '';
  if (!valueText && !cell?.formula) {
    const fromName = parseMeasureFromName(ref.level3);
    if (fromName) {
      const text = /(?:[≥≤=＝><]|不少于|不低于|至少|不高于|不超过|低于|小于|达到)?[\d.,]+\S*$/.exec(ref.level3)?.[0] ?? ref.level3;
      return { target: fromName, targetText: text, targetFromName: true };
    }
  }
  if (split && cell && valueText) {
    const composed = `${operatorPrefix(cellIn(grid, ref.row, columns.operator))}${valueText}${unitSuffix(grid, table, ref.row, valueText)}`;
    return { target: parseMeasure({ value: composed }, 'target'), targetText: composed, targetFromName: false };
  }
  const target = cell ? parseMeasure({ value: cell.error ?? cell.value, text: cell.text, format: cell.format }, 'target') : parseMeasure({ value: null }, 'target');
  return { target, targetText: valueText, targetFromName: false };
}

/** The 度量单位 cell, unless the value already carries a unit ("不低于80%"). */
function unitSuffix(grid: Grid, table: IndicatorTable, row: number, valueText: string): string {
  const unit = cellIn(grid, row, table.columns.unit);
  const text = unit ? displayText(unit) : '';
  if (!text || isPlaceholderText(text)) return '';
  return /[\d.]$/.test(valueText) ? text : '';
}

export function readRow(grid: Grid, table: IndicatorTable, ref: IndicatorRow): RowReading {
  const { columns } = table;
  const actualCell = cellIn(grid, ref.row, columns.actual);
  const actual = actualCell
    ? parseMeasure({ value: actualCell.error ?? actualCell.value, text: actualCell.text, format: actualCell.format }, 'actual')
    : parseMeasure({ value: null }, 'actual');
  const weightCell = cellIn(grid, ref.row, columns.weight);
  const noteCell = cellIn(grid, ref.row, columns.note);
  const note = noteCell ? displayText(noteCell) : '';
  const overrideCell = cellIn(grid, ref.row, columns.override);
  const overrideText = overrideCell ? displayText(overrideCell) : '';
  return {
    ref,
    ...readTarget(grid, table, ref),
    actual,
    actualText: actualCell ? displayText(actualCell) : '',
    sheetWeight: readPoints(weightCell),
    weightCell,
    ...(note && !isPlaceholderText(note) ? { note } : {}),
    ...(overrideText ? { override: { value: readPoints(overrideCell), text: overrideText } } : {}),
    scoreCell: cellIn(grid, ref.row, columns.score),
  };
}

export function cellAddress(row: number, col: number | undefined): string | undefined {
  return col === undefined ? undefined : a1(row, col);
}
