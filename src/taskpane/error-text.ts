/**
 * Turn anything an operation threw into one readable sentence in the pane's language, and say
 * whether retrying can help. Stacks and object dumps never reach the user.
 */
import { HostError } from '../app/ports';
import type { Strings } from './strings';

export interface ErrorDescription {
  text: string;
  /** Excel was busy or a cell was being edited: the same action can simply be tried again. */
  retryable: boolean;
}

const CJK = /[\u3400-\u9fff]/;

function field(error: object, name: string): string | undefined {
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The project's errors carry both languages in different shapes: HostError has `messageEn`,
 * ReportError `messageZh`/`messageEn`, XlsxInputError one "中文 / English" line.
 */
export function bilingualText(error: unknown, lang: 'zh' | 'en'): string | undefined {
  if (typeof error === 'string') return error.trim() || undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const en = field(error, 'messageEn');
  const zh = field(error, 'messageZh') ?? field(error, 'message');
  if (en !== undefined && zh !== undefined) return lang === 'zh' ? zh.split('\n')[0] : en;
  if (zh === undefined) return undefined;
  const halves = zh.split(' / ');
  if (halves.length === 2 && CJK.test(halves[0]) && !CJK.test(halves[1])) return lang === 'zh' ? halves[0] : halves[1];
  // An error from Office or the browser: its first line only, since later lines can hold a stack.
  return zh.split('\n')[0];
}

export function describeError(error: unknown, strings: Strings): ErrorDescription {
  if (error instanceof HostError) {
    if (error.code === 'busy') return { text: strings.errorBusy, retryable: true };
    if (error.code === 'editing') return { text: strings.errorEditing, retryable: true };
    if (error.code === 'unknown') {
      const detail = bilingualText(error, strings.lang);
      return { text: detail ? strings.errorUnknown(detail) : strings.errorGeneric, retryable: true };
    }
    // 'protected' and 'stale' say exactly what to do; retrying unchanged would fail the same way.
    return { text: bilingualText(error, strings.lang) ?? strings.errorGeneric, retryable: false };
  }
  const detail = bilingualText(error, strings.lang);
  return { text: detail ? strings.errorUnknown(detail) : strings.errorGeneric, retryable: true };
}
