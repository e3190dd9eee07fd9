/**
 * Targets and actuals as units really write them (issue 8, class 5), each scored on a standard
 * form: the same text on both sides, tick boxes, ASCII operators, ★ marks and amounts as text.
 */
import type { IndicatorResult } from '../../src/engine/evaluation';
import { parseMeasure } from '../../src/engine/parse/measure';
import { evaluateOneRow, type CellSpec } from '../helpers/grid-builder';

const row = (target: CellSpec, actual: CellSpec, level3 = '指标', level2 = '质量指标'): IndicatorResult =>
  evaluateOneRow(target, actual, level2, level3).indicators[0];

describe('the same text as target and actual is met', () => {
  test.each([
    ['a period', '2023年1月-12月'],
    ['a period with dots', '2023.01-2023.12'],
    ['a deadline', '2023年11月30日前'],
    ['a statement', '明显提升'],
    ['a modest statement', '基本满意'],
    ['words that sound partial', '较好'],
  ])('%s: "%s"', (_what, text) => {
    expect(row(text, text)).toMatchObject({ status: 'met', score: 10 });
  });
});

describe('tick boxes', () => {
  test('the ticked option is what the cell says', () => {
    expect(row('☑达标 □未达标', '☑达标 □未达标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('达标', '☑达标 □未达标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('达标', '□达标 ☑未达标')).toMatchObject({ status: 'unmet' });
  });

  test('other tick marks: √ and ■ against □ or ☐', () => {
    expect(parseMeasure({ value: '√是 □否' }, 'actual')).toMatchObject({ kind: 'qualitative', text: '是', tier: 'achieved' });
    expect(parseMeasure({ value: '☐是 ■否' }, 'actual')).toMatchObject({ kind: 'qualitative', text: '否', tier: 'failed' });
  });

  test('no box ticked is not an answer', () => {
    expect(parseMeasure({ value: '□达标 □未达标' }, 'actual').kind).toBe('empty');
  });

  test('a tick alone, with no empty box beside it, is left as written, and reads as done; a cross alone as not done', () => {
    expect(parseMeasure({ value: '√' }, 'actual')).toMatchObject({ kind: 'qualitative', text: '√', tier: 'achieved' });
    expect(row('按时完成', '√')).toMatchObject({ status: 'met', score: 10 });
    expect(row('合格', '×')).toMatchObject({ status: 'unmet' });
    expect(parseMeasure({ value: '√' }, 'target')).toEqual({ kind: 'qualitative', text: '√' });
  });
});

describe('other spellings', () => {
  test.each([
    ['>=95%', '96%', 'met', 10],
    ['<=100%', '98%', 'met', 10],
    ['=100%', '100%', 'met', 10],
    ['=100%', '90%', 'unmet', 9],
    ['≤215,457.6元', '215,457.6', 'met', 10],
    ['≤200,000元', '215,457.6元', 'unmet', 9.28],
  ])('%s against %s is %s', (target, actual, status, score) => {
    expect(row(target, actual)).toMatchObject({ status, score });
  });

  test('★ before a name marks a core indicator and is not part of the name', () => {
    expect(row('≥1000人', '1200人', '★受益人数')).toMatchObject({ level3: '受益人数', core: true, status: 'met' });
  });
});

describe('figures with words around them', () => {
  test.each([
    ['100%覆盖', '100%覆盖', 'met', 10],
    ['100%完成', '100%', 'met', 10],
    ['≥95%达标', '96%', 'met', 10],
    ['≥85%', '满意度96%', 'met', 10],
    ['满意度≥90%', '满意度为85%', 'unmet', 9.44],
    ['≥95%', '完成率达到100%', 'met', 10],
  ])('%s against %s is %s', (target, actual, status, score) => {
    expect(row(target, actual)).toMatchObject({ status, score });
  });

  test('a figure in a longer sentence is still not guessed', () => {
    expect(row('≥95%', '全年完成96%的任务，下半年有所下降')).toMatchObject({ status: 'unreadable', score: 0 });
  });
});

describe('deadlines and times allowed', () => {
  test('done in the month whose last day is the deadline is on time', () => {
    expect(row('2023年12月31日前', '2023年12月', '完成时间', '时效指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test('done in the deadline month before its last day cannot be told, and says so', () => {
    expect(row('2023年11月20日前', '2023年11月', '完成时间', '时效指标')).toMatchObject({ status: 'needs-judgement' });
  });

  test('under 时效指标 a bare number of days is a time allowed: fewer is better', () => {
    expect(row('10个工作日', '8个工作日', '办结时间', '时效指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('10个工作日', '12个工作日', '办结时间', '时效指标')).toMatchObject({ status: 'unmet', score: 8.33 });
  });

  test('elsewhere a number of days is a quantity: more is better', () => {
    expect(row('10天', '8天', '培训天数', '数量指标')).toMatchObject({ status: 'unmet', score: 8 });
  });
});

describe('an absence said in other words', () => {
  test.each([
    ['不发生重大安全事故', '未发生重大安全事故'],
    ['不发生', '未发生'],
    ['无重大安全事故', '未发生'],
    ['杜绝安全事故', '无'],
    ['零投诉', '无投诉'],
  ])('%s answered %s is met', (target, actual) => {
    expect(row(target, actual)).toMatchObject({ status: 'met', score: 10 });
  });

  test('a quality is no absence: "不断提高" answered "无" is not met', () => {
    expect(row('不断提高', '无').status).not.toBe('met');
  });

  test('an event that happened is not an absence', () => {
    expect(row('不发生重大安全事故', '发生1起一般事故').status).not.toBe('met');
  });
});

describe('units written differently on the two sides, and statements against figures', () => {
  test.each([
    ['≥10公里', '10500米', 'met'],
    ['≥10公里', '9.5km', 'unmet'],
    ['≥1000公斤', '1.2吨', 'met'],
    ['10台（套）', '10台套', 'met'],
  ])('%s against %s: %s', (target, actual, status) => {
    expect(row(target, actual, '数量')).toMatchObject({ status });
  });

  test.each([
    ['0起', '无'],
    ['=0', '没有'],
    ['≤5%', '未发生'],
  ])('"%s" with the actual "%s": none happened, which was the aim', (target, actual) => {
    expect(row(target, actual, '安全事故')).toMatchObject({ status: 'met', score: 10 });
  });

  test.each(['无负面影响', '无环境污染', '不发生安全隐患'])('the target "%s" answered "无" is met', (target) => {
    expect(row(target, '无', '生态影响', '生态效益指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test('"全覆盖" answered by a share is scored as 100%', () => {
    expect(row('全覆盖', '100%', '覆盖率')).toMatchObject({ status: 'met', score: 10 });
    expect(row('全覆盖', '96%', '覆盖率')).toMatchObject({ status: 'unmet', score: 9.6 });
  });

  test('"控制在预算内" is a statement, met when repeated', () => {
    expect(row('控制在预算内', '控制在预算内', '项目成本', '成本指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('控制在100万元以内', '98万元', '项目成本', '成本指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test('"满意" answered "非常满意" is met; "不满意" and "非满意" are not', () => {
    expect(row('满意', '非常满意', '群众满意度', '满意度指标')).toMatchObject({ status: 'met', score: 10 });
    expect(row('满意', '不满意', '群众满意度', '满意度指标')).toMatchObject({ status: 'unmet' });
    expect(row('满意', '非满意', '群众满意度', '满意度指标').status).not.toBe('met');
  });

  test('"无" against a figure to reach is nothing achieved', () => {
    expect(row('≥100人', '无', '培训人数')).toMatchObject({ status: 'unmet', score: 0 });
  });

  test.each(['已于10月完成', '按期完成（10月）', '10月完成'])('the deadline "2023年12月31日前" with the actual "%s" is met', (actual) => {
    expect(row('2023年12月31日前', actual, '完成时间', '时效指标')).toMatchObject({ status: 'met', score: 10 });
  });

  test.each(['达标', '及时', '已到位'])('a rate with the actual "%s" is met', (actual) => {
    expect(row('100%', actual, '资金拨付及时率')).toMatchObject({ status: 'met', score: 10 });
  });
});

describe('a number cell whose format writes the operator and unit around it', () => {
  test.each([
    ['"≤"0%', 0.05, '≤5%', 0.03, '3%', 'met'],
    ['"≤"0%', 0.05, '≤5%', 0.08, '8%', 'unmet'],
    ['"≥"0"人"', 100, '≥100人', 80, '80', 'unmet'],
  ])('%s: %s shown as %s, against %s', (format, value, text, actualValue, actualText, status) => {
    const result = row({ value, text, format }, { value: actualValue, text: actualText, format: format.includes('%') ? '0%' : 'General' });
    expect(result.status).toBe(status);
  });

  test('"≤"0"天" under 时效指标 is a ceiling: 12 days is over it', () => {
    expect(row({ value: 10, text: '≤10天', format: '"≤"0"天"' }, '12天', '指标', '时效指标')).toMatchObject({ status: 'unmet', score: 8.33 });
  });
});
