/**
 * @jest-environment jsdom
 *
 * The message box page (src/commands/message-dialog.ts and .html): it shows what the command sends
 * it (messageChild, after the page said it listens), safely as text, in the right language; the
 * fixed notice its URL names where nothing can be sent; and a fixed notice when nothing comes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMessage, start, WAIT_MS } from '../../src/commands/message-dialog';
import { encodeMessage, messagePageUrl, type MessageBoxContent } from '../../src/commands/message';

const TEMPLATE = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'commands', 'message-dialog.html'), 'utf8');

beforeEach(() => {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(TEMPLATE)![1];
});

const text = (id: string) => document.getElementById(id)!.textContent;

it('shows the title, the paragraphs and the list, and 确定', () => {
  renderMessage(document, {
    lang: 'zh-CN',
    kind: 'warning',
    title: '评分完成',
    lines: [
      '工作表“自评表”已完成评分：总分 56 分，等级为“差”。',
      '有 2 个问题需要处理：',
      '· F14：单位不一致。',
      '· I10：本行未达到目标。',
      '其余问题请打开助手查看。',
    ],
    notice: 'scored',
  });
  expect(document.documentElement.lang).toBe('zh-CN');
  expect(document.title).toBe('评分完成');
  expect(document.getElementById('box')!.className).toBe('box warning');
  expect(text('title')).toBe('评分完成');
  const lines = document.getElementById('lines')!;
  expect(Array.from(lines.children).map((c) => c.tagName)).toEqual(['P', 'P', 'UL', 'P']);
  expect(Array.from(lines.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['F14：单位不一致。', 'I10：本行未达到目标。']);
  expect(text('ok')).toBe('确定');
});

it('puts markup in the text as text, never as HTML', () => {
  renderMessage(document, { lang: 'en-US', kind: 'error', title: '<b>x</b>', lines: ['<img src=x onerror=alert(1)>'], notice: 'not-scored' });
  expect(document.querySelector('#lines img')).toBeNull();
  expect(text('lines')).toBe('<img src=x onerror=alert(1)>');
  expect(text('ok')).toBe('OK');
  expect(document.documentElement.lang).toBe('en-US');
});

/** Office as a dialog page sees it: what the page registered and what it sent its opener. */
interface DialogOffice {
  handler?: (arg: { message: string; origin?: string }) => void;
  sent: string[];
  ready(): void;
}

function fakeDialogOffice(options: { dialogApi12?: boolean; registration?: 'succeeded' | 'failed' } = {}): DialogOffice {
  const office: DialogOffice = { sent: [], ready: () => undefined };
  let onReady: (() => void) | undefined;
  office.ready = () => onReady?.();
  (globalThis as unknown as { Office: unknown }).Office = {
    onReady: (callback: () => void) => {
      onReady = callback;
    },
    EventType: { DialogParentMessageReceived: 'dialogParentMessageReceived' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      requirements: { isSetSupported: (name: string, version: string) => name === 'DialogApi' && (version === '1.1' || options.dialogApi12 !== false) },
      ui: {
        messageParent: (message: string) => office.sent.push(message),
        addHandlerAsync: (type: string, handler: DialogOffice['handler'], callback: (result: { status: string }) => void) => {
          expect(type).toBe('dialogParentMessageReceived');
          office.handler = handler;
          callback({ status: options.registration ?? 'succeeded' });
        },
      },
    },
  };
  return office;
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
  jest.useRealTimers();
});

const SCORED: MessageBoxContent = {
  lang: 'en-US',
  kind: 'success',
  title: 'Scoring complete',
  lines: ['Sheet "自评表" is scored: total 100, grade "优".'],
  notice: 'scored',
};

function openAt(url: string): void {
  const { pathname, search } = new URL(url);
  window.history.replaceState(null, '', pathname + search);
}

it('waits with a neutral text, says when it listens, then shows what the opener sends', () => {
  const office = fakeDialogOffice();
  openAt(messagePageUrl('https://localhost/commands.html', 'en-US'));
  start();
  expect(text('lines')).toBe('Showing the result…');
  expect(document.getElementById('box')!.className).toBe('box info');
  expect(document.activeElement?.id).toBe('ok');
  expect(office.sent).toEqual([]);
  office.ready();
  expect(office.sent).toEqual(['ready']);
  // a message from another origin, or a malformed one, is ignored
  office.handler!({ message: encodeMessage({ ...SCORED, title: 'Evil' }), origin: 'https://evil.example' });
  office.handler!({ message: '{broken', origin: window.location.origin });
  expect(text('lines')).toBe('Showing the result…');
  office.handler!({ message: encodeMessage(SCORED), origin: window.location.origin });
  expect(text('title')).toBe('Scoring complete');
  expect(text('lines')).toContain('total 100');
  // 确定 / OK asks the opener to close the box
  document.getElementById('ok')!.click();
  expect(office.sent).toEqual(['ready', 'close']);
});

