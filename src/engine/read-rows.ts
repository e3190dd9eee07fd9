/**
 * Read what each indicator row says: its target and actual as measures (combining the split
 * 指标性质 | 指标值 | 度量单位 columns), its written weight, note, hand-set score and score cell.
 */
import { a1 } from './address';
import { cellAt, type Grid, type GridCell } from './grid';
import { displayText, rawText } from './locate/cell-text';
import type { IndicatorRow, IndicatorTable } from './locate/locate-table';
import { parseMeasure, parseMeasureFromName, type MeasureRole } from './parse/measure';
import type { Measure, MeasureInput } from './parse/measure-types';
import { pointsIn, readPoints, type PointsReading } from './read-points';
import { isPlaceholderText, normaliseText } from './text';

export interface RowReading {
  ref: IndicatorRow;
  target: Measure;
  targetText: string;
  targetFromName: boolean;
  actual: Measure;
  actualText: string;
  /** What the 分值 cell says, invalid values included (the sheet is then not scored). */
  weightReading: PointsReading;
  weightCell?: GridCell;
  note?: string;
  override?: { value?: number; text: string };
  scoreCell?: GridCell;
}

export type ParseMeasure = (input: MeasureInput, role: MeasureRole) => Measure;

/**
 * parseMeasure, remembered for the length of one scoring run: large tables repeat the same few
 * spellings ("100%", "≥95%") thousands of times. Measures are never mutated, so sharing is safe.
 */
export function cachedParser(): ParseMeasure {
  // The displayed text follows from value and format, so those two (and the role) are the key. A Map
  // keeps 1 and "1" apart by itself, so the value is a key as it is, with no key string to build.
  type ByValue = Map<MeasureInput['value'], Measure>;
  const caches = { target: new Map<string, ByValue>(), actual: new Map<string, ByValue>() };
  return (input, role) => {
    const format = input.format ?? '';
    let cache = caches[role].get(format);
    if (cache === undefined) caches[role].set(format, (cache = new Map()));
    let measure = cache.get(input.value);
    if (measure === undefined) {
      measure = parseMeasure(input, role);
      cache.set(input.value, measure);
    }
    return measure;
  };
}

function cellIn(grid: Grid, row: number, col: number | undefined): GridCell | undefined {
  return col === undefined ? undefined : cellAt(grid, row, col);
}

/** The operator column says "≧", "═", "定性" …: a symbol to put before the value, or nothing. */
function operatorPrefix(cell: GridCell | undefined): string {
  const text = cell ? normaliseText(rawText(cell)) : '';
  return /定性|定量|^\/$|^—+$/.test(text) ? '' : text;
}

function readTarget(grid: Grid, table: IndicatorTable, ref: IndicatorRow, parse: ParseMeasure): Pick<RowReading, 'target' | 'targetText' | 'targetFromName'> {
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
    return { target: parse({ value: composed }, 'target'), targetText: composed, targetFromName: false };
  }
  const spanned = spannedText(grid, ref.row, columns.target, table.spans.target);
  if (spanned !== undefined) return { target: parse({ value: spanned }, 'target'), targetText: spanned, targetFromName: false };
  const target = cell ? parse({ value: cell.error ?? cell.value, text: cell.text, format: cell.format }, 'target') : parse({ value: null }, 'target');
  return { target, targetText: valueText, targetFromName: false };
}

/**
 * The row's cells under a value header merged across columns (IndicatorTable.spans), read as one
 * text ("≥" "100" "人" → "≥100人"); undefined unless a cell after the first holds something.
 */
function spannedText(grid: Grid, row: number, first: number | undefined, last: number | undefined): string | undefined {
  if (first === undefined || last === undefined) return undefined;
  let text = '';
  let more = false;
  for (let col = first; col <= last; col++) {
    const part = displayText(cellAt(grid, row, col));
    if (part && col > first) more = true;
    text += part;
  }
  return more ? text : undefined;
}

/** The 度量单位 cell, unless the value already carries a unit ("不低于80%"). */
function unitSuffix(grid: Grid, table: IndicatorTable, row: number, valueText: string): string {
  const unit = cellIn(grid, row, table.columns.unit);
  const text = unit ? displayText(unit) : '';
  if (!text || isPlaceholderText(text)) return '';
  return /[\d.]$/.test(valueText) ? text : '';
}

/**
 * The 计量单位 column names the actual's unit as well as the target's ("28" under 万亩 is 28万亩).
 * Not a percentage: a bare 0.96 there is read as 96% (score-indicator.ts), not as 0.96%.
 */
function readActual(grid: Grid, table: IndicatorTable, ref: IndicatorRow, cell: GridCell | undefined, parse: ParseMeasure): Measure {
  const spanned = spannedText(grid, ref.row, table.columns.actual, table.spans.actual);
  if (spanned !== undefined) return parse({ value: spanned }, 'actual');
  if (!cell) return parse({ value: null }, 'actual');
  const valueText = table.columns.unit === undefined || cell.error ? '' : displayText(cell);
  const unit = valueText ? unitSuffix(grid, table, ref.row, valueText) : '';
  if (unit && !PERCENT_UNIT.test(normaliseText(unit))) return parse({ value: `${valueText}${unit}` }, 'actual');
  return parse({ value: cell.error ?? cell.value, text: cell.text, format: cell.format }, 'actual');
}

const PERCENT_UNIT = /^(%|百分比|百分率)$/;

export function readRow(grid: Grid, table: IndicatorTable, ref: IndicatorRow, parse: ParseMeasure = parseMeasure): RowReading {
  const { columns } = table;
  const actualCell = cellIn(grid, ref.row, columns.actual);
  const actual = readActual(grid, table, ref, actualCell, parse);
  const weightCell = cellIn(grid, ref.row, columns.weight);
  const weightReading = readPoints(weightCell);
  const noteCell = cellIn(grid, ref.row, columns.note);
  const note = noteCell ? displayText(noteCell) : '';
  const overrideCell = cellIn(grid, ref.row, columns.override);
  const overrideText = overrideCell ? displayText(overrideCell) : '';
  const { target, targetText, targetFromName } = readTarget(grid, table, ref, parse);
  const reading: RowReading = {
    ref,
    target,
    targetText,
    targetFromName,
    actual,
    actualText: actualCell ? displayText(actualCell) : '',
    weightReading,
    weightCell,
    scoreCell: cellIn(grid, ref.row, columns.score),
  };
  if (note && !isPlaceholderText(note)) reading.note = note;
  if (overrideText) reading.override = { value: pointsIn(overrideCell), text: overrideText };
  return reading;
}

export function cellAddress(row: number, col: number | undefined): string | undefined {
  return col === undefined ? undefined : a1(row, col);
}
