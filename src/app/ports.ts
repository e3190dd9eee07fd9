/**
 * What the task pane and the ribbon command need from the workbook they run in. `office/excel/host.ts`
 * implements it with Office.js; tests and the end-to-end page use fakes. Components never touch
 * Office.js: they receive a WorkbookHost through props or hooks.
 */
import type { BatchSummary } from './batch-summary';
import { ProductError, type ProductErrorOptions } from '../engine/product-error';
import type { Judgement } from '../engine/score/score-indicator';
import type { Grid } from '../engine/grid';
import type { ProfileOverrides } from '../engine/rules/customise';
import type { WritePlan } from '../engine/write-plan';

/** The active sheet as one read found it. */
export interface SheetSnapshot {
  grid: Grid;
  /** The sheet is protected: nothing may be written. */
  protected: boolean;
  /**
   * Worksheet.id where Excel tells it: the same after a rename, unlike the name, but only while the
   * workbook stays open (app/sheet-settings.ts).
   */
  sheetId?: string;
  /** The names of all the workbook's sheets, where Excel tells them. */
  sheetNames?: string[];
  /** The key the add-in keeps on a sheet it has scored (office/excel/sheet-key.ts): the same across sessions. */
  sheetKey?: string;
  /**
   * The sheet is the 评分汇总 the add-in wrote (汇总本工作簿): a summary of tables, not a table to
   * score, however much its headings look like one.
   */
  summarySheet?: boolean;
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
  /**
   * What the run wrote into the cell, as Excel keeps it (a text written with a protecting
   * apostrophe is kept without it, and noted here without it). Undo puts a cell back only while it
   * still holds this (or its value from before the run): anything else is the user's edit, kept.
   * Absent in records saved by versions before it was noted: unknown (see src/app/undo-check.ts).
   * A cell the run only styled (WritePlan.formats) notes the value it kept, so that a value the
   * user typed into it since counts as their edit.
   */
  written?: number | string;
  /**
   * How the cell looked before the run, for a cell the run styled (CellWrite.style, or a cell of
   * WritePlan.formats): what Range.copyFrom "Formats" and wrapText can change beyond the number
   * format and the fill noted above. Absent for a cell the run did not style, and in records saved
   * before the look was noted: its look is then left as it is.
   */
  look?: CellLook;
}

/** A border edge of one cell, as getCellProperties names it (Excel.CellBorderCollection). */
export type CellEdge = 'top' | 'bottom' | 'left' | 'right' | 'diagonalDown' | 'diagonalUp';

export const CELL_EDGES: readonly CellEdge[] = ['top', 'bottom', 'left', 'right', 'diagonalDown', 'diagonalUp'];

/**
 * A cell's look as Range.getCellProperties reports it (Excel.CellPropertiesFormat, ExcelApi 1.9),
 * kept compact because it is saved in the workbook's settings: the font, the wrap, the alignment
 * and each edge's border. A part Excel did not report (a cell of mixed fonts gives none) is
 * absent, and left as it is when the look is put back.
 */
export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  /** Font colour, "#RRGGBB". */
  fontColor?: string;
  /** Font size in points. */
  fontSize?: number;
  fontName?: string;
  wrap?: boolean;
  /** Excel.HorizontalAlignment ("General", "Center", …). */
  horizontal?: string;
  /** Excel.VerticalAlignment ("Bottom", "Center", …). */
  vertical?: string;
  /** Per edge: "None", or the line as "style weight colour" ("Continuous Thin #000000"). */
  borders?: Partial<Record<CellEdge, string>>;
}

