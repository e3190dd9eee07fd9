/**
 * issue 15, defect 6: a report for a table of thousands of indicators is drawn in time and memory
 * that grow linearly. These run with jest's default time limit: the old renderer, which built a
 * docx object per cell, took over ten seconds for 2,000 indicators.
 */
import { buildReport } from '../../src/engine/report/build';
import { flattenSections, tableGrid, type ReportModel, type ReportTable } from '../../src/engine/report/model';
import { renderDocx } from '../../src/render/docx';
import { renderText } from '../../src/render/text';
import { many, parseXml, partXml } from './helpers';

const N = 2000;
const COLUMNS = 8;

const reportTable = (m: ReportModel) => flattenSections(m.sections).find((b): b is ReportTable => b.type === 'table')!;

/** The rows of the first w:tbl, each as its cells' XML, read by plain string search (the part is large). */
function tableRows(xml: string): string[][] {
  const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
  return table
    .split('<w:tr>')
    .slice(1)
    .map((row) => row.split('<w:tc>').slice(1));
}

const cellText = (cell: string) => Array.from(cell.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g), (m) => m[1]).join('');
const gridSpan = (cell: string) => Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(cell)?.[1] ?? 1);

describe(`a report for ${N} indicators`, () => {
  const evaluation = many(N);
  let model: ReportModel;
  let xml: string;
  beforeAll(async () => {
    model = buildReport(evaluation, { date: '2025-06-11' });
    xml = await partXml(await renderDocx(model));
  });

  test('document.xml is well-formed (read by a strict parser, on a smaller table of the same rows)', async () => {
    const small = await partXml(await renderDocx(buildReport(many(300))));
    expect(parseXml(small).getElementsByTagName('w:tr')).toHaveLength(1 + 1 + 300 + 1);
  });

  test('the table has the header, the funds row, every indicator in sheet order, and the total', () => {
    const rows = tableRows(xml);
    expect(rows).toHaveLength(1 + 1 + N + 1);
    const level3 = rows.slice(2, -1).map((cells) => cells.map(cellText).find((t) => /^第\d+项指标名称$/.test(t)));
    expect(level3).toEqual(Array.from({ length: N }, (_, i) => `第${i + 1}项指标名称`));
    expect(cellText(rows[rows.length - 1][0])).toBe('总分');
  });

  test('every row fills the table grid, merged cells continued below', () => {
    const rows = tableRows(xml);
    for (const cells of rows) expect(cells.reduce((n, c) => n + gridSpan(c), 0)).toBe(COLUMNS);
    // Each position a level-1 or level-2 cell covers below its first row is a vMerge continuation
    // (the funds row first and the total row last are merged across instead).
    const indicatorRows = tableGrid(reportTable(model)).slice(1, -1);
    const covered = indicatorRows.reduce((n, row) => n + row.filter((c, col) => !c && col < 2).length, 0);
    expect(covered).toBeGreaterThan(N);
    expect(xml.split('<w:vMerge w:val="continue"/>').length - 1).toBe(covered);
  });

  test('every deviating indicator is explained in the deviation section', () => {
    const short = evaluation.indicators.filter((r) => r.status === 'unmet').map((r) => r.level3);
    expect(short.length).toBeGreaterThan(N / 10);
    // Names are plain text, so the XML can be searched as it is.
    const at = xml.indexOf('>（一）偏离绩效目标的原因<');
    expect(at).toBeGreaterThan(0);
    const after = xml.slice(at);
    for (const name of short) expect(after).toContain(`${name}。</w:t>`);
  });
});

describe('one level-2 group of tens of thousands of indicators', () => {
  // A sheet can put every row under one 二级指标; its paragraph then lists them all. Grouping the
  // rows used to copy the group for each row (quadratic), and the paragraph was built with a
  // spread call that overflows the call stack past about 40,000 runs.
  const M = 50_000;
  const evaluation = many(M);
  for (const r of evaluation.indicators) Object.assign(r, { level1: '产出指标', level2: '数量指标' });

  test('its report is built, every indicator described in the one paragraph', () => {
    const lines = renderText(buildReport(evaluation)).split('\n');
    const paragraph = lines.find((line) => line.includes('（1）数量指标：'));
    expect(paragraph).toBeDefined();
    for (const i of [1, M / 2, M]) expect(paragraph).toContain(`第${i}项指标名称`);
  });
});
