import { ProductError } from '../product-error';

/** An error the user can act on, in Chinese first and English for non-Chinese Office. */
export class ReportError extends ProductError {
  constructor(
    code: string,
    zh: string,
    en: string,
    /** The template tags at fault, when the error is about a template. */
    readonly tags: string[] = [],
  ) {
    super(code, zh, en, { message: `${zh}\n${en}` });
    this.name = 'ReportError';
  }
}
