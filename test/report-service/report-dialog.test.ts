/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mountReportDialog, type DialogHost } from '../../src/report-dialog/dialog';
import { STORAGE_PREFIX, type DialogReport } from '../../src/office/report-dialog-protocol';
import { bytesToBase64 } from '../../src/report-service/base64';

const PAGE = readFileSync(path.join(__dirname, '..', '..', 'src', 'report-dialog', 'report-dialog.html'), 'utf8');
const ORIGIN = 'https://localhost:3000';

const REPORT: DialogReport = {
  html: '<section class="report"><h2>一、绩效目标分解下达情况</h2><table><tbody><tr><td>产出指标</td></tr></tbody></table></section>',
  text: '一、绩效目标分解下达情况\n产出指标',
  fileName: '绩效自评报告-示例.docx',
  pasteKey: 'Ctrl+V',
};

function loadPage(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(PAGE)?.[1] ?? '';
  document.body.innerHTML = body;
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const status = () => $('status').textContent;

function host(overrides: Partial<DialogHost> = {}) {
  const sent: unknown[] = [];
  let listener: ((message: string, origin: string | undefined) => void) | undefined;
  const h: DialogHost = {
    displayLanguage: 'zh-CN',
    search: '',
    origin: ORIGIN,
    storage: localStorage,
    messageParent: (message) => void sent.push(JSON.parse(message)),
    onParentMessage: async (l) => {
      listener = l;
    },
    ...overrides,
  };
  return { host: h, sent, parent: (message: unknown, origin: string | undefined = ORIGIN) => listener?.(JSON.stringify(message), origin) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  loadPage();
  localStorage.clear();
  delete (document as unknown as Record<string, unknown>).execCommand;
});

test('asks the pane for the report, shows it, and offers copying (no download without a .docx)', async () => {
  const { host: h, sent, parent } = host();
  mountReportDialog(document, h);
  expect(status()).toBe('正在载入报告…');
  expect(($('copy') as HTMLButtonElement).disabled).toBe(true);
  await flush();
  expect(sent).toEqual([{ type: 'ready' }]);

  parent({ type: 'report', report: REPORT }, 'https://elsewhere.example');
  expect($('report').innerHTML).toBe(''); // only our own pane is heard

  parent({ type: 'report', report: REPORT });
  expect($('report').querySelector('h2')?.textContent).toBe('一、绩效目标分解下达情况');
  expect($('report').querySelector('table')).not.toBeNull();
  expect(($('copy') as HTMLButtonElement).disabled).toBe(false);
  expect(($('download') as HTMLButtonElement).hidden).toBe(true);
  expect(status()).toBe('请点击“复制全文”，再到 Word 中新建文档并粘贴（Ctrl+V）。');
  expect(sent).toEqual([{ type: 'ready' }, { type: 'shown' }]);
});

test('reads a report left in localStorage (DialogApi 1.1) and removes it at once', () => {
  localStorage.setItem(`${STORAGE_PREFIX}k1`, JSON.stringify({ ...REPORT, docxBase64: bytesToBase64(new Uint8Array([0x50, 0x4b])) }));
  const { host: h, sent } = host({ search: '?report=k1', onParentMessage: undefined });
  mountReportDialog(document, h);
  expect($('report').querySelector('h2')).not.toBeNull();
  expect(($('download') as HTMLButtonElement).hidden).toBe(false);
  expect(localStorage.length).toBe(0);
  expect(sent).toEqual([{ type: 'shown' }]);
});

test('复制全文 copies the report; when refused, it selects the report for Ctrl+C', async () => {
  const copied: Record<string, string> = {};
  let allowed = true;
  (document as unknown as Record<string, unknown>).execCommand = jest.fn(() => {
    if (!allowed) return false;
    const event = new Event('copy', { cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { setData: (type: string, value: string) => (copied[type] = value) } });
    document.dispatchEvent(event);
    return true;
  });
  const { host: h, parent } = host();
  mountReportDialog(document, h);
  await flush();
  parent({ type: 'report', report: REPORT });

  $('copy').click();
  await flush();
  expect(copied).toEqual({ 'text/html': REPORT.html, 'text/plain': REPORT.text });
  expect(status()).toBe('报告全文已复制，请到 Word 中新建文档并粘贴（Ctrl+V）。');

  allowed = false;
  $('copy').click();
  await flush();
  expect(status()).toBe('未能自动复制，已选中报告全文，请按 Ctrl+C 复制后到 Word 中粘贴（Ctrl+V）。');
  expect($('status').classList.contains('error')).toBe(true);
  expect(window.getSelection()?.toString()).toContain('一、绩效目标分解下达情况');
});

test('关闭 asks the pane to close the dialog', () => {
  const { host: h, sent } = host({ onParentMessage: undefined });
  mountReportDialog(document, h);
  $('close').click();
  expect(sent).toContainEqual({ type: 'close' });
});

test('no report at all: says so, in English for a non-Chinese Office', async () => {
  jest.useFakeTimers();
  const { host: h } = host({ displayLanguage: 'en-US', timeoutMs: 1000 });
  mountReportDialog(document, h);
  expect($('copy').textContent).toBe('Copy all');
  jest.advanceTimersByTime(1000);
  expect(status()).toBe('No report arrived. Close this window and generate the report again.');
  jest.useRealTimers();

  loadPage();
  mountReportDialog(document, host({ onParentMessage: undefined }).host);
  expect(status()).toBe('未收到报告内容，请关闭本窗口后重新生成报告。');
});
