/**
 * Issue 11, item 10: the pages' old-webview guards and the syntax their JavaScript really needs.
 *   - Each guard's probe needs exactly the level that SyntaxLevelPlugin (scripts/syntax-level.js)
 *     holds that page's bundles to: one level lower cannot parse it.
 *   - The plugin fails a build whose page (or a lazy chunk it imports, or an inline script) needs
 *     more than its level, and passes one that does not.
 *   - The start-up watch and the pages' inline scripts are ES5 (they must run in IE11-based Office).
 * The production build itself runs the plugin: `npm run build` fails when a bundle needs more.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const syntax = require('../../scripts/syntax-level') as {
  PAGE_LEVELS: Record<string, number>;
  INLINE_LEVEL: number;
  syntaxProblem(source: string, ecmaVersion: number): { line: number; column: number; message: string; excerpt: string } | undefined;
  inlineScripts(html: string): string[];
  SyntaxLevelPlugin: new (options?: { levels?: Record<string, number>; inlineLevel?: number }) => webpack.WebpackPluginInstance;
};

const ROOT = path.join(__dirname, '..', '..');
const BOOT = fs.readFileSync(path.join(ROOT, 'src', 'boot', 'office-boot.js'), 'utf8');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The ECMAScript versions acorn knows, in order; "one level lower" is the previous one. */
const VERSIONS = [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];
const previous = (level: number) => VERSIONS[VERSIONS.indexOf(level) - 1];

describe('syntaxProblem', () => {
  it("finds the ES2022 class static block that Fluent's focus library ships, with its place", () => {
    const code = 'var a = 1;\nclass Focus { static { this.isTabbing = false; } }';
    const problem = syntax.syntaxProblem(code, 2020);
    expect(problem).toMatchObject({ line: 2 });
    expect(problem!.excerpt).toContain('static');
    expect(syntax.syntaxProblem(code, 2022)).toBeUndefined();
  });

  it('tells ES2020 from ES2019, and ES5 from ES2015', () => {
    expect(syntax.syntaxProblem('var o = {}; o?.a ?? 0;', 2019)).toBeDefined();
    expect(syntax.syntaxProblem('var o = {}; o?.a ?? 0;', 2020)).toBeUndefined();
    expect(syntax.syntaxProblem('var f = () => 1;', 5)).toBeDefined();
    expect(syntax.syntaxProblem('var f = function () { return 1; };', 5)).toBeUndefined();
  });
});

describe("each page's guard probes exactly the level its bundles are held to", () => {
  for (const [page, file] of [
    ['taskpane', 'src/taskpane/taskpane.html'],
    ['commands', 'src/commands/commands.html'],
  ]) {
    it(`${file}: level ES${syntax.PAGE_LEVELS[page]}`, () => {
      const probes = [...read(file).matchAll(/new Function\('([^']*)'\)/g)].map((m) => `(function () { ${m[1]} })`);
      expect(probes).toHaveLength(1);
      const level = syntax.PAGE_LEVELS[page];
      expect(syntax.syntaxProblem(probes[0], level)).toBeUndefined();
      expect(syntax.syntaxProblem(probes[0], previous(level))).toBeDefined();
    });
  }

  it("the report dialog (opened only from the pane, which has passed its guard) is held to the pane's level, the message box to ES5", () => {
    expect(syntax.PAGE_LEVELS['report-dialog']).toBe(syntax.PAGE_LEVELS.taskpane);
    expect(syntax.PAGE_LEVELS['message-dialog']).toBe(5);
  });
});

describe('ES5 where IE11 must run it', () => {
  it('the start-up watch', () => {
    expect(syntax.INLINE_LEVEL).toBe(5);
    expect(syntax.syntaxProblem(BOOT, 5)).toBeUndefined();
  });

  for (const file of [
    'src/taskpane/taskpane.html',
    'src/commands/commands.html',
    'src/report-dialog/report-dialog.html',
    'src/commands/message-dialog.html',
    'src/web/web.html',
  ]) {
    it(`the inline scripts of ${file}`, () => {
      const html = read(file).replace('<%= bootScript %>', () => BOOT);
      for (const script of syntax.inlineScripts(html)) expect(syntax.syntaxProblem(script, 5)).toBeUndefined();
    });
  }

  it('inlineScripts skips scripts with src and JSON data, and keeps the rest', () => {
    const html =
      '<script src="a.js"></script><script>var a;</script><script type="application/json">{"a":1}</script><script type="text/javascript">var b;</script>';
    expect(syntax.inlineScripts(html)).toEqual(['var a;', 'var b;']);
  });
});

describe('SyntaxLevelPlugin in a build', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syntax-level-'));
    const files: Record<string, string> = {
      // ES2020, and a lazy chunk with an ES2022 static block.
      'taskpane.js': "var o = { a: 1 }; console.log(o?.a ?? 0); import('./lazy.js').then(function (m) { console.log(m.Focus); });",
      'lazy.js': 'export class Focus { static { this.isTabbing = false; } }',
      // ES2020, as allowed.
      'commands.js': 'var o = {}; console.log(o?.x ?? 1);',
      // An arrow function in the ES5 page.
      'message-dialog.js': 'console.log([1].map((x) => x + 1));',
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function build(entries: string[], html?: string): Promise<string[]> {
    const emitHtml: webpack.WebpackPluginInstance = {
      apply(compiler) {
        compiler.hooks.thisCompilation.tap('EmitHtml', (compilation) => {
          compilation.hooks.processAssets.tap({ name: 'EmitHtml', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
            if (html) compilation.emitAsset('page.html', new webpack.sources.RawSource(html));
          });
        });
      },
    };
    const compiler = webpack({
      mode: 'none',
      context: dir,
      target: ['web', 'es5'],
      entry: Object.fromEntries(entries.map((name) => [name, `./${name}.js`])),
      output: { path: path.join(dir, 'out'), filename: '[name].js', chunkFilename: '[name].chunk.js' },
      plugins: [emitHtml, new syntax.SyntaxLevelPlugin()],
    });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      compiler.run((error, result) => (error || !result ? reject(error ?? new Error('no result')) : resolve(result))),
    );
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
    return stats.compilation.errors.map((e) => e.message);
  }

  it('passes pages within their levels', async () => {
    expect(await build(['commands'])).toEqual([]);
  });

  it('fails on a lazy chunk of the pane that needs ES2022, and on an arrow function in the ES5 page, naming file and place', async () => {
    const errors = await build(['taskpane', 'commands', 'message-dialog']);
    expect(errors).toHaveLength(2);
    const lazy = errors.find((e) => /\.chunk\.js需要高于 ES2020 的语法/.test(e));
    expect(lazy).toBeDefined();
    expect(lazy).toContain('DOWNLEVEL_PACKAGES');
    expect(lazy).toMatch(/static \{/);
    const es5 = errors.find((e) => e.startsWith('message-dialog.js需要高于 ES5 的语法'));
    expect(es5).toMatch(/第\d+行第\d+列/);
  });

  it('fails on an inline script that is not ES5, and on a page with no level', async () => {
    const errors = await build(['commands'], '<html><body><script>let x = 1;</script></body></html>');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^page\.html（第1段内嵌脚本 \/ inline script 1）需要高于 ES5 的语法/);
    expect(errors[0]).toContain('只能用 ES5');
    expect(errors[0]).not.toContain('DOWNLEVEL_PACKAGES');

    fs.writeFileSync(path.join(dir, 'help.js'), 'console.log(1);');
    const unknown = await build(['help']);
    expect(unknown).toEqual(['SyntaxLevelPlugin：页面 help 没有规定语法级别 / no syntax level for page help']);
  });
});
