/** An error the user can act on, in Chinese first and English for non-Chinese Office. */
export class ReportError extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    /** The template tags at fault, when the error is about a template. */
    readonly tags: string[] = [],
  ) {
    super(`${messageZh}\n${messageEn}`);
    this.name = 'ReportError';
  }
}
