/** 执行率 and the funds score: min(rate, 100%) × weight, with the profile's denominator. */
import { a1 } from '../address';
import type { AmountShape, FundsResult, Problem } from '../evaluation';
import { cellAt, type Grid, type GridCell } from '../grid';
import { fundsCell, type FundsBlock } from '../locate/locate-funds';
import type { FundsColumn } from '../locate/header-vocabulary';
import { displayText } from '../locate/cell-text';
import { formatNumber, percentText, problem } from '../messages';
import { amountShapeOfCell, amountText, combineShapes, fundsTexts, YUAN_PER_UNIT } from '../money-text';
import { scale } from '../parse/measure';
import { enteredScore, MAX_POINTS } from '../read-points';
import type { RuleProfile } from '../rules/profile';
import { normaliseText, isPlaceholderText } from '../text';
import { readFundsWeight } from './check-weights';
import { round2 } from './round';

/**
 * An amount as written: a usable value, or why it cannot be used. A negative or impossibly large
 * amount is an error note on a scored sheet, as an unreadable one has always been: it spoils the
 * funds score only (WHY not a failure: see check-weights.ts). `converted`: the cell named its own
 * unit ("850000元" in a block headed 万元), and the value is in the block's unit.
 */
type Money = { value?: number; unreadable?: string; invalid?: { text: string; reason: AmountProblem }; converted?: boolean; shape?: AmountShape };
type AmountProblem = 'negative' | 'too-large';

/**
 * Above this an amount is not money (a thousand trillion, in 元 or 万元) and not exact in Excel
 * either (15 significant digits); below it, sums of any table's rows stay finite.
 */
const MAX_AMOUNT = 1e15;

const NO_AMOUNT = /^(无|没有|零|〇)$/;

/** A money unit written in the cell after the figure ("85万", "85万元", "850000元"), in 元. */
const UNIT_IN_CELL = /(亿元|万元|亿|万|元)$/;
/** The unit a cell names, as a block's unit is written. */
const BLOCK_UNIT: Record<string, string> = { 元: '元', 万: '万元', 万元: '万元', 亿: '亿元', 亿元: '亿元' };

/**
 * The block's money unit. Where no header names one (万元 assumed), amounts that all name the same
 * unit in their cells ("850000元", "800000元") set it: the sheet shows 元, and so is it printed.
 */
function blockUnit(grid: Grid, block: FundsBlock): string {
  if (!block.unitAssumed) return block.unit;
  const named = new Set<string>();
  for (const field of ['initial', 'adjusted', 'executed'] as const) {
    const col = block.columns[field];
    const places = [fundsCell(block, field), ...(col === undefined ? [] : block.subRows.map((row) => ({ row, col })))];
    for (const at of places) {
      const value = at && cellAt(grid, at.row, at.col).value;
      if (typeof value !== 'string') continue;
      const unit = UNIT_IN_CELL.exec(normaliseText(value))?.[1];
      if (unit) named.add(BLOCK_UNIT[unit]);
    }
  }
  return named.size === 1 ? [...named][0] : block.unit;
}

function readMoney(grid: Grid, at: { row: number; col: number } | undefined, blockUnit: string): Money {
  if (at === undefined) return {};
  const cell = cellAt(grid, at.row, at.col);
  if (cell.error) return { unreadable: cell.error };
  if (typeof cell.value === 'number') return shaped(checked(cell.value, displayText(cell) || String(cell.value)), cell);
  if (typeof cell.value !== 'string') return {};
  const text = normaliseText(cell.value).replace(/,/g, '');
  const unit = UNIT_IN_CELL.exec(text)?.[1];
  const figure = unit ? text.slice(0, -unit.length) : text;
  if (figure === '' || isPlaceholderText(figure)) return {};
  // "其他资金：无" — no money from that source, which is an amount of 0, not an unreadable one
  if (NO_AMOUNT.test(figure)) return { value: 0 };
  const money = checked(Number(figure.replace(/^−/, '-')), displayText(cell));
  const factor = unit ? YUAN_PER_UNIT[unit] / (YUAN_PER_UNIT[blockUnit] ?? 1) : 1;
  if (money.value === undefined || factor === 1) return shaped(money, cell);
  // Converted to the block's unit, the figure is no longer the one the cell shows: shown as typed.
  return { ...checked(scale(money.value, factor), displayText(cell)), converted: true };
}

