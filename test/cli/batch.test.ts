/**
 * Issue 14 from the command line: `score 文件夹 --summary 汇总.xlsx` over a folder holding the
 * examples, real-table corpus workbooks, a damaged file and a workbook with no table. The summary
 * workbook is read back and every figure checked against the single-file command's own results
 * for the same file; the review list, the error list, the exit codes, the outputs' places, the
 * progress lines and the JSON are checked too. These run the command from its TypeScript sources,
 * in this thread; batch-workers.test.ts runs the built command with worker threads.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { NO_TABLE_MESSAGE } from '../../src/app/batch-items';
import type { Evaluation } from '../../src/engine/evaluation';
import { round2 } from '../../src/engine/score/round';
import { needsDeviationNote } from '../../src/engine/evaluation';
import { EXAMPLES, hashes, makeBatchFolder, tempDir, type BatchFolder } from './batch-folder';
import { run } from './run-main';

/** A sheet of the summary read back: its rows as objects keyed by the header row's headings. */
async function readSheet(file: string, name: string): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const headings = (sheet.getRow(2).values as unknown[]).map((v) => (v === undefined ? '' : String(v)));
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row: Record<string, unknown> = {};
    headings.forEach((heading, c) => {
      if (heading) row[heading] = sheet.getRow(r).getCell(c).value ?? undefined;
    });
    rows.push(row);
  }
  return rows;
}

/** What the single-file command says of a workbook: every sheet with a table (--all), or its refusal. */
async function singleFile(file: string): Promise<{ code: number; evaluations: Evaluation[]; err: string }> {
  const dir = tempDir();
  const json = path.join(dir, 'r.json');
  const { code, err } = await run(['score', file, '--all', '--json', json, '--out', path.join(dir, 'copy.xlsx')]);
  return { code, err, evaluations: code === 0 ? (JSON.parse(readFileSync(json, 'utf8')) as Evaluation[]) : [] };
}

let folder: BatchFolder;
let work: string;
let result: { code: number; out: string; err: string };
let before: Map<string, string>;
const single = new Map<string, Awaited<ReturnType<typeof singleFile>>>();

beforeAll(async () => {
  folder = await makeBatchFolder();
  work = tempDir();
  before = hashes(folder.dir);
  result = await run([
    'score',
    folder.dir,
    '--summary',
    path.join(work, '汇总.xlsx'),
    '--json',
    path.join(work, '汇总.json'),
    '--out-dir',
    path.join(work, '副本'),
    '--report-dir',
    path.join(work, '报告'),
  ]);
  for (const file of folder.workbooks) single.set(file, await singleFile(path.join(folder.dir, file)));
}, 180_000);

const labelOf = (file: string) => path.join(folder.dir, file);

