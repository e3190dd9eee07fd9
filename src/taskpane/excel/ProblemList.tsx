/** The problems the engine found, each with its cell as a link that selects the cell in Excel. */
import { Badge, Link, Text } from '@fluentui/react-components';
import type { Problem, Severity } from '../../engine/evaluation';
import { useLayout } from '../common/layout';
import { useIdFor } from '../common/use-id-for';
import { pick, type Strings } from '../strings';
import { useStrings } from '../i18n';

const SEVERITY_COLOURS: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

/**
 * The message without its leading cell address (the pane shows the address as a link). The
 * engine's English messages continue a sentence after the address, so they start in lower case:
 * standing alone they get a capital.
 */
export function withoutCellPrefix(message: string, cell: string | undefined): string {
  let text = message;
  if (cell) {
    for (const separator of ['：', ': ', ':']) {
      if (text.startsWith(cell + separator)) {
        text = text.slice(cell.length + separator.length);
        break;
      }
    }
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * English messages the engine builds from Chinese parts of its own (not from the sheet): said in
 * English here until the engine gives an English part ('weights-spread' lists "产出50分、效益30分…").
 */
const ENGLISH_OVERRIDES: Record<string, string> = {
  'weights-spread': 'no weights on the sheet; the default level-1 weights (outputs, benefits, satisfaction) were spread evenly over their rows',
};

/** The problem in the pane's language, without its leading cell address. */
export function problemText(problem: Problem, strings: Strings): string {
  const en = ENGLISH_OVERRIDES[problem.code] ?? problem.messageEn;
  return withoutCellPrefix(pick(strings, problem.message, en), problem.cell);
}

export interface ProblemListProps {
  problems: Problem[];
  /** Selects the cell in Excel; without it (the Word pane, scoring a file) the cell is shown as text. */
  onSelectCell?: (address: string) => void;
  /** A line under the title: what the problems mean where the list is shown. */
  hint?: string;
}

export function ProblemList({ problems, onSelectCell, hint }: ProblemListProps) {
  const strings = useStrings();
  const layout = useLayout();
  const titleId = useIdFor('problems');
  if (problems.length === 0) return null;
  return (
    <section className={layout.section} aria-labelledby={titleId}>
      <Text as="h3" id={titleId} weight="semibold">
        {strings.problemsTitle(problems.length)}
      </Text>
      {hint && <Text className={layout.muted}>{hint}</Text>}
      <ul className={layout.list}>
        {problems.map((problem, i) => (
          <li key={`${problem.code}-${problem.cell ?? ''}-${i}`} className={layout.row}>
            <Badge appearance="tint" color={SEVERITY_COLOURS[problem.severity]}>
              {strings.severity[problem.severity]}
            </Badge>
            {problem.cell &&
              (onSelectCell ? (
                <Link as="button" aria-label={strings.goToCell(problem.cell)} onClick={() => onSelectCell(problem.cell as string)}>
                  {problem.cell}
                </Link>
              ) : (
                <Text weight="semibold" data-testid="problem-cell">
                  {problem.cell}
                </Text>
              ))}
            <Text>{problemText(problem, strings)}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
