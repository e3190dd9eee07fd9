/**
 * The text Excel would display for a raw cell value under a number format, for hosts that only
 * have the stored value (an .xlsx file). Pure: no Node or Office imports.
 *
 * It covers what 绩效自评表 actually use — General, fixed decimals, thousands separators, percents,
 * scientific, literal prefixes/suffixes ("0.00\"万元\""), sign sections, and simple dates/times —
 * not the whole format language (no fractions, no conditions, no elapsed time).
 */

import type { CellValue } from './grid';

const MS_PER_DAY = 86_400_000;
/** Days between the Excel epochs (1899-12-30 for the 1900 system) and 1970-01-01. */
const UNIX_EPOCH_SERIAL_1900 = 25569;
const UNIX_EPOCH_SERIAL_1904 = 24107;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function displayText(value: CellValue, format: string, date1904 = false): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  return formatNumber(value, format, date1904);
}

/** A JS Date (as exceljs returns for date-formatted cells) → Excel serial number. */
export function dateToSerial(date: Date, date1904 = false): number {
  const epoch = date1904 ? UNIX_EPOCH_SERIAL_1904 : UNIX_EPOCH_SERIAL_1900;
  return date.getTime() / MS_PER_DAY + epoch;
}

/**
 * Built-in date formats that Excel shows in the user's locale; exceljs reports their en-US codes.
 * Render them as zh-CN Excel does.
 */
const LOCALE_DATE_FORMATS: Record<string, string> = {
  'mm-dd-yy': 'yyyy/m/d',
  'm/d/yy "h":mm': 'yyyy/m/d h:mm',
};

function formatNumber(n: number, format: string, date1904: boolean): string {
  // WPS and Chinese Excel may write General as "G/通用格式": the same format under its local name.
  if (format === 'General' || !format || /^(general|G\/通用格式|@)$/i.test(format)) return generalNumber(n);
  const sections = sectionsOf(format);
  // Excel: 1 section for all; 2 = positive/zero;negative; 3+ = positive;negative;zero.
  let section = sections[0];
  let signed = n;
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    signed = -n; // the negative section supplies its own sign, e.g. (0.00) or -0.00
  } else if (n === 0 && sections.length > 2) {
    section = sections[2];
  }
  if (section.isDate) return formatDate(n, section.tokens, date1904);
  return formatDigits(signed, section);
}

/** A format section, parsed once: a sheet has thousands of cells but only a few formats. */
interface Section {
  tokens: Token[];
  isDate: boolean;
  digits: DigitPattern;
  percents: number;
}

/** The digit runs of a section, joined ("#,##0.00", "0.00E+00") and read once. */
type DigitPattern =
  | { kind: 'general' }
  | { kind: 'fixed'; required: number; optional: number; minInt: number; grouped: boolean; scale: number; point: boolean }
  | { kind: 'scientific'; decimals: number; expDigits: number; trim: boolean };

const parsedFormats = new Map<string, Section[]>();

function sectionsOf(format: string): Section[] {
  let sections = parsedFormats.get(format);
  if (!sections) {
    sections = splitSections(LOCALE_DATE_FORMATS[format] ?? format).map(parseSection);
    parsedFormats.set(format, sections);
  }
  return sections;
}

function parseSection(text: string): Section {
  const tokens = tokenise(text);
  return {
    tokens,
    isDate: tokens.some((t) => t.kind === 'date'),
    digits: parseDigitPattern(tokens.map((t) => (t.kind === 'digits' ? t.text : '')).join('')),
    percents: tokens.filter((t) => t.kind === 'percent').length,
  };
}

function parseDigitPattern(pattern: string): DigitPattern {
  if (pattern === '') return { kind: 'general' };
  const count = (text: string, chars: RegExp) => (text.match(chars) ?? []).length;
  if (/E[+-]/i.test(pattern)) {
    const [mantissa, exponent] = pattern.split(/E[+-]/i);
    const decimals = mantissa.split('.')[1] ?? '';
    return { kind: 'scientific', decimals: decimals.length, expDigits: exponent.length, trim: decimals.includes('#') };
  }
  const [intPart, decPart = ''] = pattern.split('.');
  return {
    kind: 'fixed',
    required: count(decPart, /0/g),
    optional: count(decPart, /[#?]/g),
    minInt: count(intPart, /0/g),
    grouped: /[0#?],[0#?]/.test(intPart),
    scale: 1000 ** (/,+$/.exec(intPart)?.[0].length ?? 0), // "#,##0," shows thousands
    point: pattern.includes('.'),
  };
}

/** Excel's General: about 10 significant digits, scientific when the number won't fit. */
export function generalNumber(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e11) return String(n);
  if (abs < 1e11) {
    const intDigits = abs < 1 ? 1 : Math.floor(Math.log10(abs)) + 1;
    const fixed = trimZeros(n.toFixed(Math.max(0, 10 - intDigits)));
    if (!/^-?0$/.test(fixed)) return fixed;
  }
  return scientific(n, 5, 2, true);
}

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'digits'; text: string } // a run of 0 # ? , . and E+00
  | { kind: 'percent' }
  | { kind: 'general' }
  | { kind: 'date'; code: string }; // y, m, d, h, s runs, am/pm

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += ch + (format[++i] ?? '');
      continue;
    }
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