/** A usable amount with how its cell shows it (its places, its thousands separators). */
function shaped(money: Money, cell: GridCell): Money {
  const shape = money.value === undefined ? undefined : amountShapeOfCell(cell);
  return shape ? { ...money, shape } : money;
}

function checked(value: number, text: string): Money {
  if (Number.isNaN(value)) return { unreadable: text };
  if (value < 0) return { invalid: { text, reason: 'negative' } };
  return value < MAX_AMOUNT ? { value } : { invalid: { text, reason: 'too-large' } };
}

const AMOUNT_PROBLEMS: Record<AmountProblem, [string, string]> = {
  negative: ['为负数', 'is negative'],
  'too-large': ['数额过大，不是有效金额', 'is too large to be an amount'],
};

const MONEY_NAMES = {
  initial: ['年初预算数', 'initial budget'],
  adjusted: ['全年预算数', 'adjusted budget'],
  executed: ['全年执行数', 'amount executed'],
} as const;

type MoneyField = keyof typeof MONEY_NAMES;

/** `pointsPerWeight`: 100 where the table's 权重 are shares of one (score/shares-as-points.ts), and the block's too. */
export function scoreFunds(grid: Grid, block: FundsBlock, profile: RuleProfile, pointsPerWeight: 1 | 100 = 1): { funds: FundsResult; problems: Problem[] } {
  const problems: Problem[] = [];
  const { columns } = block;
  const unit = blockUnit(grid, block);
  const denominatorField = budgetField(block, profile);
  if (denominatorField !== profile.funds.denominator) problems.push(problem('funds-initial-budget', addressOf(block, 'initial')));
  const inRate = (field: MoneyField) => field === 'executed' || field === denominatorField;
  /** Fields with an amount that cannot be used: the rate is then not computed, and no second message says so. */
  const spoilt = new Set<MoneyField>();
  /** How the sheet shows each amount read, by cell: the total's, or the 其中 rows' for a sum of them. */
  const shapes = new Map<string, AmountShape>();
  /** The field's amount on a 其中 row, or (no row) on the 总额 row, wherever the layout puts it. */
  const read = (field: MoneyField, row?: number): number | undefined => {
    const col = columns[field];
    const at = row === undefined ? fundsCell(block, field) : col === undefined ? undefined : { row, col };
    if (at === undefined) return undefined;
    const money = readMoney(grid, at, unit);
    const address = a1(at.row, at.col);
    if (money.shape) shapes.set(address, money.shape);
    const names = { what: MONEY_NAMES[field][0], whatEn: MONEY_NAMES[field][1] };
    if (money.unreadable !== undefined) {
      problems.push(problem('funds-unreadable', address, { ...names, text: money.unreadable, inRate: inRate(field) ? 1 : '' }));
      spoilt.add(field);
    } else if (money.invalid !== undefined) {
      const [reason, reasonEn] = AMOUNT_PROBLEMS[money.invalid.reason];
      problems.push(problem('funds-amount-invalid', address, { ...names, text: money.invalid.text, reason, reasonEn, inRate: inRate(field) ? 1 : '' }));
      spoilt.add(field);
    } else if (money.converted && money.value !== undefined) {
      const text = displayText(cellAt(grid, at.row, at.col));
      problems.push(problem('funds-unit-converted', address, { ...names, text, value: amountText(money.value), unit }));
    }
    return money.value;
  };
  /** The sum of a field over the 其中 rows, and the cells it came from; none when a sub-row amount is unusable. */
  const sumOfSubRows = (field: MoneyField): SubRowSum => {
    const before = problems.length;
    const col = columns[field];
    const found = block.subRows.map((r) => ({ r, value: read(field, r) })).filter((x): x is { r: number; value: number } => x.value !== undefined);
    // A sum that leaves out an unusable row is not the total: no sum rather than a wrong one.
    if (problems.length > before && problems.slice(before).some((p) => p.severity === 'error')) return { cells: [], spoilt: true };
    const cells = col === undefined ? [] : found.map((x) => a1(x.r, col));
    const shape = combineShapes(
      cells.map((c) => shapes.get(c)),
      found.map((x) => x.value),
    );
    return { ...(found.length ? { sum: found.reduce((s, x) => s + x.value, 0) } : {}), cells, spoilt: false, ...(shape ? { shape } : {}) };
  };
  const amounts: Partial<Record<MoneyField, number>> = {};
  for (const field of MONEY_FIELDS) amounts[field] = read(field);
  const shown: NonNullable<FundsResult['shown']> = {};
  for (const field of MONEY_FIELDS) {
    const address = addressOf(block, field);
    const shape = address === undefined ? undefined : shapes.get(address);
    if (shape) shown[field] = shape;
  }

  let summedFromSubRows = false;
  let cellsSummed = false;
  const totalIsEmpty = !amounts.adjusted && !amounts.executed && !spoilt.has('adjusted') && !spoilt.has('executed');
  if (totalIsEmpty && block.subRows.length > 0) {
    const sums = MONEY_FIELDS.map((field) => sumOfSubRows(field));
    if (sums.some((s) => s.spoilt)) {
      // the notes on the unusable cells say why there is no rate; no note claims a sum was used
      for (const field of MONEY_FIELDS) amounts[field] = undefined;
    } else if (sums[1].sum || sums[2].sum) {
      MONEY_FIELDS.forEach((field, i) => {
        amounts[field] = sums[i].sum;
        setShape(shown, field, sums[i].shape);
      });
      summedFromSubRows = true;
      problems.push(problem('funds-summed', a1(block.totalRow, columns.adjusted ?? columns.executed ?? 1)));
    }
  } else {
    cellsSummed = fillBlankCellsFromSubRows(amounts, spoilt, sumOfSubRows, block, problems, shown);
  }
  const { initial, adjusted, executed } = amounts;

  const weight = fundsWeight(grid, block, profile, problems, pointsPerWeight);
  const denominator = denominatorField === 'initial' ? initial : adjusted;
  let rate: number | undefined;
  let rateAsWritten = false;
  if (denominator && denominator > 0 && executed !== undefined) rate = executed / denominator;
  // A budget so small that the rate overflows is, for the rate, no budget at all.
  if (rate !== undefined && !Number.isFinite(rate)) rate = undefined;
  const rateOn = rate === undefined ? undefined : denominatorField;

  const rateAt = fundsCell(block, 'rate');
  const rateCell = rateAt === undefined ? undefined : a1(rateAt.row, rateAt.col);
  const given = rateAt === undefined ? undefined : readGivenRate(cellAt(grid, rateAt.row, rateAt.col));
  const amountsUsable = !spoilt.has('executed') && !spoilt.has(denominatorField);
  if (rate === undefined && amountsUsable && given) {
    // The unit's own 执行率 is the only evidence left when the amounts are missing: used, and said so.
    rate = given.value;
    rateAsWritten = true;
    problems.push(problem('funds-rate-used', rateCell, { text: given.text, rate: percentText(given.value) }));
  } else if (rate === undefined && amountsUsable) {
    problems.push(problem('funds-no-budget', addressOf(block, 'adjusted')));
  } else if (rate !== undefined && given && Math.abs(given.value - rate) > given.tolerance) {
    const col = (field: MoneyField) => addressOf(block, field) ?? '';
    problems.push(
      problem('funds-rate-differs', rateCell, {
        text: given.text,
        rate: percentText(rate),
        executed: col('executed'),
        budget: col(denominatorField),
        summed: summedFromSubRows || cellsSummed ? 1 : '',
      }),
    );
  }

  const score = rate === undefined ? 0 : round2(Math.min(Math.max(rate, 0), 1) * weight);
  if (rate !== undefined && rate < profile.funds.flagBelow) {
    problems.push(
      problem('funds-low-rate', rateCell, {
        rate: percentText(rate),
        threshold: percentText(profile.funds.flagBelow),
        noteRequired: profile.funds.noteRequiredBelow ? 1 : '',
      }),
    );
  }
  noteReplacedScore(grid, block, score, problems);
  const cells: FundsResult['cells'] = {};
  if (rateCell !== undefined) cells.rate = rateCell;
  const scoreCell = addressOf(block, 'score');
  if (scoreCell !== undefined) cells.score = scoreCell;
  for (const field of MONEY_FIELDS) if (amounts[field] === undefined) delete shown[field];
  const money = {
    ...(initial !== undefined ? { initial } : {}),
    ...(adjusted !== undefined ? { adjusted } : {}),
    ...(executed !== undefined ? { executed } : {}),
    unit,
    ...(Object.keys(shown).length ? { shown } : {}),
  };
  const funds: FundsResult = {
    ...money,
    ...(rate !== undefined ? { rate: Math.round(rate * 1e6) / 1e6 } : {}),
    weight,
    score,
    cells,
    ...(summedFromSubRows ? { summedFromSubRows } : {}),
    ...(rateAsWritten ? { rateAsWritten } : {}),
    ...(rateOn ? { rateOn } : {}),
    text: fundsTexts(money),
  };
  return { funds, problems };
}

