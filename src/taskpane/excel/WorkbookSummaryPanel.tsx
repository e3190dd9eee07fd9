/**
 * 汇总本工作簿: what it does (every table of the workbook summed up in the add-in's 评分汇总 sheet),
 * whether to write the results into the tables too (off unless asked), and the button.
 */
import { Button, Checkbox, Spinner, Text } from '@fluentui/react-components';
import { useLayout } from '../common/layout';
import { useIdFor } from '../common/use-id-for';
import { useStrings } from '../i18n';

export interface WorkbookSummaryPanelProps {
  writeScores: boolean;
  onWriteScoresChange: (writeScores: boolean) => void;
  onSummarise: () => void;
  summarising: boolean;
  disabled: boolean;
}

export function WorkbookSummaryPanel({ writeScores, onWriteScoresChange, onSummarise, summarising, disabled }: WorkbookSummaryPanelProps) {
  const strings = useStrings();
  const layout = useLayout();
  const titleId = useIdFor('workbook-summary');
  return (
    <section className={layout.section} aria-labelledby={titleId}>
      <Text as="h2" id={titleId} size={400} weight="semibold">
        {strings.workbookSummaryTitle}
      </Text>
      <Text className={layout.muted}>{strings.workbookSummaryHint}</Text>
      <Checkbox
        checked={writeScores}
        disabled={disabled}
        label={strings.workbookSummaryWriteScores}
        onChange={(_, data) => onWriteScoresChange(data.checked === true)}
      />
      <div>
        <Button onClick={onSummarise} disabled={disabled} icon={summarising ? <Spinner size="tiny" /> : undefined}>
          {summarising ? strings.summarising : strings.summariseWorkbook}
        </Button>
      </div>
    </section>
  );
}
