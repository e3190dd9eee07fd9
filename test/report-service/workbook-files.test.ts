/**
 * The 网页版's workbook code (report-service/workbook-files.ts and score-file.ts): a file scored as
 * the command line scores it, its scored copy the same as the command line's, its report the same
 * .docx, several packed into one .zip. Run in Node, with the same modules the page bundles.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { FIXTURE } from '../../scripts/make-saved-settings-fixture';
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import type { ScoredSheet } from '../../src/app/report-service';
import type { Evaluation } from '../../src/engine/evaluation';
import { ReportError } from '../../src/engine/report/errors';
import { renderReportDocx } from '../../src/render/report';
import { scoredCopyName } from '../../src/report-service/file-name';
import { fileSettings, settingsForFile, WorkbookFileError } from '../../src/report-service/score-file';
import { createWorkbookFileService, uniqueNames, zipFiles } from '../../src/report-service/workbook-files';
import { readWorkbookGrids } from '../../src/xlsx/file';
import { run } from '../cli/run-main';
import { partXml, paragraphTexts } from '../report/helpers';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', '示例-专项资金自评表.xlsx');
const TEMPLATE = path.join(ROOT, 'examples', 'templates', 'bureau-template.docx');
const DEFAULT_CHOICE = { profileId: 'mof-2020', chosen: false };

const service = createWorkbookFileService();
const bytesOf = (file: string) => new Uint8Array(readFileSync(file));

function onlyScored(sheets: ScoredSheet[]) {
  const ok = sheets.filter((sheet) => sheet.outcome.ok);
  expect(ok).toHaveLength(1);
  const [sheet] = ok;
  if (!sheet.outcome.ok) throw new Error('unreachable');
  return sheet.outcome;
}

/** The text of a .docx's body, paragraph by paragraph: what a reader of the report sees. */
const docxText = async (bytes: Uint8Array): Promise<string> => paragraphTexts(await partXml(bytes)).join('\n');

/** Every cell of every sheet, by sheet and address, as the reader gives it. */
async function cellsOf(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const grid of await readWorkbookGrids(bytes)) {
    grid.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell) out[`${grid.sheet}!${r + grid.top}:${c + grid.left}`] = cell.value;
      }),
    );
  }
  return out;
}

describe('scoreFile', () => {
  test('scores the example as the command line does (98.75, 优) and keeps the sheets it read', async () => {
    const book = await service.scoreFile(bytesOf(EXAMPLE), DEFAULT_CHOICE);
    expect(book.saved).toBe('none');
    const { evaluation } = onlyScored(book.sheets);
    expect([evaluation.totalScore, evaluation.grade]).toEqual([98.75, '优']);
    expect(book.grids.map((grid) => grid.sheet)).toEqual(book.sheets.map((sheet) => sheet.name));
  });

  test('honours the settings the Excel add-in saved in the workbook, and a profile chosen in the page replaces only the rules', async () => {
    const saved = await service.scoreFile(bytesOf(FIXTURE), DEFAULT_CHOICE);
    expect(saved.saved).toBe('all');
    expect(saved.settings.profileId).not.toBe(DEFAULT_SETTINGS.profileId);
    expect(Object.keys(saved.settings.judgements).length).toBeGreaterThan(0);

    const chosen = await service.scoreFile(bytesOf(FIXTURE), { profileId: 'mof-2020', chosen: true });
    expect(chosen.saved).toBe('all-but-rules');
    expect(chosen.settings.profileId).toBe('mof-2020');
    expect(chosen.settings.judgements).toEqual(saved.settings.judgements);
  });

  test('refuses a file that is not a workbook with the reader’s reason, as a WorkbookFileError', async () => {
    const notXlsx = new TextEncoder().encode('这不是工作簿');
    await expect(service.scoreFile(notXlsx, DEFAULT_CHOICE)).rejects.toBeInstanceOf(WorkbookFileError);
  });

  test('scoreSheets scores the sheets read before with other settings: a judgement changes the score', async () => {
    const book = await service.scoreFile(bytesOf(EXAMPLE), DEFAULT_CHOICE);
    const { evaluation } = onlyScored(book.sheets);
    const qualitative = evaluation.indicators.find((row) => row.kind === 'qualitative');
    if (!qualitative) throw new Error('the example has a qualitative row');
    const judgements = { [evaluation.sheet]: { [qualitative.row]: { tier: 'failed' as const } } };
    const rejudged = onlyScored(service.scoreSheets(book.grids, { ...book.settings, judgements })).evaluation;
    expect(rejudged.totalScore).toBeLessThan(evaluation.totalScore);
  });
});

