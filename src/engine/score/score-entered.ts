/**
 * Score-only forms (older 共性指标 sheets): 决策/过程/产出/效益 rows with a 分值 and the unit's own
 * 得分, and no 指标值 or 实际完成值. They are real 自评表, so they are read, not refused; but there is
 * nothing to compute a row's score from. The entered scores are taken as they stand, checked against
 * their 分值, and summed; the evaluation says plainly that they were not computed.
 */
import type { IndicatorResult, Problem } from '../evaluation';
import { cellAt, type Grid } from '../grid';
import type { IndicatorTable } from '../locate/locate-table';
import { formatNumber, problem } from '../messages';
import { enteredScore, readPoints } from '../read-points';
import { cellAddress } from '../read-rows';
import { round2 } from './round';

/** A table with a 分值 and a 得分 column and neither targets nor actuals, whose rows carry scores. */
export function isScoreOnlyTable(grid: Grid, table: IndicatorTable): boolean {
  const { columns } = table;
  if (columns.target !== undefined || columns.actual !== undefined) return false;
  if (columns.weight === undefined || columns.score === undefined) return false;
  return table.rows.some((r) => enteredScore(cellAt(grid, r.row, columns.score as number)) !== undefined);
}

export interface EnteredScores {
  indicators: IndicatorResult[];
  problems: Problem[];
}

export function readEnteredScores(grid: Grid, table: IndicatorTable): EnteredScores {
  const weightCol = table.columns.weight as number;
  const scoreCol = table.columns.score as number;
  const problems: Problem[] = [];
  const indicators = table.rows.map((ref): IndicatorResult => {
    const weightCell = cellAddress(ref.row, weightCol) as string;
    const scoreCell = cellAddress(ref.row, scoreCol) as string;
    const points = readPoints(cellAt(grid, ref.row, weightCol));
    const weight = points.kind === 'points' ? points.value : 0;
    if (points.kind !== 'points') problems.push(problem('weight-missing', weightCell));
    const entered = enteredScore(cellAt(grid, ref.row, scoreCol));
    const base = {
      row: ref.row,
      level1: ref.level1,
      level2: ref.level2,
      level3: ref.level3,
      target: '',
      actual: '',
      kind: 'entered' as const,
      weight: round2(weight),
      cells: { score: scoreCell },
      ...(ref.core ? { core: true } : {}),
    };
    if (entered === undefined) {
      problems.push(problem('entered-score-missing', scoreCell));
      return { ...base, score: 0, status: 'missing-actual', flag: '未填得分' };
    }
    if (entered < 0 || entered > weight) {
      problems.push(problem('entered-score-out-of-range', scoreCell, { score: formatNumber(entered), weight: formatNumber(weight) }));
      return {
        ...base,
        score: round2(Math.min(Math.max(entered, 0), weight)),
        status: 'unreadable',
        flag: '得分超出分值，请核对',
        scoreFromUser: true,
        entered,
      };
    }
    const lost = round2(weight - entered);
    return {
      ...base,
      score: round2(entered),
      status: lost > 0 ? 'unmet' : 'met',
      flag: lost > 0 ? `按所填得分计（扣${formatNumber(lost)}分）` : '按所填得分计（满分）',
      scoreFromUser: true,
      entered,
    };
  });
  return { indicators, problems };
}
