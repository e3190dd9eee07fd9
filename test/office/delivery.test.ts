/**
 * @jest-environment jsdom
 */
import { copyHtml, defaultDialogUrl, downloadFile, officePlatform, openReportDialog, DOCX_MIME } from '../../src/office/delivery';
import { HostError } from '../../src/app/ports';
import { dialogLanguage, STORAGE_PREFIX, type DialogReport } from '../../src/office/report-dialog-protocol';

const REPORT: DialogReport = {
  html: '<section class="report"><h2>一、绩效目标分解下达情况</h2><table><tr><td>产出指标</td></tr></table></section>',
  text: '一、绩效目标分解下达情况\n产出指标',
  fileName: '绩效自评报告-示例.docx',
  pasteKey: 'Ctrl+V',
};

const globals = globalThis as Record<string, unknown>;

/** jsdom's Blob has no arrayBuffer()/text(): read it the old way. */
function readBlob(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
const blobText = async (blob: Blob) => new TextDecoder().decode(await readBlob(blob));
afterEach(() => {
  delete globals.Office;
  delete globals.ClipboardItem;
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  delete (document as unknown as Record<string, unknown>).execCommand;
  localStorage.clear();
  jest.useRealTimers();
});

describe('platform', () => {
  test.each([
    ['OfficeOnline', 'web'],
    ['PC', 'windows'],
    ['Mac', 'mac'],
    ['iOS', 'ipad'],
    ['Android', 'other'],
  ])('diagnostics.platform %s → %s', (platform, expected) => {
    globals.Office = { context: { diagnostics: { platform } } };
    expect(officePlatform()).toBe(expected);
  });

  test('falls back to Office.context.platform, and to "other" without Office', () => {
    globals.Office = { context: { platform: 'OfficeOnline' } };
    expect(officePlatform()).toBe('web');
    delete globals.Office;
    expect(officePlatform()).toBe('other');
  });
});

describe('download', () => {
  test('clicks a hidden <a download> on a blob URL holding the .docx, and revokes the URL later', async () => {
    jest.useFakeTimers();
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:https://localhost/1';
    });
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });

    downloadFile(new Uint8Array([0x50, 0x4b, 3, 4]), '绩效自评报告-示例.docx');

    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('绩效自评报告-示例.docx');
    expect(clicked[0].href).toBe('blob:https://localhost/1');
    expect(document.querySelector('a')).toBeNull(); // removed again
    expect(blobs[0].type).toBe(DOCX_MIME);
    expect(new Uint8Array(await readBlob(blobs[0]))).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60_000);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:https://localhost/1');
    click.mockRestore();
  });
});

describe('clipboard', () => {
  class FakeClipboardItem {
    constructor(readonly items: Record<string, Blob>) {}
  }

  test('writes text/html and text/plain through the Clipboard API', async () => {
    globals.ClipboardItem = FakeClipboardItem;
    const write = jest.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { write }, configurable: true });
    await expect(copyHtml(REPORT)).resolves.toBe(true);
    const [[items]] = write.mock.calls as unknown as [[FakeClipboardItem[]]];
    expect(Object.keys(items[0].items)).toEqual(['text/html', 'text/plain']);
    expect(await blobText(items[0].items['text/html'])).toBe(REPORT.html);
    expect(await blobText(items[0].items['text/plain'])).toBe(REPORT.text);
  });

  /** document.execCommand('copy') as a browser runs it: a copy event whose clipboardData the page may fill. */
  function fakeCopyCommand(allowed: boolean) {
    const data: Record<string, string> = {};
    const selected: string[] = [];
    (document as unknown as Record<string, unknown>).execCommand = jest.fn((command: string) => {
      if (command !== 'copy' || !allowed) return false;
      selected.push(window.getSelection()?.toString() ?? '');
      const event = new Event('copy', { cancelable: true });
      Object.defineProperty(event, 'clipboardData', { value: { setData: (type: string, value: string) => (data[type] = value) } });
      document.dispatchEvent(event);
      return true;
    });
    return { data, selected };
  }

  test('when the Clipboard API refuses, the copy command carries the same two flavours', async () => {
    globals.ClipboardItem = FakeClipboardItem;
    Object.defineProperty(navigator, 'clipboard', {
      value: { write: jest.fn(async () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'))) },
      configurable: true,
    });
    const command = fakeCopyCommand(true);
    await expect(copyHtml(REPORT)).resolves.toBe(true);
    expect(command.data).toEqual({ 'text/html': REPORT.html, 'text/plain': REPORT.text });
    expect(command.selected[0]).toContain('一、绩效目标分解下达情况'); // Safari needs a selection to fire the event
    expect(document.body.children).toHaveLength(0); // the hidden copy is gone
  });

  test('without the Clipboard API the copy command is tried directly', async () => {
    const command = fakeCopyCommand(true);
    await expect(copyHtml(REPORT)).resolves.toBe(true);
    expect(command.data['text/html']).toBe(REPORT.html);
  });

  test('refused everywhere: false, and nothing left behind', async () => {
    fakeCopyCommand(false);
    await expect(copyHtml(REPORT)).resolves.toBe(false);
    expect(document.body.children).toHaveLength(0);
    delete (document as unknown as Record<string, unknown>).execCommand;
    await expect(copyHtml(REPORT)).resolves.toBe(false);
  });
});

