/** One row the user judges: 达成 / 部分达成 / 未达成, and optionally the share within that band. */
import { Field, Text } from '@fluentui/react-components';
import type { IndicatorResult } from '../../engine/evaluation';
import type { QualitativeTier } from '../../engine/parse/measure-types';
import type { RuleProfile } from '../../engine/rules/profile';
import type { Judgement } from '../../engine/score/score-indicator';
import { useLayout } from '../common/layout';
import { NumberField } from '../common/NumberField';
import { StatusBadge } from '../common/StatusBadge';
import { formatNumber, toPercent } from '../format';
import { useStrings } from '../i18n';
import { asTierJudgement, tierBand } from './judgements';
import { PaneSelect } from '../common/PaneSelect';

const TIERS: QualitativeTier[] = ['achieved', 'partial', 'failed'];

function isTier(value: string): value is QualitativeTier {
  return (TIERS as string[]).includes(value);
}

export interface JudgementRowProps {
  row: IndicatorResult;
  judgement: Judgement | undefined;
  profile: RuleProfile;
  onChange: (judgement: Judgement | undefined) => void;
  disabled: boolean;
}

export function JudgementRow({ row, judgement, profile, onChange, disabled }: JudgementRowProps) {
  const strings = useStrings();
  const layout = useLayout();
  const tierNames: Record<QualitativeTier, string> = { achieved: strings.tierAchieved, partial: strings.tierPartial, failed: strings.tierFailed };
  const current = judgement === undefined ? undefined : asTierJudgement(judgement, profile);
  const band = current && tierBand(current.tier, profile);
  return (
    <li className={layout.section} aria-label={`${strings.rowNumber(row.row)} ${row.level3}`}>
      <Text weight="semibold">
        <Text className={layout.muted}>{strings.rowNumber(row.row)} </Text>
        {row.level3}
      </Text>
      <Text className={layout.muted}>{strings.targetAndActual(row.target, row.actual || strings.notFilled)}</Text>
      <div className={layout.row}>
        <StatusBadge status={row.status} />
        <Text>{strings.currentScore(formatNumber(row.score), formatNumber(row.weight))}</Text>
      </div>
      <Field label={strings.tier}>
        <PaneSelect value={current?.tier ?? ''} disabled={disabled} onChange={(_, data) => onChange(isTier(data.value) ? { tier: data.value } : undefined)}>
          <option value="">{strings.tierAuto}</option>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tierNames[tier]}
            </option>
          ))}
        </PaneSelect>
      </Field>
      {current && band && (
        <NumberField
          label={strings.share(formatNumber(toPercent(band[0])), formatNumber(toPercent(band[1])))}
          value={current.share === undefined ? undefined : toPercent(current.share)}
          placeholder={strings.shareDefault(formatNumber(toPercent(Math.min(band[1], Math.max(band[0], profile.qualitative.shares[current.tier])))))}
          min={toPercent(band[0])}
          max={toPercent(band[1])}
          unit={strings.unitPercent}
          allowEmpty
          disabled={disabled}
          onCommit={(percent) => onChange(percent === undefined ? { tier: current.tier } : { tier: current.tier, share: percent / 100 })}
        />
      )}
    </li>
  );
}
