/**
 * Odd numbers (issue 15, defect 8 and the 1e308 weight of defect 7): a negative, impossibly large or
 * unreadable weight, amount or saved setting is never scored silently. Weights refuse the sheet,
 * naming the cells; amounts are error notes with the funds score held at 0; saved settings out of
 * range fall back to the profile's own value with a warning naming the setting.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { addSavedSettings } from '../../scripts/make-saved-settings-fixture';
import { profileFromSettings } from '../../src/app/scoring-run';
import { main } from '../../src/cli/main';
import { evaluateGrid, type EvaluateOptions, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import { sanitiseSettings } from '../../src/app/settings';
import { standardForm, type CellSpec, type StandardRow } from '../helpers/grid-builder';

const SEED = path.join(__dirname, '..', '..', 'examples', '示例-专项资金自评表.xlsx');

type Funds = Parameters<typeof standardForm>[1];

/** standardForm: funds on row 6 (E 年初 F 全年预算 G 执行 H 分值 I 执行率 J 得分), header row 9, rows from 10 (G 分值, H 得分). */
function rows(weights: CellSpec[]): StandardRow[] {
  const names = ['培训人数', '群众知晓率', '满意度'];
  const level1 = ['产出指标', '效益指标', '满意度指标'];
  return weights.map((weight, i) => ({ level1: level1[i % 3], level2: '数量指标', level3: names[i % 3], target: '≥100人', actual: '100人', weight }));
}

const fundsOf = (executed: CellSpec, adjusted: CellSpec = 100, weight: CellSpec = 10): Funds => ({ initial: 100, adjusted, executed, weight });

function failed(outcome: EvaluateOutcome): Extract<EvaluateOutcome, { ok: false }> {
  if (outcome.ok) throw new Error(`expected a refusal, got a score of ${outcome.evaluation.totalScore}`);
  return outcome;
}

function scored(outcome: EvaluateOutcome): Extract<EvaluateOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome;
}

const evaluate = (weights: CellSpec[], funds?: Funds, options: EvaluateOptions = {}) => evaluateGrid(standardForm(rows(weights), funds), options);
const written = (outcome: Extract<EvaluateOutcome, { ok: true }>, address: string) => outcome.plan.writes.find((w) => w.address === address)?.value;
const codes = (ev: Evaluation) => ev.problems.map((p) => p.code);

function expectNoBadNumbers(outcome: Extract<EvaluateOutcome, { ok: true }>): void {
  const ev = outcome.evaluation;
  for (const i of ev.indicators) {
    expect(i.weight).toBeGreaterThanOrEqual(0);
    expect(i.score).toBeGreaterThanOrEqual(0);
  }
  expect(ev.totalScore).toBeGreaterThanOrEqual(0);
  for (const w of outcome.plan.writes) if (typeof w.value === 'number') expect(Number.isFinite(w.value) && w.value >= 0).toBe(true);
}

