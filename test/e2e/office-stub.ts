/**
 * Served in place of office.js for the end-to-end tests: a fake Office/Excel/Word host holding the
 * workbook the test put in `window.__E2E__`. The test reads the fake back through `window.__fake`.
 * Bundled for the browser by the test itself (no Node imports).
 */
import type { Grid } from '../../src/engine/grid';
import { createFakeOffice, FakeWorkbook, sheetFromGrid } from '../helpers/fake-excel';

export interface E2EConfig {
  host: 'Excel' | 'Word';
  /** Office.context.diagnostics.platform: OfficeOnline, PC, Mac. */
  platform: string;
  displayLanguage: string;
  grids: Grid[];
}

interface InsertedFile {
  base64: string;
  location: string;
  /** 'document': Document.insertFileFromBase64, which keeps the page setup; 'body': the older Body one. */
  via: string;
}

export interface E2EFake {
  workbook: FakeWorkbook;
  /** What the Word fake received. */
  word: { inserted: InsertedFile[]; created: string[]; bodyText: string };
  /** URLs the pane opened as dialogs. */
  dialogs: string[];
  /** Functions the ribbon's function file associated with its buttons. */
  actions: Record<string, (event: { completed: () => void }) => unknown>;
  /** Fire the user's × on the open dialog (DialogEventReceived 12006). */
  closeDialog: () => void;
  /** What the page sent the open dialog with messageChild, in order. */
  sentToDialog: string[];
  /** The open dialog's page sends `message` with messageParent (DialogMessageReceived). */
  messageFromDialog: (message: string) => void;
}

declare global {
  interface Window {
    __E2E__: E2EConfig;
    __fake: E2EFake;
  }
}

const config = window.__E2E__;
const workbook = new FakeWorkbook();
workbook.displayLanguage = config.displayLanguage;
for (const grid of config.grids) workbook.sheets.push(sheetFromGrid(grid));
// Word on Microsoft 365: Document.insertFileFromBase64 needs WordApi 1.5; Body.shapes (WordApiDesktop 1.2) is left out.
workbook.supportedSets.set('WordApi', '1.5');

const dialogHandlers = new Map<string, (arg: unknown) => void>();
const fake: E2EFake = {
  workbook,
  word: { inserted: [], created: [], bodyText: '' },
  dialogs: [],
  actions: {},
  closeDialog: () => dialogHandlers.get('dialogEventReceived')?.({ error: 12006 }),
  sentToDialog: [],
  messageFromDialog: (message) => dialogHandlers.get('dialogMessageReceived')?.({ message, origin: location.origin }),
};
window.__fake = fake;

const office = createFakeOffice(workbook);
const officeGlobal = office.office as {
  onReady: (callback?: (info: { host: string; platform: string }) => void) => Promise<{ host: string; platform: string }>;
  context: Record<string, unknown>;
} & Record<string, unknown>;

officeGlobal.onReady = async (callback) => {
  const info = { host: config.host, platform: config.platform };
  callback?.(info);
  return info;
};
Object.assign(officeGlobal.context, {
  host: config.host,
  platform: config.platform,
  diagnostics: { platform: config.platform, host: config.host, version: '16.0' },
  officeTheme: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000', isDarkTheme: false },
  ui: {
    displayDialogAsync(url: string, _options: unknown, callback?: (result: unknown) => void) {
      fake.dialogs.push(url);
      const dialog = {
        addEventHandler: (type: string, handler: (arg: unknown) => void) => dialogHandlers.set(type, handler),
        close: () => dialogHandlers.clear(),
        messageChild: (message: string) => void fake.sentToDialog.push(message),
      };
      callback?.({ status: 'succeeded', value: dialog });
    },
  },
});
Object.assign(officeGlobal, {
  PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  actions: { associate: (name: string, action: E2EFake['actions'][string]) => (fake.actions[name] = action) },
});

/**
 * Just enough of Word for src/office/word.ts: read what the body holds, insert a file (through the
 * document, WordApi 1.5, or the body), create a document.
 */
const wordGlobal = {
  async run<T>(batch: (context: unknown) => Promise<T>): Promise<T> {
    const queued: (() => void)[] = [];
    const collection = (count: number) => ({ items: new Array(count).fill({}) as unknown[], load: () => undefined });
    const insertVia = (via: string) => (base64: string, location: string) => queued.push(() => fake.word.inserted.push({ base64, location, via }));
    const body = {
      text: '',
      paragraphs: collection(1),
      inlinePictures: collection(0),
      tables: collection(0),
      contentControls: collection(0),
      load: () => undefined,
      insertFileFromBase64: insertVia('body'),
    };
    const context = {
      document: { body, insertFileFromBase64: insertVia('document') },
      application: { createDocument: (base64: string) => ({ open: () => queued.push(() => fake.word.created.push(base64)) }) },
      sync: async () => {
        body.text = fake.word.bodyText;
        for (const command of queued.splice(0)) command();
      },
    };
    return batch(context);
  },
};

const g = globalThis as unknown as Record<string, unknown>;
g.Office = officeGlobal;
g.Excel = office.excel;
g.Word = wordGlobal;
