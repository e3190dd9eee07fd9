import fc from 'fast-check';
import { buildReport } from '../../src/engine/report/build';
import { flattenSections, OUTLINE_IDS, runsText, tableGrid, type Heading, type ReportModel, type ReportTable } from '../../src/engine/report/model';
import { ReportError } from '../../src/engine/report/errors';
import { chineseNumeral, headingNumber } from '../../src/engine/report/numbering';
import { chineseDate } from '../../src/engine/report/format';
import { renderText } from '../../src/render/text';
import type { Evaluation } from '../../src/engine/evaluation';
import { many, roads, school, seed } from './helpers';

const headings = (m: ReportModel) =>
  flattenSections(m.sections)
    .filter((b): b is Heading => b.type === 'heading')
    .map((h) => h.number + h.text);
const table = (m: ReportModel) => flattenSections(m.sections).find((b): b is ReportTable => b.type === 'table')!;

describe('outlines', () => {
  test('special-fund (the default) follows the seed report', () => {
    expect(headings(buildReport(seed(), {}))).toEqual([
      '一、绩效目标分解下达情况',
      '（一）资金下达情况',
      '（二）绩效目标设定情况',
      '二、绩效自评工作开展情况',
      '三、绩效目标自评完成情况分析',
      '（一）资金投入情况分析',
      '1.项目资金到位情况分析',
      '2.项目资金执行情况分析',
      '3.项目资金管理情况分析',
      '（二）绩效目标实际完成情况分析',
      '1.产出指标完成情况分析',
      '2.效益指标完成情况分析',
      '3.满意度指标完成情况分析',
      '四、偏离绩效目标的原因和下一步改进措施',
      '（一）偏离绩效目标的原因',
      '（二）下一步改进措施',
      '五、绩效自评结果拟应用和公开情况',
    ]);
  });

  test('hunan-unit has its seven parts; deviations there are （一） headings', () => {
    const h = headings(buildReport(seed(), { outline: 'hunan-unit' }));
    expect(h.filter((t) => /^[一二三四五六七八九十]+、/.test(t))).toEqual([
      '一、基本情况',
      '二、项目资金使用及管理情况',
      '三、预算支出组织实施情况',
      '四、预算支出绩效情况',
      '五、存在的问题及原因分析',
      '六、几点建议',
      '七、其他需要说明的问题',
    ]);
    const five = h.indexOf('五、存在的问题及原因分析');
    expect(h.slice(five + 1, five + 3)).toEqual(['（一）保障全国两会期间信访维稳值班力量', '（二）信访人满意度']);
  });

  test('yunnan: 自评结论 with its four parts, then 佐证材料', () => {
    expect(headings(buildReport(seed(), { outline: 'yunnan' }))).toEqual([
      '一、自评结论',
      '（一）自评得分',
      '（二）绩效目标完成情况',
      '1.预算执行情况',
      '2.产出指标完成情况',
      '3.效益指标完成情况',
      '4.满意度指标完成情况',
      '（三）存在的问题和原因分析',
      '（四）下一步拟改进措施',
      '二、佐证材料',
    ]);
  });

  test('every outline carries the indicator table once', () => {
    for (const outline of OUTLINE_IDS) {
      const tables = flattenSections(buildReport(seed(), { outline }).sections).filter((b) => b.type === 'table');
      expect(tables).toHaveLength(1);
    }
  });

  test('an unknown outline is refused with a message in both languages', () => {
    expect(() => buildReport(seed(), { outline: 'sichuan' as never })).toThrow(/未知的报告提纲“sichuan”[\s\S]*Unknown report outline/);
  });
});

describe('numbering', () => {
  test('Chinese numerals and the five levels', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
    expect([1, 2, 3, 4, 5].map((level) => headingNumber(level, 3))).toEqual(['三、', '（三）', '3.', '（3）', '③']);
    expect(headingNumber(5, 21)).toBe('（21）');
  });

  test('items inside a piece continue the numbering of the heading above them', () => {
    const text = renderText(buildReport(seed()));
    // 1.产出指标… (level 3) → （1）数量指标 (level 4) → ① (level 5)
    expect(text).toContain('（1）数量指标：①“保障全国两会期间信访维稳值班力量”年度指标值为≥10人');
    expect(text).toMatch(/（4）成本指标：“2024年全国两会信访维稳经费”/);
    // In the Hunan outline the same groups sit one level higher.
    expect(renderText(buildReport(seed(), { outline: 'hunan-unit' }))).toContain('1.数量指标：（1）');
  });
});

