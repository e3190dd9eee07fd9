/** The pane for the host it opened in. */
import type { WorkbookHost } from '../hosts/workbook-host';
import { ExcelPane } from './excel/ExcelPane';
import { WordPane } from './word/WordPane';

export type AppProps = { host: 'excel'; workbook: WorkbookHost } | { host: 'word' };

export function App(props: AppProps) {
  return props.host === 'excel' ? <ExcelPane host={props.workbook} /> : <WordPane />;
}
