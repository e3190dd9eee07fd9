/**
 * The report code (docx, exceljs, the renderers) is several hundred KB: it is fetched only when the
 * user turns to the report, so the pane's first paint stays small. Webpack turns each `import()`
 * into a separate chunk.
 *
 * The service is kept once loaded. The Excel report copies to the clipboard, which a webview
 * allows only shortly after the user's click: the pane starts loading when the report section
 * opens, so that the click itself waits for nothing.
 *
 * Only index.tsx imports this module: the components get the loaders through props (start-pane →
 * App → the panes), so that tests hand them fakes.
 */
import type { ExcelReportService, WordReportService } from '../app/report-service';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      // A failed fetch (network hiccup while loading the chunk) may succeed on 重试.
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export const loadExcelReportService = once(async (): Promise<ExcelReportService> => {
  const module = await import(/* webpackChunkName: "excel-report" */ '../report-service/excel-report');
  return module.createExcelReportService();
});

export const loadWordReportService = once(async (): Promise<WordReportService> => {
  const module = await import(/* webpackChunkName: "word-report" */ '../report-service/word-report');
  return module.createWordReportService();
});
