/**
 * One writer for the command line, the Word pane and the 网页版: the scored copy written with the
 * portable compression (what the browser runs) holds exactly what the command line's (Node's
 * zlib) holds, part for part, for every example, every fixture workbook and the real-table corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateGrid } from '../../src/engine/evaluate';
import { nodeCompression } from '../../src/xlsx/node-compression';
import { portableCompression, useCompression, type Compression } from '../../src/xlsx/zip/deflate';
import { ZipArchive } from '../../src/xlsx/zip/zip';
import { applyPlanToXlsx, readWorkbookGrids } from '../../src/xlsx/workbook';
import { workbookFromTranscription } from '../../scripts/real-tables';
import { readCorpus } from '../helpers/real-tables';

const ROOT = path.join(__dirname, '..', '..');
const xlsxIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.xlsx'))
    .map((name) => path.join(dir, name));
const files = [...xlsxIn(path.join(ROOT, 'examples')), ...xlsxIn(path.join(ROOT, 'test/fixtures'))];

afterAll(() => useCompression(portableCompression));

/** Every sheet with a table, scored (or given the columns to fill in) and written with `compression`: the copies, by sheet. */
async function scoredCopies(bytes: Uint8Array, compression: Compression): Promise<Map<string, Uint8Array>> {
  useCompression(compression);
  const copies = new Map<string, Uint8Array>();
  for (const grid of await readWorkbookGrids(bytes)) {
    const outcome = evaluateGrid(grid);
    // a table with targets only is written too: the columns to fill in are added (--add-columns)
    const plan = outcome.ok ? outcome.plan : outcome.failure === 'targets-only' ? outcome.addColumnsPlan : undefined;
    if (plan) copies.set(grid.sheet, await applyPlanToXlsx(bytes, plan));
  }
  return copies;
}

function partsOf(bytes: Uint8Array): Map<string, Buffer> {
  const zip = ZipArchive.open(bytes);
  return new Map(zip.names().map((name) => [name, Buffer.from(zip.read(name))]));
}

async function expectSameCopies(bytes: Uint8Array): Promise<number> {
  const original = Buffer.from(bytes);
  const byNode = await scoredCopies(bytes, nodeCompression);
  const portable = await scoredCopies(bytes, portableCompression);
  expect([...portable.keys()]).toEqual([...byNode.keys()]);
  for (const [sheet, copy] of portable) {
    const [mine, theirs] = [partsOf(copy), partsOf(byNode.get(sheet) as Uint8Array)];
    expect([...mine.keys()]).toEqual([...theirs.keys()]);
    for (const [name, content] of mine) expect(content.equals(theirs.get(name) as Buffer)).toBe(true);
  }
  expect(Buffer.from(bytes).equals(original)).toBe(true); // the input is never written to
  return portable.size;
}

test.each(files.map((file) => [path.relative(ROOT, file), file]))('%s: the same scored copy either way', async (_, file) => {
  expect(await expectSameCopies(readFileSync(file))).toBeGreaterThan(0);
});

test('the real-table corpus: the same scored copies either way', async () => {
  let scored = 0;
  for (const { table } of readCorpus()) scored += await expectSameCopies(await workbookFromTranscription(table));
  expect(scored).toBeGreaterThanOrEqual(15);
});