const MONEY_FIELDS = ['initial', 'adjusted', 'executed'] as const;

/** The sum of a field over the 其中 rows, the cells summed, and how the sheet shows such amounts. */
type SubRowSum = { sum?: number; cells: string[]; spoilt: boolean; shape?: AmountShape };

function setShape(shown: NonNullable<FundsResult['shown']>, field: MoneyField, shape: AmountShape | undefined): void {
  if (shape) shown[field] = shape;
  else delete shown[field];
}

/**
 * The budget the rate is taken on: the profile's, unless the form has no 全年预算数 at all and a
 * 年初预算数 (the 2016 form: 年初预算数(A) | 全年执行数(B) | 执行率(B/A)), whose (A) it then is.
 */
function budgetField(block: FundsBlock, profile: RuleProfile): 'initial' | 'adjusted' {
  if (profile.funds.denominator === 'initial') return 'initial';
  return fundsCell(block, 'adjusted') === undefined && fundsCell(block, 'initial') !== undefined ? 'initial' : 'adjusted';
}

/** The A1 address of a field's value in the block, whatever its layout. */
function addressOf(block: FundsBlock, field: FundsColumn): string | undefined {
  const at = fundsCell(block, field);
  return at === undefined ? undefined : a1(at.row, at.col);
}

/**
 * The 总额 row filled in part (a budget but no executed amount, the executed amount only on the
 * 其中：财政拨款 row): each blank cell of it takes the sum of the 其中 rows, and a note names the
 * cells summed. A filled cell is never replaced. True when a cell was summed. (summedFromSubRows
 * stays the mark of the wholly empty row, which the report words as such.)
 */
