/**
 * An in-memory workbook behind the WorkbookHost seam, for the task pane's component tests. It
 * counts every call, applies plans to its Grids (so a re-read sees the results), keeps what each
 * plan replaced for undo, and can be told to fail the next call of a method.
 */
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import { parseA1 } from '../../src/engine/address';
import type { Grid, GridCell } from '../../src/engine/grid';
import type { WritePlan } from '../../src/engine/write-plan';
import type { ReplacedCell, SheetSnapshot, UndoRecord, WorkbookHost, WorkbookSettings } from '../../src/hosts/workbook-host';
import { standardForm } from '../helpers/grid-builder';

export type FakeMethod =
  | 'readActiveSheet'
  | 'applyPlan'
  | 'undo'
  | 'selectCell'
  | 'onActiveSheetChanged'
  | 'insertTemplateSheet'
  | 'loadSettings'
  | 'saveSettings';

interface FakeSheet {
  grid: Grid;
  protected: boolean;
}

function cloneGrid(grid: Grid): Grid {
  return { ...grid, cells: grid.cells.map((row) => row.map((cell) => (cell ? { ...cell } : undefined))), merges: grid.merges.map((m) => ({ ...m })) };
}

export class FakeWorkbookHost implements WorkbookHost {
  readonly calls: Record<FakeMethod, number> = {
    readActiveSheet: 0,
    applyPlan: 0,
    undo: 0,
    selectCell: 0,
    onActiveSheetChanged: 0,
    insertTemplateSheet: 0,
    loadSettings: 0,
    saveSettings: 0,
  };
  readonly applied: WritePlan[] = [];
  readonly records: UndoRecord[] = [];
  readonly undone: UndoRecord[] = [];
  readonly selected: { sheet: string; address: string }[] = [];
  readonly saved: WorkbookSettings[] = [];
  settings: WorkbookSettings;
  active: string;
  private readonly sheets = new Map<string, FakeSheet>();
  private readonly listeners = new Set<() => void>();
  private readonly failures = new Map<FakeMethod, unknown[]>();

  constructor(grids: Grid[], options: { settings?: WorkbookSettings; protectedSheets?: string[] } = {}) {
    for (const grid of grids) this.sheets.set(grid.sheet, { grid: cloneGrid(grid), protected: options.protectedSheets?.includes(grid.sheet) ?? false });
    this.active = grids[0]?.sheet ?? 'Sheet1';
    this.settings = options.settings ?? DEFAULT_SETTINGS;
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
    return { grid: cloneGrid(sheet.grid), protected: sheet.protected };
  }

  async applyPlan(plan: WritePlan): Promise<UndoRecord> {
    this.enter('applyPlan');
    this.applied.push(plan);
    const grid = this.grid(plan.sheet);
    const cells: ReplacedCell[] = plan.writes.map((write) => {
      const old = this.valueAt(write.address, plan.sheet);
      return { address: write.address, value: old === null || old === undefined ? '' : old, numberFormat: 'General', fill: null };
    });
    for (const write of plan.writes) {
      this.setCell(grid, write.address, { value: write.value, text: String(write.value), format: write.numberFormat ?? 'General' });
    }
    const record = { sheet: plan.sheet, cells };
    this.records.push(record);
    return record;
  }

  async undo(record: UndoRecord): Promise<void> {
    this.enter('undo');
    this.undone.push(record);
    const grid = this.grid(record.sheet);
    for (const cell of record.cells) {
      this.setCell(grid, cell.address, cell.value === '' ? undefined : { value: cell.value, text: String(cell.value), format: cell.numberFormat });
    }
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

  loadSettings(): WorkbookSettings {
    this.enter('loadSettings');
    return this.settings;
  }

  async saveSettings(settings: WorkbookSettings): Promise<void> {
    this.enter('saveSettings');
    this.settings = settings;
    this.saved.push(settings);
  }
}
