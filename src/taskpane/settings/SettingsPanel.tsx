/**
 * The rule profile and every one of its settings, plus keeping hand-set scores. Each change is
 * saved to the workbook at once (as overrides on the chosen profile) and re-scores the preview.
 *
 * Basic settings first (the profile, keeping hand-set scores); the formulas, execution-rate rules,
 * grade bands and default weights, which the profile already sets, under a collapsed 高级 section:
 * all of them open ran to some 2,000 px of a 320 px pane.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Checkbox, Divider, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { customiseProfile } from '../../engine/rules/customise';
import type { RuleProfile } from '../../engine/rules/profile';
import type { WorkbookSettings } from '../../app/ports';
import { useLayout } from '../common/layout';
import { Notice } from '../common/Notice';
import { useStrings } from '../i18n';
import { FundsSettings } from './FundsSettings';
import { GradeBandsEditor } from './GradeBandsEditor';
import { IndicatorRuleSettings } from './IndicatorRuleSettings';
import { baseProfile, withProfileChanges } from './overrides';
import { ProfileField } from './ProfileField';
import { WeightsSettings } from './WeightsSettings';

export interface SettingsPanelProps {
  settings: WorkbookSettings;
  onChange: (settings: WorkbookSettings) => void;
  disabled?: boolean;
  /** Where the settings are kept, said above them (the Excel pane: in the workbook). */
  hint?: string;
}

export function SettingsPanel({ settings, onChange, disabled, hint }: SettingsPanelProps) {
  const strings = useStrings();
  const layout = useLayout();
  const [restored, setRestored] = useState(false);
  const base = baseProfile(settings);
  const profile = customiseProfile(base, settings.overrides);
  const change = (changes: Partial<RuleProfile>) => {
    setRestored(false);
    onChange(withProfileChanges(settings, changes));
  };
  const editor = { profile, onChange: change, disabled };
  return (
    <div className={layout.section}>
      <Text className={layout.muted}>{hint ?? strings.settingsHint}</Text>
      <ProfileField
        value={base.id}
        disabled={disabled}
        onChange={(profileId) => {
          setRestored(false);
          // Another profile is another set of rules: the changes made to the previous one do not carry over.
          onChange({ ...settings, profileId, overrides: {} });
        }}
      />
      <Checkbox
        label={strings.keepScores}
        checked={settings.keepExistingScores}
        disabled={disabled}
        onChange={(_, data) => onChange({ ...settings, keepExistingScores: data.checked === true })}
      />
      <Accordion collapsible>
        <AccordionItem value="advanced">
          <AccordionHeader>{strings.settingsAdvanced}</AccordionHeader>
          <AccordionPanel>
            <div className={layout.section} data-testid="advanced-settings">
              <Text className={layout.muted}>{strings.settingsAdvancedHint}</Text>
              <IndicatorRuleSettings {...editor} />
              <Divider />
              <FundsSettings {...editor} />
              <Divider />
              <GradeBandsEditor grades={profile.grades} disabled={disabled} onChange={(grades) => change({ grades })} />
              <Divider />
              <WeightsSettings {...editor} />
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      {restored && <Notice notice={{ intent: 'success', text: strings.resetDone }} />}
      <div>
        <Button
          disabled={disabled}
          onClick={() => {
            onChange({ ...settings, overrides: {}, keepExistingScores: false });
            setRestored(true);
          }}
        >
          {strings.resetDefaults}
        </Button>
      </div>
    </div>
  );
}
