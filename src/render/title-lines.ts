/**
 * Line breaks for the report's title (GB/T 9704-2012 7.3.1: 标题 may run to several lines, centred;
 * 回行时要做到词意完整，排列对称，长短适宜). A title wider than the text block is broken before a
 * word, never inside one, into lines as nearly equal as the words allow.
 *
 * Word breaks come from Intl.Segmenter (Node 20, Chromium, Safari 14.1+). Its Chinese dictionary
 * knows common words but splits unknown ones (两会, 信访, 维稳) into single characters, so a
 * break is preferred where both neighbours are words of two or more characters, and a number with
 * its unit ("2024年", "2024年度") is one word. Pure: runs in Node and in the browser.
 */
import { advanceEm, numberTokens, textEm } from './measure';

interface Segmenter {
  segment(s: string): Iterable<{ segment: string; index: number }>;
}
type SegmenterClass = new (locale: string, options: { granularity: 'word' }) => Segmenter;

let wordSegmenter: Segmenter | null | undefined;
function segmenter(): Segmenter | null {
  if (wordSegmenter === undefined) {
    // Intl.Segmenter is ES2022; the project's type library is ES2021.
    const Ctor = (Intl as unknown as { Segmenter?: SegmenterClass }).Segmenter;
    wordSegmenter = Ctor ? new Ctor('zh', { granularity: 'word' }) : null;
  }
  return wordSegmenter;
}

