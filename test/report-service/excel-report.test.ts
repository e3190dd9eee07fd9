import JSZip from 'jszip';
import type { ReportDeliveryEdge, ReportPlatform, ClipboardReport } from '../../src/office/delivery';
import { HostError } from '../../src/app/ports';
import type { DialogReport } from '../../src/office/report-dialog-protocol';
import { base64ToBytes } from '../../src/report-service/base64';
import { createExcelReportService } from '../../src/report-service/excel-report';
import { reportFileName, safeFileNamePart } from '../../src/report-service/file-name';
import { seed } from '../report/helpers';

const PROJECT = '2024年全国两会信访维稳专项资金';
const FILE_NAME = `绩效自评报告-${PROJECT}.docx`;

/** A platform edge that records what the service handed it. */
function fakeEdge(platform: ReportPlatform, options: { clipboard?: boolean; dialogFails?: HostError } = {}) {
  const calls = {
    downloads: [] as { bytes: Uint8Array; fileName: string }[],
    copies: [] as ClipboardReport[],
    dialogs: [] as DialogReport[],
  };
  const edge: ReportDeliveryEdge = {
    platform: () => platform,
    download: (bytes, fileName) => void calls.downloads.push({ bytes, fileName }),
    copyHtml: async (report) => {
      calls.copies.push(report);
      return options.clipboard ?? true;
    },
    openDialog: async (report) => {
      calls.dialogs.push(report);
      if (options.dialogFails) throw options.dialogFails;
    },
  };
  return { edge, calls };
}

async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file('word/document.xml');
  if (!part) throw new Error('no word/document.xml: not a .docx');
  return part.async('string');
}

describe('Excel on the web: a download', () => {
  test('hands a valid .docx named after the project to the download, and says where it went', async () => {
    const { edge, calls } = fakeEdge('web');
    const delivery = await createExcelReportService(edge).deliverReport(seed(), { date: '2025-06-11' });

    expect(calls.copies).toHaveLength(0);
    expect(calls.dialogs).toHaveLength(0);
    expect(calls.downloads).toHaveLength(1);
    const [{ bytes, fileName }] = calls.downloads;
    expect(fileName).toBe(FILE_NAME);
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x50, 0x4b]); // a zip
    expect(await documentXml(bytes)).toContain(PROJECT);

    expect(delivery).toEqual({
      where: 'download',
      fileName: FILE_NAME,
      message: `自评报告已下载为“${FILE_NAME}”，请在浏览器的下载位置查看。`,
      messageEn: `The report was downloaded as "${FILE_NAME}"; look for it in your browser's downloads.`,
    });
  });

  test('the file takes the project name the report uses', async () => {
    const { edge, calls } = fakeEdge('web');
    await createExcelReportService(edge).deliverReport(seed(), { project: '乡村道路养护' });
    expect(calls.downloads[0].fileName).toBe('绩效自评报告-乡村道路养护.docx');
  });
});

describe('desktop: the clipboard', () => {
  test('copies the report as HTML with its headings and table, plus plain text; no file is built for download', async () => {
    const { edge, calls } = fakeEdge('windows');
    const delivery = await createExcelReportService(edge).deliverReport(seed(), {});

    expect(calls.downloads).toHaveLength(0);
    expect(calls.dialogs).toHaveLength(0);
    expect(calls.copies).toHaveLength(1);
    const [{ html, text }] = calls.copies;
    expect(html).toContain(`${PROJECT}绩效自评报告`);
    for (const heading of ['一、绩效目标分解下达情况', '三、绩效目标自评完成情况分析', '五、绩效自评结果拟应用和公开情况']) {
      expect(html).toMatch(new RegExp(`<h2[^>]*>${heading}</h2>`));
    }
    expect(html).toMatch(/<table[^>]*border-collapse:collapse/);
    expect(html).toContain('border:1px solid #000');
    expect(html).toContain('方正小标宋简体');
    expect(html).toContain('仿宋_GB2312');
    expect(text).toContain('一、绩效目标分解下达情况');
    expect(text).not.toContain('<');

    expect(delivery.where).toBe('clipboard');
    expect(delivery.message).toBe('自评报告已复制到剪贴板，请在 Word 中新建文档后粘贴（Ctrl+V），标题层级和指标表格随之保留。');
    expect(delivery.messageEn).toContain('(Ctrl+V)');
  });

  test('on a Mac the message names ⌘+V', async () => {
    const { edge } = fakeEdge('mac');
    const delivery = await createExcelReportService(edge).deliverReport(seed(), {});
    expect(delivery.where).toBe('clipboard');
    expect(delivery.message).toContain('（⌘+V）');
  });

  test('an unknown platform is treated as desktop: no download whose arrival nobody can confirm', async () => {
    const { edge, calls } = fakeEdge('other');
    expect((await createExcelReportService(edge).deliverReport(seed(), {})).where).toBe('clipboard');
    expect(calls.downloads).toHaveLength(0);
  });
});

