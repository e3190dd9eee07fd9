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

/** XML's references back to text: the five entities and numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (reference, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      // a reference to no character (past U+10FFFF, or half a surrogate pair) is kept as written:
      // String.fromCodePoint would throw its own wording at the user
      const isCharacter = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return isCharacter ? String.fromCodePoint(code) : reference;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] as string;
  });
}
