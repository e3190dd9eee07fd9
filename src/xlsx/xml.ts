/**
 * Small string-level XML helpers for patching package parts. Parts are patched as text, never
 * parsed into a tree: what the patch does not touch keeps its exact bytes.
 */

function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Where an attribute's value starts in a start tag (or a tag's attribute string), just after its
 * opening quote; -1 when the tag lacks it. Hand-rolled rather than a regex: it runs for every
 * written row and cell, mostly before V8 has optimised anything.
 */
function valueStart(tag: string, name: string): number {
  const nameLength = name.length;
  for (let at = tag.indexOf(name); at >= 0; at = tag.indexOf(name, at + nameLength)) {
    if (at > 0 && !isXmlSpace(tag.charCodeAt(at - 1))) continue; // "r" inside "spans", say
    let eq = at + nameLength;
    while (isXmlSpace(tag.charCodeAt(eq))) eq++;
    if (tag.charCodeAt(eq) !== 61 /* = */) continue;
    let open = eq + 1;
    while (isXmlSpace(tag.charCodeAt(open))) open++;
    const quote = tag[open];
    if ((quote === '"' || quote === "'") && tag.indexOf(quote, open + 1) > open) return open + 1;
  }
  return -1;
}

/** An attribute's raw value in a start tag (or a tag's attribute string). */
export function attr(tag: string, name: string): string | undefined {
  const start = valueStart(tag, name);
  return start < 0 ? undefined : tag.slice(start, tag.indexOf(tag[start - 1], start));
}

/** The tag with the attribute set to `value` (which must need no escaping), added if absent. */
export function setAttr(tag: string, name: string, value: string): string {
  const start = valueStart(tag, name);
  if (start >= 0) {
    // rewritten whole, in double quotes, whatever quotes it had
    const close = tag.indexOf(tag[start - 1], start);
    return `${tag.slice(0, tag.lastIndexOf(name, start - 1))}${name}="${value}"${tag.slice(close + 1)}`;
  }
  // append to a start tag ("<xf …/>", "<calcPr …>") or to a bare attribute string
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.endsWith('>') ? tag.length - 1 : tag.length;
  return `${tag.slice(0, end).trimEnd()} ${name}="${value}"${tag.slice(end)}`;
}

/** The tag (or attribute string) without the attribute and the space before it; as it was if absent. */
export function withoutAttr(tag: string, name: string): string {
  const start = valueStart(tag, name);
  if (start < 0) return tag;
  let from = tag.lastIndexOf(name, start - 1); // before the quote: the value may hold the name
  while (from > 0 && isXmlSpace(tag.charCodeAt(from - 1))) from--;
  return tag.slice(0, from) + tag.slice(tag.indexOf(tag[start - 1], start) + 1);
}

export function replaceAt(text: string, index: number, old: string, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + old.length);
}

export function insertAt(text: string, index: number, insertion: string): string {
  return text.slice(0, index) + insertion + text.slice(index);
}
