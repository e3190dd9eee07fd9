/** A row's status: its name in words and a colour, so colour is never the only signal. */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { IndicatorKind, IndicatorStatus } from '../../engine/evaluation';
import { statusLabel } from '../../engine/labels';
import { useStrings } from '../i18n';

/** The same traffic light the write-back plan paints on the sheet: green, amber, red. */
export const STATUS_COLOURS: Record<IndicatorStatus, NonNullable<BadgeProps['color']>> = {
  met: 'success',
  exceeded: 'warning',
  'needs-judgement': 'warning',
  unmet: 'danger',
  'missing-actual': 'danger',
  unreadable: 'danger',
  'not-applicable': 'informative',
};

/** `kind` 'entered' (a score-only form's row) names the status by its points: 满分, 扣分 … */
export function StatusBadge({ status, kind, count }: { status: IndicatorStatus; kind?: IndicatorKind; count?: number }) {
  const strings = useStrings();
  const label = statusLabel({ status, kind })[strings.lang];
  return (
    <Badge appearance="tint" shape="rounded" color={STATUS_COLOURS[status]} data-status={status}>
      {count === undefined ? label : strings.countValue(label, count)}
    </Badge>
  );
}