function tokenise(section: string): Token[] {
  const tokens: Token[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < section.length) {
    const ch = section[i];
    const rest = section.slice(i);
    let m: RegExpExecArray | null;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      literal(section.slice(i + 1, stop));
      i = stop + 1;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '[') {
      // colours, conditions, locales ([Red], [$-804], [DBNum1]) change no digits we produce
      const end = section.indexOf(']', i);
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '_') {
      literal(' '); // "_)" pads with the width of ")"
      i += 2;
    } else if (ch === '*') {
      i += 2; // repeat-to-fill depends on column width
    } else if ((m = /^(?:general|G\/通用格式)/i.exec(rest))) {
      tokens.push({ kind: 'general' });
      i += m[0].length;
    } else if ((m = /^(?:[0#?]+[0#?,.]*(?:E[+-]0+)?|\.[0#?]+(?:E[+-]0+)?)/i.exec(rest))) {
      tokens.push({ kind: 'digits', text: m[0] });
      i += m[0].length;
    } else if (ch === '%') {
      tokens.push({ kind: 'percent' });
      i += 1;
    } else if ((m = /^(?:a\/p|am\/pm|上午\/下午|y+|m+|d+|h+|s+(?:\.0+)?)/i.exec(rest))) {
      tokens.push({ kind: 'date', code: m[0].toLowerCase() });
      i += m[0].length;
    } else {
      literal(ch);
      i += 1;
    }
  }
  return tokens;
}

/** Numbers: the digit runs of a section are read as one pattern; literals stay where they are. */
function formatDigits(n: number, { tokens, digits: pattern, percents }: Section): string {
  const scaled = Math.abs(n) * 100 ** percents;
  const digits =
    pattern.kind === 'general'
      ? generalNumber(scaled)
      : pattern.kind === 'scientific'
        ? scientific(scaled, pattern.decimals, pattern.expDigits, pattern.trim)
        : fixedPattern(scaled, pattern);
  let text = '';
  let placed = false;
  for (const t of tokens) {
    if (t.kind === 'literal') text += t.text;
    else if (t.kind === 'percent') text += '%';
    else if ((t.kind === 'digits' || t.kind === 'general') && !placed) {
      placed = true;
      text += digits;
    }
  }
  // Excel puts the minus in front of any prefix ("-¥5"), and drops it when nothing non-zero shows.
  const showsDigits = placed && /[1-9]/.test(digits);
  return n < 0 && showsDigits ? `-${text}` : text;
}

/** A fixed-point pattern such as "#,##0.00" or "0.0", applied to a non-negative number. */
function fixedPattern(n: number, p: Extract<DigitPattern, { kind: 'fixed' }>): string {
  let [whole, frac = ''] = (n / p.scale).toFixed(p.required + p.optional).split('.');
  while (frac.length > p.required && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (whole === '0' && p.minInt === 0) whole = ''; // "#.##" shows 0.5 as ".5"
  whole = whole.padStart(p.minInt, '0');
  if (p.grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return p.point ? `${whole}.${frac}` : whole;
}

function scientific(n: number, decimals: number, expDigits: number, trim: boolean): string {
  const [mantissa, exp] = n.toExponential(decimals).split('e');
  const sign = exp.startsWith('-') ? '-' : '+';
  const digits = exp.replace(/^[+-]/, '').padStart(expDigits, '0');
  return `${trim ? trimZeros(mantissa) : mantissa}E${sign}${digits}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Dates: Excel serial → calendar parts (UTC, so no time zone can shift a day). */
function formatDate(serial: number, tokens: Token[], date1904: boolean): string {
  const epoch = date1904 ? UNIX_EPOCH_SERIAL_1904 : UNIX_EPOCH_SERIAL_1900;
  const date = new Date(Math.round((serial - epoch) * 86_400) * 1000);
  const codes = tokens.map((t) => (t.kind === 'date' ? t.code : ''));
  const twelveHour = codes.some((c) => c.includes('/'));
  const hours = date.getUTCHours();
  return tokens
    .map((t, i) => {
      if (t.kind === 'literal') return t.text;
      if (t.kind === 'percent') return '%';
      if (t.kind !== 'date') return '';
      if (t.code.startsWith('m') && isMinute(codes, i)) return pad(date.getUTCMinutes(), t.code.length);
      return datePart(date, t.code, twelveHour, hours);
    })
    .join('');
}

/** "m" means minutes right after an hour or right before a second, months otherwise. */
function isMinute(codes: string[], at: number): boolean {
  const previous = codes
    .slice(0, at)
    .reverse()
    .find((c) => c !== '');
  const next = codes.slice(at + 1).find((c) => c !== '');
  return previous?.startsWith('h') === true || next?.startsWith('s') === true;
}

function datePart(date: Date, code: string, twelveHour: boolean, hours: number): string {
  const c = code[0];
  if (c === 'y') return code.length <= 2 ? pad(date.getUTCFullYear() % 100, 2) : String(date.getUTCFullYear());
  if (c === 'm') {
    const month = date.getUTCMonth();
    if (code.length >= 4) return MONTHS_LONG[month];
    if (code.length === 3) return MONTHS[month];
    return pad(month + 1, code.length);
  }
  if (c === 'd') {
    if (code.length >= 4) return DAYS_LONG[date.getUTCDay()];
    if (code.length === 3) return DAYS[date.getUTCDay()];
    return pad(date.getUTCDate(), code.length);
  }
  if (c === 'h') return pad(twelveHour ? ((hours + 11) % 12) + 1 : hours, code.length);
  if (c === 's') return pad(date.getUTCSeconds(), Math.min(code.length, 2));
  if (code === '上午/下午') return hours < 12 ? '上午' : '下午';
  if (code === 'a/p') return hours < 12 ? 'A' : 'P';
  return hours < 12 ? 'AM' : 'PM';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
