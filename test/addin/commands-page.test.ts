/**
 * @jest-environment jsdom
 *
 * The ribbon's function file (src/commands/commands.ts) over the fake Office: the message box opens
 * at a fixed URL that holds nothing read from the workbook (a URL reaches the web server's logs);
 * the result is sent with messageChild once the page says it listens (DialogApi 1.2), and where
 * DialogApi 1.2 is missing the URL names a fixed notice instead.
 */
import { decodeMessage } from '../../src/commands/message';
import { createFakeOffice, installFakeOffice, workbookFromGrid, type FakeWorkbook } from '../helpers/fake-excel';
import { standardForm } from '../helpers/grid-builder';

type Handler = (arg: { message: string; origin?: string } | { error: number }) => void;

interface Opened {
  url: string;
  handlers: Record<string, Handler>;
  sentToPage: string[];
  closed: boolean;
}

let opened: Opened[] = [];
let uninstall: (() => void) | undefined;

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

function workbook(): FakeWorkbook {
  return workbookFromGrid(
    standardForm([
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '100人', weight: 50 },
      { level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', target: '≥90%', actual: '95%', weight: 30 },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '满意度', target: '≥90%', actual: '92%', weight: 10 },
    ]),
  );
}

/** The function file's page over `model`, with a dialog API that records what it is asked. */
function install(model: FakeWorkbook): void {
  opened = [];
  const fake = createFakeOffice(model);
  const office = fake.office as { context: Record<string, unknown> } & Record<string, unknown>;
  office.EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
  office.actions = { associate: () => undefined };
  office.context.ui = {
    displayDialogAsync(url: string, _options: unknown, callback: (result: unknown) => void) {
      const dialog: Opened = { url, handlers: {}, sentToPage: [], closed: false };
      opened.push(dialog);
      setTimeout(
        () =>
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: string, handler: Handler) => (dialog.handlers[type] = handler),
              close: () => (dialog.closed = true),
              messageChild: (message: string) => {
                if (!model.supportedSets.get('DialogApi')?.startsWith('1.2')) throw new Error('messageChild is not supported');
                dialog.sentToPage.push(message);
              },
            },
          }),
        1,
      );
    },
  };
  uninstall = installFakeOffice(fake);
}

async function press(): Promise<{ dialog: Opened; completed: () => number; done: Promise<unknown> }> {
  await import('../../src/commands/commands');
  let completed = 0;
  const action = (window as unknown as { scoreActiveSheet: (event: { completed: () => void }) => Promise<void> }).scoreActiveSheet;
  const done = action({ completed: () => void completed++ });
  for (let i = 0; i < 500 && !opened[0]?.handlers.dialogMessageReceived; i++) await new Promise((resolve) => setTimeout(resolve, 4));
  return { dialog: opened[0], completed: () => completed, done };
}

test('DialogApi 1.2: a fixed URL, and the result sent once the page listens', async () => {
  install(workbook());
  const { dialog, completed, done } = await press();
  expect(dialog.url).toBe(`${window.location.origin}/message-dialog.html?lang=zh-CN`);
  expect(dialog.sentToPage).toEqual([]);

  dialog.handlers.dialogMessageReceived({ message: 'ready', origin: window.location.origin });
  expect(dialog.sentToPage).toHaveLength(1);
  const content = decodeMessage(dialog.sentToPage[0]);
  expect(content?.title).toBe('评分完成');
  expect(content?.lines[0]).toBe('工作表“自评表”已完成评分：总分 100 分，等级为“优”。');
  // a page of another origin is sent nothing
  dialog.handlers.dialogMessageReceived({ message: 'ready', origin: 'https://evil.example' });
  expect(dialog.sentToPage).toHaveLength(1);

  expect(completed()).toBe(0);
  dialog.handlers.dialogMessageReceived({ message: 'close', origin: window.location.origin });
  await done;
  expect(dialog.closed).toBe(true);
  expect(completed()).toBe(1);
});

test('no DialogApi 1.2: the URL names the fixed notice for the outcome, and nothing is sent', async () => {
  const model = workbook();
  model.supportedSets.set('DialogApi', '1.1');
  install(model);
  const { dialog, done } = await press();
  expect(dialog.url).toBe(`${window.location.origin}/message-dialog.html?lang=zh-CN&notice=scored`);
  dialog.handlers.dialogMessageReceived({ message: 'ready' });
  expect(dialog.sentToPage).toEqual([]);
  dialog.handlers.dialogEventReceived({ error: 12006 });
  await done;
});

test('nothing scored, or an Office too old: the notice says so, in English for English Office', async () => {
  const blank = workbookFromGrid({ sheet: 'Sheet1', top: 1, left: 1, cells: [[{ value: '会议纪要', text: '会议纪要', format: 'General' }]], merges: [] });
  blank.supportedSets.set('DialogApi', '1.1');
  blank.displayLanguage = 'en-US';
  install(blank);
  let pressed = await press();
  expect(pressed.dialog.url).toBe(`${window.location.origin}/message-dialog.html?lang=en-US&notice=not-scored`);
  pressed.dialog.handlers.dialogEventReceived({ error: 12006 });
  await pressed.done;

  const old = workbook();
  old.supportedSets.set('DialogApi', '1.1');
  old.supportedSets.set('ExcelApi', '1.4');
  install(old);
  pressed = await press();
  expect(pressed.dialog.url).toBe(`${window.location.origin}/message-dialog.html?lang=zh-CN&notice=old-office`);
  pressed.dialog.handlers.dialogEventReceived({ error: 12006 });
  await pressed.done;
});

test('a click while a cell is being edited: the run waits for the edit to end (delayForCellEdit), then scores', async () => {
  const model = workbook();
  model.editing = true;
  install(model);
  await import('../../src/commands/commands');
  const action = (window as unknown as { scoreActiveSheet: (event: { completed: () => void }) => Promise<void> }).scoreActiveSheet;
  const done = action({ completed: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 30));
  // nothing read, nothing written, no box yet: Excel holds the batches
  expect(opened).toEqual([]);
  expect(model.syncCount).toBe(0);
  model.editing = false;
  for (let i = 0; i < 500 && !opened[0]?.handlers.dialogMessageReceived; i++) await new Promise((resolve) => setTimeout(resolve, 4));
  opened[0].handlers.dialogMessageReceived({ message: 'ready', origin: window.location.origin });
  expect(decodeMessage(opened[0].sentToPage[0])?.lines[0]).toBe('工作表“自评表”已完成评分：总分 100 分，等级为“优”。');
  opened[0].handlers.dialogMessageReceived({ message: 'close', origin: window.location.origin });
  await done;
});
