/**
 * The 网页版: useWebPage's state and actions, shown by WebPageView. The loader of the workbook code
 * and the download come in as props (index.tsx gives the real ones, tests fakes).
 */
import type { WorkbookFileService } from '../report-service/workbook-files';
import type { Download } from './download';
import { useWebPage } from './use-web-page';
import { WebPageView } from './WebPageView';

export interface WebPageProps {
  loadService: () => Promise<WorkbookFileService>;
  download: Download;
}

export function WebPage({ loadService, download }: WebPageProps) {
  return <WebPageView page={useWebPage(loadService, download)} />;
}
