import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gridAfterPlan } from '../../src/app/grid-after-plan';
import { parseA1 } from '../../src/engine/address';
import { evaluateGrid } from '../../src/engine/evaluate';
import { cellAt } from '../../src/engine/grid';
import { readWorkbookGrids } from '../../src/xlsx/read';
import { applyPlanToXlsx } from '../../src/xlsx/patch/patch';

const EXAMPLES = path.join(__dirname, '../../examples');

describe('the sheet after a plan, computed without reading it back', () => {
  test.each(['示例-专项资金自评表.xlsx', '无分值-农村公路养护.xlsx'])('%s: equals the scored file read back, cell by cell', async (file) => {
    const bytes = readFileSync(path.join(EXAMPLES, file));
    const [grid] = await readWorkbookGrids(bytes);
    const outcome = evaluateGrid(grid);
    if (!outcome.ok) throw new Error(`${file} must score`);
    const computed = gridAfterPlan(grid, outcome.plan);
    const [readBack] = await readWorkbookGrids(await applyPlanToXlsx(bytes, outcome.plan));
    for (const write of outcome.plan.writes) {
      const { row, col } = parseA1(write.address);
      expect([write.address, cellAt(computed, row, col).value]).toEqual([write.address, cellAt(readBack, row, col).value]);
    }
    // Scoring the computed sheet gives what scoring the written file gives.
    const again = evaluateGrid(computed);
    const fromFile = evaluateGrid(readBack);
    expect(again.ok && fromFile.ok).toBe(true);
    if (again.ok && fromFile.ok) {
      expect(again.evaluation).toEqual(fromFile.evaluation);
      expect(again.plan.writes).toEqual(fromFile.plan.writes);
    }
  });

  test('the original grid is left as it was', async () => {
    const [grid] = await readWorkbookGrids(readFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx')));
    const snapshot = JSON.stringify(grid);
    const outcome = evaluateGrid(grid);
    if (!outcome.ok) throw new Error('must score');
    gridAfterPlan(grid, outcome.plan);
    expect(JSON.stringify(grid)).toBe(snapshot);
  });
});
