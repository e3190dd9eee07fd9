/**
 * The project block above the table as units write it (issue 8, class 8): labels with colons,
 * combined labels, values in the label's own cell, and a year that comes from the form's title or
 * 年度 cell rather than from the date it was filled in.
 */
import { locateProject } from '../../src/engine/locate/locate-project';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';

function project(rows: CellSpec[][]) {
  const grid = gridFromRows([...rows, ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值']]);
  return locateProject(grid, rows.length + 1);
}

describe('project fields', () => {
  test('labels ending in a colon are still labels', () => {
    const info = project([
      ['项目名称：', '农村道路养护'],
      ['主管部门:', '某县交通运输局', '实施单位：', '某县公路站'],
    ]);
    expect(info).toMatchObject({ name: '农村道路养护', department: '某县交通运输局', unit: '某县公路站' });
  });

  test('a value written after the colon in the label cell is read', () => {
    const info = project([['项目名称：农村道路养护'], ['主管部门：某县交通运输局', null, '实施单位：某县公路站']]);
    expect(info).toMatchObject({ name: '农村道路养护', department: '某县交通运输局', unit: '某县公路站' });
  });

  test.each<[string, CellSpec[][], Record<string, string>]>([
    [
      '主管部门及代码 (the standard form)',
      [['主管部门及代码', '[101]某县交通运输局', '实施单位', '某县公路站']],
      { department: '[101]某县交通运输局', unit: '某县公路站' },
    ],
    ['实施单位（盖章）', [['实施单位（盖章）：', '某县公路站']], { unit: '某县公路站' }],
    ['填报单位 with its value in the cell', [['填报单位：某县公路站', null, '填报日期：2024年3月1日']], { unit: '某县公路站' }],
    ['单位名称 (a whole-department form)', [['单位名称', '某镇人民政府']], { unit: '某镇人民政府' }],
    [
      '地方主管部门 (the transfer-payment form): the local one reports, not 中央主管部门',
      [['中央主管部门', '财政部', '地方主管部门', '某县乡村振兴局']],
      { unit: '某县乡村振兴局', department: '某县乡村振兴局' },
    ],
    ['一级预算单位名称 (a whole-department form)', [['一级预算单位名称', '某区林业局']], { unit: '某区林业局' }],
    ['单位名称 and 填报日期 in one cell', [['单位名称：某镇人民政府 填报日期：2021.5.18']], { unit: '某镇人民政府' }],
  ])('%s', (_name, rows, fields) => {
    expect(project([['项目名称', '道路养护'], ...rows])).toMatchObject(fields);
  });

  test('"实施（主管）单位" names both the unit and its 主管部门', () => {
    expect(
      project([
        ['项目名称', '道路养护'],
        ['实施（主管）单位', '某县公路站'],
      ]),
    ).toMatchObject({ unit: '某县公路站', department: '某县公路站' });
  });

  test('a separate 主管部门 beside a combined label keeps its own value', () => {
    const info = project([
      ['主管部门', '某县交通运输局'],
      ['实施（主管）单位', '某县公路站'],
    ]);
    expect(info).toMatchObject({ unit: '某县公路站', department: '某县交通运输局' });
  });

  test('the label itself is never taken for a value', () => {
    expect(project([['项目名称：', '主管部门：', '某局']]).name).toBeUndefined();
  });
});

describe('the year', () => {
  test('from the title line, not from a 填报日期 on the line before it', () => {
    expect(project([['项目支出绩效自评表'], ['填报日期：2024年3月1日'], ['（2023年度）']]).year).toBe(2023);
  });

  test('from the title line, not from a 填报日期 cell beside it', () => {
    expect(project([['（2023年度）', null, '填报日期', '2024年3月']]).year).toBe(2023);
  });

  test('from a 年度 cell when the title has no year', () => {
    expect(project([['项目支出绩效自评表'], ['填报日期：2024年1月5日', null, '年度', 2023]]).year).toBe(2023);
    expect(project([['项目支出绩效自评表'], ['评价年度：2022年']]).year).toBe(2022);
  });

  test('a 20XX年度 in the 年度总体目标 text lower down does not outrank the title', () => {
    const rows: CellSpec[][] = [['（2023年度）'], ['项目名称', '道路养护'], ['主管部门', '某局'], ['年度总体目标', '完成2022年度结转项目和新建道路']];
    expect(project(rows).year).toBe(2023);
  });

  test('from the project name when nothing else gives it', () => {
    expect(project([['项目名称', '2021年农村道路养护'], ['填报日期：2022年2月1日']]).year).toBe(2021);
  });
});

describe("a form on a body's whole spending", () => {
  test("has no 项目名称: the form's subject stands in for it", () => {
    const info = project([['2021年部门整体支出绩效自评表'], ['单位名称', '某镇人民政府']]);
    expect(info).toMatchObject({ name: '部门整体支出', unit: '某镇人民政府', year: 2021 });
  });

  test('a 项目名称 on the form still wins', () => {
    expect(project([['单位整体支出绩效自评表'], ['项目名称', '机关运转']]).name).toBe('机关运转');
  });

  test('a project form is not one', () => {
    expect(project([['项目支出绩效自评表'], ['单位名称', '某镇人民政府']]).name).toBeUndefined();
  });
});

test('the transfer-payment form names its fund 转移支付名称', () => {
  expect(project([['转移支付名称', '中央财政衔接推进乡村振兴补助资金']]).name).toBe('中央财政衔接推进乡村振兴补助资金');
});
