/**
 * Property tests for the scorer (domain.md §4): whatever is written in the target and actual cells,
 * scoring never throws, a row never scores outside 0…its weight, the total stays within 0…the total
 * weight, and for numeric targets the score moves the right way as the actual grows.
 */
import fc from 'fast-check';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import type { Comparator, Measure, NumberMeasure } from '../../src/engine/parse/measure-types';
import { BUILT_IN_PROFILES, HUNAN_NANYUE, MOF_2020, PROVINCIAL_PLATFORM, type RuleProfile } from '../../src/engine/rules/profile';
import { scoreIndicator } from '../../src/engine/score/score-indicator';
import { standardForm, type CellSpec, type StandardRow } from '../helpers/grid-builder';

const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Characters the parser cares about: operators, digits, units, date words, statement words, masks. */
const CELL_CHARS = [
  ...'0123456789.,-%‰≥≤≧≦=＝><（）()*/—…：'.split(''),
  ...['万', '元', '人', '次', '起', '月', '日', '年', '前', '底', '内', '以上', '以内', '不少于', '不超过', '达到', '控制在', '约', '余'],
  ...[
    '是',
    '否',
    '无',
    '未',
    '不',
    '没有',
    '达成',
    '部分',
    '基本',
    '完成',
    '有效',
    '合格',
    '高',
    '效果明显',
    '按时',
    '满意',
    '率',
    '成本',
    ' ',
    '\n',
    '１',
    '％',
  ],
];

const cellText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...CELL_CHARS), maxLength: 8 }),
  fc.string({ maxLength: 12 }),
  // Well-formed numeric cells, so the interesting branches are reached often.
  fc
    .tuple(
      fc.constantFrom('', '≥', '≤', '=', '不少于', '不超过', '达到', '控制在'),
      fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double({ min: -10, max: 1e6, noNaN: true })),
      fc.constantFrom('', '%', '人', '万元', '元', '起', '公里', '天', '以上', '以内'),
    )
    .map(([op, n, unit]) => `${op}${n}${unit}`),
  fc.constantFrom(
    '/',
    '—',
    '无',
    '',
    '9月前',
    '2024年12月底前',
    '11月',
    '已按时完成',
    '有效维护',
    '达成年度指标',
    '部分达成',
    '未达成',
    '是',
    '否',
    '=0起',
    '0起',
    '#DIV/0!',
  ),
);

/** A target or actual cell: text, a number (plain or percent-formatted), a date serial, a boolean or nothing. */
const cellSpec: fc.Arbitrary<CellSpec> = fc.oneof(
  { weight: 6, arbitrary: cellText },
  { weight: 2, arbitrary: fc.double({ noNaN: true, min: -1e9, max: 1e9 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, min: 0, max: 2 }).map((value): CellSpec => ({ value, format: '0.0%' })) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 3_000_000 }).map((value): CellSpec => ({ value, format: 'yyyy-mm-dd' })) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A written 分值: nothing, a non-negative number, or text. (A negative 分值 is a separate question.) */
const weightSpec: fc.Arbitrary<CellSpec> = fc.oneof(
  fc.constant(undefined),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 60 }),
  fc.constantFrom('10', '10分', '—', '/', '五分'),
);

const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '产出指标（50分）', '效益指标（30分）', '其他'];
const LEVEL2 = ['数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标', '服务对象满意度指标', ''];

const rowSpec: fc.Arbitrary<StandardRow> = fc.record({
  level1: fc.option(fc.constantFrom(...LEVEL1), { nil: undefined }),
  level2: fc.option(fc.constantFrom(...LEVEL2), { nil: undefined }),
  level3: fc.constantFrom('指标', '完成率', '资金支付完成率100%', '成本', '满意度'),
  target: cellSpec,
  actual: cellSpec,
  weight: weightSpec,
  note: fc.option(fc.constantFrom('原因说明', ''), { nil: undefined }),
});

const money: fc.Arbitrary<CellSpec> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -100, max: 1e6 }),
  fc.constantFrom(undefined, '—', '10', '1,000.5', 'abc'),
);
const fundsSpec = fc.record({
  initial: money,
  adjusted: money,
  executed: money,
  weight: fc.oneof(fc.constant(undefined), fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 30 })),
});

