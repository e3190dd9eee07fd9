/**
 * The one shape of the product's own errors: a code, the text in Chinese and in English, whether
 * trying the same thing again can help, and the error it came from (Office's, Node's). Every error
 * the product raises for a user extends it, so that whoever shows one picks the language with
 * text(), and nothing sniffs fields or splits a line on " / ".
 */
export interface ProductErrorOptions {
  /** Trying the same thing again may work (Excel was busy, a cell was being edited). */
  retryable?: boolean;
  /** The error this one explains. */
  cause?: unknown;
  /** Error.message, when a caller prints it as it is (the CLI's "中文 / English" line); `zh` otherwise. */
  message?: string;
}

export class ProductError extends Error {
  readonly retryable: boolean;
  readonly cause?: unknown;

  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    options: ProductErrorOptions = {},
  ) {
    super(options.message ?? zh);
    this.name = 'ProductError';
    this.retryable = options.retryable ?? false;
    if (options.cause !== undefined) this.cause = options.cause;
  }

  /** The text in the user's language. */
  text(lang: 'zh' | 'en'): string {
    return lang === 'zh' ? this.zh : this.en;
  }

  /** The English text (the name earlier code knew it by). */
  get messageEn(): string {
    return this.en;
  }
}