describe('text from the data', () => {
  const text = renderText(buildReport(seed(), { date: '2025-06-11' }));

  test('title, opening and signature follow the seed', () => {
    expect(text.split('\n')[0]).toBe('中共南岳区委社会工作部2024年全国两会信访维稳专项资金绩效自评报告');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['中共南岳区委社会工作部', '2025年6月11日']);
  });

  test('funds: each figure once: the budget where the funds are introduced, the spending and the rate where they are analysed', () => {
    expect(text).toContain('本项目年初预算数为10万元，全年预算数为10万元。');
    expect(text).toContain('本项目全年执行数为10万元，预算执行率为100%，该项得10分（分值10分）');
    expect(text.match(/全年预算数为10万元/g)).toHaveLength(1);
  });

  test('score, grade and the bands that produced it', () => {
    expect(text).toContain('总得分为98.75分，自评等级为“优”');
    expect(text).toContain('90分（含）以上为“优”，80分（含）至90分为“良”，60分（含）至80分为“中”，60分以下为“差”');
    expect(text).toContain('满意度指标得分8.75分（分值10分）');
  });

  test('met rows say so; the gap of an unmet row is put in plain words', () => {
    expect(text).toMatch(/信访事项及时受理率[^；。]*100%[^；。]*无偏差/);
    expect(text).toMatch(/信访人满意度”年度指标值为95%，实际完成值为83\.1%，完成率87\.5%，低于年度指标值11\.9个百分点，未完成年度指标，得8\.75分（分值10分）/);
    // The operator of an equal target is not read out in prose (the table keeps the sheet's text).
    const prose = text.split('\n').filter((l) => l.startsWith('\u3000'));
    expect(prose.join('\n')).not.toMatch(/=0起/);
    expect(prose.join('\n')).toContain('年度指标值为0起');
  });

  test('产出 walks 数量, 质量, 时效, 成本 in that order even when the sheet does not', () => {
    const ev = seed();
    ev.indicators.reverse();
    const t = renderText(buildReport(ev));
    const at = (s: string) => t.indexOf(s);
    expect(at('数量指标：')).toBeLessThan(at('质量指标：'));
    expect(at('质量指标：')).toBeLessThan(at('时效指标：'));
    expect(at('时效指标：')).toBeLessThan(at('成本指标：'));
    expect(at('成本指标：')).toBeLessThan(at('社会效益指标：'));
  });

  test('the deviation section quotes the note and asks for the missing one, inventing nothing', () => {
    const ev = seed();
    const dev = text.slice(text.indexOf('四、偏离绩效目标的原因'), text.indexOf('（二）下一步改进措施'));
    expect(dev).toContain('【请填写“保障全国两会期间信访维稳值班力量”偏差原因及改进措施】');
    expect(dev).toContain(`原因分析及改进措施：${ev.indicators[8].note}`);
    // Only the two deviating rows are discussed.
    expect(dev).not.toContain('信访事项及时受理率');
    expect((dev.match(/原因分析及改进措施：/g) ?? []).length).toBe(2);
  });

  test('no deviations: the section says so instead of listing any', () => {
    const ev = seed();
    ev.indicators = ev.indicators.slice(2, 8);
    const t = renderText(buildReport(ev));
    expect(t).toContain('预算执行率和各项绩效指标均已完成，未出现偏离绩效目标的情况');
    expect(t).not.toContain('【请填写“');
  });

  test('an execution rate under 90% becomes a deviation of its own; 90.16% does not', () => {
    const t = renderText(buildReport(roads()));
    expect(t).toContain('预算执行率为90.16%');
    expect(t).not.toContain('【请填写“预算执行率”偏差原因及改进措施】');
    expect(t).toContain('加快预算执行进度');
    expect(t).toContain('全年预算数较年初预算数调增20万元');
    const ev = roads();
    Object.assign(ev.funds!, { executed: 250, rate: 0.78125, score: 7.81 });
    const low = renderText(buildReport(ev));
    expect(low).toContain('预算执行率为78.13%，该项得7.81分（分值10分）。预算执行率低于90%，原因分析见“偏离绩效目标的原因”部分');
    expect(low).toContain('1.预算执行率。预算执行率为78.13%，低于90%。');
    expect(low).toContain('【请填写“预算执行率”偏差原因及改进措施】');
  });

  test('a rate taken from the 执行率 the unit wrote, for want of amounts, is said to be that, and the amounts asked for', () => {
    const ev = roads();
    Object.assign(ev.funds!, { executed: undefined, rate: 0.958, score: 9.58, rateAsWritten: true });
    const t = renderText(buildReport(ev));
    expect(t).toContain('预算执行率为95.8%（系自评表填列数，因资金金额填列不全未能复核），该项得9.58分（分值10分）');
    expect(t).toContain('【请补充全年预算数和全年执行数】');
    expect(renderText(buildReport(roads()))).not.toContain('系自评表填列数');
  });

  test('with no funds block but a 预算执行率 row, the funds part points to that row and asks only for the amounts', () => {
    const ev = seed();
    ev.funds = undefined;
    ev.indicators[0] = { ...ev.indicators[0], level3: '预算执行率' };
    const t = renderText(buildReport(ev));
    expect(t).toContain('预算执行率作为绩效指标纳入评价，完成情况见“预算执行率”一项；【请补充全年预算数和全年执行数】');
    expect(t).not.toContain('自评表未填列项目资金执行情况');
  });

  test('money in 元 is printed as the sheet shows it: as typed, or with the cents its format shows', () => {
    expect(renderText(buildReport(school()))).toContain('全年执行数为1198600.5元，预算执行率');
    const cents = school();
    cents.funds!.shown = { executed: { decimals: 2 } };
    expect(renderText(buildReport(cents))).toContain('全年执行数为1198600.50元，预算执行率');
  });

  test('rows without an actual ask for it; they are not called deviations', () => {
    const ev = seed();
    Object.assign(ev.indicators[2], { actual: '   ', status: 'missing-actual', score: 0 });
    const t = renderText(buildReport(ev));
    expect(t).toContain('【请填写“求决类初访事项一次性化解率”实际完成值】');
    expect(t).toContain('“求决类初访事项一次性化解率”指标的实际完成情况尚待补充或核实');
    expect(t).not.toContain('【请填写“求决类初访事项一次性化解率”偏差原因及改进措施】');
  });

  test("one situation, one phrasing: every met row says it the same way, in the sheet's own terms", () => {
    const lines = renderText(buildReport(many(12))).split('\n');
    const verdicts = lines
      .filter((l) => l.includes('数量指标：'))
      .flatMap((l) => l.split(/[①-⑳]/).slice(1))
      .map((c) =>
        c
          .replace(/^“[^”]*”/, '')
          .replace(/\d+(\.\d+)?/g, 'N')
          .replace(/[；。]$/, ''),
      );
    expect(verdicts.length).toBeGreaterThan(1);
    expect(new Set(verdicts).size).toBe(1);
    expect(lines.join('\n')).not.toMatch(/年初目标|年度目标为|全年实际值|按计划完成|达到年初目标/);
  });

  test('every number of every indicator appears', () => {
    for (const ev of [seed(), roads(), school()]) {
      const t = renderText(buildReport(ev));
      for (const r of ev.indicators) {
        for (const value of [r.target, r.actual, String(r.weight), String(r.score)]) expect(t).toContain(value);
      }
    }
  });
});

