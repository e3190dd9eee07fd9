import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { addSavedSettings, FIXTURE } from '../../scripts/make-saved-settings-fixture';
import type { ScoredSheet } from '../../src/app/report-service';
import type { Insertion, WordDocumentHost } from '../../src/office/word';
import { HostError } from '../../src/app/ports';
import { base64ToBytes } from '../../src/report-service/base64';
import { createWordReportService, WorkbookFileError } from '../../src/report-service/word-report';
import { seed } from '../report/helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', '示例-专项资金自评表.xlsx');
const PANE_DEFAULT = { profileId: 'mof-2020', chosen: false };

/** A Word document host that records the .docx it was handed. */
function fakeWord(insertion: Insertion = { at: 'End', pageSetupKept: true }) {
  const handed: { into: 'current' | 'new'; base64: string }[] = [];
  const word: WordDocumentHost = {
    insertIntoCurrent: async (base64) => {
      handed.push({ into: 'current', base64 });
      return insertion;
    },
    openAsNew: async (base64) => void handed.push({ into: 'new', base64 }),
  };
  return { word, handed };
}

describe('scoreWorkbookFile', () => {
  test('scores every sheet of the example workbook with the pane settings: 98.75, 优', async () => {
    const bytes = new Uint8Array(readFileSync(EXAMPLE));
    const { sheets, saved, settings } = await createWordReportService(fakeWord().word).scoreWorkbookFile(bytes, PANE_DEFAULT);
    expect(saved).toBe('none');
    expect(settings.profileId).toBe('mof-2020');
    const scored = sheets.filter((s) => s.outcome.ok);
    expect(scored).toHaveLength(1);
    const [sheet] = scored;
    if (!sheet.outcome.ok) throw new Error('unreachable');
    expect(sheet.name).toBe(sheet.outcome.evaluation.sheet);
    expect(sheet.outcome.evaluation.totalScore).toBe(98.75);
    expect(sheet.outcome.evaluation.grade).toBe('优');
  });

  test('uses the chosen rule profile', async () => {
    const bytes = new Uint8Array(readFileSync(EXAMPLE));
    const { sheets } = await createWordReportService(fakeWord().word).scoreWorkbookFile(bytes, { profileId: 'hunan-nanyue', chosen: false });
    const ok = sheets.find((s) => s.outcome.ok);
    expect(ok?.outcome.ok && ok.outcome.evaluation.profile).toBe('hunan-nanyue');
    expect(ok?.outcome.ok && ok.outcome.evaluation.grade).toBe('优秀');
  });

  const only = (sheets: ScoredSheet[]) => {
    const ok = sheets.filter((s) => s.outcome.ok);
    expect(ok).toHaveLength(1);
    if (!ok[0].outcome.ok) throw new Error('unreachable');
    return ok[0].outcome.evaluation;
  };

  test('a workbook with settings saved in Excel is scored with them: its profile and its judgement, not the pane default', async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const result = await createWordReportService(fakeWord().word).scoreWorkbookFile(bytes, PANE_DEFAULT);
    expect(result.saved).toBe('all');
    expect(result.settings.profileId).toBe('hunan-nanyue');
    const evaluation = only(result.sheets);
    expect(evaluation.profile).toBe('hunan-nanyue');
    // 维护社会和谐稳定 (row 20, 30 points) judged half achieved: 15 instead of 30
    expect(evaluation.indicators.find((i) => i.row === 20)?.score).toBe(15);
    expect(evaluation.totalScore).toBe(83.75);
    expect(evaluation.grade).toBe('优良');
  });

  test('a profile chosen in the pane replaces the saved one and its adjustments; the saved judgement stays', async () => {
    const bytes = await addSavedSettings(new Uint8Array(readFileSync(EXAMPLE)), {
      profileId: 'hunan-nanyue',
      overrides: {
        grades: [
          { min: 90, label: '甲等' },
          { min: 0, label: '乙等' },
        ],
      },
      judgements: { 自评表: { 20: 0.5 } },
    });
    const service = createWordReportService(fakeWord().word);
    const asSaved = await service.scoreWorkbookFile(bytes, PANE_DEFAULT);
    expect(only(asSaved.sheets).grade).toBe('乙等');
    const same = await service.scoreWorkbookFile(bytes, { profileId: 'hunan-nanyue', chosen: true });
    expect(same.saved).toBe('all');
    expect(only(same.sheets).grade).toBe('乙等');
    const other = await service.scoreWorkbookFile(bytes, { profileId: 'mof-2020', chosen: true });
    expect(other.saved).toBe('all-but-rules');
    expect(other.settings.overrides).toEqual({});
    expect(only(other.sheets)).toMatchObject({ profile: 'mof-2020', totalScore: 83.75, grade: '良' });
  });

  test('a damaged settings part is ignored: the file is scored with the pane settings', async () => {
    const bytes = await addSavedSettings(new Uint8Array(readFileSync(EXAMPLE)), '{&quot;profileId', { raw: true });
    const result = await createWordReportService(fakeWord().word).scoreWorkbookFile(bytes, PANE_DEFAULT);
    expect(result.saved).toBe('none');
    expect(only(result.sheets)).toMatchObject({ totalScore: 98.75, grade: '优' });
  });

  test('a file that is no .xlsx gives the Chinese reason, the English one beside it', async () => {
    const text = new TextEncoder().encode('项目名称,得分\n信访维稳,98.75\n');
    const failure = createWordReportService(fakeWord().word).scoreWorkbookFile(text, PANE_DEFAULT);
    await expect(failure).rejects.toBeInstanceOf(WorkbookFileError);
    await expect(failure).rejects.toMatchObject({
      code: 'not-zip',
      message: '文件不是有效的 .xlsx 工作簿（不是 zip 格式）',
      messageEn: 'Not a valid .xlsx workbook (not a zip file)',
    });
  });

  test('an old .xls and an empty file are named as such', async () => {
    const service = createWordReportService(fakeWord().word);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(service.scoreWorkbookFile(xls, PANE_DEFAULT)).rejects.toThrow('这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试');
    await expect(service.scoreWorkbookFile(new Uint8Array(0), PANE_DEFAULT)).rejects.toThrow('文件是空的（0 字节）');
  });
});

