/**
 * A fake of the part of Office.js that src/office/excel/*.ts uses, with Office's batch semantics:
 * every property set, method call and load is queued as a command; `context.sync()` runs the
 * queue in order against the in-memory workbook, so a load queued before a write sees the value
 * from before the write. Loaded properties can be read only after the sync that loaded them, and
 * a failing command stops the batch where it failed (Office batches are not transactions).
 *
 * It can also fail like Excel: a protected sheet refuses writes (AccessDenied) into locked cells
 * and formatting, part way through a batch when some cells are unlocked; a cell in edit mode fails
 * every sync (InvalidOperationInCellEditMode); a batch over the request- or response-size limit
 * fails (Request/ResponsePayloadSizeLimitExceeded); a merged-areas lookup over 512 areas fails;
 * and any code can be injected for the next syncs. The loads of a failed batch are not readable
 * (unless loadsOfFailedBatch is 'kept'). Strings written without an apostrophe are read as Excel
 * reads typed entries (typedEntry): "12%", "(12)", "2024-1-1" become numbers.
 *
 * No Node imports: the end-to-end test bundles this file into a page as the global Excel/Office.
 */
import { a1, parseA1 } from '../../src/engine/address';
import type { CellRange, CellValue, Grid } from '../../src/engine/grid';
import { addinDataValue, type AddinDataKind } from '../../src/app/addin-data-parts';
import { displayText } from '../../src/engine/display-text';

// ───────────────────────────── the model ─────────────────────────────

export interface FakeStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontName?: string;
  /** "#RRGGBB". */
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  /** Border edges set on the cell ("EdgeTop", "InsideHorizontal", …). */
  borders?: string[];
}

export interface FakeCell {
  value: CellValue;
  /** Without "=". */
  formula?: string;
  format: string;
  /** Displayed text; computed from value and format when absent. */
  text?: string;
  error?: string;
  /** "#RRGGBB" or null for no fill. */
  fill: string | null;
  style?: FakeStyle;
}

let nextSheetId = 1;

export class FakeSheet {
  /**
   * Worksheet.id: "uniquely identifies the worksheet in a given workbook. The value of the
   * identifier remains the same even when the worksheet is renamed or moved" (Excel.Worksheet, ExcelApi 1.1).
   */
  readonly id = `{00000000-0001-0000-${String(nextSheetId++).padStart(4, '0')}-000000000000}`;
  readonly cells = new Map<string, FakeCell>();
  merges: CellRange[] = [];
  /**
   * Excel's sheet protection: every cell is locked unless unlocked (Format Cells > Protection).
   * On a protected sheet a value or formula write into a range holding a locked cell fails
   * (AccessDenied) and changes nothing; unlocked cells take values. Formatting (number format,
   * fill, fonts, sizes) is refused unless the protection allows formatting cells.
   */
  protected = false;
  /** Cells ("row:col") whose protection is "unlocked". */
  readonly unlocked = new Set<string>();
  /** The protection's "Format cells" permission (allowFormatCells). */
  allowFormatCells = false;
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  /** The print area's ranges (PageLayout: "the print area for the worksheet"); empty when none is set. */
  printArea: CellRange[] = [];
  /**
   * Worksheet.customProperties (Excel.WorksheetCustomPropertyCollection, ExcelApi 1.12), by key in
   * lower case: keys are "case-insensitive" (getItem, getItemOrNullObject), and add "overwrites
   * existing custom properties with that key". They are saved with the workbook, and not copied
   * with the sheet ("by design", office-js issue #5486): a copy starts without them.
   */
  readonly customProperties = new Map<string, { key: string; value: string }>();
  /** Address of the selected cell after a select(). */
  selection?: string;
  /** Rows frozen at the top (WorksheetFreezePanes.freezeRows); 0 when none. */
  frozenRows = 0;
  /** The range of the sheet's AutoFilter (Worksheet.autoFilter.apply), when it has one. */
  autoFilter?: CellRange;

  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  /** Unlock the cells of an A1 range ("H10:J20"), as the protection's "locked" check box off. */
  unlock(address: string): void {
    const area = parseArea(address);
    for (let row = area.top; row <= area.bottom; row++) for (let col = area.left; col <= area.right; col++) this.unlocked.add(key(row, col));
  }

  /** The cell, created empty when absent (for writes). */
  ensure(row: number, col: number): FakeCell {
    let cell = this.cells.get(key(row, col));
    if (!cell) this.cells.set(key(row, col), (cell = { value: null, format: 'General', fill: null }));
    return cell;
  }
}

const key = (row: number, col: number) => `${row}:${col}`;

function hasContent(cell: FakeCell | undefined): boolean {
  return !!cell && (cell.formula !== undefined || cell.error !== undefined || (cell.value !== null && cell.value !== ''));
}

function hasAnything(cell: FakeCell | undefined): boolean {
  return !!cell && (hasContent(cell) || cell.format !== 'General' || cell.fill !== null || cell.style !== undefined);
}

function cellText(cell: FakeCell | undefined): string {
  if (!cell) return '';
  if (cell.error !== undefined) return cell.error;
  return cell.text ?? displayText(cell.value, cell.format);
}

/** Excel quotes a sheet name in an address unless it is letters, digits, "_" and "." only. */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function parseArea(address: string): CellRange {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [from, to = from] = local.split(':');
  // whole columns ("A:C") and whole rows ("3:5")
  if (/^\$?[A-Za-z]+$/.test(from) && /^\$?[A-Za-z]+$/.test(to)) {
    return { top: 1, left: parseA1(`${from}1`).col, bottom: 1048576, right: parseA1(`${to}1`).col };
  }
  if (/^\$?\d+$/.test(from) && /^\$?\d+$/.test(to)) {
    return { top: Number(from.replace('$', '')), left: 1, bottom: Number(to.replace('$', '')), right: 16384 };
  }
  const start = parseA1(from);
  const end = parseA1(to);
  return { top: start.row, left: start.col, bottom: end.row, right: end.col };
}

function areaA1(area: CellRange): string {
  const start = a1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? start : `${start}:${a1(area.bottom, area.right)}`;
}

const intersects = (a: CellRange, b: CellRange) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

// ───────────────────────────── a cell's look, as getCellProperties reports it ─────────────────────────────

export type FakeEdge = 'top' | 'bottom' | 'left' | 'right' | 'diagonalDown' | 'diagonalUp';
const FAKE_EDGES: FakeEdge[] = ['top', 'bottom', 'left', 'right', 'diagonalDown', 'diagonalUp'];

/**
 * The border names of Range.format.borders.getItem that draw each edge of a cell. The fake keeps a
 * range's border names on each of its cells, so an inside line counts for both edges it can be.
 */
const EDGE_NAMES: Record<FakeEdge, string[]> = {
  top: ['EdgeTop', 'InsideHorizontal'],
  bottom: ['EdgeBottom', 'InsideHorizontal'],
  left: ['EdgeLeft', 'InsideVertical'],
  right: ['EdgeRight', 'InsideVertical'],
  diagonalDown: ['DiagonalDown'],
  diagonalUp: ['DiagonalUp'],
};
const EDGE_NAME: Record<FakeEdge, string> = {
  top: 'EdgeTop',
  bottom: 'EdgeBottom',
  left: 'EdgeLeft',
  right: 'EdgeRight',
  diagonalDown: 'DiagonalDown',
  diagonalUp: 'DiagonalUp',
};

/**
 * A cell's look in the terms of Excel.CellPropertiesFormat (what getCellProperties reports and
 * setCellProperties takes: https://learn.microsoft.com/javascript/api/excel/excel.cellpropertiesformat).
 * A cell never formatted has the sheet's defaults (FAKE_DEFAULT_LOOK). The fake draws every line
 * alike: an edge is a thin black continuous line or none (weights and colours of lines are not modelled).
 */
export interface FakeLook {
  bold: boolean;
  italic: boolean;
  fontName: string;
  fontSize: number;
  fontColor: string;
  wrap: boolean;
  horizontal: string;
  vertical: string;
  /** The edges with a line. */
  edges: FakeEdge[];
}

export const FAKE_DEFAULT_LOOK: FakeLook = {
  bold: false,
  italic: false,
  fontName: 'Calibri',
  fontSize: 11,
  fontColor: '#000000',
  wrap: false,
  horizontal: 'General',
  vertical: 'Bottom',
  edges: [],
};
const FAKE_LINE = { style: 'Continuous', weight: 'Thin', color: '#000000' };

export function lookOfCell(cell: FakeCell | undefined): FakeLook {
  const style = cell?.style ?? {};
  const d = FAKE_DEFAULT_LOOK;
  return {
    bold: style.bold ?? d.bold,
    italic: style.italic ?? d.italic,
    fontName: style.fontName ?? d.fontName,
    fontSize: style.fontSize ?? d.fontSize,
    fontColor: style.fontColor ?? d.fontColor,
    wrap: style.wrap ?? d.wrap,
    horizontal: style.horizontalAlignment ?? d.horizontal,
    vertical: style.verticalAlignment ?? d.vertical,
    edges: FAKE_EDGES.filter((edge) => EDGE_NAMES[edge].some((name) => style.borders?.includes(name))),
  };
}

