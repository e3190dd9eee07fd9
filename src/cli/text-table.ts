/** Plain-text tables for the terminal, aligned for Chinese (full-width characters take two columns). */

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Cut to at most `max` columns, marking the cut with "…". */
export function fit(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
}

export interface Column {
  header: string;
  max?: number;
  alignRight?: boolean;
}

export function renderTable(columns: Column[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((c, i) => fit(c, columns[i].max ?? 200)));
  // a reduce, not Math.max(...): spreading a table of 100,000+ rows overflows the call stack
  const widths = columns.map((col, i) => cells.reduce((widest, r) => Math.max(widest, displayWidth(r[i] ?? '')), displayWidth(col.header)));
  const line = (r: string[]) =>
    r
      .map((c, i) => pad(c, widths[i], columns[i].alignRight ?? false))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n');
}
