/**
 * The scoring run's results: total, grade, then the next step (the report, passed in as `next`),
 * how many rows in each status, and every row with its target → actual, badge, score and the
 * reason the command line prints, so that the user need not go back to the sheet.
 */
import { MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Evaluation, IndicatorStatus } from '../../engine/evaluation';
import { useLayout } from '../common/layout';
import { StatusBadge } from '../common/StatusBadge';
import { useIdFor } from '../common/use-id-for';
import { formatNumber } from '../format';
import { useStrings } from '../i18n';
import { rowReason } from './row-reason';

/** Good news first, then what needs work, then rows that do not count. */
const STATUS_ORDER: IndicatorStatus[] = ['met', 'exceeded', 'unmet', 'needs-judgement', 'missing-actual', 'unreadable', 'not-applicable'];

export function countByStatus(evaluation: Evaluation): { status: IndicatorStatus; count: number }[] {
  const counts = new Map<IndicatorStatus, number>();
  for (const row of evaluation.indicators) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return STATUS_ORDER.filter((status) => counts.has(status)).map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

export interface ScoreResultsProps {
  evaluation: Evaluation;
  stale: boolean;
  /** What to do next (生成自评报告), shown right under the total and grade. */
  next?: ReactNode;
}

export function ScoreResults({ evaluation, stale, next }: ScoreResultsProps) {
  const strings = useStrings();
  const layout = useLayout();
  const titleId = useIdFor('results');
  return (
    <section className={layout.section} aria-labelledby={titleId}>
      <Text as="h2" id={titleId} size={400} weight="semibold">
        {strings.resultsTitle}
      </Text>
      {stale && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{strings.staleResults}</MessageBarBody>
        </MessageBar>
      )}
      <dl className={layout.facts}>
        <dt>
          <Text className={layout.muted}>{strings.total}</Text>
        </dt>
        <dd className={layout.factValue}>
          <Text size={600} weight="bold" data-testid="total">
            {strings.totalValue(formatNumber(evaluation.totalScore))}
          </Text>
        </dd>
        <dt>
          <Text className={layout.muted}>{strings.grade}</Text>
        </dt>
        <dd className={layout.factValue}>
          <Text size={500} weight="semibold" data-testid="grade">
            {evaluation.grade}
          </Text>
        </dd>
      </dl>
      {next}
      <div className={layout.row} role="group" aria-label={strings.statusCounts}>
        {countByStatus(evaluation).map(({ status, count }) => (
          <StatusBadge key={status} status={status} kind={evaluation.scoresAsEntered ? 'entered' : undefined} count={count} />
        ))}
      </div>
      <Text as="h3" weight="semibold">
        {strings.rowsTitle}
      </Text>
      <ul className={layout.list} aria-label={strings.rowsTitle}>
        {evaluation.indicators.map((row) => (
          <li key={row.row} className={layout.rowItem} aria-label={`${strings.rowNumber(row.row)} ${row.level3}`}>
            <Text>
              <Text className={layout.muted}>{strings.rowNumber(row.row)} </Text>
              {row.level3}
            </Text>
            {row.kind !== 'entered' && (
              <Text className={layout.muted} data-testid="target-actual">
                {strings.targetToActual(row.target || strings.notFilled, row.actual || strings.notFilled)}
              </Text>
            )}
            <div className={layout.row}>
              <StatusBadge status={row.status} kind={row.kind} />
              <Text>{strings.rowScore(formatNumber(row.score), formatNumber(row.weight))}</Text>
            </div>
            <Text size={200} data-testid="reason">
              {rowReason(row, strings)}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
