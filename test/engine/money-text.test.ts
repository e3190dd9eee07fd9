/**
 * Amounts as the sheet shows them (issue 9, item 9): one function, engine/money-text.ts, turns an
 * amount into text; the command line, the JSON, the report's sentences, its table and its
 * template tags all print what it gives, with the sheet's unit and places.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatSummary } from '../../src/cli/summary';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import type { GridCell } from '../../src/engine/grid';
import { amountShapeOfCell, amountText, combineShapes, fundsDifferenceText, fundsMoneyText, moneyText } from '../../src/engine/money-text';
import { blocksToLines, buildReport, flattenSections, runsText, tableGrid, templateData } from '../../src/engine/report';
import { displayText } from '../../src/engine/display-text';
import { readWorkbookGrids } from '../../src/xlsx/read';
import { amount, moneyForm, type MoneyForm } from '../helpers/money-forms';

function scored(form: MoneyForm): Evaluation {
  const outcome = evaluateGrid(moneyForm(form));
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome.evaluation;
}

const cell = (value: number, format: string, text = displayText(value, format)): GridCell => ({ value, format, text });

/** The report's sentences (every block but tables), one line each. */
function reportSentences(ev: Evaluation): string {
  const blocks = flattenSections(buildReport(ev).sections).filter((b) => b.type !== 'table');
  return blocksToLines(blocks).join('\n');
}

/** The funds row of the report's indicator table, its cells as text. */
function reportFundsRow(ev: Evaluation): string[] {
  const table = flattenSections(buildReport(ev).sections).find((b) => b.type === 'table');
  if (table?.type !== 'table') throw new Error('the report has no table');
  const row = tableGrid(table).find((r) => r.some((c) => c && runsText(c.runs) === '预算执行率'));
  return (row ?? []).map((c) => (c ? runsText(c.runs) : ''));
}

describe('an amount as the sheet shows it', () => {
  test('as typed when the sheet fixes no places: no padding zeros, no float noise', () => {
    expect(amountText(288.5)).toBe('288.5');
    expect(amountText(1198600.5)).toBe('1198600.5');
    expect(amountText(320)).toBe('320');
    expect(amountText(0.1 + 0.2)).toBe('0.3');
    expect(amountText(28.849999999999998)).toBe('28.85');
    expect(amountText(0.0000001)).toBe('0.0000001');
  });

  test('with the places and separators the sheet shows', () => {
    expect(amountText(1198600.5, { decimals: 2 })).toBe('1198600.50');
    expect(amountText(1198600.5, { decimals: 2, grouped: true })).toBe('1,198,600.50');
    expect(amountText(1200000, { decimals: 0, grouped: true })).toBe('1,200,000');
    expect(amountText(288.5, { decimals: 0 })).toBe('289');
    // Excel rounds the decimal figure, not its binary approximation
    expect(amountText(1.005, { decimals: 2 })).toBe('1.01');
    expect(amountText(1234567.5, { grouped: true })).toBe('1,234,567.5');
    expect(moneyText(288.5, '万元')).toBe('288.5万元');
  });

  test('a cell says how it shows its amount: its displayed text, else its format', () => {
    expect(amountShapeOfCell(cell(288.5, 'General'))).toBeUndefined();
    expect(amountShapeOfCell(cell(288.5, 'G/通用格式', '288.5'))).toBeUndefined();
    expect(amountShapeOfCell(cell(1198600.5, '0.00'))).toEqual({ decimals: 2 });
    expect(amountShapeOfCell(cell(1198600.5, '#,##0.00'))).toEqual({ decimals: 2, grouped: true });
    expect(amountShapeOfCell(cell(288.5, '0.00"万元"'))).toEqual({ decimals: 2 });
    expect(amountShapeOfCell(cell(1200000, '"¥"#,##0'))).toEqual({ decimals: 0, grouped: true });
    // Excel shows "####" in a column too narrow: the format still says how the amount shows
    expect(amountShapeOfCell(cell(1198600.5, '#,##0.0', '####'))).toEqual({ decimals: 1, grouped: true });
    // a figure that is not the value (a scaling format) is not taken for its places
    expect(amountShapeOfCell(cell(1198600.5, '0.00', '119.86'))).toBeUndefined();
    expect(amountShapeOfCell({ value: '1,250.5万元', text: '1,250.5万元', format: 'General' })).toEqual({ decimals: 1, grouped: true });
  });

  test('a sum or difference shows the most places its parts show', () => {
    expect(combineShapes([{ decimals: 2 }, undefined], [46.5, 5])).toEqual({ decimals: 2 });
    expect(combineShapes([undefined, undefined], [46.5, 5])).toBeUndefined();
    expect(combineShapes([{ decimals: 0 }, undefined], [46.25, 5])).toEqual({ decimals: 2 });
  });
});

