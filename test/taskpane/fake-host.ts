/**
 * An in-memory workbook behind the WorkbookHost seam, for the task pane's component tests. It
 * counts every call, applies plans to its Grids (so a re-read sees the results), keeps what each
 * plan replaced and wrote for undo, undoes by the real rule (a cell edited since the run is kept:
 * src/app/undo-check.ts; `edit` types into a cell as the user would), keeps saved runs as the
 * workbook's settings would (with the same size budget, which a test can lower), and can be told
 * to fail the next call of a method. 汇总本工作簿's two calls read every sheet and write a summary
 * sheet (a grid holding the 汇总 rows' sheets and totals, marked as the add-in's) and the plans.
 */
import { fitLastRuns, LAST_RUNS_MAX_BYTES } from '../../src/app/last-runs';
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import { undoVerdict } from '../../src/app/undo-check';
import { parseA1 } from '../../src/engine/address';
import type { Grid, GridCell } from '../../src/engine/grid';
import type { WritePlan } from '../../src/engine/write-plan';
import type {
  ExcelHost,
  LastRunsChange,
  LastRunsSaved,
  ReplacedCell,
  SheetRead,
  SheetSnapshot,
  SummaryWrite,
  UndoRecord,
  UndoResult,
  WorkbookSettings,
} from '../../src/app/ports';
import { standardForm } from '../helpers/grid-builder';

export type FakeMethod =
  | 'readActiveSheet'
  | 'applyPlan'
  | 'undo'
  | 'selectCell'
  | 'onActiveSheetChanged'
  | 'insertTemplateSheet'
  | 'refreshSettings'
  | 'loadSettings'
  | 'saveSettings'
  | 'loadLastRuns'
  | 'saveLastRuns'
  | 'readAllSheets'
  | 'writeSummary';

interface FakeSheet {
  grid: Grid;
  protected: boolean;
  /** Written by writeSummary: the add-in's summary sheet. */
  summary?: boolean;
}

function cloneGrid(grid: Grid): Grid {
  return { ...grid, cells: grid.cells.map((row) => row.map((cell) => (cell ? { ...cell } : undefined))), merges: grid.merges.map((m) => ({ ...m })) };
}

export class FakeWorkbookHost implements ExcelHost {
  readonly calls: Record<FakeMethod, number> = {
    readActiveSheet: 0,
    applyPlan: 0,
    undo: 0,
    selectCell: 0,
    onActiveSheetChanged: 0,
    insertTemplateSheet: 0,
    refreshSettings: 0,
    loadSettings: 0,
    saveSettings: 0,
    loadLastRuns: 0,
    saveLastRuns: 0,
    readAllSheets: 0,
    writeSummary: 0,
  };
  /** What each writeSummary was asked to write. */
  readonly summaries: SummaryWrite[] = [];
  readonly applied: WritePlan[] = [];
  readonly records: UndoRecord[] = [];
  readonly undone: UndoRecord[] = [];
  /** What each undo answered, in order. */
  readonly undoResults: UndoResult[] = [];
  readonly selected: { sheet: string; address: string }[] = [];
  readonly saved: WorkbookSettings[] = [];
  settings: WorkbookSettings;
  /** The runs saved in the workbook (what loadLastRuns gives). */
  lastRuns: UndoRecord[];
  /** Every list saveLastRuns saved (its change applied to the saved runs), in order. */
  readonly savedRuns: UndoRecord[][] = [];
  lastRunsMaxBytes: number;
  active: string;
  private readonly sheets = new Map<string, FakeSheet>();
  private readonly listeners = new Set<() => void>();
  private readonly failures = new Map<FakeMethod, unknown[]>();

  constructor(grids: Grid[], options: { settings?: WorkbookSettings; protectedSheets?: string[]; lastRuns?: UndoRecord[]; lastRunsMaxBytes?: number } = {}) {
    for (const grid of grids) this.sheets.set(grid.sheet, { grid: cloneGrid(grid), protected: options.protectedSheets?.includes(grid.sheet) ?? false });
    this.active = grids[0]?.sheet ?? 'Sheet1';
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.lastRuns = options.lastRuns ?? [];
    this.lastRunsMaxBytes = options.lastRunsMaxBytes ?? LAST_RUNS_MAX_BYTES;
  }

  /** The next call of `method` throws `error` (queued: call twice to fail twice). */
  failNext(method: FakeMethod, error: unknown): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** The user activates another sheet: the pane's listener hears of it. */
  activate(sheet: string): void {
    if (!this.sheets.has(sheet)) throw new Error(`no sheet ${sheet}`);
    this.active = sheet;
    for (const listener of this.listeners) listener();
  }

  /** The user inserts `count` empty rows at the top of the sheet: everything on it moves down. */
  insertRowsAtTop(count: number, sheet = this.active): void {
    const grid = this.grid(sheet);
    grid.cells.unshift(...Array.from({ length: count }, () => []));
    grid.merges = grid.merges.map((m) => ({ ...m, top: m.top + count, bottom: m.bottom + count }));
  }

  addSheet(grid: Grid): void {
    this.sheets.set(grid.sheet, { grid: cloneGrid(grid), protected: false });
  }

  grid(sheet = this.active): Grid {
    const found = this.sheets.get(sheet);
    if (!found) throw new Error(`no sheet ${sheet}`);
    return found.grid;
  }

  /** The cell's current value, for asserting what a plan or an undo left behind. */
  valueAt(address: string, sheet = this.active): GridCell['value'] | undefined {
    const grid = this.grid(sheet);
    const { row, col } = parseA1(address);
    return grid.cells[row - grid.top]?.[col - grid.left]?.value;
  }

