/**
 * Judgements are saved by sheet row, with the 三级指标 the row had when it was judged. When rows
 * are inserted or deleted above the table, the row number points at another indicator: the
 * judgement then follows its indicator to its new row, and one whose indicator is gone is set
 * aside with a word, never applied to whatever row now has its number.
 */
import type { Problem } from '../evaluation';
import { problem } from '../messages';
import type { Judgement } from './score-indicator';

export interface LabelledRow {
  row: number;
  label: string;
}

const labelOf = (judgement: Judgement) => (typeof judgement === 'number' ? undefined : judgement.label?.trim() || undefined);
const same = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** The judgements by the rows their indicators are on now, and a note for each moved or set aside. */
export function followJudgements(
  judgements: Record<number, Judgement> | undefined,
  rows: LabelledRow[],
  cellOf: (row: number) => string | undefined,
): { judgements: Record<number, Judgement> | undefined; problems: Problem[] } {
  if (!judgements) return { judgements, problems: [] };
  const out: Record<number, Judgement> = {};
  const problems: Problem[] = [];
  const labelAt = new Map(rows.map((r) => [r.row, r.label]));
  for (const [key, judgement] of Object.entries(judgements)) {
    const row = Number(key);
    const label = labelOf(judgement);
    // Saved without a label (an older version, the command line's --judge): by row, as before.
    if (label === undefined || (labelAt.has(row) && same(labelAt.get(row) ?? '', label))) {
      if (out[row] === undefined) out[row] = judgement;
      continue;
    }
    const matches = rows.filter((r) => same(r.label, label));
    if (matches.length === 1 && out[matches[0].row] === undefined && !sameRowClaimed(judgements, matches[0].row, labelAt)) {
      out[matches[0].row] = judgement;
      problems.push(problem('judgement-moved', cellOf(matches[0].row), { label, from: row, to: matches[0].row }));
    } else {
      problems.push(problem('judgement-orphaned', cellOf(row), { label, row }));
    }
  }
  return { judgements: out, problems };
}

/** The row to move to already holds a judgement made for its own indicator: that one stays. */
function sameRowClaimed(judgements: Record<number, Judgement>, row: number, labelAt: Map<number, string>): boolean {
  const there = judgements[row];
  if (there === undefined) return false;
  const label = labelOf(there);
  return label === undefined || same(labelAt.get(row) ?? '', label);
}
