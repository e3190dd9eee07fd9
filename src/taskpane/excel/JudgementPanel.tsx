/** The rows of the sheet that the user may judge by hand, each with its own controls. */
import { Text } from '@fluentui/react-components';
import type { IndicatorResult } from '../../engine/evaluation';
import type { RuleProfile } from '../../engine/rules/profile';
import type { Judgement } from '../../engine/score/score-indicator';
import { useLayout } from '../common/layout';
import { useStrings } from '../i18n';
import { JudgementRow } from './JudgementRow';

export interface JudgementPanelProps {
  rows: IndicatorResult[];
  judgements: Record<number, Judgement> | undefined;
  profile: RuleProfile;
  onJudge: (row: number, judgement: Judgement | undefined) => void;
  disabled: boolean;
  /** What becomes of the judgements here (saved in the workbook, by default). */
  hint?: string;
}

export function JudgementPanel({ rows, judgements, profile, onJudge, disabled, hint }: JudgementPanelProps) {
  const strings = useStrings();
  const layout = useLayout();
  return (
    <div className={layout.section}>
      <Text className={layout.muted}>{hint ?? strings.judgementsHint}</Text>
      <ul className={layout.list}>
        {rows.map((row) => (
          <JudgementRow
            key={row.row}
            row={row}
            judgement={judgements?.[row.row]}
            profile={profile}
            disabled={disabled}
            onChange={(judgement) => onJudge(row.row, judgement)}
          />
        ))}
      </ul>
    </div>
  );
}
