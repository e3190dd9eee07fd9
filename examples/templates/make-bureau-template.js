/**
 * Writes bureau-template.docx: an example of a bureau's own report template, filled by
 * `renderReportDocx(…, { template })`. Run from the repository root:
 *   node examples/templates/make-bureau-template.js
 * Plain JavaScript so that it runs without a build; the tags are listed in docs/report.md.
 */
const fs = require('fs');
const path = require('path');
const { withFixedTimes } = require('../../scripts/fixed-times');
const {
  AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow,
  TextRun, WidthType, TableLayoutType, VerticalAlignTable,
} = require('docx');

const font = (eastAsia) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, hint: 'eastAsia' });
const exact = { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const indent = { firstLineChars: 200, firstLine: 640 };
const body = (text, options = {}) =>
  new Paragraph({ children: [new TextRun({ text, font: font('仿宋_GB2312'), size: 32 })], spacing: exact, indent, ...options });
const heading = (text, eastAsia) =>
  new Paragraph({ children: [new TextRun({ text, font: font(eastAsia), size: 32 })], spacing: exact, indent, keepNext: true });

const columns = [
  ['序号', 5], ['一级指标', 10], ['二级指标', 10], ['三级指标', 19], ['年度指标值', 11],
  ['实际完成值', 11], ['分值', 8], ['得分', 8], ['偏差', 18],
];
const textWidth = 11906 - 1588 - 1474;
const widths = columns.map(([, w]) => Math.round((w / 100) * textWidth));
const cell = (text, i, bold = false, span = 1) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: font(bold ? '黑体' : '仿宋_GB2312'), size: 21 })], alignment: AlignmentType.CENTER })],
    columnSpan: span > 1 ? span : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 40, right: 40 },
    width: { size: widths.slice(i, i + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
  });
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
// docxtemplater repeats the whole row because {#指标} opens in its first cell and {/指标} closes in its last.
const loopRow = ['{#指标}{序号}', '{一级指标}', '{二级指标}', '{三级指标}', '{年度指标值}', '{实际完成值}', '{分值}', '{得分}', '{偏差}{/指标}'];
const table = new Table({
  width: { size: textWidth, type: WidthType.DXA },
  columnWidths: widths,
  layout: TableLayoutType.FIXED,
  borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  rows: [
    new TableRow({ tableHeader: true, children: columns.map(([title], i) => cell(title, i, true)) }),
    new TableRow({ cantSplit: true, children: loopRow.map((tag, i) => cell(tag, i)) }),
    new TableRow({ children: [cell('总分', 0, true, 6), cell('{满分}', 6), cell('{总分}', 7), cell('等级：{等级}', 8)] }),
  ],
});

const doc = new Document({
  sections: [
    {
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
      children: [
        new Paragraph({
          children: [new TextRun({ text: '{标题}', font: font('方正小标宋简体'), size: 44 })],
          alignment: AlignmentType.CENTER,
          spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 560 },
        }),
        body('{前言}'),
        heading('一、项目基本情况', '黑体'),
        // A section as real paragraphs: the paragraphs holding only {#…} and {/…} disappear, and the
        // one between them is repeated for each paragraph of the section, in its own format.
        // ({资金下达} alone would give the same text as one paragraph with line breaks.)
        body('{#资金下达段落}'),
        body('{.}'),
        body('{/资金下达段落}'),
        heading('二、绩效目标完成情况', '黑体'),
        body('{项目名称}自评总得分{总分}分，自评等级为“{等级}”。全年预算数{全年预算数}{资金单位}，全年执行数{全年执行数}{资金单位}，预算执行率{执行率}。'),
        table,
        heading('（一）产出指标', '楷体_GB2312'),
        body('{#产出情况段落}'),
        body('{.}'),
        body('{/产出情况段落}'),
        heading('（二）效益指标', '楷体_GB2312'),
        body('{#效益情况段落}'),
        body('{.}'),
        body('{/效益情况段落}'),
        heading('（三）满意度指标', '楷体_GB2312'),
        body('{#满意度情况段落}'),
        body('{.}'),
        body('{/满意度情况段落}'),
        heading('三、偏差原因及改进措施', '黑体'),
        // Each numbered list under a heading of its own, so that no numbering restarts under one heading.
        heading('（一）偏差原因', '楷体_GB2312'),
        // The same kind of loop over the deviating indicators.
        body('{#偏差指标}'),
        body('{序号}.{三级指标}：{完成情况}原因分析及改进措施：{偏差}'),
        body('{/偏差指标}'),
        heading('（二）改进措施', '楷体_GB2312'),
        body('{#改进措施段落}'),
        body('{.}'),
        body('{/改进措施段落}'),
        heading('四、结果应用', '黑体'),
        body('{#结果应用段落}'),
        body('{.}'),
        body('{/结果应用段落}'),
        body(''),
        body('{单位}', { alignment: AlignmentType.RIGHT, indent: { right: 1280 } }),
        body('{日期}', { alignment: AlignmentType.RIGHT, indent: { right: 1280 } }),
      ],
    },
  ],
});

// Fixed times: regenerating the unchanged template leaves it byte for byte the same.
Packer.pack(doc, 'uint8array').then(withFixedTimes).then((bytes) => {
  const out = path.join(__dirname, 'bureau-template.docx');
  fs.writeFileSync(out, bytes);
  console.log(`wrote ${out}`);
});
