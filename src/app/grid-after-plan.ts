/**
 * The sheet as it is after a plan was written, computed instead of read back: the pane refreshes
 * its preview after a scoring run without another round trip to Excel, so a run stays at two syncs.
 */
import { parseA1 } from '../engine/address';
import type { Grid, GridCell } from '../engine/grid';
import type { WritePlan } from '../engine/write-plan';
import { displayText } from '../hosts/display-text';

export function gridAfterPlan(grid: Grid, plan: WritePlan): Grid {
  if (plan.sheet !== grid.sheet || plan.writes.length === 0) return grid;
  const cells = grid.cells.map((line) => line.slice());
  for (const write of plan.writes) {
    const { row, col } = parseA1(write.address);
    const r = row - grid.top;
    const c = col - grid.left;
    // The plan only writes inside or to the right of / below the table, never above or left of the grid.
    if (r < 0 || c < 0) continue;
    while (cells.length <= r) cells.push([]);
    const previous = cells[r][c];
    const format = write.numberFormat ?? previous?.format ?? 'General';
    const cell: GridCell = { value: write.value, text: displayText(write.value, format), format };
    cells[r][c] = cell;
  }
  return { ...grid, cells };
}
