/**
 * Build check (issue 11, item 10): the JavaScript a page loads must not need newer syntax than the
 * page's inline guard probes for. Each page's guard (taskpane.html, commands.html) runs a probe
 * with `new Function(…)` and shows "Office is too old" when the webview cannot parse it; if a bundle
 * needed more than that probe, a webview in between would pass the guard, fail to parse the
 * bundle, and sit on "正在加载…" for ever.
 *
 * So this plugin parses every JavaScript file a page loads (its entry chunks and every lazy chunk it
 * can import) with acorn at the page's level and fails the build when one does not parse, naming
 * the file, the place and the code there. It also parses the pages' inline scripts at ES5: they
 * must run in IE11-based Office to say that it is too old.
 *
 * The levels (see webpack.config.js for why ES2020 and not the ES2022 the dependencies ship):
 *   taskpane, commands, report-dialog   ES2020: the guards probe `?.` and `??`
 *   message-dialog                      ES5: the page opens in IE11 to say Office is too old
 *
 * test/boot/syntax-level.test.ts checks that the guards' probes need exactly these levels, and
 * that this check rejects what it should.
 */
'use strict';

// acorn comes with webpack (which parses every module with it); take webpack's own copy rather than
// relying on npm hoisting a package that package.json does not name.
const acorn = require(require.resolve('acorn', { paths: [require.resolve('webpack')] }));

/** ECMAScript version each page's JavaScript may need, by webpack entry name. */
const PAGE_LEVELS = { taskpane: 2020, commands: 2020, 'report-dialog': 2020, 'message-dialog': 5 };
/** Inline <script> in the pages' HTML: ES5 (the old-webview guards and the start-up watch). */
const INLINE_LEVEL = 5;

/**
 * Where `source` needs more than `ecmaVersion`: undefined when it parses, else the place and a short
 * excerpt of the code there.
 * @returns {{ line: number, column: number, message: string, excerpt: string } | undefined}
 */
function syntaxProblem(source, ecmaVersion) {
  try {
    acorn.parse(source, { ecmaVersion, sourceType: 'script', allowHashBang: false });
    return undefined;
  } catch (error) {
    const pos = typeof error.pos === 'number' ? error.pos : 0;
    const loc = error.loc || { line: 0, column: 0 };
    return {
      line: loc.line,
      column: loc.column,
      message: String(error.message).replace(/\s*\(\d+:\d+\)$/, ''),
      excerpt: source.slice(Math.max(0, pos - 60), pos + 40).replace(/\s+/g, ' '),
    };
  }
}

/** The classic (non-module, non-JSON) inline scripts of an HTML page, with their text. */
function inlineScripts(html) {
  const out = [];
  const pattern = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  let match;
  while ((match = pattern.exec(html)) !== null) {
    const attributes = match[1];
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes);
    if (type && !/^(text|application)\/(javascript|ecmascript)$/i.test(type[1])) continue;
    out.push(match[2]);
  }
  return out;
}

class SyntaxLevelPlugin {
  /** @param {{ levels?: Record<string, number>, inlineLevel?: number }} [options] */
  constructor(options = {}) {
    this.levels = options.levels || PAGE_LEVELS;
    this.inlineLevel = options.inlineLevel === undefined ? INLINE_LEVEL : options.inlineLevel;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('SyntaxLevelPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minification: what is checked is what the browser gets.
        { name: 'SyntaxLevelPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const problems = [];
          for (const [file, level] of this.fileLevels(compilation)) {
            const source = assets[file] && assets[file].source();
            if (source === undefined) continue;
            const problem = syntaxProblem(source.toString(), level);
            if (problem) problems.push(describe(file, `ES${level}`, problem, BUNDLE_ADVICE));
          }
          for (const file of Object.keys(assets).filter((name) => name.endsWith('.html') && !name.startsWith('assets/'))) {
            const scripts = inlineScripts(assets[file].source().toString());
            scripts.forEach((script, index) => {
              const problem = syntaxProblem(script, this.inlineLevel);
              if (problem)
                problems.push(describe(`${file}（第${index + 1}段内嵌脚本 / inline script ${index + 1}）`, `ES${this.inlineLevel}`, problem, INLINE_ADVICE));
            });
          }
          for (const message of problems) compilation.errors.push(new compiler.webpack.WebpackError(message));
        },
      );
    });
  }

  /** Each JavaScript file of the pages, with the lowest level of any page that loads it. */
  fileLevels(compilation) {
    const levels = new Map();
    for (const [name, entrypoint] of compilation.entrypoints) {
      const level = this.levels[name];
      if (level === undefined) {
        compilation.errors.push(
          new compilation.compiler.webpack.WebpackError(`SyntaxLevelPlugin：页面 ${name} 没有规定语法级别 / no syntax level for page ${name}`),
        );
        continue;
      }
      const chunks = new Set();
      for (const chunk of entrypoint.chunks) {
        chunks.add(chunk);
        for (const lazy of chunk.getAllAsyncChunks()) chunks.add(lazy);
      }
      for (const chunk of chunks) {
        for (const file of chunk.files) {
          if (!file.endsWith('.js')) continue;
          levels.set(file, Math.min(level, levels.has(file) ? levels.get(file) : Infinity));
        }
      }
    }
    return levels;
  }
}

const BUNDLE_ADVICE = {
  zh: '页面的旧版浏览器检测拦不住它；请把带来这段代码的依赖加入 webpack.config.js 的 DOWNLEVEL_PACKAGES，或同时提高检测和级别',
  en: "the page's old-webview guard does not probe for it; add the dependency to DOWNLEVEL_PACKAGES in webpack.config.js, or raise both the guard and the level",
};
const INLINE_ADVICE = {
  zh: '内嵌脚本要在 IE11 内核的 Office 中提示“版本过旧”，只能用 ES5',
  en: 'inline scripts must run in IE11-based Office to say that it is too old, so they must be ES5',
};

function describe(file, level, problem, advice) {
  const at = `第${problem.line}行第${problem.column + 1}列：${problem.message}`;
  const atEn = `line ${problem.line}, column ${problem.column + 1}: ${problem.message}`;
  return `${file}需要高于 ${level} 的语法（${at}）；${advice.zh}。 / ${file} needs syntax newer than ${level} (${atEn}); ${advice.en}. Code there: ${problem.excerpt}`;
}

module.exports = { PAGE_LEVELS, INLINE_LEVEL, syntaxProblem, inlineScripts, SyntaxLevelPlugin };
