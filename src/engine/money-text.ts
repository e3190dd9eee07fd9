/**
 * Amounts as the sheet shows them. The one place an amount of money (全年预算数, 全年执行数, 其中
 * rows) becomes text, for the command line, the task pane, the JSON and the report alike:
 * the sheet's unit, the sheet's decimals, thousands separators only where the sheet shows them.
 *
 * The decimals come from the cell: its displayed text (what Excel shows, or what the .xlsx reader
 * renders from the number format) when that text is the value rounded, else its number format.
 * A cell in the General format (or a hand-built Evaluation with no shape) prints the number as
 * typed: 288.5 stays 288.5, never 288.50. Pure: no locale APIs, output is the same on any machine.
 */
import type { AmountShape, FundsResult } from './evaluation';
import type { GridCell } from './grid';
import { scale } from './parse/measure';
import { normaliseText } from './text';

export type MoneyField = 'initial' | 'adjusted' | 'executed';

export const MONEY_FIELDS: readonly MoneyField[] = ['initial', 'adjusted', 'executed'];

/** 元 in each money unit the sheets write, in a block's header or after a figure. */
export const YUAN_PER_UNIT: Readonly<Record<string, number>> = { 元: 1, 万: 1e4, 万元: 1e4, 亿: 1e8, 亿元: 1e8 };

/**
 * An amount in another money unit, so that tables kept in 元 and in 万元 can be added up;
 * undefined when either unit is not one of YUAN_PER_UNIT.
 */
export function convertMoney(value: number, from: string, to: string): number | undefined {
  const [a, b] = [YUAN_PER_UNIT[from], YUAN_PER_UNIT[to]];
  return a === undefined || b === undefined ? undefined : scale(value, a / b);
}

/** Decimals beyond which an amount "as typed" is float noise (0.1 + 0.2), not a figure anyone typed. */
const MAX_TYPED_DECIMALS = 10;

/** The figure in a displayed text: "1,198,600.50" in "¥1,198,600.50", "288.5" in "288.5万元". */
const FIGURE = /\d[\d,]*(?:\.\d+)?|\.\d+/;

/** Formats that show a number as typed: General (WPS and Chinese Excel write it G/通用格式), text. */
const GENERAL = /^\s*(general|@|G\/通用格式)?\s*$/i;

function decimalsOf(figure: string): number {
  return figure.split('.')[1]?.length ?? 0;
}

/**
 * How a cell shows its amount. A number: from its displayed text when that is the value (rounded
 * to the places shown), else (no figure shown: "####") from its number format. A text amount ("1,250.5万元"): as written.
 * Undefined for the General format, and when nothing is known: the amount is then shown as typed.
 */
export function amountShapeOfCell(cell: GridCell): AmountShape | undefined {
  if (typeof cell.value === 'number') {
    if (GENERAL.test(cell.format)) return undefined;
    const figure = FIGURE.exec(cell.text)?.[0];
    // No figure shown ("####" in a narrow column): the format says how it would show.
    if (figure === undefined) return shapeOfFormat(cell.format);
    // A figure other than the value (a scaling format, "0!.0000"): printed as typed, not as a figure it is not.
    return showsValue(figure, cell.value) ? shapeOfFigure(figure) : undefined;
  }
  if (typeof cell.value === 'string') {
    const figure = FIGURE.exec(normaliseText(cell.value))?.[0];
    return figure === undefined ? undefined : shapeOfFigure(figure);
  }
  return undefined;
}

function shapeOfFigure(figure: string): AmountShape {
  const shape: AmountShape = { decimals: decimalsOf(figure) };
  if (figure.includes(',')) shape.grouped = true;
  return shape;
}

/** The displayed figure is the value rounded to the places it shows (not a scaled or truncated one, not "####"). */
function showsValue(figure: string, value: number): boolean {
  const shown = Number(figure.replace(/,/g, ''));
  if (!Number.isFinite(shown)) return false;
  const half = 0.5 * 10 ** -decimalsOf(figure);
  return Math.abs(shown - Math.abs(value)) <= half * (1 + 1e-9) + Math.abs(value) * 1e-12;
}

