/**
 * A batch as a department or a finance bureau would hand one in: the examples, the fixtures, the
 * real-table corpus, a damaged file and a workbook with no table, each sheet scored by the engine
 * the way `score --all` picks sheets (every sheet with a table; a workbook with none is a failure).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { itemOfUnreadFile, itemsOfScoredSheets } from '../../src/app/batch-items';
import type { BatchItem } from '../../src/app/batch-summary';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { gridFromTranscription, readCorpus } from './real-tables';

const ROOT = path.join(__dirname, '..', '..');

export const NO_TABLE_FILE = '封面-无自评表.xlsx';
export const DAMAGED_FILE = '损坏-截断.xlsx';

/** The sheets of one workbook that hold a table, scored with the default settings; the file itself as a failure when none does. */
export function itemsOfWorkbook(file: string, grids: Grid[]): BatchItem[] {
  return itemsOfScoredSheets(
    file,
    grids.map((grid) => ({ name: grid.sheet, outcome: evaluateGrid(grid) })),
  );
}

async function itemsOfFile(file: string, bytes: Uint8Array): Promise<BatchItem[]> {
  try {
    return itemsOfWorkbook(file, await readWorkbookGrids(bytes));
  } catch (error) {
    return [itemOfUnreadFile(file, error)];
  }
}

const xlsxIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.xlsx'))
    .sort()
    .map((name) => path.join(dir, name));

export async function noTableWorkbook(): Promise<Uint8Array> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('封面');
  sheet.getCell('A1').value = '2024年度项目支出绩效自评材料';
  sheet.getCell('A2').value = '报送单位：某某局';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function batchOfEverything(): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (const file of [...xlsxIn('examples'), ...xlsxIn('test/fixtures')]) {
    items.push(...(await itemsOfFile(file, readFileSync(path.join(ROOT, file)))));
  }
  for (const { file, table } of readCorpus()) {
    items.push(...itemsOfWorkbook(`test/fixtures/real/${file.replace(/\.json$/, '.xlsx')}`, [await gridFromTranscription(table)]));
  }
  const example = readFileSync(path.join(ROOT, 'examples', '示例-专项资金自评表.xlsx'));
  items.push(...(await itemsOfFile(DAMAGED_FILE, example.subarray(0, Math.floor(example.length / 2)))));
  items.push(...(await itemsOfFile(NO_TABLE_FILE, await noTableWorkbook())));
  return items;
}
