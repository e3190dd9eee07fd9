/** Which cells 撤销本次评分 may put back: those still holding what the run wrote, or what they held before. */
import { sameValue, undoVerdict } from '../../src/app/undo-check';
import type { ReplacedCell } from '../../src/app/ports';

const cell = (value: ReplacedCell['value'], written?: number | string, formula?: string): ReplacedCell => ({
  address: 'H13',
  value,
  ...(formula !== undefined ? { formula } : {}),
  numberFormat: 'General',
  fill: null,
  ...(written !== undefined ? { written } : {}),
});

test('numbers within a small tolerance; a number also as its text; strings exactly; booleans', () => {
  expect(sameValue(7.15, 7.15)).toBe(true);
  expect(sameValue(0.3, 0.1 + 0.2)).toBe(true);
  expect(sameValue(98.75, 98.7500000000001)).toBe(true);
  expect(sameValue(7.15, 7.16)).toBe(false);
  expect(sameValue(0, 1e-6)).toBe(false);
  expect(sameValue(4.5, '4.5')).toBe(true); // a text-formatted cell keeps a written number as text
  expect(sameValue(4.5, ' 4.50 ')).toBe(true);
  expect(sameValue(4.5, '4.5分')).toBe(false);
  expect(sameValue(0, '')).toBe(false);
  expect(sameValue('无偏差', '无偏差')).toBe(true);
  expect(sameValue('无偏差', '无偏差 ')).toBe(false);
  expect(sameValue('12', 12)).toBe(false);
  expect(sameValue('', '')).toBe(true);
  expect(sameValue(true, true)).toBe(true);
  expect(sameValue(true, 'TRUE')).toBe(false);
});

test('what the run wrote, or what was there before: restore; anything else: edited', () => {
  expect(undoVerdict(cell('', 7.15), { value: 7.15 })).toBe('restore');
  expect(undoVerdict(cell('', 7.15), { value: '' })).toBe('restore'); // cleared back to how it was
  expect(undoVerdict(cell('', 7.15), { value: 6 })).toBe('edited');
  expect(undoVerdict(cell('', 7.15), { value: 7.15, formula: '=7.15' })).toBe('edited'); // the run writes no formulas
  expect(undoVerdict(cell(3, '=危险'), { value: '=危险' })).toBe('restore'); // written with an apostrophe, kept without
  expect(undoVerdict(cell(3, '无偏差'), { value: '已说明原因' })).toBe('edited');
  // a formula before the run: the same formula counts as "before", its result alone does not
  expect(undoVerdict(cell(4, 5, '=G12*0.9'), { value: 4, formula: '=G12*0.9' })).toBe('restore');
  expect(undoVerdict(cell(4, 5, '=G12*0.9'), { value: 4 })).toBe('edited');
  expect(undoVerdict(cell(4, 5, '=G12*0.9'), { value: 5 })).toBe('restore');
});

test('an old record (what the run wrote unknown): only a cell still as before is restored', () => {
  expect(undoVerdict(cell(''), { value: '' })).toBe('restore');
  expect(undoVerdict(cell(3), { value: 3 })).toBe('restore');
  expect(undoVerdict(cell(''), { value: 7.15 })).toBe('unknown');
  expect(undoVerdict(cell(3), { value: 3, formula: '=1+2' })).toBe('unknown');
});
