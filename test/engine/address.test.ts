import { a1, columnOfAddress, parseA1, parseRange } from '../../src/engine/address';
import { textUnits } from '../../src/engine/write-plan';

describe('parseA1', () => {
  test.each([
    ['A1', 1, 1],
    ['b12', 12, 2],
    ['$C$7', 7, 3],
    ['Z9', 9, 26],
    ['AA10', 10, 27],
    ['XFD1048576', 1048576, 16384],
    ['  K9 ', 9, 11],
  ])('%s', (address, row, col) => {
    expect(parseA1(address)).toEqual({ row, col });
  });

  test.each(['', 'A', '12', 'ABCD1', 'A1B', 'A-1', '$$A1', 'A1:B2', '甲1'])('refuses %p', (address) => {
    expect(() => parseA1(address)).toThrow('Not an A1 address');
  });

  test('reads back every address a1 writes', () => {
    for (const col of [1, 26, 27, 52, 53, 702, 703, 16384]) for (const row of [1, 99, 1048576]) expect(parseA1(a1(row, col))).toEqual({ row, col });
  });

  test('a range is put in order whichever way round it is written', () => {
    expect(parseRange('C3:A1')).toEqual({ top: 1, left: 1, bottom: 3, right: 3 });
  });
});

describe('columnOfAddress', () => {
  test.each([
    ['A1', 1],
    ['K12', 11],
    ['$AA$7', 27],
    ['xfd1048576', 16384],
  ])('%s is column %i', (address, col) => {
    expect(columnOfAddress(address)).toBe(col);
    expect(columnOfAddress(address)).toBe(parseA1(address).col);
  });
});

describe('textUnits', () => {
  test.each([
    ['', 0],
    ['abc', 3],
    ['得分', 4],
    ['完成率95%', 9],
    ['（１）', 6],
    ['한국', 4],
    ['𠮷', 1],
  ])('%p takes %i units', (text, units) => {
    expect(textUnits(text)).toBe(units);
  });
});
