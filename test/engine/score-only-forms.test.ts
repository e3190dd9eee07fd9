/**
 * Score-only forms (issue 8, class 9): older 共性指标 sheets with 分值 and 得分 on 决策/过程/产出/效益
 * rows and no 指标值 or 实际完成值. They are read, checked and totalled, never refused, and the
 * result says the scores are as entered.
 */
import { evaluateGrid } from '../../src/engine/evaluate';
import { statusLabel } from '../../src/engine/labels';
import type { Evaluation } from '../../src/engine/evaluation';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

const HEADER: CellSpec[] = ['一级指标', '二级指标', '三级指标', '指标解释', '分值', '得分'];
function form(rows: CellSpec[][], total: CellSpec[] = ['总分', null, null, null, 100, null]) {
  return gridFromRows([['项目支出绩效自评表'], ['项目名称', '村级公益事业'], HEADER, ...rows, total]);
}
const ROWS: CellSpec[][] = [
  ['决策', '项目立项', '立项依据充分性', '是否符合规划', 10, 10],
  [null, '绩效目标', '目标明确性', '是否细化量化', 10, 8],
  ['过程', '资金管理', '资金到位率', '到位资金/计划', 20, '19.5'],
  ['产出', '产出数量', '实际完成率', '完成/计划', 30, 27],
  ['效益', '项目效益', '社会效益', '群众受益', 30, 26],
];

function scored(grid: ReturnType<typeof gridFromRows>): { evaluation: Evaluation; writes: Map<string, unknown> } {
  const outcome = evaluateGrid(grid);
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return { evaluation: outcome.evaluation, writes: new Map(outcome.plan.writes.map((w) => [w.address, w.value])) };
}

describe('a score-only form', () => {
  test('is read, not refused: the entered scores are summed and graded', () => {
    const { evaluation } = scored(form(ROWS));
    expect(evaluation.scoresAsEntered).toBe(true);
    expect(evaluation.indicators.map((i) => [i.level1, i.level3, i.weight, i.score, i.kind])).toEqual([
      ['决策', '立项依据充分性', 10, 10, 'entered'],
      ['决策', '目标明确性', 10, 8, 'entered'],
      ['过程', '资金到位率', 20, 19.5, 'entered'],
      ['产出', '实际完成率', 30, 27, 'entered'],
      ['效益', '社会效益', 30, 26, 'entered'],
    ]);
    expect(evaluation.totalScore).toBe(90.5);
    expect(evaluation.totalMax).toBe(100);
    expect(evaluation.grade).toBe('优');
  });

  test('says plainly that the scores are as entered, and asks for no funds block', () => {
    const { evaluation } = scored(form(ROWS));
    const messages = evaluation.problems.map((p) => p.message);
    expect(messages[0]).toContain('各项得分按表中所填计入，未按规则重新计算');
    expect(evaluation.problems.map((p) => p.code)).not.toContain('funds-missing');
  });

  test("writes the total and the grade, and leaves the unit's row scores as they are", () => {
    const { writes } = scored(form(ROWS));
    expect(writes.get('F9')).toBe(90.5);
    expect(writes.get('G9')).toBe('等级：优');
    for (const row of [4, 5, 6, 7, 8]) expect(writes.has(`F${row}`)).toBe(false);
  });

  test('a score above its 分值 is named by its cell, and counted at most at the 分值', () => {
    const rows = ROWS.map((r, i) => (i === 1 ? [...r.slice(0, 5), 12] : r));
    const { evaluation } = scored(form(rows));
    const flagged = evaluation.problems.find((p) => p.code === 'entered-score-out-of-range');
    expect(flagged?.cell).toBe('F5');
    expect(flagged?.message).toContain('所填得分12分超出该项分值10分');
    expect(evaluation.indicators[1]).toMatchObject({ score: 10, status: 'unreadable' });
  });

  test('a row with no score is named and counts 0', () => {
    const rows = ROWS.map((r, i) => (i === 4 ? [...r.slice(0, 5), null] : r));
    const { evaluation } = scored(form(rows));
    expect(evaluation.problems.find((p) => p.code === 'entered-score-missing')?.cell).toBe('F8');
    expect(evaluation.totalScore).toBe(64.5);
  });

  test('a total the unit wrote that does not add up is named and replaced', () => {
    const { evaluation, writes } = scored(form(ROWS, ['总分', null, null, null, 100, 93]));
    const differs = evaluation.problems.find((p) => p.code === 'entered-total-differs');
    expect(differs?.cell).toBe('F9');
    expect(differs?.message).toContain('原总分93分与各项得分合计90.5分不一致');
    expect(writes.get('F9')).toBe(90.5);
  });

  test('points that do not add up to 100 are graded on their share', () => {
    const rows = ROWS.slice(0, 4); // 70 points, 64.5 scored: 92.14%
    const { evaluation } = scored(form(rows));
    expect(evaluation.totalMax).toBe(70);
    expect(evaluation.grade).toBe('优');
  });

  test('a table with targets is still scored by the rules, not as entered', () => {
    const grid = gridFromRows([
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 100, 100],
    ]);
    const outcome = evaluateGrid(grid);
    expect(outcome.ok && outcome.evaluation.scoresAsEntered).toBeFalsy();
    expect(outcome.ok && outcome.evaluation.indicators[0].score).toBe(80);
  });

  test('a table with neither targets nor scores is still refused with the missing column named', () => {
    const outcome = evaluateGrid(gridFromRows([HEADER, ['决策', '项目立项', '立项依据充分性', '是否符合规划', 10, null]]));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toContain('年度指标值');
  });
});

test('a score-only row is named by what happened to its points, not 达标/未达标', () => {
  const { evaluation } = scored(form(ROWS));
  expect(evaluation.indicators.map((i) => statusLabel(i).zh)).toEqual(['满分', '扣分', '扣分', '扣分', '扣分']);
  expect(statusLabel({ kind: 'higher', status: 'unmet' }).zh).toBe('未达标');
});