describe("a form on a body's whole spending (部门整体支出绩效自评表)", () => {
  const whole = (): Evaluation => {
    const ev = seed();
    ev.project = { ...ev.project, name: '部门整体支出', unit: '某县林业局', department: '某县林业局', year: 2021 };
    return ev;
  };

  test.each(['special-fund', 'hunan-unit', 'yunnan'] as const)('the %s outline speaks of 本部门, never of a project', (outline) => {
    const model = buildReport(whole(), { outline });
    const t = renderText(model);
    expect(runsText(model.title)).toBe('某县林业局2021年度部门整体支出绩效自评报告');
    expect(t).not.toMatch(/本项目|项目支出|以下简称/);
    expect(t).toContain('本部门');
  });

  test('a project form still speaks of 本项目', () => {
    expect(renderText(buildReport(seed()))).toContain('（以下简称“本项目”）');
  });
});

describe('settings', () => {
  const bare = (): Evaluation => ({ ...seed(), project: {}, funds: undefined });

  test('missing unit and date give placeholders, never undefined or null', () => {
    for (const outline of OUTLINE_IDS) {
      const m = buildReport(bare(), { outline });
      expect(m.signature.unit).toEqual([{ text: '【请填写单位名称】', placeholder: true }]);
      expect(m.signature.date).toEqual([{ text: '【请填写日期】', placeholder: true }]);
      const t = renderText(m);
      expect(t).not.toMatch(/undefined|null|NaN/);
      expect(t).toContain('【请填写项目名称】');
    }
  });

  test('a unit of spaces only counts as missing; the sheet unit is the default', () => {
    expect(runsText(buildReport(seed(), { unit: '  \u3000 ' }).signature.unit)).toBe('中共南岳区委社会工作部');
    const ev = bare();
    expect(buildReport(ev, { unit: '   ' }).signature.unit[0].placeholder).toBe(true);
    expect(runsText(buildReport(ev, { unit: ' 某县财政局 ' }).signature.unit)).toBe('某县财政局');
  });

  test('dates: written the GB/T 9704 way; a wrong date is an error, not a silent placeholder', () => {
    expect(chineseDate('2025-06-01')).toBe('2025年6月1日');
    expect(chineseDate('2024/2/29')).toBe('2024年2月29日');
    expect(chineseDate('2025-02-29')).toBeUndefined();
    expect(() => buildReport(seed(), { date: '2025-13-01' })).toThrow(ReportError);
    expect(() => buildReport(seed(), { date: '11/06/2025' })).toThrow(/YYYY-MM-DD/);
  });

  test('the user text replaces a generated piece; blank text does not', () => {
    const own = buildReport(seed(), { sections: { work: '我部成立了工作专班。\n\n由办公室牵头。' } });
    const work = own.sections.find((s) => s.id === 'work')!;
    expect(work.blocks.map((b) => (b.type === 'paragraph' ? runsText(b.runs) : ''))).toEqual(['我部成立了工作专班。', '由办公室牵头。']);
    const blank = buildReport(seed(), { sections: { work: ' \n ' } });
    expect(blank.sections.find((s) => s.id === 'work')!.blocks.length).toBeGreaterThan(0);
    expect(renderText(blank)).toContain('绩效自评工作小组');
  });

  test('project and year: the year goes in front of a name that lacks it', () => {
    const m = buildReport(seed(), { project: '信访维稳专项资金', unit: '某单位' });
    expect(runsText(m.title)).toBe('某单位2024年度信访维稳专项资金绩效自评报告');
  });
});

