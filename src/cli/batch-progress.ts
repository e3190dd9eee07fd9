/**
 * How far a batch has got. On a terminal: one line that keeps being rewritten (files done of the
 * total, errors so far, the file just finished), cut to the terminal's width and cleared at the
 * end. Otherwise (a log file, a pipe, a CI job): one line per file, which reads well afterwards.
 */
import type { FileResult } from './batch-file';
import { formatNumber } from '../engine/messages';

/** The terminal the line is drawn on (process.stderr when it is one). */
export interface Terminal {
  columns?: number;
  write(text: string): unknown;
}

/** Redraws at most this often: a thousand quick files need not mean a thousand redraws. */
const REDRAW_MS = 100;

export class BatchProgress {
  private done = 0;
  private failed = 0;
  private lastDrawn = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly terminal: Terminal | undefined,
    private readonly printLine: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Before the first file: the line shows 0 of the total at once. */
  start(): void {
    if (this.terminal) this.draw('');
  }

  finished(result: FileResult): void {
    this.done++;
    const failures = result.summary.failures.length;
    if (failures > 0) this.failed++;
    if (!this.terminal) {
      this.printLine(`[${String(this.done).padStart(String(this.total).length)}/${this.total}] ${fileLine(result)}`);
      return;
    }
    if (this.done === this.total || this.now() - this.lastDrawn >= REDRAW_MS) this.draw(result.label);
  }

  /** Clears the line, so that what follows starts on a clean one. */
  end(): void {
    if (this.terminal && this.drawn) this.terminal.write('\r\x1b[K');
  }

  private draw(current: string): void {
    const errors = this.failed > 0 ? `，${this.failed}个文件未能全部评分` : '';
    const head = `评分中：${this.done}/${this.total}${errors}`;
    const width = Math.max(20, (this.terminal?.columns ?? 80) - 1);
    const line = current ? `${head}  ${current}` : head;
    this.terminal?.write(`\r${fitWidth(line, width)}\x1b[K`);
    this.drawn = true;
    this.lastDrawn = this.now();
  }
}

/** “文件：总分 95.5（优）” for each table, then what could not be scored. */
export function fileLine(result: FileResult): string {
  const { tables, failures } = result.summary;
  const scored = tables.map((t) => `${tables.length > 1 ? `“${t.sheet}”` : ''}总分 ${formatNumber(t.totalScore)}（${t.grade}）`);
  const parts: string[] = [];
  if (scored.length > 0) parts.push(`已评分${tables.length > 1 ? `${tables.length}张表` : ''}，${scored.join('、')}`);
  for (const f of failures) parts.push(`${f.sheet ? `工作表“${f.sheet}”` : ''}未能评分：${f.message}`);
  return `${result.label}：${parts.join('；')}`;
}

/** Cut to `width` terminal columns (a CJK character takes two), keeping the end of a long path, where the file name is. */
export function fitWidth(text: string, width: number): string {
  const chars = Array.from(text);
  const columns = (c: string) =>
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) || c.length > 1 ? 2 : 1;
  let total = chars.reduce((sum, c) => sum + columns(c), 0);
  if (total <= width) return text;
  // Keep the head (the counts) and the tail (the file name); drop the middle of the path.
  const head = text.indexOf('  ') >= 0 ? Array.from(text.slice(0, text.indexOf('  ') + 2)) : [];
  const tail = chars.slice(head.length);
  while (total > width - 1 && tail.length > 0) total -= columns(tail.shift() as string);
  return `${head.join('')}…${tail.join('')}`;
}
