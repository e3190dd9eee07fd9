/** Types for scripts/make-saved-settings-fixture.js, so that tests can build variations of the fixture. */
export const FIXTURE_SETTINGS: {
  profileId: string;
  overrides: Record<string, unknown>;
  keepExistingScores: boolean;
  judgements: Record<string, Record<number, unknown>>;
  tableRows: Record<string, number>;
};
export const SEED: string;
export const FIXTURE: string;
export function webExtensionXml(properties: [name: string, rawValue: string][]): string;
export function addSavedSettings(
  bytes: Uint8Array,
  settings: unknown,
  options?: { raw?: boolean; otherAddin?: boolean; part?: string },
): Promise<Uint8Array>;
/** The workbook with a custom XML part holding `xml`, as Excel saves an add-in's part. */
export function addCustomXmlPart(bytes: Uint8Array, xml: string | Uint8Array): Promise<Uint8Array>;
