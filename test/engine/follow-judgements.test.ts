/**
 * A judgement follows its indicator when rows are inserted or deleted above the table (issue 11,
 * item 6): it is saved with the 三级指标 it was made for, never applied to whatever row now has
 * its number.
 */
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Judgement } from '../../src/engine/score/score-indicator';
import { sanitiseSettings } from '../../src/app/settings';
import { insertRows, standardForm } from '../helpers/grid-builder';

// Rows 10 and 11: two qualitative indicators the rules cannot settle.
const form = () =>
  standardForm([
    { level1: '效益指标', level2: '社会效益指标', level3: '群众出行条件', target: '明显改善', actual: '有所改善', weight: 45 },
    { level1: '效益指标', level2: '社会效益指标', level3: '服务水平', target: '显著提升', actual: '一般', weight: 45 },
  ]);

const judged = (tier: 'achieved' | 'partial' | 'failed', label?: string): Judgement => (label ? { tier, label } : { tier });

function score(grid = form(), judgements: Record<number, Judgement>) {
  const outcome = evaluateGrid(grid, { judgements });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.evaluation;
}

test('on its own row, a judgement applies as before', () => {
  const ev = score(form(), { 10: judged('achieved', '群众出行条件') });
  expect(ev.indicators[0]).toMatchObject({ row: 10, status: 'met', score: 45 });
  expect(ev.problems.map((p) => p.code)).not.toContain('judgement-moved');
});

test('after two rows are inserted above the table, it moves with its indicator and says so', () => {
  const moved = insertRows(form(), 3, [['填报说明'], []]);
  const ev = score(moved, { 10: judged('achieved', '群众出行条件') });
  const row = ev.indicators.find((i) => i.level3 === '群众出行条件');
  expect(row).toMatchObject({ row: 12, status: 'met', score: 45 });
  // row 10 is now a title line, row 12's neighbour 服务水平 on row 13 is not judged
  expect(ev.indicators.find((i) => i.level3 === '服务水平')?.status).toBe('needs-judgement');
  const note = ev.problems.find((p) => p.code === 'judgement-moved');
  expect(note?.cell).toBe('F12');
  expect(note?.message).toContain('“群众出行条件”的人工评定原在第10行，表格行数变动后已随该指标移到第12行');
});

test('it is never applied to the indicator that now has its row number', () => {
  // 服务水平 was on row 11; a row deleted above puts 服务水平 on row 10, where 群众出行条件 was judged
  const grid = form();
  grid.cells.splice(2, 1); // a line above the table removed: every row moves up by one
  const ev = score(grid, { 10: judged('failed', '群众出行条件') });
  expect(ev.indicators.find((i) => i.level3 === '服务水平')?.status).toBe('needs-judgement');
  expect(ev.indicators.find((i) => i.level3 === '群众出行条件')).toMatchObject({ row: 9, status: 'unmet' });
});

test('a judgement whose indicator is gone is set aside with a warning naming the row', () => {
  const ev = score(form(), { 10: judged('achieved', '已删除的指标') });
  expect(ev.indicators.every((i) => i.status === 'needs-judgement')).toBe(true);
  const warning = ev.problems.find((p) => p.code === 'judgement-orphaned');
  expect(warning).toMatchObject({ severity: 'warning' });
  expect(warning?.message).toContain('第10行原有对“已删除的指标”的人工评定');
});

test('judgements saved without a label (older versions, --judge) still apply by row', () => {
  expect(score(form(), { 11: judged('partial') }).indicators[1].status).toBe('unmet');
});

test('the saved label survives the settings round trip; a damaged one is dropped, the judgement kept', () => {
  const saved = sanitiseSettings({ judgements: { 自评表: { 10: { tier: 'achieved', label: '群众出行条件' }, 11: { tier: 'failed', label: 42 } } } });
  expect(saved.judgements['自评表']).toEqual({ 10: { tier: 'achieved', label: '群众出行条件' }, 11: { tier: 'failed' } });
});
