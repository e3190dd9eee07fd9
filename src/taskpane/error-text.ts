/**
 * Turn anything an operation threw into one readable sentence in the pane's language, and say
 * whether retrying can help. Stacks and object dumps never reach the user.
 */
import { HostError } from '../app/ports';
import { ProductError } from '../engine/product-error';
import type { Strings } from './strings';

export interface ErrorDescription {
  text: string;
  /** Excel was busy or a cell was being edited: the same action can simply be tried again. */
  retryable: boolean;
}

/**
 * The text of anything thrown: the product's own errors (ProductError) in the pane's language;
 * an error from Office or the browser by the first line of its message, since later lines can
 * hold a stack.
 */
export function bilingualText(error: unknown, lang: 'zh' | 'en'): string | undefined {
  if (error instanceof ProductError) return error.text(lang).trim() || undefined;
  if (typeof error === 'string') return error.trim() || undefined;
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message.split('\n')[0].trim() || undefined : undefined;
}

export function describeError(error: unknown, strings: Strings): ErrorDescription {
  if (error instanceof HostError) {
    // HostError.retryable: 'protected' and 'stale' say exactly what to do; retrying unchanged would fail the same way.
    const { retryable } = error;
    if (error.code === 'busy') return { text: strings.errorBusy, retryable };
    if (error.code === 'editing') return { text: strings.errorEditing, retryable };
    if (error.code === 'unknown') {
      const detail = bilingualText(error, strings.lang);
      return { text: detail ? strings.errorUnknown(detail) : strings.errorGeneric, retryable };
    }
    return { text: bilingualText(error, strings.lang) ?? strings.errorGeneric, retryable };
  }
  const detail = bilingualText(error, strings.lang);
  return { text: detail ? strings.errorUnknown(detail) : strings.errorGeneric, retryable: true };
}
