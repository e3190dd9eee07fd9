/** The problems the engine found, each with its cell as a link that selects the cell in Excel. */
import { Badge, Link, Text } from '@fluentui/react-components';
import type { Problem, Severity } from '../../engine/evaluation';
import { useLayout } from '../common/layout';
import { useIdFor } from '../common/use-id-for';
import { pick } from '../strings';
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

export function ProblemList({ problems, onSelectCell }: { problems: Problem[]; onSelectCell: (address: string) => void }) {
  const strings = useStrings();
  const layout = useLayout();
  const titleId = useIdFor('problems');
  if (problems.length === 0) return null;
  return (
    <section className={layout.section} aria-labelledby={titleId}>
      <Text as="h3" id={titleId} weight="semibold">
        {strings.problemsTitle(problems.length)}
      </Text>
      <ul className={layout.list}>
        {problems.map((problem, i) => (
          <li key={`${problem.code}-${problem.cell ?? ''}-${i}`} className={layout.row}>
            <Badge appearance="tint" color={SEVERITY_COLOURS[problem.severity]}>
              {strings.severity[problem.severity]}
            </Badge>
            {problem.cell && (
              <Link as="button" aria-label={strings.goToCell(problem.cell)} onClick={() => onSelectCell(problem.cell as string)}>
                {problem.cell}
              </Link>
            )}
            <Text>{withoutCellPrefix(pick(strings, problem.message, problem.messageEn), problem.cell)}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
