/** @jest-environment jsdom */
/**
 * A score-only form in the Excel pane: its rows are named by what happened to their points
 * (满分/扣分), as the command line names them, never 达标/未达标 (issue 8, class 9).
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { gridFromRows, type CellSpec } from '../helpers/grid-builder';
import { FakeWorkbookHost } from './fake-host';
import { renderExcelPane } from './render-pane';

const grid = gridFromRows([
  ['项目支出绩效自评表'],
  ['项目名称', '村级公益事业'],
  ['一级指标', '二级指标', '三级指标', '指标解释', '分值', '得分'],
  ['决策', '项目立项', '立项依据充分性', '是否符合规划', 20, 20],
  ['过程', '资金管理', '资金到位率', '到位资金/计划', 30, 28],
  ['产出', '产出数量', '实际完成率', '完成/计划', 50, 45],
  ['总分', null, null, null, 100, null],
] as CellSpec[][]);

test("the pane names a score-only form's rows 满分 and 扣分", async () => {
  renderExcelPane(new FakeWorkbookHost([grid]));
  await screen.findByText('村级公益事业');
  fireEvent.click(screen.getByRole('button', { name: '一键评分' }));
  expect(await screen.findByTestId('total')).toHaveProperty('textContent', '93 分');
  const counts = screen.getByRole('group', { name: '各状态指标数' });
  expect(within(counts).getByText('满分 1 项')).toBeTruthy();
  expect(within(counts).getByText('扣分 2 项')).toBeTruthy();
  const rows = within(screen.getByRole('list', { name: '各项指标' })).getAllByRole('listitem');
  expect(rows.map((row) => row.querySelector('[data-status]')?.textContent)).toEqual(['满分', '扣分', '扣分']);
  expect(screen.queryByText(/^(达标|未达标)/)).toBeNull();
});
