import { OfficeMockObject } from 'office-addin-mock';
import { insertDocxIntoCurrent, openDocxAsNew, wordError, type WordRunner } from '../../src/office/word';
import { HostError } from '../../src/app/ports';

const BASE64 = 'UEsDBBQAAAAIAA=='; // stands in for the report's .docx

interface BodyContents {
  text: string;
  /** Paragraphs in the body; Word always has at least one (learn.microsoft.com/javascript/api/word/word.body#word-word-body-paragraphs-member). */
  paragraphs?: number;
  pictures?: number;
  tables?: number;
  contentControls?: number;
  /** Text boxes, floating pictures: Body.shapes, WordApiDesktop 1.2 only (…/word.body#word-word-body-shapes-member). */
  shapes?: number;
}

const items = (count = 0) => ({ items: new Array(count).fill({}) });

/**
 * A Word request context from office-addin-mock, with its syncs counted and its calls recorded.
 * `sets` are the requirement sets this Word supports. What the fake models, from Microsoft's docs:
 * - Document.insertFileFromBase64 exists from WordApi 1.5 and brings headers, footers and section
 *   properties (learn.microsoft.com/javascript/api/word/word.document#word-word-document-insertfilefrombase64-member(1));
 * - Body.insertFileFromBase64 leaves the source's headers and footers out by design
 *   (learn.microsoft.com/office/dev/add-ins/word/word-add-ins-troubleshooting);
 * - Body.shapes exists only with WordApiDesktop 1.2: on a Word without it, reading it throws.
 */
function mockWord(body: BodyContents, sets: string[] = ['WordApi 1.3', 'WordApi 1.5']) {
  const bodyInsert = jest.fn();
  const documentInsert = jest.fn();
  const open = jest.fn();
  const createDocument = jest.fn(() => ({ open }));
  const shapesSupported = sets.includes('WordApiDesktop 1.2');
  const context = new OfficeMockObject({
    document: {
      body: {
        text: body.text,
        paragraphs: items(body.paragraphs ?? 1),
        inlinePictures: items(body.pictures),
        tables: items(body.tables),
        contentControls: items(body.contentControls),
        ...(shapesSupported ? { shapes: items(body.shapes) } : {}),
        insertFileFromBase64: bodyInsert,
      },
      ...(sets.includes('WordApi 1.5') ? { insertFileFromBase64: documentInsert } : {}),
    },
    application: { createDocument },
  });
  if (!shapesSupported) {
    Object.defineProperty((context as unknown as Word.RequestContext).document.body, 'shapes', {
      get: () => {
        throw Object.assign(new Error('The API you are trying to use could not be found.'), { code: 'ApiNotFound' });
      },
    });
  }
  // The insertion must come after the read: record the order of syncs and insertions.
  const order: string[] = [];
  const realSync = context.sync.bind(context);
  context.sync = jest.fn(async () => {
    order.push('sync');
    await realSync();
  });
  bodyInsert.mockImplementation(() => void order.push('body.insert'));
  documentInsert.mockImplementation(() => void order.push('document.insert'));
  createDocument.mockImplementation(() => {
    order.push('create');
    return { open };
  });
  open.mockImplementation(() => void order.push('open'));
  const run: WordRunner = (batch) => batch(context as unknown as Word.RequestContext);
  const supports = (name: string, version: string) => sets.includes(`${name} ${version}`);
  return { run, supports, bodyInsert, documentInsert, insertFileFromBase64: bodyInsert, createDocument, open, order };
}

