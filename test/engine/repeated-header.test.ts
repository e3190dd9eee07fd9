/**
 * A printed table repeats its header on every page. A copy of the table's own header inside the
 * indicator rows is skipped and the table goes on; a different header, or one under another
 * project's block, is a second table.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import type { Evaluation } from '../../src/engine/evaluation';
import { gridFromRows, insertRows, seedForm, type CellSpec } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome): Evaluation & { tableRows: number[] } {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return { ...outcome.evaluation, tableRows: outcome.tables.map((t) => t.headerRow) };
}

const codes = (evaluation: Evaluation) => evaluation.problems.map((p) => p.code);
/** What each indicator came to, without its sheet row (rows move when a header is inserted). */
const results = (evaluation: Evaluation) =>
  evaluation.indicators.map(({ level1, level2, level3, weight, score, status, flag }) => ({ level1, level2, level3, weight, score, status, flag }));

describe('a header repeated inside the table', () => {
  const seed = seedForm();
  /** The seed form's header row (row 9), as values. */
  const header: CellSpec[] = seed.cells[8].map((cell) => cell?.value);
  const plain = scored(evaluateGrid(seed));

  test.each([
    ['as written', header],
    ['without the 绩效指标 side label', [undefined, ...header.slice(1)]],
  ])('the seed table with its header repeated after four rows (%s) scores all nine rows', (_, repeated) => {
    // Rows 10–13 hold four indicators; the copy goes on row 14 and the other five move down.
    const evaluation = scored(evaluateGrid(insertRows(seed, 14, [repeated])));
    expect(results(evaluation)).toEqual(results(plain));
    expect(evaluation.indicators.map((i) => i.row)).toEqual([10, 11, 12, 13, 15, 16, 17, 18, 19]);
    expect([evaluation.totalScore, evaluation.grade]).toEqual([plain.totalScore, plain.grade]);
    expect(evaluation.tableRows).toEqual([9]);
    expect(codes(evaluation)).not.toContain('other-tables');
  });

  test('a 序号 column and a row of column numbers under each header copy', () => {
    const head = ['序号', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
    const numbers = ['栏次', 1, 2, 3, 4, 5, 6, 7];
    const evaluation = scored(
      evaluateGrid(
        gridFromRows([
          head,
          numbers,
          [1, '产出指标', '数量指标', '培训人数', '≥100人', '120人', 25],
          [2, '产出指标', '质量指标', '合格率', '≥90%', '95%', 25],
          head,
          numbers,
          [3, '效益指标', '社会效益指标', '受益人数', '≥50人', '40人', 25],
          [4, '满意度指标', '服务对象满意度指标', '满意度', '≥90%', '92%', 25],
          ['总分', undefined, undefined, undefined, undefined, undefined, 100],
        ]),
      ),
    );
    expect(evaluation.indicators.map((i) => [i.row, i.level3, i.score])).toEqual([
      [3, '培训人数', 25],
      [4, '合格率', 25],
      [7, '受益人数', 20],
      [8, '满意度', 25],
    ]);
    expect(evaluation.totalScore).toBe(95);
    expect(evaluation.tableRows).toEqual([1]);
  });

  test.each([
    ['（A） | （B）', [null, null, null, '（A）', '（B）', null, null]],
    ['A | B | C=B/A', [null, null, null, 'A', 'B', 'C=B/A', null]],
  ])('a row of column letters under the header (%s) is no indicator', (_, letters) => {
    const evaluation = scored(
      evaluateGrid(
        gridFromRows([
          ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
          letters,
          ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 60],
          ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', 40],
        ]),
      ),
    );
    expect(evaluation.indicators.map((i) => [i.row, i.level3])).toEqual([
      [3, '培训人数'],
      [4, '满意度'],
    ]);
    expect(codes(evaluation)).not.toContain('provisional-total');
  });

  test('a two-line header repeated line for line', () => {
    const top = ['一级指标', '二级指标', '三级指标', '年度指标值', undefined, undefined, '实际完成值', '分值', '得分'];
    const second = [undefined, undefined, undefined, '指标性质', '指标值', '度量单位'];
    const evaluation = scored(
      evaluateGrid(
        gridFromRows(
          [
            top,
            second,
            ['产出指标', '数量指标', '培训人数', '≥', 100, '人', '120人', 50],
            top,
            second,
            ['满意度指标', '满意度指标', '满意度', '≥', 90, '%', '95%', 50],
          ],
          { merges: ['D1:F1', 'D4:F4'] },
        ),
      ),
    );
    expect(evaluation.indicators.map((i) => [i.row, i.level3, i.target, i.score])).toEqual([
      [3, '培训人数', '≥100人', 50],
      [6, '满意度', '≥90%', 50],
    ]);
    expect(evaluation.tableRows).toEqual([1]);
  });
});

describe('a second table is still a second table', () => {
  const head = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
  const first = [
    ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50],
    ['满意度指标', '满意度', '满意度', '≥90%', '95%', 50],
  ];

  test('the same header under another project block', () => {
    const outcome = evaluateGrid(gridFromRows([head, ...first, ['项目名称', '第二个项目'], head, ['产出指标', '数量指标', '人数', '≥1人', '1人', 100]]));
    const evaluation = scored(outcome);
    expect(evaluation.indicators.map((i) => i.level3)).toEqual(['培训人数', '满意度']);
    expect(evaluation.tableRows).toEqual([1, 5]);
    expect(codes(evaluation)).toContain('other-tables');
    expect(outcome.tables[1].label).toBe('第二个项目');
  });

  test.each([
    ['a section line', [['二、就业补助项目']]],
    ['a blank row', [[]]],
  ])('the same header after %s, not straight under an indicator row, starts another table', (_, between) => {
    const outcome = evaluateGrid(gridFromRows([head, ...first, ...between, head, ['产出指标', '数量指标', '人数', '≥1人', '1人', 100]]));
    const evaluation = scored(outcome);
    expect(evaluation.indicators.map((i) => i.level3)).toEqual(['培训人数', '满意度']);
    expect(evaluation.tableRows).toEqual([1, 4 + between.length]);
    expect(codes(evaluation)).toContain('other-tables');
  });

  test('the same header under another form title', () => {
    const outcome = evaluateGrid(gridFromRows([head, ...first, ['项目支出绩效自评表'], head, ['产出指标', '数量指标', '人数', '≥1人', '1人', 100]]));
    expect(scored(outcome).tableRows).toEqual([1, 5]);
  });

  test('a header with another column set', () => {
    const other = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值'];
    const evaluation = scored(evaluateGrid(gridFromRows([head, ...first, other, ['产出指标', '数量指标', '人数', '≥1人', '1人', 100]])));
    expect(evaluation.indicators.map((i) => i.level3)).toEqual(['培训人数', '满意度']);
    expect(evaluation.tableRows).toEqual([1, 4]);
    expect(codes(evaluation)).toContain('other-tables');
  });

  test('a header with other words in the same columns', () => {
    const other = ['一级指标', '二级指标', '三级指标', '目标值', '实际完成值', '分值', '得分'];
    const evaluation = scored(evaluateGrid(gridFromRows([head, ...first, other, ['产出指标', '数量指标', '人数', '≥1人', '1人', 100]])));
    expect(evaluation.tableRows).toEqual([1, 4]);
  });
});
