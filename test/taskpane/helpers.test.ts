/** The task pane's pure helpers: settings overrides, undo merging, error wording, numbers, language. */
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import { ReportError } from '../../src/engine/report/errors';
import { customiseProfile } from '../../src/engine/rules/customise';
import { HUNAN_NANYUE, MOF_2020, PROVINCIAL_PLATFORM } from '../../src/engine/rules/profile';
import { HostError, type UndoRecord } from '../../src/app/ports';
import { XlsxInputError } from '../../src/xlsx/errors';
import { parseNumber } from '../../src/taskpane/common/NumberField';
import { reportSettingsFrom } from '../../src/taskpane/common/ReportFields';
import { isDarkBackground, isOldWebview } from '../../src/taskpane/environment';
import { bilingualText, describeError } from '../../src/taskpane/error-text';
import { asTierJudgement, judgeableRows, tierBand, withJudgement } from '../../src/taskpane/excel/judgements';
import { withoutCellPrefix } from '../../src/taskpane/excel/ProblemList';
import { fromLastRuns, lastRunsOf, pushUndo, undoFor } from '../../src/taskpane/excel/undo-stack';
import { formatPercent, todayIso } from '../../src/taskpane/format';
import { overridesAgainst, withProfileChanges } from '../../src/taskpane/settings/overrides';
import { STRINGS, stringsFor } from '../../src/taskpane/strings';
import type { IndicatorResult } from '../../src/engine/evaluation';

const zh = STRINGS.zh;
const en = STRINGS.en;

describe('settings overrides', () => {
  test('only the groups that differ from the chosen profile are saved', () => {
    expect(overridesAgainst(MOF_2020, { ...MOF_2020 })).toEqual({});
    const edited = { ...MOF_2020, lateShare: 0.5, overAchievement: { threshold: 1.5, deduction: 0 } };
    expect(overridesAgainst(MOF_2020, edited)).toEqual({ lateShare: 0.5, overAchievement: { threshold: 1.5, deduction: 0 } });
  });

  test('a change back to the profile value removes the override', () => {
    const once = withProfileChanges({ ...DEFAULT_SETTINGS, profileId: 'hunan-nanyue' }, { rebaseTo100: true });
    expect(once.overrides).toEqual({ rebaseTo100: true });
    expect(withProfileChanges(once, { rebaseTo100: false }).overrides).toEqual({});
  });

  test('overrides laid over the profile give back the edited profile', () => {
    const settings = withProfileChanges({ ...DEFAULT_SETTINGS, profileId: PROVINCIAL_PLATFORM.id }, { funds: { ...PROVINCIAL_PLATFORM.funds, totalCaps: [] } });
    expect(customiseProfile(PROVINCIAL_PLATFORM, settings.overrides)).toEqual({
      ...PROVINCIAL_PLATFORM,
      funds: { ...PROVINCIAL_PLATFORM.funds, totalCaps: [] },
    });
    expect(overridesAgainst(HUNAN_NANYUE, MOF_2020)).toEqual({ grades: MOF_2020.grades });
  });
});

describe('undo records', () => {
  const record = (sheet: string, cells: [string, number | string][]): UndoRecord => ({
    sheet,
    cells: cells.map(([address, value]) => ({ address, value, numberFormat: 'General', fill: null })),
  });

  test("a second run on the same sheet keeps each cell's oldest value", () => {
    const first = record('自评表', [
      ['H13', ''],
      ['H22', 90],
    ]);
    const second = record('自评表', [
      ['H13', 7.15],
      ['K13', ''],
    ]);
    const stack = pushUndo(pushUndo([], { kind: 'score', record: first }), { kind: 'score', record: second });
    expect(stack).toHaveLength(1);
    expect(stack[0].record.cells.map((c) => [c.address, c.value])).toEqual([
      ['H13', ''],
      ['H22', 90],
      ['K13', ''],
    ]);
  });

  test('another sheet, or added columns, stack separately', () => {
    const columns = pushUndo([], { kind: 'columns', record: record('指标表', [['E2', '']]) });
    expect(pushUndo(columns, { kind: 'score', record: record('指标表', [['G3', '']]) })).toHaveLength(2);
    const scored = pushUndo([], { kind: 'score', record: record('A', [['H1', '']]) });
    expect(pushUndo(scored, { kind: 'score', record: record('B', [['H1', '']]) })).toHaveLength(2);
  });

  test("per sheet: a run merges into its sheet's record even when another sheet was scored since", () => {
    let stack = fromLastRuns([record('A', [['H1', 1]]), record('B', [['H1', 2]])]);
    stack = pushUndo(stack, {
      kind: 'score',
      record: record('A', [
        ['H1', 5],
        ['H2', 6],
      ]),
    });
    expect(stack.map((e) => e.record.sheet)).toEqual(['B', 'A']);
    expect(undoFor(stack, 'A')?.record.cells.map((c) => [c.address, c.value])).toEqual([
      ['H1', 1],
      ['H2', 6],
    ]);
    expect(undoFor(stack, 'C')).toBeUndefined();
    expect(undoFor(stack, undefined)).toBeUndefined();
  });

  test("what is saved: each sheet's newest score record, no added columns", () => {
    const columns = { kind: 'columns' as const, record: record('指标表', [['E2', '']]) };
    const a = { kind: 'score' as const, record: record('A', [['H1', '']]) };
    const b = { kind: 'score' as const, record: record('B', [['H1', '']]) };
    expect(lastRunsOf([a, columns, b])).toEqual([a.record, b.record]);
    expect(undoFor([a, columns, b], '指标表')).toBe(columns);
  });
});