describe('report dialog', () => {
  type Handler = (arg: { message: string; origin: string | undefined } | { error: number }) => void;

  /** Office with a dialog API that records what the pane does with the dialog. */
  function fakeOffice(options: { dialogApi12: boolean; failWith?: { code: number; message: string } }) {
    const handlers: Record<string, Handler> = {};
    const dialog = {
      addEventHandler: jest.fn((type: string, handler: Handler) => void (handlers[type] = handler)),
      messageChild: jest.fn(),
      close: jest.fn(),
    };
    const opened: { url: string; options: unknown }[] = [];
    globals.Office = {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
      context: {
        requirements: { isSetSupported: (set: string, version: string) => set === 'DialogApi' && (version === '1.1' || options.dialogApi12) },
        ui: {
          displayDialogAsync: (url: string, dialogOptions: unknown, callback: (result: unknown) => void) => {
            opened.push({ url, options: dialogOptions });
            callback(options.failWith ? { status: 'failed', error: options.failWith } : { status: 'succeeded', value: dialog });
          },
        },
      },
    };
    const fromDialog = (message: unknown, origin: string | undefined = location.origin) =>
      handlers.dialogMessageReceived({ message: JSON.stringify(message), origin });
    return { dialog, opened, handlers, fromDialog };
  }

  test('DialogApi 1.2: the report goes to the dialog by messageChild once the page says it is ready', async () => {
    const office = fakeOffice({ dialogApi12: true });
    await openReportDialog(REPORT, 'https://localhost:3000/report-dialog.html');
    expect(office.opened).toEqual([{ url: 'https://localhost:3000/report-dialog.html', options: { width: 60, height: 80, displayInIframe: true } }]);
    expect(office.dialog.messageChild).not.toHaveBeenCalled();

    office.fromDialog({ type: 'ready' }, 'https://elsewhere.example');
    expect(office.dialog.messageChild).not.toHaveBeenCalled(); // not our page

    office.fromDialog({ type: 'ready' });
    expect(office.dialog.messageChild).toHaveBeenCalledTimes(1);
    expect(JSON.parse(office.dialog.messageChild.mock.calls[0][0])).toEqual({ type: 'report', report: REPORT });
    expect(localStorage.length).toBe(0); // nothing stored when messageChild exists

    office.fromDialog({ type: 'close' });
    expect(office.dialog.close).toHaveBeenCalledTimes(1);
  });

  test('DialogApi 1.1 only: the report waits in localStorage under a key named in the URL, and is removed once shown', async () => {
    const office = fakeOffice({ dialogApi12: false });
    await openReportDialog(REPORT, 'https://localhost:3000/report-dialog.html');
    const url = new URL(office.opened[0].url);
    const key = url.searchParams.get('report');
    expect(key).toBeTruthy();
    expect(JSON.parse(localStorage.getItem(STORAGE_PREFIX + key) ?? 'null')).toEqual(REPORT);

    office.fromDialog({ type: 'ready' });
    expect(office.dialog.messageChild).not.toHaveBeenCalled();
    office.fromDialog({ type: 'shown' });
    expect(localStorage.getItem(STORAGE_PREFIX + key)).toBeNull();
  });

  test('closing the dialog removes a report it never showed', async () => {
    const office = fakeOffice({ dialogApi12: false });
    await openReportDialog(REPORT, 'https://localhost:3000/report-dialog.html');
    expect(localStorage.length).toBe(1);
    office.handlers.dialogEventReceived({ error: 12006 });
    expect(localStorage.length).toBe(0);
  });

  test.each([
    [12007, 'busy', '已有一个加载项窗口处于打开状态，请先将其关闭，再重新生成报告'],
    [12009, 'unknown', '报告窗口被阻止打开，请允许本加载项显示窗口后重试'],
    [12004, 'unknown', '报告窗口的地址未获 Office 信任（须与加载项同为 HTTPS 且域名一致），请联系管理员检查加载项的部署'],
    [5001, 'unknown', '报告窗口未能打开（错误代码 5001）：Internal error'],
  ])('displayDialogAsync error %i → %s', async (code, hostCode, message) => {
    fakeOffice({ dialogApi12: false, failWith: { code, message: 'Internal error' } });
    const failure = openReportDialog(REPORT, 'https://localhost:3000/report-dialog.html');
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toMatchObject({ code: hostCode, message });
    expect(localStorage.length).toBe(0);
  });

  test('without the dialog API at all', async () => {
    globals.Office = { context: {} };
    await expect(openReportDialog(REPORT, 'https://localhost:3000/report-dialog.html')).rejects.toThrow('当前版本的 Office 不支持加载项窗口，无法显示报告');
  });
});

describe("the report dialog's language", () => {
  test('the pane names its display language in the dialog URL, and the dialog reads it from there', () => {
    const url = defaultDialogUrl('https://localhost:3000/taskpane.html?_host_Info=Excel$Win32', 'en-US');
    expect(url).toBe('https://localhost:3000/report-dialog.html?lang=en-US');
    expect(dialogLanguage(new URL(url).search)).toBe('en-US');
    expect(dialogLanguage('?lang=zh-CN&_host_Info=Excel$Win32$16.01')).toBe('zh-CN');
  });

  test('without a known language the URL carries none, and the dialog falls back to its default', () => {
    expect(defaultDialogUrl('https://localhost:3000/taskpane.html', undefined)).toBe('https://localhost:3000/report-dialog.html');
    expect(dialogLanguage('?report=abc')).toBeUndefined();
  });
});
