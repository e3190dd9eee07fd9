/**
 * The corpus of real published 自评表 (test/fixtures/real/*.json) as the tests read it: each
 * transcription turned into an .xlsx the way a unit keeps it (scripts/real-tables.js) and read back
 * by the .xlsx host, so the engine sees the cells, formats and merges a real workbook gives.
 */
import type { IndicatorResult } from '../../src/engine/evaluation';
import type { Grid } from '../../src/engine/grid';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { workbookFromTranscription, type ExpectedRow, type Transcription } from '../../scripts/real-tables';

export { readCorpus, type ExpectedRow, type Transcription } from '../../scripts/real-tables';

/** A rounding of the last place, as tables print two decimals. */
export const SCORE_TOLERANCE = 0.011;

/** The transcription's sheet as the engine gets it from an .xlsx file. */
export async function gridFromTranscription(table: Transcription): Promise<Grid> {
  const [grid] = await readWorkbookGrids(await workbookFromTranscription(table));
  return grid;
}

/**
 * The engine's row is scored as worked out by hand. A row the rules leave out (a template
 * placeholder, a 其中 breakdown, "/") may be skipped or kept as not applicable.
 */
export function scoredAsExpected(expected: ExpectedRow, got: IndicatorResult | undefined): boolean {
  if (expected.status === 'not-applicable' && (got === undefined || got.status === 'not-applicable')) return true;
  return got !== undefined && expected.score !== undefined && Math.abs(got.score - expected.score) < SCORE_TOLERANCE;
}

export function sameScore(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && Math.abs(a - b) < SCORE_TOLERANCE;
}