/**
 * The cell's style for a look: only what differs from the defaults, so a cell put back to the
 * defaults has no style at all (as a cell never formatted). The border names are kept as they were
 * when the edges did not change.
 */
function setLook(cell: FakeCell, look: FakeLook): void {
  const d = FAKE_DEFAULT_LOOK;
  const before = lookOfCell(cell);
  const style: FakeStyle = {};
  if (look.bold !== d.bold) style.bold = look.bold;
  if (look.italic !== d.italic) style.italic = look.italic;
  if (look.fontName !== d.fontName) style.fontName = look.fontName;
  if (look.fontSize !== d.fontSize) style.fontSize = look.fontSize;
  if (look.fontColor !== d.fontColor) style.fontColor = look.fontColor;
  if (look.wrap !== d.wrap) style.wrap = look.wrap;
  if (look.horizontal !== d.horizontal) style.horizontalAlignment = look.horizontal;
  if (look.vertical !== d.vertical) style.verticalAlignment = look.vertical;
  const sameEdges = look.edges.length === before.edges.length && look.edges.every((e) => before.edges.includes(e));
  const borders = sameEdges ? (cell.style?.borders ?? []) : look.edges.map((edge) => EDGE_NAME[edge]);
  if (borders.length > 0) style.borders = [...borders];
  if (Object.keys(style).length > 0) cell.style = style;
  else delete cell.style;
}

/** Every cell whose look is not the default, by A1 address, for before/after comparisons. */
export function looksOf(sheet: FakeSheet): Map<string, FakeLook> {
  const out = new Map<string, FakeLook>();
  for (const [k, cell] of sheet.cells) {
    const look = lookOfCell(cell);
    if (JSON.stringify(look) === JSON.stringify(FAKE_DEFAULT_LOOK)) continue;
    const [row, col] = k.split(':').map(Number);
    out.set(a1(row, col), look);
  }
  return out;
}

// ───────────────────────────── errors ─────────────────────────────

/** Shaped like OfficeExtension.Error: name, code, message, debugInfo. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

const MESSAGES: Record<string, string> = {
  AccessDenied: 'The cell or chart that you are trying to change is protected and therefore read-only.',
  InvalidOperationInCellEditMode:
    'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  ItemNotFound: 'The requested resource does not exist.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  GeneralException: 'There was an internal error while processing the request.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  PropertyNotLoaded:
    'The property is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
};

const EDIT_MODE_INVALID_OPERATION = 'The operation cannot be performed because Excel is in cell edit mode.';

function officeError(code: string, location?: string): FakeOfficeError {
  return new FakeOfficeError(code, MESSAGES[code] ?? code, location);
}

// ───────────────────────────── the workbook and its batches ─────────────────────────────

/** Excel on the web's limit for a request and for a response (resource-limits doc: 5 MB). */
export const FAKE_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** Range.getMergedAreasOrNullObject fails for a range holding more merged areas than this. */
export const FAKE_MERGED_AREAS_LIMIT = 512;

interface Command {
  /** What it does: the property set or method called ("values", "merge", "load", …). */
  kind: string;
  /** Approximate bytes this command adds to the request. */
  bytes: number;
  run(): void;
}

type SettingsValue = unknown;

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  activeIndex = 0;
  /**
   * The user is editing a cell: every batch fails before running (Excel.RunOptions.delayForCellEdit,
   * learn.microsoft.com/javascript/api/excel/excel.runoptions). Excel names it
   * InvalidOperationInCellEditMode; 'InvalidOperation' models the plain code with an edit-mode
   * message that the cell-edit article reports.
   */
  editing: boolean | 'InvalidOperation' = false;
  syncCount = 0;
  /** Commands in each executed batch, for "one range write per run" assertions. */
  readonly batches: { commands: number; kinds: string[]; bytes: number; responseBytes: number }[] = [];
  payloadLimit = FAKE_PAYLOAD_LIMIT;
  /**
   * What the loads of a failed batch give afterwards. Office answers a failed batch with the error
   * alone, so loads queued before the failing command (which did run) need not be readable:
   * 'lost' (the default) makes them throw PropertyNotLoaded; 'kept' makes them readable.
   */
  loadsOfFailedBatch: 'kept' | 'lost' = 'lost';
  /**
   * Range.getMergedAreasOrNullObject lists only the merged areas whose top-left cell is in the
   * range (office-js issue #3611) when true; every merged area that intersects it when false.
   */
  mergedAreasAnchoredOnly = false;
  private injected: { code: string; message?: string; times: number } | undefined;
  readonly activationHandlers = new Set<(args: { type: string; worksheetId: string }) => unknown>();
  /**
   * The workbook's custom XML parts, in document order. They belong to the document: every runtime
   * (the pane, the ribbon command) reads and writes the same ones.
   */
  readonly customXmlParts: { id: string; xml: string }[] = [];
  private nextPartId = 1;
  /** Parts added or rewritten (add, setXml), failed ones included. */
  partWriteCount = 0;
  /** add and setXml fail (GeneralException), as a document that cannot take the change would. */
  failPartWrites = false;

  /**
   * The batches that touched no cell: only custom XML parts (the add-in's settings and undo
   * records) and the list of sheets.
   */
  get partBatches(): number {
    return this.batches.filter((b) => b.kinds.length > 0 && b.kinds.every((k) => PART_COMMANDS.has(k))).length;
  }

  /** What the add-in's parts of `kind` hold, read as the add-in reads them; undefined when there is none. */
  storedValue(kind: AddinDataKind): unknown {
    const values = this.customXmlParts.map((p) => addinDataValue(kind, p.xml)).filter((v) => v !== undefined);
    if (values.length === 0) return undefined;
    return kind === 'lastRuns' ? values.flat() : values[0];
  }

  newPartId(): string {
    return `{5A1C0000-0000-4000-8000-${String(this.nextPartId++).padStart(12, '0')}}`;
  }

  /**
   * A batch run with RunOptions.delayForCellEdit waits here while the user edits a cell: "When
   * true, the batch request will be executed when the user exits cell edit mode"
   * (learn.microsoft.com/javascript/api/excel/excel.runoptions, ExcelApi 1.11).
   */
  async untilNotEditing(): Promise<void> {
    while (this.editing) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  /**
   * The settings saved in the document (what saveAsync stored). Each runtime (createFakeOffice: a
   * page of the add-in, such as the pane or the ribbon command's function file) holds its own
   * in-memory copy, taken when it starts and replaced by refreshAsync; saveAsync writes the whole
   * copy back, as Office does.
   */
  readonly savedSettings = new Map<string, SettingsValue>();
  /** Each runtime's in-memory copy, in the order they started. */
  readonly runtimeSettings: Map<string, SettingsValue>[] = [];
  failSettingsSave = false;
  /** refreshAsync fails (the runtime's copy is left as it was). */
  failSettingsRefresh = false;
  /** saveAsync calls, failed ones included. */
  settingsSaveCount = 0;
  /** refreshAsync calls, failed ones included. */
  settingsRefreshCount = 0;

  /** The in-memory copy of the runtime started last: what settings.get reads there. */
  get settingValues(): Map<string, SettingsValue> {
    if (this.runtimeSettings.length === 0) this.runtimeSettings.push(new Map());
    return this.runtimeSettings[this.runtimeSettings.length - 1];
  }

  /** A new runtime's copy of the saved settings (Office loads them with the page). */
  startSettingsRuntime(): Map<string, SettingsValue> {
    const copy = new Map<string, SettingsValue>();
    for (const [k, v] of this.savedSettings) copy.set(k, JSON.parse(JSON.stringify(v)));
    this.runtimeSettings.push(copy);
    return copy;
  }
  /** Office.context.displayLanguage. */
  displayLanguage = 'zh-CN';
  /** Requirement sets the fake reports as supported: name → highest version. */
  readonly supportedSets = new Map<string, string>([
    ['ExcelApi', '1.17'],
    ['DialogApi', '1.2'],
  ]);

  get activeSheet(): FakeSheet {
    return this.sheets[this.activeIndex];
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  }

  /** The next sync (the next `times` syncs) fails with this Office error code (nothing of that batch runs). */
  failNextSync(code: string, message?: string, times = 1): void {
    this.injected = { code, message, times };
  }

  /** The user clicks another sheet tab: Excel fires onActivated. */
  userActivates(name: string): void {
    this.activeIndex = this.sheets.findIndex((s) => s.name === name);
    for (const handler of this.activationHandlers) void handler({ type: 'WorksheetActivated', worksheetId: name });
  }

  run(commands: Command[]): void {
    this.syncCount++;
    const batch = commands.splice(0, commands.length);
    if (this.injected) {
      const { code, message } = this.injected;
      if (--this.injected.times <= 0) this.injected = undefined;
      throw new FakeOfficeError(code, message ?? MESSAGES[code] ?? code);
    }
    if (this.editing)
      throw this.editing === 'InvalidOperation'
        ? new FakeOfficeError('InvalidOperation', EDIT_MODE_INVALID_OPERATION)
        : officeError('InvalidOperationInCellEditMode');
    const bytes = batch.reduce((sum, c) => sum + c.bytes, 0);
    if (bytes > this.payloadLimit) throw officeError('RequestPayloadSizeLimitExceeded');
    const meter = { bytes: 0 };
    responseMeter = meter;
    // what the batch's loads bring back becomes readable only with Office's answer (see loadsOfFailedBatch)
    const loads: (() => void)[] = [];
    loadsOfBatch = loads;
    try {
      for (const command of batch) command.run();
    } catch (error) {
      if (this.loadsOfFailedBatch === 'kept') for (const load of loads) load();
      throw error;
    } finally {
      responseMeter = undefined;
      loadsOfBatch = undefined;
      this.batches.push({ commands: batch.length, kinds: batch.map((c) => c.kind), bytes, responseBytes: meter.bytes });
    }
    // every command ran, but the answer is too large to send: nothing comes back
    if (meter.bytes > this.payloadLimit) throw officeError('ResponsePayloadSizeLimitExceeded');
    for (const load of loads) load();
  }
}

