/**
 * The function file of the ribbon (commands.html): 一键评分 runs `scoreActiveSheet` here, in a
 * hidden page, without opening the task pane. The work and the wording live in score-command.ts;
 * this file only connects them to Office.js.
 */
import { showDialogUntilClosed } from '../office/dialog';
import { createExcelHost } from '../office/excel/host';
import { missingRequirements } from '../office/requirements';
import { CLOSE_MESSAGE, encodeMessage, messageLanguage, messagePageUrl, READY_MESSAGE, type MessageBoxContent } from './message';
import { runScoreCommand } from './score-command';

/** Percent of the screen: room for a title, four short paragraphs and a button. */
const MESSAGE_BOX = { width: 36, height: 48 };

/**
 * Show the box. The result never goes into the URL (it would reach the web server's logs): where
 * DialogApi 1.2 exists the page, once it listens, is sent it with messageChild; elsewhere the URL
 * names a fixed notice with nothing from the workbook in it (src/commands/message.ts).
 */
async function showMessage(content: MessageBoxContent, timeoutMs: number): Promise<void> {
  // DialogApi 1.2 cannot be required in the manifest: it is checked at run time (Microsoft's
  // "Use the Office dialog API", Pass information to the dialog box).
  const canMessageChild = Boolean(Office.context.requirements?.isSetSupported('DialogApi', '1.2'));
  const url = messagePageUrl(window.location.href, content.lang, canMessageChild ? undefined : content.notice);
  await showDialogUntilClosed(url, {
    size: MESSAGE_BOX,
    closeMessage: CLOSE_MESSAGE,
    timeoutMs,
    ...(canMessageChild ? { reply: { when: READY_MESSAGE, send: encodeMessage(content) } } : {}),
  });
}

function scoreActiveSheet(event: Office.AddinCommands.Event): Promise<void> {
  return runScoreCommand(event, {
    createHost: () => createExcelHost({ waitForCellEdit: true }),
    missingRequirements: () => missingRequirements('excel'),
    language: messageLanguage(Office.context.displayLanguage),
    showMessage,
  });
}

// Clients that predate Office.actions call the manifest's FunctionName as a global of this page.
// It is set at once, not in onReady: such a client may call it as soon as the page has initialised.
(window as unknown as { scoreActiveSheet: typeof scoreActiveSheet }).scoreActiveSheet = scoreActiveSheet;

Office.onReady(() => {
  // Current clients look the function up among the actions the page has associated.
  try {
    Office.actions?.associate('scoreActiveSheet', scoreActiveSheet);
  } catch {
    // An older office.js without Office.actions: the global above serves.
  }
});