/** Built-in profiles and variants of every setting within its meaningful range. */
const profileArb: fc.Arbitrary<RuleProfile> = fc.oneof(
  fc.constantFrom(...BUILT_IN_PROFILES),
  fc
    .record({
      reverseFormula: fc.constantFrom('ratio' as const, 'linear' as const),
      threshold: fc.double({ min: 1, max: 3, noNaN: true }),
      deduction: fc.double({ min: 0, max: 20, noNaN: true }),
      shares: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      lateShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      denominator: fc.constantFrom('adjusted' as const, 'initial' as const),
      rebaseTo100: fc.boolean(),
      capped: fc.boolean(),
    })
    .map((v): RuleProfile => ({
      ...MOF_2020,
      id: 'variant',
      reverseFormula: v.reverseFormula,
      overAchievement: { threshold: v.threshold, deduction: v.deduction },
      qualitative: { ...MOF_2020.qualitative, shares: { achieved: v.shares[0], partial: v.shares[1], failed: v.shares[2] } },
      lateShare: v.lateShare,
      funds: { ...MOF_2020.funds, denominator: v.denominator, totalCaps: v.capped ? PROVINCIAL_PLATFORM.funds.totalCaps : [] },
      rebaseTo100: v.rebaseTo100,
    })),
);

const UNITS = ['', '%', '人', '元', '起', '公里'];
// Small integers (where ratios, zero and sign changes sit) as well as any finite double.
const finite = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }));

const numberMeasure = (comparator: fc.Arbitrary<Comparator>, value: fc.Arbitrary<number>, unit: fc.Arbitrary<string>): fc.Arbitrary<NumberMeasure> =>
  fc.record({ kind: fc.constant('number' as const), comparator, value, unit, writtenUnit: fc.constant('') });

