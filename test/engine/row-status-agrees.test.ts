/**
 * A row's status, flag, colour and messages say the same thing (issue 9, items 2 and 3): a kept
 * score settles a row the rules left open, and a row waiting for judgement is not "missed".
 */
import { evaluateGrid, type EvaluateOptions } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import type { WritePlan } from '../../src/engine/write-plan';
import { standardForm, withCellsAt } from '../helpers/grid-builder';

// Columns: F 实际完成值, H 得分, I 偏差原因; the 偏差标记 column is added. Row 10: a deadline missed (待评定 by the rules); row 11: a numeric target with a text actual.
const form = (score10?: number | string) => {
  const grid = standardForm([
    { level1: '产出指标', level2: '时效指标', level3: '危桥改造完成时间', target: '2024年11月底前', actual: '2025年3月', weight: 40 },
    { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '基本完成', weight: 40 },
    { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '95%', weight: 10 },
  ]);
  return score10 === undefined ? grid : withCellsAt(grid, { H10: score10 });
};

function run(score10: number | string | undefined, options: EvaluateOptions = {}) {
  const outcome = evaluateGrid(form(score10), options);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

const flagWrite = (plan: WritePlan, row: number) => plan.writes.find((w) => w.role === 'flag' && w.address.replace(/^[A-Z]+/, '') === String(row));
const messagesAt = (ev: Evaluation, cell: string) => ev.problems.filter((p) => p.cell === cell).map((p) => p.message);

describe('a kept score settles the row', () => {
  test('without --keep-scores the late row waits for judgement and the total is provisional', () => {
    const { evaluation } = run(30);
    expect(evaluation.indicators[0]).toMatchObject({ status: 'needs-judgement', score: 0 });
    expect(evaluation.problems.map((p) => p.code)).toContain('provisional-total');
  });

  test('with --keep-scores a part score makes the row 未达标, says so, and asks for the reason', () => {
    const { evaluation, plan } = run(30, { keepExistingScores: true });
    const row = evaluation.indicators[0];
    expect(row).toMatchObject({ status: 'unmet', score: 30, scoreFromUser: true });
    expect(row.flag).toContain('人工认定得分30分');
    expect(row.flag).not.toContain('需人工评定');
    expect(messagesAt(evaluation, 'F10').join('')).not.toContain('暂计0分');
    expect(messagesAt(evaluation, 'H10').join('')).toContain('已采用人工认定得分30分');
    expect(evaluation.problems.map((p) => p.code)).toContain('note-required');
    // Only row 11 is still open.
    expect(evaluation.problems.find((p) => p.code === 'provisional-total')?.message).toContain('1项');
    expect(flagWrite(plan, 10)?.fill).toBe('red');
  });

  test('a full kept score makes the row 达标 with no reason asked', () => {
    const { evaluation, plan } = run(40, { keepExistingScores: true });
    expect(evaluation.indicators[0]).toMatchObject({ status: 'met', score: 40 });
    expect(evaluation.indicators[0].flag).toBe('无偏差（人工认定得分）');
    expect(
      evaluation.problems
        .filter((p) => p.cell?.endsWith('10'))
        .map((p) => p.message)
        .join(''),
    ).not.toContain('偏差原因');
    expect(flagWrite(plan, 10)?.fill).toBe('green');
  });

  test("a kept score above the row's points is refused and the row stays open", () => {
    const { evaluation } = run(55, { keepExistingScores: true });
    expect(evaluation.indicators[0].status).toBe('needs-judgement');
    expect(evaluation.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['override-invalid', 'needs-judgement', 'provisional-total']));
  });
});

describe('a row waiting for judgement is not a missed target', () => {
  test('a text actual against a numeric target asks for judgement only', () => {
    const { evaluation, plan } = run(undefined);
    const row = evaluation.indicators[1];
    expect(row.status).toBe('needs-judgement');
    expect(row.flag).not.toContain('偏差原因');
    const said = evaluation.problems
      .filter((p) => p.cell?.endsWith('11'))
      .map((p) => p.message)
      .join('\n');
    expect(said).toContain('需人工评定');
    expect(said).not.toContain('未达到目标');
    expect(flagWrite(plan, 11)?.fill).toBe('amber');
  });

  test('once judged as partly met, it is 未达标 and the reason is asked for', () => {
    const { evaluation } = run(undefined, { judgements: { 11: { tier: 'partial' } } });
    expect(evaluation.indicators[1].status).toBe('unmet');
    expect(evaluation.problems.filter((p) => p.code === 'note-required').map((p) => p.cell)).toContain('I11');
  });
});
