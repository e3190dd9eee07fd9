/** Caps on the total by execution rate (rate below X% → total at most Y), kept in ascending order. */
import { Button, Text } from '@fluentui/react-components';
import type { RuleProfile } from '../../engine/rules/profile';
import { useLayout } from '../common/layout';
import { NumberField } from '../common/NumberField';
import { formatNumber, toPercent } from '../format';
import { useStrings } from '../i18n';

type Cap = RuleProfile['funds']['totalCaps'][number];

/** The engine applies the first cap whose rate the project falls below, so the lowest comes first. */
function sorted(caps: Cap[]): Cap[] {
  return [...caps].sort((a, b) => a.below - b.below);
}

/** A new cap below the lowest one: ten points lower at a rate ten points lower (the usual ladder). */
function nextCap(caps: Cap[]): Cap {
  const lowest = sorted(caps)[0];
  if (!lowest) return { below: 0.8, cap: 89 };
  return { below: Math.max(0.1, Math.round((lowest.below - 0.1) * 100) / 100), cap: Math.max(0, lowest.cap - 10) };
}

export function CapsEditor({ caps, onChange, disabled }: { caps: Cap[]; onChange: (caps: Cap[]) => void; disabled?: boolean }) {
  const strings = useStrings();
  const layout = useLayout();
  const replace = (index: number, cap: Cap) => onChange(sorted(caps.map((c, i) => (i === index ? cap : c))));
  return (
    <fieldset className={layout.fieldset}>
      <legend>{strings.totalCaps}</legend>
      {caps.length === 0 && <Text className={layout.muted}>{strings.noCaps}</Text>}
      {caps.map((cap, index) => (
        <div key={index} className={layout.pair}>
          <NumberField
            label={strings.capBelow}
            value={toPercent(cap.below)}
            min={0}
            max={100}
            unit={strings.unitPercent}
            disabled={disabled}
            onCommit={(percent) => percent !== undefined && replace(index, { ...cap, below: percent / 100 })}
          />
          <NumberField
            label={strings.capMax}
            value={cap.cap}
            min={0}
            max={100}
            unit={strings.unitPoints}
            disabled={disabled}
            onCommit={(points) => points !== undefined && replace(index, { ...cap, cap: points })}
          />
          <Button
            className={layout.compactButton}
            disabled={disabled}
            aria-label={strings.removeCap(formatNumber(toPercent(cap.below)))}
            onClick={() => onChange(caps.filter((_, i) => i !== index))}
          >
            {strings.remove}
          </Button>
        </div>
      ))}
      <div>
        <Button size="small" disabled={disabled} onClick={() => onChange(sorted([...caps, nextCap(caps)]))}>
          {strings.addCap}
        </Button>
      </div>
    </fieldset>
  );
}
