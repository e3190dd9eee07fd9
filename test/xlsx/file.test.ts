import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook, Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { cellAt, Grid, gridColumnCount } from '../../src/engine/grid';
import { CellWrite, FILLS } from '../../src/engine/write-plan';
import { displayText } from '../../src/engine/display-text';
import { applyPlanToXlsx, readWorkbookGrids, XlsxInputError } from '../../src/xlsx/file';
import { readWorkbookGrids as readWithExcelJsAlone } from '../../src/xlsx/read';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const FIXTURE_NAMES = ['seed-standard-form', 'roads-xianjie', 'school-split', 'seed-own-table', 'roads-noweights', 'seed-targets-only'];

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, `${name}.xlsx`)));
}

async function build(fill: (workbook: Workbook) => void): Promise<Uint8Array> {
  const workbook = new Workbook();
  fill(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function load(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const file of Object.values(zip.files)) if (!file.dir) texts.set(file.name, await file.async('string'));
  return texts;
}

async function oneGrid(bytes: Uint8Array): Promise<Grid> {
  const grids = await readWorkbookGrids(bytes);
  return grids[0];
}

function write(address: string, value: number | string, extra: Partial<CellWrite> = {}): CellWrite {
  return { address, value, role: 'score', ...extra };
}

describe('readWorkbookGrids on the fixtures', () => {
  test.each(FIXTURE_NAMES)('%s: one sparse grid (each row ends at its last cell), merged cells only in their anchor', async (name) => {
    const grids = await readWorkbookGrids(fixture(name));
    expect(grids).toHaveLength(1);
    const grid = grids[0];
    for (const row of grid.cells) if (row.length > 0) expect(row[row.length - 1]).toBeDefined();
    expect(gridColumnCount(grid)).toBeGreaterThan(0);
    expect(grid.merges.length).toBeGreaterThan(0);
    for (const m of grid.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          if (r !== m.top || c !== m.left) expect(grid.cells[r - grid.top]?.[c - grid.left]).toBeUndefined();
        }
      }
    }
  });

  test('seed-standard-form: values, merges and the used area', async () => {
    const grid = await oneGrid(fixture('seed-standard-form'));
    expect(grid).toMatchObject({ sheet: '自评表', top: 1, left: 1 });
    expect(grid.cells).toHaveLength(22);
    expect(gridColumnCount(grid)).toBe(10);
    expect(cellAt(grid, 1, 1)).toEqual({ value: '项目支出绩效自评表', text: '项目支出绩效自评表', format: 'General' });
    expect(grid.cells[0][1]).toBeUndefined(); // B1, inside A1:J1
    expect(grid.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 10 });
    expect(grid.merges).toContainEqual({ top: 5, left: 1, bottom: 9, right: 1 });
    expect(cellAt(grid, 6, 5)).toEqual({ value: 10, text: '10', format: 'General' });
    expect(cellAt(grid, 13, 2).value).toBe('产出指标');
    expect(grid.cells[13][1]).toBeUndefined(); // B14, inside B13:B19
  });

  test('roads-xianjie: percent-formatted fractions keep their value and show Excel text', async () => {
    const grid = await oneGrid(fixture('roads-xianjie'));
    expect(cellAt(grid, 19, 7)).toEqual({ value: 0.93, text: '93%', format: '0%' });
    expect(cellAt(grid, 18, 7)).toMatchObject({ text: '88.6%', format: '0.0%' });
    expect(cellAt(grid, 18, 7).value).toBeCloseTo(0.886, 10);
    expect(cellAt(grid, 13, 6)).toEqual({ value: 1, text: '100%', format: '0%' });
    expect(cellAt(grid, 6, 6)).toEqual({ value: 288.5, text: '288.5', format: 'General' });
  });

  test('seed-own-table: a table starting at B3', async () => {
    const grid = await oneGrid(fixture('seed-own-table'));
    expect(grid).toMatchObject({ sheet: '专项年度绩效指标', top: 3, left: 2 });
    expect(grid.cells).toHaveLength(11);
    expect(gridColumnCount(grid)).toBe(5);
    expect(grid.cells[0][0]?.value).toBe('项目支出绩效自评表');
    expect(grid.cells[0][1]).toBeUndefined(); // C3, inside B3:F3
    expect(cellAt(grid, 13, 6).value).toBe('83.1%');
  });
});

