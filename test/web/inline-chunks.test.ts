/**
 * @jest-environment jsdom
 *
 * The 网页版's lazy chunks travel inside the page (scripts/inline-page.js puts them in, deflated and
 * in base64; src/web/inline-chunks.ts runs them). Here a payload made as the build makes it is run
 * once, as a script, and removed; and the build's escaping keeps a chunk's text inside its <script>.
 */
import { deflateRawSync } from 'node:zlib';
import { CHUNK_PAYLOAD_TYPE as BUILD_TYPE, inlineScriptText } from '../../scripts/inline-page';
import { CHUNK_PAYLOAD_TYPE, injectInlineChunks } from '../../src/web/inline-chunks';

type Probe = Window & { __chunkRuns?: string[] };

function addPayload(name: string, code: string): HTMLScriptElement {
  const payload = document.createElement('script');
  payload.type = CHUNK_PAYLOAD_TYPE;
  payload.setAttribute('data-chunk', name);
  payload.textContent = deflateRawSync(Buffer.from(code), { level: 9 }).toString('base64');
  document.body.appendChild(payload);
  return payload;
}

beforeEach(() => {
  document.body.innerHTML = '';
  delete (window as Probe).__chunkRuns;
});

test('the page and the build agree on the payload type', () => {
  expect(CHUNK_PAYLOAD_TYPE).toBe(BUILD_TYPE);
});

test('each payload runs once, in order, as an inline script; the payloads are removed and a second call does nothing', () => {
  addPayload('web-files', "(window.__chunkRuns = window.__chunkRuns || []).push('files:' + '绩效');");
  addPayload('web-report', "window.__chunkRuns.push('report');");
  expect((window as Probe).__chunkRuns).toBeUndefined(); // inert until injected

  expect(injectInlineChunks()).toBe(2);
  expect((window as Probe).__chunkRuns).toEqual(['files:绩效', 'report']);
  expect(document.querySelectorAll(`script[type="${CHUNK_PAYLOAD_TYPE}"]`)).toHaveLength(0);
  expect(Array.from(document.head.querySelectorAll('script[data-chunk]')).map((s) => s.getAttribute('data-chunk'))).toEqual(['web-files', 'web-report']);

  expect(injectInlineChunks()).toBe(0);
  expect((window as Probe).__chunkRuns).toHaveLength(2);
});

test('the build escapes "</script" in an inline script and refuses "<!--"', () => {
  const code = 'var a = "</script>"; var b = /<\\/SCRIPT>/i;';
  const escaped = inlineScriptText(code, 'x.js');
  expect(escaped).not.toMatch(/<\/script/i);
  // the same program: both strings still mean what they meant
  expect(new Function(`${escaped}; return [a, b.source];`)()).toEqual(new Function(`${code}; return [a, b.source];`)());
  expect(() => inlineScriptText('var c = "<!--";', 'y.js')).toThrow(/<!--/);
});
