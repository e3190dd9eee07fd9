/**
 * The report model as a .docx laid out to GB/T 9704-2012 (党政机关公文格式). Runs in Node and in the
 * browser: no Node imports here, and Packer.pack gives a Uint8Array in both.
 *
 * The docx library makes the package: styles, page setup, footer, properties. The body, which
 * grows with the number of indicators, is written as text by docx-body.ts and put in its place.
 */
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { runsText, type ReportModel } from '../engine/report/model';
import { FONTS, LINE, PAGE, SIZE, writeBody } from './docx-body';

export { FONTS, PAGE };

/** Chinese on the East-Asian channel, digits and Latin in Times New Roman (as docx-body.ts writes runs). */
export const fontFor = (eastAsia: string) => ({
  ascii: FONTS.latin,
  hAnsi: FONTS.latin,
  cs: FONTS.latin,
  eastAsia,
  hint: 'eastAsia',
});

/** One 四号 character in twips: the page number sits this far in from the margin. */
export const FOOTER_INDENT = SIZE.footer * 10;

/**
 * The page number, GB/T 9704-2012 7.5: 4号半角宋体阿拉伯数字 with a 一字线 on each side, "— 1 —";
 * on odd pages at the right, one character in from the margin; on even pages at the left, one
 * character in. Digits, dashes and spaces are all in 宋体 (the standard names it for the digits).
 */
function footer(side: 'odd' | 'even'): Footer {
  const font = { ascii: FONTS.footer, hAnsi: FONTS.footer, cs: FONTS.footer, eastAsia: FONTS.footer, hint: 'eastAsia' };
  const run = new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: SIZE.footer });
  const odd = side === 'odd';
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: FOOTER_INDENT } : { left: FOOTER_INDENT },
        children: [run],
      }),
    ],
  });
}

/** The document's author: the unit, as the signature has it, or nobody (never docx's "Un-named"). */
function author(model: ReportModel): string {
  return model.signature.unit.some((r) => r.placeholder) ? '' : runsText(model.signature.unit).trim();
}

/** The document with an empty body: everything but the text. */
function docxPackage(model: ReportModel): Document {
  return new Document({
    title: runsText(model.title),
    creator: author(model),
    lastModifiedBy: author(model),
    // Odd and even pages carry their page numbers on opposite sides (w:evenAndOddHeaders).
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          // w:val is the language of Latin letters and digits: en-US, as Chinese Word writes it. Marked
          // zh-CN, LibreOffice breaks numbers in the middle ("1 / 00%", "202 / 4年").
          run: { font: fontFor(FONTS.body), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
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
        footers: { default: footer('odd'), even: footer('even') },
        children: [],
      },
    ],
  });
}

const DOCUMENT_PART = 'word/document.xml';

/**
 * docx's own document.xml for the empty body, split where the body's content goes: before the
 * section properties, which docx writes with the ids of the footer it made.
 */
async function bodyFrame(model: ReportModel): Promise<[string, string]> {
  const zip = await JSZip.loadAsync(await Packer.pack(docxPackage(model), 'uint8array'));
  const xml = (await zip.file(DOCUMENT_PART)?.async('string')) ?? '';
  const at = xml.indexOf('<w:body>') + '<w:body>'.length;
  if (at < '<w:body>'.length || !xml.startsWith('<w:sectPr', at)) throw new Error('docx wrote an unexpected document.xml');
  return [xml.slice(0, at), xml.slice(at)];
}

/**
 * Text encoded as UTF-8 into chunks as it is written, and joined once at the end: the body never
 * has to be one string, and no buffer is copied as it grows.
 */
class Utf8Chunks {
  private static readonly CHUNK = 1 << 20;
  private readonly encoder = new TextEncoder();
  private readonly full: Uint8Array[] = [];
  private chunk = new Uint8Array(0);
  private used = 0;

  write(xml: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    if (this.used + 3 * xml.length > this.chunk.length) {
      this.full.push(this.chunk.subarray(0, this.used));
      this.chunk = new Uint8Array(Math.max(Utf8Chunks.CHUNK, 3 * xml.length));
      this.used = 0;
    }
    this.used += this.encoder.encodeInto(xml, this.chunk.subarray(this.used)).written;
  }

  bytes(): Uint8Array {
    const chunks = [...this.full, this.chunk.subarray(0, this.used)];
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    return all;
  }
}

/** The .docx bytes. */
export async function renderDocx(model: ReportModel): Promise<Uint8Array> {
  const [before, after] = await bodyFrame(model);
  const body = new Utf8Chunks();
  body.write(before);
  writeBody(model, body);
  body.write(after);
  // docx zips a Uint8Array as it is (its zip.ts bytesOf); its type names only strings, which it
  // would encode into a second copy of a body that can run to a hundred megabytes.
  const part = { path: DOCUMENT_PART, data: body.bytes() as unknown as string };
  return Packer.pack(docxPackage(model), 'uint8array', undefined, [part]);
}
