/**
 * Browser build of the add-in: the task pane, the ribbon's function file and the message box
 * page, plus the manifest and icons, into dist/web (dist/ itself belongs to the CLI's tsc output).
 *
 *   npm run build        production build; ADDIN_PUBLIC_URL=https://host/path/ sets where it is served
 *   npm run dev-server   https://localhost:3000 with office-addin-dev-certs certificates
 *
 * Every URL in manifest.xml starts with https://localhost:3000/; the copy in dist/web has that
 * prefix replaced by ADDIN_PUBLIC_URL (localhost when unset, for sideloading a local build).
 *
 *   ADDIN_OFFICE_JS_URL=https://host/path/office.js   every page that loads office.js (the task pane,
 *   the ribbon's function file, the message box and the report dialog) loads it from there instead
 *   of Microsoft's CDN: for an intranet without internet (issue 16, docs/deploy.md). The 网页版
 *   loads no office.js at all. `npm run fetch-office-js -- <folder>` fetches the files to put there.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { PAGE_LEVELS, SyntaxLevelPlugin } = require('./scripts/syntax-level');
const { InlinePagePlugin } = require('./scripts/inline-page');

const DEV_URL = 'https://localhost:3000/';
const OUT = path.resolve(__dirname, 'dist/web');
/** The task pane's initial JavaScript, gzipped, must stay within this (issue 4, "Speed"). */
const TASKPANE_BUDGET = 250 * 1024;

/**
 * The 网页版 (issue 13): one HTML file with everything inlined (scripts/inline-page.js), written to
 * dist/web/绩效自评助手.html beside the add-in's pages. Its first screen's JavaScript, gzipped, and
 * the whole file must stay within these.
 */
const WEB_PAGE = {
  entry: 'web',
  source: './src/web/index.tsx',
  template: path.resolve(__dirname, 'src/web/web.html'),
  filename: '绩效自评助手.html',
  firstScreenBudget: 250 * 1024,
  fileBudget: 1.5 * 1024 * 1024,
};

/**
 * The web page's lazy chunks are named "web-…" (src/web/load-service.ts, report-service/workbook-files.ts).
 * They are kept out of the add-in's shared chunks, so that the add-in's pages are built as before
 * and the web page's chunks hold all they need: each becomes one payload inside its HTML.
 */
const isWebChunk = (chunk) => typeof chunk.name === 'string' && (chunk.name === WEB_PAGE.entry || chunk.name.startsWith(`${WEB_PAGE.entry}-`));
const addinAsyncChunk = (chunk) => !chunk.canBeInitial() && !isWebChunk(chunk);

function publicUrl(dev) {
  const raw = (!dev && process.env.ADDIN_PUBLIC_URL) || DEV_URL;
  const url = raw.endsWith('/') ? raw : `${raw}/`;
  if (!/^https:\/\/[^/\s]+\//.test(url)) {
    throw new Error(`ADDIN_PUBLIC_URL 必须是 https 地址，现为“${raw}” / ADDIN_PUBLIC_URL must be an https URL; found "${raw}"`);
  }
  return url;
}

