/**
 * A 得分 the unit typed as text ("9.3") is still the unit's score (issue 8, class 6): kept with
 * keep-scores, and named in the 原得分…已改写 notice when replaced.
 */
import { evaluateGrid, type EvaluateOptions } from '../../src/engine/evaluate';
import { enteredScore } from '../../src/engine/read-points';
import { standardForm, type CellSpec } from '../helpers/grid-builder';

const rowsWith = (score: CellSpec) => {
  const grid = standardForm([
    { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 50 },
    { level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: '≥90%', actual: '92%', weight: 30 },
    { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '95%', weight: 10 },
  ]);
  grid.cells[9][7] =
    typeof score === 'object' && score !== null ? (score as never) : { value: score as string | number, text: String(score), format: 'General' };
  return grid; // the 得分 cell of the first indicator row: H10
};

function evaluate(score: CellSpec, options: EvaluateOptions = {}) {
  const outcome = evaluateGrid(rowsWith(score), options);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.evaluation;
}

describe('a score typed as text', () => {
  test.each(['9.3', ' 9.3 ', '9.3分', '９.３'])('"%s" is kept with keep-scores', (text) => {
    const ev = evaluate(text, { keepExistingScores: true });
    expect(ev.indicators[0]).toMatchObject({ score: 9.3, scoreFromUser: true });
    expect(ev.problems.find((p) => p.code === 'override-used')?.cell).toBe('H10');
  });

  test('when replaced, the notice names the old score', () => {
    const ev = evaluate('9.3');
    expect(ev.indicators[0].score).toBe(40);
    const notice = ev.problems.find((p) => p.code === 'score-replaced');
    expect(notice?.cell).toBe('H10');
    expect(notice?.message).toContain('9.3');
  });

  test('a number stored as a number is treated the same way', () => {
    expect(evaluate(9.3).problems.find((p) => p.code === 'score-replaced')?.message).toContain('9.3');
  });

  test('a score the same as the computed one needs no notice', () => {
    expect(evaluate('40').problems.map((p) => p.code)).not.toContain('score-replaced');
  });
});

describe('enteredScore', () => {
  const cell = (value: string | number, extra: object = {}) => ({ value, text: String(value), format: 'General', ...extra });
  test('text that is not a number, a placeholder or a formula is no entered score', () => {
    expect(enteredScore(cell('达标'))).toBeUndefined();
    expect(enteredScore(cell('—'))).toBeUndefined();
    expect(enteredScore(cell(8, { formula: 'G10*0.8' }))).toBeUndefined();
    expect(enteredScore(undefined)).toBeUndefined();
  });
  test('numbers and numeric text are', () => {
    expect(enteredScore(cell(8))).toBe(8);
    expect(enteredScore(cell('8分'))).toBe(8);
  });
});
