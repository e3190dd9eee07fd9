/**
 * The 网页版 scores the real-table corpus as the command line does: the page's own service (the
 * same modules the page bundles, here run in Node) reads each published table, scores every sheet
 * and writes the scored copy; the command line does the same with the same file. The evaluations
 * and the copies must be identical. (The end-to-end test does this in the browser, from file://,
 * for the examples.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkbookFileService } from '../../src/report-service/workbook-files';
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import { workbookFromTranscription } from '../../scripts/real-tables';
import { run } from '../cli/run-main';
import { readCorpus } from '../helpers/real-tables';

const corpus = readCorpus();
const work = mkdtempSync(path.join(os.tmpdir(), 'web-corpus-'));
const service = createWorkbookFileService();

test('the corpus is there to compare', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(15);
});

test.each(corpus.map(({ file, table }) => [file, table] as const))(
  '%s: the same evaluation and the same scored copy as the command line',
  async (file, table) => {
    const bytes = await workbookFromTranscription(table);
    const input = path.join(work, file.replace(/\.json$/, '.xlsx'));
    writeFileSync(input, bytes);
    const out = `${input}.cli.xlsx`;
    const json = `${input}.json`;
    const cli = await run(['score', input, '--all', '--out', out, '--json', json]);
    expect(cli.code).toBe(0);

    const scored = await service.scoreFile(new Uint8Array(readFileSync(input)), { profileId: DEFAULT_SETTINGS.profileId, chosen: false });
    const outcomes = scored.sheets.filter((sheet) => sheet.outcome.ok);
    const evaluations = outcomes.map((sheet) => (sheet.outcome.ok ? sheet.outcome.evaluation : undefined));
    const written = JSON.parse(readFileSync(json, 'utf8')) as unknown;
    expect(JSON.parse(JSON.stringify(evaluations))).toEqual(written); // with --all, the CLI writes a list

    const plans = outcomes.flatMap((sheet) => (sheet.outcome.ok ? [sheet.outcome.plan] : []));
    const copy = await service.scoredCopy(new Uint8Array(readFileSync(input)), plans);
    expect(Buffer.from(copy).equals(readFileSync(out))).toBe(true);
  },
);
