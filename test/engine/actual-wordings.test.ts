/**
 * Actuals as units word them: a few words before the figure ("全年2次", "培训100人"), the result
 * restated in brackets ("100%（12/12）"), 个 for things counted one by one, and "100%" against a
 * target that is a statement of completion. Words that negate or hedge the figure keep it unread.
 */
import type { Evaluation, IndicatorResult } from '../../src/engine/evaluation';
import { evaluateOneRow, type CellSpec } from '../helpers/grid-builder';

const evaluate = (target: CellSpec, actual: CellSpec, level2 = '数量指标'): Evaluation => evaluateOneRow(target, actual, level2);
const row = (target: CellSpec, actual: CellSpec, level2?: string): IndicatorResult => evaluate(target, actual, level2).indicators[0];

describe('words before the figure', () => {
  test.each([
    ['≥2次', '全年2次'],
    ['≥2次', '已开展2次'],
    ['≥2次', '共2次'],
    ['≥100人', '培训100人'],
    ['≥95%', '达100%'],
    ['≥95%', '为96%'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual)).toMatchObject({ status: 'met', score: 10 });
  });

  test('the figure after the words is the one scored', () => {
    expect(row('≥100人', '培训80人')).toMatchObject({ status: 'unmet', score: 8 });
  });

  test.each(['未达到95%', '约96%', '超100%', '较上年95%', '其中96%'])('"%s" is not read as its figure, and the actual cell is named', (actual) => {
    const evaluation = evaluate('≥95%', actual);
    expect(evaluation.indicators[0].status).toBe('unreadable');
    expect(evaluation.problems.find((p) => p.code === 'unreadable-actual')).toMatchObject({ cell: 'F10' });
  });
});

describe('the result restated in brackets', () => {
  test.each([
    ['≥95%', '100%（12/12）'],
    ['≥10个', '12个（100%）'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual)).toMatchObject({ status: 'met', score: 10 });
  });

  test('a remark with other figures still makes the actual unreadable', () => {
    expect(row('≥10个', '12个（其中3个在建）').status).toBe('unreadable');
  });
});

describe('above, over, more than', () => {
  test.each([
    ['高于90%', '91%', 'met'],
    ['超过90%', '89%', 'unmet'],
    ['≥90%', '高于95%', 'met'],
  ])('%s answered %s is %s', (target, actual, status) => {
    expect(row(target, actual).status).toBe(status);
  });
});

describe('things counted one by one', () => {
  test.each([
    ['≥5个', '5家'],
    ['≥3项', '3个'],
    ['≥5名', '5人'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual)).toMatchObject({ status: 'met', score: 10 });
  });

  test('units of measure are not counted one by one: 5个 against 5亩 is a unit mismatch', () => {
    expect(evaluate('≥5亩', '5个').problems.find((p) => p.code === 'unit-mismatch')).toMatchObject({ cell: 'F10' });
  });
});

describe('a statement of completion answered with a share', () => {
  test('"100%" against "按时限完成" is met', () => {
    expect(row('按时限完成', '100%', '时效指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test.each([
    ['按时完成', '95%'],
    ['显著提升', '100%'],
  ])('%s answered %s is left to the user', (target, actual) => {
    expect(row(target, actual, '时效指标').status).toBe('needs-judgement');
  });
});

describe('a satisfaction survey scored out of 100', () => {
  test('"95分" answers "≥90%" on a 满意度 row', () => {
    expect(evaluateOneRow('≥90%', '95分', '服务对象满意度指标', '群众满意度').indicators[0]).toMatchObject({ status: 'met', score: 10 });
    expect(evaluateOneRow('≥90%', '81分', '服务对象满意度指标', '群众满意度').indicators[0]).toMatchObject({ status: 'unmet', score: 9 });
  });

  test('on any other row, 分 against % is still a unit mismatch', () => {
    expect(evaluateOneRow('≥90%', '95分', '质量指标', '合格率').problems.find((p) => p.code === 'unit-mismatch')).toMatchObject({ cell: 'F10' });
  });
});

describe('grades', () => {
  test.each([
    ['优秀', '优秀'],
    ['良好', '优秀'],
    ['合格', '良好'],
  ])('%s answered %s (as good or better) is met', (target, actual) => {
    expect(row(target, actual, '质量指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test('a lower grade than the one set is left to the user, with the partial share for now', () => {
    const evaluation = evaluateOneRow('优秀', '良好', '质量指标');
    expect(evaluation.indicators[0]).toMatchObject({ status: 'needs-judgement', score: 7 });
    expect(evaluation.problems.find((p) => p.code === 'needs-judgement')?.message).toContain('实际等次低于目标等次');
  });

  test('不合格 is not achieved', () => {
    expect(row('合格', '不合格', '质量指标')).toMatchObject({ status: 'unmet', score: 3 });
  });
});

describe('an actual not known yet, or none so far', () => {
  test.each(['待统计', '尚未统计', '统计中', '待定'])('"%s" is a missing actual, named by its cell', (actual) => {
    const evaluation = evaluateOneRow('≥95%', actual);
    expect(evaluation.indicators[0].status).toBe('missing-actual');
    expect(evaluation.problems.find((p) => p.code === 'missing-actual')).toMatchObject({ cell: 'F10' });
  });

  test('"暂无" meets a zero or a ceiling, as "无" does', () => {
    expect(row('0起', '暂无', '质量指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('≤3起', '暂无', '质量指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('≥95%', '暂无', '质量指标').status).toBe('needs-judgement');
  });
});
