/**
 * Numbered breakdowns: a row "一、示范区建立 | ≥20000亩" followed by rows "1、…", "2、…", "3、…" whose
 * targets add up to its own (500 + 1000 + 18500 亩) lists the parts of that one indicator, as 其中
 * rows do, and the parts are not scored a second time. Only when the sums agree and the parts carry
 * no points of their own beyond the parent's: otherwise they are indicators in their own right.
 */
import { a1 } from '../address';
import type { Problem } from '../evaluation';
import { formatNumber, problem } from '../messages';
import type { RowReading } from '../read-rows';

/** 一、 二、 … or （一）: a heading number. */
const PARENT = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])/;
/** 1、 2. （1）: a sub-item number. */
const CHILD = /^(?:\d+[、.．](?!\d)|[（(]\d+[)）])/;

const pointsOf = (r: RowReading) => (r.weightReading.kind === 'points' ? r.weightReading.value : undefined);

export function findBreakdowns(readings: readonly RowReading[], level3Col: number): { parts: Set<number>; problems: Problem[] } {
  const parts = new Set<number>();
  const problems: Problem[] = [];
  for (let i = 0; i < readings.length; i++) {
    const parent = readings[i];
    if (!PARENT.test(parent.ref.level3) || parent.target.kind !== 'number') continue;
    let end = i + 1;
    while (end < readings.length && CHILD.test(readings[end].ref.level3)) end++;
    const children = readings.slice(i + 1, end);
    if (children.length < 2 || !addsUp(parent, children)) continue;
    for (const child of children) parts.add(child.ref.row);
    problems.push(
      problem('breakdown-rows', a1(parent.ref.row, level3Col), {
        from: children[0].ref.row,
        to: children[children.length - 1].ref.row,
        row: parent.ref.row,
        name: parent.ref.level3,
        target: parent.targetText,
      }),
    );
    i = end - 1;
  }
  return { parts, problems };
}

function addsUp(parent: RowReading, children: RowReading[]): boolean {
  const { target } = parent;
  if (target.kind !== 'number') return false;
  let sum = 0;
  for (const { target: t } of children) {
    if (t.kind !== 'number' || t.unit !== target.unit) return false;
    sum += t.value;
  }
  if (Math.abs(sum - target.value) > 0.005) return false; // exactly, to the hundredth
  // Points on the parts are the parent's shared out, or the parts are indicators of their own.
  const childPoints = children.map(pointsOf);
  if (childPoints.every((p) => p === undefined)) return true;
  const parentPoints = pointsOf(parent);
  const total = childPoints.reduce<number>((s, p) => s + (p ?? 0), 0);
  return parentPoints !== undefined && formatNumber(total) === formatNumber(parentPoints);
}