  /** The user types into a cell (a number or a text; "=…" makes a formula, with no result computed). */
  edit(address: string, typed: number | string, sheet = this.active): void {
    const formula = typeof typed === 'string' && typed.startsWith('=') ? typed.slice(1) : undefined;
    this.setCell(
      this.grid(sheet),
      address,
      formula !== undefined ? { value: null, text: '', format: 'General', formula } : { value: typed, text: String(typed), format: 'General' },
    );
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private enter(method: FakeMethod): void {
    this.calls[method] += 1;
    const queued = this.failures.get(method);
    if (queued && queued.length > 0) throw queued.shift();
  }

  private setCell(grid: Grid, address: string, cell: GridCell | undefined): void {
    const { row, col } = parseA1(address);
    const r = row - grid.top;
    const c = col - grid.left;
    while (grid.cells.length <= r) grid.cells.push([]);
    const cells = grid.cells[r];
    while (cells.length <= c) cells.push(undefined);
    cells[c] = cell;
  }

  async readActiveSheet(): Promise<SheetSnapshot> {
    this.enter('readActiveSheet');
    const sheet = this.sheets.get(this.active);
    if (!sheet) throw new Error('no active sheet');
    return this.snapshotOf(sheet);
  }

  private snapshotOf(sheet: FakeSheet): SheetSnapshot {
    return { grid: cloneGrid(sheet.grid), protected: sheet.protected, ...(sheet.summary ? { summarySheet: true } : {}) };
  }

  async readAllSheets(): Promise<SheetRead[]> {
    this.enter('readAllSheets');
    return [...this.sheets.values()].map((sheet) => ({ snapshot: this.snapshotOf(sheet) }));
  }

  async writeSummary(write: SummaryWrite): Promise<UndoRecord[]> {
    this.enter('writeSummary');
    this.summaries.push(write);
    const records: UndoRecord[] = [];
    for (const plan of write.plans) records.push(await this.applyPlan(plan));
    const rows = [['工作表', '按规则计算总分'], ...write.summary.tables.map((t) => [t.sheet, t.totalScore]), [write.summary.totals.label]];
    const grid: Grid = {
      sheet: write.target.name,
      top: 1,
      left: 1,
      cells: rows.map((row) => row.map((value) => ({ value, text: String(value), format: 'General' }))),
      merges: [],
    };
    this.sheets.set(write.target.name, { grid, protected: false, summary: true });
    this.activate(write.target.name);
    return records;
  }

  async applyPlan(plan: WritePlan): Promise<UndoRecord> {
    this.enter('applyPlan');
    this.applied.push(plan);
    const grid = this.grid(plan.sheet);
    const cells: ReplacedCell[] = plan.writes.map((write) => {
      const old = this.valueAt(write.address, plan.sheet);
      return { address: write.address, value: old === null || old === undefined ? '' : old, numberFormat: 'General', fill: null, written: write.value };
    });
    for (const write of plan.writes) {
      this.setCell(grid, write.address, { value: write.value, text: String(write.value), format: write.numberFormat ?? 'General' });
    }
    const record = { sheet: plan.sheet, cells };
    this.records.push(record);
    return record;
  }

  async undo(record: UndoRecord): Promise<UndoResult> {
    this.enter('undo');
    this.undone.push(record);
    const grid = this.grid(record.sheet);
    const result: UndoResult = { restored: 0, keptEdited: [], keptUnknown: [] };
    for (const cell of record.cells) {
      const { row, col } = parseA1(cell.address);
      const now = grid.cells[row - grid.top]?.[col - grid.left];
      const current = { value: now?.value ?? '', ...(now?.formula !== undefined ? { formula: `=${now.formula}` } : {}) };
      const verdict = undoVerdict(cell, current);
      if (verdict === 'edited') result.keptEdited.push(cell.address);
      else if (verdict === 'unknown') result.keptUnknown.push(cell.address);
      else {
        result.restored += 1;
        this.setCell(grid, cell.address, cell.value === '' ? undefined : { value: cell.value, text: String(cell.value), format: cell.numberFormat });
      }
    }
    this.undoResults.push(result);
    return result;
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.enter('selectCell');
    this.selected.push({ sheet, address });
  }

  async onActiveSheetChanged(listener: () => void): Promise<() => Promise<void>> {
    this.enter('onActiveSheetChanged');
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async insertTemplateSheet(): Promise<string> {
    this.enter('insertTemplateSheet');
    let name = '绩效自评表';
    for (let n = 2; this.sheets.has(name); n++) name = `绩效自评表 (${n})`;
    this.sheets.set(name, { grid: { ...standardForm([]), sheet: name }, protected: false });
    this.activate(name);
    return name;
  }

  async refreshSettings(): Promise<void> {
    this.enter('refreshSettings');
  }

  loadSettings(): WorkbookSettings {
    this.enter('loadSettings');
    return this.settings;
  }

  async saveSettings(settings: WorkbookSettings): Promise<void> {
    this.enter('saveSettings');
    this.settings = settings;
    this.saved.push(settings);
  }

  loadLastRuns(): UndoRecord[] {
    this.enter('loadLastRuns');
    return this.lastRuns;
  }

  async saveLastRuns(change: LastRunsChange): Promise<LastRunsSaved> {
    this.enter('saveLastRuns');
    const records = change(this.lastRuns.slice());
    this.savedRuns.push(records);
    const { kept, skipped } = fitLastRuns(records, this.lastRunsMaxBytes);
    this.lastRuns = kept;
    return { saved: kept, skipped };
  }
}
