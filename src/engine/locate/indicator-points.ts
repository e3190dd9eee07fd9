/**
 * The points a form gives its indicator rows together, where it states them: a caption above the
 * header ("年度目标1:(80分)", "绩效指标（80分）") or a label down the side of the indicator block
 * ("年度绩效目标(80分)"). Hubei's whole-department form, for one, gives the funds 20 and the
 * indicators 80, so the profile's 50/30/10 split of the level-1 groups must be fitted to 80.
 */
import { a1 } from '../address';
import { cellAt, type Grid } from '../grid';
import { MAX_POINTS } from '../read-points';
import { plainText } from './cell-text';
import { weightInLabel } from './header-vocabulary';
import type { IndicatorTable } from './locate-table';

/** Words that name the indicator part of the form, not the funds, in such a caption. */
const INDICATOR_PART = /绩效指标|绩效目标|年度目标/;
const FUNDS_PART = /预算|资金|执行/;

export interface StatedPoints {
  points: number;
  /** The caption's cell, for the message. */
  cell: string;
}

/**
 * Looked for in the rows between the form's start and the header (captions), and left of the
 * level-1 column from the header down (side labels), the first one found.
 */
export function statedIndicatorPoints(grid: Grid, table: IndicatorTable, formTop: number): StatedPoints | undefined {
  const sideEdge = (table.columns.level1 ?? grid.left) - 1;
  for (let row = Math.max(formTop, grid.top); row <= table.bottom; row++) {
    const last = row < table.headerTop ? grid.left + (grid.cells[row - grid.top]?.length ?? 0) - 1 : sideEdge;
    for (let col = grid.left; col <= last; col++) {
      const text = plainText(cellAt(grid, row, col));
      if (!INDICATOR_PART.test(text) || FUNDS_PART.test(text)) continue;
      const { weight } = weightInLabel(text);
      if (weight !== undefined && weight > 0 && weight < MAX_POINTS) return { points: weight, cell: a1(row, col) };
    }
  }
  return undefined;
}
