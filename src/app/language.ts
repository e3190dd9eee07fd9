/**
 * The one decision of the product's language, used by the task pane, both dialogs, the ribbon's
 * message box and the command line's callers: Chinese for any Chinese display language ("zh-CN",
 * "zh-TW", "zh"), English for any other, and Chinese when none is known (our users are Chinese
 * budget units, and a page opened without Office, or a dialog URL without its language, is theirs).
 * The ribbon's inline ES5 fallback in src/commands/commands.html keeps a copy of this rule, since it
 * runs where the bundles cannot; it says so where it does.
 */
export type Language = 'zh-CN' | 'en-US';

export function productLanguage(displayLanguage: string | null | undefined): Language {
  if (!displayLanguage) return 'zh-CN';
  return /^zh(\b|[-_])/i.test(displayLanguage) ? 'zh-CN' : 'en-US';
}
