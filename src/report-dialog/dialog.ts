/**
 * The report dialog's page logic, apart from Office so a test can mount it on any document: it
 * receives the report from the pane, shows it, and offers 复制全文 (and, on Windows, the .docx).
 * The copy happens on a click inside this window, so the webview's user-activation rule is met
 * even when the pane's own copy came too late after its click.
 */
import { copyHtml, downloadFile } from '../office/delivery';
import { base64ToBytes } from '../report-service/base64';
import {
  parseDialogReport,
  parseParentMessage,
  REPORT_KEY_PARAM,
  STORAGE_PREFIX,
  type DialogMessage,
  type DialogReport,
} from '../office/report-dialog-protocol';
import { dialogStrings } from './strings';

export interface DialogHost {
  displayLanguage?: string;
  /** The page's query string, which names the stored report when DialogApi 1.2 is missing. */
  search: string;
  /** The page's own origin: messages from any other are ignored. */
  origin: string;
  storage?: Pick<Storage, 'getItem' | 'removeItem'>;
  messageParent(message: string): void;
  /** Listen to the pane (DialogApi 1.2); absent on older clients. Resolves once registered. */
  onParentMessage?: (listener: (message: string, origin: string | undefined) => void) => Promise<void>;
  /** How long to wait for the report before saying it did not come. */
  timeoutMs?: number;
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const element = doc.getElementById(id);
  if (!element) throw new Error(`report-dialog.html lacks #${id}`);
  return element as T;
}

function takeStored(host: DialogHost): DialogReport | undefined {
  const key = new URLSearchParams(host.search).get(REPORT_KEY_PARAM);
  if (!key || !host.storage) return undefined;
  try {
    const text = host.storage.getItem(STORAGE_PREFIX + key);
    host.storage.removeItem(STORAGE_PREFIX + key);
    return text ? parseDialogReport(text) : undefined;
  } catch {
    return undefined;
  }
}

export function mountReportDialog(doc: Document, host: DialogHost): void {
  const t = dialogStrings(host.displayLanguage);
  const copyButton = byId<HTMLButtonElement>(doc, 'copy');
  const downloadButton = byId<HTMLButtonElement>(doc, 'download');
  const closeButton = byId<HTMLButtonElement>(doc, 'close');
  const status = byId<HTMLElement>(doc, 'status');
  const area = byId<HTMLElement>(doc, 'report');
  byId(doc, 'title').textContent = t.title;
  doc.title = t.title;
  copyButton.textContent = t.copy;
  downloadButton.textContent = t.download;
  closeButton.textContent = t.close;

  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const send = (message: DialogMessage) => host.messageParent(JSON.stringify(message));
  say(t.loading);

  let report: DialogReport | undefined;
  const show = (received: DialogReport) => {
    if (report) return; // the stored copy and a message may both arrive
    report = received;
    // Our own renderer's HTML (text escaped there), from our own origin.
    area.innerHTML = received.html;
    copyButton.disabled = false;
    downloadButton.hidden = !received.docxBase64;
    say(t.ready(received.pasteKey));
    copyButton.focus();
    send({ type: 'shown' });
  };

  copyButton.addEventListener('click', async () => {
    if (!report) return;
    if (await copyHtml({ html: report.html, text: report.text })) {
      say(t.copied(report.pasteKey));
      return;
    }
    // Leave the report selected, so the keyboard's own copy works.
    const range = doc.createRange();
    range.selectNodeContents(area);
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    say(t.copyRefused(report.pasteKey.replace(/V$/, 'C'), report.pasteKey), true);
  });
  downloadButton.addEventListener('click', () => {
    if (!report?.docxBase64) return;
    downloadFile(base64ToBytes(report.docxBase64), report.fileName);
    say(t.downloading(report.fileName));
  });
  closeButton.addEventListener('click', () => send({ type: 'close' }));

  const stored = takeStored(host);
  if (stored) {
    show(stored);
    return;
  }
  if (!host.onParentMessage) {
    say(t.noReport, true);
    return;
  }
  host
    .onParentMessage((message, origin) => {
      if (origin !== undefined && origin !== host.origin) return;
      const parsed = parseParentMessage(message);
      if (parsed) show(parsed.report);
    })
    .then(() => send({ type: 'ready' }))
    .catch(() => say(t.noReport, true));
  setTimeout(() => {
    if (!report) say(t.noReport, true);
  }, host.timeoutMs ?? 15_000);
}