describe('weights (分值) that cannot be weights refuse the sheet, naming the cells', () => {
  test('weights as percentages ("10%" typed, or 0.1 in a percent format) are points out of 100', () => {
    const typed = scored(evaluate(['45%', '45%'])).evaluation;
    expect(typed.indicators.map((i) => i.weight)).toEqual([45, 45]);
    const formatted = scored(
      evaluate([
        { value: 0.45, text: '45%', format: '0%' },
        { value: 0.45, text: '45%', format: '0%' },
      ]),
    ).evaluation;
    expect(formatted.indicators.map((i) => i.weight)).toEqual([45, 45]);
    expect(formatted.totalScore).toBe(100);
  });

  test('a figure that is no plain number ("约10") refuses the sheet as no valid points, not as "no number"', () => {
    const out = failed(evaluate(['约45', 45]));
    expect(out.message).toContain('G10“约45”不是有效的分值');
  });

  test('all-negative weights: not called "表中未填分值" and spread, but refused naming each cell', () => {
    const out = failed(evaluate([-15, -15, -15]));
    expect(out.failure).toBe('invalid-weights');
    expect(out.message).toContain('G10“-15”为负数');
    expect(out.message).toContain('G11“-15”为负数');
    expect(out.message).toContain('G12“-15”为负数');
    expect(out.message).not.toContain('未填分值');
    expect(out.messageEn).toContain('G10 "-15" is negative');
  });

  test('one negative weight among good ones is refused too; the message stays one line for many cells', () => {
    expect(failed(evaluate([50, -10, 10])).message).toContain('G11“-10”为负数');
    const many = failed(evaluate(Array.from({ length: 9 }, () => -1)));
    expect(many.message).toContain('等9处');
    expect(many.message).not.toMatch(/\n/);
  });

  test('a weight of 1e308 (whose sum overflows to Infinity) is refused as over 100, never "Infinity"', () => {
    const out = failed(evaluate([1e308, 1e308, 10]));
    expect(out.message).toContain('G10');
    expect(out.message).toContain('超过100分');
    expect(out.message).not.toContain('Infinity');
    expect(failed(evaluate([50, Number.POSITIVE_INFINITY, 10])).message).toContain('G11');
    expect(failed(evaluate([50, Number.NaN, 10])).message).toContain('G11');
  });

  test('written forms: "10分", " 10 " and "10%" are 10 points; "-10", "－10分", "约10", "-10%" and #REF! are refused; "—", "/" and words are empty', () => {
    const ok = scored(evaluate(['50分', ' 30 ', '10%']));
    expect(ok.evaluation.indicators.map((i) => i.weight)).toEqual([50, 30, 10]);
    for (const text of ['-10', '－10分', '−10', '约10', '-10%']) {
      expect(failed(evaluate([50, text, 10])).message).toContain(`G11“${text.trim()}”`);
    }
    expect(failed(evaluate([50, { value: null, error: '#REF!' }, 10])).message).toContain('G11“#REF!”');
    // No figure at all is a blank cell, as before: the sheet's other weights decide.
    for (const blank of ['—', '/', '无']) expect(scored(evaluate([50, blank, 10])).evaluation.problems.map((p) => p.code)).toContain('weight-missing');
  });

  test('a level-1 label weight over 100 ("产出指标（500分）") is refused, naming the label cell', () => {
    const grid = standardForm([{ level1: '产出指标（500分）', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '100人' }]);
    const out = failed(evaluateGrid(grid));
    expect(out.message).toContain('B10“产出指标（500分）”超过100分');
  });

  test('a funds 分值 of −10 is refused (it used to write a funds score of −9.02)', () => {
    const out = failed(evaluate([45, 45], fundsOf(90.2, 100, -10)));
    expect(out.failure).toBe('invalid-weights');
    expect(out.message).toContain('H6“-10”为负数');
    expect(failed(evaluate([45, 45], fundsOf(90.2, 100, '1e308'))).message).toContain('H6');
  });

  test('the command line: a 1e308 weight is one line naming the cell, exit 2, no copy written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odd-numbers-'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(SEED) as unknown as ArrayBuffer);
    wb.worksheets[0].getCell('G13').value = 1e308;
    wb.worksheets[0].getCell('G14').value = 1e308;
    const input = path.join(dir, 'huge.xlsx');
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['score', input, '--out', path.join(dir, 'out.xlsx')],
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('G13');
    expect(err[0]).toContain('超过100分');
    expect(err[0]).not.toMatch(/Infinity|意外/);
  });
});