describe('undo notices', () => {
  const all = { restored: 32, keptEdited: [], keptUnknown: [] };
  const cells = (n: number) => Array.from({ length: n }, (_, i) => `H${13 + i}`);

  test('everything restored: as before', () => {
    expect(zh.undone('自评表', all)).toBe('已撤销本次评分：工作表“自评表”中被改写的 32 个单元格已恢复原样。');
    expect(en.undone('自评表', all)).toBe('Scoring undone: 32 cells on sheet "自评表" are back as they were.');
    expect(zh.columnsUndone('指标表', { ...all, restored: 3 })).toBe('已撤销添加的列：工作表“指标表”中 3 个单元格已恢复原样。');
  });

  test('edited cells are named; many are counted', () => {
    const some = { restored: 18, keptEdited: ['H13', 'J13'], keptUnknown: [] };
    expect(zh.undone('自评表', some)).toBe('已撤销本次评分：工作表“自评表”中已恢复 18 个单元格；H13、J13 在评分后已被修改，保留了修改后的内容。');
    expect(en.undone('自评表', some)).toBe(
      'Scoring undone on sheet "自评表": 18 cells restored; H13 and J13 changed after scoring, so your changes were kept.',
    );
    const many = { restored: 1, keptEdited: cells(8), keptUnknown: [] };
    expect(zh.undone('自评表', many)).toBe(
      '已撤销本次评分：工作表“自评表”中已恢复 1 个单元格；H13、H14、H15、H16、H17、H18 等 8 个单元格在评分后已被修改，保留了修改后的内容。',
    );
    expect(en.undone('自评表', many)).toBe(
      'Scoring undone on sheet "自评表": 1 cell restored; H13, H14, H15, H16, H17, H18 and 2 more cells changed after scoring, so your changes were kept.',
    );
    const none = { restored: 0, keptEdited: ['H13'], keptUnknown: [] };
    expect(zh.undone('自评表', none)).toBe('未恢复任何单元格：工作表“自评表”中 H13 在评分后已被修改，保留了修改后的内容。');
    expect(en.undone('自评表', none)).toBe('Nothing was restored on sheet "自评表": H13 changed after scoring, so your changes were kept.');
    expect(zh.columnsUndone('指标表', { restored: 2, keptEdited: ['G3'], keptUnknown: [] })).toBe(
      '已撤销添加的列：工作表“指标表”中已恢复 2 个单元格；G3 在添加后已被修改，保留了修改后的内容。',
    );
  });

  test('cells of an old record that could not be checked: kept, and the user is asked to check them', () => {
    const old = { restored: 2, keptEdited: [], keptUnknown: ['H13', 'K13'] };
    expect(zh.undone('自评表', old)).toBe(
      '已撤销本次评分：工作表“自评表”中已恢复 2 个单元格；H13、K13 与评分前不同，但这条撤销记录由旧版助手保存，无法判断是评分结果还是您的修改，为免覆盖修改，保留了现有内容，请自行核对。',
    );
    expect(en.undone('自评表', { ...old, keptUnknown: ['H13'] })).toBe(
      'Scoring undone on sheet "自评表": 2 cells restored; H13 differs from before scoring, but this undo record was saved by an earlier version of the add-in, which cannot tell its results from your edits, so it was left as it is: please check it.',
    );
  });
});

describe('error wording', () => {
  test('busy and editing can be retried; protected says what to do and cannot', () => {
    expect(describeError(new HostError('busy', '忙', 'busy'), zh)).toEqual({ text: zh.errorBusy, retryable: true });
    expect(describeError(new HostError('editing', '编辑', 'editing'), en)).toEqual({ text: en.errorEditing, retryable: true });
    expect(describeError(new HostError('protected', '工作表受保护', 'Sheet is protected'), en)).toEqual({ text: 'Sheet is protected', retryable: false });
  });

  test('each error shape gives the text in the pane language, never a stack', () => {
    expect(bilingualText(new ReportError('bad-date', '日期无效', 'Invalid date'), 'zh')).toBe('日期无效');
    expect(bilingualText(new ReportError('bad-date', '日期无效', 'Invalid date'), 'en')).toBe('Invalid date');
    expect(bilingualText(new XlsxInputError('xls'), 'zh')).toBe('这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再试');
    expect(bilingualText(new XlsxInputError('xls'), 'en')).toBe('This is an old Excel 97-2003 (.xls) file; save it as .xlsx in Excel and try again');
    const error = new TypeError('x is undefined');
    expect(describeError(error, zh).text).toBe('操作未能完成：x is undefined');
    expect(describeError({ stack: 'at a (b.js:1)' }, zh).text).toBe(zh.errorGeneric);
    expect(describeError(undefined, en).text).toBe(en.errorGeneric);
  });
});

