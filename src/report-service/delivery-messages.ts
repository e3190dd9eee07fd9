/**
 * The sentence the pane shows after a report is delivered: where it went and what to do next,
 * in Chinese first and English for non-Chinese Office.
 */
import type { ReportDelivery } from '../app/report-service';
import type { ReportPlatform } from '../office/delivery';
import type { Insertion } from '../office/word';

/** The paste shortcut as the user's keyboard labels it. */
export function pasteKey(platform: ReportPlatform): string {
  return platform === 'mac' || platform === 'ipad' ? '⌘+V' : 'Ctrl+V';
}

export function downloaded(fileName: string): ReportDelivery {
  return {
    where: 'download',
    fileName,
    message: `自评报告已下载为“${fileName}”，请在浏览器的下载位置查看。`,
    messageEn: `The report was downloaded as "${fileName}"; look for it in your browser's downloads.`,
  };
}

export function copied(platform: ReportPlatform): ReportDelivery {
  const key = pasteKey(platform);
  return {
    where: 'clipboard',
    message: `自评报告已复制到剪贴板，请在 Word 中新建文档后粘贴（${key}），标题层级和指标表格随之保留。`,
    messageEn: `The report was copied to the clipboard. Create a new Word document and paste it (${key}); its headings and table come with it.`,
  };
}

export function inDialog(fileName: string, platform: ReportPlatform, offersDownload: boolean): ReportDelivery {
  const key = pasteKey(platform);
  return {
    where: 'dialog',
    fileName,
    message:
      `未能直接写入剪贴板，自评报告已在新窗口中打开。请点击窗口中的“复制全文”，再到 Word 新建文档后粘贴（${key}）` +
      (offersDownload ? `；也可点击“下载 Word 文件”，保存为“${fileName}”。` : '。'),
    messageEn:
      `The clipboard was not available, so the report opened in a new window. Click "Copy all" there, then paste it into a new Word document (${key})` +
      (offersDownload ? `, or click "Download Word file" to save it as "${fileName}".` : '.'),
  };
}

export function insertedIntoDocument({ at, pageSetupKept }: Insertion): ReportDelivery {
  const where =
    at === 'Replace'
      ? { zh: '自评报告已插入当前文档，请核对后保存。', en: 'The report was inserted into this document; check it, then save.' }
      : { zh: '自评报告已插入当前文档末尾，原有内容未作改动。', en: 'The report was added at the end of this document; its existing content is unchanged.' };
  // Older Word inserts the body only: say what is missing and how to get it.
  const lost = pageSetupKept
    ? { zh: '', en: '' }
    : {
        zh: '当前版本的 Word 只能插入正文，报告的页码和公文版式页边距未能带入；如需完整版式，请改用“新建文档”。',
        en: ' This version of Word inserts the body only, so the page numbers and the official page margins did not come with it; choose "New document" for the full layout.',
      };
  return { where: 'word-document', message: where.zh + lost.zh, messageEn: where.en + lost.en };
}

export function openedAsNewDocument(): ReportDelivery {
  return {
    where: 'word-new-document',
    message: '自评报告已在新的 Word 文档中打开，请核对后及时保存。',
    messageEn: 'The report opened as a new Word document; check it and save it.',
  };
}