function fillBlankCellsFromSubRows(
  amounts: Partial<Record<MoneyField, number>>,
  spoilt: Set<MoneyField>,
  sumOfSubRows: (field: MoneyField) => SubRowSum,
  block: FundsBlock,
  problems: Problem[],
  shown: NonNullable<FundsResult['shown']>,
): boolean {
  let summed = false;
  if (block.subRows.length === 0) return summed;
  for (const field of MONEY_FIELDS) {
    const col = block.columns[field];
    if (col === undefined || amounts[field] !== undefined || spoilt.has(field)) continue;
    const { sum, cells, shape } = sumOfSubRows(field);
    if (sum === undefined) continue;
    amounts[field] = sum;
    setShape(shown, field, shape);
    summed = true;
    const [what, whatEn] = MONEY_NAMES[field];
    const sumText = amountText(sum, shape);
    problems.push(problem('funds-cell-summed', a1(block.totalRow, col), { what, whatEn, cells: cells.join('、'), cellsEn: cells.join(', '), sum: sumText }));
  }
  return summed;
}

/**
 * The funds' points. Whether the form scores the funds at all is decided by the headers, not the
 * cells: a 分值 column, a 得分 column, or points in the block's label or 得分 header make it a
 * scored block, even when the 分值 cell is left empty (the standard form's 分值 is 10, and an empty
 * one keeps the profile's default, as always). A block with none of these (amounts and 执行率 only)
 * on a form whose indicator table has a 分值 column is a form that sets its points itself and gives
 * the funds none: weight 0, the table's points are the indicators' alone. A form with no 分值
 * anywhere is scored on the profile's default split, the funds' default points included.
 */
