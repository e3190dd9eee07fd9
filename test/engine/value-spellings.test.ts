/**
 * Targets and actuals as units really write them (issue 8, class 5), each scored on a standard
 * form: the same text on both sides, tick boxes, ASCII operators, ★ marks and amounts as text.
 */
import { evaluateGrid } from '../../src/engine/evaluate';
import type { IndicatorResult } from '../../src/engine/evaluation';
import { parseMeasure } from '../../src/engine/parse/measure';
import { standardForm, type CellSpec } from '../helpers/grid-builder';

function row(target: CellSpec, actual: CellSpec, level3 = '指标', level2 = '质量指标'): IndicatorResult {
  const outcome = evaluateGrid(standardForm([{ level1: '产出指标', level2, level3, target, actual, weight: 10 }]));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.evaluation.indicators[0];
}

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

  test('a tick alone, with no empty box beside it, is left as written', () => {
    expect(parseMeasure({ value: '√' }, 'actual')).toMatchObject({ kind: 'qualitative', text: '√' });
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
