/**
 * The workbook's saved settings as React state. A change shows at once (the preview re-scores)
 * and is saved to the document in the background; a failed save is reported, not fatal.
 */
import { useCallback, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../app/scoring-run';
import type { WorkbookHost, WorkbookSettings } from '../../app/ports';

/** Settings saved by an older version may lack newer fields: fill them from the defaults. */
export function completeSettings(saved: Partial<WorkbookSettings> | undefined): WorkbookSettings {
  return { ...DEFAULT_SETTINGS, ...saved };
}

function loadOrDefault(host: WorkbookHost): WorkbookSettings {
  try {
    return completeSettings(host.loadSettings());
  } catch {
    // Unreadable saved settings must not stop the pane: start from the defaults.
    return DEFAULT_SETTINGS;
  }
}

export function useWorkbookSettings(host: WorkbookHost, onSaveError: (error: unknown) => void): [WorkbookSettings, (next: WorkbookSettings) => void] {
  const [settings, setSettings] = useState(() => loadOrDefault(host));
  const change = useCallback(
    (next: WorkbookSettings) => {
      setSettings(next);
      host.saveSettings(next).catch(onSaveError);
    },
    [host, onSaveError],
  );
  return [settings, change];
}