/** Approximate UTF-8 size of a value as JSON, as Office would send it. */
function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** The response of the batch being run: what its loads bring back. */
let responseMeter: { bytes: number } | undefined;

/** The loads of the batch being run, made readable when it succeeds (FakeWorkbook.run). */
let loadsOfBatch: (() => void)[] | undefined;

function afterBatch(load: () => void): void {
  if (loadsOfBatch) loadsOfBatch.push(load);
  else load();
}

function meterResponse(value: unknown): void {
  if (!responseMeter) return;
  try {
    responseMeter.bytes += payloadBytes(value);
  } catch {
    responseMeter.bytes += 64; // proxies (worksheet items) are not JSON; Office sends their ids
  }
}

/** Every command carries some fixed overhead (object path, action type) in Office's request. */
const COMMAND_OVERHEAD = 64;

class FakeContext {
  readonly commands: Command[] = [];
  readonly workbook: FakeWorkbookProxy;
  constructor(
    readonly model: FakeWorkbook,
    /** Excel.run({ delayForCellEdit: true }, …): its syncs wait while a cell is being edited. */
    readonly delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  queue(payload: Record<string, unknown>, run: () => void): void {
    this.commands.push({ kind: Object.keys(payload)[0] ?? '', bytes: COMMAND_OVERHEAD + payloadBytes(payload), run });
  }

  async sync(): Promise<void> {
    await Promise.resolve(); // Office's sync is always asynchronous
    if (this.delayForCellEdit) await this.model.untilNotEditing();
    this.model.run(this.commands);
  }
}

/** A proxy property that can be read only after a load and a sync, like Office.js. */
class Loadable {
  private readonly loaded = new Map<string, unknown>();
  private readonly requested = new Set<string>();

  protected markRequested(names: string[]): void {
    for (const n of names) this.requested.add(n);
  }

  protected store(name: string, value: unknown): void {
    afterBatch(() => this.loaded.set(name, value));
    meterResponse(value);
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) throw officeError('PropertyNotLoaded', name);
    return this.loaded.get(name) as T;
  }
}

function propertyList(props: string | string[] | Record<string, unknown> | undefined): string[] {
  if (props === undefined) return [];
  if (Array.isArray(props)) return props.flatMap((p) => p.split(',')).map((p) => p.trim());
  if (typeof props === 'string') return props.split(',').map((p) => p.trim());
  return Object.keys(props).filter((k) => props[k]);
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly customXmlParts: FakeCustomXmlPartCollection;
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.customXmlParts = new FakeCustomXmlPartCollection(ctx);
  }
}

// ───────────────────────────── custom XML parts ─────────────────────────────
// Excel.CustomXmlPartCollection, CustomXmlPartScopedCollection and CustomXmlPart (ExcelApi 1.5),
// learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection and …/excel.customxmlpart:
// add(xml) "Adds a new custom XML part to the workbook"; getByNamespace(uri) "Gets a new scoped
// collection of custom XML parts whose namespaces match the given namespace"; getItem(id) throws
// ItemNotFound for no such part; a part has id and namespaceUri, getXml(), setXml(xml), delete().
// XML that is not one well-formed element is refused with InvalidArgument (the fake checks only
// the root element and its namespace declaration).

const XML_ROOT = /^\uFEFF?\s*(?:<\?xml[^?]*\?>\s*)?<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)([^<>]*?)(?:\/>|>[\s\S]*<\/(?:\1:)?\2\s*>)\s*$/;

