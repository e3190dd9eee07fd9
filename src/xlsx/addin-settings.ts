/**
 * The settings this add-in saved in an .xlsx file, read from the file itself: what the Word pane
 * and the command line need to score a workbook the way Excel scored it.
 *
 * Where they are:
 * - Now: a custom XML part (customXml/item*.xml, linked from the workbook's relationships) whose
 *   root element is in our settings namespace (addin-data-parts.ts).
 * - Saved by earlier builds (and still read when there is no part): the add-in's document settings
 *   (Office.context.document.settings), in the package's web extension parts,
 *   xl/webextensions/webextension*.xml (linked from xl/webextensions/taskpanes.xml), one
 *   <we:webextension> per add-in instance, each setting a <we:property name="key" value="JSON"/>
 *   in its <we:properties>; the value is the setting, JSON-encoded, then XML-escaped (Microsoft's
 *   "Automatically open a task pane with a document" shows the part with
 *   <we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>; [MS-EXSPXML3]
 *   2.3.51/2.3.52 CT_WebExtensionProperty(ies)). The part names the add-in only by its store
 *   reference, which differs between sideloading, a catalogue and central deployment, so our part
 *   is recognised by our own key, SETTINGS_KEY.
 *
 * Browser-safe: the package's own zip reader and the pure parsers only (no DOMParser, which Node
 * lacks). When the reader has just checked these very bytes (prepare.ts), its archive is used
 * again: nothing is unzipped twice. A damaged part, or a value that is no JSON object, reads as
 * "no saved settings": this never throws.
 */
import { utf8Text } from './bytes';
import { normalisePart } from './normalise';
import { verifiedArchive } from './prepare';
import { ZipArchive } from './zip/zip';
import { addinDataValue, parseAttributes } from '../app/addin-data-parts';
import { isPlain, sanitiseSettings, SETTINGS_KEY } from '../app/settings';
import type { WorkbookSettings } from '../app/ports';

/** A web extension part of a workbook (not taskpanes.xml, which only links them). */
const WEB_EXTENSION_PART = /^xl\/webextensions\/webextension(\d*)\.xml$/i;
/** A custom XML part's item (not its itemProps, which only names its schemas). */
const CUSTOM_XML_ITEM = /^customXml\/item(\d*)\.xml$/i;

/** A part's XML as text, in whatever encoding it declares (Office may write a custom XML part in UTF-16). */
function partText(zip: ZipArchive, name: string): string {
  return utf8Text(normalisePart(zip.read(name), name).xml);
}

/** The parts whose name matches, in their number's order. */
function numberedParts(zip: ZipArchive, pattern: RegExp): string[] {
  return zip
    .names()
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((p): p is { name: string; match: RegExpExecArray } => p.match !== null)
    .sort((a, b) => Number(a.match[1] || 0) - Number(b.match[1] || 0))
    .map((p) => p.name);
}

/**
 * The WorkbookSettings this add-in saved in the .xlsx, sanitised as the add-in sanitises them when
 * it loads them in Excel; undefined when the file holds none, or is no readable .xlsx.
 */
export async function readSavedAddinSettings(bytes: Uint8Array): Promise<WorkbookSettings | undefined> {
  try {
    const zip = verifiedArchive(bytes)?.zip ?? ZipArchive.open(bytes);
    for (const name of numberedParts(zip, CUSTOM_XML_ITEM)) {
      const value = addinDataValue('settings', partText(zip, name));
      if (value !== undefined) return isPlain(value) ? sanitiseSettings(value) : undefined;
    }
    for (const name of numberedParts(zip, WEB_EXTENSION_PART)) {
      const raw = propertyValue(partText(zip, name), SETTINGS_KEY);
      if (raw === undefined) continue;
      const settings = parseSavedValue(raw);
      if (settings) return settings;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The value attribute (unescaped) of the part's <…:property name="key" …/>, if there is one. */
export function propertyValue(xml: string, key: string): string | undefined {
  // Only a part whose root is a web extension: anything else (or a cut-off part) is not ours.
  if (!/<([A-Za-z_][\w.-]*:)?webextension[\s>]/.test(xml) || !/<\/([A-Za-z_][\w.-]*:)?webextension\s*>\s*$/.test(xml)) return undefined;
  const element = /<(?:[A-Za-z_][\w.-]*:)?property\s([^<>]*?)\/?>/g;
  for (let m = element.exec(xml); m; m = element.exec(xml)) {
    const attributes = parseAttributes(m[1]);
    if (attributes === undefined) return undefined; // malformed markup
    if (attributes.get('name') === key) return attributes.get('value');
  }
  return undefined;
}

/**
 * The property's JSON → settings. Office.Settings saves the value as JSON; some hosts hand a value
 * back as a JSON string of JSON, so one string level is unwrapped. Anything but an object:
 * undefined (a damaged value, not "the defaults were saved").
 */
function parseSavedValue(raw: string): WorkbookSettings | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
    if (typeof value === 'string') value = JSON.parse(value);
  } catch {
    return undefined;
  }
  return isPlain(value) ? sanitiseSettings(value) : undefined;
}
