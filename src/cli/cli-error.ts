/** A failure the user must fix; printed as one line in Chinese and English, never as a stack. */
export class CliError extends Error {
  constructor(readonly zh: string, readonly en: string, readonly exitCode: 1 | 2) {
    super(`${zh} / ${en}`);
  }
}

/** How a file is named in messages: `--json`, “原文件”, “工作表“甲”的报告（--report）”… */
export interface FileLabel {
  zh: string;
  en: string;
}