describe('readWorkbookGrids on workbooks built here', () => {
  test('formulas with and without cached results, shared formulas, errors', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('公式');
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = 2;
      ws.getCell('B1').value = { formula: 'SUM(A1:A2)', result: 3 };
      ws.getCell('B2').value = { formula: 'A1*A2' } as never; // written by a tool that computes nothing
      ws.getCell('B3').value = { formula: 'A1-A1', result: 0 };
      ws.getCell('B4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as never;
      ws.getCell('B5').value = { error: '#N/A' } as never;
      ws.getCell('B6').value = { formula: 'A1&"元"', result: '1元' };
      ws.getCell('C1').value = { formula: 'A1*10', result: 10, shareType: 'shared', ref: 'C1:C2' } as never;
      ws.getCell('C2').value = { sharedFormula: 'C1', result: 20 } as never;
      ws.getCell('D1').value = { formula: 'A1/4', result: 0.25 };
      ws.getCell('D1').numFmt = '0%';
    });
    const grid = await oneGrid(bytes);
    expect(cellAt(grid, 1, 2)).toEqual({ value: 3, text: '3', format: 'General', formula: 'SUM(A1:A2)' });
    expect(cellAt(grid, 2, 2)).toEqual({ value: null, text: '', format: 'General', formula: 'A1*A2' });
    expect(cellAt(grid, 3, 2)).toEqual({ value: 0, text: '0', format: 'General', formula: 'A1-A1' });
    expect(cellAt(grid, 4, 2)).toEqual({ value: null, text: '#DIV/0!', format: 'General', formula: '1/0', error: '#DIV/0!' });
    expect(cellAt(grid, 5, 2)).toEqual({ value: null, text: '#N/A', format: 'General', error: '#N/A' });
    expect(cellAt(grid, 6, 2)).toMatchObject({ value: '1元', text: '1元', formula: 'A1&"元"' });
    expect(cellAt(grid, 1, 3)).toMatchObject({ value: 10, formula: 'A1*10' });
    expect(cellAt(grid, 2, 3)).toMatchObject({ value: 20, formula: 'A2*10' });
    expect(cellAt(grid, 1, 4)).toEqual({ value: 0.25, text: '25%', format: '0%', formula: 'A1/4' });
  });

  test('dates, rich text, hyperlinks, booleans and number formats', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('类型');
      ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 1));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('A2').value = new Date(Date.UTC(2024, 2, 5, 14, 30));
      ws.getCell('A2').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
      ws.getCell('A3').value = new Date(Date.UTC(2024, 11, 31)); // exceljs's default date format
      ws.getCell('B1').value = { richText: [{ text: '完成' }, { font: { bold: true }, text: '100%' }] };
      ws.getCell('B2').value = { text: '填报说明', hyperlink: 'https://example.com/' };
      ws.getCell('B3').value = true;
      ws.getCell('C1').value = 1234567.891;
      ws.getCell('C1').numFmt = '#,##0.00';
      ws.getCell('C2').value = 0.9625;
      ws.getCell('C2').numFmt = '0.00%';
      ws.getCell('C3').value = 12.5;
      ws.getCell('C3').numFmt = '0.00"万元"';
    });
    const grid = await oneGrid(bytes);
    expect(cellAt(grid, 1, 1)).toEqual({ value: 45292, text: '2024-01-01', format: 'yyyy-mm-dd' });
    expect(cellAt(grid, 2, 1).value).toBeCloseTo(45356 + 14.5 / 24, 8);
    expect(cellAt(grid, 2, 1).text).toBe('2024年3月5日 14:30');
    expect(cellAt(grid, 3, 1)).toMatchObject({ value: 45657, text: '2024/12/31' });
    expect(cellAt(grid, 1, 2)).toEqual({ value: '完成100%', text: '完成100%', format: 'General' });
    expect(cellAt(grid, 2, 2)).toMatchObject({ value: '填报说明', text: '填报说明' });
    expect(cellAt(grid, 3, 2)).toEqual({ value: true, text: 'TRUE', format: 'General' });
    expect(cellAt(grid, 1, 3)).toEqual({ value: 1234567.891, text: '1,234,567.89', format: '#,##0.00' });
    expect(cellAt(grid, 2, 3)).toEqual({ value: 0.9625, text: '96.25%', format: '0.00%' });
    expect(cellAt(grid, 3, 3).text).toBe('12.50万元');
  });

  test('the grid covers the used area only; sheets keep workbook order; empty sheets are empty', async () => {
    const bytes = await build((wb) => {
      const first = wb.addWorksheet('甲');
      first.getCell('C3').value = 'top-left';
      first.getCell('E6').value = 5;
      first.getCell('B9').border = { top: { style: 'thin' } }; // formatting alone is not content
      wb.addWorksheet('乙');
      wb.addWorksheet('丙').getCell('A1').value = 'x';
    });
    const grids = await readWorkbookGrids(bytes);
    expect(grids.map((g) => g.sheet)).toEqual(['甲', '乙', '丙']);
    expect(grids[0]).toMatchObject({ top: 3, left: 3 });
    expect(grids[0].cells).toHaveLength(4);
    expect(gridColumnCount(grids[0])).toBe(3);
    expect(grids[0].cells.map((row) => row.length)).toEqual([1, 0, 0, 3]); // C3 | – | – | E6
    expect(grids[0].cells[3][2]?.value).toBe(5);
    expect(grids[1].cells).toEqual([]);
  });
});

