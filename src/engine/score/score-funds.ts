/** 执行率 and the funds score: min(rate, 100%) × weight, with the profile's denominator. */
import { a1 } from '../address';
import type { FundsResult, Problem } from '../evaluation';
import { cellAt, type Grid } from '../grid';
import type { FundsBlock } from '../locate/locate-funds';
import { displayText } from '../locate/cell-text';
import { percentText, problem } from '../messages';
import type { RuleProfile } from '../rules/profile';
import { normaliseText, isPlaceholderText } from '../text';
import { round2 } from './round';

type Money = { value?: number; unreadable?: string };

function readMoney(grid: Grid, row: number, col: number | undefined): Money {
  if (col === undefined) return {};
  const cell = cellAt(grid, row, col);
  if (typeof cell.value === 'number') return Number.isFinite(cell.value) ? { value: cell.value } : { unreadable: String(cell.value) };
  if (cell.error) return { unreadable: cell.error };
  if (typeof cell.value !== 'string') return {};
  const text = normaliseText(cell.value).replace(/,/g, '').replace(/万?元$/, '');
  if (text === '' || isPlaceholderText(text)) return {};
  const n = Number(text);
  return Number.isFinite(n) ? { value: n } : { unreadable: displayText(cell) };
}

const MONEY_NAMES = {
  initial: ['年初预算数', 'initial budget'],
  adjusted: ['全年预算数', 'adjusted budget'],
  executed: ['全年执行数', 'amount executed'],
} as const;

export function scoreFunds(grid: Grid, block: FundsBlock, profile: RuleProfile): { funds: FundsResult; problems: Problem[] } {
  const problems: Problem[] = [];
  const { columns } = block;
  const read = (field: keyof typeof MONEY_NAMES, row: number): number | undefined => {
    const money = readMoney(grid, row, columns[field]);
    if (money.unreadable !== undefined && columns[field] !== undefined) {
      problems.push(problem('funds-unreadable', a1(row, columns[field] as number), { what: MONEY_NAMES[field][0], whatEn: MONEY_NAMES[field][1], text: money.unreadable }));
    }
    return money.value;
  };
  let initial = read('initial', block.totalRow);
  let adjusted = read('adjusted', block.totalRow);
  let executed = read('executed', block.totalRow);

  let summedFromSubRows = false;
  const totalIsEmpty = !adjusted && !executed;
  if (totalIsEmpty && block.subRows.length > 0) {
    const sum = (field: keyof typeof MONEY_NAMES) => {
      const values = block.subRows.map((r) => read(field, r)).filter((v): v is number => v !== undefined);
      return values.length ? values.reduce((s, v) => s + v, 0) : undefined;
    };
    const [i, a, e] = [sum('initial'), sum('adjusted'), sum('executed')];
    if (a || e) {
      [initial, adjusted, executed] = [i, a, e];
      summedFromSubRows = true;
      problems.push(problem('funds-summed', a1(block.totalRow, columns.adjusted ?? columns.executed ?? 1)));
    }
  }

  const weightCell = readMoney(grid, block.totalRow, columns.weight).value;
  const weight = weightCell ?? block.labelWeight ?? profile.defaultWeights.funds;
  const denominator = profile.funds.denominator === 'initial' ? initial : adjusted;
  let rate: number | undefined;
  if (denominator && denominator > 0 && executed !== undefined) rate = executed / denominator;
  else problems.push(problem('funds-no-budget', columns.adjusted ? a1(block.totalRow, columns.adjusted) : undefined));

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
