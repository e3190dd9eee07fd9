/**
 * The report's body as WordprocessingML, written as text: the XML the docx library writes for the
 * same paragraphs, runs and tables, byte for byte, without its object per element. A table of
 * 10,000 indicators is 80,000 cells; as docx objects they took gigabytes and most of a minute.
 * GB/T 9704-2012 (党政机关公文格式) layout. No Node imports: it runs in the browser too.
 */
import { flattenSections, runsText, tableGrid, type Block, type ReportModel, type ReportTable, type Run, type TableCell } from '../engine/report/model';
import { escapeXml, xmlChars } from '../engine/xml-text';
import { columnWidths as fitColumns } from './column-widths';
import { textEm, tokenBreaks } from './measure';
import { titleLines } from './title-lines';

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
/** The text block's width: 156 mm. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt. */
export const SIZE = { title: 44, body: 32, footer: 28, table: 21 };
const CHAR = SIZE.body * 10; // one 三号 character in twips: indents are counted in characters
export const LINE = 560; // fixed 28 pt

/** Where the text goes: written out piece by piece, so that a long report is never one huge string. */
export interface XmlSink {
  write(xml: string): void;
}

// Most text has been through cleanLine; grade labels and flags from the settings have not.
const text = (s: string) => escapeXml(xmlChars(s));

/**
 * Run properties for a font and size, by bold (1) and placeholder (2). Chinese on the East-Asian
 * channel, digits and Latin in Times New Roman; the eastAsia hint makes shared characters (“” — ①)
 * take the Chinese font, as Word does for text typed in Chinese. Every run names its fonts, so that
 * Word keeps them when the text is pasted elsewhere. Placeholders are highlighted.
 */
type RunStyle = readonly string[];
function runStyle(font: string, size: number): RunStyle {
  const latin = FONTS.latin;
  const fonts = `<w:rFonts w:ascii="${latin}" w:cs="${latin}" w:eastAsia="${font}" w:hAnsi="${latin}" w:hint="eastAsia"/>`;
  const sizes = `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`;
  return [0, 1, 2, 3].map((k) => `<w:rPr>${fonts}${k & 1 ? '<w:b/><w:bCs/>' : ''}${sizes}${k & 2 ? '<w:highlight w:val="yellow"/>' : ''}</w:rPr>`);
}

function runsXml(runs: Run[], style: RunStyle, bold = false): string {
  let xml = '';
  for (const r of runs) {
    const props = style[(r.bold || bold ? 1 : 0) + (r.placeholder ? 2 : 0)];
    xml += `<w:r>${props}<w:t xml:space="preserve">${text(r.text)}</w:t></w:r>`;
  }
  return xml;
}

const STYLE = {
  title: runStyle(FONTS.title, SIZE.title),
  body: runStyle(FONTS.body, SIZE.body),
  h1: runStyle(FONTS.h1, SIZE.body),
  h2: runStyle(FONTS.h2, SIZE.body),
  caption: runStyle(FONTS.h1, SIZE.footer),
  tableHead: runStyle(FONTS.h1, SIZE.table),
  table: runStyle(FONTS.body, SIZE.table),
};

const spacing = (line: number, rule: 'exact' | 'atLeast' | 'auto', before = 0, after = 0) =>
  `<w:spacing w:after="${after}" w:before="${before}" w:line="${line}" w:lineRule="${rule}"/>`;
const BODY_SPACING = spacing(LINE, 'exact');
const FIRST_LINE_INDENT = `<w:ind w:firstLine="${2 * CHAR}" w:firstLineChars="200"/>`;
const jc = (align: 'left' | 'center' | 'right' | 'both') => `<w:jc w:val="${align}"/>`;

const paragraph = (pPr: string, runs = '') => `<w:p><w:pPr>${pPr}</w:pPr>${runs}</w:p>`;

function heading(level: number, title: string): string {
  const style = level === 1 ? STYLE.h1 : level === 2 ? STYLE.h2 : STYLE.body;
  // keepNext holds a heading to its text; the outline level shows it in Word's navigation pane.
  const pPr = `<w:keepNext/>${BODY_SPACING}${FIRST_LINE_INDENT}<w:outlineLvl w:val="${Math.min(level, 9) - 1}"/>`;
  return paragraph(pPr, runsXml([{ text: title }], style));
}

const CELL_SPACING = spacing(300, 'atLeast');
const CELL_PADDING = 40; // left and right, in twips
const CELL_MARGINS =
  `<w:tcMar><w:top w:type="dxa" w:w="20"/><w:left w:type="dxa" w:w="${CELL_PADDING}"/>` +
  `<w:bottom w:type="dxa" w:w="20"/><w:right w:type="dxa" w:w="${CELL_PADDING}"/></w:tcMar>`;

