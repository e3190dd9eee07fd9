/**
 * A fake of the part of Office.js that src/hosts/excel*.ts uses, with Office's batch semantics:
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
import { displayText } from '../../src/hosts/display-text';

// ───────────────────────────── the model ─────────────────────────────

export interface FakeStyle {
  bold?: boolean;
  fontSize?: number;
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

export class FakeSheet {
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
  /** Address of the selected cell after a select(). */
  selection?: string;

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

// ───────────────────────────── errors ─────────────────────────────

/** Shaped like OfficeExtension.Error: name, code, message, debugInfo. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(readonly code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

const MESSAGES: Record<string, string> = {
  AccessDenied: 'The cell or chart that you are trying to change is protected and therefore read-only.',
  InvalidOperationInCellEditMode: 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  ItemNotFound: 'The requested resource does not exist.',
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  GeneralException: 'There was an internal error while processing the request.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  PropertyNotLoaded: 'The property is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
};

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
  /** A cell is being edited: every sync fails. */
  editing = false;
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
    if (this.editing) throw officeError('InvalidOperationInCellEditMode');
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
  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  queue(payload: Record<string, unknown>, run: () => void): void {
    this.commands.push({ kind: Object.keys(payload)[0] ?? '', bytes: COMMAND_OVERHEAD + payloadBytes(payload), run });
  }

  async sync(): Promise<void> {
    await Promise.resolve(); // Office's sync is always asynchronous
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
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
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
    this.ctx.queue({ load: names }, () => {
      const items = this.ctx.model.sheets.map((s) => {
        const proxy = new FakeWorksheet(this.ctx, () => s);
        proxy.storeName(s.name);
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
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheet) {
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

class FakeWorksheet extends Loadable {
  readonly protection: FakeWorksheetProtection;
  constructor(private readonly ctx: FakeContext, readonly resolve: () => FakeSheet) {
    super();
    this.protection = new FakeWorksheetProtection(ctx, resolve);
  }

  storeName(name: string): void {
    this.store('name', name);
  }

  load(props?: string | string[]): this {
    const names = propertyList(props);
    this.ctx.queue({ load: names }, () => {
      const sheet = this.resolve();
      for (const n of names) if (n === 'name') this.store('name', sheet.name);
    });
    return this;
  }

  get name(): string {
    return this.read('name');
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
    return new FakeRange(this.ctx, this.resolve, () => ({ top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount }));
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

const RANGE_PROPERTIES = ['values', 'text', 'numberFormat', 'formulas', 'valueTypes', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'];

class FakeRange extends Loadable {
  readonly format: FakeRangeFormat;
  private area: CellRange | undefined;
  private resolved = false;

  constructor(private readonly ctx: FakeContext, readonly sheet: () => FakeSheet, private readonly locate: () => CellRange | undefined) {
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
      for (const name of names) {
        if (name === 'values') this.store(name, grid((c) => (c?.error !== undefined ? c.error : c?.value ?? '')));
        else if (name === 'text') this.store(name, grid(cellText));
        else if (name === 'numberFormat') this.store(name, grid((c) => c?.format ?? 'General'));
        else if (name === 'formulas') this.store(name, grid((c) => (c?.formula !== undefined ? `=${c.formula}` : c?.error ?? c?.value ?? '')));
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
        throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
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

  getCellProperties(options: { format?: { fill?: { color?: boolean; pattern?: boolean } }; address?: boolean }) {
    const result = new FakeClientResult<unknown[][]>();
    this.ctx.queue({ getCellProperties: options }, () => {
      const sheet = this.sheet();
      const rows: unknown[][] = [];
      this.forEach((row, col, r) => {
        const cell = sheet.cell(row, col);
        const props: Record<string, unknown> = {};
        if (options.address) props.address = `${quoteSheetName(sheet.name)}!${a1(row, col)}`;
        if (options.format?.fill) {
          const fill: Record<string, unknown> = {};
          // Excel reports no fill as white with the pattern "None"
          if (options.format.fill.color) fill.color = cell?.fill ?? '#FFFFFF';
          if (options.format.fill.pattern) fill.pattern = cell?.fill ? 'Solid' : 'None';
          props.format = { fill };
        }
        (rows[r] ??= []).push(props);
      });
      result.resolve(rows);
    });
    return result;
  }

  setCellProperties(data: { format?: { fill?: { color?: string } } }[][]): void {
    this.ctx.queue({ setCellProperties: data }, () => {
      const sheet = this.writable('format');
      this.forEach((row, col, r, c) => {
        const color = data[r]?.[c]?.format?.fill?.color;
        if (color !== undefined) sheet.ensure(row, col).fill = color.toUpperCase();
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
  constructor(private readonly ctx: FakeContext, private readonly locate: () => { sheet: FakeSheet; areas: CellRange[] } | undefined) {
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

class FakeRangeFormat {
  readonly fill: { color: string; clear(): void };
  readonly font: { bold: boolean; size: number; name: string; color: string };
  readonly borders: { getItem(index: string): { style: string; weight: string; color: string } };

  constructor(private readonly ctx: FakeContext, private readonly range: FakeRange) {
    const each = (what: string, value: unknown, fn: (cell: FakeCell) => void) => this.eachCell(what, value, fn);
    const style = (cell: FakeCell) => (cell.style ??= {});
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
    this.font = {
      set bold(bold: boolean) {
        each('font.bold', bold, (cell) => (style(cell).bold = bold));
      },
      set size(size: number) {
        each('font.size', size, (cell) => (style(cell).fontSize = size));
      },
      set name(_name: string) {
        each('font.name', _name, () => undefined);
      },
      set color(_color: string) {
        each('font.color', _color, () => undefined);
      },
    } as FakeRangeFormat['font'];
    this.borders = {
      getItem(index: string) {
        return {
          set style(value: string) {
            each(`border.${index}`, value, (cell) => {
              const s = style(cell);
              s.borders = [...new Set([...(s.borders ?? []), index])];
            });
          },
          set weight(_value: string) {
            each(`border.${index}.weight`, _value, () => undefined);
          },
          set color(_value: string) {
            each(`border.${index}.color`, _value, () => undefined);
          },
        } as { style: string; weight: string; color: string };
      },
    };
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
      const ctx = given instanceof FakeContext ? given : new FakeContext(model);
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

/** Put the fake in place of the globals excel.ts uses; returns a function restoring the old ones. */
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