describe('score 文件夹 --summary', () => {
  test('exits 3 because some files could not be scored, and says so on stdout in Chinese', () => {
    expect(result.code).toBe(3);
    const scored = [...single.values()].reduce((n, s) => n + s.evaluations.length, 0);
    const failed = [...single.values()].filter((s) => s.code !== 0).length;
    expect(result.out).toContain(`共${folder.workbooks.length}个工作簿：已评分${scored}张表，未能评分${failed}项`);
    expect(result.out).toContain('已跳过：Excel 临时文件（~$ 开头）1个、评分副本（*.scored.xlsx）1个');
    expect(result.out).toContain(`汇总表已写入：${path.join(work, '汇总.xlsx')}`);
  });

  test('汇总 has one row per table with the single-file figures, in the batch order, and a totals row', async () => {
    const rows = await readSheet(path.join(work, '汇总.xlsx'), '汇总');
    const expected = folder.workbooks.flatMap((file) => single.get(file)!.evaluations.map((evaluation) => ({ file, evaluation })));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    expect(rows).toHaveLength(expected.length + 1); // and the totals row
    expected.forEach(({ file, evaluation }, i) => {
      const row = rows[i];
      expect(row['序号']).toBe(i + 1);
      expect(row['文件']).toBe(labelOf(file));
      expect(row['工作表']).toBe(evaluation.sheet);
      expect(row['按规则计算总分']).toBe(evaluation.totalScore);
      expect(row['等级']).toBe(evaluation.grade);
      if (evaluation.project.name) expect(row['项目名称']).toBe(evaluation.project.name);
      if (evaluation.funds?.rate !== undefined) expect(row['执行率']).toBeCloseTo(evaluation.funds.rate, 10);
      if (evaluation.funds) expect(row['资金得分']).toBe(evaluation.funds.score);
      const count = (...statuses: string[]) => evaluation.indicators.filter((r) => statuses.includes(r.status)).length;
      expect(row['达标']).toBe(count('met'));
      expect(row['超额']).toBe(count('exceeded'));
      expect(row['未达标']).toBe(count('unmet'));
      expect(row['待评定']).toBe(count('needs-judgement', 'missing-actual'));
      expect(row['无法识别']).toBe(count('unreadable'));
      if (evaluation.enteredTotal !== undefined) expect(row['单位自评总分']).toBe(evaluation.enteredTotal);
    });
    const totals = rows[rows.length - 1];
    expect(totals['文件']).toBe(`合计（${expected.length}张表）`);
    expect(totals['达标']).toBe(expected.reduce((n, { evaluation }) => n + evaluation.indicators.filter((r) => r.status === 'met').length, 0));
  });

  test('复核差异 lists every row whose entered score differs from the rules, file by file as scored alone', async () => {
    const rows = await readSheet(path.join(work, '汇总.xlsx'), '复核差异');
    const expected = folder.workbooks.flatMap((file) =>
      single
        .get(file)!
        .evaluations.flatMap((e) =>
          e.indicators.filter((r) => r.entered !== undefined && round2(r.entered) !== r.score).map((r) => ({ file, sheet: e.sheet, row: r })),
        ),
    );
    expect(expected.length).toBeGreaterThan(0); // the corpus has published scores that differ
    expect(rows).toHaveLength(expected.length);
    expected.forEach(({ file, sheet, row }, i) => {
      expect(rows[i]).toMatchObject({ 文件: labelOf(file), 工作表: sheet, 行号: row.row, 单位自评得分: row.entered, 按规则计算得分: row.score });
    });
  });

  test('偏差未说明 lists the missed or much-exceeded rows without a reason', async () => {
    const rows = await readSheet(path.join(work, '汇总.xlsx'), '偏差未说明');
    const expected = folder.workbooks.flatMap((file) =>
      single
        .get(file)!
        .evaluations.flatMap((e) =>
          e.indicators.filter((r) => r.kind !== 'entered' && needsDeviationNote(r) && !r.note).map((r) => ({ file, sheet: e.sheet, row: r.row })),
        ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r['文件'], r['工作表'], r['行号']])).toEqual(expected.map((e) => [labelOf(e.file), e.sheet, e.row]));
  });

  test('未能评分 lists the damaged file, the workbook with no table and the targets-only sheet, each with the reason the single-file command gives', async () => {
    const rows = await readSheet(path.join(work, '汇总.xlsx'), '未能评分');
    const failed = folder.workbooks.filter((file) => single.get(file)!.code !== 0);
    expect(failed).toEqual(expect.arrayContaining([folder.damaged, folder.noTable, path.join('示例', '仅指标值-信访维稳.xlsx')]));
    expect(rows.map((r) => r['文件'])).toEqual(failed.map(labelOf));
    for (const file of failed) {
      const row = rows.find((r) => r['文件'] === labelOf(file))!;
      // The reason is the one the single-file command prints in its one line.
      expect(single.get(file)!.err).toContain(String(row['未能评分的原因']));
    }
    expect(rows.find((r) => r['文件'] === labelOf(folder.noTable))!['未能评分的原因']).toBe(NO_TABLE_MESSAGE);
    expect(rows.find((r) => r['文件'] === labelOf(path.join('示例', '仅指标值-信访维稳.xlsx')))!['工作表']).toBe('自评表');
  });

  test('inputs are unchanged, and nothing was written beside them', () => {
    expect(hashes(folder.dir)).toEqual(before);
  });

  test('--out-dir and --report-dir mirror the folders, one copy per scored file, one report per table', () => {
    for (const file of folder.workbooks) {
      const { evaluations } = single.get(file)!;
      const copy = path.join(work, '副本', path.dirname(file), path.basename(file).replace(/\.xlsx$/, '.scored.xlsx'));
      expect(existsSync(copy)).toBe(evaluations.length > 0);
      const stem = path.join(work, '报告', path.dirname(file), path.basename(file).replace(/\.xlsx$/, ''));
      if (evaluations.length === 1) expect(existsSync(`${stem}.docx`)).toBe(true);
      for (const e of evaluations.length > 1 ? evaluations : []) expect(existsSync(`${stem}-${e.sheet}.docx`)).toBe(true);
    }
    const reports = (readdirSync(path.join(work, '报告'), { recursive: true }) as string[]).filter((f) => f.endsWith('.docx'));
    expect(reports).toHaveLength([...single.values()].reduce((n, s) => n + s.evaluations.length, 0));
    expect(result.out).toContain(`绩效自评报告${reports.length}份已写入`);
  });

  test('the scored copy is the one the single-file command writes', async () => {
    const file = path.join('示例', '示例-专项资金自评表.xlsx');
    const dir = tempDir();
    await run(['score', path.join(folder.dir, file), '--all', '--out', path.join(dir, 'one.xlsx')]);
    expect(readFileSync(path.join(work, '副本', '示例', '示例-专项资金自评表.scored.xlsx'))).toEqual(readFileSync(path.join(dir, 'one.xlsx')));
  });

  test('one progress line per file when stderr is not a terminal', () => {
    const lines = result.err.split('\n').filter((l) => /^\[\s*\d+\/\d+\] /.test(l));
    expect(lines).toHaveLength(folder.workbooks.length);
    const n = folder.workbooks.length;
    expect(lines[0]).toMatch(new RegExp(`^\\[ ?1/${n}\\] `));
    expect(lines[n - 1]).toMatch(new RegExp(`^\\[${n}/${n}\\] `));
    expect(lines.find((l) => l.includes(folder.damaged))).toMatch(/未能评分：文件/);
    expect(lines.find((l) => l.includes('示例-专项资金自评表.xlsx'))).toContain('已评分，总分 98.75（优）');
  });

  test('--json holds each table’s Evaluation, as the single-file --json, with its file and sheet, and the summary', () => {
    const json = JSON.parse(readFileSync(path.join(work, '汇总.json'), 'utf8'));
    const expected = folder.workbooks.flatMap((file) =>
      single.get(file)!.evaluations.map((evaluation) => ({ file: labelOf(file), sheet: evaluation.sheet, evaluation })),
    );
    expect(json.files).toBe(folder.workbooks.length);
    expect(json.evaluations).toEqual(expected);
    expect(json.summary.tables).toHaveLength(expected.length);
    expect(json.summary.failures.map((f: { file: string }) => f.file)).toEqual(folder.workbooks.filter((file) => single.get(file)!.code !== 0).map(labelOf));
  });
});