describe('numbers and text', () => {
  test('typed numbers, including full-width digits from a Chinese input method', () => {
    expect(parseNumber('95.5')).toBe(95.5);
    expect(parseNumber('９５．５')).toBe(95.5);
    expect(parseNumber(' 80% ')).toBe(80);
    expect(parseNumber('2分')).toBe(2);
    expect(parseNumber('-1')).toBe(-1);
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseNumber('1.2.3')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });

  test('percentages without float noise, dates in the report format', () => {
    expect(formatPercent(0.9016)).toBe('90.16%');
    expect(formatPercent(0.7)).toBe('70%');
    expect(todayIso(new Date(2025, 5, 9))).toBe('2025-06-09');
  });

  test('report settings leave out what the user emptied', () => {
    expect(reportSettingsFrom({ unit: ' ', date: '', outline: 'hunan-unit' })).toEqual({ outline: 'hunan-unit' });
    expect(reportSettingsFrom({ unit: ' 某局 ', date: '2025-06-11', outline: 'special-fund' })).toEqual({
      unit: '某局',
      date: '2025-06-11',
      outline: 'special-fund',
    });
  });

  test('a problem message loses the cell prefix the link already shows, and starts with a capital', () => {
    expect(withoutCellPrefix('I13：本行超目标较多', 'I13')).toBe('本行超目标较多');
    expect(withoutCellPrefix('I13: well over', 'I13')).toBe('Well over');
    expect(withoutCellPrefix('no weights on the sheet', undefined)).toBe('No weights on the sheet');
    expect(withoutCellPrefix('表中未填分值', undefined)).toBe('表中未填分值');
  });

  test('Chinese for any zh-* display language, English otherwise', () => {
    expect(stringsFor('zh-CN').lang).toBe('zh');
    expect(stringsFor('zh-TW').lang).toBe('zh');
    expect(stringsFor('ZH').lang).toBe('zh');
    expect(stringsFor('en-US').lang).toBe('en');
    expect(stringsFor('fr-FR').lang).toBe('en');
    expect(stringsFor(undefined).lang).toBe('zh');
  });

  test('both languages define every string', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
});

describe('environment', () => {
  test('IE11 and older IE are old webviews; Edge and WebView2 are not', () => {
    expect(isOldWebview('Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko')).toBe(true);
    expect(isOldWebview('Mozilla/4.0 (compatible; MSIE 10.0; Windows NT 6.1)')).toBe(true);
    expect(isOldWebview('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toBe(false);
  });

  test('dark and light Office backgrounds', () => {
    expect(isDarkBackground('#262626')).toBe(true);
    expect(isDarkBackground('#000000')).toBe(true);
    expect(isDarkBackground('#FFFFFF')).toBe(false);
    expect(isDarkBackground('#e6e6e6')).toBe(false);
    expect(isDarkBackground('not a colour')).toBe(false);
  });
});

describe('judgements', () => {
  const row = (over: Partial<IndicatorResult>): IndicatorResult => ({
    row: 10,
    level1: '产出指标',
    level2: '数量指标',
    level3: 'x',
    target: '≥1',
    actual: '1',
    kind: 'higher',
    weight: 10,
    score: 10,
    status: 'met',
    flag: '',
    cells: {},
    ...over,
  });

  test('qualitative, deadline, undecided and already judged rows can be judged', () => {
    const rows = [
      row({ row: 1 }),
      row({ row: 2, kind: 'qualitative' }),
      row({ row: 3, kind: 'date' }),
      row({ row: 4, status: 'needs-judgement' }),
      row({ row: 5 }),
    ];
    expect(judgeableRows(rows, { 5: { tier: 'achieved' } }).map((r) => r.row)).toEqual([2, 3, 4, 5]);
  });

  test('bands follow the profile, and a bare share is shown as its tier', () => {
    expect(tierBand('partial', MOF_2020)).toEqual([0.6, 0.8]);
    expect(tierBand('failed', PROVINCIAL_PLATFORM)).toEqual([0, 0.5]);
    expect(asTierJudgement(0.65, MOF_2020)).toEqual({ tier: 'partial', share: 0.65 });
    expect(asTierJudgement(0.9, MOF_2020)).toEqual({ tier: 'achieved', share: 0.9 });
  });

  test('removing the last judgement of a sheet removes the sheet', () => {
    const one = withJudgement({}, '自评表', 20, { tier: 'partial' });
    expect(one).toEqual({ 自评表: { 20: { tier: 'partial' } } });
    expect(withJudgement(one, '自评表', 20, undefined)).toEqual({});
  });
});
