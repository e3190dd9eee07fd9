/**
 * Decide what the pane shows and render it: the add-in for Excel or Word, or a clear
 * "not supported" message. Free of Office.js so that tests can start the pane with any
 * environment they describe.
 */
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ExcelReportService, WordReportService } from '../app/report-service';
import type { ExcelHost } from '../app/ports';
import { App } from './App';
import type { PaneEnvironment } from './environment';
import { isUnsupported, NotSupported } from './NotSupported';
import { Providers } from './Providers';

/** Everything the pane reaches a host through: index.tsx gives the real ones, tests give fakes. */
export interface PaneDependencies {
  /** Called only in Excel, and only when the pane can run there. */
  createExcelHost: () => ExcelHost;
  /** The report code, fetched only when first needed (see report-loaders.ts). */
  loadExcelReportService: () => Promise<ExcelReportService>;
  loadWordReportService: () => Promise<WordReportService>;
}

export function startPane(container: HTMLElement, env: PaneEnvironment, deps: PaneDependencies): Root {
  const root = createRoot(container);
  const show = (content: ReactNode) =>
    root.render(
      <Providers dark={env.dark} colours={env.colours} displayLanguage={env.displayLanguage}>
        {content}
      </Providers>,
    );
  if (isUnsupported(env)) show(<NotSupported env={env} />);
  else if (env.host === 'word') show(<App host="word" loadReportService={deps.loadWordReportService} />);
  else {
    // The settings are read from the workbook before the pane shows, so that its first preview is
    // scored by them; unreadable, the pane starts from what the page has (the defaults).
    const workbook = deps.createExcelHost();
    void workbook
      .refreshSettings({ waitForCellEdit: true })
      .catch(() => undefined)
      .then(() => show(<App host="excel" workbook={workbook} loadReportService={deps.loadExcelReportService} />));
  }
  return root;
}