/** The namespace of the part's root element ('' when it has none); throws InvalidArgument for XML that is no element. */
function partNamespace(xml: string): string {
  const m = XML_ROOT.exec(xml);
  if (!m) throw officeError('InvalidArgument', 'customXmlParts: xml');
  const declared = new RegExp(`xmlns${m[1] ? `:${m[1]}` : ''}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[3]);
  return declared ? (declared[1] ?? declared[2]) : '';
}

/** The command kinds of custom XML parts and of the sheet list (FakeWorkbook.batches). */
const PART_COMMANDS = new Set(['loadParts', 'getXml', 'setXml', 'addPart', 'deletePart', 'loadSheets']);

class FakeCustomXmlPartCollection {
  constructor(private readonly ctx: FakeContext) {}

  add(xml: string): FakeCustomXmlPart {
    let created: { id: string; xml: string } | undefined;
    this.ctx.queue({ addPart: xml }, () => {
      this.ctx.model.partWriteCount++;
      if (this.ctx.model.failPartWrites) throw officeError('GeneralException', 'customXmlParts.add');
      partNamespace(xml);
      created = { id: this.ctx.model.newPartId(), xml };
      this.ctx.model.customXmlParts.push(created);
    });
    return new FakeCustomXmlPart(this.ctx, () => {
      if (!created) throw officeError('ItemNotFound');
      return created;
    });
  }

  getByNamespace(namespaceUri: string): FakeCustomXmlPartScopedCollection {
    return new FakeCustomXmlPartScopedCollection(this.ctx, namespaceUri);
  }

  getItem(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.ctx, () => {
      const found = this.ctx.model.customXmlParts.find((p) => p.id === id);
      if (!found) throw officeError('ItemNotFound', `customXmlParts.getItem(${id})`);
      return found;
    });
  }
}

class FakeCustomXmlPartScopedCollection extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly namespaceUri: string,
  ) {
    super();
  }

  load(props?: string | string[]): this {
    this.markRequested(propertyList(props));
    this.ctx.queue({ loadParts: props }, () => {
      const items = this.ctx.model.customXmlParts
        .filter((p) => partNamespace(p.xml) === this.namespaceUri)
        .map((part) => {
          const proxy = new FakeCustomXmlPart(this.ctx, () => {
            if (!this.ctx.model.customXmlParts.includes(part)) throw officeError('ItemNotFound');
            return part;
          });
          proxy.storeId(part.id);
          return proxy;
        });
      this.store('items', items);
    });
    return this;
  }

  get items(): FakeCustomXmlPart[] {
    return this.read('items');
  }
}

class FakeCustomXmlPart extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => { id: string; xml: string },
  ) {
    super();
  }

  storeId(id: string): void {
    this.store('id', id);
  }

  get id(): string {
    return this.read('id');
  }

  getXml(): FakeClientResult<string> {
    const result = new FakeClientResult<string>();
    this.ctx.queue({ getXml: true }, () => result.resolve(this.resolve().xml));
    return result;
  }

  setXml(xml: string): void {
    this.ctx.queue({ setXml: xml }, () => {
      this.ctx.model.partWriteCount++;
      if (this.ctx.model.failPartWrites) throw officeError('GeneralException', 'CustomXmlPart.setXml');
      const part = this.resolve();
      partNamespace(xml);
      part.xml = xml;
    });
  }

  delete(): void {
    this.ctx.queue({ deletePart: true }, () => {
      const part = this.resolve();
      const parts = this.ctx.model.customXmlParts;
      parts.splice(parts.indexOf(part), 1);
    });
  }
}

class FakeEventSource {
  constructor(private readonly ctx: FakeContext) {}
  add(handler: (args: { type: string; worksheetId: string }) => unknown) {
    const model = this.ctx.model;
    this.ctx.queue({ add: 'onActivated' }, () => model.activationHandlers.add(handler));
    const ctx = this.ctx;
    return {
      context: ctx,
      remove: () => {
        // removal runs in whatever context the caller syncs; Office needs the original one
        ctx.queue({ remove: 'onActivated' }, () => model.activationHandlers.delete(handler));
      },
    };
  }
}

class FakeWorksheetCollection extends Loadable {
  readonly onActivated: FakeEventSource;
  constructor(private readonly ctx: FakeContext) {
    super();
    this.onActivated = new FakeEventSource(ctx);
  }

  getActiveWorksheet(): FakeWorksheet {
    let sheet: FakeSheet | undefined;
    this.ctx.queue({ getActiveWorksheet: true }, () => (sheet = this.ctx.model.activeSheet));
    return new FakeWorksheet(this.ctx, () => sheet ?? this.ctx.model.activeSheet);
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const found = this.ctx.model.sheets.find((s) => s.name === name);
      if (!found) throw officeError('ItemNotFound', `worksheets.getItem(${name})`);
      return found;
    });
  }

  add(name?: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.ctx.queue({ add: name }, () => {
      const model = this.ctx.model;
      const finalName = name ?? `Sheet${model.sheets.length + 1}`;
      if (model.sheets.some((s) => s.name === finalName)) throw officeError('ItemAlreadyExists', `worksheets.add(${finalName})`);
      created = new FakeSheet(finalName);
      model.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw officeError('ItemNotFound');
      return created;
    });
  }

  load(props?: string | string[]): this {
    const names = propertyList(props);
    this.markRequested(names);
    this.ctx.queue({ loadSheets: names }, () => {
      const items = this.ctx.model.sheets.map((s) => {
        const proxy = new FakeWorksheet(this.ctx, () => s);
        proxy.storeName(s.name);
        proxy.storeId(s.id);
        return proxy;
      });
      this.store('items', items);
    });
    return this;
  }

  get items(): FakeWorksheet[] {
    return this.read('items');
  }
}

class FakeWorksheetProtection extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super();
  }
  load(props?: string | string[]): this {
    this.ctx.queue({ load: props }, () => this.store('protected', this.sheet().protected));
    return this;
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9), its print area only. Microsoft's reference
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayout):
 * getPrintAreaOrNullObject "gets the RangeAreas object, comprising one or more rectangular ranges,
 * that represents the print area for the worksheet. If there is no print area, then this method
 * will return an object with its isNullObject property set to true"; setPrintArea(printArea:
 * Range | RangeAreas | string) "sets the worksheet's print area". Setting it is page setup, which
 * a protected sheet refuses unless formatting is allowed (as the fake refuses any formatting).
 */
class FakePageLayout {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => FakeSheet,
  ) {}

  getPrintAreaOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const sheet = this.resolve();
      return sheet.printArea.length === 0 ? undefined : { sheet, areas: sheet.printArea.map((a) => ({ ...a })) };
    });
  }

  setPrintArea(printArea: string): void {
    this.ctx.queue({ setPrintArea: printArea }, () => {
      const sheet = this.resolve();
      if (sheet.protected && !sheet.allowFormatCells) throw officeError('AccessDenied');
      sheet.printArea = printArea.split(',').map((part) => parseArea(part.trim()));
    });
  }
}

class FakeWorksheetCustomProperties {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}

  add(key: string, value: string): void {
    this.ctx.queue({ addProperty: [key, value] }, () => this.sheet().customProperties.set(key.toLowerCase(), { key, value: String(value) }));
  }

  getItemOrNullObject(key: string): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this.ctx, () => this.sheet().customProperties.get(key.toLowerCase()));
  }
}

class FakeWorksheetCustomProperty extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly find: () => { key: string; value: string } | undefined,
  ) {
    super();
  }
  load(props?: string | string[]): this {
    this.ctx.queue({ load: props }, () => {
      const found = this.find();
      this.store('isNullObject', found === undefined);
      if (found) {
        this.store('key', found.key);
        this.store('value', found.value);
      }
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get value(): string {
    return this.read('value');
  }
}

/**
 * Worksheet.freezePanes (Excel.WorksheetFreezePanes, ExcelApi 1.7,
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes): freezeRows(count)
 * "sets the frozen cells in the active worksheet view. The range provided corresponds to cells that
 * will be frozen in the top- and left-most pane" (the top `count` rows); unfreeze() "removes all
 * frozen panes in the worksheet". Only frozen rows are modelled. Freezing is a view setting, which
 * a protected sheet allows.
 */
class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => FakeSheet,
  ) {}
  freezeRows(count = 1): void {
    this.ctx.queue({ freezeRows: count }, () => (this.resolve().frozenRows = count));
  }
  unfreeze(): void {
    this.ctx.queue({ unfreeze: true }, () => (this.resolve().frozenRows = 0));
  }
}

/**
 * Worksheet.autoFilter (Excel.AutoFilter, ExcelApi 1.9,
 * https://learn.microsoft.com/javascript/api/excel/excel.autofilter): apply(range) "applies the
 * AutoFilter to a range"; remove() "removes the AutoFilter for the range". A sheet has one AutoFilter;
 * the fake takes apply as setting it (criteria are not modelled) and remove on a sheet without one
 * as doing nothing. A protected sheet refuses both unless formatting is allowed, as other formatting.
 */
class FakeAutoFilter {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => FakeSheet,
  ) {}
  apply(range: FakeRange | string): void {
    this.ctx.queue({ applyAutoFilter: typeof range === 'string' ? range : true }, () => {
      const sheet = this.resolve();
      if (sheet.protected && !sheet.allowFormatCells) throw officeError('AccessDenied');
      sheet.autoFilter = typeof range === 'string' ? parseArea(range) : range.required();
    });
  }
  remove(): void {
    this.ctx.queue({ removeAutoFilter: true }, () => {
      const sheet = this.resolve();
      if (sheet.protected && !sheet.allowFormatCells) throw officeError('AccessDenied');
      delete sheet.autoFilter;
    });
  }
}

class FakeWorksheet extends Loadable {
  readonly protection: FakeWorksheetProtection;
  readonly pageLayout: FakePageLayout;
  readonly customProperties: FakeWorksheetCustomProperties;
  readonly freezePanes: FakeFreezePanes;
  readonly autoFilter: FakeAutoFilter;
  constructor(
    private readonly ctx: FakeContext,
    readonly resolve: () => FakeSheet,
  ) {
    super();
    this.protection = new FakeWorksheetProtection(ctx, resolve);
    this.pageLayout = new FakePageLayout(ctx, resolve);
    this.customProperties = new FakeWorksheetCustomProperties(ctx, resolve);
    this.freezePanes = new FakeFreezePanes(ctx, resolve);
    this.autoFilter = new FakeAutoFilter(ctx, resolve);
  }

  storeName(name: string): void {
    this.store('name', name);
  }

  storeId(id: string): void {
    this.store('id', id);
  }

  load(props?: string | string[]): this {
    const names = propertyList(props);
    this.ctx.queue({ load: names }, () => {
      const sheet = this.resolve();
      for (const n of names) {
        if (n === 'name') this.store('name', sheet.name);
        if (n === 'id') this.store('id', sheet.id);
      }
    });
    return this;
  }

  get name(): string {
    return this.read('name');
  }

  get id(): string {
    return this.read('id');
  }

  activate(): void {
    this.ctx.queue({ activate: true }, () => {
      const sheet = this.resolve();
      this.ctx.model.activeIndex = this.ctx.model.sheets.indexOf(sheet);
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => (address ? parseArea(address) : { top: 1, left: 1, bottom: 1048576, right: 16384 }));
  }

  /** 0-based start row and column, as Office's getRangeByIndexes takes them. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => ({
      top: startRow + 1,
      left: startColumn + 1,
      bottom: startRow + rowCount,
      right: startColumn + columnCount,
    }));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => usedArea(this.resolve(), valuesOnly ?? false) ?? { top: 1, left: 1, bottom: 1, right: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => usedArea(this.resolve(), valuesOnly ?? false));
  }
}

function usedArea(sheet: FakeSheet, valuesOnly: boolean): CellRange | undefined {
  let area: CellRange | undefined;
  const include = (row: number, col: number) => {
    if (!area) area = { top: row, left: col, bottom: row, right: col };
    else {
      area.top = Math.min(area.top, row);
      area.left = Math.min(area.left, col);
      area.bottom = Math.max(area.bottom, row);
      area.right = Math.max(area.right, col);
    }
  };
  for (const [k, cell] of sheet.cells) {
    if (!(valuesOnly ? hasContent(cell) : hasAnything(cell))) continue;
    const [row, col] = k.split(':').map(Number);
    include(row, col);
  }
  if (!valuesOnly) {
    for (const m of sheet.merges) {
      include(m.top, m.left);
      include(m.bottom, m.right);
    }
  }
  return area;
}

/** Cells past which cell-level properties come back null (see FakeRange.load). */
const FAKE_CELL_LEVEL_LIMIT = 5_000_000;
const CELL_LEVEL = new Set(['values', 'text', 'numberFormat', 'formulas', 'valueTypes']);

/** The load options of getCellProperties the fake answers (Excel.CellPropertiesLoadOptions, in part). */
interface CellPropertiesOptions {
  address?: boolean;
  format?: {
    fill?: { color?: boolean; pattern?: boolean };
    font?: { bold?: boolean; italic?: boolean; name?: boolean; size?: boolean; color?: boolean };
    borders?: { style?: boolean; weight?: boolean; color?: boolean };
    wrapText?: boolean;
    horizontalAlignment?: boolean;
    verticalAlignment?: boolean;
  };
}

/** The part of Excel.CellPropertiesFormat setCellProperties takes in the fake. */
interface CellPropertiesInput {
  fill?: { color?: string };
  font?: { bold?: boolean; italic?: boolean; name?: string; size?: number; color?: string };
  borders?: Record<string, { style?: string; weight?: string; color?: string } | undefined>;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

const RANGE_PROPERTIES = ['values', 'text', 'numberFormat', 'formulas', 'valueTypes', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'];

class FakeRange extends Loadable {
  readonly format: FakeRangeFormat;
  private area: CellRange | undefined;
  private resolved = false;

  constructor(
    private readonly ctx: FakeContext,
    readonly sheet: () => FakeSheet,
    private readonly locate: () => CellRange | undefined,
  ) {
    super();
    this.format = new FakeRangeFormat(ctx, this);
  }

  /** The area, fixed the first time a command of this proxy runs (as Office resolves a proxy once). */
  target(): CellRange | undefined {
    if (!this.resolved) {
      this.area = this.locate();
      this.resolved = true;
    }
    return this.area;
  }

  /** The area of a range that must exist (writes): a null object fails like Office. */
  required(): CellRange {
    const area = this.target();
    if (!area) throw officeError('ItemNotFound', 'null object');
    return area;
  }

  /** Each cell of the area, row-major, as [row, col]. */
  forEach(fn: (row: number, col: number, r: number, c: number) => void): void {
    const area = this.required();
    for (let row = area.top; row <= area.bottom; row++) {
      for (let col = area.left; col <= area.right; col++) fn(row, col, row - area.top, col - area.left);
    }
  }

  /**
   * A write refused by the sheet's protection fails before changing anything in this command:
   * contents need every cell of the range unlocked, formatting needs allowFormatCells, anything
   * else (merging) an unprotected sheet.
   */
  writable(kind: 'content' | 'format' | 'other' = 'other'): FakeSheet {
    const sheet = this.sheet();
    if (!sheet.protected) return sheet;
    const area = this.required();
    let allowed = kind === 'format' && sheet.allowFormatCells;
    if (kind === 'content') {
      allowed = true;
      this.forEach((row, col) => (allowed &&= sheet.unlocked.has(key(row, col))));
    }
    if (!allowed) throw officeError('AccessDenied', `${sheet.name}!${areaA1(area)}`);
    return sheet;
  }

  load(props?: string | string[] | Record<string, unknown>): this {
    const names = props === undefined ? RANGE_PROPERTIES : propertyList(props);
    this.markRequested(names);
    this.ctx.queue({ load: names }, () => {
      const area = this.target();
      this.store('isNullObject', area === undefined);
      if (!area) return;
      const sheet = this.sheet();
      const grid = <T>(fn: (cell: FakeCell | undefined) => T): T[][] => {
        const rows: T[][] = [];
        for (let row = area.top; row <= area.bottom; row++) {
          const line: T[] = [];
          for (let col = area.left; col <= area.right; col++) line.push(fn(sheet.cell(row, col)));
          rows.push(line);
        }
        return rows;
      };
      // Over this many cells Excel answers cell-level properties with null (unbounded-range page,
      // learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded; resource limits).
      const huge = (area.bottom - area.top + 1) * (area.right - area.left + 1) > FAKE_CELL_LEVEL_LIMIT;
      for (const name of names) {
        if (huge && CELL_LEVEL.has(name)) this.store(name, null);
        else if (name === 'values')
          this.store(
            name,
            grid((c) => (c?.error !== undefined ? c.error : (c?.value ?? ''))),
          );
        else if (name === 'text') this.store(name, grid(cellText));
        else if (name === 'numberFormat')
          this.store(
            name,
            grid((c) => c?.format ?? 'General'),
          );
        else if (name === 'formulas')
          this.store(
            name,
            grid((c) => (c?.formula !== undefined ? `=${c.formula}` : (c?.error ?? c?.value ?? ''))),
          );
        else if (name === 'valueTypes') this.store(name, grid(valueType));
        else if (name === 'address') this.store(name, `${quoteSheetName(sheet.name)}!${areaA1(area)}`);
        else if (name === 'rowIndex') this.store(name, area.top - 1);
        else if (name === 'columnIndex') this.store(name, area.left - 1);
        else if (name === 'rowCount') this.store(name, area.bottom - area.top + 1);
        else if (name === 'columnCount') this.store(name, area.right - area.left + 1);
      }
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(values: unknown[][]) {
    this.write2d('values', values, (cell, v) => setValue(cell, v));
  }
  get text(): string[][] {
    return this.read('text');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(formats: (string | null)[][]) {
    this.write2d('numberFormat', formats, (cell, v) => {
      cell.format = v === '' ? 'General' : String(v);
      delete cell.text;
    });
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(formulas: unknown[][]) {
    this.write2d('formulas', formulas, (cell, v) => setValue(cell, v));
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }

  /** A 2-D write: its shape must match the range; null entries leave a cell unchanged (Office's rule). */
  private write2d(what: string, data: unknown[][], apply: (cell: FakeCell, value: unknown) => void): void {
    this.ctx.queue({ [what]: data }, () => {
      const sheet = this.writable(what === 'numberFormat' ? 'format' : 'content');
      const area = this.required();
      if (data.length !== area.bottom - area.top + 1 || data.some((line) => line.length !== area.right - area.left + 1)) {
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
        );
      }
      this.forEach((row, col, r, c) => {
        const v = data[r][c];
        if (v === null || v === undefined) return;
        apply(sheet.ensure(row, col), v);
      });
    });
  }

  /**
   * Office: "if the merged areas count in this range is more than 512, then this method will fail
   * to return the result" (Excel.Range reference, ExcelApi 1.13). The code it fails with is not
   * documented; the fake uses Excel's catch-all, GeneralException, naming the method.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const area = this.target();
      if (!area) throw officeError('ItemNotFound', 'null object');
      const anchored = this.ctx.model.mergedAreasAnchoredOnly;
      const found = this.sheet().merges.filter((m) => (anchored ? intersects({ ...m, bottom: m.top, right: m.left }, area) : intersects(m, area)));
      if (found.length > FAKE_MERGED_AREAS_LIMIT) throw officeError('GeneralException', 'Range.getMergedAreasOrNullObject');
      return found.length === 0 ? undefined : { sheet: this.sheet(), areas: found };
    });
  }

  /**
   * Range.getCellProperties (ExcelApi 1.9): "returns a 2D array, encapsulating the data for each
   * cell's font, fill, borders, alignment, and other properties"
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getcellproperties-member(1)),
   * each only as far as the load options ask (Excel.CellPropertiesLoadOptions). The fake answers
   * the address, the fill, the font (bold, italic, name, size, colour), the borders of each edge
   * (style, weight, colour), wrapText and the two alignments; anything else asked is an error, so
   * that a host asking for more than the fake models fails its tests.
   */
  getCellProperties(options: CellPropertiesOptions) {
    const result = new FakeClientResult<unknown[][]>();
    this.ctx.queue({ getCellProperties: options }, () => {
      const sheet = this.sheet();
      const asked = options.format ?? {};
      const unknown = Object.keys(asked).filter((k) => !['fill', 'font', 'borders', 'wrapText', 'horizontalAlignment', 'verticalAlignment'].includes(k));
      if (unknown.length > 0) throw new Error(`fake: getCellProperties format.${unknown.join(', ')} is not modelled`);
      const rows: unknown[][] = [];
      this.forEach((row, col, r) => {
        const cell = sheet.cell(row, col);
        const look = lookOfCell(cell);
        const props: Record<string, unknown> = {};
        if (options.address) props.address = `${quoteSheetName(sheet.name)}!${a1(row, col)}`;
        if (options.format) {
          const format: Record<string, unknown> = {};
          if (asked.fill) {
            const fill: Record<string, unknown> = {};
            // Excel reports no fill as white with the pattern "None"
            if (asked.fill.color) fill.color = cell?.fill ?? '#FFFFFF';
            if (asked.fill.pattern) fill.pattern = cell?.fill ? 'Solid' : 'None';
            format.fill = fill;
          }
          if (asked.font) {
            const font: Record<string, unknown> = {};
            if (asked.font.bold) font.bold = look.bold;
            if (asked.font.italic) font.italic = look.italic;
            if (asked.font.name) font.name = look.fontName;
            if (asked.font.size) font.size = look.fontSize;
            if (asked.font.color) font.color = look.fontColor;
            format.font = font;
          }
          if (asked.borders) {
            const borders: Record<string, unknown> = {};
            // Excel.CellBorderCollection names eight borders; a single cell has no inside ones, so the fake reports them as none
            for (const edge of [...FAKE_EDGES, 'horizontal', 'vertical'] as const) {
              const line = look.edges.includes(edge as FakeEdge) ? FAKE_LINE : { style: 'None', weight: 'Thin', color: '#000000' };
              const border: Record<string, unknown> = {};
              if (asked.borders.style) border.style = line.style;
              if (asked.borders.weight) border.weight = line.weight;
              if (asked.borders.color) border.color = line.color;
              borders[edge] = border;
            }
            format.borders = borders;
          }
          if (asked.wrapText) format.wrapText = look.wrap;
          if (asked.horizontalAlignment) format.horizontalAlignment = look.horizontal;
          if (asked.verticalAlignment) format.verticalAlignment = look.vertical;
          props.format = format;
        }
        (rows[r] ??= []).push(props);
      });
      result.resolve(rows);
    });
    return result;
  }

  /**
   * Range.copyFrom (ExcelApi 1.9), the "Formats" copy type only: "copies cell data or formatting
   * from the source range or RangeAreas to the current range. The destination range can be a
   * different size than the source range; the destination is expanded automatically if it's
   * smaller than the source" (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-copyfrom-member(1);
   * RangeCopyType "Formats": formats only, no values). The fake copies each source cell's number
   * format, fill and style (font, wrap, alignment, borders) to the cell at the same offset, repeating
   * a smaller source over the destination and expanding a smaller destination. Excel's pasted
   * formats carry a merged area with them; the fake refuses a source holding a merged cell rather
   * than guess, so a plan that asks for one fails its tests.
   */
  copyFrom(source: string, copyType: string): void {
    this.ctx.queue({ copyFrom: source, copyType }, () => {
      if (copyType !== 'Formats') throw new Error(`fake: copyFrom "${copyType}" is not modelled`);
      const sheet = this.writable('format');
      const from = parseArea(source);
      if (sheet.merges.some((m) => intersects(m, from))) throw new Error(`fake: copyFrom a merged source ${source} is not modelled`);
      const to = this.required();
      const rows = Math.max(to.bottom - to.top, from.bottom - from.top) + 1;
      const cols = Math.max(to.right - to.left, from.right - from.left) + 1;
      const height = from.bottom - from.top + 1;
      const width = from.right - from.left + 1;
      const copies: [FakeCell, FakeCell | undefined][] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) copies.push([sheet.ensure(to.top + r, to.left + c), sheet.cell(from.top + (r % height), from.left + (c % width))]);
      }
      // read every source cell before writing any (a source may overlap its destination)
      const looks = copies.map(([, src]) => ({
        format: src?.format ?? 'General',
        fill: src?.fill ?? null,
        style: src?.style ? { ...src.style, ...(src.style.borders ? { borders: [...src.style.borders] } : {}) } : undefined,
      }));
      copies.forEach(([cell], i) => {
        cell.format = looks[i].format;
        cell.fill = looks[i].fill;
        if (looks[i].style) cell.style = looks[i].style;
        else delete cell.style;
      });
    });
  }

  /**
   * Range.setCellProperties (ExcelApi 1.9): "updates the range based on a 2D array of cell
   * properties, encapsulating things like font, fill, borders, and alignment"
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-setcellproperties-member(1));
   * a property left out leaves the cell's as it is. The fake takes the fill's colour, the font,
   * each edge's border (a style other than "None" draws the fake's one kind of line), wrapText and
   * the alignments; anything else is an error (not modelled). The array must match the range's shape.
   */
  setCellProperties(data: { format?: CellPropertiesInput }[][]): void {
    this.ctx.queue({ setCellProperties: data }, () => {
      const sheet = this.writable('format');
      const area = this.required();
      if (data.length !== area.bottom - area.top + 1 || data.some((line) => line.length !== area.right - area.left + 1)) {
        throw new FakeOfficeError(
          'InvalidArgument',
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range (setCellProperties).",
        );
      }
      this.forEach((row, col, r, c) => {
        const format = data[r]?.[c]?.format;
        if (!format) return;
        const unknown = Object.keys(format).filter((k) => !['fill', 'font', 'borders', 'wrapText', 'horizontalAlignment', 'verticalAlignment'].includes(k));
        if (unknown.length > 0) throw new Error(`fake: setCellProperties format.${unknown.join(', ')} is not modelled`);
        const cell = sheet.ensure(row, col);
        if (format.fill?.color !== undefined) cell.fill = format.fill.color.toUpperCase();
        const look = lookOfCell(cell);
        const font = format.font ?? {};
        if (font.bold !== undefined) look.bold = font.bold;
        if (font.italic !== undefined) look.italic = font.italic;
        if (font.name !== undefined) look.fontName = font.name;
        if (font.size !== undefined) look.fontSize = font.size;
        if (font.color !== undefined) look.fontColor = font.color.toUpperCase();
        if (format.wrapText !== undefined) look.wrap = format.wrapText;
        if (format.horizontalAlignment !== undefined) look.horizontal = format.horizontalAlignment;
        if (format.verticalAlignment !== undefined) look.vertical = format.verticalAlignment;
        for (const [edge, border] of Object.entries(format.borders ?? {})) {
          if (border?.style === undefined) continue;
          if ((edge === 'horizontal' || edge === 'vertical') && border.style === 'None') continue; // a cell has no inside border
          if (!FAKE_EDGES.includes(edge as FakeEdge)) throw new Error(`fake: setCellProperties border ${edge} = ${border.style} is not modelled`);
          look.edges = look.edges.filter((e) => e !== edge);
          if (border.style !== 'None') look.edges.push(edge as FakeEdge);
        }
        setLook(cell, look);
      });
    });
  }

  merge(across = false): void {
    this.ctx.queue({ merge: across }, () => {
      const sheet = this.writable();
      const area = this.required();
      const rows = across ? Array.from({ length: area.bottom - area.top + 1 }, (_, i) => ({ ...area, top: area.top + i, bottom: area.top + i })) : [area];
      for (const m of rows) {
        if (sheet.merges.some((existing) => intersects(existing, m))) throw new FakeOfficeError('InvalidOperation', 'Cannot merge over a merged area.');
        sheet.merges.push({ ...m });
        // Excel keeps the top-left value and clears the rest
        for (let row = m.top; row <= m.bottom; row++) {
          for (let col = m.left; col <= m.right; col++) {
            if (row === m.top && col === m.left) continue;
            const cell = sheet.cell(row, col);
            if (cell) {
              cell.value = null;
              delete cell.formula;
              delete cell.text;
            }
          }
        }
      }
    });
  }

  /**
   * Range.clear (ExcelApi 1.1): "clear range values and formatting, such as fill and border"
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-clear-member(1));
   * applyTo "All" (the default) clears both, "Contents" the values and formulas, "Formats" the number
   * format, fill and look. Merged areas are not modelled as cleared: unmerge() does that.
   */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.ctx.queue({ clear: applyTo }, () => {
      const sheet = this.writable(applyTo === 'Formats' ? 'format' : 'content');
      const area = this.required();
      for (const [k, cell] of [...sheet.cells]) {
        const [row, col] = k.split(':').map(Number);
        if (row < area.top || row > area.bottom || col < area.left || col > area.right) continue;
        if (applyTo !== 'Formats') {
          cell.value = null;
          delete cell.formula;
          delete cell.error;
          delete cell.text;
        }
        if (applyTo !== 'Contents') {
          cell.format = 'General';
          cell.fill = null;
          delete cell.style;
          delete cell.text;
        }
        if (!hasAnything(cell)) sheet.cells.delete(k);
      }
    });
  }

  /** Range.unmerge (ExcelApi 1.2): "unmerge the range cells into separate cells": every merged area the range reaches. */
  unmerge(): void {
    this.ctx.queue({ unmerge: true }, () => {
      const sheet = this.writable();
      const area = this.required();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, area));
    });
  }

  select(): void {
    this.ctx.queue({ select: true }, () => {
      const sheet = this.sheet();
      const area = this.required();
      if (this.ctx.model.activeSheet !== sheet) throw new FakeOfficeError('InvalidSelection', 'The current selection is invalid for this operation.');
      sheet.selection = areaA1(area);
    });
  }
}

function valueType(cell: FakeCell | undefined): string {
  if (!cell) return 'Empty';
  if (cell.error !== undefined) return 'Error';
  if (cell.value === null || cell.value === '') return cell.formula !== undefined && cell.value === '' ? 'String' : 'Empty';
  if (typeof cell.value === 'number') return 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

/**
 * Writing a value as Excel does: "=…" is a formula, a leading apostrophe forces text (and is not
 * stored), a string Excel reads as a number, date or boolean becomes one (typedEntry). The fake
 * computes no formulas (value null).
 */
function setValue(cell: FakeCell, v: unknown): void {
  delete cell.text;
  delete cell.error;
  delete cell.formula;
  if (typeof v === 'string') {
    if (v.startsWith("'")) cell.value = v.slice(1);
    else if (v.startsWith('=') && v.length > 1) {
      cell.formula = v.slice(1);
      cell.value = null;
    } else {
      const entry = typedEntry(v, cell.format);
      cell.value = entry.value;
      if (entry.format && cell.format === 'General') cell.format = entry.format;
    }
    return;
  }
  cell.value = v as CellValue;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * What Excel makes of a string written without an apostrophe, as far as the fake models it: into
 * a text-formatted ("@") cell it stays text; otherwise TRUE/FALSE become booleans, and numbers
 * become numbers: "1,234", "(12)" (negative), "1E5", "￥12" and "$12" (currency), "12%" (0.12),
 * with the format Excel gives a General cell for them; "2024-1-1" and "2024/1/1" become dates.
 */
function typedEntry(v: string, format: string): { value: CellValue; format?: string } {
  if (v === '') return { value: null };
  if (format === '@') return { value: v };
  if (/^\s*(true|false)\s*$/i.test(v)) return { value: v.trim().toUpperCase() === 'TRUE' };
  const n = /^\s*(\()?([-+])?([$¥￥€£])?(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:[eE]([-+]?\d+))?(%)?(\))?\s*$/.exec(v);
  if (n && /\d/.test(n[4] + (n[5] ?? '')) && !n[1] === !n[8] && !(n[1] && n[2])) {
    let value = Number(`${n[4].replace(/,/g, '') || '0'}${n[5] ?? ''}${n[6] !== undefined ? `e${n[6]}` : ''}`);
    if (n[2] === '-' || n[1]) value = -value;
    if (n[7]) value /= 100;
    const shown = n[7] ? '0%' : n[3] ? `${n[3]}#,##0` : n[6] !== undefined ? '0.00E+00' : n[4].includes(',') ? '#,##0' : undefined;
    return { value, ...(shown ? { format: shown } : {}) };
  }
  const d = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$/.exec(v);
  if (d) return { value: (Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) - SERIAL_EPOCH) / 86_400_000, format: 'yyyy/m/d' };
  return { value: v };
}

