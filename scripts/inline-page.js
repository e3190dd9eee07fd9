/**
 * The 网页版 (issue 13) as ONE self-contained HTML file: opened by double-click from file://, where
 * a page can fetch nothing, or from any static server. This webpack plugin builds it from the web
 * entry's minified chunks, after every other plugin has seen them:
 *
 * - the entry's own JavaScript (webpack's runtime and the first screen) goes in as a plain inline
 *   <script>;
 * - each lazy chunk (exceljs, docx, the .xlsx writer: far more than the first screen needs) goes in
 *   as an inert <script type="application/x-perf-eval-chunk" data-chunk="…"> holding the chunk's
 *   text deflated and in base64. The browser neither runs nor fetches it. Before the page's first
 *   import(), src/web/inline-chunks.ts inflates the payloads (fflate) and runs them as inline
 *   scripts, which registers their modules with webpack's chunk registry; import() then finds the
 *   chunks installed and makes no request. (The entry's publicPath is '' so that webpack's runtime
 *   never looks for a script URL, which an inline script lacks.)
 * - the licence comments the minifier extracted go in as a <script type="text/plain"> at the end.
 *
 * The web entry's .js files are then removed from the output: the HTML is all there is. Its sizes
 * (first-screen JavaScript raw and gzipped, each payload, the whole file) are added to
 * bundle-sizes.json as `webPage`, and a production build fails over the budgets.
 *
 * It runs after PROCESS_ASSETS_STAGE_REPORT, so SyntaxLevelPlugin has checked the web chunks as
 * files at the page's level, and InitialSizePlugin has measured them as an entry point.
 */
'use strict';

const fs = require('node:fs');
const zlib = require('node:zlib');
const syntaxLevel = require('./syntax-level');

/** Must match src/web/inline-chunks.ts. */
const CHUNK_PAYLOAD_TYPE = 'application/x-perf-eval-chunk';
const PLACEHOLDER = '<!-- perf-eval:scripts -->';

/**
 * JavaScript made safe as the text of an inline <script>: "</script" would end the element early,
 * so it is written "<\/script" (the same string, regular expression or comment to JavaScript).
 * "<!--" would put the HTML parser into its "escaped" script state; a bundle holding it is refused,
 * with the reason, rather than escaped in a way that might change what the code means.
 */
