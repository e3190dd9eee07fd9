/**
 * The report model as a .docx laid out to GB/T 9704-2012 (党政机关公文格式). Runs in Node and in the
 * browser: no Node imports here, and Packer.pack gives a Uint8Array in both.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import {
  flattenSections,
  runsText,
  tableGrid,
  type Block,
  type ReportModel,
  type ReportTable,
  type Run,
} from '../engine/report/model';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  footer: '宋体',
  latin: 'Times New Roman',
};

/** A4 and the GB/T 9704 margins (37/35/28/26 mm), in twips as the standard's Word templates have them. */
export const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt. */
const SIZE = { title: 44, body: 32, footer: 28, table: 21 };
const CHAR = SIZE.body * 10; // one 三号 character in twips: indents are counted in characters
const LINE = 560; // fixed 28 pt

/**
 * Chinese on the East-Asian channel, digits and Latin in Times New Roman. The eastAsia hint makes
 * shared characters (“” — ①) take the Chinese font, as Word does for text typed in Chinese.
 */
export const fontFor = (eastAsia: string) => ({
  ascii: FONTS.latin,
  hAnsi: FONTS.latin,
  cs: FONTS.latin,
  eastAsia,
  hint: 'eastAsia',
});

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const firstLineIndent = { firstLineChars: 200, firstLine: 2 * CHAR };

function textRuns(runs: Run[], base: IRunOptions): TextRun[] {
  return runs.map(
    (r) =>
      new TextRun({
        ...base,
        text: r.text,
        bold: r.bold || base.bold,
        highlight: r.placeholder ? 'yellow' : undefined,
      }),
  );
}

const bodyRun: IRunOptions = { font: fontFor(FONTS.body), size: SIZE.body };

function headingParagraph(level: number, text: string): Paragraph {
  const font = level === 1 ? FONTS.h1 : level === 2 ? FONTS.h2 : FONTS.body;
  return new Paragraph({
    children: [new TextRun({ text, font: fontFor(font), size: SIZE.body })],
    spacing: bodySpacing,
    indent: firstLineIndent,
    keepNext: true,
    // Shows the headings in Word's navigation pane.
    outlineLevel: Math.min(level, 9) - 1,
  });
}

function columnWidths(table: ReportTable): number[] {
  const widths = table.columns.map((c) => Math.floor((c.width / 100) * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function tableParagraph(runs: Run[], align: 'left' | 'center', base: IRunOptions): Paragraph {
  return new Paragraph({
    children: textRuns(runs, base),
    alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 300, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
  });
}

function renderTable(table: ReportTable): (Paragraph | Table)[] {
  const widths = columnWidths(table);
  const base: IRunOptions = { font: fontFor(FONTS.body), size: SIZE.table };
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const makeCell = (runs: Run[], col: number, span: { rowSpan?: number; colSpan?: number }, align: 'left' | 'center', run: IRunOptions) =>
    new TableCell({
      children: [tableParagraph(runs, align, run)],
      rowSpan: span.rowSpan,
      columnSpan: span.colSpan,
      verticalAlign: VerticalAlignTable.CENTER,
      width: { size: widths.slice(col, col + (span.colSpan ?? 1)).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
    });
  // Table heads in 黑体, repeated on every page the table runs over.
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) => makeCell([{ text: c.title }], i, {}, 'center', { ...base, font: fontFor(FONTS.h1) })),
  });
  const rows = tableGrid(table).map(
    (gridRow) =>
      new TableRow({
        cantSplit: true,
        height: { value: 400, rule: HeightRule.ATLEAST },
        children: gridRow.flatMap((cell, col) =>
          cell ? [makeCell(cell.runs, col, cell, cell.align ?? table.columns[col].align, { ...base, bold: cell.bold })] : [],
        ),
      }),
  );
  const caption = table.caption
    ? [
        new Paragraph({
          children: [new TextRun({ text: table.caption, font: fontFor(FONTS.h1), size: SIZE.footer })],
          alignment: AlignmentType.CENTER,
          spacing: { ...bodySpacing, before: 120 },
          keepNext: true,
        }),
      ]
    : [];
  return [
    ...caption,
    new Table({
      rows: [header, ...rows],
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    }),
    // Word needs a paragraph between a table and what follows; a small one keeps the rhythm.
    new Paragraph({ children: [], spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } }),
  ];
}

function renderBlock(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [headingParagraph(block.level, block.number + block.text)];
    case 'table':
      return renderTable(block);
    case 'paragraph':
      return [
        new Paragraph({
          children: textRuns(block.runs, bodyRun),
          spacing: bodySpacing,
          indent: block.indent === false ? undefined : firstLineIndent,
          alignment:
            block.align === 'center' ? AlignmentType.CENTER : block.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
        }),
      ];
  }
}

/** Rough width in twips: Chinese characters take a full 三号 em, ASCII half of one. */
function textWidth(text: string): number {
  return [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2000 ? CHAR / 2 : CHAR), 0);
}

/**
 * GB/T 9704: the date sits four characters in from the right margin and the unit is centred over
 * the date (or right-aligned, when it is the longer of the two).
 */
function signature(model: ReportModel): Paragraph[] {
  const dateIndent = 4 * CHAR;
  const dateWidth = textWidth(runsText(model.signature.date));
  const unitWidth = textWidth(runsText(model.signature.unit));
  const unitIndent = Math.max(0, Math.round(dateIndent + (dateWidth - unitWidth) / 2));
  const line = (runs: Run[], right: number) =>
    new Paragraph({
      children: textRuns(runs, bodyRun),
      alignment: AlignmentType.RIGHT,
      indent: { right },
      spacing: bodySpacing,
    });
  const blank = new Paragraph({ children: [], spacing: bodySpacing });
  return [blank, blank, line(model.signature.unit, unitIndent), line(model.signature.date, dateIndent)];
}

function footer(): Footer {
  const run = (children: (string | typeof PageNumber.CURRENT)[]) =>
    new TextRun({ children, font: fontFor(FONTS.footer), size: SIZE.footer });
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(['— ', PageNumber.CURRENT, ' —'])] })],
  });
}

export function docxDocument(model: ReportModel): Document {
  const title = new Paragraph({
    children: textRuns(model.title, { font: fontFor(FONTS.title), size: SIZE.title }),
    alignment: AlignmentType.CENTER,
    // A fixed line the size of the title font, and one blank body line before the text (GB/T 9704 7.3.3).
    spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE },
  });
  const children: (Paragraph | Table)[] = [title, ...flattenSections(model.sections).flatMap(renderBlock), ...signature(model)];
  return new Document({
    title: runsText(model.title),
    creator: '绩效自评助手',
    styles: {
      default: {
        document: {
          run: { font: fontFor(FONTS.body), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: bodySpacing },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The page number sits 7 mm under the text block: 35 − 7 − one 四号 line ≈ 23 mm from the edge.
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 1304 },
          },
        },
        footers: { default: footer() },
        children,
      },
    ],
  });
}

/** The .docx bytes. */
export async function renderDocx(model: ReportModel): Promise<Uint8Array> {
  return Packer.pack(docxDocument(model), 'uint8array');
}
