/** Entry of report-dialog.html (webpack page "report-dialog"): connect the page logic to Office once office.js is ready. */
import { mountReportDialog } from './dialog';
import { dialogLanguage } from '../office/report-dialog-protocol';

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked
  }
}

void Office.onReady(() => {
  const ui = Office.context.ui;
  const canHearParent = Office.context.requirements.isSetSupported('DialogApi', '1.2');
  mountReportDialog(document, {
    displayLanguage: dialogLanguage(location.search),
    search: location.search,
    origin: location.origin,
    storage: localStorageOrUndefined(),
    messageParent: (message) => ui.messageParent(message),
    onParentMessage: canHearParent
      ? (listener) =>
          new Promise<void>((resolve, reject) =>
            ui.addHandlerAsync(
              Office.EventType.DialogParentMessageReceived,
              (arg) => listener(arg.message, arg.origin),
              (result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error)),
            ),
          )
      : undefined,
  });
});
