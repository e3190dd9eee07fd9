/** Rendering helpers shared by the task pane's component tests. */
import { render, type RenderResult } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReactElement } from 'react';
import type { ExcelReportService } from '../../src/app/report-service';
import type { Grid } from '../../src/engine/grid';
import type { ExcelHost } from '../../src/app/ports';
// xlsx-read is the reader itself; xlsx-file re-exports it together with the Node-only patcher.
import { readWorkbookGrids } from '../../src/xlsx/read';
import { ExcelPane } from '../../src/taskpane/excel/ExcelPane';
import { Providers } from '../../src/taskpane/Providers';

export const SEED_FILE = path.join(__dirname, '..', '..', 'examples', '示例-专项资金自评表.xlsx');

let seed: Promise<Grid> | undefined;

/** The seed example's sheet (98.75, 优), read once per test file with the real .xlsx reader. */
export function seedGrid(): Promise<Grid> {
  seed ??= readWorkbookGrids(readFileSync(SEED_FILE)).then((grids) => grids[0]);
  return seed;
}

export function renderInPane(ui: ReactElement, displayLanguage = 'zh-CN'): RenderResult {
  return render(
    <Providers dark={false} displayLanguage={displayLanguage}>
      {ui}
    </Providers>,
  );
}

/** For tests that do not draft a report: the report code never arrives. */
export function noReportService(): Promise<never> {
  return Promise.reject(new Error('no report service in this test'));
}

export function renderExcelPane(
  host: ExcelHost,
  displayLanguage = 'zh-CN',
  loadReportService: () => Promise<ExcelReportService> = noReportService,
): RenderResult {
  return renderInPane(<ExcelPane host={host} loadReportService={loadReportService} />, displayLanguage);
}
