import fc from 'fast-check';
import { buildReport } from '../../src/engine/report/build';
import { OUTLINE_IDS, flattenSections, type Heading } from '../../src/engine/report/model';
import { renderDocx, PAGE } from '../../src/render/docx';
import type { Evaluation } from '../../src/engine/evaluation';
import { paragraphTexts, paragraphsWith, parseXml, partXml, roads, school, seed } from './helpers';

const docXml = async (ev: Evaluation, settings = {}) => partXml(await renderDocx(buildReport(ev, settings)));

/** The run properties of the first run holding `text`. */
function runPropsOf(xml: string, text: string): Element {
  const run = Array.from(parseXml(xml).getElementsByTagName('w:r')).find((r) => Array.from(r.getElementsByTagName('w:t')).some((t) => t.textContent === text));
  if (!run) throw new Error(`no run with text ${text}`);
  return run.getElementsByTagName('w:rPr')[0];
}
const fontsOf = (rPr: Element) => {
  const f = rPr.getElementsByTagName('w:rFonts')[0];
  return { eastAsia: f.getAttribute('w:eastAsia'), ascii: f.getAttribute('w:ascii'), hAnsi: f.getAttribute('w:hAnsi') };
};
const sizeOf = (rPr: Element) => rPr.getElementsByTagName('w:sz')[0]?.getAttribute('w:val');

