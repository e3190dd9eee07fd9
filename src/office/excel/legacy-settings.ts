/**
 * What earlier builds of the add-in saved in Office.context.document.settings, under one key per
 * kind. It is still read, for a workbook whose custom XML part of that kind does not exist yet
 * (office/excel/addin-data.ts), and dropped from the document once the part is written, so that the file
 * does not carry a stale second copy (which the earlier builds would still read).
 *
 * Each page holds its own in-memory copy of Office.Settings, loaded with the page, and saveAsync
 * writes that whole copy back ("Persists the in-memory copy of the settings property bag in the
 * document", Office.Settings). So the key is removed from a copy freshly read with refreshAsync
 * ("Reads all settings persisted in the document and refreshes the … add-in's copy of those
 * settings held in memory"), never from a stale one.
 */
import type { AddinDataKind } from '../../app/addin-data-parts';
import { SETTINGS_KEY } from '../../app/settings';

/** The Office.Settings key each kind was saved under. */
export const LEGACY_KEYS: Readonly<Record<AddinDataKind, string>> = {
  settings: SETTINGS_KEY,
  lastRuns: 'perfSelfEval.lastRuns',
};

/** The value an earlier build saved for `kind`, as this page loaded it; undefined when none (or no Office.Settings). */
export function legacyValue(settings: Office.Settings | undefined, kind: AddinDataKind): unknown {
  try {
    const value: unknown = settings?.get(LEGACY_KEYS[kind]);
    return value === null ? undefined : value;
  } catch {
    return undefined;
  }
}

/**
 * Remove `kind`'s key from the document's settings, when this page's copy still holds it. Best
 * effort: the custom XML part is what counts now, so a failure leaves only a copy nobody reads.
 */
export async function forgetLegacy(settings: Office.Settings | undefined, kind: AddinDataKind): Promise<void> {
  if (!settings || legacyValue(settings, kind) === undefined) return;
  try {
    await settingsCall((done) => settings.refreshAsync(done));
    if (legacyValue(settings, kind) === undefined) return;
    settings.remove(LEGACY_KEYS[kind]);
    await settingsCall((done) => settings.saveAsync(done));
  } catch {
    // the part holds the data; the old key stays behind unread
  }
}

function settingsCall(start: (done: (result: Office.AsyncResult<unknown>) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    start((result) => (result.status === Office.AsyncResultStatus.Failed ? reject(new Error(result.error?.message)) : resolve())),
  );
}
