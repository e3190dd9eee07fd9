/**
 * Text helpers shared by the parsers. Cells and headers are compared after normaliseText, because
 * the same words arrive with line breaks, stray spaces and full-width characters.
 */

/** Full-width ASCII (U+FF01–U+FF5E) sits exactly this far above its half-width twin. */
const FULL_WIDTH_OFFSET = 0xfee0;

const NEEDS_NORMALISING = /[\uff01-\uff5e\s\u200b-\u200d]/;

/**
 * Full-width ASCII to half-width, and every space and line break removed (including the ideographic
 * space and zero-width characters): Chinese text has no meaningful spaces.
 */
export function normaliseText(s: string): string {
  // Most cells are already clean: skip the two replace passes (a measurable cost on 10,000-row sheets).
  if (!NEEDS_NORMALISING.test(s)) return s;
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET)).replace(/[\s\u200b-\u200d]+/g, '');
}

/** Only dashes, slashes or dots: "/", "—", "——", "-", "……", "...". */
const ONLY_MARKS = /^[-—–―_/\\.…·]+$/;
/** A bare "指标1：" label left in the template. */
const BARE_LABEL = /^指标[\d一二三四五六七八九十]+[:、.]?$/;
/** A masked template value: "**", "（≥**%）", "≥**人". */
const STAR_MASK = /^\(?[≥≤≧≦<>=]*\*+[%‰\p{Script=Han}]{0,3}\)?$/u;

/**
 * A cell that carries nothing: empty, marks only, a bare "指标N：" label or a masked template value.
 * "无" is not a placeholder: as a target it means "not applicable", as an actual "none achieved".
 */
export function isPlaceholderText(s: string): boolean {
  const t = normaliseText(s);
  return t === '' || ONLY_MARKS.test(t) || BARE_LABEL.test(t) || STAR_MASK.test(t);
}

/** Bytes of a string in UTF-8 (a character outside the BMP counts 3 + 3: close enough, and never less). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

const MB = 1024 * 1024;

/** A file or part size as people read it: "12 MB", "300.5 MB", "1.5 GB". */
export function sizeText(bytes: number): string {
  const [value, unit] = bytes >= 1024 * MB ? [bytes / 1024 / MB, 'GB'] : [bytes / MB, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}