describe('insert into the current document', () => {
  test('an empty document is replaced through Document.insertFileFromBase64, which keeps the page setup', async () => {
    const word = mockWord({ text: '' });
    await expect(insertDocxIntoCurrent(BASE64, word.run, word.supports)).resolves.toEqual({ at: 'Replace', pageSetupKept: true });
    expect(word.documentInsert).toHaveBeenCalledTimes(1);
    expect(word.documentInsert).toHaveBeenCalledWith(BASE64, 'Replace', expect.objectContaining({ importStyles: true }));
    expect(word.bodyInsert).not.toHaveBeenCalled();
    // One sync reads whether the body is empty, one writes: never a sync per paragraph.
    expect(word.order).toEqual(['sync', 'document.insert', 'sync']);
  });

  test("a body with text keeps it: the report goes at the end, without restyling the user's text", async () => {
    const word = mockWord({ text: '关于报送2024年度绩效自评材料的说明\r' });
    await expect(insertDocxIntoCurrent(BASE64, word.run, word.supports)).resolves.toEqual({ at: 'End', pageSetupKept: true });
    expect(word.documentInsert).toHaveBeenCalledWith(BASE64, 'End', {});
    expect(word.order).toEqual(['sync', 'document.insert', 'sync']);
  });

  test('a Word before WordApi 1.5 inserts into the body and says the page setup did not come', async () => {
    const word = mockWord({ text: '' }, ['WordApi 1.3']);
    await expect(insertDocxIntoCurrent(BASE64, word.run, word.supports)).resolves.toEqual({ at: 'Replace', pageSetupKept: false });
    expect(word.bodyInsert).toHaveBeenCalledWith(BASE64, 'Replace');
    expect(word.order).toEqual(['sync', 'body.insert', 'sync']);
  });

  test.each<[string, BodyContents]>([
    ['several empty paragraphs', { text: ' \r\r\n', paragraphs: 3 }],
    ['a picture letterhead', { text: '', pictures: 1 }],
    ['an empty table', { text: '', tables: 1 }],
    ['a content control', { text: '', contentControls: 1 }],
  ])('a body holding only %s is not replaced', async (_, contents) => {
    const word = mockWord(contents);
    await expect(insertDocxIntoCurrent(BASE64, word.run, word.supports)).resolves.toMatchObject({ at: 'End' });
    expect(word.documentInsert).toHaveBeenCalledWith(BASE64, 'End', {});
  });

  test('a text-box letterhead counts where Word can see shapes (WordApiDesktop 1.2), and is not asked for elsewhere', async () => {
    const desktop = mockWord({ text: '', shapes: 1 }, ['WordApi 1.3', 'WordApi 1.5', 'WordApiDesktop 1.2']);
    await expect(insertDocxIntoCurrent(BASE64, desktop.run, desktop.supports)).resolves.toMatchObject({ at: 'End' });
    const web = mockWord({ text: '' });
    await expect(insertDocxIntoCurrent(BASE64, web.run, web.supports)).resolves.toMatchObject({ at: 'Replace' });
  });

  test("Word's errors become advice in Chinese, with nothing inserted", async () => {
    const refusing: WordRunner = async () => {
      throw Object.assign(new Error('Access denied'), { code: 'AccessDenied' });
    };
    const failure = insertDocxIntoCurrent(BASE64, refusing, () => true);
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toMatchObject({ code: 'protected' });
    await expect(failure).rejects.toThrow(/^当前文档受保护或为只读，未插入任何内容/);
  });
});

describe('open as a new document', () => {
  test('createDocument(base64).open(), in one sync', async () => {
    const word = mockWord({ text: 'anything' });
    await openDocxAsNew(BASE64, word.run, () => true);
    expect(word.createDocument).toHaveBeenCalledWith(BASE64);
    expect(word.open).toHaveBeenCalledTimes(1);
    expect(word.insertFileFromBase64).not.toHaveBeenCalled();
    expect(word.order).toEqual(['create', 'open', 'sync']);
  });

  test('without WordApi 1.3 it says so and touches nothing', async () => {
    const word = mockWord({ text: '' });
    const asked: string[] = [];
    const failure = openDocxAsNew(BASE64, word.run, (set, version) => {
      asked.push(`${set} ${version}`);
      return false;
    });
    await expect(failure).rejects.toThrow('当前版本的 Word 不支持由加载项新建文档，请改选“插入到当前文档”，或将 Office 更新后重试');
    expect(asked).toEqual(['WordApi 1.3']);
    expect(word.order).toEqual([]);
  });
});

describe('error mapping', () => {
  const codeOf = (code: string) => wordError(Object.assign(new Error(`Word said ${code}`), { code }));

  test.each([
    ['AccessDenied', 'protected', '当前文档受保护或为只读'],
    ['NotAllowed', 'editing', 'Word 当前不允许插入内容'],
    ['ActivityLimitReached', 'busy', 'Word 正忙'],
    ['InvalidArgument', 'unknown', 'Word 未能识别生成的报告文件'],
    ['RequestPayloadSizeLimitExceeded', 'unknown', '报告文件超出 Word 单次可接收的大小'],
    ['ApiNotFound', 'unknown', '当前版本的 Word 不支持插入报告'],
  ])('%s → %s', (code, hostCode, start) => {
    const error = codeOf(code);
    expect(error.code).toBe(hostCode);
    expect(error.message.startsWith(start)).toBe(true);
    expect(error.messageEn).toMatch(/^[\x20-\x7e’]+$/);
  });

  test("anything else keeps Word's own words", () => {
    const error = codeOf('GeneralException');
    expect(error.message).toBe('Word 未能完成操作：Word said GeneralException');
    expect(wordError('boom').message).toBe('Word 未能完成操作：boom');
  });
});
