/** 执行率 and the funds score: min(rate, 100%) × weight, with the profile's denominator. */
import { a1 } from '../address';
import type { FundsResult, Problem } from '../evaluation';
import { cellAt, type Grid } from '../grid';
import type { FundsBlock } from '../locate/locate-funds';
import { displayText } from '../locate/cell-text';
import { percentText, problem } from '../messages';
import type { RuleProfile } from '../rules/profile';
import { normaliseText, isPlaceholderText } from '../text';
import { readFundsWeight } from './check-weights';
import { round2 } from './round';

/**
 * An amount as written: a usable value, or why it cannot be used. A negative or impossibly large
 * amount is an error note on a scored sheet, as an unreadable one has always been: it spoils the
 * funds score only (WHY not a failure: see check-weights.ts).
 */
type Money = { value?: number; unreadable?: string; invalid?: { text: string; reason: AmountProblem } };
type AmountProblem = 'negative' | 'too-large';

/**
 * Above this an amount is not money (a thousand trillion, in 元 or 万元) and not exact in Excel
 * either (15 significant digits); below it, sums of any table's rows stay finite.
 */
const MAX_AMOUNT = 1e15;

const NO_AMOUNT = /^(无|没有|零|〇)$/;

function readMoney(grid: Grid, row: number, col: number | undefined): Money {
  if (col === undefined) return {};
  const cell = cellAt(grid, row, col);
  if (cell.error) return { unreadable: cell.error };
  if (typeof cell.value === 'number') return checked(cell.value, displayText(cell) || String(cell.value));
  if (typeof cell.value !== 'string') return {};
  const text = normaliseText(cell.value).replace(/,/g, '').replace(/万?元$/, '');
  if (text === '' || isPlaceholderText(text)) return {};
  // "其他资金：无" — no money from that source, which is an amount of 0, not an unreadable one
  if (NO_AMOUNT.test(text)) return { value: 0 };
  return checked(Number(text.replace(/^−/, '-')), displayText(cell));
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

export function scoreFunds(grid: Grid, block: FundsBlock, profile: RuleProfile): { funds: FundsResult; problems: Problem[] } {
  const problems: Problem[] = [];
  const { columns } = block;
  const denominatorField = profile.funds.denominator === 'initial' ? 'initial' : 'adjusted';
  const inRate = (field: keyof typeof MONEY_NAMES) => field === 'executed' || field === denominatorField;
  /** Fields with an amount that cannot be used: the rate is then not computed, and no second message says so. */
  const spoilt = new Set<keyof typeof MONEY_NAMES>();
  const read = (field: keyof typeof MONEY_NAMES, row: number): number | undefined => {
    const col = columns[field];
    const money = readMoney(grid, row, col);
    if (col === undefined) return undefined;
    const names = { what: MONEY_NAMES[field][0], whatEn: MONEY_NAMES[field][1] };
    if (money.unreadable !== undefined) {
      problems.push(problem('funds-unreadable', a1(row, col), { ...names, text: money.unreadable, inRate: inRate(field) ? 1 : '' }));
      spoilt.add(field);
    } else if (money.invalid !== undefined) {
      const [reason, reasonEn] = AMOUNT_PROBLEMS[money.invalid.reason];
      problems.push(problem('funds-amount-invalid', a1(row, col), { ...names, text: money.invalid.text, reason, reasonEn, inRate: inRate(field) ? 1 : '' }));
      spoilt.add(field);
    }
    return money.value;
  };
  let initial = read('initial', block.totalRow);
  let adjusted = read('adjusted', block.totalRow);
  let executed = read('executed', block.totalRow);

  let summedFromSubRows = false;
  const totalIsEmpty = !adjusted && !executed && !spoilt.has('adjusted') && !spoilt.has('executed');
  if (totalIsEmpty && block.subRows.length > 0) {
    let subRowSpoilt = false;
    const sum = (field: keyof typeof MONEY_NAMES) => {
      const before = problems.length;
      const values = block.subRows.map((r) => read(field, r)).filter((v): v is number => v !== undefined);
      // A sum that leaves out an unusable row is not the total: no sum rather than a wrong one.
      if (problems.length > before) {
        subRowSpoilt = true;
        return undefined;
      }
      return values.length ? values.reduce((s, v) => s + v, 0) : undefined;
    };
    const [i, a, e] = [sum('initial'), sum('adjusted'), sum('executed')];
    if (subRowSpoilt) {
      // the notes on the unusable cells say why there is no rate; no note claims a sum was used
      [initial, adjusted, executed] = [undefined, undefined, undefined];
    } else if (a || e) {
      [initial, adjusted, executed] = [i, a, e];
      summedFromSubRows = true;
      problems.push(problem('funds-summed', a1(block.totalRow, columns.adjusted ?? columns.executed ?? 1)));
    }
  }

  const written = readFundsWeight(grid, block);
  // An invalid weight never gets here (evaluate.ts refuses the sheet); the default is for an empty one.
  const weight = written.kind === 'points' ? written.value : profile.defaultWeights.funds;
  const denominator = denominatorField === 'initial' ? initial : adjusted;
  let rate: number | undefined;
  if (denominator && denominator > 0 && executed !== undefined) rate = executed / denominator;
  // A budget so small that the rate overflows is, for the rate, no budget at all.
  if (rate !== undefined && !Number.isFinite(rate)) rate = undefined;
  if (rate === undefined && !spoilt.has('executed') && !spoilt.has(denominatorField)) {
    problems.push(problem('funds-no-budget', columns.adjusted ? a1(block.totalRow, columns.adjusted) : undefined));
  }

  const score = rate === undefined ? 0 : round2(Math.min(Math.max(rate, 0), 1) * weight);
  if (rate !== undefined && rate < profile.funds.flagBelow) {
    problems.push(
      problem('funds-low-rate', columns.rate ? a1(block.totalRow, columns.rate) : undefined, {
        rate: percentText(rate),
        threshold: percentText(profile.funds.flagBelow),
        noteRequired: profile.funds.noteRequiredBelow ? 1 : '',
      }),
    );
  }
  const cells: FundsResult['cells'] = {};
  if (columns.rate !== undefined) cells.rate = a1(block.totalRow, columns.rate);
  if (columns.score !== undefined) cells.score = a1(block.totalRow, columns.score);
  const funds: FundsResult = {
    ...(initial !== undefined ? { initial } : {}),
    ...(adjusted !== undefined ? { adjusted } : {}),
    ...(executed !== undefined ? { executed } : {}),
    unit: block.unit,
    ...(rate !== undefined ? { rate: Math.round(rate * 1e6) / 1e6 } : {}),
    weight,
    score,
    cells,
    ...(summedFromSubRows ? { summedFromSubRows } : {}),
  };
  return { funds, problems };
}
