/** The report as HTML, for the task pane's preview and for pasting into Word. */
import { flattenSections, tableGrid, type Block, type ReportModel, type Run } from '../engine/report/model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Inline styles, because Word keeps inline styles on paste and drops style sheets.
const FONT = {
  title: "font-family:'方正小标宋简体','FZXiaoBiaoSong-B05S','SimSun',serif;font-size:22pt;text-align:center;font-weight:normal;text-wrap:balance",
  1: "font-family:'黑体','SimHei',sans-serif;font-size:16pt;font-weight:normal",
  2: "font-family:'楷体_GB2312','KaiTi',serif;font-size:16pt;font-weight:normal",
  body: "font-family:'Times New Roman','仿宋_GB2312','FangSong',serif;font-size:16pt",
};
const INDENT = 'text-indent:2em;margin:0;line-height:28pt';

function runs(list: Run[]): string {
  return list
    .map((r) => {
      let html = escapeHtml(r.text);
      if (r.bold) html = `<strong>${html}</strong>`;
      if (r.placeholder) html = `<mark class="placeholder" style="background:#ffff00">${html}</mark>`;
      return html;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading': {
      const font = b.level <= 2 ? FONT[b.level as 1 | 2] : FONT.body;
      const tag = `h${Math.min(6, b.level + 1)}`;
      return `<${tag} style="${font};${INDENT}">${escapeHtml(b.number + b.text)}</${tag}>`;
    }
    case 'paragraph': {
      const indent = b.indent === false ? 'margin:0;line-height:28pt' : INDENT;
      const align = b.align ? `;text-align:${b.align}` : '';
      return `<p style="${FONT.body};${indent}${align}">${runs(b.runs)}</p>`;
    }
    case 'table': {
      const td = 'border:1px solid #000;padding:2px 4px;vertical-align:middle';
      const head = b.columns.map((c) => `<th style="${td};width:${c.width}%;font-family:'黑体','SimHei',sans-serif">${escapeHtml(c.title)}</th>`).join('');
      const body = tableGrid(b)
        .map((row) => {
          const cells = row.flatMap((cell, col) => {
            if (!cell) return [];
            const span = `${cell.rowSpan ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan ? ` colspan="${cell.colSpan}"` : ''}`;
            const text = cell.bold ? `<strong>${runs(cell.runs)}</strong>` : runs(cell.runs);
            return [`<td${span} style="${td};text-align:${cell.align ?? b.columns[col].align}">${text}</td>`];
          });
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('');
      const caption = b.caption ? `<caption style="font-family:'黑体','SimHei',sans-serif">${escapeHtml(b.caption)}</caption>` : '';
      return `<table style="border-collapse:collapse;width:100%;font-family:'仿宋_GB2312','FangSong',serif;font-size:10.5pt">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
  }
}

/** An HTML fragment (a <section>); pass `standalone` for a whole page with its charset. */
export function renderHtml(model: ReportModel, options: { standalone?: boolean } = {}): string {
  const right = `${FONT.body};margin:0;line-height:28pt;text-align:right`;
  const html = [
    '<section class="report" lang="zh-CN">',
    `<h1 style="${FONT.title}">${runs(model.title)}</h1>`,
    ...flattenSections(model.sections).map(block),
    `<p style="${right};margin-top:28pt">${runs(model.signature.unit)}</p>`,
    `<p style="${right}">${runs(model.signature.date)}</p>`,
    '</section>',
  ].join('\n');
  if (!options.standalone) return html;
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(
    model.title.map((r) => r.text).join(''),
  )}</title></head><body>\n${html}\n</body></html>\n`;
}
