/**
 * The English UI is English (issue 11): no Chinese in any English string of the pane, with the
 * values that come from the sheet (a sheet name, a unit, a grade) given as plain ASCII here, so
 * any CJK character in the output is the table's own.
 */
import type { UndoResult } from '../../src/app/ports';
import { STRINGS, type Strings } from '../../src/taskpane/strings';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

const RESULT: UndoResult = { restored: 3, keptEdited: ['H13'], keptUnknown: ['H14', 'H15'] };

/** Each function of the table called with sheet-like values that hold no Chinese. */
const CALLS: { [K in keyof Strings as Strings[K] extends (...args: never[]) => unknown ? K : never]: (s: Strings) => string } = {
  notSupportedDetail: (s) => s.notSupportedDetail(['ExcelApi 1.13', 'DialogApi 1.1']),
  notSupportedUpgrade: (s) => s.notSupportedUpgrade('Excel'),
  sheetHeading: (s) => s.sheetHeading('Sheet1'),
  yearValue: (s) => s.yearValue(2024),
  indicatorRowsValue: (s) => s.indicatorRowsValue(9),
  previewTotal: (s) => s.previewTotal('98.75', 'A'),
  problemsTitle: (s) => s.problemsTitle(2),
  goToCell: (s) => s.goToCell('I13'),
  templateInserted: (s) => s.templateInserted('Form'),
  columnsAdded: (s) => s.columnsAdded(['Actual', 'Points']),
  tableOption: (s) => s.tableOption(9, 'Project'),
  scored: (s) => s.scored('98.75', 'A'),
  totalValue: (s) => s.totalValue('98.75'),
  countValue: (s) => s.countValue('met', 7),
  rowNumber: (s) => s.rowNumber(13),
  rowScore: (s) => s.rowScore('7.15', '7.15'),
  targetToActual: (s) => s.targetToActual('>=10', '16'),
  undone: (s) => [s.undone('Sheet1', RESULT), s.undone('Sheet1', { restored: 5, keptEdited: [], keptUnknown: [] })].join(' '),
  columnsUndone: (s) => [s.columnsUndone('Sheet1', RESULT), s.columnsUndone('Sheet1', { restored: 0, keptEdited: ['A1'], keptUnknown: [] })].join(' '),
  errorUnknown: (s) => s.errorUnknown('detail'),
  settingsNotSaved: (s) => s.settingsNotSaved('detail'),
  judgementsTitle: (s) => s.judgementsTitle(2),
  share: (s) => s.share('60', '80'),
  shareDefault: (s) => s.shareDefault('70'),
  currentScore: (s) => s.currentScore('21', '30'),
  targetAndActual: (s) => s.targetAndActual('>=10', '16'),
  removeCap: (s) => s.removeCap('50'),
  removeGrade: (s) => s.removeGrade('A'),
  outOfRange: (s) => s.outOfRange(0, 100),
  reportUses: (s) => s.reportUses('Unit', s.dateText('2026-12-04'), s.outlines['special-fund']),
  dateText: (s) => [s.dateText('2026-12-04'), s.dateText('')].join(' '),
  chosenFile: (s) => s.chosenFile('book.xlsx'),
  wordTotal: (s) => s.wordTotal('98.75', 'A'),
  profileChosen: (s) => s.profileChosen('Provincial platform'),
  filesTitle: (s) => s.filesTitle(3),
  fileTotal: (s) => s.fileTotal('98.75', 'A'),
  removeFile: (s) => s.removeFile('book.xlsx'),
  scoredDownloaded: (s) => s.scoredDownloaded('book.scored.xlsx'),
  allDownloaded: (s) => [s.allDownloaded('results.zip', 1), s.allDownloaded('results.zip', 2)].join(' '),
  allSkipped: (s) => s.allSkipped(['a.xlsx', 'b.xlsx']),
  workbookSummarised: (s) => [s.workbookSummarised('Summary', 3, 0, false), s.workbookSummarised('Summary', 1, 2, true)].join(' '),
  workbookScoresWritten: (s) => s.workbookScoresWritten(2),
  workbookScoresProtected: (s) => s.workbookScoresProtected(['Locked']),
  summaryDownloaded: (s) => [s.summaryDownloaded('summary.xlsx', 1, 0), s.summaryDownloaded('summary.xlsx', 3, 2)].join(' '),
  templateChosen: (s) => s.templateChosen('template.docx'),
};

/** Every text the table holds, functions called as above, nested records flattened. */
function allTexts(strings: Strings): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === 'string') out.push([key, value]);
    else if (typeof value === 'function') {
      const call = (CALLS as Record<string, ((s: Strings) => string) | undefined>)[key];
      if (!call) throw new Error(`strings-english.test.ts: add a sample call for ${key}`);
      out.push([key, call(strings)]);
    } else if (value && typeof value === 'object') {
      for (const [inner, text] of Object.entries(value)) out.push([`${key}.${inner}`, String(text)]);
    }
  }
  return out;
}

test('every English string of the pane is free of Chinese', () => {
  const texts = allTexts(STRINGS.en);
  expect(texts.length).toBeGreaterThan(150);
  expect(texts.filter(([, text]) => CJK.test(text))).toEqual([]);
});

test('the check can fail: the Chinese table is caught by it', () => {
  const chinese = allTexts(STRINGS.zh).filter(([, text]) => CJK.test(text));
  expect(chinese.length).toBeGreaterThan(100);
});

test('both tables have the same keys', () => {
  expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS.zh).sort());
});

test('dates as each language writes them', () => {
  expect(STRINGS.zh.dateText('2026-12-04')).toBe('2026年12月4日');
  expect(STRINGS.en.dateText('2026-12-04')).toBe('4 December 2026');
});