describe('insertReport', () => {
  async function handedDocx(base64: string): Promise<string> {
    const zip = await JSZip.loadAsync(base64ToBytes(base64));
    return (await zip.file('word/document.xml')?.async('string')) ?? '';
  }

  test('current document: the .docx goes in as base64, and the message says where', async () => {
    const { word, handed } = fakeWord({ at: 'End', pageSetupKept: true });
    const delivery = await createWordReportService(word).insertReport(seed(), {}, 'current');
    expect(handed).toHaveLength(1);
    expect(handed[0].into).toBe('current');
    expect(await handedDocx(handed[0].base64)).toContain('2024年全国两会信访维稳专项资金');
    expect(delivery).toEqual({
      where: 'word-document',
      message: '自评报告已插入当前文档末尾，原有内容未作改动。',
      messageEn: 'The report was added at the end of this document; its existing content is unchanged.',
    });
  });

  test('an empty current document is replaced: the message does not speak of an end', async () => {
    const { word } = fakeWord({ at: 'Replace', pageSetupKept: true });
    const delivery = await createWordReportService(word).insertReport(seed(), {}, 'current');
    expect(delivery.message).toBe('自评报告已插入当前文档，请核对后保存。');
  });

  test('a Word that inserts the body only: the message says what did not come with it and how to get it', async () => {
    const { word } = fakeWord({ at: 'Replace', pageSetupKept: false });
    const delivery = await createWordReportService(word).insertReport(seed(), {}, 'current');
    expect(delivery.message).toBe(
      '自评报告已插入当前文档，请核对后保存。当前版本的 Word 只能插入正文，报告的页码和公文版式页边距未能带入；如需完整版式，请改用“新建文档”。',
    );
    expect(delivery.messageEn).toContain('choose "New document" for the full layout');
  });

  test('new document', async () => {
    const { word, handed } = fakeWord();
    const delivery = await createWordReportService(word).insertReport(seed(), { unit: '某某局' }, 'new');
    expect(handed.map((h) => h.into)).toEqual(['new']);
    expect(await handedDocx(handed[0].base64)).toContain('某某局');
    expect(delivery.where).toBe('word-new-document');
    expect(delivery.message).toBe('自评报告已在新的 Word 文档中打开，请核对后及时保存。');
  });

  test("Word's refusal reaches the pane as it is", async () => {
    const word: WordDocumentHost = {
      insertIntoCurrent: async () => {
        throw new HostError('protected', '当前文档受保护或为只读，未插入任何内容。', 'protected');
      },
      openAsNew: async () => undefined,
    };
    await expect(createWordReportService(word).insertReport(seed(), {}, 'current')).rejects.toMatchObject({ code: 'protected' });
  });
});
