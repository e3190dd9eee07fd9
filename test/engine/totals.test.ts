/**
 * The total, what it is out of, and the grade (issue 8, class 7; issue 9, first item): decided once
 * in score/decide-total.ts, so the sheet, the JSON and the report can never disagree.
 */
import { evaluateGrid, type EvaluateOptions } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import { MOF_2020, PROVINCIAL_PLATFORM } from '../../src/engine/rules/profile';
import { decideTotal } from '../../src/engine/score/decide-total';
import { gridFromRows, standardForm, type CellSpec, type StandardRow } from '../helpers/grid-builder';

function scored(grid: ReturnType<typeof gridFromRows>, options: EvaluateOptions = {}): Evaluation {
  const outcome = evaluateGrid(grid, options);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.evaluation;
}
const codes = (ev: Evaluation) => ev.problems.map((p) => p.code);

/** 60 + 20 + 20 + 10 row points and the standard funds block's 10: a 120-point table. */
function table120(actualOfFirst: CellSpec): StandardRow[] {
  return [
    { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: actualOfFirst, weight: 60 },
    { level2: '质量指标', level3: '合格率', target: '≥95%', actual: '96%', weight: 20 },
    { level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: '≥90%', actual: '92%', weight: 20 },
    { level1: '满意度指标', level2: '满意度指标', level3: '满意度', target: '≥90%', actual: '95%', weight: 10 },
  ];
}

describe('tables whose points are not 100', () => {
  test('84 of 120 is 70%: graded 中 on the share, not 良 on the raw 84', () => {
    const ev = scored(standardForm(table120('40人')));
    expect(ev.totalWeight).toBe(120);
    expect(ev.totalMax).toBe(120);
    expect(ev.totalScore).toBe(10 + 24 + 20 + 20 + 10);
    expect(ev.grade).toBe('中');
    const note = ev.problems.find((p) => p.code === 'grade-on-share');
    expect(note?.message).toBe('本表满分为120分，总分84分，得分率70%，等级按得分率评定为“中”');
  });

  test('a 100-point table says nothing about shares', () => {
    const rows = table120('100人').map((r, i) => (i === 0 ? { ...r, weight: 40 } : r));
    const ev = scored(standardForm(rows));
    expect(ev.totalMax).toBe(100);
    expect(codes(ev)).not.toContain('grade-on-share');
  });

  test('the grade bands of the profile apply to the share (湖南南岳: 70 is 中, 69.9 is 差)', () => {
    const ev = scored(standardForm(table120('40人')), { profile: 'hunan-nanyue' });
    expect(ev.grade).toBe('中');
  });

  test('the total is never above its maximum', () => {
    for (const raw of [0, 55.555, 90, 120, 120.004]) {
      const decision = decideTotal({ rawScore: raw, points: 120, fundsFound: true, profile: MOF_2020 });
      expect(decision.score).toBeLessThanOrEqual(decision.max);
    }
  });

  test('a provincial cap on a 120-point table is taken at the same share', () => {
    const decision = decideTotal({
      rawScore: 118,
      points: 120,
      fundsFound: true,
      rate: 0.55,
      rateCell: 'H6',
      profile: { ...MOF_2020, funds: PROVINCIAL_PLATFORM.funds },
    });
    expect(decision.score).toBe(82.8); // 69 of 100 → 82.8 of 120
    expect(decision.problems.find((p) => p.code === 'total-capped')?.cell).toBe('H6');
  });
});

describe('a total re-based to 100', () => {
  /** No funds block: 90 row points only. */
  function noFunds(): ReturnType<typeof gridFromRows> {
    return gridFromRows([
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '培训人数', '≥100人', '100人', 50],
      ['效益指标', '社会效益指标', '知晓率', '≥90%', '81%', 30],
      ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', 10],
    ]);
  }

  test('is out of 100, and one message says why, not two that contradict each other', () => {
    const ev = scored(noFunds(), { profile: 'provincial-platform' });
    expect(ev.totalWeight).toBe(90);
    expect(ev.totalMax).toBe(100);
    expect(ev.rebased).toBe(true);
    expect(ev.totalScore).toBe(96.67); // (50 + 27 + 10) ÷ 90 × 100
    expect(ev.totalScore).toBeLessThanOrEqual(ev.totalMax);
    const messages = ev.problems.map((p) => p.message).join('\n');
    expect(messages).toContain('其余各项分值合计90分，总分已折算为百分制');
    expect(messages).not.toContain('按90分满分计算');
    expect(codes(ev)).not.toContain('grade-on-share');
  });

  test('without rebasing the same table is out of 90 and graded on its share', () => {
    const ev = scored(noFunds());
    expect(ev.totalMax).toBe(90);
    expect(ev.rebased).toBeUndefined();
    expect(ev.problems.map((p) => p.message).join('\n')).toContain('总分按90分满分计算');
    expect(codes(ev)).toContain('grade-on-share');
  });
});

describe('a rebased total on the sheet', () => {
  test('the grade beside it says the total was rebased, so 96.39 beside 分值 90 does not read as over its maximum', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { readWorkbookGrids } = await import('../../src/xlsx/file');
    const { evaluateGrid } = await import('../../src/engine/evaluate');
    const [grid] = await readWorkbookGrids(new Uint8Array(readFileSync(path.join(__dirname, '..', '..', 'examples', '指标表加实际值-信访维稳.xlsx'))));
    const outcome = evaluateGrid(grid, { profile: 'provincial-platform' });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.evaluation).toMatchObject({ rebased: true, totalMax: 100, totalWeight: 90 });
    const grade = outcome.plan.writes.find((w) => w.role === 'grade');
    expect(grade?.value).toBe(`等级：${outcome.evaluation.grade}（总分已按百分制折算）`);
    const plain = evaluateGrid(grid);
    if (!plain.ok) throw new Error(plain.message);
    expect(plain.plan.writes.find((w) => w.role === 'grade')?.value).toBe(`等级：${plain.evaluation.grade}`);
  });
});

describe('a table that scores the execution rate as one of its rows', () => {
  test('has its funds: no "funds missing" message, and the total is out of the rows\' points', () => {
    const ev = scored(
      gridFromRows([
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50, null],
        [null, '成本指标', '预算执行率', '100%', '95%', 10, null],
        ['效益指标', '社会效益', '知晓率', '≥90%', '92%', 30, null],
        ['满意度指标', '满意度', '满意度', '≥90%', '95%', 10, null],
      ]),
    );
    expect([ev.totalScore, ev.totalMax]).toEqual([99.5, 100]);
    expect(codes(ev)).not.toContain('funds-missing');
  });

  test('without such a row the missing funds block is still reported', () => {
    const ev = scored(
      gridFromRows([
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 90, null],
      ]),
    );
    expect(codes(ev)).toContain('funds-missing');
  });
});
