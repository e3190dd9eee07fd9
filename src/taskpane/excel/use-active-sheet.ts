/**
 * The active sheet as last read: read when the pane opens and again whenever the user activates
 * another sheet. When reads overlap (quick sheet switching), only the latest one counts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SheetSnapshot, WorkbookHost } from '../../app/ports';

export interface ActiveSheet {
  snapshot?: SheetSnapshot;
  reading: boolean;
  error?: unknown;
  reload: () => Promise<void>;
  /** Take a snapshot computed by the pane (after its own writes) in place of a new read. */
  replace: (snapshot: SheetSnapshot) => void;
}

/** How long a focus refresh waits, so that a click which focused the pane can start its own task first. */
const FOCUS_REFRESH_DELAY_MS = 300;

/** `busy`: the pane is running a task (a scoring run reads the sheet itself); no refresh meanwhile. */
export function useActiveSheet(host: WorkbookHost, busy = false): ActiveSheet {
  const busyNow = useRef(busy);
  // Counts the tasks begun, so that a refresh can tell a task ran (and read) while it waited.
  const tasksBegun = useRef(0);
  if (busy && !busyNow.current) tasksBegun.current++;
  busyNow.current = busy;
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
    host
      .onActiveSheetChanged(() => void reload())
      .then(
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
    // The focus often comes from a click on 一键评分, whose run reads the sheet anyway: waiting a
    // moment and skipping while a task runs avoids reading a large sheet twice at once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      const begunAtFocus = tasksBegun.current;
      timer = setTimeout(() => {
        if (!busyNow.current && tasksBegun.current === begunAtFocus) void read(true);
      }, FOCUS_REFRESH_DELAY_MS);
    };
    window.addEventListener('focus', refresh);
    return () => {
      disposed = true;
      clearTimeout(timer);
      window.removeEventListener('focus', refresh);
      unsubscribe?.().catch(ignore);
    };
  }, [host, reload, read]);

  return { snapshot, reading, error, reload, replace };
}