describe('amounts: an error note on the cell, the funds score held at 0, never a negative rate', () => {
  test('a negative 全年执行数 gives no execution rate (it used to be −1.56%), an error naming G6, and a flag on the funds row', () => {
    const out = scored(evaluate([45, 45], fundsOf(-1.56)));
    const { funds } = out.evaluation;
    expect(funds?.rate).toBeUndefined();
    expect(funds?.score).toBe(0);
    const error = out.evaluation.problems.find((p) => p.code === 'funds-amount-invalid');
    expect(error).toMatchObject({ severity: 'error', cell: 'G6' });
    expect(error?.message).toBe('G6：全年执行数“-1.56”为负数，预算执行率无法计算，资金得分暂计0分，请核对改正');
    expect(codes(out.evaluation)).not.toContain('funds-low-rate');
    expect(written(out, 'I6')).toBeUndefined();
    // no prose beside the block: the rate cell stays as it was, the 得分 cell shows 0, the error names G6
    expect(written(out, 'K6')).toBeUndefined();
    expect(written(out, 'J6')).toBe(0);
    expectNoBadNumbers(out);
  });

  test('a negative or zero 全年预算数: the note says what is wrong with it', () => {
    const negative = scored(evaluate([45, 45], fundsOf(5, -100)));
    expect(negative.evaluation.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      'F6：全年预算数“-100”为负数，预算执行率无法计算，资金得分暂计0分，请核对改正',
    ]);
    const zero = scored(evaluate([45, 45], fundsOf(5, 0)));
    expect(codes(zero.evaluation)).toContain('funds-no-budget');
    expect(zero.evaluation.funds?.score).toBe(0);
  });

  test('a negative 年初预算数 is noted, while the rate from the adjusted budget stands', () => {
    const out = scored(evaluateGrid(standardForm(rows([45, 45]), { initial: -3, adjusted: 100, executed: 90, weight: 10 })));
    expect(out.evaluation.funds?.rate).toBe(0.9);
    expect(out.evaluation.problems.find((p) => p.code === 'funds-amount-invalid')?.message).toBe('E6：年初预算数“-3”为负数，请核对改正');
  });

  test('amounts too large to be money, text that is no number, and "Infinity" are notes, never a rate', () => {
    for (const executed of [1e300, '1e400', 'Infinity', Number.POSITIVE_INFINITY]) {
      const out = scored(evaluate([45, 45], fundsOf(executed)));
      expect(out.evaluation.funds?.rate).toBeUndefined();
      expect(out.evaluation.problems.some((p) => p.severity === 'error' && p.cell === 'G6')).toBe(true);
      expectNoBadNumbers(out);
    }
    const nan = scored(evaluate([45, 45], fundsOf('abc')));
    expect(nan.evaluation.problems.find((p) => p.cell === 'G6')?.code).toBe('funds-unreadable');
    // A budget so small that the rate overflows is no budget.
    const tiny = scored(evaluate([45, 45], fundsOf(100, 5e-324)));
    expect(tiny.evaluation.funds?.rate).toBeUndefined();
    expectNoBadNumbers(tiny);
  });

  test('其中 rows: one unusable sub-row amount means no sum (not the sum of the others)', () => {
    const grid = standardForm(rows([45, 45]), { initial: undefined, adjusted: undefined, executed: undefined, weight: 10 });
    // Two 其中 rows under the empty 年度资金总额 row (row 6): rows 7 and 8 of column B..G.
    grid.cells.splice(
      6,
      0,
      [undefined, '其中：财政拨款', undefined, undefined, 50, 50, 60].map((v) =>
        v === undefined ? undefined : { value: v, text: String(v), format: 'General' },
      ),
    );
    grid.cells.splice(
      7,
      0,
      [undefined, '其他资金', undefined, undefined, 50, 50, -10].map((v) => (v === undefined ? undefined : { value: v, text: String(v), format: 'General' })),
    );
    const out = evaluateGrid(grid);
    const ev = scored(out).evaluation;
    expect(ev.funds?.summedFromSubRows).toBeUndefined();
    expect(ev.funds?.executed).toBeUndefined();
    expect(ev.funds?.rate).toBeUndefined();
    expect(ev.problems.find((p) => p.code === 'funds-amount-invalid')?.cell).toBe('G8');
    expect(ev.problems.map((p) => p.code)).not.toContain('funds-summed');
  });

  test('其中 rows: "无" in a sub-row is no money from that source, and the others are summed', () => {
    const grid = standardForm(rows([45, 45]), { initial: undefined, adjusted: undefined, executed: undefined, weight: 10 });
    const line = (values: (string | number | undefined)[]) =>
      values.map((v) => (v === undefined ? undefined : { value: v, text: String(v), format: 'General' }));
    grid.cells.splice(6, 0, line([undefined, '其中：财政拨款', undefined, undefined, 100, 100, 95]));
    grid.cells.splice(7, 0, line([undefined, '上年结转资金', undefined, undefined, 20, 20, 20]));
    grid.cells.splice(8, 0, line([undefined, '其他资金', undefined, undefined, '无', '无', '无']));
    const ev = scored(evaluateGrid(grid)).evaluation;
    expect([ev.funds?.adjusted, ev.funds?.executed, ev.funds?.score]).toEqual([120, 115, 9.58]);
    expect(ev.funds?.summedFromSubRows).toBe(true);
    expect(ev.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('indicator values', () => {
  test('a ratio that overflows says no "Infinity%"', () => {
    const out = scored(
      evaluateGrid(
        standardForm([
          { level1: '产出指标', level2: '数量指标', level3: '人数', target: { value: 5e-324 }, actual: { value: 1e300 }, weight: 50, note: '另有说明' },
        ]),
      ),
    );
    expect(out.evaluation.indicators[0].flag).toBe('超目标较多，已说明原因');
    expect(out.evaluation.indicators[0].status).toBe('exceeded');
  });

  test.each([
    ['群众知晓率', '150%'],
    ['市民满意度调查', '290%'],
  ])('a target over 100%% for %s cannot be: the row is flagged, not scored on it', (level3, target) => {
    const out = scored(evaluateGrid(standardForm([{ level1: '满意度指标', level2: '满意度指标', level3, target, actual: '100%', weight: 10 }])));
    expect(out.evaluation.indicators[0]).toMatchObject({ status: 'unreadable', score: 0 });
    expect(out.evaluation.problems.find((p) => p.code === 'suspicious-rate')?.message).toBe(`E10：指标值“${target}”超过100%，疑似录入有误，请核对后再评分`);
  });

  test('a count over 100% of something that is not a rate is scored as written', () => {
    const out = scored(
      evaluateGrid(standardForm([{ level1: '产出指标', level2: '数量指标', level3: '产量增长', target: '150%', actual: '150%', weight: 10 }])),
    );
    expect(out.evaluation.indicators[0]).toMatchObject({ status: 'met', score: 10 });
  });

  test('a judgement outside 0–100% is kept within it, with a note', () => {
    const out = scored(evaluate([50, 30, 10], undefined, { judgements: { 10: -0.5 } }));
    expect(out.evaluation.indicators[0].score).toBe(0);
    expect(out.evaluation.problems.find((p) => p.code === 'judgement-invalid')?.message).toBe(
      'F10：人工评定的得分比例“-50%”不在0到100%之间，已按0%计分，请重新评定',
    );
  });
});

describe("saved add-in settings out of range: the profile's own value, with a warning naming the setting", () => {
  const noWeights = () => standardForm(rows([undefined, undefined, undefined]));

  test('a negative default weight no longer gives negative scores', () => {
    const settings = sanitiseSettings({ profileId: 'mof-2020', overrides: { defaultWeights: { output: -50 } } });
    const out = scored(evaluateGrid(noWeights(), { profile: profileFromSettings(settings) }));
    expectNoBadNumbers(out);
    expect(out.evaluation.indicators[0].weight).toBe(50);
    const warning = out.evaluation.problems.find((p) => p.code === 'setting-invalid');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toBe(
      '评分设置中“产出指标”的默认分值为-50分，不在0分到100分之间，本次按“财政部2020年规则（默认）”原有的设置（50分）评分，请在“评分设置”中改正',
    );
  });

  test('negative threshold, deduction, cap and grade band: each replaced and named; the total stays within 0…100', () => {
    const settings = sanitiseSettings({
      profileId: 'provincial-platform',
      overrides: {
        overAchievement: { threshold: -1, deduction: -5 },
        funds: { totalCaps: [{ below: 0.5, cap: -20 }] },
        grades: [{ min: -10, label: '优' }],
        defaultWeights: { funds: 1e308 },
      },
    });
    const out = scored(evaluateGrid(standardForm(rows([50, 30, 10]), fundsOf(10)), { profile: profileFromSettings(settings) }));
    expectNoBadNumbers(out);
    expect(out.evaluation.totalScore).toBeLessThanOrEqual(100);
    const named = out.evaluation.problems.filter((p) => p.code === 'setting-invalid').map((p) => p.message);
    expect(named).toHaveLength(5);
    expect(named.join('\n')).toMatch(/“超目标较多”的标准为-100%/);
    expect(named.join('\n')).toMatch(/超目标较多时扣减的分数为-5分/);
    expect(named.join('\n')).toMatch(/“按执行率封顶总分”中有不在0到100之间的数/);
    expect(named.join('\n')).toMatch(/“等级分档”/);
    expect(named.join('\n')).toMatch(/“预算执行率”的默认分值/);
    expect(out.evaluation.gradeBands.map((b) => b.label)).toEqual(['优秀', '良好', '中', '差']);
  });

  test('the command line: a workbook whose saved adjustment is a negative weight scores without negative scores, and says so', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odd-numbers-'));
    const input = path.join(dir, 'saved.xlsx');
    writeFileSync(input, await addSavedSettings(new Uint8Array(readFileSync(SEED)), { profileId: 'mof-2020', overrides: { defaultWeights: { output: -50 } } }));
    const json = path.join(dir, 'r.json');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['score', input, '--out', path.join(dir, 'out.xlsx'), '--json', json],
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const ev = JSON.parse(readFileSync(json, 'utf8')) as Evaluation;
    for (const i of ev.indicators) expect(i.score).toBeGreaterThanOrEqual(0);
    expect(ev.totalScore).toBe(98.75);
    expect(out.join('\n')).toContain('评分设置中“产出指标”的默认分值为-50分');
  });
});