export interface UndoRecord {
  /** The sheet's name when the record was last read or made (a renamed sheet's record follows it: sheetId). */
  sheet: string;
  /**
   * Worksheet.id of the sheet the run wrote, where Excel told it: the record follows the sheet when
   * it is renamed, is dropped when it is deleted, and a new sheet given its old name does not
   * inherit it (followSheets in src/app/last-runs.ts). Absent in records of earlier builds: by name.
   */
  sheetId?: string;
  /**
   * The key the add-in keeps on the sheet (office/excel/sheet-key.ts), saved with the workbook:
   * the record follows it across sessions and renames, and is offered on no other sheet.
   */
  sheetKey?: string;
  /** The cells the run wrote, and those it only styled (their `written` is the value they kept). */
  cells: ReplacedCell[];
  /**
   * The widths, in points, of the columns whose width the run set (by column letters), as they
   * were before it; null for a column of the sheet's standard width. Absent when the run set none.
   */
  columnWidths?: Record<string, number | null>;
  /**
   * The sheet's print area before the run widened it (the address Excel reported). Absent when
   * the run left the print area alone: it never sets one on a sheet without one (WritePlan.printArea),
   * so there is never a print area to remove.
   */
  printArea?: string;
}

/** What undo did with a record's cells. */
export interface UndoResult {
  /** Cells put back as they were before the run. */
  restored: number;
  /**
   * Cells changed after the run (a score or a note the user typed): left as they are. Their
   * addresses, in the record's order.
   */
  keptEdited: string[];
  /**
   * Cells of a record saved before what a run wrote was noted, that no longer hold what they held
   * before the run: the run's result cannot be told from the user's edit, so they are left as
   * they are. Their addresses, in the record's order.
   */
  keptUnknown: string[];
}

/** What saveLastRuns did. */
export interface LastRunsSaved {
  /** The runs the document holds now, one per sheet, the oldest first (what loadLastRuns gives next). */
  saved: UndoRecord[];
  /**
   * Sheets whose record was too large to keep in the document's settings: not saved (nor kept by
   * the host), so it can be undone only by whoever still holds it in memory.
   */
  skipped: string[];
}

/**
 * A change to the saved runs, applied to what the document holds when the change is saved (a
 * ribbon run may have saved since this page last read them): see withRun and withoutRun in
 * src/app/last-runs.ts.
 */
export type LastRunsChange = (saved: UndoRecord[]) => UndoRecord[];

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

