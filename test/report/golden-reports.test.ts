/**
 * The whole text of each outline's report for three sheets, kept as golden files in
 * test/report/golden/: a change of wording is then a diff someone reviews. Every report generated
 * here also passes the checks in test/helpers/report-checks.ts. Run with UPDATE_GOLDEN=1 to
 * rewrite the files after a deliberate change, and read the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import { buildReport } from '../../src/engine/report/build';
import { OUTLINE_IDS } from '../../src/engine/report/model';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { renderText } from '../../src/render/text';
import { reportFaults } from '../helpers/report-checks';
import { seed } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const GOLDEN = path.join(__dirname, 'golden');
const EXAMPLES = path.join(ROOT, 'examples');

async function scoredExample(file: string): Promise<Evaluation[]> {
  const grids = await readWorkbookGrids(new Uint8Array(readFileSync(path.join(EXAMPLES, file))));
  return grids.flatMap((grid) => {
    const outcome = evaluateGrid(grid);
    return outcome.ok ? [outcome.evaluation] : [];
  });
}

/** The seed's own table, a roads fund with pending and missed rows and a rate under 100%, a school fund in 元. */
const SHEETS: Record<string, () => Promise<Evaluation>> = {
  seed: async () => seed(),
  roads: async () => (await scoredExample('衔接资金-农村公路养护.xlsx'))[0],
  school: async () => (await scoredExample('分列指标值-课后服务.xlsx'))[0],
};

const DATE = { date: '2025-06-11' };

describe.each(Object.keys(SHEETS))('the %s report', (sheet) => {
  test.each([...OUTLINE_IDS])('%s outline reads as its golden file', async (outline) => {
    const text = renderText(buildReport(await SHEETS[sheet](), { outline, ...DATE }));
    const file = path.join(GOLDEN, `${sheet}.${outline}.txt`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('every report the examples give passes the checks', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xlsx'));
  test.each(files)('%s, in every outline', async (file) => {
    for (const evaluation of await scoredExample(file)) {
      for (const outline of OUTLINE_IDS) {
        expect({ file, outline, faults: reportFaults(buildReport(evaluation, { outline })) }).toEqual({ file, outline, faults: [] });
      }
    }
  });

  test('the checks find what they look for', () => {
    const model = buildReport(seed());
    const first = model.sections[1].sections[0];
    first.blocks.push(
      { type: 'paragraph', runs: [{ text: '我单位实行专款专用、单独核算，全年预算数为10万元。' }] },
      { type: 'paragraph', runs: [{ text: '我单位实行专款专用、单独核算，全年预算数为10万元。' }] },
      { type: 'paragraph', runs: [{ text: '共undefined项' }] },
    );
    const faults = reportFaults(model).join('\n');
    expect(faults).toMatch(/unmarked boilerplate “专款专用”/);
    expect(faults).toMatch(/a sentence said 2 times/);
    expect(faults).toMatch(/a fact stated \d times .*全年预算数=10万元/);
    expect(faults).toMatch(/a leak in: 共undefined项/);
  });
});
