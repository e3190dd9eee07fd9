/**
 * What the task pane and the report dialog page say to each other. The dialog runs in its own
 * window and runtime, so everything crosses as JSON strings (messageChild / messageParent), or,
 * where DialogApi 1.2 is missing, through localStorage under a one-off key named in the URL.
 */

/** The report as the dialog shows it. */
export interface DialogReport {
  /** The report as an HTML fragment (src/render/html.ts), shown and copied as it is. */
  html: string;
  /** The same as plain text, for the clipboard's text/plain flavour. */
  text: string;
  fileName: string;
  /** The .docx, when the platform lets the dialog offer it as a download (Windows). */
  docxBase64?: string;
  /** The paste shortcut to mention: Ctrl+V on Windows, ⌘+V on a Mac. */
  pasteKey: string;
}

export type ParentMessage = { type: 'report'; report: DialogReport };
export type DialogMessage = { type: 'ready' } | { type: 'shown' } | { type: 'close' };

/** The query parameter naming the localStorage key that holds the report (DialogApi 1.1 only). */
export const REPORT_KEY_PARAM = 'report';
export const STORAGE_PREFIX = 'perf-self-eval:report:';

/**
 * The query parameter carrying Office's display language. Inside a dialog only messageParent and
 * isSetSupported can be relied on ("Use the Office dialog API": the dialog's Office.context offers
 * no more), so the pane passes its language in the URL, as the ribbon's message box does.
 */
export const LANG_PARAM = 'lang';

/** The language the opener named in the dialog's query string, if any. */
export function dialogLanguage(search: string): string | undefined {
  return new URLSearchParams(search).get(LANG_PARAM) || undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isDialogReport(value: unknown): value is DialogReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.html === 'string' &&
    typeof r.text === 'string' &&
    typeof r.fileName === 'string' &&
    typeof r.pasteKey === 'string' &&
    (r.docxBase64 === undefined || typeof r.docxBase64 === 'string')
  );
}

export function parseDialogReport(text: string): DialogReport | undefined {
  const value = parse(text);
  return isDialogReport(value) ? value : undefined;
}

export function parseParentMessage(text: string): ParentMessage | undefined {
  const value = parse(text) as { type?: unknown; report?: unknown } | undefined;
  return value?.type === 'report' && isDialogReport(value.report) ? { type: 'report', report: value.report } : undefined;
}

export function parseDialogMessage(text: string): DialogMessage | undefined {
  const type = (parse(text) as { type?: unknown } | undefined)?.type;
  return type === 'ready' || type === 'shown' || type === 'close' ? { type } : undefined;
}
