/**
 * The small message box that the ribbon command shows (Excel gives add-ins no notification API),
 * and what its page and the command say to each other.
 *
 * The result (sheet name, total, problems quoting cell contents) never goes into the page's URL:
 * a URL is sent to the add-in's web server and lands in its access logs, and no budget data may
 * leave the machine. The command opens a fixed URL and, once the page says it is listening, sends
 * the content with Dialog.messageChild (DialogApi 1.2). Where DialogApi 1.2 is missing (Office
 * 2016 and 2019 perpetual), the URL names one of a few fixed notices instead, none of which holds
 * anything read from the workbook.
 *
 * This module is also compiled into the dialog page, which must run in old webviews too (it shows
 * the "Office is too old" notice there): keep it to ES5 library calls.
 */
import { productLanguage, type Language } from '../app/language';

/** 'info': the neutral box shown while the page waits for its content. */
export type MessageKind = 'info' | 'success' | 'warning' | 'error';
export type MessageLanguage = Language;

/**
 * A fixed text the page can show without being told anything: what a box says where its content
 * cannot be sent (no DialogApi 1.2), or when it never arrives ('unknown').
 */
export type MessageNotice = 'scored' | 'scored-attention' | 'not-scored' | 'old-office' | 'unknown';

export interface MessageBoxContent {
  lang: MessageLanguage;
  kind: MessageKind;
  title: string;
  /** Paragraphs; a line starting with "· " is shown as a list item. */
  lines: string[];
  /** The fixed notice that stands in for this content where it cannot be sent to the page. */
  notice: MessageNotice;
}

/** The dialog page, relative to the page that opens it (commands.html and it sit side by side). */
export const MESSAGE_PAGE = 'message-dialog.html';
/** Query parameters of the page: its language, and the fixed notice to show (when it is not sent content). */
export const LANG_PARAM = 'lang';
export const NOTICE_PARAM = 'notice';
/** What the page sends to its opener when the user presses 确定 / OK. */
export const CLOSE_MESSAGE = 'close';
/** What the page sends to its opener once it listens for the content (DialogParentMessageReceived). */
export const READY_MESSAGE = 'ready';

/** Lines are cut to this length: a message box is no place for a whole cell's text. */
const MAX_LINE = 160;

/** The message box's language for Office's display language (app/language.ts decides). */
export function messageLanguage(displayLanguage: string | undefined): MessageLanguage {
  return productLanguage(displayLanguage);
}

function clip(line: string): string {
  return line.length > MAX_LINE ? line.slice(0, MAX_LINE - 1) + '…' : line;
}

/**
 * The page's URL, resolved against `base` (the opener's own URL): the language, and the fixed
 * notice to show when the content will not be sent. Never anything read from the workbook.
 */
export function messagePageUrl(base: string, lang: MessageLanguage, notice?: MessageNotice): string {
  const dir = base.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  return dir + MESSAGE_PAGE + '?' + LANG_PARAM + '=' + lang + (notice ? '&' + NOTICE_PARAM + '=' + notice : '');
}

/** The content as the command sends it to the page (messageChild). */
export function encodeMessage(content: MessageBoxContent): string {
  const compact: MessageBoxContent = {
    lang: content.lang,
    kind: content.kind,
    title: clip(content.title),
    lines: content.lines.map(clip),
    notice: content.notice,
  };
  return JSON.stringify(compact);
}

