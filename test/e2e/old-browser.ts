/**
 * A prelude that makes today's Chromium look, to the page's code, like the oldest browser the
 * 网页版 targets (package.json's browserslist: Chrome 80, Firefox 78, Safari 14): it deletes the
 * built-ins those lack, so that code or a library relying on one, unpolyfilled, fails a test here
 * instead of failing a user on a 信创 PC. Syntax they lack is caught at build time instead
 * (scripts/syntax-level.js parses the page's code at ES2020).
 *
 * Each entry: the owner, the property, and the first versions that have it (Chrome / Firefox /
 * Safari, from MDN's browser-compat-data, as eslint-plugin-compat reads it).
 */
const NEWER_BUILT_INS: [owner: string, property: string, since: string][] = [
  ['window', 'structuredClone', '98 / 94 / 15.4'],
  ['Array.prototype', 'at', '92 / 90 / 15.4'],
  ['String.prototype', 'at', '92 / 90 / 15.4'],
  ['Object.getPrototypeOf(Int8Array.prototype)', 'at', '92 / 90 / 15.4'],
  ['Object', 'hasOwn', '93 / 92 / 15.4'],
  ['String.prototype', 'replaceAll', '85 / 77 / 13.1'],
  ['Promise', 'any', '85 / 79 / 14'],
  ['window', 'AggregateError', '85 / 79 / 14'],
  ['window', 'WeakRef', '84 / 79 / 14.1'],
  ['window', 'FinalizationRegistry', '84 / 79 / 14.1'],
  ['Array.prototype', 'findLast', '97 / 104 / 15.4'],
  ['Array.prototype', 'findLastIndex', '97 / 104 / 15.4'],
  ['Array.prototype', 'toSorted', '110 / 115 / 16'],
  ['Array.prototype', 'toReversed', '110 / 115 / 16'],
  ['Array.prototype', 'toSpliced', '110 / 115 / 16'],
  ['Array.prototype', 'with', '110 / 115 / 16'],
  ['Object', 'groupBy', '117 / 119 / 17.4'],
  ['Map', 'groupBy', '117 / 119 / 17.4'],
  ['Promise', 'withResolvers', '119 / 121 / 17.4'],
  ['Array', 'fromAsync', '121 / 115 / 16.4'],
  ['Element.prototype', 'replaceChildren', '86 / 78 / 14'],
  ['window', 'requestIdleCallback', '47 / 55 / none'],
  ['window', 'CompressionStream', '80 / 113 / 16.4'],
  ['window', 'DecompressionStream', '80 / 113 / 16.4'],
  ['AbortSignal', 'timeout', '103 / 100 / 16'],
  ['AbortSignal', 'any', '116 / 124 / 17.4'],
  ['Crypto.prototype', 'randomUUID', '92 / 95 / 15.4'],
  ['Intl', 'Segmenter', '87 / 125 / 14.1'],
];

/** The prelude's source (it leaves in window.__notDeleted the built-ins it failed to delete), to run before any of the page's scripts (page.addInitScript). */
export function oldBrowserPrelude(): string {
  const deletions = NEWER_BUILT_INS.map(([owner, property]) => `try { delete (${owner})[${JSON.stringify(property)}]; } catch (e) {}`);
  // what could not be deleted, read before any of the page's own scripts run (which may polyfill some)
  const left = `window.__notDeleted = ${JSON.stringify(DELETED)}.filter(function (name) { return name.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, window) !== undefined; });`;
  return `(function () {\n${deletions.join('\n')}\n${left}\n})();`;
}

/** The built-ins the prelude deletes, as paths from window. */
const DELETED = NEWER_BUILT_INS.map(([owner, property]) => (owner === 'window' ? property : `${owner}.${property}`));