describe('page and fonts (GB/T 9704-2012)', () => {
  let xml: string;
  beforeAll(async () => {
    xml = await docXml(seed(), { date: '2025-06-11' });
  });

  test('A4 with margins 37/35/28/26 mm', () => {
    const sect = parseXml(xml).getElementsByTagName('w:sectPr')[0];
    const size = sect.getElementsByTagName('w:pgSz')[0];
    const mar = sect.getElementsByTagName('w:pgMar')[0];
    expect([size.getAttribute('w:w'), size.getAttribute('w:h')]).toEqual(['11906', '16838']);
    expect(['top', 'bottom', 'left', 'right'].map((k) => mar.getAttribute(`w:${k}`))).toEqual(['2098', '1984', '1588', '1474']);
    expect(PAGE).toMatchObject({ top: 2098, bottom: 1984, left: 1588, right: 1474 });
  });

  test('title: 二号 方正小标宋简体, centred', () => {
    const title = '中共南岳区委社会工作部2024年全国两会信访维稳专项资金绩效自评报告';
    // The title may be broken into lines (w:br); its runs together hold the whole title.
    const p = parseXml(xml).getElementsByTagName('w:p')[0];
    expect(
      Array.from(p.getElementsByTagName('w:t'))
        .map((t) => t.textContent)
        .join(''),
    ).toBe(title);
    for (const run of Array.from(p.getElementsByTagName('w:r'))) {
      const rPr = run.getElementsByTagName('w:rPr')[0];
      expect(fontsOf(rPr)).toEqual({ eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
      expect(sizeOf(rPr)).toBe('44');
    }
    expect(p.getElementsByTagName('w:jc')[0].getAttribute('w:val')).toBe('center');
  });

  test('headings: 一、 in 黑体, （一） in 楷体_GB2312, 1. in 仿宋_GB2312, all 三号', () => {
    for (const [text, font] of [
      ['一、绩效目标分解下达情况', '黑体'],
      ['（一）资金下达情况', '楷体_GB2312'],
      ['1.项目资金到位情况分析', '仿宋_GB2312'],
    ]) {
      const rPr = runPropsOf(xml, text);
      expect(fontsOf(rPr)).toEqual({ eastAsia: font, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
      expect(sizeOf(rPr)).toBe('32');
    }
  });

  test('body: 三号 仿宋_GB2312 on the East-Asian channel, exact 28 pt lines, 2-character indent', () => {
    const [p] = paragraphsWith(xml, '本项目资金纳入单位预算统一管理', true);
    const rPr = p.getElementsByTagName('w:rPr')[0];
    expect(fontsOf(rPr).eastAsia).toBe('仿宋_GB2312');
    expect(sizeOf(rPr)).toBe('32');
    const spacing = p.getElementsByTagName('w:spacing')[0];
    expect([spacing.getAttribute('w:line'), spacing.getAttribute('w:lineRule')]).toEqual(['560', 'exact']);
    const ind = p.getElementsByTagName('w:ind')[0];
    expect([ind.getAttribute('w:firstLineChars'), ind.getAttribute('w:firstLine')]).toEqual(['200', '640']);
    expect(p.getElementsByTagName('w:jc')[0].getAttribute('w:val')).toBe('both');
  });

  test('every run names its East-Asian font explicitly', () => {
    const runs = Array.from(parseXml(xml).getElementsByTagName('w:r')).filter((r) => r.getElementsByTagName('w:t').length);
    const missing = runs.filter((r) => !r.getElementsByTagName('w:rFonts')[0]?.getAttribute('w:eastAsia'));
    expect(missing).toHaveLength(0);
  });

  test('footer: "— PAGE —", right on odd pages and left on even ones (details in docx-layout.test.ts)', async () => {
    const bytes = await renderDocx(buildReport(seed()));
    for (const [part, align] of [
      ['word/footer1.xml', 'right'],
      ['word/footer2.xml', 'left'],
    ]) {
      const p = parseXml(await partXml(bytes, part)).getElementsByTagName('w:p')[0];
      expect(p.getElementsByTagName('w:jc')[0].getAttribute('w:val')).toBe(align);
      expect(p.getElementsByTagName('w:instrText')[0].textContent?.trim()).toBe('PAGE');
      const texts = Array.from(p.getElementsByTagName('w:t')).map((t) => t.textContent);
      expect(texts).toEqual(['— ', ' —']);
    }
  });

  test('signature: unit, then date, right-aligned, after the last section', () => {
    const texts = paragraphTexts(xml).filter((t) => t !== '');
    expect(texts.slice(-2)).toEqual(['中共南岳区委社会工作部', '2025年6月11日']);
    for (const text of texts.slice(-2)) {
      const [p] = paragraphsWith(xml, text);
      expect(p.getElementsByTagName('w:jc')[0].getAttribute('w:val')).toBe('right');
    }
  });
});

describe('content', () => {
  test('headings appear in order, for each outline', async () => {
    for (const outline of OUTLINE_IDS) {
      const model = buildReport(seed(), { outline });
      const expected = flattenSections(model.sections)
        .filter((b): b is Heading => b.type === 'heading')
        .map((h) => h.number + h.text);
      const texts = paragraphTexts(await partXml(await renderDocx(model)));
      const found = expected.map((h) => texts.indexOf(h));
      expect(found.every((i) => i >= 0)).toBe(true);
      expect([...found].sort((a, b) => a - b)).toEqual(found);
    }
  });

  test('the numbers of every indicator, and the totals, are in the document', async () => {
    for (const ev of [seed(), roads(), school()]) {
      const text = paragraphTexts(await docXml(ev)).join('\n');
      for (const r of ev.indicators) {
        for (const value of [r.level3, r.target, r.actual, String(r.weight), String(r.score)]) expect(text).toContain(value);
      }
      expect(text).toContain(String(ev.totalScore));
    }
  });

  test('the table: merged level-1/level-2 cells, a smaller font, borders, a repeated header', async () => {
    const doc = parseXml(await docXml(seed()));
    const tbl = doc.getElementsByTagName('w:tbl')[0];
    const restarts = Array.from(tbl.getElementsByTagName('w:vMerge')).filter((v) => v.getAttribute('w:val') === 'restart');
    expect(restarts).toHaveLength(4); // 产出指标 ×7, 数量/质量/时效 ×2 each
    const rows = tbl.getElementsByTagName('w:tr');
    expect(rows.length).toBe(1 + 1 + 9 + 1);
    expect(rows[0].getElementsByTagName('w:tblHeader').length).toBe(1);
    expect(tbl.getElementsByTagName('w:tblBorders')[0].getElementsByTagName('w:insideH')[0].getAttribute('w:val')).toBe('single');
    const sizes = new Set(Array.from(tbl.getElementsByTagName('w:sz')).map((s) => s.getAttribute('w:val')));
    expect(sizes).toEqual(new Set(['21'])); // 五号 throughout the table
  });

  test('placeholders are highlighted where notes are missing', async () => {
    const xml = await docXml(seed());
    const rPr = runPropsOf(xml, '【请填写“保障全国两会期间信访维稳值班力量”偏差原因及改进措施】');
    expect(rPr.getElementsByTagName('w:highlight')[0].getAttribute('w:val')).toBe('yellow');
    // The row that has a note gets the note, not a placeholder.
    expect(xml).not.toContain('【请填写“信访人满意度”偏差原因及改进措施】');
  });

  test('missing unit and date: highlighted placeholders, never "undefined" or "null"', async () => {
    const ev: Evaluation = { ...seed(), project: {} };
    const xml = await docXml(ev);
    expect(xml).not.toMatch(/undefined|null|NaN/);
    for (const text of ['【请填写单位名称】', '【请填写日期】']) {
      expect(runPropsOf(xml, text).getElementsByTagName('w:highlight')[0].getAttribute('w:val')).toBe('yellow');
    }
  });

  test('XML-special characters from cells are escaped and shown as written', async () => {
    const ev = seed();
    Object.assign(ev.indicators[0], { level3: 'A<B & "C" \'D\'', target: '<5 & >1' });
    Object.assign(ev.indicators[8], { note: '原因：</w:t><w:t>注入 & "引号"' });
    ev.project.unit = '某局 & <办公室>';
    const xml = await docXml(ev);
    expect(xml).toContain('A&lt;B &amp; &quot;C&quot; &apos;D&apos;');
    const text = paragraphTexts(xml).join('\n'); // parsing proves the XML is well-formed
    for (const s of ['A<B & "C" \'D\'', '<5 & >1', '原因：</w:t><w:t>注入 & "引号"', '某局 & <办公室>']) expect(text).toContain(s);
  });

  test('any cell text keeps document.xml well-formed', async () => {
    const cellText = fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\u0000', '\u000b', '\ud800', '\t', '字', 'x') });
    await fc.assert(
      fc.asyncProperty(cellText, cellText, async (level3, note) => {
        const ev = seed();
        Object.assign(ev.indicators[8], { level3, note });
        const xml = await docXml(ev);
        expect(() => parseXml(xml)).not.toThrow();
      }),
      { numRuns: 25 },
    );
  });

  test('very long notes are kept whole', async () => {
    const ev = seed();
    const note = `${'部分责任单位处理信访事项效率不高，'.repeat(400)}完。`;
    ev.indicators[8].note = note;
    const text = paragraphTexts(await docXml(ev)).join('');
    expect(text.split(note).length - 1).toBe(2); // in the deviation section and in the table
  });
});
