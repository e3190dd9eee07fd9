/**
 * Weights the sheet gives that cannot be weights: a negative 分值, more points than the whole form
 * holds, a figure that is no plain number, on an indicator row, in a level-1 label ("产出指标（500分）")
 * or in the funds block.
 *
 * WHY the sheet is then not scored at all (a failure, exit 2 in the command line) rather than scored
 * with an error note: the weights are the scale of the whole table. Every row's score is a share of
 * its weight and the total is their sum, so one impossible weight leaves no score on the sheet
 * meaningful, and there is no stand-in that is not a guess: 0 would quietly shrink the total (and a
 * profile that re-bases to 100 would even raise it), the default split would overrule the figures
 * the user wrote. An unreadable target or amount spoils one row or the funds score only; those are
 * error notes on a scored sheet (see score-indicator.ts and score-funds.ts).
 */
import { a1 } from '../address';
import { cellAt, type Grid } from '../grid';
import { displayText } from '../locate/cell-text';
import { fundsCell, type FundsBlock } from '../locate/locate-funds';
import type { IndicatorTable } from '../locate/locate-table';
import { checkPoints, MAX_POINTS, readPoints, type PointsProblem, type PointsReading } from '../read-points';
import type { RowReading } from '../read-rows';

export interface BadWeight {
  /** A1 address of the cell, when the weight sits in one. */
  cell?: string;
  /** What the cell says, as displayed. */
  text: string;
  problem: PointsProblem;
}

/** The funds block's written weight: its 分值 cell, else the weight in its label ("预算执行情况（10分）"). */
export function readFundsWeight(grid: Grid, block: FundsBlock): PointsReading & { cell?: string } {
  const weightCell = fundsCell(block, 'weight');
  if (weightCell) {
    const reading = readPoints(cellAt(grid, weightCell.row, weightCell.col));
    if (reading.kind !== 'empty') return { ...reading, cell: a1(weightCell.row, weightCell.col) };
  }
  return block.labelWeight === undefined ? { kind: 'empty' } : checkPoints(block.labelWeight, `${block.labelWeight}分`);
}

export function findBadWeights(grid: Grid, table: IndicatorTable, readings: readonly RowReading[], funds: FundsBlock | undefined): BadWeight[] {
  const bad: BadWeight[] = [];
  const labelsSeen = new Set<number>();
  for (const { ref, weightReading } of readings) {
    if (ref.level1Weight !== undefined && !labelsSeen.has(ref.level1Row)) {
      labelsSeen.add(ref.level1Row);
      const label = checkPoints(ref.level1Weight, `${ref.level1Weight}分`);
      if (label.kind === 'invalid') {
        const col = table.columns.level1;
        bad.push({
          ...(col !== undefined ? { cell: a1(ref.level1Row, col) } : {}),
          text: col !== undefined ? displayText(cellAt(grid, ref.level1Row, col)) : label.text,
          problem: label.problem,
        });
      }
    }
    if (weightReading.kind === 'invalid' && table.columns.weight !== undefined) {
      bad.push({ cell: a1(ref.row, table.columns.weight), text: weightReading.text, problem: weightReading.problem });
    }
  }
  if (funds) {
    const weight = readFundsWeight(grid, funds);
    if (weight.kind === 'invalid') bad.push({ ...(weight.cell ? { cell: weight.cell } : {}), text: weight.text, problem: weight.problem });
  }
  return bad;
}

const PROBLEM_WORDS: Record<PointsProblem, [string, string]> = {
  negative: ['为负数', 'is negative'],
  'too-large': [`超过${MAX_POINTS}分`, `is over ${MAX_POINTS} points`],
  unreadable: ['不是有效的分值', 'is not a number of points'],
};

/** How many bad cells the message names before "等N处": enough to find them, short enough to read. */
const NAMED = 3;

/** One line naming the cells: "分值有误：G10“-15”为负数，G11“-15”为负数。分值应为0到100之间的数，请改正后再评分". */
export function badWeightsMessage(bad: readonly BadWeight[]): { zh: string; en: string } {
  const shown = bad.slice(0, NAMED);
  const zhParts = shown.map((b) => `${b.cell ?? '资金部分标注的分值'}“${b.text}”${PROBLEM_WORDS[b.problem][0]}`);
  const enParts = shown.map((b) => `${b.cell ?? 'the funds label'} "${b.text}" ${PROBLEM_WORDS[b.problem][1]}`);
  const more = bad.length > NAMED ? [`等${bad.length}处`, ` (${bad.length} in all)`] : ['', ''];
  return {
    zh: `分值有误：${zhParts.join('，')}${more[0]}。分值应为0到${MAX_POINTS}之间的数，请改正后再评分`,
    en: `Invalid weights: ${enParts.join('; ')}${more[1]}. A weight must be a number from 0 to ${MAX_POINTS}; correct it and score again`,
  };
}
