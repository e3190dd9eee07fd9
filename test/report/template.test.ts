import * as fs from 'fs';
import * as path from 'path';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { ReportError } from '../../src/engine/report/errors';
import { SECTION_TAGS, templateData } from '../../src/engine/report/template-data';
import { fillTemplate } from '../../src/render/template';
import { renderReportDocx } from '../../src/render/report';
import { paragraphTexts, partXml, seed, unzip } from './helpers';

const exampleTemplate = () => new Uint8Array(fs.readFileSync(path.join(__dirname, '../../examples/templates/bureau-template.docx')));

/** A template of the given paragraphs, with an optional one-row loop table. */
async function template(paragraphs: string[], loopRow?: string[]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = paragraphs.map((t) => new Paragraph({ children: [new TextRun(t)], alignment: AlignmentType.LEFT }));
  if (loopRow) {
    children.push(new Table({ rows: [new TableRow({ children: loopRow.map((t) => new TableCell({ children: [new Paragraph(t)] })) })] }));
  }
  return Packer.pack(new Document({ sections: [{ children }] }), 'uint8array');
}

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<ReportError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(ReportError);
    return e as ReportError;
  }
  throw new Error('expected a ReportError');
}

describe('the example bureau template', () => {
  let texts: string[];
  beforeAll(async () => {
    texts = paragraphTexts(await partXml(await renderReportDocx(seed(), { date: '2025-06-11' }, { template: exampleTemplate() })));
  });

  test('is filled: no tag left, project fields and totals in place', () => {
    const all = texts.join('\n');
    expect(all).not.toMatch(/[{}]/);
    expect(texts[0]).toBe('中共南岳区委社会工作部2024年全国两会信访维稳专项资金绩效自评报告');
    expect(all).toContain('2024年全国两会信访维稳专项资金自评总得分98.75分，自评等级为“优”。全年预算数10万元，全年执行数10万元，预算执行率100%。');
    expect(texts.slice(-2)).toEqual(['中共南岳区委社会工作部', '2025年6月11日']);
  });

  test('a {#…段落} loop gives each generated paragraph a paragraph of its own', () => {
    expect(texts).toContain('本项目年初预算数为10万元，全年预算数为10万元。');
    expect(texts).toContain('资金下达情况：【请补充资金下达文件、下达时间及资金主要用途】');
    expect(texts.filter((t) => t.includes('段落'))).toEqual([]);
  });

  test('the indicator loop makes one table row per indicator, each naming its groups (a page break never leaves a row without them)', async () => {
    const xml = await partXml(await renderReportDocx(seed(), {}, { template: exampleTemplate() }));
    const rows = xml
      .split('<w:tr>')
      .slice(1)
      .map((r) => paragraphTexts(`<w:tbl xmlns:w="w"><w:tr>${r.split('</w:tr>')[0]}</w:tr></w:tbl>`));
    expect(rows).toHaveLength(1 + 9 + 1);
    expect(rows[1]).toEqual(['1', '产出指标', '数量指标', '保障全国两会期间信访维稳值班力量', '≥10人', '16人', '7.15', '7.15', '【请填写偏差原因】']);
    expect(rows[2].slice(0, 3)).toEqual(['2', '产出指标', '数量指标']);
    expect(rows[9][8]).toBe(seed().indicators[8].note);
  });

  test('the deviation loop gives one paragraph per deviating indicator', () => {
    const lines = texts.filter((t) => /^\d\.(保障|信访人满意度)/.test(t));
    expect(lines).toHaveLength(2);
    // the name once, in the template's own label: the sentence starts after it
    expect(lines[0]).toMatch(/^1\.保障全国两会期间信访维稳值班力量：年度指标值为≥10人.*原因分析及改进措施：【请填写偏差原因】$/);
    expect(lines[0].match(/保障全国两会期间信访维稳值班力量/g)).toHaveLength(1);
    expect(lines[1]).toMatch(/^2\.信访人满意度：.*83\.1%/);
  });
});

describe('the filled template, as a reviewer reads it', () => {
  test('the 【…】 marks are highlighted as in our own layout, the rest of their paragraph is not', async () => {
    const xml = await partXml(await renderReportDocx(seed(), {}, { template: exampleTemplate() }));
    const runs = [...xml.matchAll(/<w:r>((?:(?!<\/w:r>)[\s\S])*)<\/w:r>/g)].map((m) => m[1]);
    const marked = runs.filter((r) => r.includes('【'));
    expect(marked.length).toBeGreaterThan(3);
    for (const run of marked) expect(run).toMatch(/<w:highlight w:val="yellow"\/>[\s\S]*<w:t[^>]*>【[^】]*】<\/w:t>/);
    const plain = runs.filter((r) => r.includes('年度指标值为≥10人'));
    expect(plain.length).toBeGreaterThan(0);
    for (const run of plain) expect(run).not.toContain('w:highlight');
  });

  test('no cross-reference to a part the template does not have', async () => {
    const all = paragraphTexts(await partXml(await renderReportDocx(seed(), {}, { template: exampleTemplate() }))).join('\n');
    expect(all).not.toContain('原因分析见“偏离绩效目标的原因”部分');
  });

  test('each numbered list has a heading of its own: the numbering never restarts under one heading', async () => {
    const texts = paragraphTexts(await partXml(await renderReportDocx(seed(), {}, { template: exampleTemplate() })));
    const at = (t: string) => texts.indexOf(t);
    expect(at('（一）偏差原因')).toBeGreaterThan(at('三、偏差原因及改进措施'));
    expect(at('（二）改进措施')).toBeGreaterThan(at('（一）偏差原因'));
    const numbered = texts
      .slice(at('（一）偏差原因'), at('（二）改进措施'))
      .filter((t) => /^\d\./.test(t))
      .map((t) => t[0]);
    expect(numbered).toEqual(['1', '2']);
  });
});

