/**
 * Shared layout for a pane that may be only 320 px wide: everything stacks vertically, long
 * Chinese project names wrap instead of widening the pane.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useLayout = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    boxSizing: 'border-box',
    overflowWrap: 'anywhere',
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  /** One row of a result list: its lines tight together, a rule between rows. */
  rowItem: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    '& > legend': { padding: 0, marginBottom: tokens.spacingVerticalXS },
  },
  /** Two fields side by side and a small button (a grade band, a cap): fits 320 px. */
  pair: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'end',
  },
  /** A button as wide as its word (删除), not Fluent's 96 px minimum: the fields beside it keep their labels whole. */
  compactButton: {
    minWidth: 'auto',
  },
  /** An input that takes its grid cell's width instead of its own default width. */
  fill: {
    width: '100%',
    minWidth: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    // A term sits on its value's baseline, also beside the large total.
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  factValue: {
    margin: 0,
    minWidth: 0,
  },
});
