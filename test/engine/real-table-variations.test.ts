/**
 * The real tables (test/fixtures/real) as other units keep the same form (issue 8): each table is
 * changed in one way seen on published copies of it (merges gone, labels repeated, the table moved
 * down and right, spacer rows and columns, broken header words, lines above and below it, numbers
 * typed as full-width text), and must still be read the same way: every unambiguous row with its
 * expected score and status, and the funds score, the total and the grade unchanged.
 *
 * The reference for a row is the result worked out by hand (fixtures). For the funds score, the total
 * and the grade it is the hand-worked value where the unchanged table gets it; where it does not (a
 * known miss, tracked by real-tables.test.ts), the unchanged table's own result: a change of layout
 * must not change what the engine says.
 *
 * The variations are worked out from the transcription alone (its header words and merges), never
 * from what the engine found, so that a wrong reading cannot hide itself.
 */
import { a1, parseRange } from '../../src/engine/address';
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Problem } from '../../src/engine/evaluation';
import type { CellRange } from '../../src/engine/grid';
import { normaliseText } from '../../src/engine/text';
import { gridFromTranscription, readCorpus, sameScore, scoredAsExpected, type Transcription } from '../helpers/real-tables';

type Value = string | number | boolean | null;

/** A transcription being changed, and where each row and column of the original now stands. */
interface Sheet {
  cells: Value[][];
  merges: CellRange[];
  rowOf: (row: number) => number;
  colOf: (col: number) => number;
  /** Rows and columns inserted, for a failure message. */
  inserted: string[];
}

function sheetOf(table: Transcription): Sheet {
  return { cells: table.cells.map((line) => [...line]), merges: (table.merges ?? []).map(parseRange), rowOf: (r) => r, colOf: (c) => c, inserted: [] };
}

