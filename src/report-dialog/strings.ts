/** The dialog's words: zh-CN first, en-US for non-Chinese Office. */
import { productLanguage } from '../app/language';
export interface DialogStrings {
  title: string;
  copy: string;
  download: string;
  close: string;
  loading: string;
  ready: (pasteKey: string) => string;
  copied: (pasteKey: string) => string;
  copyRefused: (copyKey: string, pasteKey: string) => string;
  downloading: (fileName: string) => string;
  noReport: string;
}

const ZH: DialogStrings = {
  title: '绩效自评报告',
  copy: '复制全文',
  download: '下载 Word 文件',
  close: '关闭',
  loading: '正在载入报告…',
  ready: (paste) => `请点击“复制全文”，再到 Word 中新建文档并粘贴（${paste}）。`,
  copied: (paste) => `报告全文已复制，请到 Word 中新建文档并粘贴（${paste}）。`,
  copyRefused: (copy, paste) => `未能自动复制，已选中报告全文，请按 ${copy} 复制后到 Word 中粘贴（${paste}）。`,
  downloading: (fileName) => `已开始下载“${fileName}”，请在下载位置查看；如未见文件，请改用“复制全文”。`,
  noReport: '未收到报告内容，请关闭本窗口后重新生成报告。',
};

const EN: DialogStrings = {
  title: 'Performance self-evaluation report',
  copy: 'Copy all',
  download: 'Download Word file',
  close: 'Close',
  loading: 'Loading the report…',
  ready: (paste) => `Click "Copy all", then paste into a new Word document (${paste}).`,
  copied: (paste) => `The whole report was copied; paste it into a new Word document (${paste}).`,
  copyRefused: (copy, paste) => `Copying was not allowed. The report is selected: press ${copy}, then paste it in Word (${paste}).`,
  downloading: (fileName) => `Downloading "${fileName}"; if no file appears, use "Copy all" instead.`,
  noReport: 'No report arrived. Close this window and generate the report again.',
};

export function dialogStrings(displayLanguage: string | undefined): DialogStrings {
  return productLanguage(displayLanguage) === 'zh-CN' ? ZH : EN;
}
