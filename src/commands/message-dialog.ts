/**
 * The message box page (message-dialog.html) that the ribbon command opens: it shows the title
 * and lines passed in its URL and, on 确定 / OK, asks its opener to close it.
 *
 * A dialog page may call no Office API but messageParent (and isSetSupported). It also opens in
 * old webviews, where it carries the "Office is too old" message, so webpack compiles this file
 * to ES5 and it uses only ES5 library calls.
 */
import { CLOSE_MESSAGE, readMessageFromQuery, type MessageBoxContent } from './message';

const FALLBACK: MessageBoxContent = {
  lang: 'zh-CN',
  kind: 'error',
  title: '无法显示消息',
  lines: ['消息内容缺失或已损坏，请关闭本窗口后重试。', 'The message could not be shown. Close this window and try again.'],
};

/** Fill the page's box with `content`. */
export function renderMessage(doc: Document, content: MessageBoxContent): void {
  doc.documentElement.setAttribute('lang', content.lang);
  doc.title = content.title;
  const box = doc.getElementById('box');
  const title = doc.getElementById('title');
  const lines = doc.getElementById('lines');
  const ok = doc.getElementById('ok');
  if (!box || !title || !lines || !ok) return;
  box.className = 'box ' + content.kind;
  title.textContent = content.title;
  while (lines.firstChild) lines.removeChild(lines.firstChild);
  let list: HTMLElement | undefined;
  for (let i = 0; i < content.lines.length; i++) {
    const line = content.lines[i];
    if (line.indexOf('· ') === 0) {
      if (!list) {
        list = doc.createElement('ul');
        lines.appendChild(list);
      }
      const item = doc.createElement('li');
      item.textContent = line.slice(2);
      list.appendChild(item);
    } else {
      list = undefined;
      const p = doc.createElement('p');
      p.textContent = line;
      lines.appendChild(p);
    }
  }
  ok.textContent = content.lang === 'zh-CN' ? '确定' : 'OK';
}

let officeReady = false;

function requestClose(): void {
  if (officeReady && typeof Office !== 'undefined' && Office.context && Office.context.ui) {
    Office.context.ui.messageParent(CLOSE_MESSAGE);
  } else {
    // Opened outside Office (a preview in a browser): nothing to ask.
    window.close();
  }
}

/** Render from the URL, wire the button and the keys, and make messageParent usable. */
export function start(): void {
  renderMessage(document, readMessageFromQuery(window.location.search) || FALLBACK);
  const ok = document.getElementById('ok');
  if (ok) {
    ok.onclick = requestClose;
    ok.focus();
  }
  document.onkeydown = function (event: KeyboardEvent) {
    const key = event.key || String(event.keyCode);
    if (key === 'Escape' || key === 'Esc' || key === '27') requestClose();
  };
  if (typeof Office !== 'undefined' && Office.onReady) {
    Office.onReady(function () {
      officeReady = true;
    });
  }
}

if (typeof document !== 'undefined' && document.getElementById('box')) start();
