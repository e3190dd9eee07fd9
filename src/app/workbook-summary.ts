/**
 * 汇总本工作簿 (issue 14, in the Excel add-in): every table sheet of the open workbook scored with
 * the workbook's saved settings (each sheet's own judgements and table choice, as 一键评分 would
 * score it), summed up as the command line and the 网页版 sum up many files (batch-summary.ts), and
 * written into the add-in's 评分汇总 sheet; the tables' results are written into their sheets only
 * when the user asks. Two reads and one write in all (WorkbookSummaryHost), however many sheets.
 */
import { itemsOfScoredSheets, NO_TABLE_MESSAGE } from './batch-items';
import { summariseBatch, type BatchItem, type BatchSummary } from './batch-summary';
import type { ExcelHost, SheetRead, SummaryTarget, UndoRecord, WorkbookSettings } from './ports';
import type { ScoredSheet } from './report-service';
import { previewSheet } from './scoring-run';
import type { WritePlan } from '../engine/write-plan';

export const SUMMARY_SHEET_NAME = '评分汇总';

/** A 汇总 row names no file: the workbook is the one open. */
const THIS_WORKBOOK = '';

export interface WorkbookSummaryOptions {
  /** Also write each table's results (得分, 偏差标记, 总分…) into its sheet, as 一键评分 does. */
  writeScores: boolean;
}

export interface WorkbookSummaryRun {
  summary: BatchSummary;
  target: SummaryTarget;
  /** The sheets whose results were written, each with its undo record (none unless asked). */
  written: UndoRecord[];
  /** Sheets scored but not written, being protected (only when the results were asked for). */
  protectedSheets: string[];
}

/**
 * The sheet the summary goes into: 评分汇总, or 评分汇总2, 评分汇总3… when a sheet of that name
 * is the user's (not marked as the add-in's) or is protected. Excel compares names without case.
 */
export function summaryTarget(reads: readonly SheetRead[]): SummaryTarget {
  const byName = new Map<string, SheetRead>();
  for (const read of reads) byName.set(sheetOf(read).toLowerCase(), read);
  for (let n = 1; ; n++) {
    const name = n === 1 ? SUMMARY_SHEET_NAME : `${SUMMARY_SHEET_NAME}${n}`;
    const read = byName.get(name.toLowerCase());
    if (!read) return { name, replace: false };
    if ('snapshot' in read && read.snapshot.summarySheet && !read.snapshot.protected) return { name: read.snapshot.grid.sheet, replace: true };
  }
}

const sheetOf = (read: SheetRead) => ('snapshot' in read ? read.snapshot.grid.sheet : read.sheet);

/**
 * The workbook's part in a summary, in tab order: each sheet with a table, scored (or refused by the
 * engine, with its reason); each sheet that could not be read, with the reason; the workbook as one
 * failure when no sheet holds a table. The add-in's own summary sheets are left out.
 */
export function summaryItems(reads: readonly SheetRead[], settings: WorkbookSettings): { items: BatchItem[]; scored: Map<string, ScoredSheet> } {
  const scored = new Map<string, ScoredSheet>();
  const order: string[] = [];
  const unread = new Map<string, BatchItem>();
  for (const read of reads) {
    if (!('snapshot' in read)) {
      order.push(read.sheet);
      unread.set(read.sheet, { file: THIS_WORKBOOK, sheet: read.sheet, message: read.error.message });
      continue;
    }
    const { snapshot } = read;
    if (snapshot.summarySheet) continue;
    const name = snapshot.grid.sheet;
    order.push(name);
    scored.set(name, { name, outcome: scoreOrFailure(() => previewSheet(snapshot, settings), name) });
  }
  const tables = itemsOfScoredSheets(THIS_WORKBOOK, [...scored.values()]).filter((item) => 'outcome' in item);
  const unreadItems = () => order.map((name) => unread.get(name)).filter(isItem);
  if (tables.length === 0) {
    // No table on any sheet read: the workbook as one failure; but a sheet that could not be read
    // may hold one, and its reason is then what the user needs.
    const none: BatchItem = { file: THIS_WORKBOOK, message: NO_TABLE_MESSAGE.replace('工作簿中', '本工作簿中') };
    return { items: unread.size > 0 ? unreadItems() : [none], scored };
  }
  const bySheet = new Map(tables.map((item) => [item.sheet as string, item]));
  return { items: order.map((name) => bySheet.get(name) ?? unread.get(name)).filter(isItem), scored };
}

const isItem = (item: BatchItem | undefined): item is BatchItem => item !== undefined;

/**
 * The engine's outcome; a fault of ours on an odd sheet (the engine throws) is that sheet's failure,
 * named with its message, so that the other sheets are still summed up.
 */
function scoreOrFailure(score: () => ScoredSheet['outcome'], sheet: string): ScoredSheet['outcome'] {
  try {
    return score();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      // not 'no-table': a sheet the engine gave up on is listed under 未能评分, not passed over
      failure: 'no-rows',
      sheet,
      message: `评分时出错：${detail}`,
      messageEn: `Scoring failed: ${detail}`,
      tables: [],
    };
  }
}

/**
 * 汇总本工作簿: read every sheet, score, write the 评分汇总 sheet (and the results into the tables'
 * sheets when asked) in one batch. A protected sheet is summed up like any other, but its cells are
 * not written (a batch would fail on it): when results were asked for, it is named in
 * `protectedSheets` and listed under 未能评分 with the reason, and the other sheets are written.
 */
export async function summariseWorkbook(host: ExcelHost, settings: WorkbookSettings, options: WorkbookSummaryOptions): Promise<WorkbookSummaryRun> {
  const reads = await host.readAllSheets();
  const { items, scored } = summaryItems(reads, settings);
  const plans: WritePlan[] = [];
  const protectedSheets: string[] = [];
  if (options.writeScores) {
    for (const read of reads) {
      if (!('snapshot' in read)) continue;
      const outcome = scored.get(read.snapshot.grid.sheet)?.outcome;
      if (!outcome?.ok) continue;
      if (read.snapshot.protected) protectedSheets.push(read.snapshot.grid.sheet);
      else plans.push(outcome.plan);
    }
  }
  // Their figures stand in 汇总; 未能评分 says why their results are not in the sheet as asked.
  const notWritten: BatchItem[] = protectedSheets.map((sheet) => ({
    file: THIS_WORKBOOK,
    sheet,
    message: `工作表“${sheet}”受保护，评分结果未写入该表（汇总表中的得分照常按规则计算）。如需写入，请先在“审阅”选项卡中撤销工作表保护，再重新汇总`,
  }));
  const summary = summariseBatch([...items, ...notWritten]);
  const target = summaryTarget(reads);
  const written = await host.writeSummary({ target, summary, plans });
  return { summary, target, written, protectedSheets };
}
