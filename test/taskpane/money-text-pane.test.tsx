/** @jest-environment jsdom */
/**
 * The pane prints an amount as the sheet shows it, the same text as the command line and the
 * report (issue 9, item 9): 1198600.5 shown as "0.00" is 1198600.50元, 288.5 typed is 288.5万元.
 */
import { cleanup, screen } from '@testing-library/react';
import { formatSummary } from '../../src/cli/summary';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import { blocksToLines, buildReport, flattenSections } from '../../src/engine/report';
import { amount, moneyForm } from '../helpers/money-forms';
import { FakeWorkbookHost } from './fake-host';
import { renderExcelPane } from './render-pane';

afterEach(cleanup);

/** The command line's funds line and the report's sentences, for the same sheet. */
function elsewhere(grid: Grid): { cli: string; report: string } {
  const outcome = evaluateGrid(grid);
  if (!outcome.ok) throw new Error(outcome.message);
  const blocks = flattenSections(buildReport(outcome.evaluation).sections).filter((b) => b.type !== 'table');
  return { cli: formatSummary(outcome.evaluation), report: blocksToLines(blocks).join('\n') };
}

async function openPane(grid: Grid): Promise<void> {
  renderExcelPane(new FakeWorkbookHost([grid]));
  await screen.findByText('课后服务补助资金');
}

describe('the pane prints the amounts as the sheet shows them', () => {
  test('1198600.5 shown as "0.00" in a 元 block: 1198600.50元, as the command line and the report print it', async () => {
    const grid = moneyForm({ caption: '项目资金（元）', initial: amount(1200000), adjusted: amount(1200000), executed: amount(1198600.5, '0.00') });
    await openPane(grid);
    const executed = screen.getByText('1198600.50元');
    expect(screen.getByText('1200000元')).toBeTruthy();
    expect(screen.queryByText(/1198600\.5元/)).toBeNull();
    const { cli, report } = elsewhere(grid);
    expect(cli).toContain(`全年执行数${executed.textContent}`);
    expect(report).toContain(`全年执行数为${executed.textContent}`);
  });

  test('288.5 typed in a 万元 block: 288.5万元, never 288.50万元', async () => {
    const grid = moneyForm({ caption: '项目资金（万元）', initial: amount(300), adjusted: amount(320), executed: amount(288.5) });
    await openPane(grid);
    const executed = screen.getByText('288.5万元');
    const budget = screen.getByText('320万元');
    expect(screen.queryByText(/288\.50/)).toBeNull();
    const { cli, report } = elsewhere(grid);
    expect(cli).toContain(`全年预算数${budget.textContent}，全年执行数${executed.textContent}`);
    expect(report).toContain(`全年执行数为${executed.textContent}`);
  });
});
