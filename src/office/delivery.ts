/**
 * The Office/DOM edge of handing a report to the user from Excel: which platform the pane runs
 * on, a browser download, the clipboard, and the report dialog. Everything here touches `Office`,
 * `document` or `navigator`; the decisions live in src/report-service/excel-report.ts, which
 * receives this edge as a dependency so that its tests need no Office and no DOM.
 *
 * Why these three routes (see excel-report.ts for the full reasoning and sources):
 * - Excel on the web runs the pane in a browser tab, where a Blob + <a download> saves the .docx
 *   like any web download; the clipboard API, by contrast, is blocked there by the iframe's
 *   permissions policy (OfficeDev/office-js#1991, #3480).
 * - Desktop webviews ignore blob downloads on the Mac (WKWebView; office-js#2700 closed "by design",
 *   #4681, #6468), and Office gives an add-in no save-file API, but they do let a pane write the
 *   clipboard (office-js#1991: "clipboard access works perfectly when the Add-In is loaded in the
 *   Desktop applications"), so the report goes there as formatted HTML that pastes into Word.
 * - When the clipboard refuses (writes need a recent click, and a lazily loaded report can outlast
 *   it), a dialog page shows the report with its own 复制全文 button, whose click is fresh.
 */
import { LANG_PARAM, parseDialogMessage, REPORT_KEY_PARAM, STORAGE_PREFIX, type DialogReport, type ParentMessage } from './report-dialog-protocol';
import { DialogOpenError, openDialog } from './dialog';
import { HostError } from '../app/ports';

const REPORT_DIALOG_SIZE = { height: 80, width: 60 };

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Where the pane runs, as far as delivering a file is concerned. */
export type ReportPlatform = 'web' | 'windows' | 'mac' | 'ipad' | 'other';

export interface ClipboardReport {
  html: string;
  text: string;
}

/** What excel-report.ts needs from the platform; tests pass a fake. */
export interface ReportDeliveryEdge {
  platform(): ReportPlatform;
  /** Offer the bytes as a file download (a browser's download bar or folder). */
  download(bytes: Uint8Array, fileName: string): void;
  /** Put the report on the clipboard as HTML and text; false when the webview refuses. */
  copyHtml(report: ClipboardReport): Promise<boolean>;
  /** Open the report dialog; resolves once it is shown. Throws HostError when it cannot open. */
  openDialog(report: DialogReport): Promise<void>;
}

// ───────────────────────────── platform ─────────────────────────────

function office(): typeof Office | undefined {
  return typeof Office === 'undefined' ? undefined : Office;
}

/** Office.context.diagnostics.platform (or the older Office.context.platform), as a delivery platform. */
export function officePlatform(): ReportPlatform {
  const context = office()?.context;
  const platform = String(context?.diagnostics?.platform ?? context?.platform ?? '');
  switch (platform) {
    case 'OfficeOnline':
      return 'web';
    case 'PC':
    case 'Universal':
      return 'windows';
    case 'Mac':
      return 'mac';
    case 'iOS':
      return 'ipad';
    default:
      return 'other';
  }
}

// ───────────────────────────── download ─────────────────────────────

/** Blob + object URL + a clicked <a download>: the browser's own download of the file. */
export function downloadFile(bytes: Uint8Array, fileName: string, mime = DOCX_MIME): void {
  // A copy typed on a plain ArrayBuffer: Blob's typings reject views of a SharedArrayBuffer.
  const blob = new Blob([new Uint8Array(bytes)], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later, not now: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// ───────────────────────────── clipboard ─────────────────────────────

/**
 * The async Clipboard API with text/html and text/plain, so Word pastes headings and the table;
 * where it is missing or refused, the older copy command on a hidden selection, whose copy event
 * sets the same two flavours. Both need the user's recent click; neither throws.
 */
export async function copyHtml(report: ClipboardReport): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (clipboard?.write && typeof ClipboardItem !== 'undefined') {
    try {
      await clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([report.html], { type: 'text/html' }),
          'text/plain': new Blob([report.text], { type: 'text/plain' }),
        }),
      ]);
      return true;
    } catch {
      // NotAllowedError (no recent click, or not focused): the copy command may still be allowed.
    }
  }
  return copyWithCommand(report);
}

function copyWithCommand(report: ClipboardReport): boolean {
  if (typeof document === 'undefined' || typeof document.execCommand !== 'function') return false;
  // Safari fires the copy event only when something is selected: select a hidden copy of the report.
  const holder = document.createElement('div');
  holder.contentEditable = 'true';
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = 'position:fixed;left:-10000px;top:0;width:1px;height:1px;overflow:hidden;opacity:0';
  holder.innerHTML = report.html;
  document.body.appendChild(holder);
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return; // let the selection itself be copied
    event.clipboardData.setData('text/html', report.html);
    event.clipboardData.setData('text/plain', report.text);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  const selection = window.getSelection();
  try {
    const range = document.createRange();
    range.selectNodeContents(holder);
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    document.removeEventListener('copy', onCopy);
    selection?.removeAllRanges();
    holder.remove();
  }
}

