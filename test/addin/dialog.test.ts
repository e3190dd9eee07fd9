/**
 * src/office/dialog.ts against a fake Office.context.ui: how a dialog ends (the page's button, the
 * user's ×, the timeout, a newer dialog), retrying 12007, the errors that stop it opening, and
 * answering a page that says it listens (messageChild).
 */
import { DialogOpenError, showDialogUntilClosed, type DialogEnd } from '../../src/office/dialog';

type Handler = (arg: { message: string; origin?: string } | { error: number }) => void;

interface FakeDialog {
  url: string;
  handlers: Record<string, Handler>;
  closed: boolean;
  /** What messageChild sent the page. */
  sentToPage: string[];
}

const opened: FakeDialog[] = [];
/** Error codes the next calls of displayDialogAsync fail with, in order. */
let failures: number[] = [];
/** messageChild throws, as it does where DialogApi 1.2 is missing. */
let messageChildThrows = false;

beforeEach(() => {
  opened.length = 0;
  failures = [];
  messageChildThrows = false;
  (globalThis as unknown as { Office: unknown }).Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      ui: {
        displayDialogAsync(url: string, _options: unknown, callback: (result: unknown) => void) {
          const code = failures.shift();
          setTimeout(() => {
            if (code !== undefined) {
              callback({ status: 'failed', error: { code, message: `error ${code}` } });
              return;
            }
            const dialog: FakeDialog = { url, handlers: {}, closed: false, sentToPage: [] };
            opened.push(dialog);
            callback({
              status: 'succeeded',
              value: {
                addEventHandler: (type: string, handler: Handler) => {
                  dialog.handlers[type] = handler;
                },
                close: () => {
                  dialog.closed = true;
                },
                messageChild: (message: string) => {
                  if (messageChildThrows) throw new Error('messageChild is not supported');
                  dialog.sentToPage.push(message);
                },
              },
            });
          }, 1);
        },
      },
    },
  };
});

afterAll(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

const OPTIONS = { size: { width: 30, height: 40 }, closeMessage: 'close', timeoutMs: 10_000 };
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

async function shown(index = 0): Promise<FakeDialog> {
  for (let i = 0; i < 500 && !opened[index]; i++) await tick(4);
  return opened[index];
}

describe('showDialogUntilClosed', () => {
  it('ends when the page asks to be closed, and closes the dialog', async () => {
    const ended = showDialogUntilClosed('https://localhost:3000/message-dialog.html', OPTIONS);
    const dialog = await shown();
    dialog.handlers.dialogMessageReceived({ message: 'something else', origin: 'https://localhost:3000' });
    await tick();
    expect(dialog.closed).toBe(false);
    dialog.handlers.dialogMessageReceived({ message: 'close', origin: 'https://localhost:3000' });
    await expect(ended).resolves.toBe<DialogEnd>('page');
    expect(dialog.closed).toBe(true);
  });

  it('ends when the user closes it with ×, without closing it again', async () => {
    const ended = showDialogUntilClosed('https://localhost:3000/x.html', OPTIONS);
    const dialog = await shown();
    dialog.handlers.dialogEventReceived({ error: 12006 });
    await expect(ended).resolves.toBe('user');
    expect(dialog.closed).toBe(false);
  });

  it('closes a dialog nobody closed once the time is up', async () => {
    const ended = showDialogUntilClosed('https://localhost:3000/x.html', { ...OPTIONS, timeoutMs: 30 });
    const dialog = await shown();
    await expect(ended).resolves.toBe('timeout');
    expect(dialog.closed).toBe(true);
  });

  it('a page that fails to load ends it as an error and is closed', async () => {
    const ended = showDialogUntilClosed('https://localhost:3000/missing.html', OPTIONS);
    const dialog = await shown();
    dialog.handlers.dialogEventReceived({ error: 12002 });
    await expect(ended).resolves.toBe('error');
    expect(dialog.closed).toBe(true);
  });

  it('a newer dialog replaces the one on screen', async () => {
    const first = showDialogUntilClosed('https://localhost:3000/one.html', OPTIONS);
    const one = await shown(0);
    const second = showDialogUntilClosed('https://localhost:3000/two.html', OPTIONS);
    await expect(first).resolves.toBe('replaced');
    expect(one.closed).toBe(true);
    const two = await shown(1);
    expect(two.url).toContain('two.html');
    two.handlers.dialogMessageReceived({ message: 'close' });
    await expect(second).resolves.toBe('page');
  });

  it('retries while Office still holds a closing dialog (12007)', async () => {
    failures = [12007, 12007];
    const ended = showDialogUntilClosed('https://localhost:3000/x.html', OPTIONS);
    const dialog = await shown();
    expect(dialog.url).toContain('x.html');
    dialog.handlers.dialogMessageReceived({ message: 'close' });
    await expect(ended).resolves.toBe('page');
  });

  it('answers a page that says it listens, each time it says so, and only then', async () => {
    const ended = showDialogUntilClosed('https://localhost:3000/message-dialog.html', { ...OPTIONS, reply: { when: 'ready', send: '{"title":"评分完成"}' } });
    const dialog = await shown();
    expect(dialog.sentToPage).toEqual([]);
    dialog.handlers.dialogMessageReceived({ message: 'ready' });
    expect(dialog.sentToPage).toEqual(['{"title":"评分完成"}']);
    dialog.handlers.dialogMessageReceived({ message: 'ready' }); // reloaded: it listens again
    dialog.handlers.dialogMessageReceived({ message: 'something else' });
    expect(dialog.sentToPage).toHaveLength(2);
    dialog.handlers.dialogMessageReceived({ message: 'close' });
    await expect(ended).resolves.toBe('page');
  });

  it('a messageChild that throws (no DialogApi 1.2 after all) does not end the dialog', async () => {
    messageChildThrows = true;
    const ended = showDialogUntilClosed('https://localhost:3000/message-dialog.html', { ...OPTIONS, reply: { when: 'ready', send: 'x' } });
    const dialog = await shown();
    expect(() => dialog.handlers.dialogMessageReceived({ message: 'ready' })).not.toThrow();
    expect(dialog.closed).toBe(false);
    dialog.handlers.dialogMessageReceived({ message: 'close' });
    await expect(ended).resolves.toBe('page');
  });

  it('says why when the dialog cannot open at all', async () => {
    failures = [12009];
    const error = await showDialogUntilClosed('https://localhost:3000/x.html', OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialogOpenError);
    expect((error as DialogOpenError).officeCode).toBe(12009);
    expect((error as DialogOpenError).code).toBe('dialog-12009');
    expect((error as DialogOpenError).message).toBe('对话框被浏览器拦截，请允许本加载项弹出窗口后重试');
    expect(opened).toHaveLength(0);
  });
});