describe('desktop, clipboard refused: the report dialog', () => {
  test('on Windows the dialog shows the report and offers the .docx', async () => {
    const { edge, calls } = fakeEdge('windows', { clipboard: false });
    const delivery = await createExcelReportService(edge).deliverReport(seed(), {});

    expect(calls.copies).toHaveLength(1);
    expect(calls.dialogs).toHaveLength(1);
    const [report] = calls.dialogs;
    expect(report.html).toBe(calls.copies[0].html);
    expect(report.text).toBe(calls.copies[0].text);
    expect(report.fileName).toBe(FILE_NAME);
    expect(report.pasteKey).toBe('Ctrl+V');
    expect(await documentXml(base64ToBytes(report.docxBase64 ?? ''))).toContain(PROJECT);

    expect(delivery).toEqual({
      where: 'dialog',
      fileName: FILE_NAME,
      message:
        '未能直接写入剪贴板，自评报告已在新窗口中打开。请点击窗口中的“复制全文”，再到 Word 新建文档后粘贴（Ctrl+V）' +
        `；也可点击“下载 Word 文件”，保存为“${FILE_NAME}”。`,
      messageEn:
        'The clipboard was not available, so the report opened in a new window. Click "Copy all" there, then paste it into a new Word document (Ctrl+V)' +
        `, or click "Download Word file" to save it as "${FILE_NAME}".`,
    });
  });

  test('on a Mac, where the webview ignores downloads, the dialog offers copying only', async () => {
    const { edge, calls } = fakeEdge('mac', { clipboard: false });
    const delivery = await createExcelReportService(edge).deliverReport(seed(), {});
    expect(calls.dialogs[0].docxBase64).toBeUndefined();
    expect(calls.dialogs[0].pasteKey).toBe('⌘+V');
    expect(delivery.where).toBe('dialog');
    expect(delivery.message).not.toContain('下载');
    expect(delivery.message).toContain('（⌘+V）。');
  });

  test('when the dialog cannot open either, the error says both routes failed and why', async () => {
    const busy = new HostError('busy', '已有一个加载项窗口处于打开状态，请先将其关闭，再重新生成报告', 'An add-in window is already open');
    const { edge } = fakeEdge('windows', { clipboard: false, dialogFails: busy });
    const failure = createExcelReportService(edge).deliverReport(seed(), {});
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toMatchObject({
      code: 'busy',
      message: '自评报告未能复制到剪贴板，报告窗口也未能打开：已有一个加载项窗口处于打开状态，请先将其关闭，再重新生成报告',
    });
  });
});

describe('file name', () => {
  test('keeps Chinese and full-width punctuation, replaces what file systems forbid', () => {
    expect(safeFileNamePart('（2024年）农村公路“畅返不畅”整治')).toBe('（2024年）农村公路“畅返不畅”整治');
    expect(safeFileNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(safeFileNamePart('  项目\t名称\n. ')).toBe('项目 名称');
    expect(safeFileNamePart('..\\..\\secret')).toBe('secret');
    expect(Array.from(safeFileNamePart('长'.repeat(200)))).toHaveLength(60);
  });

  test('without a project name the file is simply 绩效自评报告.docx', () => {
    const ev = seed();
    ev.project.name = undefined;
    expect(reportFileName(ev)).toBe('绩效自评报告.docx');
    expect(reportFileName(ev, { project: ' / ' })).toBe('绩效自评报告.docx');
    expect(reportFileName(ev, { project: '专项资金' })).toBe('绩效自评报告-专项资金.docx');
  });
});
