/**
 * The Word host: put a generated .docx into the open document, or open it as a new document.
 * The only module on the Word side that calls Office.js; the pane reaches it through
 * src/report-service/word-report.ts.
 */
import { HostError } from '../app/ports';

/** Word.run, injectable so tests can hand in a mock request context. */
export type WordRunner = <T>(batch: (context: Word.RequestContext) => Promise<T>) => Promise<T>;
/** Office.context.requirements.isSetSupported, injectable for the same reason. */
export type RequirementCheck = (name: string, version: string) => boolean;

/** Where the report went in the current document. */
export type InsertedAt = 'Replace' | 'End';

/** What 插入到当前文档 did: where the report went, and whether its page setup came with it. */
export interface Insertion {
  at: InsertedAt;
  /**
   * Document.insertFileFromBase64 (WordApi 1.5) brings the report's headers, footers (the
   * "— 1 —" page numbers) and section properties (the GB/T 9704 margins); Body's, the fallback
   * on older Word, leaves them out by design. https://learn.microsoft.com/office/dev/add-ins/word/word-add-ins-troubleshooting
   */
  pageSetupKept: boolean;
}

export interface WordDocumentHost {
  /** Replace an empty body with the report, or add the report after the body's content. */
  insertIntoCurrent(base64Docx: string): Promise<Insertion>;
  /** Open the report as a new document (a new window or tab). */
  openAsNew(base64Docx: string): Promise<void>;
}

const officeRun: WordRunner = (batch) => Word.run(batch);
const officeRequirements: RequirementCheck = (name, version) =>
  typeof Office !== 'undefined' && Boolean(Office.context?.requirements?.isSetSupported(name, version));

/**
 * What the body holds besides text, each a reason not to replace it: a letterhead in a text box
 * or picture, an empty table or a content control the unit laid out. Shapes (text boxes, floating
 * pictures) are only reachable with WordApiDesktop 1.2.
 */
function loadBodyContents(body: Word.Body, supports: RequirementCheck) {
  body.load('text');
  const collections: { items: unknown[]; load(propertyNames: string): unknown }[] = [body.paragraphs, body.inlinePictures, body.tables, body.contentControls];
  if (supports('WordApiDesktop', '1.2')) collections.push(body.shapes);
  for (const collection of collections) collection.load('items');
  // A new document's body is one empty paragraph; a second one is already something the user typed.
  return () => body.text.trim() === '' && body.paragraphs.items.length <= 1 && collections.slice(1).every((c) => c.items.length === 0);
}

/**
 * Two syncs: one read (is the body empty?) and one write. The read decides between Replace and
 * End: replacing an empty body puts the title on the first line instead of below Word's empty
 * first paragraph, and appending never touches what the user already wrote. Only a truly empty
 * body is replaced (see loadBodyContents).
 */
export async function insertDocxIntoCurrent(
  base64Docx: string,
  run: WordRunner = officeRun,
  supports: RequirementCheck = officeRequirements,
): Promise<Insertion> {
  try {
    return await run(async (context) => {
      const isEmpty = loadBodyContents(context.document.body, supports);
      await context.sync();
      const at: InsertedAt = isEmpty() ? 'Replace' : 'End';
      const pageSetupKept = supports('WordApi', '1.5');
      if (pageSetupKept) {
        // Into an empty document the report's styles come too; into the user's own text they would restyle it.
        const options: Word.InsertFileOptions = at === 'Replace' ? { importStyles: true, importParagraphSpacing: true } : {};
        context.document.insertFileFromBase64(base64Docx, at, options);
      } else {
        context.document.body.insertFileFromBase64(base64Docx, at);
      }
      await context.sync();
      return { at, pageSetupKept };
    });
  } catch (error) {
    throw wordError(error);
  }
}

/** One sync: Application.createDocument (WordApi 1.3) with the .docx, opened in its own window. */
export async function openDocxAsNew(base64Docx: string, run: WordRunner = officeRun, supports: RequirementCheck = officeRequirements): Promise<void> {
  if (!supports('WordApi', '1.3')) {
    throw new HostError(
      'unknown',
      '当前版本的 Word 不支持由加载项新建文档，请改选“插入到当前文档”，或将 Office 更新后重试',
      'This version of Word cannot create documents from an add-in; insert into the current document instead, or update Office',
    );
  }
  try {
    await run(async (context) => {
      context.application.createDocument(base64Docx).open();
      await context.sync();
    });
  } catch (error) {
    throw wordError(error);
  }
}

export function officeWordHost(run: WordRunner = officeRun, supports: RequirementCheck = officeRequirements): WordDocumentHost {
  return {
    insertIntoCurrent: (base64) => insertDocxIntoCurrent(base64, run, supports),
    openAsNew: (base64) => openDocxAsNew(base64, run, supports),
  };
}

/** Office's error codes (Word.ErrorCodes and the common OfficeExtension.ErrorCodes) as advice. */
export function wordError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'AccessDenied':
      return new HostError(
        'protected',
        '当前文档受保护或为只读，未插入任何内容。请在“审阅”选项卡中停止保护，或另存一份可编辑的副本后重试；也可改选“新建文档”',
        'The document is protected or read-only; nothing was inserted. Stop protection (Review tab) or save an editable copy and try again, or choose a new document',
      );
    case 'NotAllowed':
      return new HostError(
        'editing',
        'Word 当前不允许插入内容（可能正在编辑批注、页眉页脚，或处于阅读视图），未插入任何内容。请回到正文编辑状态后重试',
        'Word does not allow inserting right now (a comment, header or footer is being edited, or the document is in reading view); nothing was inserted. Return to the body and try again',
      );
    case 'ActivityLimitReached':
      return new HostError('busy', 'Word 正忙，未插入任何内容，请稍候重试', 'Word is busy; nothing was inserted. Try again in a moment');
    case 'InvalidArgument':
      return new HostError(
        'unknown',
        'Word 未能识别生成的报告文件，未插入任何内容。请重新生成后再试',
        'Word did not accept the generated report file; nothing was inserted. Generate it again and retry',
      );
    case 'RequestPayloadSizeLimitExceeded':
      return new HostError(
        'unknown',
        '报告文件超出 Word 单次可接收的大小，未插入任何内容',
        'The report file is larger than Word accepts in one request; nothing was inserted',
      );
    case 'ApiNotFound':
      return new HostError(
        'unknown',
        '当前版本的 Word 不支持插入报告，请将 Office 更新后重试',
        'This version of Word cannot insert the report; update Office and try again',
      );
    default:
      return new HostError('unknown', `Word 未能完成操作：${detail}`, `Word could not complete the operation: ${detail}`);
  }
}