/** Characters a line must not start with, and characters it must not end with. */
const NO_LINE_START = /^[，。、；：？！）》」』”’〉】…—·,.;:?!)\]%‰]/u;
const NO_LINE_END = /[（《「『“‘〈【([]$/u;
const OPEN = /[（《「『“‘〈【([]/gu;
const CLOSE = /[）》」』”’〉】)\]]/gu;

/** Penalties, in ems, of breaking at a boundary, by how natural the break is. */
const PENALTY = {
  /** Next to a number with its unit (the year), where a title's parts meet. */
  strong: 0,
  /** Between two words of two or more characters. */
  word: 2,
  /** At a word boundary next to a one-character segment (often the edge of an unknown word). */
  weak: 6,
  /** Between two one-character segments: most likely inside a word the dictionary does not know (信|访). */
  singles: 9,
  /** Inside brackets, （农村公路养护）: kept on one line where possible. */
  bracket: 6,
  /** Between two characters of one word: only when nothing else fits. */
  inside: 12,
};

interface Piece {
  text: string;
  number: boolean;
}

/** The title cut into words: the segmenter's words, numbers kept with their units, punctuation attached. */
function words(s: string): Piece[] {
  const seg = segmenter();
  const raw: { text: string; index: number }[] = seg
    ? Array.from(seg.segment(s), (x) => ({ text: x.segment, index: x.index }))
    : Array.from(s, (text, i) => ({ text, index: i })); // without a segmenter: characters (indices fixed below)
  if (!seg) {
    let at = 0;
    for (const r of raw) {
      r.index = at;
      at += r.text.length;
    }
  }
  const tokens = numberTokens(s);
  const pieces: Piece[] = [];
  let tokenEnd = -1;
  for (const r of raw) {
    const last = pieces[pieces.length - 1];
    const end = r.index + r.text.length;
    // The numbers this segment overlaps: the piece runs on to their end.
    const overlapping = tokens.filter((t) => t.start < end && r.index < t.end);
    if (last && r.index < tokenEnd) {
      last.text += r.text; // still inside the number before
      last.number = true;
    } else if (last && (NO_LINE_START.test(r.text) || NO_LINE_END.test(last.text) || affix(last.text, r.text))) {
      last.text += r.text;
      last.number = last.number || overlapping.length > 0;
    } else {
      pieces.push({ text: r.text, number: overlapping.length > 0 });
    }
    for (const t of overlapping) tokenEnd = Math.max(tokenEnd, t.end);
  }
  return pieces;
}

const length = (s: string) => Array.from(s).length;

/**
 * One-character suffixes that end a word (一次|性, 化解|率, 工作|部) and prefixes that begin one
 * (每|公里): the segmenter leaves them alone when it does not know the word; they go with it.
 */
const SUFFIX = new Set(Array.from('性率度数量费款者员类化型式部局委厅办处院所站队组'));
const PREFIX = new Set(Array.from('每各总副超非'));
const HAN = /^\p{Script=Han}$/u;
function affix(before: string, after: string): boolean {
  const last = Array.from(before).pop() ?? '';
  if (!HAN.test(last) || !HAN.test(Array.from(after)[0] ?? '')) return false;
  return (length(after) === 1 && SUFFIX.has(after)) || (length(before) === 1 && PREFIX.has(before));
}

function penalty(before: Piece, after: Piece): number {
  if (before.number || after.number) return PENALTY.strong;
  const long = (length(before.text) >= 2 ? 1 : 0) + (length(after.text) >= 2 ? 1 : 0);
  return long === 2 ? PENALTY.word : long === 1 ? PENALTY.weak : PENALTY.singles;
}

/**
 * The title as lines, each at most `maxEm` ems wide (ems of the title's font): one line when it
 * fits; otherwise as few lines as fit, broken where the words allow, as even as can be. The lines
 * joined give the title back unchanged.
 */
export function titleLines(title: string, maxEm: number): string[] {
  if (textEm(title) <= maxEm || maxEm <= 0) return [title];
  const pieces = words(title);
  // Boundaries: after each piece (strong, word or weak); and between the characters inside a
  // piece that is not a number, as a last resort.
  const cuts: { at: number; em: number; cost: number }[] = [{ at: 0, em: 0, cost: 0 }];
  const inToken = new Set<number>();
  for (const t of numberTokens(title)) for (let i = t.start + 1; i < t.end; i++) inToken.add(i);
  let at = 0;
  let em = 0;
  let depth = 0;
  let prev = '';
  pieces.forEach((p, i) => {
    depth = Math.max(0, depth + (p.text.match(OPEN)?.length ?? 0) - (p.text.match(CLOSE)?.length ?? 0));
    const chars = Array.from(p.text);
    chars.forEach((ch, k) => {
      at += ch.length;
      em += advanceEm(prev, ch); // a line's width counts the gap before its first character: a little wide
      prev = ch;
      if (k < chars.length - 1 && !inToken.has(at) && !NO_LINE_START.test(chars[k + 1]) && !NO_LINE_END.test(ch)) {
        cuts.push({ at, em, cost: PENALTY.inside });
      }
    });
    const cost = i < pieces.length - 1 ? penalty(p, pieces[i + 1]) : 0;
    cuts.push({ at, em, cost: depth > 0 ? Math.max(cost, PENALTY.bracket) : cost });
  });
  const total = em;
  const last = cuts.length - 1;
  for (let n = Math.ceil(total / maxEm); n <= cuts.length; n++) {
    const lines = bestSplit(cuts, n, total / n, maxEm);
    if (lines) return lines.map((c, i) => title.slice(i ? cuts[lines[i - 1]].at : 0, cuts[c].at));
  }
  return [title.slice(0, cuts[last].at)];
}

/**
 * The cheapest way to end n lines at cut indices (the last at the end of the title), each line at
 * most maxEm wide; the cost is the squared distance of each line from the mean plus the squared
 * penalty of each break. Dynamic programming over (lines so far, cut), O(n · cuts²).
 */
function bestSplit(cuts: { at: number; em: number; cost: number }[], n: number, mean: number, maxEm: number): number[] | null {
  const m = cuts.length;
  let cost = new Array<number>(m).fill(Infinity);
  cost[0] = 0;
  const from: number[][] = [];
  for (let line = 1; line <= n; line++) {
    const next = new Array<number>(m).fill(Infinity);
    const back = new Array<number>(m).fill(-1);
    for (let j = 1; j < m; j++) {
      if (line === n && j !== m - 1) continue;
      for (let i = j - 1; i >= 0; i--) {
        const width = cuts[j].em - cuts[i].em;
        if (width > maxEm) break;
        if (cost[i] === Infinity) continue;
        const breakCost = j === m - 1 ? 0 : cuts[j].cost ** 2;
        const c = cost[i] + (width - mean) ** 2 + breakCost;
        if (c < next[j]) {
          next[j] = c;
          back[j] = i;
        }
      }
    }
    from.push(back);
    cost = next;
  }
  if (cost[m - 1] === Infinity) return null;
  const ends: number[] = [];
  for (let line = n, j = m - 1; line >= 1; line--) {
    ends.unshift(j);
    j = from[line - 1][j];
  }
  return ends;
}
