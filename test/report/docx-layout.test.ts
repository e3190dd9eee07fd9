/**
 * Page layout to GB/T 9704-2012 beyond fonts and margins: page numbers on alternating sides, title
 * lines that keep words whole, table columns that never break a number with its unit, and the
 * document's author.
 */
import fc from 'fast-check';
import { buildReport } from '../../src/engine/report/build';
import { runsText, type ReportTable } from '../../src/engine/report/model';
import { renderDocx } from '../../src/render/docx';
import { TEXT_WIDTH, TITLE_LINE_EM } from '../../src/render/docx-body';
import { columnWidths } from '../../src/render/column-widths';
import { numberTokens, textEm, tokenBreaks, charEm } from '../../src/render/measure';
import { titleLines } from '../../src/render/title-lines';
import type { Evaluation } from '../../src/engine/evaluation';
import { parseXml, partXml, seed, school, unzip } from './helpers';

const render = async (ev: Evaluation, settings = {}) => renderDocx(buildReport(ev, settings));
const attr = (e: Element | undefined, name: string) => e?.getAttribute(name) ?? null;
const first = (e: Element | Document, tag: string) => e.getElementsByTagName(tag)[0] as Element | undefined;

/** The footer part for a footerReference type ('default' = odd pages, 'even'), found through the relationships. */
async function footerFor(bytes: Uint8Array, type: 'default' | 'even'): Promise<Element> {
  const doc = parseXml(await partXml(bytes));
  const ref = Array.from(doc.getElementsByTagName('w:footerReference')).find((r) => r.getAttribute('w:type') === type);
  expect(ref).toBeDefined();
  const rels = parseXml(await partXml(bytes, 'word/_rels/document.xml.rels'));
  const rel = Array.from(rels.getElementsByTagName('Relationship')).find((r) => r.getAttribute('Id') === attr(ref, 'r:id'));
  expect(rel).toBeDefined();
  return first(parseXml(await partXml(bytes, `word/${attr(rel, 'Target')}`)), 'w:p') as Element;
}

describe('page numbers (GB/T 9704-2012 7.5)', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await render(seed());
  });

  test('odd and even pages have their own footers (w:evenAndOddHeaders)', async () => {
    const settings = parseXml(await partXml(bytes, 'word/settings.xml'));
    const flag = first(settings, 'w:evenAndOddHeaders');
    expect(flag).toBeDefined();
    expect(['true', '1', 'on', null]).toContain(attr(flag, 'w:val'));
  });

  test('odd pages: right-aligned, one 四号 character (280 twips) in from the right margin', async () => {
    const p = await footerFor(bytes, 'default');
    expect(attr(first(p, 'w:jc'), 'w:val')).toBe('right');
    expect(attr(first(p, 'w:ind'), 'w:right')).toBe('280');
    expect(attr(first(p, 'w:ind'), 'w:left')).toBeNull();
  });

  test('even pages: left-aligned, one 四号 character in from the left margin', async () => {
    const p = await footerFor(bytes, 'even');
    expect(attr(first(p, 'w:jc'), 'w:val')).toBe('left');
    expect(attr(first(p, 'w:ind'), 'w:left')).toBe('280');
    expect(attr(first(p, 'w:ind'), 'w:right')).toBeNull();
  });

  test('both: "— PAGE —" in 四号 宋体, digits included (半角宋体阿拉伯数字)', async () => {
    for (const type of ['default', 'even'] as const) {
      const p = await footerFor(bytes, type);
      expect(Array.from(p.getElementsByTagName('w:t')).map((t) => t.textContent)).toEqual(['— ', ' —']);
      expect(first(p, 'w:instrText')?.textContent?.trim()).toBe('PAGE');
      for (const run of Array.from(p.getElementsByTagName('w:r'))) {
        const rPr = first(run, 'w:rPr');
        expect(attr(first(rPr as Element, 'w:sz'), 'w:val')).toBe('28');
        const fonts = first(rPr as Element, 'w:rFonts');
        expect([attr(fonts, 'w:ascii'), attr(fonts, 'w:hAnsi'), attr(fonts, 'w:eastAsia')]).toEqual(['宋体', '宋体', '宋体']);
      }
    }
  });
});

/** The title paragraph's lines: its text split at each w:br. */
function titleParagraphLines(xml: string): string[] {
  const p = first(parseXml(xml), 'w:p') as Element;
  const lines = [''];
  for (const node of Array.from(p.getElementsByTagName('*'))) {
    if (node.tagName === 'w:br') lines.push('');
    if (node.tagName === 'w:t') lines[lines.length - 1] += node.textContent ?? '';
  }
  return lines;
}

