/**
 * The add-in keeps what it saves per workbook in custom XML parts, one per kind: the workbook's
 * settings, and the last scoring run of each sheet (for 撤销本次评分). Each part is one element in
 * a namespace of its own, holding the value as JSON text:
 *
 *   <settings xmlns="urn:perf-self-eval:settings:1">{"profileId":"mof-2020",…}</settings>
 *
 * Why custom XML parts, not Office.context.document.settings (where earlier builds kept them; still read: office/excel/legacy-settings.ts):
 * - The ribbon command runs in a UI-less page of its own. Office.Settings is "per add-in and per
 *   document", held in memory by "the instance … that created it" (Office.Settings reference);
 *   whether the function file and the pane are one instance is nowhere documented, and a
 *   maintainer described the scope as "per instance per document" (office-js issue #840). A custom
 *   XML part is part of the document: every page that reads the workbook sees the same part.
 * - Settings are also keyed by the add-in's id, which differs between sideloading, a catalogue and
 *   central deployment (the same issue): a workbook scored through one lost its settings under the
 *   other. A part is found by its namespace, whoever wrote it.
 * - The command line and the Word pane read the same parts from the .xlsx file (customXml/item*.xml).
 * Excel.CustomXmlPartCollection is ExcelApi 1.5; the add-in needs 1.13 anyway (office/requirements.ts).
 *
 * Pure: no Office, DOM or Node, so that the Excel host, the .xlsx reader and tests share it.
 */
import { unescapeXml } from '../engine/xml-text';

export type AddinDataKind = 'settings' | 'lastRuns';

/** Each kind's namespace: what Excel's getByNamespace and the .xlsx reader find the part by. */
export const ADDIN_DATA_NAMESPACES: Readonly<Record<AddinDataKind, string>> = {
  settings: 'urn:perf-self-eval:settings:1',
  lastRuns: 'urn:perf-self-eval:last-runs:1',
};

/**
 * The part's XML for a value. JSON.stringify escapes every control character, so the text is valid
 * XML once "&", "<" and ">" are escaped; quotes may stay as they are in element text, which keeps
 * the part about the size of its JSON (the undo records' budget is counted on the JSON).
 */
export function addinDataXml(kind: AddinDataKind, value: unknown): string {
  const text = (JSON.stringify(value) ?? 'null').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<${kind} xmlns="${ADDIN_DATA_NAMESPACES[kind]}">${text}</${kind}>`;
}

const DECLARATION = /^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/;
const NAME = '[A-Za-z_][\\w.-]*';

/**
 * The JSON value a part of `kind` holds; undefined when the XML is not such a part (another
 * namespace, another root, child elements, text that is no JSON). Office may hand the part back
 * with an XML declaration or its own namespace prefix; both are accepted. Never throws.
 */
export function addinDataValue(kind: AddinDataKind, xml: string): unknown {
  const body = xml.replace(DECLARATION, '').trimEnd();
  const root = new RegExp(`^<(?:(${NAME}):)?${kind}((?:\\s+[^<>]*?)?)\\s*>([^<]*)</(?:(${NAME}):)?${kind}\\s*>$`).exec(body);
  if (!root || root[1] !== root[4]) return undefined;
  const declared = root[1] ? `xmlns:${root[1]}` : 'xmlns';
  const attributes = parseAttributes(root[2]);
  if (attributes?.get(declared) !== ADDIN_DATA_NAMESPACES[kind]) return undefined;
  const text = strictUnescape(root[3]);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** name="value" pairs (either quote), unescaped; undefined when the text is not only such pairs. */
export function parseAttributes(text: string): Map<string, string> | undefined {
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

/** unescapeXml (engine/xml-text.ts), refusing what is not well-formed instead of passing it through. */
export function strictUnescape(text: string): string | undefined {
  if (STRAY_AMPERSAND.test(text)) return undefined;
  try {
    return unescapeXml(text);
  } catch {
    return undefined; // a character reference beyond U+10FFFF
  }
}