const measureArb: fc.Arbitrary<Measure> = fc.oneof(
  { weight: 5, arbitrary: numberMeasure(fc.constantFrom<Comparator>('higher', 'lower', 'equal', 'none'), finite, fc.constantFrom(...UNITS)) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('date' as const),
        comparator: fc.constantFrom<Comparator>('lower', 'none'),
        year: fc.integer({ min: 2020, max: 2026 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      },
      { requiredKeys: ['kind', 'comparator', 'month'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('qualitative' as const),
        text: fc.constantFrom('有效维护', '高', '达成年度指标', '部分达成', '未达成', '是', '否', ''),
        tier: fc.constantFrom('achieved' as const, 'partial' as const, 'failed' as const),
      },
      { requiredKeys: ['kind', 'text'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Measure>({ kind: 'not-applicable', text: '/' }, { kind: 'empty' }, { kind: 'unreadable', text: '约十人', reason: '数值为约数' }),
  },
);

const context = fc.record(
  {
    name: fc.constantFrom('指标', '完成率', '经费'),
    level2: fc.constantFrom('数量指标', '成本指标', ''),
    weight: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0.01, max: 100, noNaN: true })),
    profile: profileArb,
    year: fc.integer({ min: 2020, max: 2026 }),
    judgement: fc.double({ min: -1, max: 2, noNaN: true }),
  },
  { requiredKeys: ['name', 'level2', 'weight', 'profile'] },
);

function evaluationOf(rows: StandardRow[], funds: Parameters<typeof standardForm>[1], profile: RuleProfile): Evaluation | undefined {
  const out = evaluateGrid(standardForm(rows, funds), { profile });
  return out.ok ? out.evaluation : undefined;
}

// ---------------------------------------------------------------------------------------------
// Never throws, always within bounds

describe('scoreIndicator on arbitrary measures', () => {
  test('never throws and scores between 0 and the weight', () => {
    fc.assert(
      fc.property(measureArb, measureArb, context, (target, actual, ctx) => {
        const out = scoreIndicator(target, actual, ctx);
        expect(Number.isFinite(out.score)).toBe(true);
        expect(out.score).toBeGreaterThanOrEqual(0);
        expect(out.score).toBeLessThanOrEqual(ctx.weight);
      }),
      RUNS,
    );
  });

  // The same bound, concentrated on number against number (where every formula runs), so that
  // every comparator, sign and formula is met many times in each run.
  test('numeric target vs numeric actual, every comparator, sign and formula: within 0…weight', () => {
    const value = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -100, max: 100, noNaN: true }));
    fc.assert(
      fc.property(
        fc.constantFrom<Comparator>('higher', 'lower', 'equal', 'none'),
        value,
        value,
        fc.constantFrom('人', '元'),
        fc.constantFrom('数量指标', '成本指标'),
        profileArb,
        (comparator, a, b, unit, level2, profile) => {
          const target: NumberMeasure = { kind: 'number', comparator, value: a, unit, writtenUnit: unit };
          const actual: NumberMeasure = { kind: 'number', comparator: 'none', value: b, unit, writtenUnit: unit };
          const out = scoreIndicator(target, actual, { name: '指标', level2, weight: 10, profile });
          expect(out.score).toBeGreaterThanOrEqual(0);
          expect(out.score).toBeLessThanOrEqual(10);
        },
      ),
      RUNS,
    );
  });

  test('a met row scores its full weight; a not-applicable, missing or unreadable row scores 0', () => {
    fc.assert(
      fc.property(measureArb, measureArb, context, (target, actual, ctx) => {
        const out = scoreIndicator(target, actual, { ...ctx, weight: 10 });
        if (out.status === 'met') expect(out.score).toBe(10);
        if (out.status === 'not-applicable' || out.status === 'missing-actual' || out.status === 'unreadable') expect(out.score).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('evaluateGrid on arbitrary sheets', () => {
  test('never throws; every row scores within 0…its weight; the total within 0…the total weight', () => {
    fc.assert(
      fc.property(fc.array(rowSpec, { minLength: 1, maxLength: 8 }), fundsSpec, fc.constantFrom(MOF_2020, HUNAN_NANYUE), (rows, funds, profile) => {
        const ev = evaluationOf(rows, funds, profile);
        if (!ev) return; // a sheet whose rows were all template placeholders has no table: nothing to score
        for (const row of ev.indicators) {
          expect(row.weight).toBeGreaterThanOrEqual(0);
          expect(row.score).toBeGreaterThanOrEqual(0);
          expect(row.score).toBeLessThanOrEqual(row.weight);
        }
        if (ev.funds) {
          expect(ev.funds.score).toBeGreaterThanOrEqual(0);
          // The funds score is rounded to the cent; the weight is reported as written.
          expect(ev.funds.score).toBeLessThanOrEqual(ev.funds.weight + 0.005);
        }
        expect(Number.isFinite(ev.totalScore)).toBe(true);
        expect(ev.totalScore).toBeGreaterThanOrEqual(0);
        expect(ev.totalScore).toBeLessThanOrEqual(ev.totalWeight + 0.005);
        const sum = (ev.funds?.score ?? 0) + ev.indicators.reduce((s, i) => s + i.score, 0);
        expect(ev.totalScore).toBeCloseTo(sum, 2);
        expect(ev.gradeBands.map((b) => b.label)).toContain(ev.grade);
      }),
      RUNS,
    );
  });

  test('under any profile: never throws, rows within bounds, total within 0…max(100, total weight)', () => {
    fc.assert(
      fc.property(
        fc.array(rowSpec, { minLength: 1, maxLength: 6 }),
        fundsSpec,
        profileArb,
        fc.dictionary(fc.integer({ min: 10, max: 16 }).map(String), fc.double({ min: -1, max: 2, noNaN: true })),
        fc.boolean(),
        (rows, funds, profile, judgementsByText, keepExistingScores) => {
          const judgements = Object.fromEntries(Object.entries(judgementsByText).map(([k, v]) => [Number(k), v]));
          const out = evaluateGrid(standardForm(rows, funds), { profile, judgements, keepExistingScores });
          if (!out.ok) return;
          const ev = out.evaluation;
          for (const row of ev.indicators) {
            expect(row.score).toBeGreaterThanOrEqual(0);
            expect(row.score).toBeLessThanOrEqual(row.weight);
          }
          expect(ev.totalScore).toBeGreaterThanOrEqual(0);
          expect(ev.totalScore).toBeLessThanOrEqual(Math.max(100, ev.totalWeight) + 0.005);
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Monotonicity
//
// Under mof-2020 the over-achievement deduction is 0, so a higher-is-better row's score never drops
// as the actual grows. A profile with a deduction (provincial-platform takes 2 points) is
// deliberately NOT monotonic at the threshold: 12 vs ≥10 scores the full weight, 13 vs ≥10 scores
// weight − 2. These properties are therefore stated for mof-2020 only.
//
// The actual is written in the target's unit: a unit-less actual under a % target in (0, 1] is read
// as a fraction (0.9 → 90%, with a 'fraction-as-percent' warning) while 2 stays 2%, which is not
// monotonic in the written number by design.

const positive = fc.double({ min: 0.01, max: 1e6, noNaN: true });
const anyActual = fc.double({ min: -1e6, max: 1e7, noNaN: true });
const orderedPair = fc.tuple(anyActual, anyActual).map(([x, y]): [number, number] => (x <= y ? [x, y] : [y, x]));
const ctxFor = (level2 = '数量指标') => ({ name: '指标', level2, weight: 10, profile: MOF_2020 });

describe('monotonic in the actual (mof-2020)', () => {
  test('higher-is-better, equal and bare targets: score non-decreasing in the actual', () => {
    fc.assert(
      fc.property(fc.constantFrom<Comparator>('higher', 'equal', 'none'), positive, fc.constantFrom(...UNITS), orderedPair, (comparator, a, unit, [b1, b2]) => {
        const target: NumberMeasure = { kind: 'number', comparator, value: a, unit, writtenUnit: unit };
        const actual = (value: number): NumberMeasure => ({ kind: 'number', comparator: 'none', value, unit, writtenUnit: unit });
        const s1 = scoreIndicator(target, actual(b1), ctxFor()).score;
        const s2 = scoreIndicator(target, actual(b2), ctxFor()).score;
        expect(s1).toBeLessThanOrEqual(s2);
      }),
      RUNS,
    );
  });

  test('a ≥ target of 0 or below is met by anything at or above it, monotonically', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 0, noNaN: true }), orderedPair, (a, [b1, b2]) => {
        const target: NumberMeasure = { kind: 'number', comparator: 'higher', value: a, unit: '人', writtenUnit: '人' };
        const actual = (value: number): NumberMeasure => ({ kind: 'number', comparator: 'none', value, unit: '人', writtenUnit: '人' });
        expect(scoreIndicator(target, actual(b1), ctxFor()).score).toBeLessThanOrEqual(scoreIndicator(target, actual(b2), ctxFor()).score);
      }),
      RUNS,
    );
  });

  test('lower-is-better targets (≤, and bare money under 成本指标), both formulas: score non-increasing in the actual', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('≤', 'bare-cost'),
        fc.constantFrom<RuleProfile['reverseFormula']>('ratio', 'linear'),
        positive,
        orderedPair,
        (how, reverseFormula, a, [b1, b2]) => {
          const unit = how === 'bare-cost' ? '元' : '公里';
          const target: NumberMeasure = { kind: 'number', comparator: how === '≤' ? 'lower' : 'none', value: a, unit, writtenUnit: unit };
          const actual = (value: number): NumberMeasure => ({ kind: 'number', comparator: 'none', value, unit, writtenUnit: unit });
          const ctx = { ...ctxFor('成本指标'), profile: { ...MOF_2020, reverseFormula } };
          const s1 = scoreIndicator(target, actual(b1), ctx);
          const s2 = scoreIndicator(target, actual(b2), ctx);
          expect(s1.kind).toBe('lower');
          expect(s1.score).toBeGreaterThanOrEqual(s2.score);
        },
      ),
      RUNS,
    );
  });

  test('end to end through the parser and the sheet: ≥A / ≤A rows, actuals written with 2 decimals', () => {
    const two = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100);
    fc.assert(
      fc.property(
        fc.constantFrom('≥', '≤', '不少于', '不超过', ''),
        fc.integer({ min: 1, max: 50_000 }).map((n) => n / 100),
        fc.constantFrom('人', '公里', '%', '万元'),
        fc.tuple(two, two).map(([x, y]) => (x <= y ? [x, y] : [y, x])),
        (op, a, unit, [b1, b2]) => {
          const lower = op === '≤' || op === '不超过';
          const scoreFor = (b: number) => {
            const ev = evaluationOf(
              [{ level1: '产出指标', level2: '数量指标', level3: '指标', target: `${op}${a}${unit}`, actual: `${b}${unit}`, weight: 90 }],
              undefined,
              MOF_2020,
            );
            expect(ev).toBeDefined();
            const row = (ev as Evaluation).indicators[0];
            expect(row.kind).toBe(lower ? 'lower' : 'higher');
            return row.score;
          };
          const [s1, s2] = [scoreFor(b1), scoreFor(b2)];
          if (lower) expect(s1).toBeGreaterThanOrEqual(s2);
          else expect(s1).toBeLessThanOrEqual(s2);
        },
      ),
      { numRuns: 150 },
    );
  });
});
