/**
 * The Excel host: WorkbookHost implemented with Office.js. The work is split by concern:
 *   office/excel/read.ts      active sheet → Grid (one sync); every sheet (汇总本工作簿: two syncs)
 *   office/excel/write.ts     plan → cells, with an undo record (one sync per chunk; one for any normal plan);
 *                      undo (a read, then a write: two syncs), keeping cells edited since the run
 *   office/excel/summary-sheet.ts the 评分汇总 sheet, written in the batch of the tables' results
 *   office/excel/template.ts  a new sheet holding the standard form
 *   office/excel/addin-data.ts per-workbook settings, and each sheet's last run for undo, in custom XML
 *                      parts, read back from the document before every save
 *   office/excel/run.ts       whether a batch waits while the user edits a cell
 *   office/excel/errors.ts    Office errors → HostError
 * Every Office call goes through withHostErrors, so the pane only ever sees HostError.
 */
import { parseA1 } from '../../engine/address';
import { cellAt } from '../../engine/grid';
import type { WritePlan } from '../../engine/write-plan';
import { toHostError, withHostErrors } from './errors';
import { readActiveSheet, readAllSheets } from './read';
import { createAddinDataStore } from './addin-data';
import { runAfterCellEdit, runNow } from './run';
import { newSheetKey } from './sheet-key';
import { insertTemplateSheetInExcel } from './template';
import { summarySheetBatch } from './summary-sheet';
import { applyPlanInExcel, applyPlansInExcel, jsonBytes, undoInExcel, type OldCellBytes, type PlanToApply } from './write';
import type { ExcelHost, LastRunsChange, SheetRead, SheetSnapshot, SummaryWrite, UndoRecord, WorkbookSettings } from '../../app/ports';

export interface ExcelHostOptions {
  /**
   * This page's Office.context.document.settings, where earlier builds saved (read for workbooks
   * saved by them); Office's when omitted. Tests give each simulated page its own.
   */
  settings?: () => Office.Settings | undefined;
  /**
   * Every batch waits while the user edits a cell instead of failing (office/excel/run.ts): for the
   * ribbon command, which nobody watches. The pane's clicks fail fast and say why.
   */
  waitForCellEdit?: boolean;
}