describe('every output prints the amount the sheet shows', () => {
  test('1198600.5 shown as "0.00" in a 元 block is 1198600.50元 everywhere, never 1198600.5元', () => {
    const ev = scored({ caption: '项目资金（元）', initial: amount(1200000), adjusted: amount(1200000), executed: amount(1198600.5, '0.00') });
    expect(ev.funds).toMatchObject({
      unit: '元',
      executed: 1198600.5,
      shown: { executed: { decimals: 2 } },
      text: { executed: '1198600.50元', adjusted: '1200000元' },
    });
    const shown = fundsMoneyText(ev.funds!, 'executed');
    expect(shown).toBe('1198600.50元');
    const cli = formatSummary(ev);
    const sentences = reportSentences(ev);
    const tags = templateData(ev);
    expect(cli).toContain(`全年执行数${shown}`);
    expect(sentences).toContain(`全年执行数为${shown}`);
    expect(`${tags['全年执行数']}${tags['资金单位']}`).toBe(shown);
    for (const text of [cli, sentences]) expect(text).not.toMatch(/1198600\.5(?!0)/);
    // the JSON (score --json) carries the same text
    expect(JSON.parse(JSON.stringify(ev)).funds.text.executed).toBe(shown);
  });

  test('288.5 typed in a 万元 block is 288.5万元 everywhere, never 288.50万元', () => {
    const ev = scored({ caption: '项目资金（万元）', initial: amount(300), adjusted: amount(320), executed: amount(288.5) });
    const shown = fundsMoneyText(ev.funds!, 'executed');
    expect(shown).toBe('288.5万元');
    const cli = formatSummary(ev);
    const sentences = reportSentences(ev);
    expect(cli).toContain('全年预算数320万元，全年执行数288.5万元');
    expect(sentences).toContain('本项目全年执行数为288.5万元');
    expect(sentences).toContain('全年预算数较年初预算数调增20万元');
    expect(templateData(ev)['全年执行数']).toBe('288.5');
    for (const text of [cli, sentences]) expect(text).not.toContain('288.50');
  });

  test('thousands separators only where the sheet shows them, in the sentences and the tags alike', () => {
    const ev = scored({
      caption: '项目资金（元）',
      initial: amount(1000000, '#,##0.00'),
      adjusted: amount(1200000, '#,##0.00'),
      executed: amount(1198600.5, '#,##0.00'),
    });
    expect(formatSummary(ev)).toContain('全年预算数1,200,000.00元，全年执行数1,198,600.50元');
    const sentences = reportSentences(ev);
    expect(sentences).toContain('全年预算数较年初预算数调增200,000.00元');
    expect(sentences).toContain('全年执行数为1,198,600.50元');
    expect(templateData(ev)['全年预算数']).toBe('1,200,000.00');
    expect(fundsDifferenceText(ev.funds!, 'adjusted', 'initial')).toBe('200,000.00元');
  });

  test('an amount typed as text with its unit keeps its figure', () => {
    const ev = scored({ caption: '项目资金（万元）', adjusted: amount('1,250.5万元'), executed: amount('1,200万元') });
    expect(ev.funds).toMatchObject({ adjusted: 1250.5, executed: 1200 });
    expect(formatSummary(ev)).toContain('全年预算数1,250.5万元，全年执行数1,200万元');
    expect(reportSentences(ev)).toContain('全年预算数为1,250.5万元');
  });

  test('a total summed from the 其中 rows shows the places the rows show, in the note too', () => {
    const ev = scored({
      caption: '项目资金（万元）',
      subRows: [
        ['其中：当年财政拨款', amount(50, '0.00'), amount(48, '0.00'), amount(46.5, '0.00')],
        ['上年结转资金', amount(5, '0.00'), amount(5, '0.00'), amount(5, '0.00')],
      ],
    });
    expect(ev.funds).toMatchObject({ summedFromSubRows: true, executed: 51.5 });
    expect(fundsMoneyText(ev.funds!, 'executed')).toBe('51.50万元');
    expect(formatSummary(ev)).toContain('全年预算数53.00万元，全年执行数51.50万元');
    expect(reportSentences(ev)).toContain('全年执行数为51.50万元');
  });

  test('a blank cell of the total row filled from the 其中 rows is named with their places', () => {
    const ev = scored({
      caption: '项目资金（万元）',
      adjusted: amount(60, '0.00'),
      subRows: [
        ['其中：当年财政拨款', undefined, amount(50, '0.00'), amount(46.5, '0.00')],
        ['上年结转资金', undefined, amount(10, '0.00'), amount(10, '0.00')],
      ],
    });
    expect(fundsMoneyText(ev.funds!, 'executed')).toBe('56.50万元');
    const note = ev.problems.find((p) => p.code === 'funds-cell-summed');
    expect(note?.message).toContain('合计56.50');
  });

  test('a block whose header names no unit takes the unit its amounts name: 850000元 stays 850000元', () => {
    const ev = scored({ caption: '项目资金', adjusted: amount('850000元'), executed: amount('800000元') });
    expect(ev.funds).toMatchObject({ unit: '元', adjusted: 850000, executed: 800000 });
    expect(ev.problems.filter((p) => p.code === 'funds-unit-converted')).toEqual([]);
    expect(formatSummary(ev)).toContain('全年预算数850000元，全年执行数800000元');
    // a header that names 万元 is the unit, and an amount in 元 is converted and said so
    const wan = scored({ caption: '项目资金（万元）', adjusted: amount('850000元'), executed: amount(80) });
    expect(wan.funds).toMatchObject({ unit: '万元', adjusted: 85, executed: 80 });
    expect(wan.problems.find((p) => p.code === 'funds-unit-converted')?.message).toContain('已换算为85万元');
  });

  test('a hand-built Evaluation without shapes prints the amounts as typed', () => {
    const ev = scored({ caption: '项目资金（元）', adjusted: amount(1200000), executed: amount(1198600.5) });
    delete ev.funds!.shown;
    delete ev.funds!.text;
    expect(formatSummary(ev)).toContain('全年执行数1198600.5元');
    expect(reportSentences(ev)).toContain('全年执行数为1198600.5元');
  });
});

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