/** Column widths in twips, sized by content within the text block (see column-widths.ts). */
export function tableColumnWidths(table: ReportTable): number[] {
  return fitColumns(table, TEXT_WIDTH, { em: SIZE.table * 10, padding: 2 * CELL_PADDING });
}
const BORDER = 'w:val="single" w:color="000000" w:sz="4"';
const SIDES = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'];
const TABLE_BORDERS = `<w:tblBorders>${SIDES.map((side) => `<w:${side} ${BORDER}/>`).join('')}</w:tblBorders>`;

/** Offsets after each line but the last. */
function lineEnds(lines: string[]): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) ends.push((at += line.length));
  return ends;
}

/**
 * Line breaks for a cell's text, `room` ems wide. A cell that wraps into two or three lines is
 * broken like the title: before a word, into even lines ("社会效益 / 指标", "每公里 / 养护成本",
 * not "社会效益指 / 标"). Longer text wraps as Word wraps it, except that where a number with its
 * unit would straddle a line end, the line breaks before the number. Placeholders are left whole:
 * the unit types over them, and a break left behind would stay in their text.
 */
function cellBreaks(runs: Run[], room: number): number[] {
  const text = runsText(runs);
  const em = textEm(text);
  if (em <= room) return [];
  // A little short of the room, so that Word does not wrap a line we made again.
  if (em <= 3 * room && !runs.some((r) => r.placeholder)) return lineEnds(titleLines(text, room - 0.1));
  return tokenBreaks(text, room);
}