function inlineScriptText(source, file) {
  if (/<!--/.test(source)) throw new Error(`${file} contains "<!--", which an inline <script> cannot hold safely`);
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/** Text for a <script type="text/plain">: only "</script" needs care. */
function plainScriptText(text) {
  return text.replace(/<\/(script)/gi, '<\\/$1');
}

const gzipBytes = (text) => zlib.gzipSync(Buffer.from(text), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

class InlinePagePlugin {
  /**
   * @param {{ entry: string, template: string, filename: string, firstScreenBudget: number, fileBudget: number, enforce: boolean }} options
   */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { entry, template } = this.options;
    compiler.hooks.thisCompilation.tap('InlinePagePlugin', (compilation) => {
      compilation.fileDependencies.add(template);
      compilation.hooks.processAssets.tap({ name: 'InlinePagePlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT + 1 }, (assets) => {
        const entrypoint = compilation.entrypoints.get(entry);
        if (!entrypoint) return;
        try {
          this.build(compiler, compilation, entrypoint, assets);
        } catch (error) {
          compilation.errors.push(new compiler.webpack.WebpackError(`网页版未能生成 / the web page was not built: ${error.message}`));
        }
      });
    });
  }

  build(compiler, compilation, entrypoint, assets) {
    const { RawSource } = compiler.webpack.sources;
    const text = (file) => {
      const source = assets[file] && assets[file].source();
      if (source === undefined) throw new Error(`missing asset ${file}`);
      return source.toString();
    };

    const initialFiles = entrypoint.getFiles().filter((file) => file.endsWith('.js'));
    const lazyChunks = new Set();
    for (const chunk of entrypoint.chunks) for (const lazy of chunk.getAllAsyncChunks()) lazyChunks.add(lazy);
    const lazyFiles = [];
    for (const chunk of lazyChunks) {
      for (const file of chunk.files) if (file.endsWith('.js')) lazyFiles.push({ file, name: String(chunk.name ?? chunk.id) });
    }
    const pageFiles = new Set([...initialFiles, ...lazyFiles.map(({ file }) => file)]);
    // A file another page also loads must stay in the output for it (the config keeps the web
    // chunks apart, so this only guards against a change there).
    const shared = new Set();
    for (const [name, other] of compilation.entrypoints) {
      if (other === entrypoint) continue;
      for (const chunk of other.chunks) {
        for (const file of chunk.files) if (pageFiles.has(file)) shared.add(`${file} (${name})`);
        for (const lazy of chunk.getAllAsyncChunks()) for (const file of lazy.files) if (pageFiles.has(file)) shared.add(`${file} (${name})`);
      }
    }
    if (shared.size > 0) throw new Error(`chunks shared with other pages: ${[...shared].join(', ')}`);

    const entryScripts = initialFiles.map((file) => inlineScriptText(text(file), file));
    const payloads = lazyFiles.map(({ file, name }) => {
      const raw = Buffer.from(text(file));
      const base64 = zlib.deflateRawSync(raw, { level: 9 }).toString('base64');
      return { file, name, bytes: raw.length, base64Bytes: base64.length, tag: `<script type="${CHUNK_PAYLOAD_TYPE}" data-chunk="${name}">${base64}</script>` };
    });
    const licenceFiles = [...pageFiles].map((file) => `${file}.LICENSE.txt`).filter((file) => assets[file]);
    const licences = licenceFiles.map((file) => `/* ${file.replace(/\.LICENSE\.txt$/, '')} */\n${text(file)}`).join('\n');

    const html = fs.readFileSync(this.options.template, 'utf8');
    if (!html.includes(PLACEHOLDER)) throw new Error(`${this.options.template} lacks ${PLACEHOLDER}`);
    // The template's own inline scripts (the old-browser guard) must run where the page cannot, to
    // say so: ES5, as SyntaxLevelPlugin checks the add-in pages' (it never sees this template).
    for (const script of syntaxLevel.inlineScripts(html)) {
      const problem = syntaxLevel.syntaxProblem(script, syntaxLevel.INLINE_LEVEL);
      if (problem)
        throw new Error(
          `${this.options.template}: an inline script needs more than ES5 (${problem.line}:${problem.column} ${problem.message}: ${problem.excerpt})`,
        );
    }
    const scripts = [
      ...payloads.map((payload) => payload.tag),
      ...entryScripts.map((script) => `<script>${script}</script>`),
      ...(licences ? [`<script type="text/plain" id="licences">\n${plainScriptText(licences)}\n</script>`] : []),
    ].join('\n  ');
    const page = html.replace(PLACEHOLDER, () => scripts);
    // Marked minimized: its scripts are minified already, and webpack's HTML minimizer (which picks
    // up assets added this late) would only parse the megabyte again.
    compilation.emitAsset(this.options.filename, new RawSource(page), { minimized: true });
    for (const file of [...pageFiles, ...licenceFiles]) compilation.deleteAsset(file);

    // The first screen's JavaScript: every classic inline script the browser runs on load.
    const firstScreen = [...syntaxLevel.inlineScripts(html), ...entryScripts].join('\n');
    const report = {
      file: this.options.filename,
      bytes: Buffer.byteLength(page),
      budgetBytes: this.options.fileBudget,
      firstScreenJs: { bytes: Buffer.byteLength(firstScreen), gzipBytes: gzipBytes(firstScreen), budgetGzipBytes: this.options.firstScreenBudget },
      lazyChunks: Object.fromEntries(payloads.map(({ name, file, bytes, base64Bytes }) => [name, { file, bytes, inlinedBytes: base64Bytes }])),
    };
    recordSizes(compilation, compiler, report);

    const line =
      `web page ${this.options.filename}: ${kb(report.bytes)} KB (budget ${kb(this.options.fileBudget)} KB); ` +
      `first-screen JS ${kb(report.firstScreenJs.bytes)} KB, ${kb(report.firstScreenJs.gzipBytes)} KB gzipped (budget ${kb(this.options.firstScreenBudget)} KB)` +
      (this.options.enforce ? '' : '; development build, not minified');
    const over = report.bytes > this.options.fileBudget || report.firstScreenJs.gzipBytes > this.options.firstScreenBudget;
    if (over && this.options.enforce) compilation.errors.push(new compiler.webpack.WebpackError(`网页版超出预算 / ${line}`));
    else compilation.getLogger('InlinePagePlugin').info(line);
  }
}

/** Adds `webPage` to bundle-sizes.json (written by InitialSizePlugin), or writes it with that alone. */
function recordSizes(compilation, compiler, webPage) {
  const name = 'bundle-sizes.json';
  const existing = compilation.getAsset(name);
  const sizes = existing ? JSON.parse(existing.source.source().toString()) : {};
  sizes.webPage = webPage;
  const source = new compiler.webpack.sources.RawSource(`${JSON.stringify(sizes, null, 2)}\n`);
  if (existing) compilation.updateAsset(name, source);
  else compilation.emitAsset(name, source);
}

module.exports = { InlinePagePlugin, CHUNK_PAYLOAD_TYPE, inlineScriptText };
