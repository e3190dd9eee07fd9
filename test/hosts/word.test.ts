import { OfficeMockObject } from 'office-addin-mock';
import { insertDocxIntoCurrent, openDocxAsNew, wordError, type WordRunner } from '../../src/hosts/word';
import { HostError } from '../../src/hosts/workbook-host';

const BASE64 = 'UEsDBBQAAAAIAA=='; // stands in for the report's .docx

/** A Word request context from office-addin-mock, with its syncs counted and its calls recorded. */
function mockWord(body: { text: string; pictures?: number }) {
  const insertFileFromBase64 = jest.fn();
  const open = jest.fn();
  const createDocument = jest.fn(() => ({ open }));
  const context = new OfficeMockObject({
    document: {
      body: {
        text: body.text,
        inlinePictures: { items: new Array(body.pictures ?? 0).fill({}) },
        insertFileFromBase64,
      },
    },
    application: { createDocument },
  });
  // The insertion must come after the read: record the order of syncs and insertions.
  const order: string[] = [];
  const realSync = context.sync.bind(context);
  context.sync = jest.fn(async () => {
    order.push('sync');
    await realSync();
  });
  insertFileFromBase64.mockImplementation(() => void order.push('insert'));
  createDocument.mockImplementation(() => {
    order.push('create');
    return { open };
  });
  open.mockImplementation(() => void order.push('open'));
  const run: WordRunner = (batch) => batch(context as unknown as Word.RequestContext);
  return { run, insertFileFromBase64, createDocument, open, order };
}

describe('insert into the current document', () => {
  test('an empty body is replaced: insertFileFromBase64 once, then one sync writes it', async () => {
    const word = mockWord({ text: '' });
    await expect(insertDocxIntoCurrent(BASE64, word.run)).resolves.toBe('Replace');
    expect(word.insertFileFromBase64).toHaveBeenCalledTimes(1);
    expect(word.insertFileFromBase64).toHaveBeenCalledWith(BASE64, 'Replace');
    // One sync reads whether the body is empty, one writes: never a sync per paragraph.
    expect(word.order).toEqual(['sync', 'insert', 'sync']);
  });

  test('a body with text keeps it: the report goes at the end', async () => {
    const word = mockWord({ text: '关于报送2024年度绩效自评材料的说明\r' });
    await expect(insertDocxIntoCurrent(BASE64, word.run)).resolves.toBe('End');
    expect(word.insertFileFromBase64).toHaveBeenCalledWith(BASE64, 'End');
    expect(word.order).toEqual(['sync', 'insert', 'sync']);
  });

  test('a body holding only whitespace counts as empty; one holding only a picture does not', async () => {
    const blank = mockWord({ text: ' \r\r\n' });
    await expect(insertDocxIntoCurrent(BASE64, blank.run)).resolves.toBe('Replace');
    const letterhead = mockWord({ text: '', pictures: 1 });
    await expect(insertDocxIntoCurrent(BASE64, letterhead.run)).resolves.toBe('End');
    expect(letterhead.insertFileFromBase64).toHaveBeenCalledWith(BASE64, 'End');
  });

  test("Word's errors become advice in Chinese, with nothing inserted", async () => {
    const refusing: WordRunner = async () => {
      throw Object.assign(new Error('Access denied'), { code: 'AccessDenied' });
    };
    const failure = insertDocxIntoCurrent(BASE64, refusing);
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