class FakeClientResult<T> {
  private done = false;
  private result: T | undefined;
  resolve(value: T): void {
    afterBatch(() => {
      this.result = value;
      this.done = true;
    });
    meterResponse(value);
  }
  get value(): T {
    if (!this.done) throw officeError('PropertyNotLoaded', 'ClientResult.value');
    return this.result as T;
  }
}

class FakeRangeAreas extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly locate: () => { sheet: FakeSheet; areas: CellRange[] } | undefined,
  ) {
    super();
  }
  load(props?: string | string[]): this {
    this.ctx.queue({ load: props }, () => {
      const found = this.locate();
      this.store('isNullObject', found === undefined);
      if (found) {
        const prefix = `${quoteSheetName(found.sheet.name)}!`;
        // Excel lists the areas comma-separated, each with its sheet ("Sheet1!A1:B4, Sheet1!D1:D4")
        this.store('address', found.areas.map((m) => prefix + areaA1(m)).join(', '));
        this.store('areaCount', found.areas.length);
      }
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get address(): string {
    return this.read('address');
  }
  get areaCount(): number {
    return this.read('areaCount');
  }
}

/** A column's width when none is set: Excel's standard 8.43 characters of Calibri 11, 64 pixels. */
export const FAKE_STANDARD_WIDTH = 48;

/**
 * What a range-level load of a format property gives: the value all the range's cells share, or
 * null when they differ. The RangeFormat reference documents null for mixed wrapText ("A null value
 * indicates that the entire range doesn't have a uniform wrap setting",
 * https://learn.microsoft.com/javascript/api/excel/excel.rangeformat); the fake assumes the same
 * of the alignments, RangeFont and RangeBorder, as the VBA object model answers Null.
 */
function shared<T>(values: T[]): T | null {
  return values.every((v) => v === values[0]) ? values[0] : null;
}

/** The looks of a range's cells, row by row. */
function looksIn(range: FakeRange): FakeLook[][] {
  const sheet = range.sheet();
  const rows: FakeLook[][] = [];
  range.forEach((row, col, r) => (rows[r] ??= []).push(lookOfCell(sheet.cell(row, col))));
  return rows;
}

/**
 * The cell edges a range border stands for (Excel.BorderIndex): the range's outer edges, or the
 * lines between its cells (both cells' edges there), or every cell's diagonal.
 */
function borderEdges(index: string, looks: FakeLook[][]): boolean[] {
  const last = looks.length - 1;
  const lastCol = looks[0].length - 1;
  const has = (look: FakeLook, edge: FakeEdge) => look.edges.includes(edge);
  const out: boolean[] = [];
  looks.forEach((line, r) =>
    line.forEach((look, c) => {
      if (index === 'EdgeTop' && r === 0) out.push(has(look, 'top'));
      if (index === 'EdgeBottom' && r === last) out.push(has(look, 'bottom'));
      if (index === 'EdgeLeft' && c === 0) out.push(has(look, 'left'));
      if (index === 'EdgeRight' && c === lastCol) out.push(has(look, 'right'));
      if (index === 'InsideHorizontal') {
        if (r > 0) out.push(has(look, 'top'));
        if (r < last) out.push(has(look, 'bottom'));
      }
      if (index === 'InsideVertical') {
        if (c > 0) out.push(has(look, 'left'));
        if (c < lastCol) out.push(has(look, 'right'));
      }
      if (index === 'DiagonalDown') out.push(has(look, 'diagonalDown'));
      if (index === 'DiagonalUp') out.push(has(look, 'diagonalUp'));
    }),
  );
  if (out.length === 0) throw new Error(`fake: border ${index} of a range without such a line is not modelled`);
  return out;
}

/** RangeBorder: set a line (as before), or load its style, weight and colour over the range. */
class FakeRangeBorder extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
    private readonly index: string,
    private readonly each: (what: string, value: unknown, fn: (cell: FakeCell) => void) => void,
  ) {
    super();
  }
  set style(value: string) {
    const index = this.index;
    this.each(`border.${index}`, value, (cell) => {
      const s = (cell.style ??= {});
      s.borders = value === 'None' ? (s.borders ?? []).filter((name) => name !== index) : [...new Set([...(s.borders ?? []), index])];
    });
  }
  set weight(value: string) {
    this.each(`border.${this.index}.weight`, value, () => undefined);
  }
  set color(value: string) {
    this.each(`border.${this.index}.color`, value, () => undefined);
  }
  get style(): string {
    return this.read('style');
  }
  get weight(): string {
    return this.read('weight');
  }
  get color(): string {
    return this.read('color');
  }
  load(props?: string | string[]): this {
    const names = propertyList(props);
    this.ctx.queue({ load: names }, () => {
      const lines = shared(borderEdges(this.index, looksIn(this.range)));
      for (const name of names) {
        if (name === 'style') this.store(name, lines === null ? null : lines ? FAKE_LINE.style : 'None');
        else if (name === 'weight') this.store(name, lines === null ? null : FAKE_LINE.weight);
        else if (name === 'color') this.store(name, lines === null ? null : FAKE_LINE.color);
        else throw new Error(`fake: RangeBorder.load(${name}) is not modelled`);
      }
    });
    return this;
  }
}