/** An Office operation that could not run. Retrying can help unless the sheet is protected or gone. */
export class HostError extends ProductError {
  declare readonly code: HostErrorCode;
  constructor(code: HostErrorCode, zh: string, en: string, options: Omit<ProductErrorOptions, 'retryable'> = {}) {
    super(code, zh, en, { ...options, retryable: code === 'busy' || code === 'editing' || code === 'unknown' });
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
  /**
   * Per sheet name: the Worksheet.id of the sheet its judgements and table choice were made on, so
   * that they follow a renamed sheet and a new sheet given an old name does not inherit them
   * (app/sheet-settings.ts). Settings saved without it, and the command line, go by name.
   */
  sheetIds?: Record<string, string>;
  /**
   * Per sheet name: the key the add-in keeps on that sheet (office/excel/sheet-key.ts), where the
   * sheet had one when its entries were saved. Unlike the id, it survives closing the workbook.
   */
  sheetKeys?: Record<string, string>;
}

export interface WorkbookHost {
  /**
   * Read the active sheet in one `context.sync()`. Only a sheet beyond what Excel on the web
   * returns at once (5 MB, or more than 512 merged areas) is read in parts, with more syncs.
   */
  readActiveSheet(): Promise<SheetSnapshot>;
  /**
   * Write a plan in one sync (more only when a very large plan must be split under Office's
   * request-size limit). The cells' previous contents (and the look of the cells it styles, the
   * widths of the columns it sizes, the print area it widens) are captured in the same batch, before
   * the writes, and returned for undo. Throws HostError('protected') on a protected sheet; when a batch
   * fails part way, what it wrote is put back and the error says so (or names what could not be).
   */
  applyPlan(plan: WritePlan): Promise<UndoRecord>;
  /**
   * Put back what a run replaced, in the cells that still hold what the run wrote (their value,
   * number format, fill and look), and the widths and print area it changed; a cell whose value was
   * edited since is left alone, look included, and named in the answer. Two syncs: one reads the cells' current contents,
   * one writes (none when nothing is to be put back; more only for a record too large for one request).
   */
  undo(record: UndoRecord): Promise<UndoResult>;
  /** Activate the sheet and select the cell (a problem's address in the pane). */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Call `listener` whenever the user activates another sheet; resolves to an unsubscribe function. */
  onActiveSheetChanged(listener: () => void): Promise<() => Promise<void>>;
  /** Add a new, formatted sheet holding the standard form; resolves to its name. */
  insertTemplateSheet(): Promise<string>;
  /**
   * The task pane and the ribbon command run in pages of their own, and each page holds its own
   * copy of the add-in's data in the document (settings, undo records), as it last read it:
   * whatever another page saved since is not in it. This reads the saved state into this page's
   * copy; call it before loadSettings or loadLastRuns when the page starts and whenever another
   * page may have saved. (saveSettings and saveLastRuns read what they change themselves.) Rejects
   * with HostError when the data cannot be read; the copy is then left as it was. Fails at once
   * while the user edits a cell, unless `waitForCellEdit` (the pane's first read: its settings
   * must be known before it shows).
   */
  refreshSettings(options?: { waitForCellEdit?: boolean }): Promise<void>;
  /** The workbook's settings in this page's copy (see refreshSettings). Never throws. */
  loadSettings(): WorkbookSettings;
  /**
   * Save the workbook's settings (apart from the undo records: neither save touches the other).
   * Refused (HostError) until this page has read the saved settings (refreshSettings): a value
   * made without them would replace them.
   */
  saveSettings(settings: WorkbookSettings): Promise<void>;
  /**
   * The last scoring run of each sheet in this page's copy (see refreshSettings), saved under a
   * key of its own, apart from WorkbookSettings: one record per sheet, the oldest run first. Never
   * throws: saved data that is missing or damaged gives an empty list.
   */
  loadLastRuns(): UndoRecord[];
  /**
   * Read the saved runs from the document, apply `change` to them and save the result; another
   * page's runs are never overwritten by a stale copy. A record too large to keep in the workbook
   * is left out and named in the answer. A failed read or save throws HostError (nothing is saved then).
   */
  saveLastRuns(change: LastRunsChange): Promise<LastRunsSaved>;
}

/** A sheet of the workbook as 汇总本工作簿 read it, or why it could not be read. */
export type SheetRead = { snapshot: SheetSnapshot } | { sheet: string; error: HostError };

/** Where the summary goes: a new sheet of that name, or the add-in's own summary sheet, replaced. */
export interface SummaryTarget {
  name: string;
  /** The sheet exists and is the add-in's (marked): its contents are replaced. Otherwise it is added. */
  replace: boolean;
}

/** What 汇总本工作簿 writes: the summary sheet and, when the user asks, each table's results. */
export interface SummaryWrite {
  target: SummaryTarget;
  summary: BatchSummary;
  /** The plans of the tables whose results go into their sheets (none unless asked). */
  plans: WritePlan[];
}

/**
 * What the Excel pane needs beyond WorkbookHost for 汇总本工作簿 (office/excel/host.ts implements
 * both; the ribbon command needs only WorkbookHost).
 */
export interface WorkbookSummaryHost {
  /**
   * Read every sheet of the workbook, in tab order: one sync for the sheets' names, one for all
   * their contents (one per sheet only when Excel refuses them at once). A sheet that cannot be read
   * (its used range is absurdly large, say) comes back with its error; the rest are read.
   */
  readAllSheets(): Promise<SheetRead[]>;
  /**
   * Write the summary sheet and the plans in one sync (more only past Office's request-size limit),
   * each plan's replaced cells captured in the same batch for undo, as applyPlan does; the summary
   * sheet is activated. Resolves to the plans' undo records, in their order. When the write fails,
   * what the plans wrote is put back (as applyPlan does) before the HostError is thrown.
   */
  writeSummary(write: SummaryWrite): Promise<UndoRecord[]>;
}

/** The Excel pane's host. */
export type ExcelHost = WorkbookHost & WorkbookSummaryHost;