describe('the checked, cut-down read (Node) gives the Grids exceljs gives on the file itself (browser)', () => {
  test.each(FIXTURE_NAMES)('%s', async (name) => {
    expect(await readWorkbookGrids(fixture(name))).toEqual(await readWithExcelJsAlone(fixture(name)));
  });

  test('dates in a workbook that counts from 1904, hidden sheets, formulas and styles', async () => {
    const bytes = await build((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('日期');
      ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 1));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('B1').value = { formula: 'A1+1', result: new Date(Date.UTC(2024, 0, 2)) };
      ws.getCell('B1').numFmt = 'yyyy-mm-dd';
      ws.getCell('C1').value = 0.5;
      ws.getCell('C1').numFmt = '0.0%';
      const hidden = wb.addWorksheet('隐藏');
      hidden.state = 'hidden';
      hidden.getCell('B2').value = '藏';
    });
    const grids = await readWorkbookGrids(bytes);
    expect(grids).toEqual(await readWithExcelJsAlone(bytes));
    expect(cellAt(grids[0], 1, 1)).toMatchObject({ value: 45292 - 1462, text: '2024-01-01' });
    expect(cellAt(grids[1], 2, 2).value).toBe('藏');
  });
});

describe('displayText', () => {
  test.each<[number | string | boolean | null, string, string]>([
    [0.962, '0%', '96%'],
    [0.962, '0.0%', '96.2%'],
    [0.9625, '0.00%', '96.25%'],
    [1234.5, '#,##0.00', '1,234.50'],
    [1234567, '#,##0', '1,234,567'],
    [3.14159, '0.00', '3.14'],
    [0.5, '0', '1'],
    [-5, '0.00', '-5.00'],
    [-5, '0.00;(0.00)', '(5.00)'],
    [0, '0.00;-0.00;"-"', '-'],
    [-5, '"¥"#,##0', '-¥5'],
    [1234.5, '#,##0.00_ ', '1,234.50 '],
    [0.5, '[Red]0.0%', '50.0%'],
    [12345, '0.00E+00', '1.23E+04'],
    [45292, 'yyyy-mm-dd', '2024-01-01'],
    [45292, 'yyyy"年"m"月"d"日"', '2024年1月1日'],
    [45292, 'mm-dd-yy', '2024/1/1'],
    [45292.604166666664, 'hh:mm', '14:30'],
    [45292.604166666664, 'h:mm AM/PM', '2:30 PM'],
    [0.8859999999999999, 'General', '0.886'],
    [1 / 3, 'General', '0.333333333'],
    [123456789012, 'General', '1.23457E+11'],
    [100, 'General', '100'],
    [95.5, 'G/通用格式', '95.5'], // General under WPS's and Chinese Excel's local name
    [120, 'G/通用格式"公里"', '120公里'],
    [true, 'General', 'TRUE'],
    ['约十人', '0%', '约十人'],
    [null, '0%', ''],
  ])('%p in %p → %p', (value, format, expected) => {
    expect(displayText(value, format)).toBe(expected);
  });
});

