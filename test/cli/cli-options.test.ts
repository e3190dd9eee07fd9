/**
 * Every option is checked before any work and every run says only what happened (issue 9, items
 * 4–8 and the CLI's smaller points): usage errors in our words, --add-columns never claims a
 * scoring, other sheets are pointed out, --judge and --rebase do what the pane's settings do.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { closest, parseJudge } from '../../src/cli/command-line';
import { run } from './run-main';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const ROADS = path.join(EXAMPLES, '衔接资金-农村公路养护.xlsx'); // row 14: a deadline missed, 5 points
const TARGETS_ONLY = path.join(EXAMPLES, '仅指标值-信访维稳.xlsx');
const NO_FUNDS = path.join(EXAMPLES, '指标表加实际值-信访维稳.xlsx'); // no funds block: 90 points

function copyInto(dir: string, file: string): string {
  const target = path.join(dir, path.basename(file));
  copyFileSync(file, target);
  return target;
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-options-'));
}

describe('usage errors', () => {
  test.each([
    [['score', 'x.xlsx', '--prof', 'mof-2020'], '--prof', '--profile'],
    [['score', 'x.xlsx', '-o', 'y.xlsx'], '-o', '--out'],
    [['score', 'x.xlsx', '--output', 'y.xlsx'], '--output', '--out'],
    [['score', 'x.xlsx', '--keep-score'], '--keep-score', '--keep-scores'],
  ])('%j: one line in our words, naming the option and the one meant', async (args, typed, meant) => {
    const { code, err } = await run(args);
    expect(code).toBe(1);
    const first = err.split('\n')[0];
    expect(first).toContain(`不认识的选项 ${typed}，您是不是要用 ${meant}？`);
    expect(first).toContain(`did you mean ${meant}?`);
    expect(err).not.toMatch(/To specify a positional argument|Unknown option/);
    expect(err.split('\n')).toHaveLength(2); // the error and where to find the usage, not the whole usage
  });

  test('an option with no value says what to write after it', async () => {
    const { code, err } = await run(['score', 'x.xlsx', '--date']);
    expect(code).toBe(1);
    expect(err).toContain('选项 --date 后面要写上内容，如 --date 2025-06-11');
  });

  test('a file given without the score command is scored', async () => {
    const dir = tempDir();
    const input = copyInto(dir, ROADS);
    const { code, out } = await run([input]);
    expect(code).toBe(0);
    expect(out).toContain('总分：');
    expect(existsSync(path.join(dir, '衔接资金-农村公路养护.scored.xlsx'))).toBe(true);
  });

  test('a mistyped command is suggested', async () => {
    const { code, err } = await run(['socre', 'x.xlsx']);
    expect(code).toBe(1);
    expect(err).toContain('没有“socre”这个命令，您是不是要用 score？');
  });

  test('--version and -v print the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const { code, out } = await run([flag]);
      expect(code).toBe(0);
      expect(out).toBe(`perf-self-eval ${version}`);
    }
  });

  test('closest finds near words only', () => {
    expect(closest('--prof', ['--profile', '--out'])).toBe('--profile');
    expect(closest('--jsn', ['--json', '--sheet'])).toBe('--json');
    expect(closest('--zzzzzz', ['--json', '--sheet'])).toBeUndefined();
  });
});

describe('a bad option is refused before any work', () => {
  test.each(['2025-13-45', '2025-02-30', '2025-6-1', '明年'])('--date %s: exit 1 and nothing printed or written', async (date) => {
    const dir = tempDir();
    const input = copyInto(dir, ROADS);
    const { code, out, err } = await run(['score', input, '--report', path.join(dir, 'r.docx'), '--date', date]);
    expect(code).toBe(1);
    expect(out).toBe(''); // no table printed first
    expect(err).toContain(`日期“${date}”`);
    expect(readdirSync(dir)).toEqual([path.basename(input)]);
  });

  test('2024-02-29 is on the calendar', async () => {
    const dir = tempDir();
    const { code } = await run(['score', copyInto(dir, ROADS), '--report', path.join(dir, 'r.docx'), '--date', '2024-02-29']);
    expect(code).toBe(0);
  });

  test.each(['15', '15=大致达成', '15=部分达成:150%', 'x=达成', '0=达成'])('--judge %s is refused with the accepted forms', async (judge) => {
    const { code, err } = await run(['score', ROADS, '--judge', judge]);
    expect(code).toBe(1);
    expect(err).toContain('--judge');
  });
});

describe('--add-columns only adds columns', () => {
  test('it says the copy has columns added, not that results were written', async () => {
    const dir = tempDir();
    const { code, out } = await run(['score', copyInto(dir, TARGETS_ONLY), '--add-columns']);
    expect(code).toBe(0);
    expect(out).toContain('已添加待填列的副本已写入');
    expect(out).not.toContain('评分结果已写入');
  });

  test.each([
    ['--json', 'j.json'],
    ['--report', 'r.docx'],
  ])('with %s it refuses, writing nothing', async (option, name) => {
    const dir = tempDir();
    const input = copyInto(dir, TARGETS_ONLY);
    const { code, err } = await run(['score', input, '--add-columns', option, path.join(dir, name)]);
    expect(code).toBe(1);
    expect(err).toContain(`不能生成 ${option}`);
    expect(readdirSync(dir)).toEqual([path.basename(input)]);
  });
});

describe('a workbook with several tables', () => {
  test('scoring the first says the others are there and how to score them', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'three.xlsx');
    const wb = new ExcelJS.Workbook();
    for (const name of ['甲项目', '乙项目', '丙项目']) {
      const ws = wb.addWorksheet(name);
      ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
      ws.addRow(['产出指标', '数量指标', '培训人数', '≥100人', '100人', 100]);
    }
    wb.addWorksheet('说明').getCell('A1').value = '填表说明';
    await wb.xlsx.writeFile(input);
    const first = await run(['score', input]);
    expect(first.out).toContain('工作簿中还有2张自评表（“乙项目”、“丙项目”），可用 --all 全部评分，或用 --sheet 指定');
    const named = await run(['score', input, '--sheet', '乙项目']);
    expect(named.out).not.toContain('工作簿中还有');
  });

  test('a single table says nothing of others', async () => {
    const dir = tempDir();
    const { out } = await run(['score', copyInto(dir, ROADS)]);
    expect(out).not.toContain('工作簿中还有');
  });
});

describe('--judge', () => {
  test("parses the pane's three tiers, a share and a sheet", () => {
    expect(parseJudge('15=达成')).toMatchObject({ row: 15, judgement: { tier: 'achieved' } });
    expect(parseJudge('15=部分达成:70%')).toMatchObject({ row: 15, judgement: { tier: 'partial', share: 0.7 } });
    expect(parseJudge('自评表!15＝未达成：0.3')).toMatchObject({ sheet: '自评表', row: 15, judgement: { tier: 'failed', share: 0.3 } });
  });

  test("settles a 待评定 row as the pane's 人工评定 does", async () => {
    const dir = tempDir();
    const input = copyInto(dir, ROADS);
    const json = path.join(dir, 'r.json');
    const before = await run(['score', input, '--out', path.join(dir, 'a.xlsx')]);
    expect(before.out).toContain('当前总分为暂定分');
    const { code, out } = await run(['score', input, '--out', path.join(dir, 'b.xlsx'), '--json', json, '--judge', '14=部分达成:70%']);
    expect(code).toBe(0);
    expect(out).not.toContain('当前总分为暂定分');
    const row = (JSON.parse(readFileSync(json, 'utf8')) as { indicators: { row: number; score: number; status: string }[] }).indicators.find(
      (i) => i.row === 14,
    );
    expect(row).toMatchObject({ score: 3.5, status: 'unmet' });
  });

  test('a row that is no indicator is refused, naming the indicator rows', async () => {
    const dir = tempDir();
    const { code, err } = await run(['score', copyInto(dir, ROADS), '--judge', '3=达成']);
    expect(code).toBe(1);
    expect(err).toContain('第3行不是指标行（指标行为第11–19行）');
    expect(readdirSync(dir)).toHaveLength(1);
  });
});

describe('--rebase', () => {
  test('rebases a table without funds to 100 under a profile that does not', async () => {
    const dir = tempDir();
    const input = copyInto(dir, NO_FUNDS);
    const plain = path.join(dir, 'plain.json');
    const rebased = path.join(dir, 'rebased.json');
    await run(['score', input, '--out', path.join(dir, 'a.xlsx'), '--json', plain]);
    const { code } = await run(['score', input, '--out', path.join(dir, 'b.xlsx'), '--json', rebased, '--rebase']);
    expect(code).toBe(0);
    const a = JSON.parse(readFileSync(plain, 'utf8')) as { totalScore: number; totalMax: number; totalWeight: number; rebased?: boolean };
    const b = JSON.parse(readFileSync(rebased, 'utf8')) as typeof a;
    expect(a).toMatchObject({ totalMax: 90 });
    expect(a.rebased).toBeUndefined();
    expect(b).toMatchObject({ totalMax: 100, rebased: true });
    expect(b.totalScore).toBeCloseTo((a.totalScore / a.totalWeight) * 100, 1);
  });
});

test('a run with a row waiting for judgement says how to settle it from the command line', async () => {
  const dir = tempDir();
  const { out } = await run(['score', copyInto(dir, ROADS)]);
  expect(out).toContain('待评定的行可用 --judge 评定，如 --judge 14=部分达成:70%');
  const settled = await run(['score', copyInto(tempDir(), ROADS), '--judge', '14=达成']);
  expect(settled.out).not.toContain('待评定的行可用 --judge');
});
