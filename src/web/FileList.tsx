/** The files chosen, each with what became of it (being read, cannot be read, its expected total); one is shown. */
import { Button, Spinner, Text, ToggleButton } from '@fluentui/react-components';
import { useLayout } from '../taskpane/common/layout';
import { useIdFor } from '../taskpane/common/use-id-for';
import { formatNumber } from '../taskpane/format';
import { useStrings } from '../taskpane/i18n';
import type { Strings } from '../taskpane/strings';
import { evaluationOf, type WebFile } from './use-web-page';
import { useWebLayout } from './web-layout';

export interface FileListProps {
  files: WebFile[];
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  onRemove: (id: number) => void;
  disabled: boolean;
}

/** One line under the file's name: its state, or the total its sheet shown is expected to get. */
export function fileStatus(file: WebFile, strings: Strings): string | undefined {
  if (file.error !== undefined) return strings.fileUnreadable;
  if (!file.book) return undefined;
  const evaluation = evaluationOf(file);
  return evaluation ? strings.fileTotal(formatNumber(evaluation.totalScore), evaluation.grade) : strings.fileNoTable;
}

export function FileList({ files, selectedId, onSelect, onRemove, disabled }: FileListProps) {
  const strings = useStrings();
  const layout = useLayout();
  const web = useWebLayout();
  const titleId = useIdFor('files');
  if (files.length === 0) return null;
  return (
    <section className={layout.section} aria-labelledby={titleId}>
      <Text as="h2" id={titleId} size={400} weight="semibold">
        {strings.filesTitle(files.length)}
      </Text>
      <ul className={layout.list}>
        {files.map((file) => {
          const status = fileStatus(file, strings);
          return (
            <li key={file.id} className={web.fileItem}>
              <ToggleButton
                className={web.fileButton}
                appearance={file.id === selectedId ? 'primary' : 'subtle'}
                checked={file.id === selectedId}
                onClick={() => onSelect(file.id)}
                icon={!file.book && file.error === undefined ? <Spinner size="tiny" /> : undefined}
              >
                <span className={web.fileText}>
                  <Text weight="semibold">{file.name}</Text>
                  <Text size={200} data-testid="file-status">
                    {status ?? strings.fileReading}
                  </Text>
                </span>
              </ToggleButton>
              <Button size="small" appearance="subtle" aria-label={strings.removeFile(file.name)} disabled={disabled} onClick={() => onRemove(file.id)}>
                {strings.removeShort}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
