/**
 * Office's dialog API (DialogApi 1.1, the one set the manifest requires; messageChild where
 * DialogApi 1.2 exists) as promises. The ribbon command uses it for its message box; any page of
 * the add-in may use it for a page of its own.
 *
 * Rules it follows (Microsoft's "Best practices and rules for the Office dialog API" and
 * "Handle errors and events in the Office dialog box"):
 * - the page must be https and on the opener's own origin;
 * - a page can have one dialog open at a time: opening a second while the first is still closing
 *   fails with 12007, so we close ours and retry a few times;
 * - `Dialog.close()` takes no callback, and the user's × arrives as DialogEventReceived 12006.
 */
import { ProductError } from '../engine/product-error';

export interface DialogSize {
  /** Percent of the screen. */
  width: number;
  height: number;
}

export interface DialogHandlers {
  /**
   * A string the page sent with Office.context.ui.messageParent, heard only from a page of this
   * page's origin; `dialog` answers it.
   */
  onMessage?(message: string, dialog: DialogHandle): void;
  /** The dialog is gone or unusable: 12006 closed by the user, 12002 page not found, 12003 not https. */
  onClosed?(code: number): void;
}

export interface DialogHandle {
  close(): void;
  /**
   * Send the page a string (DialogApi 1.2: the page hears it as DialogParentMessageReceived). Only
   * to a page of this page's origin (Office's default without a targetOrigin). Throws where
   * DialogApi 1.2 is missing.
   */
  messageChild(message: string): void;
}

/** Why a dialog could not be opened, in the user's terms. `code` is Office's (12004, 12007, 12009, …). */
export class DialogOpenError extends ProductError {
  constructor(
    /** Office's code (12004, 12007, 12009, …). */
    readonly officeCode: number | undefined,
    zh: string,
    en: string,
    /** Office's own text, for callers that word the failure themselves. */
    readonly officeMessage?: string,
  ) {
    super(`dialog-${officeCode ?? 'unknown'}`, zh, en, { retryable: officeCode === ALREADY_OPEN });
    this.name = 'DialogOpenError';
  }
}

const ALREADY_OPEN = 12007;
const RETRIES = 5;
const RETRY_DELAY_MS = 300;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function openOnce(url: string, size: DialogSize, handlers: DialogHandlers): Promise<DialogHandle> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(
      url,
      // In Excel on the web a floating iframe opens faster and needs no pop-up permission; desktop ignores it.
      { width: size.width, height: size.height, displayInIframe: true },
      (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          const code = result.error?.code;
          reject(openError(code, result.error?.message));
          return;
        }
        const dialog = result.value;
        const handle: DialogHandle = { close: () => dialog.close(), messageChild: (message) => dialog.messageChild(message) };
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if ('message' in arg && fromOwnOrigin(arg.origin)) handlers.onMessage?.(arg.message, handle);
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          handlers.onClosed?.('error' in arg ? arg.error : 0);
        });
        resolve(handle);
      },
    );
  });
}

/**
 * Only a page of the opener's own origin may talk to it. `origin` is undefined on clients without
 * DialogOrigin 1.1, where Office itself allows only same-origin pages.
 */
function fromOwnOrigin(origin: string | undefined): boolean {
  const own = typeof location === 'undefined' ? undefined : location.origin;
  return origin === undefined || own === undefined || origin === own;
}

function openError(code: number | undefined, officeMessage: string | undefined): DialogOpenError {
  switch (code) {
    case 12009:
    case 12011:
      return new DialogOpenError(
        code,
        '对话框被浏览器拦截，请允许本加载项弹出窗口后重试',
        'The browser blocked the dialog; allow pop-ups for this add-in, then try again',
        officeMessage,
      );
    case ALREADY_OPEN:
      return new DialogOpenError(
        code,
        '已有一个助手对话框处于打开状态，请先关闭它',
        'Another dialog of this add-in is still open; close it first',
        officeMessage,
      );
    default:
      return new DialogOpenError(
        code,
        `无法打开对话框：${officeMessage ?? code ?? ''}`,
        `The dialog could not be opened: ${officeMessage ?? code ?? ''}`,
        officeMessage,
      );
  }
}

/** Open a dialog; resolves once it is shown. Retries while a dialog of this page is still closing. */
export async function openDialog(url: string, size: DialogSize, handlers: DialogHandlers = {}): Promise<DialogHandle> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openOnce(url, size, handlers);
    } catch (error) {
      if (!(error instanceof DialogOpenError) || error.officeCode !== ALREADY_OPEN || attempt >= RETRIES) throw error;
      await delay(RETRY_DELAY_MS);
    }
  }
}

/** How a dialog shown with showDialogUntilClosed went away. */
export type DialogEnd =
  /** The user closed it (×). */
  | 'user'
  /** The page asked to be closed (its 确定 / OK button). */
  | 'page'
  /** Nobody closed it in time: we did. */
  | 'timeout'
  /** A newer dialog from this page took its place. */
  | 'replaced'
  /** The page failed to load (Office's 12002, 12003). */
  | 'error';

export interface UntilClosedOptions {
  size: DialogSize;
  /** The message with which the page asks to be closed. */
  closeMessage: string;
  /** Close the dialog after this long, if the user has not. */
  timeoutMs: number;
  /**
   * What to send the page (messageChild) each time it sends `when`: a page announces that it is
   * listening before it is sent what it shows. (openDialog hears only pages of this page's origin.)
   */
  reply?: { when: string; send: string };
}

const CLOSED_BY_USER = 12006;

/** One dialog on screen, from opening until it is gone. */
class ShownDialog {
  private handle: DialogHandle | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private done = false;
  private resolveEnd: (end: DialogEnd) => void = () => {};
  readonly ended = new Promise<DialogEnd>((resolve) => {
    this.resolveEnd = resolve;
  });

  constructor(private readonly timeoutMs: number) {}

  attach(handle: DialogHandle): void {
    this.handle = handle;
    if (this.done) handle.close();
    else this.timer = setTimeout(() => this.finish('timeout'), this.timeoutMs);
  }

  finish(end: DialogEnd): void {
    if (this.done) return;
    this.done = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (current === this) current = undefined;
    // The user's × has closed it already; every other way, we close it.
    if (end !== 'user') this.handle?.close();
    this.resolveEnd(end);
  }
}

/** This page's dialog, if one is on screen. */
let current: ShownDialog | undefined;

/**
 * Show a page and wait until it is gone: closed by the user, by the page (closeMessage), by the
 * timeout, or replaced by a newer dialog from this page. Rejects with DialogOpenError when it
 * cannot be shown at all.
 */
export async function showDialogUntilClosed(url: string, options: UntilClosedOptions): Promise<DialogEnd> {
  current?.finish('replaced');
  const shown = new ShownDialog(options.timeoutMs);
  current = shown;
  try {
    const handle = await openDialog(url, options.size, {
      onMessage: (message, dialog) => {
        if (message === options.closeMessage) shown.finish('page');
        else if (options.reply && message === options.reply.when) {
          try {
            dialog.messageChild(options.reply.send);
          } catch {
            // no DialogApi 1.2 after all: the page shows its fixed notice when nothing comes
          }
        }
      },
      onClosed: (code) => shown.finish(code === CLOSED_BY_USER ? 'user' : 'error'),
    });
    shown.attach(handle);
  } catch (error) {
    shown.finish('error');
    throw error;
  }
  return shown.ended;
}
