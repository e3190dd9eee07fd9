/**
 * Text into XML, for every part this product writes (the scored copy's cells and styles, the
 * report's document.xml). Pure, so the .xlsx writer and the report renderer share it.
 */

// Characters XML 1.0 cannot hold at all: escaping does not help, they must go.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** The text without the characters XML cannot hold. */
export function xmlChars(value: string): string {
  return value.replace(NOT_XML, '');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The five characters XML markup reserves, as entities: safe in text and in attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]);
}