/** Decimals and grouping of a number format's first section ("#,##0.00" → 2, grouped). */
function shapeOfFormat(format: string): AmountShape | undefined {
  const section = format
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/[\\!]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
  // A percentage, a scientific or a date format does not show money.
  if (/[%Ee]|[dmyhs]/i.test(section) || !/[0#?]/.test(section)) return undefined;
  const fraction = /\.([0#?]*)/.exec(section)?.[1] ?? '';
  const shape: AmountShape = { decimals: (fraction.match(/0/g) ?? []).length };
  if (/[0#?],[0#?]/.test(section)) shape.grouped = true;
  return shape;
}

/** The shape of an amount worked out from others (a sum, a difference): the most places any shows. */
export function combineShapes(shapes: (AmountShape | undefined)[], values: number[]): AmountShape | undefined {
  const fixed = shapes.filter((s): s is AmountShape & { decimals: number } => s?.decimals !== undefined);
  const grouped = shapes.some((s) => s?.grouped);
  if (fixed.length === 0) return grouped ? { grouped } : undefined;
  const typed = values.map((v) => decimalsOf(typedFigure(v)));
  const decimals = Math.max(...fixed.map((s) => s.decimals), ...typed);
  return grouped ? { decimals, grouped } : { decimals };
}

/** A number as typed: no padding zeros, no float noise (28.849999999999998 → "28.85"). */
function typedFigure(value: number): string {
  const n = Math.abs(value);
  const rounded = Number(n.toFixed(MAX_TYPED_DECIMALS));
  const s = String(Number(rounded.toPrecision(15)));
  return /e/i.test(s) ? rounded.toFixed(MAX_TYPED_DECIMALS).replace(/\.?0+$/, '') : s;
}

/** Rounds half away from zero on the decimal digits, as Excel shows 1.005 in "0.00" as 1.01. */
function fixedFigure(value: number, decimals: number): string {
  const n = Math.abs(value);
  const scaled = Math.round(Number(`${typedFigure(n)}e${decimals}`));
  return Number(`${scaled}e-${decimals}`).toFixed(decimals);
}

function group(figure: string): string {
  const [whole, fraction] = figure.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** The figure of an amount as the sheet shows it, without unit: "1198600.5", "1,198,600.50", "288.5". */
export function amountText(value: number, shape?: AmountShape): string {
  if (!Number.isFinite(value)) return '';
  let figure = shape?.decimals === undefined ? typedFigure(value) : fixedFigure(value, shape.decimals);
  if (shape?.grouped) figure = group(figure);
  return value < 0 && /[1-9]/.test(figure) ? `-${figure}` : figure;
}

/** An amount with its unit, as the sheet shows it: "1198600.5元", "288.5万元". */
export function moneyText(value: number, unit: string, shape?: AmountShape): string {
  return `${amountText(value, shape)}${unit}`;
}

/** One amount of the funds block, with its unit, as the sheet shows it; undefined when the sheet has none. */
export function fundsMoneyText(funds: FundsResult, field: MoneyField): string | undefined {
  const value = funds[field];
  return value === undefined ? undefined : moneyText(value, funds.unit, funds.shown?.[field]);
}

/** The difference of two amounts of the block (调增/调减), shown with the places the two show. */
export function fundsDifferenceText(funds: FundsResult, a: MoneyField, b: MoneyField): string | undefined {
  const [x, y] = [funds[a], funds[b]];
  if (x === undefined || y === undefined) return undefined;
  const diff = Math.abs(x - y);
  return moneyText(diff, funds.unit, combineShapes([funds.shown?.[a], funds.shown?.[b]], [x, y]));
}

/** Each amount of the block as text, for the Evaluation (what `score --json` readers print). */
export function fundsTexts(funds: Pick<FundsResult, MoneyField | 'unit' | 'shown'>): FundsResult['text'] {
  const text: NonNullable<FundsResult['text']> = {};
  for (const field of MONEY_FIELDS) {
    const value = funds[field];
    if (value !== undefined) text[field] = moneyText(value, funds.unit, funds.shown?.[field]);
  }
  return text;
}
