/**
 * A sheet holding several project tables one below the other, as a department publishes them:
 * the command line scores the first and says how to score them all; --all and a batch score each
 * table on its own, write all their results into one copy and draft one report per table.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from './run-main';
import { INDICATOR_HEADER, twoTablesOnOneSheet } from '../helpers/two-tables';

/** test/helpers/two-tables.ts's workbook, written to `dir` as 两个项目.xlsx. */
async function twoTablesOnOneSheetIn(dir: string): Promise<string> {
  const file = path.join(dir, '两个项目.xlsx');
  writeFileSync(file, await twoTablesOnOneSheet());
  return file;
}

async function cell(file: string, address: string): Promise<ExcelJS.CellValue> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0].getCell(address).value;
}

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-tables-'));

test('without --all the first table is scored, and the run says how to score the others', async () => {
  const dir = tempDir();
  const input = await twoTablesOnOneSheetIn(dir);
  const copy = path.join(dir, 'copy.xlsx');
  const { code, out } = await run(['score', input, '--out', copy]);
  expect(code).toBe(0);
  expect(out).toContain('项目名称：甲项目');
  expect(out).toContain('本表另有1张绩效指标表（表头在第7行），本次只评了其中一张');
  expect(out).toContain('工作表“项目自评表”中共有2张绩效指标表，本次只评了第一张；可用 --all 逐张评分');
  expect(await cell(copy, 'G3')).toBe(80);
  expect(await cell(copy, 'G8')).toBeNull();
});

test('--all scores each table on its own, writes both into the copy, and drafts a report for each', async () => {
  const dir = tempDir();
  const input = await twoTablesOnOneSheetIn(dir);
  const copy = path.join(dir, 'copy.xlsx');
  const json = path.join(dir, 'all.json');
  const { code, out } = await run(['score', input, '--all', '--out', copy, '--json', json, '--report', path.join(dir, 'r.docx')]);
  expect(code).toBe(0);
  const evaluations = JSON.parse(readFileSync(json, 'utf8')) as {
    sheet: string;
    project: { name: string };
    totalScore: number;
    problems: { code: string }[];
  }[];
  expect(evaluations.map((e) => [e.sheet, e.project.name, e.totalScore])).toEqual([
    ['项目自评表', '甲项目', 80],
    ['项目自评表', '乙项目', 100],
  ]);
  expect(evaluations.flatMap((e) => e.problems.map((p) => p.code))).not.toContain('other-tables');
  expect(out).not.toContain('可用 --all');
  expect([await cell(copy, 'G3'), await cell(copy, 'G8')]).toEqual([80, 100]);
  expect(
    readdirSync(dir)
      .filter((f) => f.endsWith('.docx'))
      .sort(),
  ).toEqual(['r-项目自评表-乙项目.docx', 'r-项目自评表-甲项目.docx']);
});

test('--judge under --all needs no sheet name when the tables share one sheet, and finds the row in either table', async () => {
  const dir = tempDir();
  const input = await twoTablesOnOneSheetIn(dir);
  const json = path.join(dir, 'all.json');
  const judged = await run(['score', input, '--all', '--out', path.join(dir, 'c.xlsx'), '--json', json, '--judge', '3=达成']);
  expect(judged.code).toBe(0);
  expect((JSON.parse(readFileSync(json, 'utf8')) as { totalScore: number }[]).map((e) => e.totalScore)).toEqual([100, 100]);
  const wrong = await run(['score', input, '--all', '--out', path.join(dir, 'd.xlsx'), '--judge', '5=达成']);
  expect(wrong.code).toBe(1);
  expect(wrong.err).toContain('第5行不是指标行（指标行为第3–8行）');
});

test('a batch lists each table of the sheet in the summary and drafts a report for each', async () => {
  const dir = tempDir();
  await twoTablesOnOneSheetIn(dir);
  const summary = path.join(dir, '汇总.xlsx');
  const { code, out, err } = await run(['score', dir, '--summary', summary, '--out-dir', path.join(dir, 'out'), '--report-dir', path.join(dir, 'reports')]);
  expect(code).toBe(0);
  expect(err).toContain('已评分2张表，“项目自评表（第2行）”总分 80（良）、“项目自评表（第7行）”总分 100（优）');
  expect(out).toContain('共1个工作簿：已评分2张表');
  expect(readdirSync(path.join(dir, 'reports')).sort()).toEqual(['两个项目-项目自评表-乙项目.docx', '两个项目-项目自评表-甲项目.docx']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const sheets = wb.worksheets[0].getColumn(3).values.filter((v) => typeof v === 'string' && v.startsWith('项目自评表'));
  expect(sheets).toEqual(['项目自评表（第2行）', '项目自评表（第7行）']);
});

describe('which sheet is scored when none is named', () => {
  async function workbook(dir: string, sheets: { name: string; actual?: string; hidden?: boolean }[]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    for (const { name, actual, hidden } of sheets) {
      const ws = wb.addWorksheet(name, hidden ? { state: 'hidden' } : {});
      ws.addRow(INDICATOR_HEADER);
      if (actual) ws.addRow(['产出指标', '数量指标', '培训人数', '≥100人', actual, 100]);
    }
    const file = path.join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(file);
    return file;
  }

  test('a blank template sheet before the filled one is passed over for it', async () => {
    const dir = tempDir();
    const input = await workbook(dir, [{ name: '模板' }, { name: '自评表', actual: '90人' }]);
    const { code, out } = await run(['score', input, '--out', path.join(dir, 'c.xlsx')]);
    expect(code).toBe(0);
    expect(out).toContain('工作表：自评表');
    expect(out).toContain('工作簿中还有1张自评表（“模板”），可用 --all 全部评分，或用 --sheet 指定');
  });

  test('a hidden sheet is passed over for the visible one', async () => {
    const dir = tempDir();
    const input = await workbook(dir, [
      { name: '隐藏的旧表', actual: '50人', hidden: true },
      { name: '自评表', actual: '90人' },
    ]);
    const { code, out } = await run(['score', input, '--out', path.join(dir, 'c.xlsx')]);
    expect(code).toBe(0);
    expect(out).toContain('工作表：自评表');
    expect(out).toContain('总分：90');
  });

  test('a visible sheet that cannot be scored is explained rather than a hidden one scored instead', async () => {
    const dir = tempDir();
    const input = await workbook(dir, [{ name: '隐藏的旧表', actual: '50人', hidden: true }, { name: '模板' }]);
    const { code, err } = await run(['score', input, '--out', path.join(dir, 'c.xlsx')]);
    expect(code).toBe(2);
    expect(err).toContain('工作表“模板”');
  });

  test('with only a blank template, its failure is what the run says', async () => {
    const dir = tempDir();
    const input = await workbook(dir, [{ name: '模板' }]);
    const { code, err } = await run(['score', input, '--out', path.join(dir, 'c.xlsx')]);
    expect(code).toBe(2);
    expect(err).toContain('工作表“模板”');
  });
});