describe('the indicator table', () => {
  test('level-1 and level-2 cells are merged over equal neighbours, as on the sheet', () => {
    const t = table(buildReport(seed()));
    expect(t.columns.map((c) => c.title)).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差']);
    const grid = tableGrid(t);
    // Row 0 is the funds row, rows 1–9 the indicators, the last the total.
    expect(grid.length).toBe(11);
    expect(grid[1][0]).toMatchObject({ rowSpan: 7, runs: [{ text: '产出指标' }] });
    expect(grid.slice(2, 8).map((r) => r[0])).toEqual([null, null, null, null, null, null]);
    expect([1, 3, 5, 7].map((r) => grid[r][1]?.rowSpan)).toEqual([2, 2, 2, undefined]);
    expect(grid[10].map((c) => c && runsText(c.runs))).toEqual(['总分', null, null, null, null, '100', '98.75', '自评等级：优']);
  });

  test('a level-2 merge never crosses into the next level-1 group', () => {
    const ev = seed();
    ev.indicators[7].level2 = '满意度指标'; // same text as the next row's, under another level 1
    const grid = tableGrid(table(buildReport(ev)));
    expect(grid[8][1]?.rowSpan).toBeUndefined();
    expect(grid[9][1]).toMatchObject({ runs: [{ text: '满意度指标' }] });
  });

  test('the 偏差 column: 无, the note kept whole, or a highlighted request', () => {
    const ev = seed();
    const long = '原因'.repeat(3000);
    ev.indicators[8].note = long;
    const grid = tableGrid(table(buildReport(ev)));
    expect(grid[1][7]?.runs).toEqual([{ text: '【请填写偏差原因】', placeholder: true }]);
    expect(grid[2][7]?.runs[0].text).toBe('无');
    expect(grid[9][7]?.runs[0].text).toBe(long);
  });
});

describe('any cell text', () => {
  test('builds a report for any cell text, without undefined, null or control characters', () => {
    const cellText = fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", ' ', '\n', '\u0001', '字', 'A', '1', '%', '≥') });
    fc.assert(
      fc.property(fc.array(fc.tuple(cellText, cellText, cellText, cellText), { minLength: 1, maxLength: 6 }), (rows) => {
        const ev = seed();
        ev.indicators = rows.map(([level2, level3, target, note], i) => ({
          ...seed().indicators[i % 9],
          level2,
          level3,
          target,
          note,
        }));
        const t = renderText(buildReport(ev, { unit: 'U', date: '2025-01-01' }));
        expect(t).not.toMatch(/undefined|null/);
        expect(t).not.toContain('\u0001');
      }),
      { numRuns: 200 },
    );
  });
});
