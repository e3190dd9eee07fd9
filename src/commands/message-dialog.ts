/**
 * The message box page (message-dialog.html) that the ribbon command opens. Its URL names only
 * its language and, where the command cannot send it anything, a fixed notice to show
 * (src/commands/message.ts). Otherwise it shows "正在显示结果…", registers for
 * DialogParentMessageReceived, tells its opener it is listening (messageParent "ready"), and shows
 * the content the opener sends with messageChild; if nothing comes, a fixed notice. On 确定 / OK
 * it asks its opener to close it.
 *
 * A dialog page may call no Office API but messageParent, addHandlerAsync and isSetSupported. It
 * also opens in old webviews, where it carries the "Office is too old" notice, so webpack compiles
 * this file to ES5 and it uses only ES5 library calls.
 */
import {
  CLOSE_MESSAGE,
  decodeMessage,
  noticeContent,
  readPageQuery,
  READY_MESSAGE,
  waitingContent,
  type MessageBoxContent,
  type MessageLanguage,
} from './message';

/** How long the page waits for its content before it says that the result cannot be shown. */
export const WAIT_MS = 15000;

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
/** The content has arrived, or a fixed notice is shown: nothing more to wait for. */
let settled = false;
let waiting: ReturnType<typeof setTimeout> | undefined;

function requestClose(): void {
  if (officeReady && typeof Office !== 'undefined' && Office.context && Office.context.ui) {
    Office.context.ui.messageParent(CLOSE_MESSAGE);
  } else {
    // Opened outside Office (a preview in a browser): nothing to ask.
    window.close();
  }
}

function settle(content: MessageBoxContent): void {
  if (settled) return;
  settled = true;
  if (waiting !== undefined) clearTimeout(waiting);
  renderMessage(document, content);
}

/** What the opener sent: shown once, from the page's own origin only. */
export function onParentMessage(arg: { message: string; origin?: string }): void {
  if (arg.origin !== undefined && arg.origin !== window.location.origin) return;
  const content = decodeMessage(arg.message);
  if (content) settle(content);
}

/** Register for the opener's message, then say so; where that cannot be done, the 'unknown' notice. */
function listen(lang: MessageLanguage): void {
  const giveUp = function () {
    settle(noticeContent('unknown', lang));
  };
  const ui = Office.context && Office.context.ui;
  const requirements = Office.context && Office.context.requirements;
  if (!ui || typeof ui.addHandlerAsync !== 'function' || (requirements && !requirements.isSetSupported('DialogApi', '1.2'))) {
    giveUp();
    return;
  }
  try {
    ui.addHandlerAsync(Office.EventType.DialogParentMessageReceived, onParentMessage, function (result: Office.AsyncResult<void>) {
      if (result.status === Office.AsyncResultStatus.Failed) giveUp();
      else ui.messageParent(READY_MESSAGE);
    });
  } catch {
    giveUp();
  }
}

/** Show the notice the URL names, or wait for the content; wire the button and the keys. */
export function start(): void {
  const query = readPageQuery(window.location.search);
  settled = false;
  if (waiting !== undefined) clearTimeout(waiting);
  waiting = undefined;
  if (query.notice) {
    settle(noticeContent(query.notice, query.lang));
  } else {
    renderMessage(document, waitingContent(query.lang));
    waiting = setTimeout(function () {
      settle(noticeContent('unknown', query.lang));
    }, WAIT_MS);
  }
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
      if (!settled) listen(query.lang);
    });
  }
}

if (typeof document !== 'undefined' && document.getElementById('box')) start();