// ───────────────────────────── dialog ─────────────────────────────

/** displayDialogAsync's own failures (learn.microsoft.com, "Handle errors and events in the Office dialog box"). */
function dialogError(code: number, message: string): HostError {
  switch (code) {
    case 12004:
    case 12005:
      return new HostError(
        'unknown',
        '报告窗口的地址未获 Office 信任（须与加载项同为 HTTPS 且域名一致），请联系管理员检查加载项的部署',
        'Office does not trust the report window address (it must be HTTPS on the add-in’s own domain); ask your administrator to check the deployment',
      );
    case 12007:
      return new HostError(
        'busy',
        '已有一个加载项窗口处于打开状态，请先将其关闭，再重新生成报告',
        'An add-in window is already open; close it, then generate the report again',
      );
    case 12009:
    case 12011:
      return new HostError(
        'unknown',
        '报告窗口被阻止打开，请允许本加载项显示窗口后重试',
        'The report window was blocked; allow this add-in to open windows and try again',
      );
    default:
      return new HostError('unknown', `报告窗口未能打开（错误代码 ${code}）：${message}`, `The report window could not open (error ${code}): ${message}`);
  }
}

function newKey(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function storeReport(key: string, report: DialogReport): boolean {
  try {
    localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(report));
    return true;
  } catch {
    return false; // storage disabled or full
  }
}

function forgetReport(key: string): void {
  try {
    localStorage.removeItem(STORAGE_PREFIX + key);
  } catch {
    // nothing was stored
  }
}

/**
 * Open the report dialog and hand it the report: by messageChild where DialogApi 1.2 exists
 * (Microsoft 365 since version 2005, Mac 16.37), otherwise through localStorage, which the pane
 * and a dialog of the same origin share. The stored copy is removed as soon as the dialog shows
 * it or is closed, so the budget figures do not linger. Opening, the origin check and the retry
 * while an earlier dialog is still closing are office/dialog.ts's.
 */
export async function openReportDialog(report: DialogReport, dialogUrl: string): Promise<void> {
  if (!office()?.context?.ui?.displayDialogAsync) {
    throw new HostError(
      'unknown',
      '当前版本的 Office 不支持加载项窗口，无法显示报告',
      'This version of Office cannot show add-in windows, so the report cannot be shown',
    );
  }
  const canMessageChild = Boolean(office()?.context.requirements?.isSetSupported('DialogApi', '1.2'));
  const key = newKey();
  let url = dialogUrl;
  if (!canMessageChild) {
    if (!storeReport(key, report)) {
      throw new HostError(
        'unknown',
        '无法把报告传给报告窗口（浏览器存储不可用）',
        'The report could not be handed to the report window (storage is unavailable)',
      );
    }
    url += `${url.includes('?') ? '&' : '?'}${REPORT_KEY_PARAM}=${encodeURIComponent(key)}`;
  }
  try {
    await openDialog(url, REPORT_DIALOG_SIZE, {
      onMessage: (raw, dialog) => {
        const message = parseDialogMessage(raw);
        if (message?.type === 'ready' && canMessageChild) {
          const reply: ParentMessage = { type: 'report', report };
          dialog.messageChild(JSON.stringify(reply));
        } else if (message?.type === 'shown') {
          forgetReport(key);
        } else if (message?.type === 'close') {
          forgetReport(key);
          dialog.close();
        }
      },
      // Closed by the user (or navigated away): nothing more to hand over.
      onClosed: () => forgetReport(key),
    });
  } catch (error) {
    forgetReport(key);
    if (error instanceof DialogOpenError) throw dialogError(error.officeCode ?? 0, error.officeMessage ?? '');
    throw error;
  }
}

// ───────────────────────────── the edge ─────────────────────────────

/**
 * The dialog page sits next to the task pane page (same origin, as displayDialogAsync requires),
 * told the pane's display language, which a dialog cannot ask Office for (office/report-dialog-protocol.ts).
 */
export function defaultDialogUrl(base: string = location.href, displayLanguage: string | undefined = office()?.context?.displayLanguage): string {
  const url = new URL('report-dialog.html', base);
  if (displayLanguage) url.searchParams.set(LANG_PARAM, displayLanguage);
  return url.href;
}

export function officeDeliveryEdge(options: { dialogUrl?: string } = {}): ReportDeliveryEdge {
  return {
    platform: officePlatform,
    download: (bytes, fileName) => downloadFile(bytes, fileName),
    copyHtml,
    openDialog: (report) => openReportDialog(report, options.dialogUrl ?? defaultDialogUrl()),
  };
}