/** RangeFont: set (as before), or load over the range (null where the cells differ). */
class FakeRangeFont extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
    private readonly each: (what: string, value: unknown, fn: (cell: FakeCell) => void) => void,
  ) {
    super();
  }
  set bold(bold: boolean) {
    this.each('font.bold', bold, (cell) => ((cell.style ??= {}).bold = bold));
  }
  set italic(italic: boolean) {
    this.each('font.italic', italic, (cell) => ((cell.style ??= {}).italic = italic));
  }
  set size(size: number) {
    this.each('font.size', size, (cell) => ((cell.style ??= {}).fontSize = size));
  }
  set name(name: string) {
    this.each('font.name', name, (cell) => ((cell.style ??= {}).fontName = name));
  }
  set color(color: string) {
    this.each('font.color', color, (cell) => ((cell.style ??= {}).fontColor = color.toUpperCase()));
  }
  get bold(): boolean {
    return this.read('bold');
  }
  get italic(): boolean {
    return this.read('italic');
  }
  get size(): number {
    return this.read('size');
  }
  get name(): string {
    return this.read('name');
  }
  get color(): string {
    return this.read('color');
  }
  load(props?: string | string[]): this {
    const names = propertyList(props);
    const of: Record<string, (look: FakeLook) => unknown> = {
      bold: (l) => l.bold,
      italic: (l) => l.italic,
      size: (l) => l.fontSize,
      name: (l) => l.fontName,
      color: (l) => l.fontColor,
    };
    this.ctx.queue({ load: names }, () => {
      const looks = looksIn(this.range).flat();
      for (const name of names) {
        if (!of[name]) throw new Error(`fake: RangeFont.load(${name}) is not modelled`);
        this.store(name, shared(looks.map(of[name])));
      }
    });
    return this;
  }
}