/** The indicator table: 五号, heads in 黑体 repeated on every page, merged cells as the model merges them. */
function writeTable(table: ReportTable, out: XmlSink): void {
  const widths = tableColumnWidths(table);
  const spanWidth = (col: number, colSpan = 1) => widths.slice(col, col + colSpan).reduce((a, b) => a + b, 0);
  const tcPr = (col: number, colSpan: number | undefined, vMerge: string) =>
    `<w:tcPr><w:tcW w:type="dxa" w:w="${spanWidth(col, colSpan)}"/>${colSpan ? `<w:gridSpan w:val="${colSpan}"/>` : ''}` +
    `${vMerge}${CELL_MARGINS}<w:vAlign w:val="center"/></w:tcPr>`;
  // The same few cell starts over and over: made once per column.
  const plainStart = widths.map((_, col) => `<w:tc>${tcPr(col, undefined, '')}`);
  const cellParagraph = { left: CELL_SPACING + jc('left'), center: CELL_SPACING + jc('center') };
  // Text room of a cell, in ems of the table's font.
  const room = (col: number, colSpan = 1) => (spanWidth(col, colSpan) - 2 * CELL_PADDING) / (SIZE.table * 10);
  const cell = (c: TableCell, col: number, align: 'left' | 'center', style: RunStyle) => {
    const restart = (c.rowSpan ?? 1) > 1 ? '<w:vMerge w:val="restart"/>' : '';
    const start = c.colSpan || restart ? `<w:tc>${tcPr(col, c.colSpan, restart)}` : plainStart[col];
    const breaks = new Set(cellBreaks(c.runs, room(col, c.colSpan)));
    return `${start}${paragraph(cellParagraph[align], runsWithBreaks(c.runs, breaks, style, c.bold))}</w:tc>`;
  };

  if (table.caption) {
    const pPr = `<w:keepNext/>${spacing(LINE, 'exact', 120)}${jc('center')}`;
    out.write(paragraph(pPr, runsXml([{ text: table.caption }], STYLE.caption)));
  }
  out.write(
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr>` +
      `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  );
  const head = table.columns.map((c, col) => cell({ runs: [{ text: c.title }] }, col, 'center', STYLE.tableHead));
  out.write(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${head.join('')}</w:tr>`);

  // A cell merged down rows leaves, in each row it covers below, an empty cell that continues the merge.
  const merged: { cell: TableCell; rowsLeft: number }[] = [];
  const alignOf = (c: TableCell, col: number) => c.align ?? table.columns[col].align;
  for (const row of tableGrid(table)) {
    let xml = '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="400" w:hRule="atLeast"/></w:trPr>';
    row.forEach((c, col) => {
      const above = merged[col];
      if (c) {
        xml += cell(c, col, alignOf(c, col), STYLE.table);
        if ((c.rowSpan ?? 1) > 1) merged[col] = { cell: c, rowsLeft: (c.rowSpan ?? 1) - 1 };
      } else if (above && above.rowsLeft > 0) {
        above.rowsLeft--;
        const { colSpan } = above.cell;
        xml += `<w:tc>${tcPr(col, colSpan, '<w:vMerge w:val="continue"/>')}${paragraph(jc(alignOf(above.cell, col)))}</w:tc>`;
      }
    });
    out.write(`${xml}</w:tr>`);
  }
  out.write('</w:tbl>');
  // Word needs a paragraph between a table and what follows; a small one keeps the rhythm.
  out.write(paragraph(spacing(240, 'auto')));
}

function writeBlock(block: Block, out: XmlSink, keepWithNext = false): void {
  switch (block.type) {
    case 'heading':
      out.write(heading(block.level, block.number + block.text));
      return;
    case 'table':
      writeTable(block, out);
      return;
    case 'paragraph': {
      const align = block.align === 'center' ? 'center' : block.align === 'right' ? 'right' : 'both';
      const indent = block.indent === false ? '' : FIRST_LINE_INDENT;
      out.write(paragraph((keepWithNext ? '<w:keepNext/>' : '') + BODY_SPACING + indent + jc(align), runsXml(block.runs, STYLE.body)));
    }
  }
}

/** Rough width in twips: Chinese characters take a full 三号 em, ASCII half of one. */
function textWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += ch.charCodeAt(0) < 0x2000 ? CHAR / 2 : CHAR;
  return width;
}

/**
 * GB/T 9704: the date sits four characters in from the right margin and the unit is centred over
 * the date (or right-aligned, when it is the longer of the two).
 */
function writeSignature(model: ReportModel, out: XmlSink): void {
  const dateIndent = 4 * CHAR;
  const dateWidth = textWidth(runsText(model.signature.date));
  const unitWidth = textWidth(runsText(model.signature.unit));
  const unitIndent = Math.max(0, Math.round(dateIndent + (dateWidth - unitWidth) / 2));
  // keepNext down to the date: the block moves as one, with the closing paragraph (writeBody), never alone onto a page.
  const line = (runs: Run[], right: number, keep: boolean) =>
    paragraph(`${keep ? '<w:keepNext/>' : ''}${BODY_SPACING}<w:ind w:right="${right}"/>${jc('right')}`, runsXml(runs, STYLE.body));
  const blank = paragraph(`<w:keepNext/>${BODY_SPACING}`);
  out.write(blank + blank + line(model.signature.unit, unitIndent, true) + line(model.signature.date, dateIndent, false));
}

/** How many ems of the title's 二号 font fit on a line of the text block (20 of 22 pt in 156 mm). */
export const TITLE_LINE_EM = Math.floor(TEXT_WIDTH / (SIZE.title * 10));

/** Runs with a line break (w:br, in the runs' own style) at each of the given text offsets. */
function runsWithBreaks(runs: Run[], breaks: Set<number>, style: RunStyle, bold = false): string {
  if (!breaks.size) return runsXml(runs, style, bold);
  const br = `<w:r>${style[bold ? 1 : 0]}<w:br/></w:r>`;
  let xml = '';
  let offset = 0;
  runs.forEach((r, k) => {
    let from = 0;
    for (let i = 1; i < r.text.length; i++) {
      if (!breaks.has(offset + i)) continue;
      xml += runsXml([{ ...r, text: r.text.slice(from, i) }], style, bold) + br;
      from = i;
    }
    xml += runsXml([{ ...r, text: r.text.slice(from) }], style, bold);
    offset += r.text.length;
    if (breaks.has(offset) && k < runs.length - 1) xml += br;
  });
  return xml;
}

/**
 * The title's runs broken where titleLines breaks them: before a word, into balanced lines
 * (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，长短适宜).
 */
function titleXml(runs: Run[]): string {
  return runsWithBreaks(runs, new Set(lineEnds(titleLines(runsText(runs), TITLE_LINE_EM))), STYLE.title);
}

/** Everything inside <w:body> before the section properties: title, sections, signature. */
export function writeBody(model: ReportModel, out: XmlSink): void {
  // A fixed line the size of the title font, and one blank body line before the text (GB/T 9704 7.3.3).
  const titlePPr = `${spacing(700, 'exact', 0, LINE)}${jc('center')}`;
  out.write(paragraph(titlePPr, titleXml(model.title)));
  const blocks = flattenSections(model.sections);
  // The closing paragraph keeps with the signature (GB/T 9704 7.3.5: 成文日期 and 发文机关署名 are not left alone on a page).
  blocks.forEach((block, i) => writeBlock(block, out, i === blocks.length - 1));
  writeSignature(model, out);
}
