/**
 * The ES5 fallback inline in commands.html, as an old webview (IE11/Trident) runs it: the ribbon
 * button opens the "Office is too old" box, and the command completes when the box is closed, or
 * 4.5 minutes after the click at the latest (Office ends a command 5 minutes after the click).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const PAGE = readFileSync(path.join(__dirname, '..', '..', 'src', 'commands', 'commands.html'), 'utf8');
const FALLBACK = [...PAGE.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).find((s) => s.includes('scoreActiveSheet'));

function oldWebview() {
  const dialog = { close: jest.fn(), addEventHandler: jest.fn() };
  const opened: string[] = [];
  const Office = {
    context: {
      displayLanguage: 'zh-CN',
      ui: {
        displayDialogAsync: (url: string, _options: unknown, callback: (r: unknown) => void) => {
          opened.push(url);
          callback({ status: 'succeeded', value: dialog });
        },
      },
    },
    AsyncResultStatus: { Succeeded: 'succeeded' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  };
  const window: Record<string, unknown> = {};
  const sandbox = {
    window,
    Office,
    navigator: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' },
    location: { href: 'https://addin.example/commands.html?_host_Info=Excel$Win32' },
    setTimeout,
    Promise,
    fetch: () => undefined,
  };
  vm.runInNewContext(FALLBACK ?? '', sandbox);
  return { click: window.scoreActiveSheet as (event: { completed(): void }) => void, dialog, opened };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('the fallback is found in the page', () => {
  expect(FALLBACK).toBeDefined();
});

test('a click opens the "too old" box; closing it completes the command once', () => {
  const { click, dialog, opened } = oldWebview();
  const completed = jest.fn();
  click({ completed });
  expect(opened).toEqual(['https://addin.example/message-dialog.html?lang=zh-CN&notice=old-office']);
  const closedByUser = dialog.addEventHandler.mock.calls.find(([type]) => type === 'dialogEventReceived')?.[1] as () => void;
  closedByUser();
  jest.advanceTimersByTime(5 * 60 * 1000);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('a box left open is closed and the command completed 4.5 minutes after the click, before Office ends it', () => {
  const { click, dialog } = oldWebview();
  const completed = jest.fn();
  click({ completed });
  jest.advanceTimersByTime(4.5 * 60 * 1000 - 1);
  expect(completed).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  expect(dialog.close).toHaveBeenCalledTimes(1);
  expect(completed).toHaveBeenCalledTimes(1);
});
