/**
 * The task pane's entry point: wait for Office, read what kind of Office this is, then start the
 * pane with the real hosts. This file and office-context.ts are the only parts of the pane that use
 * Office.js; this file is the only one that wires in the hosts and the report loaders, which the
 * components get through props.
 */
import { createExcelHost } from '../office/excel/host';
import { readOfficeEnvironment } from './office-context';
import { loadExcelReportService, loadWordReportService } from './report-loaders';
import { startPane } from './start-pane';

Office.onReady((info) => {
  const container = document.getElementById('root');
  if (!container) return;
  startPane(container, readOfficeEnvironment(info), { createExcelHost, loadExcelReportService, loadWordReportService });
});