/** Microsoft's CDN: where the pages load office.js from unless ADDIN_OFFICE_JS_URL says otherwise. */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * The office.js address written into every page's office.js tag (issue 16). It must be https (an
 * add-in's pages are https, and a page served over https loads no http script), and its file name
 * must be office.js or office.debug.js: office.js finds the folder of the files it loads next
 * (the host's file such as excel-win32-16.01.js, the strings in zh-cn/office_strings.js) from the
 * script whose address ends in one of those two names, optionally followed by a query.
 */
function officeJsUrl() {
  const raw = (process.env.ADDIN_OFFICE_JS_URL || '').trim();
  if (!raw) return OFFICE_JS_CDN;
  let url;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || /["'<>\s]/.test(raw)) {
    throw new Error(`ADDIN_OFFICE_JS_URL 必须是完整的 https 地址，现为“${raw}” / ADDIN_OFFICE_JS_URL must be a full https URL; found "${raw}"`);
  }
  if (!/\/office(\.debug)?\.js$/i.test(url.pathname)) {
    throw new Error(
      `ADDIN_OFFICE_JS_URL 须指向名为 office.js 的文件（office.js 按自身文件名查找随后加载的文件），现为“${raw}” / ADDIN_OFFICE_JS_URL must name a file called office.js (office.js finds the files it loads next by its own name); found "${raw}"`,
    );
  }
  return url.href;
}

/**
 * The pages: an entry and its HTML. Each page gets only its own chunk. The report dialog page,
 * written separately, is added when its entry exists.
 */
function pages() {
  // ADDIN_PAGES=commands,message-dialog builds only the pages named (for trying the config on part of the add-in).
  const only = process.env.ADDIN_PAGES ? process.env.ADDIN_PAGES.split(',').map((name) => name.trim()) : undefined;
  const list = [
    { name: 'taskpane', entry: './src/taskpane/index.tsx', template: './src/taskpane/taskpane.html' },
    { name: 'commands', entry: './src/commands/commands.ts', template: './src/commands/commands.html' },
    { name: 'message-dialog', entry: './src/commands/message-dialog.ts', template: './src/commands/message-dialog.html' },
    { name: 'report-dialog', entry: './src/report-dialog/index.ts', template: './src/report-dialog/report-dialog.html', optional: true },
  ];
  return list.filter((page) => {
    if (only && !only.includes(page.name)) return false;
    const present = fs.existsSync(path.resolve(__dirname, page.entry)) && fs.existsSync(path.resolve(__dirname, page.template));
    if (!present && !page.optional) {
      throw new Error(`缺少页面入口 ${page.entry} 或模板 ${page.template} / missing page entry or template`);
    }
    return present;
  });
}

/**
 * The pages' start-up watch (src/boot/office-boot.js), inlined into the <head> of every page that
 * loads office.js: it must run before office.js and even when nothing else of the page can load.
 * Its default office.js address (used only when it finds no office.js tag) becomes the build's, so
 * that an intranet build names no outside address at all.
 */
function bootScript(officeJs) {
  const source = fs.readFileSync(path.resolve(__dirname, 'src/boot/office-boot.js'), 'utf8');
  if (/<\/script/i.test(source)) throw new Error('src/boot/office-boot.js must not contain "</script"');
  if (source.split(OFFICE_JS_CDN).length !== 2) throw new Error(`src/boot/office-boot.js must name ${OFFICE_JS_CDN} once, as its default`);
  return source.replace(OFFICE_JS_CDN, officeJs);
}

/**
 * Dependencies compiled down to ES2020, the level the pages' old-webview guards probe (issue 11,
 * item 10). Fluent UI's focus library tabster ships a class static block (ES2022: Chromium 94,
 * Safari 16.4); everything else in the bundles is ES2020. Two ways to keep the guard honest: probe
 * for ES2022, or compile that code down. We compile it down: it is one package and a few lines
 * (the task pane's first load grows by about 0.1 KB gzipped), and it keeps the pane working in
 * webviews between ES2020 and ES2022 (Safari 14 to 16.3, which Office for Mac on macOS 11 to 13
 * can use) instead of turning them away with "Office is too old".
 * SyntaxLevelPlugin (scripts/syntax-level.js) then parses every bundle at the guard's level and
 * fails the build if any dependency update brings newer syntax: add that package here.
 */
const DOWNLEVEL_PACKAGES = ['tabster'];

function downlevelRule(dev) {
  const names = DOWNLEVEL_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return {
    test: /\.m?js$/,
    include: new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`),
    loader: 'ts-loader',
    options: {
      transpileOnly: true,
      compilerOptions: { allowJs: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2020', noEmit: false, sourceMap: dev },
    },
  };
}

/** Files compiled to ES5: the message box page also opens in old webviews (IE11) to say they are too old. */
const ES5_SOURCES = [path.resolve(__dirname, 'src/commands/message-dialog.ts'), path.resolve(__dirname, 'src/commands/message.ts')];

/** ts-loader, compiling for the bundle: ES modules for tree-shaking (stack.md, trap 2); types are checked by `npm run typecheck`. */
function tsRule(target, include, exclude, dev) {
  return {
    test: /\.tsx?$/,
    include,
    exclude,
    loader: 'ts-loader',
    options: {
      transpileOnly: true,
      compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target, noEmit: false, sourceMap: dev },
    },
  };
}

/**
 * Reports each page's initial JavaScript, raw and gzipped, writes it to bundle-sizes.json for
 * `npm run bench`, and fails a production build whose task pane is over budget.
 */
class InitialSizePlugin {
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('InitialSizePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'InitialSizePlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const report = { budgetGzipBytes: TASKPANE_BUDGET, entrypoints: {}, lazyChunks: {} };
          const initial = new Set();
          for (const [name, entrypoint] of compilation.entrypoints) {
            const files = entrypoint.getFiles().filter((file) => file.endsWith('.js'));
            files.forEach((file) => initial.add(file));
            report.entrypoints[name] = measure(files, assets);
          }
          for (const chunk of compilation.chunks) {
            if (chunk.canBeInitial()) continue;
            const files = [...chunk.files].filter((file) => file.endsWith('.js') && !initial.has(file));
            if (files.length > 0) report.lazyChunks[chunk.name ?? files[0]] = measure(files, assets);
          }
          compilation.emitAsset('bundle-sizes.json', new compiler.webpack.sources.RawSource(`${JSON.stringify(report, null, 2)}\n`));

          const pane = report.entrypoints.taskpane;
          if (!pane) return;
          const line = `task pane initial JS: ${kb(pane.bytes)} KB, ${kb(pane.gzipBytes)} KB gzipped (budget ${kb(TASKPANE_BUDGET)} KB${this.options.enforce ? '' : '; development build, not minified'})`;
          if (pane.gzipBytes > TASKPANE_BUDGET && this.options.enforce) {
            compilation.errors.push(new compiler.webpack.WebpackError(`任务窗格首屏脚本超出预算 / ${line}`));
          } else {
            compilation.getLogger('InitialSizePlugin').info(line);
          }
        },
      );
    });
  }
}

function measure(files, assets) {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const source = assets[file]?.source();
    if (source === undefined) continue;
    const buffer = Buffer.isBuffer(source) ? source : Buffer.from(source);
    bytes += buffer.length;
    gzipBytes += zlib.gzipSync(buffer, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}

/** A split-off chunk's name: the names of the chunks that share it, or webpack's id when they have none. */
function sharedChunkName(_module, chunks) {
  const names = chunks.map((chunk) => chunk.name).filter(Boolean).sort();
  return names.length === chunks.length && names.length > 0 ? names.join('~') : undefined;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

/**
 * HTTPS for the dev server from office-addin-dev-certs, never its `install` command (stack.md,
 * trap 6). On Windows and macOS getHttpsServerOptions() also trusts the certificate authority for
 * the current user, which Office needs; Linux has no Office to sideload into, so the certificates
 * are only generated (into ~/.office-addin-dev-certs) and used as they are.
 */
async function devHttpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  if (process.platform === 'win32' || process.platform === 'darwin') {
    return devCerts.getHttpsServerOptions();
  }
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: path.join(dir, 'ca.crt'), cert: path.join(dir, 'localhost.crt'), key: path.join(dir, 'localhost.key') };
  if (!Object.values(files).every((file) => fs.existsSync(file)) || certificateExpired(files.cert)) {
    await devCerts.generateCertificates(files.ca, files.cert, files.key);
  }
  return { ca: fs.readFileSync(files.ca), cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
}

function certificateExpired(file) {
  try {
    const { X509Certificate } = require('node:crypto');
    return new Date(new X509Certificate(fs.readFileSync(file)).validTo).getTime() < Date.now() + 24 * 3600 * 1000;
  } catch {
    return true;
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  const url = publicUrl(dev);
  const officeJs = officeJsUrl();
  const list = pages();
  // ADDIN_PAGES limits the build to the pages it names; the web page is one of them ("web").
  const web = !process.env.ADDIN_PAGES || process.env.ADDIN_PAGES.split(',').some((name) => name.trim() === WEB_PAGE.entry);

  return {
    mode: dev ? 'development' : 'production',
    target: 'web',
    entry: {
      ...Object.fromEntries(list.map((page) => [page.name, page.entry])),
      // publicPath '': the page's scripts are inline, so webpack's runtime must not look for its own script URL.
      ...(web ? { [WEB_PAGE.entry]: { import: WEB_PAGE.source, publicPath: '' } } : {}),
    },
    output: {
      path: OUT,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].chunk.js' : '[name].[contenthash:8].chunk.js',
      publicPath: 'auto',
      // Webpack's own runtime in ES5, so that the message box page runs in old webviews (the pages'
      // code sets its own target through ts-loader).
      environment: { arrowFunction: false, const: false, destructuring: false, forOf: false, optionalChaining: false, templateLiteral: false, asyncFunction: false },
      // Only dist/web: dist/ also holds the CLI's compiled output.
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      alias: {
        // The browser build of exceljs: the package's main entry needs Node's fs, stream and zlib.
        exceljs$: require.resolve('exceljs/dist/exceljs.min.js'),
      },
    },
    module: {
      rules: [tsRule('es5', ES5_SOURCES, undefined, dev), tsRule('es2020', path.resolve(__dirname, 'src'), ES5_SOURCES, dev), downlevelRule(dev)],
      // exceljs.min.js is already a bundle: parsing it for imports only costs time.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
    },
    optimization: {
      splitChunks: {
        // The report and workbook code is imported with import() and stays out of the first load;
        // its libraries get stable, readable chunk names.
        chunks: addinAsyncChunk,
        cacheGroups: {
          xlsx: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'xlsx', chunks: addinAsyncChunk, priority: 30, enforce: true },
          docx: { test: /[\\/]node_modules[\\/](docx|docxtemplater|pizzip|jszip)[\\/]/, name: 'docx', chunks: addinAsyncChunk, priority: 20, enforce: true },
          // Code shared by several lazy chunks is named after them ("excel-report~word-report").
          defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: -10, reuseExistingChunk: true, name: sharedChunkName },
          default: { minChunks: 2, priority: -20, reuseExistingChunk: true, name: sharedChunkName },
        },
      },
    },
    plugins: [
      ...list.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: `${page.name}.html`,
            template: page.template,
            chunks: [page.name],
            scriptLoading: 'defer',
            // Webpack's own minimizer already minifies HTML (inline scripts stay ES5) in production.
            minify: false,
            templateParameters: { bootScript: bootScript(officeJs), officeJsUrl: officeJs },
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString('utf8').split(DEV_URL).join(url),
          },
          { from: 'assets', to: 'assets', globOptions: { ignore: ['**/*.svg'] } },
        ],
      }),
      new InitialSizePlugin({ enforce: !dev }),
      // What ships is checked; the dev server injects its own client code into the pages.
      ...(dev ? [] : [new SyntaxLevelPlugin({ levels: { ...PAGE_LEVELS, [WEB_PAGE.entry]: 2020 } })]),
      // After the two above: they see the web page's chunks as files, then this puts them into its HTML.
      ...(web ? [new InlinePagePlugin({ ...WEB_PAGE, enforce: !dev })] : []),
    ],
    performance: dev
      ? false
      : {
          // Webpack counts bytes before compression; the real gate is InitialSizePlugin's gzipped budget.
          hints: 'warning',
          maxEntrypointSize: 4 * TASKPANE_BUDGET,
          maxAssetSize: 4 * TASKPANE_BUDGET,
          // Lazy chunks (*.chunk.js: the report and workbook code) load on demand and may be larger.
          assetFilter: (file) => file.endsWith('.js') && !file.endsWith('.chunk.js'),
        },
    devtool: dev ? 'source-map' : false,
    devServer: {
      port: 3000,
      host: 'localhost',
      server: env.WEBPACK_SERVE ? { type: 'https', options: await devHttpsOptions() } : 'https',
      // Office loads the pages from its own origins (the web client, the desktop webview).
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
    },
    stats: { preset: 'normal', assetsSort: '!size', modules: false },
  };
};
