/**
 * The command line on real .xlsx files: it writes a scored copy, reads back the written cells,
 * never touches the input, and turns every unusable input into one clear line and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from './run-main';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-'));
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function readBack(file: string, sheet?: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return ws;
}

describe('perf-self-eval score', () => {
  test('scores the seed workbook into FILE.scored.xlsx beside it and leaves the input alone', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'seed.xlsx');
    copyFileSync(path.join(FIXTURES, 'seed-standard-form.xlsx'), input);
    const before = sha(input);
    const { code, out } = await run(['score', input]);
    expect(code).toBe(0);
    expect(sha(input)).toBe(before);
    const output = path.join(dir, 'seed.scored.xlsx');
    expect(out).toContain(`评分结果已写入：${output}`);
    expect(out).toContain('总分：98.75 / 100    等级：优');
    expect(out).toMatch(/信访人满意度.*8\.75.*未达标/);

    const ws = await readBack(output);
    expect(ws.getCell('H13').value).toBe(7.15);
    expect(ws.getCell('H21').value).toBe(8.75);
    expect(ws.getCell('K12').value).toBe('偏差标记');
    expect(ws.getCell('K13').value).toBe('超目标较多，需说明原因');
    expect((ws.getCell('K13').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFEB9C');
    expect((ws.getCell('K15').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC6EFCE');
    expect(ws.getCell('I6').value).toBe(1);
    expect(ws.getCell('I6').numFmt).toBe('0.00%');
    expect(ws.getCell('H22').value).toBe(98.75);
    expect(ws.getCell('K22').value).toBe('等级：优'); // labelled, in the 偏差标记 column, never bare in 偏差原因 (I)
    expect(ws.getCell('I22').value).toBeNull();
    // What the user typed is still there.
    expect(ws.getCell('E13').value).toBe('≥10人');
    expect(String(ws.getCell('I21').value)).toMatch(/^部分责任单位/);
  });

  test('--out, --json and --profile', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'scored.xlsx');
    const json = path.join(dir, 'result.json');
    const { code } = await run(['score', path.join(FIXTURES, 'seed-standard-form.xlsx'), '--out', out, '--json', json, '--profile', 'hunan-nanyue']);
    expect(code).toBe(0);
    const evaluation = JSON.parse(readFileSync(json, 'utf8'));
    expect(evaluation).toMatchObject({ sheet: '自评表', profile: 'hunan-nanyue', totalScore: 98.75, grade: '优秀', totalWeight: 100 });
    expect(evaluation.indicators[0]).toMatchObject({
      row: 13,
      level1: '产出指标',
      level2: '数量指标',
      target: '≥10人',
      actual: '16人',
      kind: 'higher',
      weight: 7.15,
      score: 7.15,
      status: 'exceeded',
      cells: { score: 'H13', flag: 'K13' },
    });
    expect(evaluation.funds).toMatchObject({ rate: 1, weight: 10, score: 10, cells: { rate: 'I6', score: 'J6' } });
    expect((await readBack(out)).getCell('K22').value).toBe('等级：优秀');
  });

  test('--sheet picks a sheet; --all scores every sheet with a table and --json writes an array', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'two.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('封面').getCell('A1').value = '2024年度项目支出绩效自评';
    for (const [name, actual] of [
      ['甲项目', '120人'],
      ['乙项目', '80人'],
    ] as const) {
      const ws = wb.addWorksheet(name);
      ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
      ws.addRow(['产出指标', '数量指标', '培训人数', '≥100人', actual, 100]);
    }
    await wb.xlsx.writeFile(input);
    const single = await run(['score', input, '--sheet', '乙项目', '--out', path.join(dir, 'b.xlsx')]);
    expect(single.code).toBe(0);
    expect((await readBack(path.join(dir, 'b.xlsx'), '乙项目')).getCell('G2').value).toBe(80);
    expect((await readBack(path.join(dir, 'b.xlsx'), '甲项目')).getCell('G2').value).toBeNull();

    const json = path.join(dir, 'all.json');
    const all = await run(['score', input, '--all', '--out', path.join(dir, 'all.xlsx'), '--json', json]);
    expect(all.code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).map((e: { sheet: string; totalScore: number }) => [e.sheet, e.totalScore])).toEqual([
      ['甲项目', 100],
      ['乙项目', 80],
    ]);
    expect((await readBack(path.join(dir, 'all.xlsx'), '甲项目')).getCell('G2').value).toBe(100);

    const missing = await run(['score', input, '--sheet', '丙项目']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('没有名为“丙项目”的工作表');
  });

  test('a target-only table exits 2 with advice; --add-columns writes the columns to fill', async () => {
    const dir = tempDir();
    const input = path.join(FIXTURES, 'seed-targets-only.xlsx');
    const refused = await run(['score', input, '--out', path.join(dir, 'x.xlsx')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--add-columns');
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
    const added = await run(['score', input, '--add-columns', '--out', path.join(dir, 'y.xlsx')]);
    expect(added.code).toBe(0);
    const ws = await readBack(path.join(dir, 'y.xlsx'));
    expect(['E2', 'F2', 'G2', 'H2'].map((a) => ws.getCell(a).value)).toEqual(['实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  });

  test('refuses to write over the input and rejects unknown options and profiles', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'seed.xlsx');
    copyFileSync(path.join(FIXTURES, 'seed-standard-form.xlsx'), input);
    const before = sha(input);
    expect((await run(['score', input, '--out', input])).code).toBe(1);
    expect(sha(input)).toBe(before);
    const unknownProfile = await run(['score', input, '--profile', 'nowhere']);
    expect(unknownProfile.code).toBe(1);
    expect(unknownProfile.err).toContain('未知的评分规则“nowhere”');
    expect((await run(['score', input, '--bogus'])).code).toBe(1);
  });
});

describe('unusable input: one line in Chinese and English, exit 2, the file unchanged', () => {
  const cases: [string, string, () => Buffer][] = [
    ['an empty file', 'empty.xlsx', () => Buffer.alloc(0)],
    ['a file that is not a zip', 'text.xlsx', () => Buffer.from('项目名称,得分\n测试,100\n')],
    ['an old .xls workbook', 'old.xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
    ['an .xls renamed to .xlsx', 'renamed.xlsx', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
    ['a truncated workbook', 'cut.xlsx', () => readFileSync(path.join(FIXTURES, 'seed-standard-form.xlsx')).subarray(0, 4000)],
    [
      'a password-protected workbook',
      'locked.xlsx',
      () =>
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(200),
          Buffer.from('EncryptedPackage', 'utf16le'),
          Buffer.alloc(300),
        ]),
    ],
  ];

  test.each(cases)('%s', async (_name, file, bytes) => {
    const dir = tempDir();
    const input = path.join(dir, file);
    writeFileSync(input, bytes());
    const before = sha(input);
    const { code, err } = await run(['score', input]);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^错误：.+ \/ Error: .+/);
    expect(err).not.toMatch(/\n\s+at /);
    expect(sha(input)).toBe(before);
    expect(existsSync(input.replace(/\.xlsx?$/, '.scored.xlsx'))).toBe(false);
  });

  test('a sheet with no table, and a header with no rows', async () => {
    const dir = tempDir();
    const noTable = path.join(dir, 'plan.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('工作计划').addRows([['一、加强学习'], ['二、完善制度']]);
    await wb.xlsx.writeFile(noTable);
    const a = await run(['score', noTable]);
    expect(a.code).toBe(2);
    expect(a.err).toContain('未找到绩效指标表');

    const headerOnly = path.join(dir, 'header.xlsx');
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet('自评表').addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
    await wb2.xlsx.writeFile(headerOnly);
    const b = await run(['score', headerOnly]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('C1：绩效指标表只有表头，没有指标行');
  });

  test('error cells, formulas, dates and rich text are flagged or read, never a crash', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'odd.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('自评表');
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
    ws.addRow(['产出指标', '数量指标', '培训人数', '≥100人', { error: '#DIV/0!' }, 25]);
    ws.addRow([null, null, '覆盖人数', { formula: '50*2', result: 100 }, { formula: 'E2', result: undefined }, 25]);
    ws.addRow([null, '时效指标', '完成时间', '2024年11月底前', new Date(Date.UTC(2024, 10, 20)), 25]);
    ws.getCell('E4').numFmt = 'yyyy-mm-dd';
    ws.addRow([
      '满意度指标',
      '满意度',
      '满意度',
      { richText: [{ text: '≥' }, { font: { bold: true }, text: '90%' }] },
      '95%',
      25,
      { formula: 'F5', result: 25 },
    ]);
    await wb.xlsx.writeFile(input);
    const before = sha(input);
    const json = path.join(dir, 'odd.json');
    const { code, out } = await run(['score', input, '--json', json]);
    expect(code).toBe(0);
    expect(sha(input)).toBe(before);
    const evaluation = JSON.parse(readFileSync(json, 'utf8'));
    const byRow = (r: number) => evaluation.indicators.find((i: { row: number }) => i.row === r);
    expect(byRow(2)).toMatchObject({ status: 'unreadable', score: 0 });
    expect(out).toContain('E2：无法识别实际完成值“#DIV/0!”');
    expect(byRow(3).status).toBe('missing-actual');
    expect(byRow(4)).toMatchObject({ kind: 'date', status: 'met', score: 25 });
    expect(byRow(5)).toMatchObject({ target: '≥90%', status: 'met' });
    // A formula in a result cell is kept and reported.
    expect(evaluation.problems.map((p: { code: string; cell?: string }) => `${p.code}@${p.cell}`)).toContain('formula-kept@G5');
    const back = await readBack(path.join(dir, 'odd.scored.xlsx'));
    expect(back.getCell('G5').value).toMatchObject({ formula: 'F5' });
    expect(back.getCell('G4').value).toBe(25);
  });

  test('a 100,000-row sheet is scored', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'huge.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input });
    const ws = writer.addWorksheet('自评表');
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']).commit();
    for (let i = 0; i < 100_000; i++) ws.addRow([i === 0 ? '产出指标' : null, null, `指标${i}`, '≥10人', `${(i % 20) + 1}人`, 0.001]).commit();
    ws.commit();
    await writer.commit();
    const json = path.join(dir, 'huge.json');
    const { code } = await run(['score', input, '--json', json]);
    expect(code).toBe(0);
    const evaluation = JSON.parse(readFileSync(json, 'utf8'));
    expect(evaluation.indicators).toHaveLength(100_000);
    const back = await readBack(path.join(dir, 'huge.scored.xlsx'));
    expect(back.getCell('G100001').value).toBe(0);
  }, 180_000);
});

describe('the installed command', () => {
  test('the bin runs the bundled example and prints a one-line error without a stack', () => {
    const dir = tempDir();
    const bin = path.join(ROOT, 'bin', 'perf-self-eval.js');
    const demo = spawnSync(process.execPath, [bin, 'score'], { cwd: dir, encoding: 'utf8' });
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('总分：98.75 / 100    等级：优');
    expect(existsSync(path.join(dir, '示例-专项资金自评表.scored.xlsx'))).toBe(true);
    const bad = spawnSync(process.execPath, [bin, 'score', path.join(dir, 'nothing.xlsx')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('找不到文件');
  });
});