describe('settings for a file', () => {
  const saved = { ...DEFAULT_SETTINGS, profileId: 'provincial-platform', overrides: { rebaseTo100: false }, judgements: { 表: { 5: 0.5 } } };

  test('fileSettings: the saved ones, or the defaults; a profile given replaces the saved one and drops its adjustments', () => {
    expect(fileSettings(undefined, undefined)).toBe(DEFAULT_SETTINGS);
    expect(fileSettings(saved, undefined)).toBe(saved);
    expect(fileSettings(saved, 'provincial-platform')).toBe(saved);
    expect(fileSettings(saved, 'mof-2020')).toEqual({ ...saved, profileId: 'mof-2020', overrides: {} });
    expect(fileSettings(undefined, 'hunan-nanyue')).toEqual({ ...DEFAULT_SETTINGS, profileId: 'hunan-nanyue' });
  });

  test('settingsForFile says what the saved settings contributed', () => {
    expect(settingsForFile(undefined, { profileId: 'hunan-nanyue', chosen: false })).toEqual({
      settings: { ...DEFAULT_SETTINGS, profileId: 'hunan-nanyue' },
      saved: 'none',
    });
    expect(settingsForFile(saved, { profileId: 'mof-2020', chosen: false })).toEqual({ settings: saved, saved: 'all' });
    expect(settingsForFile(saved, { profileId: 'provincial-platform', chosen: true })).toEqual({ settings: saved, saved: 'all' });
    expect(settingsForFile(saved, { profileId: 'mof-2020', chosen: true }).saved).toBe('all-but-rules');
  });
});

describe('scoredCopy', () => {
  test('is the command line’s scored copy of the same file, byte for byte', async () => {
    const original = bytesOf(EXAMPLE);
    const { plan } = onlyScored((await service.scoreFile(original, DEFAULT_CHOICE)).sheets);
    const copy = await service.scoredCopy(original, [plan]);

    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'web-files-')), scoredCopyName('示例-专项资金自评表.xlsx'));
    const cli = await run(['score', EXAMPLE, '--out', out]);
    expect(cli.code).toBe(0);
    expect(Buffer.from(copy).equals(readFileSync(out))).toBe(true);
  });

  test('changes exactly the cells of the plan', async () => {
    const original = bytesOf(EXAMPLE);
    const { plan } = onlyScored((await service.scoreFile(original, DEFAULT_CHOICE)).sheets);
    const before = await cellsOf(original);
    const after = await cellsOf(await service.scoredCopy(original, [plan]));
    const changed = Object.keys({ ...before, ...after }).filter((key) => before[key] !== after[key]);
    expect(changed.length).toBeGreaterThan(0);
    const planned = new Set(plan.writes.map((write) => write.address));
    const toA1 = (key: string) => {
      const [, rc] = key.split('!');
      const [row, col] = rc.split(':').map(Number);
      let letters = '';
      for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      return `${letters}${row}`;
    };
    expect(changed.map(toA1).filter((address) => !planned.has(address))).toEqual([]);
  });

  test('with no plan, the copy is the original', async () => {
    const original = bytesOf(EXAMPLE);
    expect(await service.scoredCopy(original, [])).toBe(original);
  });
});

describe('reportDocx', () => {
  let evaluation: Evaluation;
  beforeAll(async () => {
    evaluation = onlyScored((await service.scoreFile(bytesOf(EXAMPLE), DEFAULT_CHOICE)).sheets).evaluation;
  });

  test('is the report the command line writes for the same evaluation and settings', async () => {
    const settings = { unit: '某单位', date: '2025-06-11', outline: 'special-fund' as const };
    const text = await docxText(await service.reportDocx(evaluation, settings));
    expect(text).toBe(await docxText(await renderReportDocx(evaluation, settings)));
    expect(text).toContain('2024年全国两会信访维稳专项资金');
    expect(text).toContain('某单位');
  });

  test('fills the unit’s own template when one is given', async () => {
    const template = bytesOf(TEMPLATE);
    const text = await docxText(await service.reportDocx(evaluation, {}, template));
    expect(text).toBe(await docxText(await renderReportDocx(evaluation, {}, { template })));
    expect(text).not.toBe(await docxText(await renderReportDocx(evaluation, {})));
  });

  test('a template that is no .docx is refused with a ReportError', async () => {
    await expect(service.reportDocx(evaluation, {}, new TextEncoder().encode('not a docx'))).rejects.toBeInstanceOf(ReportError);
  });
});

describe('zip', () => {
  test('uniqueNames numbers a name that repeats, ignoring case, and keeps the extension', () => {
    expect(uniqueNames(['a.xlsx', 'b.docx', 'A.xlsx', 'a.xlsx', 'noext', 'noext'])).toEqual([
      'a.xlsx',
      'b.docx',
      'A (2).xlsx',
      'a (3).xlsx',
      'noext',
      'noext (2)',
    ]);
  });

  test('packs each file under its (unique) name with its bytes unchanged', () => {
    const files = [
      { name: '示例.scored.xlsx', bytes: new Uint8Array([1, 2, 3]) },
      { name: '绩效自评报告-项目.docx', bytes: new Uint8Array([4, 5]) },
      { name: '绩效自评报告-项目.docx', bytes: new Uint8Array([6]) },
    ];
    const unpacked = unzipSync(zipFiles(files));
    expect(Object.keys(unpacked).sort()).toEqual(['示例.scored.xlsx', '绩效自评报告-项目 (2).docx', '绩效自评报告-项目.docx'].sort());
    expect(Array.from(unpacked['示例.scored.xlsx'])).toEqual([1, 2, 3]);
    expect(Array.from(unpacked['绩效自评报告-项目 (2).docx'])).toEqual([6]);
  });
});