describe('batch exit codes and refusals', () => {
  test('exit 0 when every file scored; the copies go beside the files by default', async () => {
    const dir = tempDir();
    for (const name of ['示例-专项资金自评表.xlsx', '复杂表头-居家养老.xlsx']) copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
    const { code, out } = await run(['score', path.join(dir, '示例-专项资金自评表.xlsx'), path.join(dir, '复杂表头-居家养老.xlsx')]);
    expect(code).toBe(0);
    expect(out).toContain('未能评分0项');
    expect(existsSync(path.join(dir, '示例-专项资金自评表.scored.xlsx'))).toBe(true);
    expect(existsSync(path.join(dir, '复杂表头-居家养老.scored.xlsx'))).toBe(true);
  });

  test('a folder of one bad file still writes the summary, and exits 3', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '坏.xlsx'), 'not a workbook');
    const summary = path.join(tempDir(), 's.xlsx');
    const { code } = await run(['score', dir, '--summary', summary]);
    expect(code).toBe(3);
    const rows = await readSheet(summary, '未能评分');
    expect(rows).toHaveLength(1);
    expect(rows[0]['文件']).toBe(path.join(dir, '坏.xlsx'));
  });

  test('single-file options are refused in a batch (exit 1), before anything is written', async () => {
    const dir = tempDir();
    copyFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx'), path.join(dir, 'a.xlsx'));
    for (const [option, value] of [
      ['--out', 'x.xlsx'],
      ['--report', 'r.docx'],
      ['--sheet', '自评表'],
      ['--judge', '14=达成'],
    ]) {
      const { code, err } = await run(['score', dir, '--summary', path.join(dir, 's.xlsx'), option, value]);
      expect(code).toBe(1);
      expect(err).toContain(`批量评分（多个文件、文件夹，或 --summary、--out-dir、--report-dir）时不能用 ${option}`);
    }
    expect(readdirSync(dir)).toEqual(['a.xlsx']);
  });

  test('a path that does not exist is exit 2 before any work; a summary that is an input is exit 1', async () => {
    const dir = tempDir();
    copyFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx'), path.join(dir, 'a.xlsx'));
    const missing = await run(['score', dir, path.join(dir, '没有这个文件夹'), '--summary', path.join(dir, 's.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`找不到文件或文件夹：${path.join(dir, '没有这个文件夹')}`);
    const same = await run(['score', path.join(dir, 'a.xlsx'), '--summary', path.join(dir, 'a.xlsx')]);
    expect(same.code).toBe(1);
    expect(same.err).toContain('汇总表（--summary）与原文件是同一个文件');
    expect(readdirSync(dir)).toEqual(['a.xlsx']);
  });

  test('an empty folder is exit 2', async () => {
    const { code, err } = await run(['score', tempDir(), '--summary', path.join(tempDir(), 's.xlsx')]);
    expect(code).toBe(2);
    expect(err).toContain('没有找到 .xlsx 工作簿');
  });

  test('a scored copy never replaces an input: named inputs a.xlsx and a.scored.xlsx give a (2).scored.xlsx', async () => {
    const dir = tempDir();
    copyFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx'), path.join(dir, 'a.xlsx'));
    copyFileSync(path.join(EXAMPLES, '复杂表头-居家养老.xlsx'), path.join(dir, 'a.scored.xlsx'));
    const before = hashes(dir);
    const { code } = await run(['score', path.join(dir, 'a.xlsx'), path.join(dir, 'a.scored.xlsx')]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.scored.xlsx'))).toEqual(readFileSync(path.join(EXAMPLES, '复杂表头-居家养老.xlsx')));
    expect(existsSync(path.join(dir, 'a (2).scored.xlsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'a.scored.scored.xlsx'))).toBe(true);
    for (const [name, hash] of before) expect(hashes(dir).get(name)).toBe(hash);
  });

  test('same-named files in two folders keep apart under --out-dir and --report-dir', async () => {
    const dir = tempDir();
    for (const sub of ['甲局', '乙局']) {
      mkdirSync(path.join(dir, sub));
      copyFileSync(path.join(EXAMPLES, sub === '甲局' ? '示例-专项资金自评表.xlsx' : '复杂表头-居家养老.xlsx'), path.join(dir, sub, '自评表.xlsx'));
    }
    const out = tempDir();
    const { code } = await run(['score', path.join(dir, '甲局'), path.join(dir, '乙局'), '--out-dir', out, '--report-dir', out]);
    expect(code).toBe(0);
    expect((readdirSync(out, { recursive: true }) as string[]).sort()).toEqual(
      [
        '乙局',
        path.join('乙局', '自评表.docx'),
        path.join('乙局', '自评表.scored.xlsx'),
        '甲局',
        path.join('甲局', '自评表.docx'),
        path.join('甲局', '自评表.scored.xlsx'),
      ].sort(),
    );
  });
});
