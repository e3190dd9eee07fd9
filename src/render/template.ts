/**
 * Fills a bureau's own .docx template (docxtemplater tags, see docs/report.md) instead of our layout.
 * Every mistake in the template becomes one ReportError naming the tags, in Chinese and English.
 */
import PizZip from 'pizzip';
import Docxtemplater from 'docxtemplater';
import { ReportError } from '../engine/report/errors';
import type { TemplateValue } from '../engine/report/template-data';
import { highlightPlaceholders } from './highlight-placeholders';

interface DxtError {
  properties?: { id?: string; xtag?: string; explanation?: string; errors?: DxtError[] };
  message?: string;
}

/** One docxtemplater syntax error in words staff can act on. */
function describe(e: DxtError): { zh: string; en: string; tag: string } {
  const p = e.properties ?? {};
  const tag = p.xtag ?? '';
  const en = p.explanation ?? e.message ?? 'template error';
  const zh: Record<string, string> = {
    unclosed_tag: `标签“{${tag}”缺少右花括号“}”`,
    unopened_tag: `标签“${tag}}”缺少左花括号“{”`,
    duplicate_open_tag: `标签“${tag}”的左花括号重复`,
    duplicate_close_tag: `标签“${tag}”的右花括号重复`,
    unclosed_loop: `循环“{#${tag}}”缺少结束标签“{/${tag}}”`,
    unopened_loop: `结束标签“{/${tag}}”没有对应的开始标签“{#${tag}}”`,
    closing_tag_does_not_match_opening_tag: `循环的开始标签与结束标签“${tag}”不匹配`,
  };
  return { zh: zh[p.id ?? ''] ?? `标签“${tag}”有误`, en, tag };
}

function templateError(errors: DxtError[]): ReportError {
  const list = errors.map(describe);
  return new ReportError(
    'template-syntax',
    `报告模板中的标签有误：${list.map((d) => d.zh).join('；')}。`,
    `The report template has broken tags: ${list.map((d) => d.en).join('; ')}.`,
    [...new Set(list.map((d) => d.tag))],
  );
}

function openZip(template: Uint8Array): PizZip {
  try {
    const zip = new PizZip(template);
    if (zip.file('word/document.xml')) return zip;
  } catch {
    // fall through: not a zip at all
  }
  throw new ReportError(
    'template-not-docx',
    '报告模板无法读取：请选择 Word 文档（.docx）。',
    'The report template cannot be read: choose a Word document (.docx).',
  );
}

/** The filled template as .docx bytes. Throws ReportError, and returns nothing, when the template is wrong. */
export function fillTemplate(template: Uint8Array, data: Record<string, TemplateValue>): Uint8Array {
  const zip = openZip(template);
  const unknown = new Set<string>();
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      // Every known tag has a value, so a missing one is a tag we do not know. Collected rather than
      // thrown at once, so that one message lists all of them.
      nullGetter(part) {
        unknown.add(part.value);
        return '';
      },
    });
    doc.render(data);
  } catch (e) {
    const errors = (e as DxtError).properties?.errors;
    throw templateError(errors && errors.length ? errors : [e as DxtError]);
  }
  if (unknown.size) {
    const tags = [...unknown];
    throw new ReportError(
      'template-unknown-tag',
      `报告模板中有无法识别的标签：${tags.map((t) => `{${t}}`).join('、')}。可用的标签见 docs/report.md。`,
      `The report template uses unknown tags: ${tags.map((t) => `{${t}}`).join(', ')}. See docs/report.md for the tags.`,
      tags,
    );
  }
  const filled = doc.getZip();
  for (const name of Object.keys(filled.files)) {
    if (!/^word\/(document|header\d*|footer\d*)\.xml$/.test(name)) continue;
    filled.file(name, highlightPlaceholders(filled.file(name)?.asText() ?? ''));
  }
  return filled.generate({ type: 'uint8array', compression: 'DEFLATE' });
}