describe('applyPlanToXlsx', () => {
  async function sourceWorkbook(): Promise<Uint8Array> {
    return build((wb) => {
      const ws = wb.addWorksheet('自评表');
      ws.getColumn(1).width = 11;
      ws.getColumn(2).width = 25;
      ws.getColumn(6).border = { left: { style: 'dotted' } }; // a column style: <col style="…">
      ws.mergeCells('A1:D1');
      ws.getCell('A1').value = '项目支出绩效自评表';
      ws.getCell('B2').value = 'keep';
      ws.getCell('B2').font = { bold: true };
      ws.getCell('B2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
      ws.getCell('C3').value = 5;
      ws.getCell('C3').border = { bottom: { style: 'thin' } };
      ws.getCell('C3').alignment = { horizontal: 'center' };
      ws.getCell('D3').value = { formula: 'C3*2', result: 10 };
      ws.getCell('C4').value = 0.5;
      ws.getCell('C4').numFmt = '0.0%';
      ws.getCell('C4').border = { bottom: { style: 'thin' } };
      ws.getCell('C5').value = 'old text';
      ws.getCell('E5').value = 'right of C5';
      ws.getCell('A6').value = 'a6';
      ws.getCell('A9').value = 'after the gap';
      const other = wb.addWorksheet('其他');
      other.getCell('A1').value = 'other';
      other.getCell('A2').value = 42;
    });
  }

  const plan = {
    sheet: '自评表',
    kept: [],
    writes: [
      write('C3', 7, { fill: 'green' }),
      write('C4', 0.9625, { numberFormat: '0.00%', fill: 'amber' }),
      write('C5', `<&"'> 引号 _x0041_`, { role: 'flag' }),
      write('D3', 99), // a formula: must be left alone
      write('C6', 1.5), // an empty cell in an existing row
      write('E6', 'beyond the row'), // after the row's last cell
      write('C8', 8, { fill: 'green' }), // a missing row between rows 6 and 9
      write('C20', 'last'), // a row after the last one
      write('F3', '超目标较多', { role: 'flag', fill: 'red' }), // a new column
      write('F4', '需说明', { role: 'flag', fill: 'red' }),
    ] satisfies CellWrite[],
  };

  test('writes values, fills and formats, and leaves everything else as it was', async () => {
    const input = await sourceWorkbook();
    const before = Uint8Array.from(input);
    const output = await applyPlanToXlsx(input, plan);

    expect(Buffer.from(input).equals(Buffer.from(before))).toBe(true);
    expect(output).not.toBe(input);

    const wb = await load(output);
    const ws = wb.getWorksheet('自评表') as Worksheet;
    expect(ws.getCell('C3').value).toBe(7);
    expect(ws.getCell('C3').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: FILLS.green } });
    expect(ws.getCell('C3').border).toEqual({ bottom: { style: 'thin' } });
    expect(ws.getCell('C3').alignment).toEqual({ horizontal: 'center' });
    expect(ws.getCell('C4').value).toBe(0.9625);
    expect(ws.getCell('C4').numFmt).toBe('0.00%');
    expect(ws.getCell('C4').fill).toMatchObject({ fgColor: { argb: FILLS.amber } });
    expect(ws.getCell('C4').border).toEqual({ bottom: { style: 'thin' } });
    // Excel reads "_x0041_" in cell text as "A", so it is written as "_x005F_x0041_"; exceljs does
    // not undo that escape (the sheet XML is checked below)
    expect(ws.getCell('C5').value).toBe(`<&"'> 引号 _x005F_x0041_`);
    expect(ws.getCell('D3').value).toEqual({ formula: 'C3*2', result: 10 });
    expect(ws.getCell('C6').value).toBe(1.5);
    expect(ws.getCell('E6').value).toBe('beyond the row');
    expect(ws.getCell('C8').value).toBe(8);
    expect(ws.getCell('C20').value).toBe('last');
    expect(ws.getCell('F3').value).toBe('超目标较多');
    expect(ws.getCell('F3').fill).toMatchObject({ fgColor: { argb: FILLS.red } });
    expect(ws.getCell('F3').border).toEqual({ left: { style: 'dotted' } }); // new cells take the column's style
    expect(ws.getCell('F4').fill).toMatchObject({ fgColor: { argb: FILLS.red } });

    // untouched: other cells, merges, widths, validation, the other sheet
    expect(ws.getCell('A1').value).toBe('项目支出绩效自评表');
    expect(ws.getCell('B2').value).toBe('keep');
    expect(ws.getCell('B2').font).toMatchObject({ bold: true });
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell('E5').value).toBe('right of C5');
    expect(ws.getCell('A6').value).toBe('a6');
    expect(ws.getCell('A9').value).toBe('after the gap');
    expect(ws.model.merges).toEqual(['A1:D1']);
    expect(ws.getColumn(1).width).toBe(11);
    expect(ws.getColumn(2).width).toBe(25);
    expect((wb.getWorksheet('其他') as Worksheet).getCell('A2').value).toBe(42);
  });

  test('changes only the sheet, styles and workbook parts', async () => {
    const input = await sourceWorkbook();
    const [original, patched] = [await parts(input), await parts(await applyPlanToXlsx(input, plan))];
    expect([...patched.keys()]).toEqual([...original.keys()]);
    const changed = [...original.keys()].filter((name) => original.get(name) !== patched.get(name));
    expect(changed.sort()).toEqual(['xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);

    const sheet = patched.get('xl/worksheets/sheet1.xml') as string;
    expect(sheet).toMatch(/<dimension ref="A1:F20"\/>/);
    expect(sheet).toContain('<c r="D3"><f>C3*2</f><v>10</v></c>');
    expect(sheet).toContain('&lt;&amp;&quot;&apos;&gt; 引号 _x005F_x0041_');
    const rowNumbers = [...sheet.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rowNumbers).toEqual([...rowNumbers].sort((a, b) => a - b));
    expect(patched.get('xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test('one new xf per (base style, fill, format), not one per cell', async () => {
    const input = await sourceWorkbook();
    const countXfs = (styles: string) => Number(/<cellXfs count="(\d+)"/.exec(styles)?.[1]);
    const before = countXfs((await parts(input)).get('xl/styles.xml') as string);
    const writes: CellWrite[] = [];
    for (let row = 30; row < 60; row++) writes.push(write(`G${row}`, row, { fill: 'green' }));
    const output = await applyPlanToXlsx(input, { sheet: '自评表', kept: [], writes });
    const styles = (await parts(output)).get('xl/styles.xml') as string;
    expect(countXfs(styles)).toBe(before + 1);
    expect((styles.match(/<xf\b/g) ?? []).length).toBeGreaterThanOrEqual(before + 1);
    const sheet = (await parts(output)).get('xl/worksheets/sheet1.xml') as string;
    expect(new Set([...sheet.matchAll(/<c r="G\d+" s="(\d+)"/g)].map((m) => m[1])).size).toBe(1);
  });

  test('without fills or formats the styles part is not touched', async () => {
    const input = await sourceWorkbook();
    const output = await applyPlanToXlsx(input, { sheet: '自评表', kept: [], writes: [write('C3', 1)] });
    expect((await parts(output)).get('xl/styles.xml')).toBe((await parts(input)).get('xl/styles.xml'));
  });

  test('a custom number format creates <numFmts> when the workbook has none', async () => {
    const input = fixture('seed-own-table');
    expect((await parts(input)).get('xl/styles.xml')).not.toContain('<numFmts');
    const output = await applyPlanToXlsx(input, {
      sheet: '专项年度绩效指标',
      kept: [],
      writes: [write('G5', 0.5, { numberFormat: '0.000' }), write('G6', 0.25, { numberFormat: '0%' })],
    });
    const styles = (await parts(output)).get('xl/styles.xml') as string;
    expect(styles).toMatch(/<styleSheet[^>]*><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"\/>/);
    const grid = await oneGrid(output);
    expect(cellAt(grid, 5, 7)).toEqual({ value: 0.5, text: '0.500', format: '0.000' });
    expect(cellAt(grid, 6, 7)).toEqual({ value: 0.25, text: '25%', format: '0%' });
    expect(cellAt(grid, 5, 6).value).toBe('16人'); // the row's other cells are still there
  });

  test('a fixture round trip: results are read back as a Grid', async () => {
    const input = fixture('seed-standard-form');
    const output = await applyPlanToXlsx(input, {
      sheet: '自评表',
      kept: [],
      writes: [write('H13', 7.15, { fill: 'green' }), write('I21', '满意度未达标', { role: 'flag', fill: 'amber' })],
    });
    const grid = await oneGrid(output);
    expect(cellAt(grid, 13, 8).value).toBe(7.15);
    expect(cellAt(grid, 21, 9).value).toBe('满意度未达标');
    expect(grid.merges).toEqual((await oneGrid(input)).merges);
  });

  test('an empty sheet gets its first rows', async () => {
    const input = await build((wb) => {
      wb.addWorksheet('数据').getCell('A1').value = 1;
      wb.addWorksheet('空');
    });
    const output = await applyPlanToXlsx(input, { sheet: '空', kept: [], writes: [write('B2', 2), write('A1', '一')] });
    const grids = await readWorkbookGrids(output);
    expect(grids[1].cells).toEqual([
      [{ value: '一', text: '一', format: 'General' }, undefined],
      [undefined, { value: 2, text: '2', format: 'General' }],
    ]);
  });

  test('rows and cells without r attributes keep their places', async () => {
    const input = await build((wb) => (wb.addWorksheet('无地址').getCell('A1').value = 'x'));
    const zip = await JSZip.loadAsync(input);
    const sheetPath = 'xl/worksheets/sheet1.xml';
    const xml = await (zip.file(sheetPath) as JSZip.JSZipObject).async('string');
    const rows = '<row><c t="inlineStr"><is><t>A1</t></is></c><c><v>2</v></c></row><row><c><v>3</v></c><c><v>4</v></c></row>';
    zip.file(sheetPath, xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows}</sheetData>`));
    const handMade = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });

    const output = await applyPlanToXlsx(handMade, {
      sheet: '无地址',
      kept: [],
      writes: [write('A2', 30), write('C1', 'c1'), write('A1', 'a1')],
    });
    const sheet = (await parts(output)).get(sheetPath) as string;
    expect(sheet).toContain('<row r="2"><c r="A2"><v>30</v></c><c r="B2"><v>4</v></c></row>');
    const grid = await oneGrid(output);
    expect(grid.cells.map((row) => row.map((cell) => cell?.value))).toEqual([
      ['a1', 2, 'c1'],
      [30, 4, undefined],
    ]);
  });

  test('a sheet that is not in the workbook is an error', async () => {
    await expect(applyPlanToXlsx(await sourceWorkbook(), { ...plan, sheet: '不存在' })).rejects.toThrow('不存在');
  });
});

describe('unusable input', () => {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const oleFile = new Uint8Array([...ole, ...new Array(504).fill(0)]);
  const encrypted = new Uint8Array(Buffer.concat([Buffer.from(oleFile), Buffer.from('EncryptedInfo\0EncryptedPackage', 'utf16le')]));

  async function notAWorkbookZip(): Promise<Uint8Array> {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    return zip.generateAsync({ type: 'uint8array' });
  }

  test.each<[string, () => Promise<Uint8Array> | Uint8Array, string]>([
    ['an empty buffer', () => new Uint8Array(0), 'empty'],
    ['random bytes', () => new Uint8Array(Buffer.from('这不是工作簿 random bytes')), 'not-zip'],
    ['an old .xls (OLE) file', () => oleFile, 'xls'],
    ['a password-protected .xlsx', () => encrypted, 'encrypted'],
    ['the first half of a real file', () => fixture('roads-xianjie').slice(0, 4000), 'truncated'],
    ['a zip that holds no workbook', notAWorkbookZip, 'corrupt'],
  ])('%s', async (_label, bytes, code) => {
    for (const call of [async () => readWorkbookGrids(await bytes()), async () => applyPlanToXlsx(await bytes(), { sheet: '自评表', kept: [], writes: [] })]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(XlsxInputError);
      expect((error as XlsxInputError).code).toBe(code);
      const message = (error as XlsxInputError).message;
      expect(message).toMatch(/[\u4e00-\u9fff].* \/ [A-Z][a-z]/);
      expect(message).not.toContain('\n');
    }
  });
});