class FakeRangeFormat extends Loadable {
  readonly fill: { color: string; clear(): void };
  readonly font: FakeRangeFont;
  readonly borders: { getItem(index: string): FakeRangeBorder };

  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super();
    const each = (what: string, value: unknown, fn: (cell: FakeCell) => void) => this.eachCell(what, value, fn);
    this.fill = {
      set color(color: string) {
        each('fill.color', color, (cell) => (cell.fill = color.toUpperCase()));
      },
      get color(): string {
        throw officeError('PropertyNotLoaded', 'fill.color');
      },
      clear() {
        each('fill.clear', true, (cell) => (cell.fill = null));
      },
    };
    this.font = new FakeRangeFont(ctx, range, each);
    this.borders = { getItem: (index: string) => new FakeRangeBorder(ctx, range, index, each) };
  }

  private eachCell(what: string, value: unknown, fn: (cell: FakeCell) => void): void {
    this.ctx.queue({ [what]: value }, () => {
      const sheet = this.range.writable('format');
      this.range.forEach((row, col) => fn(sheet.ensure(row, col)));
    });
  }

  set wrapText(wrap: boolean) {
    this.eachCell('wrapText', wrap, (cell) => ((cell.style ??= {}).wrap = wrap));
  }
  set horizontalAlignment(value: string) {
    this.eachCell('horizontalAlignment', value, (cell) => ((cell.style ??= {}).horizontalAlignment = value));
  }
  set verticalAlignment(value: string) {
    this.eachCell('verticalAlignment', value, (cell) => ((cell.style ??= {}).verticalAlignment = value));
  }
  set columnWidth(points: number) {
    this.ctx.queue({ columnWidth: points }, () => {
      const sheet = this.range.writable('format');
      const area = this.range.required();
      for (let col = area.left; col <= area.right; col++) sheet.columnWidths.set(col, points);
    });
  }

  /**
   * RangeFormat.columnWidth and useStandardWidth (ExcelApi 1.2, 1.7), the only properties the fake
   * loads: a column without a width of its own has the standard width (FAKE_STANDARD_WIDTH);
   * across columns of different widths columnWidth and useStandardWidth are null, as the reference
   * says (https://learn.microsoft.com/javascript/api/excel/excel.rangeformat).
   */
  load(props?: string | string[]): this {
    const names = propertyList(props);
    const cellWise: Record<string, (look: FakeLook) => unknown> = {
      wrapText: (l) => l.wrap,
      horizontalAlignment: (l) => l.horizontal,
      verticalAlignment: (l) => l.vertical,
    };
    const unknown = names.filter((n) => n !== 'columnWidth' && n !== 'useStandardWidth' && !cellWise[n]);
    if (unknown.length > 0) throw new Error(`fake: RangeFormat.load(${unknown.join(', ')}) is not modelled`);
    this.markRequested(names);
    this.ctx.queue({ load: names }, () => {
      const sheet = this.range.sheet();
      const area = this.range.required();
      const widths = new Set<number | undefined>();
      for (let col = area.left; col <= area.right; col++) widths.add(sheet.columnWidths.get(col));
      const [only] = [...widths];
      const same = widths.size === 1;
      if (names.includes('columnWidth')) this.store('columnWidth', same ? (only ?? FAKE_STANDARD_WIDTH) : null);
      if (names.includes('useStandardWidth')) this.store('useStandardWidth', same ? only === undefined : null);
      const cellNames = names.filter((n) => cellWise[n]);
      if (cellNames.length > 0) {
        const looks = looksIn(this.range).flat();
        for (const name of cellNames) this.store(name, shared(looks.map(cellWise[name])));
      }
    });
    return this;
  }

  get wrapText(): boolean {
    return this.read('wrapText');
  }
  get horizontalAlignment(): string {
    return this.read('horizontalAlignment');
  }
  get verticalAlignment(): string {
    return this.read('verticalAlignment');
  }

  get columnWidth(): number {
    return this.read('columnWidth');
  }

  get useStandardWidth(): boolean {
    return this.read('useStandardWidth');
  }

  /** "Only intended to be set to true. Setting it to false has no effect": the columns take the standard width again. */
  set useStandardWidth(standard: boolean) {
    this.ctx.queue({ useStandardWidth: standard }, () => {
      const sheet = this.range.writable('format');
      const area = this.range.required();
      if (standard) for (let col = area.left; col <= area.right; col++) sheet.columnWidths.delete(col);
    });
  }
  /**
   * "Only intended to be set to true" (RangeFormat.useStandardHeight, ExcelApi 1.7): the rows take
   * the standard height again.
   */
  set useStandardHeight(standard: boolean) {
    this.ctx.queue({ useStandardHeight: standard }, () => {
      const sheet = this.range.writable('format');
      const area = this.range.required();
      if (standard) for (const row of [...sheet.rowHeights.keys()]) if (row >= area.top && row <= area.bottom) sheet.rowHeights.delete(row);
    });
  }
  set rowHeight(points: number) {
    this.ctx.queue({ rowHeight: points }, () => {
      const sheet = this.range.writable('format');
      const area = this.range.required();
      for (let row = area.top; row <= area.bottom; row++) sheet.rowHeights.set(row, points);
    });
  }
}

