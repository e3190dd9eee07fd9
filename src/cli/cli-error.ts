import { ProductError } from '../engine/product-error';

/** A failure the user must fix; printed as one line in Chinese and English, never as a stack. */
export class CliError extends ProductError {
  constructor(
    zh: string,
    en: string,
    readonly exitCode: 1 | 2,
  ) {
    super(exitCode === 2 ? 'input' : 'usage', zh, en, { message: `${zh} / ${en}` });
    this.name = 'CliError';
  }
}

/** How a file is named in messages: `--json`, “原文件”, “工作表“甲”的报告（--report）”… */
export interface FileLabel {
  zh: string;
  en: string;
}
