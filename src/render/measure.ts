/**
 * How wide text prints, and where it may break, for laying out the title and the indicator table
 * without a layout engine. Widths are in ems of the text's font size: a Chinese character (and
 * full-width punctuation) is one em; digits and Latin letters, set in Times New Roman, about half.
 * The estimates err on the wide side, so that what we size to fit does fit in Word and LibreOffice.
 * Pure: runs in Node and in the browser.
 */

/** Width of one character in ems (Times New Roman for ASCII, the Chinese font for the rest). */
export function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x80) {
    if (c >= 0x30 && c <= 0x39) return 0.5; // digits: exactly half an em in Times New Roman
    if (c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b) return 0.25; // . , : ;
    if (c === 0x20) return 0.25;
    if (c === 0x25) return 0.84; // %
    if (c >= 0x41 && c <= 0x5a) return 0.72; // capitals
    return 0.5;
  }
  // Combining marks and zero-width characters take no room.
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) return 0;
  if (c < 0x2000) return 0.6; // Latin-1 and other alphabets
  return 1; // CJK, full-width punctuation, ≥ ≤ ‰ and the like (the East-Asian font)
}

/**
 * The space Word and LibreOffice put between Chinese and Latin letters or digits (Word's
 * autoSpaceDE / autoSpaceDN, on by default): about a quarter of an em at each change.
 */
export const CJK_LATIN_GAP = 0.25;
const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
const isHan = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);

/** Width in ems of `ch` set after `prev` (empty at the start of a line): the character and any gap before it. */
export function advanceEm(prev: string, ch: string): number {
  const a = prev.codePointAt(0) ?? 0;
  const b = ch.codePointAt(0) ?? 0;
  const gap = (isHan(a) && isAlnum(b)) || (isAlnum(a) && isHan(b)) ? CJK_LATIN_GAP : 0;
  return charEm(ch) + gap;
}

/** Width of a string in ems, with the gaps between Chinese and Latin. */
export function textEm(s: string): number {
  let em = 0;
  let prev = '';
  for (const ch of s) {
    em += advanceEm(prev, ch);
    prev = ch;
  }
  return em;
}

/**
 * Units that follow a number in these sheets, longest first: a number and its unit are one token
 * ("120公里", "1198600.50元", "≥95%", "2024年度"), never broken across lines.
 */
const CJK_UNITS = [
  '个百分点',
  '平方公里',
  '平方千米',
  '立方米',
  '平方米',
  '万公里',
  '万人次',
  '公里',
  '千米',
  '万元',
  '亿元',
  '千元',
  '人次',
  '户次',
  '万人',
  '万户',
  '小时',
  '分钟',
  '课时',
  '学时',
  '年度',
  '批次',
  '工作日',
  '个月',
  '元',
  '人',
  '户',
  '个',
  '项',
  '次',
  '起',
  '件',
  '所',
  '家',
  '座',
  '台',
  '套',
  '辆',
  '吨',
  '亩',
  '米',
  '天',
  '日',
  '月',
  '年',
  '周',
  '场',
  '册',
  '本',
  '篇',
  '处',
  '条',
  '名',
  '批',
  '期',
  '节',
  '份',
  '宗',
  '分',
  '间',
  '株',
  '棵',
  '只',
  '头',
  '张',
  '所',
  '校',
  '村',
  '镇',
  '盏',
  '块',
  '部',
  '类',
  '轮',
  '季度',
  '倍',
  '成',
  '级',
  '星',
  '点',
  '号',
  '岁',
  '斤',
  '箱',
  '册',
  '册次',
].sort((a, b) => b.length - a.length);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const UNIT = `(?:%|‰|℃|°|[A-Za-z]{1,3}[²³]?|${CJK_UNITS.map(escapeRe).join('|')})`;
const SIGN = '[≥≤≧≦><＞＜=＝═≈±+\\-−~～]';
// A number: digits with grouping commas and a decimal part ("1,198,600.50", "96.2").
const NUMBER = '\\d+(?:[,，]\\d{3})*(?:\\.\\d+)?';
// "≥95%", "120公里", "800元/生", "90%-100%", "1:2"; dates "2024年6月30日", "6月30日".
const ONE = `${NUMBER}(?:${UNIT}(?:/${UNIT}|/[\\u4e00-\\u9fff])?)?`;
const DATE = '\\d{2,4}年\\d{1,2}月(?:\\d{1,2}日)?|\\d{1,2}月\\d{1,2}日';
const TOKEN = new RegExp(`${SIGN}*(?:${DATE}|${ONE})(?:(?:[-~～至:：/]|${SIGN})(?:${DATE}|${ONE}))*\\.?`, 'gu');

/** The numbers-with-units in a text, where they start and end: these spans must never be broken. */
export function numberTokens(s: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    let text = m[0];
    // A trailing full stop ends the sentence; it is not a decimal point.
    if (text.endsWith('.')) text = text.slice(0, -1);
    spans.push({ start: m.index, end: m.index + text.length });
  }
  return spans;
}

/**
 * The pieces of a text that a line may not break inside: each number with its unit, each Latin
 * word, and otherwise each character (Chinese breaks between any two characters).
 */
export function unbreakables(s: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  const plain = (end: number) => {
    // Latin words stay whole; everything else is one piece per character.
    const words = s.slice(at, end).match(/[A-Za-z0-9'’\-_.]+|[\s\S]/gu) ?? [];
    pieces.push(...words);
  };
  for (const { start, end } of numberTokens(s)) {
    plain(start);
    pieces.push(s.slice(start, end));
    at = end;
  }
  plain(s.length);
  return pieces;
}

/** The widest piece of a text that cannot be broken, in ems. */
export function widestUnbreakableEm(s: string): number {
  let widest = 0;
  for (const piece of unbreakables(s)) widest = Math.max(widest, textEm(piece));
  return widest;
}

/**
 * Where to put line breaks in a cell `capEm` ems wide so that no number with its unit is split
 * across lines: the cell is filled line by line as Word and LibreOffice fill it (Chinese breaks
 * between any two characters), and where a number-with-unit would straddle a line end, the line
 * is broken before it instead. Returns the offsets (UTF-16) of those breaks; none when the text
 * fits on one line or has no number. A number wider than the cell cannot be helped.
 */
export function tokenBreaks(s: string, capEm: number): number[] {
  // A little short of the full width: what we think just fits may not, in the renderer's metrics.
  // The same margin decides whether the text fits on one line at all.
  const cap = capEm - 0.05;
  if (!/\d/.test(s) || textEm(s) <= cap) return [];
  const tokens = numberTokens(s);
  if (!tokens.length) return [];
  const breaks: number[] = [];
  let line = 0;
  let at = 0;
  let prev = '';
  const fill = (end: number) => {
    for (const ch of s.slice(at, end)) {
      const em = advanceEm(line > 0 ? prev : '', ch);
      line = line + em > cap && line > 0 ? charEm(ch) : line + em;
      prev = ch;
    }
    at = end;
  };
  for (const t of tokens) {
    fill(t.start);
    const token = s.slice(t.start, t.end);
    const em = textEm(token);
    if (line > 0 && line + advanceEm(prev, token) - charEm(token) + em > cap && em <= cap) {
      breaks.push(t.start);
      line = 0;
    }
    fill(t.end);
  }
  return breaks;
}
