/**
 * Generated example files (workbooks, the bureau template) carry the time they were made: in
 * docProps/core.xml and in every zip entry. Regenerating them would then change files nobody
 * edited. This gives them one fixed time, so a regeneration changes only what really changed.
 */
'use strict';
const JSZip = require('jszip');

const FIXED = new Date('2025-01-01T00:00:00Z');
const STAMP = FIXED.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The same package with every entry and the core properties dated FIXED. */
async function withFixedTimes(bytes) {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    let content = await entry.async('uint8array');
    if (entry.name === 'docProps/core.xml') {
      content = Buffer.from(
        Buffer.from(content)
          .toString('utf8')
          .replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${STAMP}$2`),
      );
    }
    out.file(entry.name, content, { date: FIXED, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

module.exports = { withFixedTimes, FIXED };
