/**
 * @jest-environment jsdom
 *
 * The Word pane's state and actions (useWordPane), driven without its view: a chosen file is
 * scored, the first scoreable sheet is shown, and a judgement made here re-scores the sheets the
 * scoring read, in memory, without asking the report code again or reading the file again.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import type { ChangeEvent, ReactNode } from 'react';
import type { ScoredWorkbookFile, WordReportService } from '../../src/app/report-service';
import { DEFAULT_SETTINGS, previewSheet } from '../../src/app/scoring-run';
import { useWordPane } from '../../src/taskpane/word/use-word-pane';
import { Providers } from '../../src/taskpane/Providers';
import { readWorkbookGrids } from '../../src/xlsx/read';
import { SEED_FILE } from './render-pane';

const wrapper = ({ children }: { children: ReactNode }) => (
  <Providers dark={false} displayLanguage="zh-CN">
    {children}
  </Providers>
);

test('choose a file, see its sheet, judge a row: the file is re-scored here with the judgement', async () => {
  const bytes = new Uint8Array(readFileSync(SEED_FILE));
  const grids = await readWorkbookGrids(bytes);
  const book: ScoredWorkbookFile = {
    sheets: grids.map((grid) => ({ name: grid.sheet, outcome: previewSheet({ grid, protected: false }, DEFAULT_SETTINGS) })),
    settings: DEFAULT_SETTINGS,
    saved: 'none',
    grids,
  };
  const scoreWorkbookFile = jest.fn(async () => book);
  const service = { scoreWorkbookFile, insertReport: jest.fn() } as unknown as WordReportService;
  const { result } = renderHook(() => useWordPane(async () => service), { wrapper });

  const file = new File([bytes], '示例.xlsx');
  const event = { target: { files: [file], value: 'x' } } as unknown as ChangeEvent<HTMLInputElement>;
  act(() => result.current.actions.onFile(event));
  await waitFor(() => expect(result.current.evaluation?.totalScore).toBe(98.75));
  expect(result.current.file?.name).toBe('示例.xlsx');
  expect(event.target.value).toBe('');

  const row = result.current.toJudge[0];
  expect(row).toBeDefined();
  expect(row).toMatchObject({ row: 20, score: 30, status: 'met' });
  act(() => result.current.actions.judge(row.row, { tier: 'failed' }));
  await waitFor(() => expect(result.current.sheetJudgements?.[row.row]).toEqual({ tier: 'failed' }));
  await waitFor(() => expect(result.current.evaluation?.indicators.find((i) => i.row === row.row)?.score).toBe(9)); // 30 points × the share mof-2020 gives 未达成 (0.3)
  expect(scoreWorkbookFile).toHaveBeenCalledTimes(1);
});