/** The content the page was sent, or undefined when it is malformed. */
export function decodeMessage(text: string): MessageBoxContent | undefined {
  try {
    return asContent(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** What the page's query string (`location.search`) asks for. Office appends parameters of its own (_host_info). */
export function readPageQuery(search: string): { lang: MessageLanguage; notice?: MessageNotice } {
  const pairs = search.replace(/^\?/, '').split('&');
  let lang: MessageLanguage = productLanguage(undefined);
  let notice: MessageNotice | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const eq = pairs[i].indexOf('=');
    const key = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
    const value = eq < 0 ? '' : pairs[i].slice(eq + 1);
    if (key === LANG_PARAM) lang = messageLanguage(value);
    else if (key === NOTICE_PARAM && isNotice(value)) notice = value;
  }
  return notice ? { lang: lang, notice: notice } : { lang: lang };
}

function isNotice(value: unknown): value is MessageNotice {
  return value === 'scored' || value === 'scored-attention' || value === 'not-scored' || value === 'old-office' || value === 'unknown';
}

function asContent(value: unknown): MessageBoxContent | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const lang = v.lang === 'en-US' ? 'en-US' : 'zh-CN';
  const kind = v.kind === 'info' || v.kind === 'success' || v.kind === 'warning' || v.kind === 'error' ? v.kind : undefined;
  if (!kind || typeof v.title !== 'string' || !(v.lines instanceof Array)) return undefined;
  const lines: string[] = [];
  for (let i = 0; i < v.lines.length; i++) {
    if (typeof v.lines[i] === 'string') lines.push(v.lines[i] as string);
  }
  return { lang: lang, kind: kind, title: v.title, lines: lines, notice: isNotice(v.notice) ? v.notice : 'unknown' };
}

/** The fixed notices, in both languages: nothing in them comes from the workbook. */
export function noticeContent(notice: MessageNotice, lang: MessageLanguage): MessageBoxContent {
  const zh = lang === 'zh-CN';
  switch (notice) {
    case 'scored':
      return {
        lang: lang,
        kind: 'success',
        title: zh ? '评分完成' : 'Scoring complete',
        lines: zh
          ? ['评分已完成，请查看表格中的得分和偏差标记。', '如需查看问题详情或撤销本次评分，请点击“打开助手”。']
          : ['Scoring is complete: see the scores and deviation flags in the sheet.', 'To see the details, or to undo this scoring, choose Open Assistant.'],
        notice: notice,
      };
    case 'scored-attention':
      return {
        lang: lang,
        kind: 'warning',
        title: zh ? '评分完成，有问题需要处理' : 'Scored: some rows need your attention',
        lines: zh
          ? [
              '评分已完成，得分和偏差标记已写入表格，但有指标需要处理（如缺实际完成值、待人工评定或需说明原因）。',
              '请点击“打开助手”查看问题所在的单元格；如需撤销本次评分，也请在助手中操作。',
            ]
          : [
              'Scoring is complete and the scores and deviation flags are in the sheet, but some rows need your attention (an actual value missing, a judgement pending, a deviation to explain).',
              'Choose Open Assistant to see the cells concerned, or to undo this scoring.',
            ],
        notice: notice,
      };
    case 'not-scored':
      return {
        lang: lang,
        kind: 'warning',
        title: zh ? '未能评分' : 'Nothing was scored',
        lines: zh
          ? ['本次未能评分，表格中未写入得分。', '请点击“打开助手”查看原因和处理办法。']
          : ['Nothing was scored and the sheet was not changed.', 'Choose Open Assistant to see why and what to do.'],
        notice: notice,
      };
    case 'old-office':
      return {
        lang: lang,
        kind: 'error',
        title: zh ? '当前 Office 版本过旧' : 'This Office is too old',
        lines: zh
          ? ['当前 Office 版本过旧，不支持本加载项，未进行评分。', '请升级到 Microsoft 365 或 Office 2021 及以上版本，或使用网页版 Excel。']
          : [
              'This version of Office is too old for this add-in; nothing was scored.',
              'Please upgrade to Microsoft 365 or Office 2021 or later, or use Excel on the web.',
            ],
        notice: notice,
      };
    default:
      return {
        lang: lang,
        kind: 'warning',
        title: zh ? '无法显示结果' : 'The result cannot be shown',
        lines: zh
          ? ['评分结果未能显示。请查看表格中的得分和偏差标记，或点击“打开助手”查看详情。']
          : ['The result could not be shown. See the scores and deviation flags in the sheet, or choose Open Assistant for the details.'],
        notice: 'unknown',
      };
  }
}

/** What the page shows while it waits for the content. */
export function waitingContent(lang: MessageLanguage): MessageBoxContent {
  const zh = lang === 'zh-CN';
  return {
    lang: lang,
    kind: 'info',
    title: zh ? '绩效自评助手' : 'Performance Self-Evaluation',
    lines: [zh ? '正在显示结果…' : 'Showing the result…'],
    notice: 'unknown',
  };
}
