/**
 * What the task pane and the ribbon command need from the workbook they run in. `excel.ts`
 * implements it with Office.js; tests and the end-to-end page use fakes. Components never touch
 * Office.js: they receive a WorkbookHost through props or hooks.
 */
import type { Judgement } from '../engine/score/score-indicator';
import type { Grid } from '../engine/grid';
import type { ProfileOverrides } from '../engine/rules/customise';
import type { WritePlan } from '../engine/write-plan';

/** The active sheet as one read found it. */
export interface SheetSnapshot {
  grid: Grid;
  /** The sheet is protected: nothing may be written. */
  protected: boolean;
}

/** One cell as it was before a scoring run wrote it, so that 撤销本次评分 can put it back. */
export interface ReplacedCell {
  address: string;
  /** Raw value ('' when empty). */
  value: number | string | boolean;
  /** The formula with its "=", when the cell held one. */
  formula?: string;
  numberFormat: string;
  /** Fill colour as "#RRGGBB", or null for no fill. */
  fill: string | null;
}

export interface UndoRecord {
  sheet: string;
  cells: ReplacedCell[];
}

/** Why a host operation could not run, in terms the pane can explain to the user. */
export type HostErrorCode =
  /** The sheet is protected; nothing was written. */
  | 'protected'
  /** A cell is being edited: the user must finish editing, then retry. */
  | 'editing'
  /** Excel is busy (another operation, a calculation, a co-author): retry shortly. */
  | 'busy'
  /** The sheet or the undo record no longer matches the workbook. */
  | 'stale'
  /** Anything else; `message` carries Office's own text. */
  | 'unknown';

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** Everything saved per workbook (in the document's settings). */
export interface WorkbookSettings {
  profileId: string;
  /** Rule-profile settings the user changed, on top of the built-in profile. */
  overrides: ProfileOverrides;
  keepExistingScores: boolean;
  /** Per sheet name, per 1-based row: the user's judgement of a qualitative or deadline row. */
  judgements: Record<string, Record<number, Judgement>>;
  /** Per sheet name: the header row of the table chosen when the sheet holds several. */
  tableRows: Record<string, number>;
}

export interface WorkbookHost {
  /** Read the active sheet: at most 2 `context.sync()` calls, whatever its size. */
  readActiveSheet(): Promise<SheetSnapshot>;
  /**
   * Write a plan in one sync (more only when a very large plan must be split under Office's
   * request-size limit). The cells' previous contents are captured in the same batch, before the
   * writes, and returned for undo. Throws HostError('protected') on a protected sheet, writing nothing.
   */
  applyPlan(plan: WritePlan): Promise<UndoRecord>;
  /** Put back exactly what a run replaced. */
  undo(record: UndoRecord): Promise<void>;
  /** Activate the sheet and select the cell (a problem's address in the pane). */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Call `listener` whenever the user activates another sheet; resolves to an unsubscribe function. */
  onActiveSheetChanged(listener: () => void): Promise<() => Promise<void>>;
  /** Add a new, formatted sheet holding the standard form; resolves to its name. */
  insertTemplateSheet(): Promise<string>;
  loadSettings(): WorkbookSettings;
  saveSettings(settings: WorkbookSettings): Promise<void>;
}
