import { buildReport } from '../../src/engine/report/build';
import { cleanLine, cleanParagraphs } from '../../src/engine/report/format';
import { renderHtml, escapeHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { parseXml, seed } from './helpers';

describe('html', () => {
  test('escapes all text from the sheet', () => {
    const ev = seed();
    ev.indicators[0].level3 = '<script>alert("x")</script> & \'y\'';
    ev.project.unit = '<b>局</b>';
    const html = renderHtml(buildReport(ev));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>局');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&#39;');
  });

  test('is well-formed markup: headings, the table with rowspan, highlighted placeholders', () => {
    const html = renderHtml(buildReport(seed()));
    // Our fragment is also valid XML, which makes it easy to check structurally here.
    const doc = parseXml(html);
    const h2 = Array.from(doc.getElementsByTagName('h2')).map((h) => h.textContent);
    expect(h2).toEqual([
      '一、绩效目标分解下达情况',
      '二、绩效自评工作开展情况',
      '三、绩效目标自评完成情况分析',
      '四、偏离绩效目标的原因和下一步改进措施',
      '五、绩效自评结果拟应用和公开情况',
    ]);
    const spans = Array.from(doc.getElementsByTagName('td'))
      .filter((td) => td.getAttribute('rowspan'))
      .map((td) => `${td.textContent}:${td.getAttribute('rowspan')}`);
    expect(spans).toEqual(['产出指标:7', '数量指标:2', '质量指标:2', '时效指标:2']);
    const marks = Array.from(doc.getElementsByTagName('mark')).map((m) => m.textContent);
    expect(marks).toContain('【请填写“保障全国两会期间信访维稳值班力量”偏差原因及改进措施】');
    expect(marks).toContain('【请填写日期】');
  });

  test('standalone pages declare their charset', () => {
    expect(renderHtml(buildReport(seed()), { standalone: true })).toMatch(/^<!DOCTYPE html>[\s\S]*<meta charset="utf-8">/);
  });
});

describe('plain text', () => {
  test('title, indented body, tab-separated table with merged cells written once, signature', () => {
    const lines = renderText(buildReport(seed(), { date: '2025-06-11' })).split('\n');
    expect(lines[0]).toBe('中共南岳区委社会工作部2024年全国两会信访维稳专项资金绩效自评报告');
    expect(lines).toContain('\u3000\u3000一、绩效目标分解下达情况');
    expect(lines).toContain('产出指标\t数量指标\t保障全国两会期间信访维稳值班力量\t≥10人\t16人\t7.15\t7.15\t【请填写偏差原因】');
    expect(lines).toContain('\t\t实现重要会议、重大活动期间“三个不发生”目标\t=0起\t0起\t7.15\t7.15\t无');
    expect(lines.slice(-3)).toEqual(['中共南岳区委社会工作部', '2025年6月11日', '']);
  });
});

describe('cell text', () => {
  test('line breaks and stray spaces inside Chinese cells go; other spaces stay', () => {
    expect(cleanLine('年度\n指标值')).toBe('年度指标值');
    expect(cleanLine('  实际 完成值\u3000')).toBe('实际完成值');
    expect(cleanLine('≥ 10 人')).toBe('≥ 10 人');
    expect(cleanLine('   ')).toBe('');
    expect(cleanLine('a\u0000b\u0008c')).toBe('abc');
    expect(cleanParagraphs('一、原因\n\n  二、措施 ')).toEqual(['一、原因', '二、措施']);
  });
});
