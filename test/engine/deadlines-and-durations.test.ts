/**
 * Deadlines and durations as units write them: "当年12月底前", "不晚于12月31日", "≤12月"; years,
 * months, weeks and days compared with each other; and a deadline without a year, which falls in
 * the year the form evaluates (the standard form here says 2024年度).
 */
import type { IndicatorResult } from '../../src/engine/evaluation';
import { evaluateOneRow, type CellSpec } from '../helpers/grid-builder';

const row = (target: CellSpec, actual: CellSpec, level2 = '时效指标'): IndicatorResult => evaluateOneRow(target, actual, level2, '完成时间').indicators[0];

describe('deadlines', () => {
  test.each([
    ['当年12月底前', '12月'],
    ['本年度11月底前', '2024年10月'],
    ['不晚于2024年12月31日', '2024年12月20日'],
    ['不迟于11月30日', '11月20日'],
    ['≤12月', '11月'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual)).toMatchObject({ kind: 'date', status: 'met', score: 10 });
  });

  test.each([
    ['不晚于11月30日', '12月10日'],
    ['≤10月', '11月'],
  ])('%s answered %s is late', (target, actual) => {
    expect(row(target, actual).status).not.toBe('met');
  });

  test('a deadline without a year is in the year evaluated: done in January of the next year is late', () => {
    expect(row('12月31日前', '2025年1月5日').status).not.toBe('met');
    expect(row('12月31日前', '2024年12月5日').status).toBe('met');
  });

  test('"≤12个月" is a duration, not a deadline', () => {
    expect(row('≤12个月', '10个月')).toMatchObject({ kind: 'lower', status: 'met' });
  });
});

describe('durations in other units', () => {
  test.each([
    ['1年', '12个月', '可持续影响指标'],
    ['≥1年', '15个月', '可持续影响指标'],
    ['≤2周', '10天', '时效指标'],
    ['30日内', '20天', '时效指标'],
    ['≤30天', '20日', '时效指标'],
  ])('%s answered %s is met', (target, actual, level2) => {
    expect(row(target, actual, level2)).toMatchObject({ status: 'met', score: 10 });
  });

  test('years and months are compared as months: 8年 of ≥10年 is 80%', () => {
    expect(row('≥10年', '8年', '可持续影响指标')).toMatchObject({ status: 'unmet', score: 8 });
  });
});
