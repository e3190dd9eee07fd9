/**
 * The page's lazy code travels inside the page itself (the 网页版 is one HTML file, opened from
 * file:// where nothing can be fetched). The build (scripts/inline-page.js) puts each lazy webpack
 * chunk into the HTML as an inert <script type="application/x-perf-eval-chunk"> holding the chunk's
 * text deflated and in base64, so the first screen neither downloads nor parses it.
 *
 * Before the page's first import() of lazy code, injectInlineChunks() inflates every such payload
 * and runs it as an ordinary inline script. A chunk's code only registers its modules with
 * webpack's chunk registry (`self.webpackChunk…push(…)`), so running one is cheap and runs none of
 * its modules; once registered, webpack's import() finds the chunk installed and requests nothing.
 */
import { inflateSync, strFromU8 } from 'fflate';
import { base64ToBytes } from '../report-service/base64';

/** The payloads' type: not JavaScript, so the browser neither runs nor fetches anything for them. */
export const CHUNK_PAYLOAD_TYPE = 'application/x-perf-eval-chunk';

/** The chunks' code, run as inline scripts; returns how many were injected (0 once all are). */
export function injectInlineChunks(doc: Document = document): number {
  const payloads = Array.prototype.slice.call(doc.querySelectorAll(`script[type="${CHUNK_PAYLOAD_TYPE}"]`)) as HTMLScriptElement[];
  for (const payload of payloads) {
    const code = strFromU8(inflateSync(base64ToBytes((payload.textContent ?? '').trim())));
    const script = doc.createElement('script');
    script.setAttribute('data-chunk', payload.getAttribute('data-chunk') ?? '');
    // An inline script inserted into the document runs at once, before appendChild returns.
    script.text = code;
    (doc.head ?? doc.documentElement).appendChild(script);
    // Removed, so that its text is freed and a second call does nothing.
    payload.parentNode?.removeChild(payload);
  }
  return payloads.length;
}
