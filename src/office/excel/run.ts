/**
 * How a page runs its Excel batches. Excel.run fails a batch at once while the user edits a cell,
 * unless asked to wait: "delayForCellEdit: Determines whether Excel will delay the batch request
 * until the user exits cell edit mode. When false, if the user is in cell edit mode, the batch
 * request will fail automatically. When true, the batch request will be executed when the user
 * exits cell edit mode." (Excel.RunOptions, ExcelApi 1.11, learn.microsoft.com/javascript/api/excel/excel.runoptions)
 *
 * The task pane's own clicks fail fast and say "finish editing the cell" (the user is looking at
 * the pane). What runs without the user watching waits instead: the saves of settings and undo
 * records, and the ribbon command, whose batches would otherwise fail on a click made while a cell
 * was being edited; its five-minute budget still ends a wait that never ends.
 */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const runNow: ExcelRunner = (batch) => Excel.run(batch);

export const runAfterCellEdit: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);
