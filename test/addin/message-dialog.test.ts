/**
 * @jest-environment jsdom
 *
 * The message box page (src/commands/message-dialog.ts and .html): it shows what the command put
 * in its URL, safely as text, in the right language, and a fallback when the URL is damaged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMessage, start } from '../../src/commands/message-dialog';
import { messagePageUrl } from '../../src/commands/message';

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
    lines: ['工作表“自评表”已完成评分：总分 56 分，等级为“差”。', '有 2 个问题需要处理：', '· F14：单位不一致。', '· I10：本行未达到目标。', '其余问题请打开助手查看。'],
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
  renderMessage(document, { lang: 'en-US', kind: 'error', title: '<b>x</b>', lines: ['<img src=x onerror=alert(1)>'] });
  expect(document.querySelector('#lines img')).toBeNull();
  expect(text('lines')).toBe('<img src=x onerror=alert(1)>');
  expect(text('ok')).toBe('OK');
  expect(document.documentElement.lang).toBe('en-US');
});

it('reads its content from the URL on start, and says so when the URL is damaged', () => {
  const url = new URL(messagePageUrl({ lang: 'en-US', kind: 'success', title: 'Scoring complete', lines: ['Total 100.'] }, 'https://localhost/commands.html'));
  window.history.replaceState(null, '', url.search);
  start();
  expect(text('title')).toBe('Scoring complete');
  expect(document.activeElement?.id).toBe('ok');

  window.history.replaceState(null, '', '?m=%7Bbroken');
  start();
  expect(text('title')).toBe('无法显示消息');
  expect(text('lines')).toContain('The message could not be shown.');
});

it('uses only ES5 library calls, since the page also opens in IE11-based Office (webpack compiles it to ES5 syntax)', () => {
  const ES2015_CALLS = /\.(includes|startsWith|endsWith|find|findIndex|padStart|padEnd|repeat|fill|at)\(|\b(Object\.(entries|values|assign|fromEntries)|Array\.(from|of)|Number\.is\w+)\b|new (Map|Set|WeakMap|URL|URLSearchParams|Promise)\b|\bfetch\(/;
  for (const file of ['message-dialog.ts', 'message.ts']) {
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'commands', file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect([file, ES2015_CALLS.exec(source)?.[0]]).toEqual([file, undefined]);
  }
});