function transcriptionOf(table: Transcription, sheet: Sheet): Transcription {
  return { ...table, cells: sheet.cells, merges: sheet.merges.map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`) };
}

/** Rows inserted before sheet row `at`, as Excel inserts them: a merge across the place grows over them. */
function insertRows(sheet: Sheet, at: number, count = 1): Sheet {
  const width = sheet.cells[0].length;
  const cells = [...sheet.cells];
  cells.splice(at - 1, 0, ...Array.from({ length: count }, () => Array<Value>(width).fill(null)));
  const merges = sheet.merges.map((m) =>
    m.top >= at ? { ...m, top: m.top + count, bottom: m.bottom + count } : m.bottom >= at ? { ...m, bottom: m.bottom + count } : m,
  );
  const before = sheet.rowOf;
  return {
    ...sheet,
    cells,
    merges,
    rowOf: (r) => (before(r) >= at ? before(r) + count : before(r)),
    inserted: [...sheet.inserted, `${count} row(s) at ${at}`],
  };
}

/** Columns inserted before sheet column `at`, as Excel inserts them. */
function insertColumns(sheet: Sheet, at: number, count = 1): Sheet {
  const cells = sheet.cells.map((line) => [...line.slice(0, at - 1), ...Array<Value>(count).fill(null), ...line.slice(at - 1)]);
  const merges = sheet.merges.map((m) =>
    m.left >= at ? { ...m, left: m.left + count, right: m.right + count } : m.right >= at ? { ...m, right: m.right + count } : m,
  );
  const before = sheet.colOf;
  const letter = a1(1, at).slice(0, -1);
  return {
    ...sheet,
    cells,
    merges,
    colOf: (c) => (before(c) >= at ? before(c) + count : before(c)),
    inserted: [...sheet.inserted, `${count} column(s) at ${letter}`],
  };
}

/** Where the indicator table of a transcription lies, found by its header words. */
interface Layout {
  /** The header line holding 三级指标, and the last line of the header (it may be merged down). */
  headerRow: number;
  headerBottom: number;
  level1Col?: number;
  level2Col?: number;
  level3Col: number;
  /** Columns whose header names a target or an actual (年度指标值, 指标值, 实际完成值, 全年实际值 …). */
  valueCols: number[];
  /** The funds block's header line (the one naming 执行数). */
  fundsHeaderRow?: number;
  /** The first row whose 一级指标 says 效益, below the header. */
  benefitRow?: number;
}

const textOf = (v: Value): string => (typeof v === 'string' ? normaliseText(v) : '');

function layoutOf(table: Transcription): Layout {
  const at = (row: number, col: number) => textOf(table.cells[row - 1]?.[col - 1] ?? null);
  const find = (row: number, pattern: RegExp) => {
    const i = table.cells[row - 1].findIndex((v) => pattern.test(textOf(v)));
    return i < 0 ? undefined : i + 1;
  };
  const headerRow = table.cells.findIndex((line) => line.some((v) => /^三级指标/.test(textOf(v)))) + 1;
  if (headerRow === 0) throw new Error(`${table.id}: no 三级指标 header`);
  const level3Col = find(headerRow, /^三级指标/) as number;
  const level3Merge = (table.merges ?? []).map(parseRange).find((m) => m.top === headerRow && m.left === level3Col);
  const headerBottom = level3Merge?.bottom ?? headerRow;
  const valueCols: number[] = [];
  const width = table.cells[0].length;
  for (let col = level3Col + 1; col <= width; col++) {
    for (let row = headerRow - 1; row <= headerBottom; row++) {
      if (/指标值|目标值|实际|完成值/.test(at(row, col)) && !/原因/.test(at(row, col))) valueCols.push(col);
    }
  }
  const fundsHeader = table.cells.findIndex((line, i) => i < headerRow && line.some((v) => /执行数/.test(textOf(v)))) + 1;
  const level1Col = find(headerRow, /^一级指标/);
  let benefitRow: number | undefined;
  if (level1Col !== undefined) {
    for (let row = headerBottom + 1; row <= table.cells.length && benefitRow === undefined; row++) if (/效益/.test(at(row, level1Col))) benefitRow = row;
  }
  return {
    headerRow,
    headerBottom,
    level1Col,
    level2Col: find(headerRow, /^二级指标/),
    level3Col,
    valueCols: [...new Set(valueCols)],
    ...(fundsHeader > 0 ? { fundsHeaderRow: fundsHeader } : {}),
    ...(benefitRow !== undefined ? { benefitRow } : {}),
  };
}

const FULL_WIDTH = (s: string) => s.replace(/[0-9.%]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** "年度\n指标值" for a word of four or more characters, "实 际 完 成 值" for every other. */
function brokenHeaderWord(text: string, i: number): string {
  if (text.length < 3) return text;
  return i % 2 === 0 && text.length >= 4 ? `${text.slice(0, 2)}\n${text.slice(2)}` : [...text].join(' ');
}

interface Variation {
  name: string;
  apply: (table: Transcription, layout: Layout) => Sheet | Sheet[];
  /**
   * Messages this change may add to those of the unchanged table, each naming its cell: doubts the
   * engine rightly has about the changed layout (two blank lines inside a table without its merges).
   */
  mayAdd?: string[];
  /** Messages about the table's merges, which a change that removes them rightly no longer says. */
  mayLose?: string[];
}

const VARIATIONS: Variation[] = [
  {
    name: 'all merges removed (each label in the top-left cell only)',
    apply: (table) => ({ ...sheetOf(table), merges: [] }),
    mayAdd: ['table-gap'],
    mayLose: ['hidden-by-merge'],
  },
  {
    name: 'merges removed, each 一级/二级 label repeated on every row of its block',
    apply: (table, { headerBottom, level1Col, level2Col }) => {
      const sheet = sheetOf(table);
      for (const m of sheet.merges) {
        if (m.top <= headerBottom || m.left !== m.right || (m.left !== level1Col && m.left !== level2Col)) continue;
        for (let row = m.top + 1; row <= m.bottom; row++) sheet.cells[row - 1][m.left - 1] = sheet.cells[m.top - 1][m.left - 1];
      }
      return { ...sheet, merges: [] };
    },
    mayAdd: ['table-gap'],
    mayLose: ['hidden-by-merge'],
  },
  {
    name: 'the whole table moved to start at C4',
    apply: (table) => insertColumns(insertRows(sheetOf(table), 1, 3), 1, 2),
  },
  {
    name: 'an empty column after 三级指标, and an empty spacer column at the far left',
    apply: (table, { level3Col }) => insertColumns(insertColumns(sheetOf(table), level3Col + 1), 1),
  },
  {
    name: 'an empty column inserted at each place between two columns right of 三级指标 (one at a time)',
    apply: (table, { level3Col }) => Array.from({ length: table.cells[0].length - level3Col }, (_, i) => insertColumns(sheetOf(table), level3Col + 1 + i)),
  },
  {
    name: 'a blank row under the header and one between the 产出 and 效益 blocks, inside the merges',
    apply: (table, { headerBottom, benefitRow, level1Col }) => {
      let sheet = insertRows(sheetOf(table), headerBottom + 1);
      if (benefitRow === undefined) return sheet;
      const at = sheet.rowOf(benefitRow);
      sheet = insertRows(sheet, at);
      if (level1Col === undefined) return sheet;
      // the 产出 block's own label merge takes in the blank row, as a spare line left at its end
      const col = sheet.colOf(level1Col);
      return { ...sheet, merges: sheet.merges.map((m) => (m.left === col && m.right === col && m.bottom === at - 1 ? { ...m, bottom: at } : m)) };
    },
  },
  {
    name: 'line breaks and spaces inside the header words ("年度\\n指标值", "实 际 完 成 值")',
    apply: (table, { headerRow, headerBottom, fundsHeaderRow }) => {
      const sheet = sheetOf(table);
      const rows = [headerRow - 1, headerRow, headerBottom, ...(fundsHeaderRow ? [fundsHeaderRow] : [])];
      for (const row of new Set(rows)) {
        const line = sheet.cells[row - 1];
        // the line above the header is header only on two-line headers (年度指标值 over 指标性质 | 指标值 | 度量单位)
        if (row === headerRow - 1 && !line.some((v) => /指标值|完成值/.test(textOf(v)))) continue;
        sheet.cells[row - 1] = line.map((v, i) => (typeof v === 'string' ? brokenHeaderWord(v, i) : v));
      }
      return sheet;
    },
  },
  {
    name: 'remarks, the form filler and the unit head written under the table',
    apply: (table) => {
      const sheet = sheetOf(table);
      const width = sheet.cells[0].length;
      const line = (...cells: [number, string][]) => {
        const l = Array<Value>(width).fill(null);
        for (const [col, text] of cells) l[col] = text;
        return l;
      };
      sheet.cells.push(
        line([0, '备注：1.本表金额单位为万元；2.各项指标分值合计为100分，得分保留两位小数。']),
        line([0, '填表人：张三'], [Math.floor(width / 2), '联系电话：0558-1234567']),
        line([0, '单位负责人：李四'], [width - 1, '填报日期：2024年3月15日']),
      );
      return sheet;
    },
  },
  {
    name: 'a title line and an empty line above, with 单位：万元 at the right of the title',
    apply: (table) => {
      const sheet = insertRows(sheetOf(table), 1, 2);
      sheet.cells[0][0] = `${table.year ?? 2023}年度项目支出绩效自评表`;
      sheet.cells[0][sheet.cells[0].length - 1] = '单位：万元';
      return sheet;
    },
  },
  {
    name: 'full-width digits and percent signs in targets and actuals ("９５％"), numbers there typed as text',
    apply: (table, { headerBottom, valueCols }) => {
      const sheet = sheetOf(table);
      for (let row = headerBottom + 1; row <= sheet.cells.length; row++) {
        for (const col of valueCols) {
          const v = sheet.cells[row - 1][col - 1];
          if (typeof v === 'string' || typeof v === 'number') sheet.cells[row - 1][col - 1] = FULL_WIDTH(String(v));
        }
      }
      return sheet;
    },
  },
  {
    name: 'every number on the sheet typed as text (amounts, weights, targets, scores)',
    apply: (table) => {
      const sheet = sheetOf(table);
      sheet.cells = sheet.cells.map((line) => line.map((v) => (typeof v === 'number' ? String(v) : v)));
      return sheet;
    },
  },
];

const corpus = readCorpus().map(({ table }) => table);

interface Reference {
  funds?: number;
  total?: number;
  grade?: string;
  /** The codes of the unchanged table's messages. */
  problems: string[];
}

/**
 * What the funds score, total and grade must stay: the hand-worked value where the unchanged table
 * gets it, the unchanged table's own where it does not (see the file comment).
 */
function referenceOf(table: Transcription, original: EvaluateOutcome): Reference {
  if (!original.ok) return { problems: [] };
  const { evaluation } = original;
  const expectedFunds = table.expected.funds?.score;
  const { total, grade } = table.expected;
  const totalRight = sameScore(evaluation.totalScore, total) && (grade === undefined || evaluation.grade === grade);
  return {
    funds: expectedFunds !== undefined && sameScore(evaluation.funds?.score, expectedFunds) ? expectedFunds : evaluation.funds?.score,
    total: totalRight ? total : evaluation.totalScore,
    grade: totalRight && grade !== undefined ? grade : evaluation.grade,
    problems: evaluation.problems.map((p) => p.code),
  };
}

/** Codes in `a` beyond those in `b`, counted (two table-gap notes where there was one is one more). */
function beyond(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((code) => {
    const i = left.indexOf(code);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/**
 * The changed table's messages are the unchanged table's: none lost (a doubt no longer said is a
 * doubt hidden), none added unless the change may add it, and then naming its cell.
 */
function messageDifferences(problems: Problem[], reference: Reference, mayAdd: string[], mayLose: string[]): string[] {
  const codes = problems.map((p) => p.code);
  const lost = beyond(reference.problems, codes)
    .filter((code) => !mayLose.includes(code))
    .map((code) => `message lost: ${code}`);
  const added = problems
    .filter((p) => beyond(codes, reference.problems).includes(p.code))
    .filter((p) => !mayAdd.includes(p.code) || p.cell === undefined)
    .map((p) => `message added: ${p.code} ${p.cell ?? '(no cell)'} ${p.message}`);
  return [...lost, ...added];
}

/** Every way the changed table is read differently from the expectation, in words. */
function differences(table: Transcription, sheet: Sheet, outcome: EvaluateOutcome, reference: Reference, variation: Variation): string[] {
  if (!outcome.ok) return [`not scored: ${outcome.message}`];
  const { evaluation } = outcome;
  const misses: string[] = [];
  for (const expected of table.expected.rows.filter((r) => r.unambiguous)) {
    const row = sheet.rowOf(expected.row);
    const got = evaluation.indicators.find((i) => i.row === row);
    const leftOut = expected.status === 'not-applicable' && got === undefined;
    if (!scoredAsExpected(expected, got) || (!leftOut && got?.status !== expected.status)) {
      misses.push(
        `row ${row} (was ${expected.row}) ${expected.level3}: expected ${expected.score} ${expected.status}, got ${got ? `${got.score} ${got.status}` : 'no row'}`,
      );
    }
  }
  if (reference.funds !== undefined && !sameScore(evaluation.funds?.score, reference.funds))
    misses.push(`funds: expected ${reference.funds}, got ${evaluation.funds?.score}`);
  if (reference.total !== undefined && !sameScore(evaluation.totalScore, reference.total))
    misses.push(`total: expected ${reference.total}, got ${evaluation.totalScore}`);
  if (reference.grade !== undefined && evaluation.grade !== reference.grade) misses.push(`grade: expected ${reference.grade}, got ${evaluation.grade}`);
  return [...misses, ...messageDifferences(evaluation.problems, reference, variation.mayAdd ?? [], variation.mayLose ?? [])];
}

const references = new Map<string, Reference>();

beforeAll(async () => {
  for (const table of corpus) references.set(table.id, referenceOf(table, evaluateGrid(await gridFromTranscription(table))));
});

describe.each(VARIATIONS.map((v) => [v.name, v] as const))('%s', (_name, variation) => {
  test.each(corpus.map((t) => [t.id, t] as const))('%s', async (_id, table) => {
    const layout = layoutOf(table);
    const reference = references.get(table.id) ?? { problems: [] };
    for (const sheet of [variation.apply(table, layout)].flat()) {
      const changed = transcriptionOf(table, sheet);
      expect(changed).not.toEqual(table);
      const outcome = evaluateGrid(await gridFromTranscription(changed));
      const inserted = sheet.inserted.join(', ');
      expect({ inserted, differences: differences(table, sheet, outcome, reference, variation) }).toEqual({ inserted, differences: [] });
    }
  });
});
