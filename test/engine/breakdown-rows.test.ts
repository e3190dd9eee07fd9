/**
 * Numbered breakdowns (a real 云南 table): "一、示范区建立 ≥20000亩" over "1、… ≥500亩", "2、… ≥1000亩",
 * "3、… ≥18500亩" lists the parts of one indicator. The parts are not scored again when their
 * targets add up to the parent's and they carry no points beyond the parent's; otherwise every row
 * is an indicator of its own.
 */
import { evaluateGrid, type EvaluateOutcome } from '../../src/engine/evaluate';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

function scored(outcome: EvaluateOutcome) {
  if (!outcome.ok) throw new Error(`expected a scored sheet, got ${outcome.failure}: ${outcome.message}`);
  return outcome.evaluation;
}

const HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];

function table(parts: [string, string, string, CellSpec][], parentWeight: CellSpec = null): CellSpec[][] {
  return [
    HEADER,
    ['产出指标', '数量指标', '一、示范区建立', '≥20000亩', '20000亩', parentWeight],
    ...parts.map(([name, target, actual, weight]) => [null, null, name, target, actual, weight]),
    [null, '质量指标', '到位率', '≥80%', '85.6%', null],
    ['满意度指标', '满意度', '农户满意度', '≥90%', '95%', null],
  ];
}

const PARTS: [string, string, string, CellSpec][] = [
  ['1、水稻侧深施肥', '≥500亩', '500亩', null],
  ['2、玉米种肥同播', '≥1000亩', '1000亩', null],
  ['3、施用配方肥', '≥18500亩', '18500亩', null],
];

test('parts whose targets add up to the parent’s are not scored again, and a notice names the rows', () => {
  const evaluation = scored(evaluateGrid(gridFromRows(table(PARTS))));
  expect(evaluation.indicators.map((i) => i.row)).toEqual([2, 6, 7]);
  expect(evaluation.indicators.map((i) => i.weight)).toEqual([25, 25, 10]);
  expect(evaluation.problems.find((p) => p.code === 'breakdown-rows')?.message).toBe(
    'C2：第3至5行是第2行“一、示范区建立”的分项，其指标值合计等于该行的“≥20000亩”，不另计分',
  );
});

test('parts that do not add up to the parent are indicators of their own', () => {
  const parts = PARTS.map(([name, , actual, weight], i): [string, string, string, CellSpec] => [name, i === 0 ? '≥600亩' : PARTS[i][1], actual, weight]);
  const evaluation = scored(evaluateGrid(gridFromRows(table(parts))));
  expect(evaluation.indicators.map((i) => i.row)).toEqual([2, 3, 4, 5, 6, 7]);
  expect(evaluation.problems.map((p) => p.code)).not.toContain('breakdown-rows');
});

test('parts with points that share out the parent’s are set aside; parts with points of their own are not', () => {
  const shared = PARTS.map(([name, target, actual], i): [string, string, string, CellSpec] => [name, target, actual, [5, 5, 5][i]]);
  const withRows = (rows: CellSpec[][]) => rows.map((r, i) => (i >= 5 ? [...r.slice(0, 5), i === 5 ? 35 : 10] : r));
  const asParts = scored(evaluateGrid(gridFromRows(withRows(table(shared, 15)))));
  expect(asParts.indicators.map((i) => [i.row, i.weight])).toEqual([
    [2, 15],
    [6, 35],
    [7, 10],
  ]);
  const ownPoints = scored(evaluateGrid(gridFromRows(withRows(table(shared, 10)))));
  expect(ownPoints.indicators.map((i) => i.row)).toEqual([2, 3, 4, 5, 6, 7]);
});