describe('the examples: one amount string on the command line, in the report and its tags', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xlsx'));
  test.each(files)('%s', async (file) => {
    const grids = await readWorkbookGrids(readFileSync(path.join(EXAMPLES, file)));
    const outcome = grids.map((g) => evaluateGrid(g)).find((o) => o.ok);
    // 仅指标值: a table of targets only is not scored, and prints no amounts
    if (!outcome?.ok) return;
    const ev = outcome.evaluation;
    const f = ev.funds;
    if (!f) return expect(formatSummary(ev)).not.toMatch(/项目资金：/);
    const cli = formatSummary(ev);
    const sentences = reportSentences(ev);
    const tags = templateData(ev);
    for (const field of ['adjusted', 'executed'] as const) {
      const value = f[field];
      if (value === undefined) continue;
      const shown = fundsMoneyText(f, field)!;
      // every example types its amounts in the General format: shown as typed
      expect(shown).toBe(`${value}${f.unit}`);
      expect(f.text?.[field]).toBe(shown);
      const name = field === 'adjusted' ? '全年预算数' : '全年执行数';
      expect(cli).toContain(`${name}${shown}`);
      expect(sentences).toContain(`${name}为${shown}`);
      expect(`${tags[name]}${tags['资金单位']}`).toBe(shown);
    }
  });
});

describe("the report's table compares the rate, not the amounts", () => {
  test('its 预算执行率 row shows 100% against the rate; the amounts are in the sentences only', () => {
    const ev = scored({ caption: '项目资金（元）', adjusted: amount(1200000), executed: amount(1198600.5, '0.00') });
    const row = reportFundsRow(ev);
    expect(row.slice(3, 5)).toEqual(['100%', '99.88%']);
    expect(row.join('|')).not.toContain('元');
  });
});
