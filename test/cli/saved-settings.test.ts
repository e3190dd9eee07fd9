/**
 * The command line scores a workbook with the settings the Excel add-in saved in it (profile,
 * rule adjustments, judgements, table choice), as Excel did; --profile replaces the saved profile
 * (its adjustments dropped, the rest kept) and --ignore-saved-settings scores as if none were saved.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addCustomXmlPart, addSavedSettings, FIXTURE, SEED } from '../../scripts/make-saved-settings-fixture';
import { addinDataXml } from '../../src/app/addin-data-parts';
import { readSavedAddinSettings } from '../../src/xlsx/addin-settings';
import { run } from './run-main';

const SAVED_LINE = '已按工作簿中保存的评分设置评分（规则：湖南南岳区单位自评（90优秀/80优良/70中），hunan-nanyue）';

function copyOfFixture(): { dir: string; input: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-saved-'));
  const input = path.join(dir, 'saved.xlsx');
  copyFileSync(FIXTURE, input);
  return { dir, input };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

test('the saved profile and judgement are used, and one line says so', async () => {
  const { dir, input } = copyOfFixture();
  const json = path.join(dir, 'r.json');
  const { code, out } = await run(['score', input, '--json', json]);
  expect(code).toBe(0);
  expect(out.split('\n')).toContain(SAVED_LINE);
  expect(readJson(json)).toMatchObject({ profile: 'hunan-nanyue', totalScore: 83.75, grade: '优良' });
  expect(readJson(json).indicators.find((i: { row: number }) => i.row === 20).score).toBe(15);
  // the scored copy keeps the saved settings: opened in Excel or scored again, it is the same workbook
  const copy = new Uint8Array(readFileSync(path.join(dir, 'saved.scored.xlsx')));
  expect(await readSavedAddinSettings(copy)).toEqual(await readSavedAddinSettings(new Uint8Array(readFileSync(input))));
});

test('--profile replaces only the saved profile: the saved judgement stays', async () => {
  const { dir, input } = copyOfFixture();
  const json = path.join(dir, 'r.json');
  const { code, out } = await run(['score', input, '--profile', 'mof-2020', '--json', json]);
  expect(code).toBe(0);
  expect(out).toContain('已按工作簿中保存的评分设置评分（规则：');
  expect(out).toContain('mof-2020，按 --profile；保存的规则调整未用）');
  expect(readJson(json)).toMatchObject({ profile: 'mof-2020', totalScore: 83.75, grade: '良' });
});

test('--ignore-saved-settings scores as if nothing were saved, and says nothing about it', async () => {
  const { dir, input } = copyOfFixture();
  const json = path.join(dir, 'r.json');
  const { code, out } = await run(['score', input, '--ignore-saved-settings', '--json', json]);
  expect(code).toBe(0);
  expect(out).not.toContain('保存的评分设置');
  expect(readJson(json)).toMatchObject({ profile: 'mof-2020', totalScore: 98.75, grade: '优' });
  const withProfile = await run(['score', input, '--ignore-saved-settings', '--profile', 'hunan-nanyue', '--json', json]);
  expect(withProfile.code).toBe(0);
  expect(readJson(json)).toMatchObject({ profile: 'hunan-nanyue', totalScore: 98.75, grade: '优秀' });
});

test('saved rule adjustments apply; --profile with another profile drops them, with the same profile keeps them', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-saved-'));
  const input = path.join(dir, 'grades.xlsx');
  const json = path.join(dir, 'r.json');
  writeFileSync(
    input,
    await addSavedSettings(new Uint8Array(readFileSync(SEED)), {
      profileId: 'hunan-nanyue',
      overrides: {
        grades: [
          { min: 90, label: '甲等' },
          { min: 0, label: '乙等' },
        ],
      },
    }),
  );
  await run(['score', input, '--json', json]);
  expect(readJson(json)).toMatchObject({ totalScore: 98.75, grade: '甲等' });
  await run(['score', input, '--profile', 'hunan-nanyue', '--json', json]);
  expect(readJson(json)).toMatchObject({ totalScore: 98.75, grade: '甲等' });
  await run(['score', input, '--profile', 'mof-2020', '--json', json]);
  expect(readJson(json)).toMatchObject({ profile: 'mof-2020', grade: '优' });
});

test('saved keepExistingScores keeps a score typed in the sheet; --keep-scores does as much without it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-saved-'));
  const input = path.join(dir, 'keep.xlsx');
  const json = path.join(dir, 'r.json');
  // 维护社会和谐稳定 (row 20, 30 points): the unit typed 20 in its 得分 cell
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SEED);
  workbook.getWorksheet('自评表')!.getCell('H20').value = 20;
  const edited = new Uint8Array(await workbook.xlsx.writeBuffer());
  // a stale table choice (row 5 holds no table header) falls back to the sheet's table, as in Excel
  writeFileSync(input, await addSavedSettings(edited, { keepExistingScores: true, tableRows: { 自评表: 5 } }));
  await run(['score', input, '--json', json]);
  expect(readJson(json)).toMatchObject({ totalScore: 88.75 });
  await run(['score', input, '--ignore-saved-settings', '--json', json]);
  expect(readJson(json)).toMatchObject({ totalScore: 98.75 });
  await run(['score', input, '--ignore-saved-settings', '--keep-scores', '--json', json]);
  expect(readJson(json)).toMatchObject({ totalScore: 88.75 });
});

test('a damaged settings part is ignored: scored with the defaults', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-saved-'));
  const input = path.join(dir, 'damaged.xlsx');
  const json = path.join(dir, 'r.json');
  writeFileSync(input, await addSavedSettings(new Uint8Array(readFileSync(SEED)), '{&quot;profileId', { raw: true }));
  const { code, out } = await run(['score', input, '--json', json]);
  expect(code).toBe(0);
  expect(out).not.toContain('保存的评分设置');
  expect(readJson(json)).toMatchObject({ profile: 'mof-2020', totalScore: 98.75 });
  expect(Object.keys((await JSZip.loadAsync(readFileSync(input))).files)).toContain('xl/webextensions/webextension1.xml');
});

test('settings saved by the current add-in (a custom XML part) are used the same way, and the scored copy keeps the part', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-part-'));
  const input = path.join(dir, 'part.xlsx');
  const xml = addinDataXml('settings', { profileId: 'hunan-nanyue', judgements: { 自评表: { 20: 0.5 } } });
  writeFileSync(input, await addCustomXmlPart(new Uint8Array(readFileSync(SEED)), xml));
  const json = path.join(dir, 'r.json');
  const { code, out } = await run(['score', input, '--json', json]);
  expect(code).toBe(0);
  expect(out.split('\n')).toContain(SAVED_LINE);
  expect(readJson(json)).toMatchObject({ profile: 'hunan-nanyue', totalScore: 83.75, grade: '优良' });
  const copy = await JSZip.loadAsync(readFileSync(path.join(dir, 'part.scored.xlsx')));
  expect(await copy.file('customXml/item1.xml')?.async('string')).toBe(xml);
});
