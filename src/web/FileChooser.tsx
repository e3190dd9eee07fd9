/** Choosing workbooks: a button for the file dialog, and a box to drop one or more files on. */
import { Button, Spinner, Text } from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useLayout } from '../taskpane/common/layout';
import { useStrings } from '../taskpane/i18n';
import { useWebLayout } from './web-layout';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileChooserProps {
  onFiles: (files: File[]) => void;
  disabled: boolean;
  reading: boolean;
}

/** The files of a FileList, as an array (FileList has no array methods). */
function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.prototype.slice.call(list) : [];
}

export function FileChooser({ onFiles, disabled, reading }: FileChooserProps) {
  const strings = useStrings();
  const layout = useLayout();
  const web = useWebLayout();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = filesOf(event.target.files);
    // Cleared so that choosing the same file again (after fixing it) reads it again.
    event.target.value = '';
    onFiles(files);
  };

  // The browser would open a dropped file in place of the page: take it instead.
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    if (!disabled) setOver(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) onFiles(filesOf(event.dataTransfer?.files));
  };

  return (
    <div
      className={over ? `${web.drop} ${web.dropActive}` : web.drop}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <input ref={input} type="file" multiple accept={XLSX_ACCEPT} aria-label={strings.chooseFiles} hidden onChange={onChange} />
      <Button appearance="primary" size="large" disabled={disabled} onClick={() => input.current?.click()} icon={reading ? <Spinner size="tiny" /> : undefined}>
        {reading ? strings.fileReading : strings.chooseFiles}
      </Button>
      <Text className={layout.muted}>{strings.dropHint}</Text>
    </div>
  );
}
