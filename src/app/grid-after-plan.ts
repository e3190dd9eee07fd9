/**
 * The sheet as it is after a plan was written, computed instead of read back: the pane refreshes
 * its preview after a scoring run without another round trip to Excel, so a run stays at two syncs.
 */
import { parseA1 } from '../engine/address';
import type { Grid, GridCell } from '../engine/grid';
import type { WritePlan } from '../engine/write-plan';
import { displayText } from '../engine/display-text';

export function gridAfterPlan(grid: Grid, plan: WritePlan): Grid {
  if (plan.sheet !== grid.sheet || plan.writes.length === 0) return grid;
  // Only the rows written to are copied: the sheet may reach a million rows, nearly all empty
  // (one shared, frozen empty row), and the input grid stays as it was.
  const cells = grid.cells.slice();
  const copied = new Set<number>();
  for (const write of plan.writes) {
    const { row, col } = parseA1(write.address);
    const r = row - grid.top;
    const c = col - grid.left;
    // The plan only writes inside or to the right of / below the table, never above or left of the grid.
    if (r < 0 || c < 0) continue;
    while (cells.length <= r) cells.push([]);
    if (!copied.has(r)) {
      cells[r] = cells[r]?.slice() ?? [];
      copied.add(r);
    }
    const previous = cells[r][c];
    const format = write.numberFormat ?? previous?.format ?? 'General';
    const cell: GridCell = { value: write.value, text: displayText(write.value, format), format };
    cells[r][c] = cell;
  }
  return { ...grid, cells };
}