/** Where plain character-by-character filling (as Word does for Chinese) would end each line. */
function greedyBreaks(text: string, maxEm: number): number[] {
  const breaks: number[] = [];
  let line = 0;
  let at = 0;
  for (const ch of text) {
    if (line + charEm(ch) > maxEm) {
      breaks.push(at);
      line = 0;
    }
    line += charEm(ch);
    at += ch.length;
  }
  return breaks;
}

/** Offsets strictly inside any of the given words, where they occur in the text. */
function insideWords(text: string, words: string[]): Set<number> {
  const inside = new Set<number>();
  for (const w of words) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
      for (let k = 1; k < w.length; k++) inside.add(i + k);
    }
  }
  return inside;
}

const lineEnds = (lines: string[]) => lines.slice(0, -1).map((_, i) => lines.slice(0, i + 1).join('').length);

describe('title lines (GB/T 9704-2012 7.3.1: 词意完整，排列对称，长短适宜)', () => {
  const SEED_TITLE = '中共南岳区委社会工作部2024年全国两会信访维稳专项资金绩效自评报告';
  const SEED_WORDS = ['中共', '南岳区委', '社会工作部', '2024年', '全国两会', '信访维稳', '专项资金', '绩效自评报告'];

  test('the seed title, which plain filling breaks inside 信访, is broken before a word into even lines', async () => {
    const inside = insideWords(SEED_TITLE, SEED_WORDS);
    // The premise: filling the line character by character cuts a word (…两会信 / 访维稳…).
    expect(greedyBreaks(SEED_TITLE, TITLE_LINE_EM).some((b) => inside.has(b))).toBe(true);

    const lines = titleParagraphLines(await partXml(await render(seed())));
    expect(lines.join('')).toBe(SEED_TITLE);
    expect(lines.length).toBe(2);
    for (const end of lineEnds(lines)) expect(inside.has(end)).toBe(false);
    for (const line of lines) expect(textEm(line)).toBeLessThanOrEqual(TITLE_LINE_EM);
    // Balanced: the two lines differ by at most four characters.
    const lengths = lines.map((l) => Array.from(l).length);
    expect(Math.abs(lengths[0] - lengths[1])).toBeLessThanOrEqual(4);
  });

  test('a title that fits on one line stays one line, with no break', async () => {
    const ev = seed();
    ev.project.unit = '某局';
    ev.project.name = '信访专项资金';
    const title = runsText(buildReport(ev).title);
    expect(textEm(title)).toBeLessThanOrEqual(TITLE_LINE_EM);
    const xml = await partXml(await render(ev));
    expect(titleParagraphLines(xml)).toEqual([title]);
    expect(first(first(parseXml(xml), 'w:p') as Element, 'w:br')).toBeUndefined();
  });

  test('another title: whole words, balanced, the year with its 年度', () => {
    const title = '某区第一中学2024年度义务教育学校课后服务补助资金绩效自评报告';
    const words = ['某区', '第一中学', '2024年度', '义务教育', '学校', '课后服务', '补助资金', '绩效自评报告'];
    const lines = titleLines(title, TITLE_LINE_EM);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBe(2);
    const inside = insideWords(title, words);
    for (const end of lineEnds(lines)) expect(inside.has(end)).toBe(false);
    expect(Math.abs(textEm(lines[0]) - textEm(lines[1]))).toBeLessThanOrEqual(4);
  });

  test('a bracketed part stays on one line when it can', () => {
    const title = '某县交通运输局2024年度中央财政衔接推进乡村振兴补助资金（农村公路养护）项目绩效自评报告';
    const lines = titleLines(title, TITLE_LINE_EM);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBe(3);
    expect(lines.some((l) => l.includes('（农村公路养护）'))).toBe(true);
    for (const line of lines) expect(textEm(line)).toBeLessThanOrEqual(TITLE_LINE_EM);
  });

  test('any title: lines give the title back, fit the line, never split a number from its unit', () => {
    const piece = fc.constantFrom(
      '中共',
      '某县',
      '委员会',
      '2024年',
      '2024年度',
      '全国',
      '两会',
      '信访',
      '维稳',
      '（',
      '）',
      '资金',
      '绩效',
      '自评报告',
      '120公里',
      '的',
      '和',
      '专项',
      'ABC',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.integer({ min: 8, max: 24 }), (pieces, maxEm) => {
        const title = pieces.join('');
        const lines = titleLines(title, maxEm);
        expect(lines.join('')).toBe(title);
        expect(lines.every((l) => l.length > 0)).toBe(true);
        for (const line of lines) expect(textEm(line)).toBeLessThanOrEqual(maxEm);
        const inTokens = new Set(numberTokens(title).flatMap((t) => Array.from({ length: t.end - t.start - 1 }, (_, k) => t.start + k + 1)));
        for (const end of lineEnds(lines)) expect(inTokens.has(end)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** The indicator table's column widths (w:gridCol) and the table's width. */
function tableGeometry(xml: string): { cols: number[]; width: number; table: Element } {
  const table = first(parseXml(xml), 'w:tbl') as Element;
  const cols = Array.from(table.getElementsByTagName('w:gridCol')).map((g) => Number(g.getAttribute('w:w')));
  return { cols, width: Number(attr(first(table, 'w:tblW'), 'w:w')), table };
}

/** Each cell's lines (split at w:br) for the table's data rows, by column. */
function cellLines(table: Element, col: number): string[][] {
  const rows = Array.from(table.getElementsByTagName('w:tr')).slice(1);
  return rows.flatMap((tr) => {
    const cells = Array.from(tr.childNodes).filter((n): n is Element => (n as Element).tagName === 'w:tc');
    if (cells.length !== 8) return []; // rows with merged cells are not in column order
    const lines = [''];
    for (const node of Array.from(cells[col].getElementsByTagName('*'))) {
      if (node.tagName === 'w:br') lines.push('');
      if (node.tagName === 'w:t') lines[lines.length - 1] += node.textContent ?? '';
    }
    return [lines];
  });
}

/**
 * Where lines end when `text` fills a cell `capEm` ems wide character by character (as Word and
 * LibreOffice fill Chinese), with line breaks at `breaks`: the offsets of all line ends.
 */
function fillEnds(text: string, breaks: Set<number>, capEm: number): number[] {
  const ends: number[] = [];
  let line = 0;
  let at = 0;
  let prev = '';
  for (const ch of text) {
    if (breaks.has(at)) {
      ends.push(at);
      line = 0;
    }
    const gap = textEm(prev + ch) - textEm(prev) - charEm(ch); // the space between Chinese and Latin
    const em = charEm(ch) + (line > 0 ? gap : 0);
    if (line > 0 && line + em > capEm - 0.05) {
      ends.push(at);
      line = charEm(ch);
    } else line += em;
    prev = ch;
    at += ch.length;
  }
  return ends;
}

// Times New Roman: digits are half an em, the full stop a quarter; a Chinese character one em.
// 五号 is 10.5 pt = 210 twips; the cell has 40 twips of margin on each side.
const LOWER_BOUND = { digit: 105, stop: 52, han: 210, margins: 80 };

describe('indicator table columns', () => {
  const wide = (): Evaluation => {
    const ev = seed();
    Object.assign(ev.indicators[0], { target: '不少于120公里', actual: '1198600.50元' });
    Object.assign(ev.indicators[2], { level3: '求决类初访事项一次性化解率（按省信访局统一口径统计，含网上信访）' });
    return ev;
  };

  test('stay within the 156 mm text block', async () => {
    for (const ev of [seed(), school(), wide()]) {
      const { cols, width } = tableGeometry(await partXml(await render(ev)));
      expect(width).toBe(TEXT_WIDTH);
      expect(cols.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      expect(TEXT_WIDTH).toBe(Math.round((156 / 25.4) * 1440)); // 156 mm
    }
  });

  test('a column is at least as wide as its widest number with its unit', async () => {
    const { cols } = tableGeometry(await partXml(await render(wide())));
    // 实际完成值: "1198600.50元" = 9 digits, a full stop and 元.
    expect(cols[4]).toBeGreaterThanOrEqual(9 * LOWER_BOUND.digit + LOWER_BOUND.stop + LOWER_BOUND.han + LOWER_BOUND.margins);
    // 年度指标值: "120公里" = 3 digits and two characters.
    expect(cols[3]).toBeGreaterThanOrEqual(3 * LOWER_BOUND.digit + 2 * LOWER_BOUND.han + LOWER_BOUND.margins);
  });

  test('the prose columns (三级指标, 偏差) give up width first; 分值 and 得分 keep their headings whole', async () => {
    const base = tableGeometry(await partXml(await render(seed()))).cols;
    const { cols } = tableGeometry(await partXml(await render(wide())));
    const share = (col: number, table: ReportTable) => (table.columns[col].width / 100) * TEXT_WIDTH;
    const model = buildReport(wide()).sections.flatMap(function all(s): ReportTable[] {
      return [...s.blocks.filter((b): b is ReportTable => b.type === 'table'), ...s.sections.flatMap(all)];
    })[0];
    // The value columns grew to hold their numbers; the prose columns paid for it.
    expect(cols[4]).toBeGreaterThan(base[4]);
    expect(cols[2] + cols[7]).toBeLessThan(base[2] + base[7]);
    expect(cols[2]).toBeLessThan(share(2, model));
    expect(cols[7]).toBeLessThan(share(7, model));
    for (const col of [5, 6]) expect(cols[col]).toBeGreaterThanOrEqual(2 * LOWER_BOUND.han + LOWER_BOUND.margins);
  });

  test('a number with its unit is never split across lines in a cell: the line breaks before it', async () => {
    const lead = '全年完成县乡道日常养护';
    let broken = 0;
    for (let k = 0; k <= lead.length; k++) {
      const ev = seed();
      const target = `${lead.slice(0, k)}不少于120公里`;
      Object.assign(ev.indicators[0], { target });
      const { table, cols } = tableGeometry(await partXml(await render(ev)));
      const lines = cellLines(table, 3).find((l) => l.join('') === target);
      expect(lines).toBeDefined();
      const room = (cols[3] - LOWER_BOUND.margins) / 210;
      // Filled as Word fills it, with the breaks we wrote, no line ends inside "120公里".
      const given = lineEnds(lines ?? []);
      const token = { start: target.indexOf('120'), end: target.length };
      for (const end of fillEnds(target, new Set(given), room)) expect(end > token.start && end < token.end).toBe(false);
      if (given.length) {
        broken++;
        for (const end of given) expect(end > token.start && end < token.end).toBe(false); // before or after the number
      }
    }
    expect(broken).toBeGreaterThan(0); // some of these texts needed a break
  });

  test('a label that wraps into two or three lines is broken before a word, into even lines', async () => {
    const labels: [number, string, string[]][] = [
      [2, '县乡道日常养护里程', ['县乡道', '日常', '养护', '里程']],
      [2, '养护工程验收合格率', ['养护工程', '验收', '合格率']],
      [2, '重大道路安全事故发生数', ['重大', '道路', '安全', '事故', '发生数']],
      [2, '每公里养护成本', ['每公里', '养护', '成本']],
      [1, '社会效益指标', ['社会效益', '指标']],
      [1, '服务对象满意度指标', ['服务对象', '满意度', '指标']],
    ];
    const ev = seed();
    labels.forEach(([col, label], i) => Object.assign(ev.indicators[i], col === 2 ? { level3: label } : { level2: label }));
    const { table, cols } = tableGeometry(await partXml(await render(ev)));
    let wrapped = 0;
    for (const [col, label, words] of labels) {
      const lines = cellLines(table, col).find((l) => l.join('') === label);
      expect(lines).toBeDefined();
      const room = (cols[col] - LOWER_BOUND.margins) / 210;
      if (textEm(label) <= room) continue;
      wrapped++;
      const inside = insideWords(label, words);
      expect((lines ?? []).length).toBeGreaterThan(1);
      for (const end of lineEnds(lines ?? [])) expect(inside.has(end)).toBe(false);
      for (const line of lines ?? []) expect(textEm(line)).toBeLessThanOrEqual(room);
    }
    expect(wrapped).toBeGreaterThanOrEqual(4);
  });

  test('tokenBreaks: text that only just fills the cell is broken with the same margin as the rest (found by the property below)', () => {
    // 4.84 em wide in a 4.84 em cell: within the margin, so a renderer may wrap it inside ≥95%
    const text = '提高≥95%';
    expect(textEm(text)).toBeCloseTo(4.84, 5);
    expect(tokenBreaks(text, 4.84)).toEqual([2]);
  });

  test('tokenBreaks: filling lines as Word does, no number-with-unit straddles a line end', () => {
    const piece = fc.constantFrom('不少于', '120公里', '≥95%', '1198600.50元', '较上年', '提高', '2个百分点', '，', '信访', '事项', '2024年6月30日', 'ABC');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), fc.double({ min: 4, max: 14, noNaN: true }), (pieces, capEm) => {
        const text = pieces.join('');
        const ends = fillEnds(text, new Set(tokenBreaks(text, capEm)), capEm);
        for (const t of numberTokens(text)) {
          if (textEm(text.slice(t.start, t.end)) > capEm - 0.05) continue; // wider than the cell: nothing helps
          for (const end of ends) expect(end > t.start && end < t.end).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('columnWidths: any content adds up to the width exactly; unbreakable tokens fit when they can', () => {
    const text = fc.constantFrom('', '无', '≥10人', '不少于120公里', '1198600.50元', '保障全国两会期间信访维稳值班力量', '满意度指标', '7.15', '100');
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const table: ReportTable = {
          type: 'table',
          columns: buildReport(seed()).sections.flatMap(function all(s): ReportTable[] {
            return [...s.blocks.filter((b): b is ReportTable => b.type === 'table'), ...s.sections.flatMap(all)];
          })[0].columns,
          rows: rows.map((r) => r.map((t) => ({ runs: t ? [{ text: t }] : [] }))),
        };
        const widths = columnWidths(table, TEXT_WIDTH, { em: 210, padding: 80 });
        expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
        expect(widths.every((w) => w > 0)).toBe(true);
        // The widest token of each column, with room to spare; when even these cannot all fit, nothing is promised.
        const tokenTwips = table.columns.map(
          (_, col) => Math.max(1, ...rows.flatMap((r) => numberTokens(r[col]).map((t) => textEm(r[col].slice(t.start, t.end))))) * 210 * 1.1 + 150,
        );
        if (tokenTwips.reduce((a, b) => a + b, 0) > TEXT_WIDTH) return;
        rows.forEach((r) =>
          r.forEach((t, col) => {
            for (const tok of numberTokens(t)) {
              const em = textEm(t.slice(tok.start, tok.end));
              expect(widths[col]).toBeGreaterThanOrEqual(em * 210 + 80);
            }
          }),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('document properties (docProps/core.xml)', () => {
  const core = async (ev: Evaluation, settings = {}) => {
    const doc = parseXml(await partXml(await render(ev, settings), 'docProps/core.xml'));
    return {
      creator: first(doc, 'dc:creator')?.textContent ?? '',
      lastModifiedBy: first(doc, 'cp:lastModifiedBy')?.textContent ?? '',
    };
  };

  test("creator and lastModifiedBy are the unit: the sheet's 实施单位, or the one given in the settings", async () => {
    expect(await core(seed())).toEqual({ creator: '中共南岳区委社会工作部', lastModifiedBy: '中共南岳区委社会工作部' });
    expect(await core(seed(), { unit: '某县财政局' })).toEqual({ creator: '某县财政局', lastModifiedBy: '某县财政局' });
  });

  test('without a unit they are left empty, never "Un-named"', async () => {
    const bytes = await render({ ...seed(), project: {} });
    const xml = await partXml(bytes, 'docProps/core.xml');
    expect(xml).not.toContain('Un-named');
    expect(await core({ ...seed(), project: {} })).toEqual({ creator: '', lastModifiedBy: '' });
    expect((await unzip(bytes)).file('docProps/core.xml')).not.toBeNull();
  });
});

describe('language', () => {
  test('Chinese for East-Asian text, en-US for Latin letters and digits (zh-CN there makes LibreOffice break numbers)', async () => {
    const styles = parseXml(await partXml(await render(seed()), 'word/styles.xml'));
    const lang = first(first(styles, 'w:rPrDefault') as Element, 'w:lang');
    expect([attr(lang, 'w:eastAsia'), attr(lang, 'w:val')]).toEqual(['zh-CN', 'en-US']);
  });
});

describe('the signature', () => {
  test('keeps with the closing paragraph: that paragraph and the block down to the unit keep with the next', async () => {
    const { renderReportDocx } = await import('../../src/render/report');
    const { partXml, seed } = await import('./helpers');
    const xml = await partXml(await renderReportDocx(seed(), { date: '2025-06-11' }));
    const paragraphs = xml
      .split('<w:p>')
      .slice(1)
      .map((p) => p.split('</w:p>')[0]);
    const dateAt = paragraphs.findIndex((p) => p.includes('2025年6月11日'));
    const [closing, blank1, blank2, unit, date] = paragraphs.slice(dateAt - 4, dateAt + 1);
    for (const p of [closing, blank1, blank2, unit]) expect(p).toContain('<w:keepNext/>');
    expect(closing).toContain('社会监督');
    expect(unit).toContain('中共南岳区委社会工作部');
    expect(date).not.toContain('<w:keepNext/>');
  });
});