function fundsWeight(grid: Grid, block: FundsBlock, profile: RuleProfile, problems: Problem[], pointsPerWeight: 1 | 100): number {
  const written = readFundsWeight(grid, block);
  const fallback = profile.defaultWeights.funds;
  if (written.kind === 'points' && pointsPerWeight !== 1 && written.value <= 1) return scale(written.value, pointsPerWeight);
  if (written.kind === 'points') {
    // The whole form is worth MAX_POINTS, and the block sits above an indicator table whose rows
    // need points too: a funds 分值 of the whole form's points is the table's total in the wrong cell.
    if (written.value < MAX_POINTS) return written.value;
    problems.push(problem('funds-weight-is-total', written.cell, { weight: formatNumber(written.value), fallback: formatNumber(fallback) }));
    return fallback;
  }
  const { columns } = block;
  if (fundsCell(block, 'weight') !== undefined || !block.indicatorsWeighted) return fallback;
  const scoreCell = addressOf(block, 'score');
  if (scoreCell !== undefined) {
    problems.push(problem('funds-weight-assumed', scoreCell, { fallback: formatNumber(fallback) }));
    return fallback;
  }
  const firstCol = Math.min(...Object.values(columns).filter((c): c is number => c !== undefined));
  problems.push(problem('funds-not-scored', a1(block.headerRow, firstCol)));
  return 0;
}

/**
 * The 执行率 the unit wrote: "95.8%", 0.958 in a percent format, or a bare figure. A bare figure up
 * to 1.5 is a fraction (an execution of 150% is already far beyond any real one), above it a
 * percentage. `tolerance`: half the last place the figure was written to (at least 0.01 point), so
 * that "86%" for 86.2% is not a disagreement.
 */
function readGivenRate(cell: GridCell): { value: number; text: string; tolerance: number } | undefined {
  if (cell.error) return undefined;
  const text = displayText(cell);
  let figure: number;
  let written: string;
  let percent: boolean;
  if (typeof cell.value === 'number') {
    figure = cell.value;
    percent = !/%/.test(cell.format) && figure > 1.5;
    written = /%$/.test(text) ? text.replace(/%$/, '') : String(figure);
  } else if (typeof cell.value === 'string') {
    const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(normaliseText(cell.value));
    if (!match) return undefined;
    figure = Number(match[1]);
    percent = match[2] === '%' || figure > 1.5;
    written = match[1];
  } else {
    return undefined;
  }
  const value = percent ? figure / 100 : figure;
  const shownAsPercent = percent || /%$/.test(text);
  const decimals = Math.max(0, (written.split('.')[1] ?? '').length - (shownAsPercent ? 0 : 2));
  return { value, text, tolerance: Math.max(0.5 * 10 ** -decimals, 0.01) / 100 };
}

/**
 * The unit's own funds 得分 (a number, or one stored as text such as "9.3") differs from the score
 * the rules give and will be replaced: said, as on an indicator row. A formula is kept, not replaced.
 */
function noteReplacedScore(grid: Grid, block: FundsBlock, score: number, problems: Problem[]): void {
  const at = fundsCell(block, 'score');
  if (at === undefined) return;
  const old = enteredScore(cellAt(grid, at.row, at.col));
  if (old !== undefined && Math.abs(old - score) > 0.005) {
    problems.push(problem('score-replaced', a1(at.row, at.col), { old: formatNumber(old), score: formatNumber(score) }));
  }
}
