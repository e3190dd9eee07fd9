/**
 * The small message box that the ribbon command shows (Excel gives add-ins no notification API).
 * The command passes the text to the dialog page in its URL, since a dialog page can use no Office
 * API but messageParent, and DialogApi 1.2's messageChild is missing from Office 2016 and 2019.
 *
 * This module is also compiled into the dialog page, which must run in old webviews too (it shows
 * the "Office is too old" message there): keep it to ES5 library calls.
 */

export type MessageKind = 'success' | 'warning' | 'error';
export type MessageLanguage = 'zh-CN' | 'en-US';

export interface MessageBoxContent {
  lang: MessageLanguage;
  kind: MessageKind;
  title: string;
  /** Paragraphs; a line starting with "· " is shown as a list item. */
  lines: string[];
}

/** The dialog page, relative to the page that opens it (commands.html and it sit side by side). */
export const MESSAGE_PAGE = 'message-dialog.html';
/** The query parameter holding the JSON of a MessageBoxContent. */
export const MESSAGE_PARAM = 'm';
/** What the page sends to its opener when the user presses 确定 / OK. */
export const CLOSE_MESSAGE = 'close';

/** Lines are cut to this length, so that the URL stays short enough for every Office. */
const MAX_LINE = 160;

/** Chinese for Chinese Office (any zh-*), English for every other display language. */
export function messageLanguage(displayLanguage: string | undefined): MessageLanguage {
  return /^zh/i.test(displayLanguage || '') ? 'zh-CN' : 'en-US';
}

function clip(line: string): string {
  return line.length > MAX_LINE ? line.slice(0, MAX_LINE - 1) + '…' : line;
}

/** The page's URL for `content`, resolved against `base` (the opener's own URL). */
export function messagePageUrl(content: MessageBoxContent, base: string): string {
  const compact: MessageBoxContent = { lang: content.lang, kind: content.kind, title: clip(content.title), lines: content.lines.map(clip) };
  const dir = base.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  return dir + MESSAGE_PAGE + '?' + MESSAGE_PARAM + '=' + encodeURIComponent(JSON.stringify(compact));
}

/** The content named in a page URL's query string (`location.search`), or undefined when absent or malformed. */
export function readMessageFromQuery(search: string): MessageBoxContent | undefined {
  const pairs = search.replace(/^\?/, '').split('&');
  for (let i = 0; i < pairs.length; i++) {
    const eq = pairs[i].indexOf('=');
    const key = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
    if (key !== MESSAGE_PARAM) continue;
    try {
      return asContent(JSON.parse(decodeURIComponent(pairs[i].slice(eq + 1).replace(/\+/g, ' '))));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function asContent(value: unknown): MessageBoxContent | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const lang = v.lang === 'en-US' ? 'en-US' : 'zh-CN';
  const kind = v.kind === 'success' || v.kind === 'warning' || v.kind === 'error' ? v.kind : undefined;
  if (!kind || typeof v.title !== 'string' || !(v.lines instanceof Array)) return undefined;
  const lines: string[] = [];
  for (let i = 0; i < v.lines.length; i++) {
    if (typeof v.lines[i] === 'string') lines.push(v.lines[i] as string);
  }
  return { lang: lang, kind: kind, title: v.title, lines: lines };
}