it('a client without DialogOrigin 1.1 gives no origin: the message is still shown', () => {
  const office = fakeDialogOffice();
  openAt(messagePageUrl('https://localhost/commands.html', 'zh-CN'));
  start();
  expect(text('lines')).toBe('正在显示结果…');
  office.ready();
  office.handler!({ message: encodeMessage({ ...SCORED, lang: 'zh-CN', title: '评分完成', lines: ['总分 100 分。'] }) });
  expect(text('title')).toBe('评分完成');
});

it('shows the fixed notice its URL names, and listens for nothing', () => {
  const office = fakeDialogOffice({ dialogApi12: false });
  openAt(messagePageUrl('https://localhost/commands.html', 'zh-CN', 'scored'));
  start();
  office.ready();
  expect(text('title')).toBe('评分完成');
  expect(text('lines')).toBe('评分已完成，请查看表格中的得分和偏差标记。如需查看问题详情或撤销本次评分，请点击“打开助手”。');
  expect(office.handler).toBeUndefined();
  expect(office.sent).toEqual([]);

  openAt(messagePageUrl('https://localhost/commands.html', 'en-US', 'old-office'));
  start();
  expect(text('title')).toBe('This Office is too old');
  expect(text('ok')).toBe('OK');
});

it('a run that needs the user, where its content cannot be sent: the warning icon and a title that says so', () => {
  const office = fakeDialogOffice({ dialogApi12: false });
  openAt(messagePageUrl('https://localhost/commands.html', 'zh-CN', 'scored-attention'));
  start();
  office.ready();
  expect(document.getElementById('box')!.className).toBe('box warning');
  expect(text('title')).toBe('评分完成，有问题需要处理');
  openAt(messagePageUrl('https://localhost/commands.html', 'zh-CN', 'scored'));
  start();
  expect(document.getElementById('box')!.className).toBe('box success');
});

it('where it cannot listen (no DialogApi 1.2, or the registration fails), a fixed notice at once', () => {
  for (const options of [{ dialogApi12: false }, { registration: 'failed' as const }]) {
    const office = fakeDialogOffice(options);
    openAt(messagePageUrl('https://localhost/commands.html', 'zh-CN'));
    start();
    office.ready();
    expect(office.sent).toEqual([]);
    expect(text('title')).toBe('无法显示结果');
    expect(text('lines')).toBe('评分结果未能显示。请查看表格中的得分和偏差标记，或点击“打开助手”查看详情。');
  }
});

it('when nothing comes, says so after a while; a late message changes nothing', () => {
  jest.useFakeTimers();
  const office = fakeDialogOffice();
  openAt(messagePageUrl('https://localhost/commands.html', 'en-US'));
  start();
  office.ready();
  jest.advanceTimersByTime(WAIT_MS - 1);
  expect(text('lines')).toBe('Showing the result…');
  jest.advanceTimersByTime(1);
  expect(text('title')).toBe('The result cannot be shown');
  office.handler!({ message: encodeMessage(SCORED) });
  expect(text('title')).toBe('The result cannot be shown');
});

it('no notice is about the workbook: none holds a number or a cell (the old-Office one names Office versions)', () => {
  for (const notice of ['scored', 'scored-attention', 'not-scored', 'unknown'] as const) {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      openAt(messagePageUrl('https://localhost/commands.html', lang, notice));
      start();
      expect(text('box')).not.toMatch(/\d|[A-Z]{1,3}\d/);
    }
  }
});

it('uses only ES5 library calls, since the page also opens in IE11-based Office (webpack compiles it to ES5 syntax)', () => {
  const ES2015_CALLS =
    /\.(includes|startsWith|endsWith|find|findIndex|padStart|padEnd|repeat|fill|at)\(|\b(Object\.(entries|values|assign|fromEntries)|Array\.(from|of)|Number\.is\w+)\b|new (Map|Set|WeakMap|URL|URLSearchParams|Promise)\b|\bfetch\(/;
  for (const file of ['message-dialog.ts', 'message.ts']) {
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'commands', file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect([file, ES2015_CALLS.exec(source)?.[0]]).toEqual([file, undefined]);
  }
});
