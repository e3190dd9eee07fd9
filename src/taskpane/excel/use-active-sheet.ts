/**
 * The active sheet as last read: read when the pane opens and again whenever the user activates
 * another sheet. When reads overlap (quick sheet switching), only the latest one counts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SheetSnapshot, WorkbookHost } from '../../hosts/workbook-host';

export interface ActiveSheet {
  snapshot?: SheetSnapshot;
  reading: boolean;
  error?: unknown;
  reload: () => Promise<void>;
  /** Take a snapshot computed by the pane (after its own writes) in place of a new read. */
  replace: (snapshot: SheetSnapshot) => void;
}

export function useActiveSheet(host: WorkbookHost): ActiveSheet {
  const [snapshot, setSnapshot] = useState<SheetSnapshot>();
  const [reading, setReading] = useState(true);
  const [error, setError] = useState<unknown>();
  const latest = useRef(0);
  const hasSnapshot = useRef(false);

  /** `quiet`: a background refresh whose failure leaves the last good reading in place. */
  const read = useCallback(
    async (quiet: boolean) => {
      const request = ++latest.current;
      setReading(true);
      try {
        const next = await host.readActiveSheet();
        if (request !== latest.current) return;
        hasSnapshot.current = true;
        setSnapshot(next);
        setError(undefined);
      } catch (failure) {
        if (request === latest.current && !(quiet && hasSnapshot.current)) setError(failure);
      } finally {
        if (request === latest.current) setReading(false);
      }
    },
    [host],
  );
  const reload = useCallback(() => read(false), [read]);
  const replace = useCallback((next: SheetSnapshot) => {
    latest.current++;
    hasSnapshot.current = true;
    setSnapshot(next);
    setError(undefined);
    setReading(false);
  }, []);

  useEffect(() => {
    void reload();
    let disposed = false;
    let unsubscribe: (() => Promise<void>) | undefined;
    const ignore = () => undefined;
    host.onActiveSheetChanged(() => void reload()).then(
      (off) => {
        if (disposed) off().catch(ignore);
        else unsubscribe = off;
      },
      // Without the event the pane still works; it just does not follow sheet switches.
      ignore,
    );
    // Excel has no cheap "cells changed" event for the whole sheet; the user coming back to the
    // pane after editing the sheet is the moment its preview may be out of date. A cell still in
    // edit mode makes that read fail: it stays quiet rather than showing an error nobody asked for.
    const refresh = () => void read(true);
    window.addEventListener('focus', refresh);
    return () => {
      disposed = true;
      window.removeEventListener('focus', refresh);
      unsubscribe?.().catch(ignore);
    };
  }, [host, reload, read]);

  return { snapshot, reading, error, reload, replace };
}
