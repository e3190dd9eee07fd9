/**
 * The task pane's entry point: wait for Office, read what kind of Office this is, then start the
 * pane. This file and office-context.ts are the only parts of the pane that use Office.js.
 */
import { createExcelHost } from '../hosts/excel';
import { readOfficeEnvironment } from './office-context';
import { startPane } from './start-pane';

Office.onReady((info) => {
  const container = document.getElementById('root');
  if (!container) return;
  startPane(container, readOfficeEnvironment(info), { createExcelHost });
});