const documentSettings = (): Office.Settings | undefined => (typeof Office !== 'undefined' ? Office.context?.document?.settings : undefined);

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const run = options.waitForCellEdit ? runAfterCellEdit : runNow;
  const store = createAddinDataStore({ run, legacy: options.settings ?? documentSettings });
  /**
   * Each sheet as last read. A plan names cells only; the snapshot tells applyPlan and undo which
   * cells are merged (kept out of multi-cell writes) and how big the old contents are (to size a
   * batch, and undo's read of what the cells hold now), without another sync. When a write fails
   * part way, it also tells what the cells held before, should Office not return the failed
   * batch's own loads of that (office/excel/write.ts, rollBack).
   */
  const lastRead = new Map<string, SheetSnapshot>();
  const mergesOf = (sheet: string) => lastRead.get(sheet)?.grid.merges ?? [];
  const oldBytesOf =
    (sheet: string): OldCellBytes =>
    (address) => {
      const grid = lastRead.get(sheet)?.grid;
      if (!grid) return undefined;
      const { row, col } = parseA1(address);
      const cell = cellAt(grid, row, col);
      return jsonBytes(cell.formula !== undefined ? `=${cell.formula}` : (cell.value ?? ''));
    };
  /**
   * Sheets written (or undone) since their last read: their snapshot no longer tells what the
   * cells hold, so a failed write does not take it for the cells' previous contents.
   */
  const writtenSinceRead = new Set<string>();
  const contentsOf = (sheet: string) => (writtenSinceRead.has(sheet) ? undefined : lastRead.get(sheet)?.grid);

  const remember = (snapshot: SheetSnapshot) => {
    lastRead.set(snapshot.grid.sheet, snapshot);
    writtenSinceRead.delete(snapshot.grid.sheet);
  };

  /**
   * A plan as applyPlan gives it to write.ts: what the last read knows of its sheet, and a key for
   * a sheet scored for the first time (none for a protected one: a refused property would fail the write).
   */
  const planToApply = (plan: WritePlan): PlanToApply => {
    const contents = contentsOf(plan.sheet);
    writtenSinceRead.add(plan.sheet);
    const read = lastRead.get(plan.sheet);
    const newKey = read && read.sheetKey === undefined && !read.protected ? newSheetKey() : undefined;
    return { plan, merges: mergesOf(plan.sheet), oldBytes: oldBytesOf(plan.sheet), snapshot: contents, newKey };
  };

  /** The sheet's new key noted, and the sheet's id and key put into its undo record (it follows its sheet: app/last-runs.ts). */
  const recordWritten = (applied: PlanToApply, record: UndoRecord): UndoRecord => {
    const sheet = applied.plan.sheet;
    const read = lastRead.get(sheet);
    if (read && applied.newKey !== undefined) lastRead.set(sheet, { ...read, sheetKey: applied.newKey });
    const { sheetId, sheetKey } = lastRead.get(sheet) ?? {};
    return { ...record, ...(sheetId !== undefined ? { sheetId } : {}), ...(sheetKey !== undefined ? { sheetKey } : {}) };
  };

  return {
    readActiveSheet: () =>
      withHostErrors({ kind: 'read' }, async (): Promise<SheetSnapshot> => {
        const snapshot = await run((context) => readActiveSheet(context));
        remember(snapshot);
        return snapshot;
      }),

    applyPlan: (plan: WritePlan) =>
      withHostErrors({ kind: 'sheet', sheet: plan.sheet }, async () => {
        // A sheet scored for the first time is given its key with the run's writes, in the same batch.
        const applied = planToApply(plan);
        const record = await applyPlanInExcel(plan, applied.merges, applied.oldBytes, applied.snapshot, run, applied.newKey);
        return recordWritten(applied, record);
      }),

    readAllSheets: () =>
      withHostErrors({ kind: 'read' }, async (): Promise<SheetRead[]> => {
        const results = await run((context) => readAllSheets(context));
        return results.map((result) => {
          if (!('snapshot' in result)) return { sheet: result.sheet, error: toHostError(result.error, { kind: 'read' }) };
          remember(result.snapshot);
          return result;
        });
      }),

    writeSummary: (write: SummaryWrite) =>
      withHostErrors({ kind: 'workbook' }, async () => {
        const applied = write.plans.map(planToApply);
        const records = await applyPlansInExcel(applied, run, summarySheetBatch(write.target, write.summary));
        return records.map((record, i) => recordWritten(applied[i], record));
      }),

    undo: (record: UndoRecord) =>
      withHostErrors({ kind: 'sheet', sheet: record.sheet }, () => {
        writtenSinceRead.add(record.sheet);
        return undoInExcel(record, mergesOf(record.sheet), oldBytesOf(record.sheet), run);
      }),

    selectCell: (sheet: string, address: string) =>
      withHostErrors({ kind: 'read' }, () =>
        Excel.run(async (context) => {
          const worksheet = context.workbook.worksheets.getItem(sheet);
          worksheet.activate();
          worksheet.getRange(address).select();
          await context.sync();
        }),
      ),

    onActiveSheetChanged: (listener: () => void) =>
      withHostErrors({ kind: 'read' }, () =>
        Excel.run(async (context) => {
          const handler = context.workbook.worksheets.onActivated.add(async () => listener());
          await context.sync();
          return () =>
            withHostErrors({ kind: 'read' }, () =>
              // a handler is removed in the context it was added in (Office's rule)
              Excel.run(handler.context, async (removal) => {
                handler.remove();
                await removal.sync();
              }),
            );
        }),
      ),

    insertTemplateSheet: () => withHostErrors({ kind: 'workbook' }, () => insertTemplateSheetInExcel()),

    refreshSettings: (options?: { waitForCellEdit?: boolean }) => store.refresh(options?.waitForCellEdit),
    loadSettings: (): WorkbookSettings => store.settings(),
    saveSettings: (settings: WorkbookSettings) => store.saveSettings(settings),
    loadLastRuns: (): UndoRecord[] => store.lastRuns(),
    saveLastRuns: (change: LastRunsChange) => store.saveLastRuns(change),
  };
}
