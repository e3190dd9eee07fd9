/**
 * The 网页版's entry point: one HTML page, opened from a file or any static server, that scores the
 * workbooks the user chooses in the browser. No Office, no office.js, no request beyond the page
 * itself: the workbook code is inside the page (see inline-chunks.ts).
 */
import './polyfills'; // before the libraries that need them
import { createRoot } from 'react-dom/client';
import { Providers } from '../taskpane/Providers';
import { downloadFile } from './download';
import { loadWorkbookFileService } from './load-service';
import { WebPage } from './WebPage';

const container = document.getElementById('root');
// web.html's guard has already said why a browser too old for the page cannot use it.
if (container && !(window as { perfEvalOldBrowser?: boolean }).perfEvalOldBrowser) {
  // The browser's language, as Office's display language decides the pane's.
  const language = navigator.languages?.[0] ?? navigator.language;
  createRoot(container).render(
    <Providers dark={false} displayLanguage={language}>
      <WebPage loadService={loadWorkbookFileService} download={downloadFile} />
    </Providers>,
  );
}
