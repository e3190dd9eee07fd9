import { itemOfUnreadFile, itemsOfScoredSheets, NO_TABLE_MESSAGE } from '../../src/app/batch-items';
import { evaluateGrid } from '../../src/engine/evaluate';
import { ProductError } from '../../src/engine/product-error';
import { gridFromRows, seedForm } from '../helpers/grid-builder';

const scored = (grid: ReturnType<typeof seedForm>) => ({ name: grid.sheet, outcome: evaluateGrid(grid) });

test('the sheets with a table are the batch items; a cover sheet beside them is left out', () => {
  const form = scored(seedForm());
  const cover = scored(gridFromRows([['2024年度绩效自评材料']], { sheet: '封面' }));
  expect(itemsOfScoredSheets('a.xlsx', [cover, form])).toEqual([{ file: 'a.xlsx', sheet: form.name, outcome: form.outcome }]);
});

test('a workbook with no table at all is one failure, naming the file', () => {
  const cover = scored(gridFromRows([['2024年度绩效自评材料']], { sheet: '封面' }));
  expect(itemsOfScoredSheets('b.xlsx', [cover])).toEqual([{ file: 'b.xlsx', message: NO_TABLE_MESSAGE }]);
});

test("a file the product cannot read is filed with the product's reason; any other error is ours and thrown on", () => {
  expect(itemOfUnreadFile('c.xlsx', new ProductError('corrupt', '文件已损坏', 'The file is damaged'))).toEqual({ file: 'c.xlsx', message: '文件已损坏' });
  expect(() => itemOfUnreadFile('d.xlsx', new TypeError('x is undefined'))).toThrow(TypeError);
});