// ───────────────────────────── Office.context: settings and requirements ─────────────────────────────

/** Office.context.document.settings of one runtime, over its own in-memory copy `values`. */
function fakeSettings(model: FakeWorkbook, values: Map<string, SettingsValue>) {
  const settings = {
    get: (name: string) => (values.has(name) ? values.get(name) : null),
    set: (name: string, value: unknown) => {
      // Office stores settings as JSON: what comes back is a copy
      values.set(name, JSON.parse(JSON.stringify(value)));
    },
    remove: (name: string) => {
      values.delete(name);
    },
    /** Persists this runtime's whole copy, as it is when called, in the document. */
    saveAsync: (callback?: (result: { status: string; error?: { message: string } }) => void) => {
      model.settingsSaveCount++;
      const copy = [...values].map(([k, v]): [string, SettingsValue] => [k, JSON.parse(JSON.stringify(v))]);
      setTimeout(() => {
        if (model.failSettingsSave) {
          callback?.({ status: 'failed', error: { message: 'The settings could not be saved.' } });
          return;
        }
        model.savedSettings.clear();
        for (const [k, v] of copy) model.savedSettings.set(k, v);
        callback?.({ status: 'succeeded' });
      }, 0);
    },
    /** Replaces this runtime's copy with what the document holds. */
    refreshAsync: (callback?: (result: { status: string; value?: unknown; error?: { message: string } }) => void) => {
      model.settingsRefreshCount++;
      setTimeout(() => {
        if (model.failSettingsRefresh) {
          callback?.({ status: 'failed', error: { message: 'The settings could not be read.' } });
          return;
        }
        values.clear();
        for (const [k, v] of model.savedSettings) values.set(k, JSON.parse(JSON.stringify(v)));
        callback?.({ status: 'succeeded', value: settings });
      }, 0);
    },
  };
  return settings;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

// ───────────────────────────── building and installing ─────────────────────────────

export interface FakeOffice {
  model: FakeWorkbook;
  /** Assign to the global `Excel`. */
  excel: { run: (...args: unknown[]) => Promise<unknown> };
  /** Assign to the global `Office`. */
  office: unknown;
  /** This runtime's Office.context.document.settings (for createExcelHost({ settings })). */
  settings: Office.Settings;
}

/** One runtime (a page of the add-in) over the workbook: its own copy of the settings, started now. */
export function createFakeOffice(model: FakeWorkbook): FakeOffice {
  const settings = fakeSettings(model, model.startSettingsRuntime());
  const excel = {
    async run(...args: unknown[]): Promise<unknown> {
      // Excel.run(batch) or Excel.run(existingContextOrObject, batch)
      const batch = (typeof args[0] === 'function' ? args[0] : args[1]) as (ctx: FakeContext) => Promise<unknown>;
      // Excel.run(context, …) continues that context's batch (how event handlers are removed)
      const given = args[0] instanceof FakeContext ? args[0] : (args[0] as { context?: unknown } | undefined)?.context;
      // Excel.run(options, batch): RunOptions.delayForCellEdit
      const options = typeof args[0] === 'object' && !(args[0] instanceof FakeContext) ? (args[0] as { delayForCellEdit?: boolean }) : undefined;
      const ctx = given instanceof FakeContext ? given : new FakeContext(model, options?.delayForCellEdit === true);
      const result = await batch(ctx);
      if (ctx.commands.length > 0) await ctx.sync(); // Excel.run syncs what is left
      return result;
    },
  };
  const office = {
    // enough of Office's start-up for a page that waits for it
    onReady: async (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      callback?.(info);
      return info;
    },
    HostType: { Excel: 'Excel', Word: 'Word' },
    context: {
      displayLanguage: model.displayLanguage,
      host: 'Excel',
      document: { settings },
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          const have = model.supportedSets.get(name);
          return have !== undefined && versionAtLeast(have, version ?? '1.1');
        },
      },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
  return { model, excel, office, settings: settings as unknown as Office.Settings };
}

/** A one-sheet workbook holding the grid (its cells, formats, text and merges). */
export function workbookFromGrid(grid: Grid, options: { protected?: boolean; fills?: Record<string, string> } = {}): FakeWorkbook {
  const model = new FakeWorkbook();
  model.sheets.push(sheetFromGrid(grid, options));
  return model;
}

export function sheetFromGrid(grid: Grid, options: { protected?: boolean; fills?: Record<string, string> } = {}): FakeSheet {
  const sheet = new FakeSheet(grid.sheet);
  grid.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (!cell) return;
      sheet.cells.set(key(grid.top + r, grid.left + c), {
        value: cell.value,
        format: cell.format,
        text: cell.text,
        fill: null,
        ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
        ...(cell.error !== undefined ? { error: cell.error } : {}),
      });
    }),
  );
  sheet.merges = grid.merges.map((m) => ({ ...m }));
  sheet.protected = options.protected ?? false;
  for (const [address, fill] of Object.entries(options.fills ?? {})) {
    const { row, col } = parseA1(address);
    sheet.ensure(row, col).fill = fill;
  }
  return sheet;
}

/** Every cell of a sheet with its visible state, by A1 address, for before/after comparisons. */
export function cellsOf(sheet: FakeSheet): Map<string, { value: CellValue; formula?: string; format: string; fill: string | null; text: string }> {
  const out = new Map<string, { value: CellValue; formula?: string; format: string; fill: string | null; text: string }>();
  for (const [k, cell] of sheet.cells) {
    const [row, col] = k.split(':').map(Number);
    const empty = !hasAnything(cell);
    if (empty) continue;
    out.set(a1(row, col), {
      value: cell.value === '' ? null : cell.value,
      ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
      format: cell.format,
      fill: cell.fill,
      text: cellText(cell),
    });
  }
  return out;
}

/** Put the fake in place of the globals office/excel/host.ts uses; returns a function restoring the old ones. */
export function installFakeOffice(fake: FakeOffice): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office };
  g.Excel = fake.excel;
  g.Office = fake.office;
  return () => {
    g.Excel = previous.Excel;
    g.Office = previous.Office;
  };
}
