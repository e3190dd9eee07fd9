/**
 * The settings this add-in saved in an .xlsx file, read from the file itself: what the Word pane
 * and the command line need to score a workbook the way Excel scored it.
 *
 * Where Office keeps them: an add-in's document settings (Office.context.document.settings) are
 * saved in the package's web extension parts, xl/webextensions/webextension*.xml (linked from
 * xl/webextensions/taskpanes.xml), one <we:webextension> per add-in instance, each setting a
 * <we:property name="key" value="JSON"/> in its <we:properties>; the value is the setting,
 * JSON-encoded, then XML-escaped (Microsoft's "Automatically open a task pane with a document"
 * shows the part with <we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>;
 * [MS-EXSPXML3] 2.3.51/2.3.52 CT_WebExtensionProperty(ies)). The part names the add-in only by
 * its store reference, which differs between sideloading, a catalogue and central deployment, so
 * our part is recognised by our own key, SETTINGS_KEY.
 *
 * Browser-safe: jszip and the pure settings parser only (no `node:` modules, no Buffer, no
 * DOMParser, which Node lacks). A damaged part, or a value that is no JSON object, reads as "no
 * saved settings": this never throws.
 */
import JSZip from 'jszip';
import { sanitiseSettings, SETTINGS_KEY } from './settings-format';
import type { WorkbookSettings } from './workbook-host';
import { unescapeXml } from './xlsx-xml';

/** A web extension part of a workbook (not taskpanes.xml, which only links them). */
const WEB_EXTENSION_PART = /^xl\/webextensions\/webextension(\d*)\.xml$/i;

/**
 * The WorkbookSettings this add-in saved in the .xlsx, sanitised as the add-in sanitises them when
 * it loads them in Excel; undefined when the file holds none, or is no readable .xlsx.
 */
export async function readSavedAddinSettings(bytes: Uint8Array): Promise<WorkbookSettings | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.keys(zip.files)
      .map((name) => ({ name, match: WEB_EXTENSION_PART.exec(name) }))
      .filter((p): p is { name: string; match: RegExpExecArray } => p.match !== null)
      .sort((a, b) => Number(a.match[1] || 0) - Number(b.match[1] || 0));
    for (const { name } of parts) {
      const xml = await zip.file(name)?.async('string');
      const raw = xml === undefined ? undefined : propertyValue(xml, SETTINGS_KEY);
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

/** name="value" pairs (either quote), unescaped; undefined when the text is not only such pairs. */
function parseAttributes(text: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const pair = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pair.lastIndex = at;
    const m = pair.exec(text);
    if (!m) return undefined;
    const value = strictUnescape(m[2] ?? m[3]);
    if (value === undefined) return undefined;
    out.set(m[1], value);
    at = pair.lastIndex;
  }
  return out;
}

/** Every "&" must open one of XML's references; anything else is not well-formed. */
const STRAY_AMPERSAND = /&(?!#x[0-9a-fA-F]+;|#[0-9]+;|amp;|lt;|gt;|quot;|apos;)/;

/** xlsx-xml.ts's unescape, refusing what is not well-formed instead of passing it through. */
function strictUnescape(text: string): string | undefined {
  if (STRAY_AMPERSAND.test(text)) return undefined;
  try {
    return unescapeXml(text);
  } catch {
    return undefined; // a character reference beyond U+10FFFF
  }
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return sanitiseSettings(value);
}
