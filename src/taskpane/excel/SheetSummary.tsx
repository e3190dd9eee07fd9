/** What the pane found on the sheet: the project, how many indicator rows, the funds. */
import { Text } from '@fluentui/react-components';
import type { Evaluation } from '../../engine/evaluation';
import { fundsMoneyText, type MoneyField } from '../../engine/money-text';
import { useLayout } from '../common/layout';
import { formatNumber, formatPercent } from '../format';
import { useStrings } from '../i18n';

export interface SheetSummaryProps {
  evaluation: Evaluation;
  /** Which budget figure the rate is computed on (the profile's funds.denominator). */
  denominator: 'adjusted' | 'initial';
}

/**
 * An amount as the English pane says it: "10万元" is 100,000 yuan ("万" is ten thousand), "1,198,600.5元"
 * is 1,198,600.5 yuan. Anything else (a unit the sheet writes otherwise) stays as the sheet has it.
 */
export function englishMoney(text: string): string {
  const match = /^(-?[\d,]*\.?\d+)\s*(万元|元)$/.exec(text.trim());
  if (!match) return text;
  const figure = Number(match[1].replace(/,/g, ''));
  if (!Number.isFinite(figure)) return text;
  const yuan = match[2] === '万元' ? Math.round(figure * 10000 * 100) / 100 : figure;
  return `${yuan.toLocaleString('en-US', { maximumFractionDigits: 2 })} yuan`;
}

function Fact({ term, value }: { term: string; value: string }) {
  const layout = useLayout();
  return (
    <>
      <dt>
        <Text className={layout.muted}>{term}</Text>
      </dt>
      <dd className={layout.factValue}>
        <Text>{value}</Text>
      </dd>
    </>
  );
}

export function SheetSummary({ evaluation, denominator }: SheetSummaryProps) {
  const strings = useStrings();
  const layout = useLayout();
  const { project, funds } = evaluation;
  // As the sheet shows the amount (its unit and places): the same text as the command line and the report.
  const money = (field: MoneyField | undefined) => {
    const text = funds && field && fundsMoneyText(funds, field);
    if (!text) return strings.notFilled;
    return strings.lang === 'en' ? englishMoney(text) : text;
  };
  const budget: MoneyField | undefined =
    funds && (denominator === 'initial' ? (funds.initial !== undefined ? 'initial' : 'adjusted') : funds.adjusted !== undefined ? 'adjusted' : 'initial');
  return (
    <section className={layout.section} aria-label={strings.projectName}>
      <Text as="h2" size={400} weight="semibold">
        {project.name ?? strings.notFilled}
      </Text>
      <dl className={layout.facts}>
        <Fact term={strings.unit} value={project.unit ?? project.department ?? strings.notFilled} />
        <Fact term={strings.year} value={project.year === undefined ? strings.notFilled : strings.yearValue(project.year)} />
        <Fact term={strings.indicatorRows} value={strings.indicatorRowsValue(evaluation.indicators.length)} />
      </dl>
      <Text as="h3" weight="semibold">
        {strings.fundsTitle}
      </Text>
      {funds ? (
        <dl className={layout.facts}>
          <Fact term={strings.fundsBudget} value={money(budget)} />
          <Fact term={strings.fundsExecuted} value={money('executed')} />
          <Fact term={strings.fundsRate} value={funds.rate === undefined ? strings.notFilled : formatPercent(funds.rate)} />
        </dl>
      ) : (
        <Text className={layout.muted}>{strings.fundsMissing}</Text>
      )}
      <Text weight="semibold">{strings.previewTotal(formatNumber(evaluation.totalScore), evaluation.grade)}</Text>
    </section>
  );
}
