/**
 * The command line on an .xlsx whose amounts carry number formats (issue 9, item 9): the printed
 * summary, the --json and the --report print each amount as the sheet shows it, the same string.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Grid } from '../../src/engine/grid';
import { readWorkbookGrids } from '../../src/xlsx/read';
import { amount, moneyForm } from '../helpers/money-forms';
import { paragraphTexts, partXml } from '../report/helpers';
import { run } from './run-main';

/** The grid written as an .xlsx: values and number formats, as Excel saves them. */
async function writeXlsx(grid: Grid, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(grid.sheet);
  grid.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const target = ws.getCell(grid.top + r, grid.left + c);
      target.value = cell.value as ExcelJS.CellValue;
      if (cell.format !== 'General') target.numFmt = cell.format;
    }),
  );
  await wb.xlsx.writeFile(file);
}

async function scoreCli(grid: Grid): Promise<{ out: string; json: { funds: { text: Record<string, string> } }; sentences: string[]; grid: Grid }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-money-'));
  const input = path.join(dir, 'money.xlsx');
  await writeXlsx(grid, input);
  const files = { out: path.join(dir, 'out.xlsx'), json: path.join(dir, 'out.json'), docx: path.join(dir, 'out.docx') };
  const { code, out, err } = await run(['score', input, '--out', files.out, '--json', files.json, '--report', files.docx]);
  expect(err).toBe('');
  expect(code).toBe(0);
  // The report's sentences: the document without its tables.
  const xml = (await partXml(readFileSync(files.docx))).replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const [read] = await readWorkbookGrids(readFileSync(input));
  return { out, json: JSON.parse(readFileSync(files.json, 'utf8')), sentences: paragraphTexts(xml), grid: read };
}

describe('perf-self-eval score prints amounts as the sheet shows them', () => {
  test('1198600.5 in a "0.00" cell of a 元 block: 1198600.50元 on screen, in the JSON and in the report', async () => {
    const grid = moneyForm({ caption: '项目资金（元）', initial: amount(1200000), adjusted: amount(1200000), executed: amount(1198600.5, '0.00') });
    const { out, json, sentences, grid: read } = await scoreCli(grid);
    // the file really shows the amount that way
    expect(read.cells[5][6]).toMatchObject({ value: 1198600.5, text: '1198600.50', format: '0.00' });
    expect(json.funds.text.executed).toBe('1198600.50元');
    expect(out).toContain('全年预算数1200000元，全年执行数1198600.50元');
    expect(sentences.join('\n')).toContain('全年执行数为1198600.50元');
    for (const text of [out, ...sentences]) expect(text).not.toMatch(/1198600\.5(?!0)/);
  });

  test('288.5 typed in a 万元 block: 288.5万元 on screen, in the JSON and in the report', async () => {
    const grid = moneyForm({ caption: '项目资金（万元）', initial: amount(300), adjusted: amount(320), executed: amount(288.5) });
    const { out, json, sentences } = await scoreCli(grid);
    expect(json.funds.text).toEqual({ initial: '300万元', adjusted: '320万元', executed: '288.5万元' });
    expect(out).toContain('全年预算数320万元，全年执行数288.5万元');
    expect(sentences.join('\n')).toContain('全年执行数为288.5万元');
    for (const text of [out, ...sentences]) expect(text).not.toContain('288.50');
  });
});