describe('tags', () => {
  test('docs/report.md documents exactly the tags the data has', () => {
    const docs = fs.readFileSync(path.join(__dirname, '../../docs/report.md'), 'utf8');
    const documented = new Set(
      docs
        .split('\n')
        .filter((line) => line.startsWith('| `{'))
        .flatMap((line) => [...line.matchAll(/`\{([^}#/.]+)\}`/g)].map((m) => m[1])),
    );
    const data = templateData(seed());
    const rowKeys = Object.keys((data['指标'] as Record<string, string>[])[0]);
    const scalarKeys = Object.keys(data).filter((k) => typeof data[k] === 'string' && !(k in SECTION_TAGS) && k !== '正文');
    expect([...documented].sort()).toEqual([...new Set([...scalarKeys, ...rowKeys])].sort());
    for (const tag of [...Object.keys(SECTION_TAGS), '正文']) {
      expect(docs).toContain(`\`${tag}\``);
      expect(Array.isArray(data[`${tag}段落`])).toBe(true);
    }
  });

  test('every documented section tag has text, and user text replaces a piece', () => {
    const data = templateData(seed(), { sections: { application: '结果已报区财政局。' } });
    for (const tag of Object.keys(SECTION_TAGS)) expect(typeof data[tag] === 'string' && data[tag] !== '').toBe(true);
    expect(data['结果应用']).toBe('结果已报区财政局。');
    expect(JSON.stringify(data)).not.toMatch(/undefined|null/);
  });

  test('multi-paragraph sections become line breaks inside the tag paragraph', async () => {
    const xml = await partXml(fillTemplate(await template(['{工作开展情况}']), templateData(seed())));
    expect(xml).toContain('<w:br/>');
    expect(paragraphTexts(xml)[0]).toContain('绩效自评工作小组');
  });

  test('XML-special characters in the data are escaped', async () => {
    const ev = seed();
    ev.project.name = 'A<B & "C"';
    const xml = await partXml(fillTemplate(await template(['{项目名称}']), templateData(ev)));
    expect(xml).toContain('A&lt;B &amp;');
    expect(paragraphTexts(xml)[0]).toBe('A<B & "C"');
  });

  test('missing unit and date: placeholders, never undefined or null', async () => {
    const xml = await partXml(fillTemplate(await template(['{单位}|{日期}|{主管部门}']), templateData({ ...seed(), project: {} })));
    expect(paragraphTexts(xml)[0]).toBe('【请填写单位名称】|【请填写日期】|—');
  });
});

describe('template errors name the tag, in Chinese and English', () => {
  test('unknown tags, all of them, also inside a loop', async () => {
    const t = await template(['{项目名称}{项目名}', '{总 分}'], ['{#指标}{三级指标}', '{得分率}{/指标}']);
    const e = await errorOf(renderReportDocx(seed(), {}, { template: t }));
    expect(e.code).toBe('template-unknown-tag');
    expect(e.tags.sort()).toEqual(['得分率', '总 分', '项目名'].sort());
    expect(e.zh).toContain('无法识别的标签：{项目名}');
    expect(e.messageEn).toContain('unknown tags: {项目名}');
    expect(e.message).toContain(e.zh);
    expect(e.message).toContain(e.messageEn);
  });

  test('an unknown loop', async () => {
    const e = await errorOf(renderReportDocx(seed(), {}, { template: await template(['{#指标列表}', '{三级指标}', '{/指标列表}']) }));
    expect(e.tags).toEqual(['指标列表']);
  });

  test('broken tags: unclosed brace and unclosed loop', async () => {
    const e = await errorOf(renderReportDocx(seed(), {}, { template: await template(['{项目名称', '{#指标}{三级指标}']) }));
    expect(e.code).toBe('template-syntax');
    expect(e.tags).toEqual(expect.arrayContaining(['项目名称', '指标']));
    expect(e.zh).toContain('标签“{项目名称”缺少右花括号');
    expect(e.zh).toContain('循环“{#指标}”缺少结束标签“{/指标}”');
    expect(e.messageEn).toMatch(/unclosed/);
  });

  test('a file that is not a .docx', async () => {
    const e = await errorOf(renderReportDocx(seed(), {}, { template: new TextEncoder().encode('not a zip') }));
    expect(e.code).toBe('template-not-docx');
    expect(e.message).toMatch(/\.docx[\s\S]*\.docx/);
  });
});

describe('renderReportDocx', () => {
  test('without a template: our layout, a complete package', async () => {
    const zip = await unzip(await renderReportDocx(seed(), { outline: 'yunnan' }));
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', '[Content_Types].xml']));
  });

  test('bad settings reject before anything is produced', async () => {
    await expect(renderReportDocx(seed(), { date: '2025-02-30' })).rejects.toThrow(/日期“2025-02-30”无效[\s\S]*Invalid date/);
    await expect(renderReportDocx(seed(), { outline: 'x' as never }, { template: exampleTemplate() })).rejects.toThrow(ReportError);
  });
});
