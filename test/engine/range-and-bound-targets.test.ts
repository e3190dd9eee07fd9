/**
 * Targets written as a range ("90%-95%", "3-5天"), per period ("每年1次"), or as a bound in words
 * ("≤批复预算", "不低于上年"), and actuals that give only a bound ("5天多", "不足95%"). Each is
 * scored on a standard form, so the messages are checked with the cells they name.
 */
import type { IndicatorResult } from '../../src/engine/evaluation';
import { evaluateOneRow as evaluate, type CellSpec } from '../helpers/grid-builder';

const row = (target: CellSpec, actual: CellSpec, level2?: string): IndicatorResult => evaluate(target, actual, level2).indicators[0];

describe('a range target', () => {
  test.each([
    ['90%-95%', '93%'],
    ['90%~95%', '90%'],
    ['90%至95%', '95%'],
    ['90-95%', '92.5%'],
    ['10-15人', '14人'],
    ['0-5%', '3%'],
  ])('%s answered %s, inside the range, is met with no over-achievement flag', (target, actual) => {
    expect(row(target, actual)).toMatchObject({ status: 'met', score: 10 });
  });

  test('below the range is scored against its lower bound', () => {
    const result = row('90%-95%', '85%');
    expect(result).toMatchObject({ status: 'unmet', score: 9.44 });
    expect(result.flag).toContain('完成率94.4%');
  });

  test('above the range is left to the user, with a message naming the actual cell', () => {
    const evaluation = evaluate('90%-95%', '98%');
    expect(evaluation.indicators[0]).toMatchObject({ status: 'needs-judgement' });
    const problem = evaluation.problems.find((p) => p.code === 'needs-judgement');
    expect(problem).toMatchObject({ cell: 'F10' });
    expect(problem?.message).toContain('实际完成值高于指标区间上限');
  });

  test('a range of days under 时效指标 allows up to its upper bound', () => {
    expect(row('3-5天', '2天', '时效指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('3-5天', '5天', '时效指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('3-5天', '10天', '时效指标')).toMatchObject({ status: 'unmet', score: 5 });
  });

  test('a range of years is no quantity range: it stays unreadable, naming the target cell', () => {
    const evaluation = evaluate('2023-2025年', '2024年');
    expect(evaluation.indicators[0].status).toBe('unreadable');
    expect(evaluation.problems.find((p) => p.code === 'unreadable-target')).toMatchObject({ cell: 'E10' });
  });
});

describe('a count per period', () => {
  test('"每年1次" reads as 1次/年, and a bare count answers it', () => {
    expect(row('每年1次', '1次', '数量指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('每年不少于2次', '1次', '数量指标')).toMatchObject({ status: 'unmet', score: 5 });
  });

  test('a bare count does not answer a monthly or quarterly target: it may be the whole year', () => {
    for (const target of ['每月1次', '1次/季度']) {
      const evaluation = evaluate(target, '12次', '数量指标');
      expect(evaluation.indicators[0].status).toBe('unreadable');
      expect(evaluation.problems.find((p) => p.code === 'unit-mismatch')).toMatchObject({ cell: 'F10' });
    }
    expect(row('每月1次', '1次/月', '数量指标')).toMatchObject({ status: 'met', score: 10 });
  });
});

describe('units as written on forms', () => {
  test.each([
    ['1500元/人·年', '1500元/人·年'],
    ['500元/人/月', '480元/人/月'],
    ['≥90（%）', '95'],
    ['95（%）', '96（%）'],
    ['≥95%（含）', '95%'],
  ])('%s answered %s', (target, actual) => {
    expect(row(target, actual, '成本指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test('a cost per person per year under 成本指标 is a ceiling', () => {
    expect(row('1500元/人·年', '2000元/人·年', '成本指标')).toMatchObject({ status: 'unmet', kind: 'lower', score: 7.5 });
  });
});

describe('a bound stated in words', () => {
  test.each([
    ['≤预算数', '未超预算'],
    ['不超过批复预算', '未超过批复预算'],
    ['控制在预算范围内', '没有超出预算'],
    ['不低于上年', '高于上年'],
    ['≥上年', '持平'],
    ['不低于上年水平', '与上年持平'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual, '经济效益指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test.each([
    ['≤预算数', '超出预算'],
    ['≤预算数', '未超上年'],
    ['不低于上年', '低于上年'],
  ])('%s answered %s is left to the user', (target, actual) => {
    expect(row(target, actual, '经济效益指标')).toMatchObject({ status: 'needs-judgement', score: 0 });
  });

  test('a hedged answer ("基本持平") is the partial tier, not the bound kept', () => {
    expect(row('不低于上年', '与上年基本持平', '经济效益指标')).toMatchObject({ status: 'unmet', score: 7 });
  });

  test('the target is a statement, not an unreadable figure', () => {
    const evaluation = evaluate('不低于上年', '是');
    expect(evaluation.indicators[0]).toMatchObject({ kind: 'qualitative', status: 'met' });
    expect(evaluation.problems.filter((p) => p.code === 'unreadable-target')).toEqual([]);
  });
});

describe('an actual that gives only a bound', () => {
  test('"5天多" against "≤5天" is over the ceiling by an unknown amount', () => {
    const evaluation = evaluate('≤5天', '5天多', '时效指标');
    expect(evaluation.indicators[0]).toMatchObject({ status: 'needs-judgement', score: 0 });
    expect(evaluation.problems.find((p) => p.code === 'needs-judgement')).toMatchObject({ cell: 'F10' });
  });

  test('"不足95%" and "95%以下" against "≥95%" fall short by an unknown amount', () => {
    expect(row('≥95%', '不足95%')).toMatchObject({ status: 'needs-judgement', score: 0 });
    expect(row('≥95%', '95%以下')).toMatchObject({ status: 'needs-judgement', score: 0 });
  });

  test('a bound on the right side of the target still meets it', () => {
    expect(row('≤5天', '4天多', '时效指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('≥95%', '98%以上')).toMatchObject({ status: 'met', score: 10 });
    expect(row('≥90%', '不足95%')).toMatchObject({ status: 'needs-judgement' });
  });
});

describe('none of an event answers a zero or a ceiling', () => {
  test.each([
    ['小于5次', '无上访'],
    ['0起', '未发生安全事故'],
    ['≤3件', '零投诉'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual, '社会效益指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test.each([
    ['小于5次', '无效'],
    ['≥5次', '无上访'],
  ])('%s answered %s is not', (target, actual) => {
    expect(row(target, actual, '社会效益指标').status).not.toBe('met');
  });
});

describe('a figure for each thing', () => {
  test.each([
    ['每亩300', '每亩300'],
    ['每亩300元', '每亩280元'],
    ['每人每月200元', '每人每月200元'],
    ['每户1000元', '1000元/户'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual, '成本指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test('a cost for each thing over its ceiling is scored by the ratio', () => {
    expect(row('每亩300元', '每亩400元', '成本指标')).toMatchObject({ status: 'unmet', score: 7.5 });
  });
});

describe('a bare actual against a target in 万 or 亿', () => {
  test('is read in the target unit when that is nearer, with a message naming the actual cell', () => {
    const evaluation = evaluate('≥50万元', 52, '经济效益指标');
    expect(evaluation.indicators[0]).toMatchObject({ status: 'met', score: 10 });
    const problem = evaluation.problems.find((p) => p.code === 'actual-unit-assumed');
    expect(problem).toMatchObject({ cell: 'F10', severity: 'warning' });
    expect(problem?.message).toContain('52万元');
  });

  test('a shortfall is scored on the same reading', () => {
    expect(row('≥50万元', '40', '经济效益指标')).toMatchObject({ status: 'unmet', score: 8 });
    expect(row('≤50万元', '55', '成本指标')).toMatchObject({ status: 'unmet', score: 9.09 });
  });

  test('is taken as written when that is nearer ("520000" is 元), with no message', () => {
    const evaluation = evaluate('≥50万元', '520000', '经济效益指标');
    expect(evaluation.indicators[0]).toMatchObject({ status: 'met', score: 10 });
    expect(evaluation.problems.filter((p) => p.code === 'actual-unit-assumed')).toEqual([]);
  });
});
