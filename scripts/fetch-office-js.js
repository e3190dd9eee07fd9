#!/usr/bin/env node
/**
 * Fetches the current office.js files from Microsoft's CDN into a folder, for serving them from the
 * unit's own server on an intranet without internet (issue 16, docs/deploy.md). Run it on a machine
 * that has internet:
 *
 *   npm run fetch-office-js -- <folder> [--base URL] [--hosts excel,word] [--locales zh-cn,en-us|all] [--list]
 *
 * then copy the folder to the intranet server and build the add-in with
 * ADDIN_OFFICE_JS_URL=https://that-server/…/<folder>/office.js.
 *
 * What office.js loads after itself (read from office.debug.js, github.com/OfficeDev/office-js,
 * and confirmed by the office-js issues where a self-hosted office.js failed for lack of them),
 * all relative to its own folder, which it finds from the script tag whose address ends in
 * office.js or office.debug.js:
 *   - the host's file, named `{host}-{platform}-{version}.js`, lower case: excel-win32-16.01.js,
 *     word-web-16.00.js… The host, platform and version come from the `_host_Info` Office adds to
 *     the page's address; the version is capped at the one office.js's own table
 *     (OSF.HostSpecificFileVersionMap) gives for that host and platform, so an older client asks
 *     for a lower version (excel-win32-16.00.js);
 *   - the strings for Office's language, `{locale}/office_strings.js` (zh-cn/office_strings.js),
 *     and en-us/office_strings.js when that language's file cannot be had;
 *   - its telemetry sink, telemetry/oteljs_agave.js (optional: office.js gives up on it after 5 s
 *     and works on);
 *   - only for Office 2013 (no `_host_Info`): o15apptofilemappingtable.js and the *-15.js files.
 *     Office 2013 cannot run this add-in (ExcelApi 1.13), so they are not fetched.
 * The host table and the list of languages are read from the office.js just fetched, so a newer
 * office.js that adds a version is followed; when its text cannot be read, the table below is used.
 *
 * Why not the npm package @microsoft/office-js: its README says the package is no longer
 * officially supported, that only its latest version is, and that its updates are not guaranteed
 * to follow the CDN; the CDN is the supported source. See docs/deploy.md.
 *
 * All or nothing: every required file is downloaded and checked (HTTP 200, not empty, not an HTML
 * page such as a proxy's refusal) before anything is written; then the files go in through
 * temporary names. A list of what was fetched (address, size, SHA-256, office.js's version) is
 * written to office-js-files.json in the folder, for the administrator's records.
 *
 * Node's fetch ignores HTTP(S)_PROXY. Behind a proxy, `--list` prints the addresses to download
 * with any tool that uses the proxy, into the same relative paths.
 *
 * Exit code: 0 fetched (or listed), 1 a required file could not be fetched, 2 wrong usage or the
 * folder cannot be written.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { scriptArgs, UsageError } = require('./script-args');

const CDN_BASE = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const DEFAULT_HOSTS = ['excel', 'word'];
const DEFAULT_LOCALES = ['zh-cn', 'en-us'];
/** office.js's fallback language (OSF.ConstantNames.DefaultLocale): always fetched. */
const FALLBACK_LOCALE = 'en-us';
const TELEMETRY = 'telemetry/oteljs_agave.js';
const RECORD = 'office-js-files.json';
const TIMEOUT_MS = 60_000;

/**
 * OSF.HostSpecificFileVersionMap of office.js 16.0.15407 (npm @microsoft/office-js, dist/office.js),
 * for Excel and Word: used only when the fetched office.js cannot be read.
 */
const KNOWN_VERSIONS = {
  excel: { ios: '16.00', mac: '16.00', web: '16.00', win32: '16.01', winrt: '16.00' },
  word: { ios: '16.00', mac: '16.00', web: '16.00', win32: '16.01', winrt: '16.00' },
};

/** The object literal assigned to `name` in office.js's text (minified or not), as plain data. */
function readTable(source, name) {
  const at = source.search(new RegExp(`${name.replace(/\./g, '\\.')}\\s*=\\s*\\{`));
  if (at < 0) return undefined;
  const start = source.indexOf('{', at);
  let depth = 0;
  let end = -1;
  for (let i = start; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const literal = source
    .slice(start, end + 1)
    .replace(/'/g, '"')
    .replace(/([{,]\s*)([A-Za-z_$][\w$-]*)\s*:/g, '$1"$2":')
    .replace(/!0/g, 'true')
    .replace(/,(\s*})/g, '$1');
  try {
    return JSON.parse(literal);
  } catch {
    return undefined;
  }
}

/** The version string office.js carries (OSF.ConstantNames.FileVersion), if found. */
function fileVersion(source) {
  const match = /FileVersion\s*:\s*["']([\d.]+)["']/.exec(source);
  return match ? match[1] : undefined;
}

/** Every version from 16.00 up to `top` in steps of .01: what clients of that host and platform may ask for. */
function versionsUpTo(top) {
  const match = /^(\d+)\.(\d{2})$/.exec(top);
  if (!match) return [top];
  const out = [];
  for (let minor = 0; minor <= Number(match[2]); minor++) out.push(`${match[1]}.${String(minor).padStart(2, '0')}`);
  return out;
}

/**
 * The files to fetch besides office.js, read from office.js's text: [{ path, required }].
 * `hosts` are office.js's host types (excel, word), `locales` its locale folders or 'all'.
 */
function plan(officeJs, { hosts = DEFAULT_HOSTS, locales = DEFAULT_LOCALES } = {}) {
  const notes = [];
  let table = readTable(officeJs, 'HostSpecificFileVersionMap');
  if (!table) {
    table = KNOWN_VERSIONS;
    notes.push('未能从 office.js 中读出各宿主文件的版本表，改用本脚本内置的版本表 / could not read the host table from office.js; using the built-in one');
  }
  const supported = readTable(officeJs, 'OSF.SupportedLocales') || readTable(officeJs, 'SupportedLocales');
  const files = [];
  for (const host of hosts) {
    const platforms = table[host] || KNOWN_VERSIONS[host];
    if (!platforms) throw new UsageError(`office.js 不认识宿主“${host}” / office.js knows no host "${host}"`);
    for (const [platform, top] of Object.entries(platforms)) {
      const versions = versionsUpTo(String(top));
      for (const version of versions) {
        // The table's version is what current clients ask for; lower ones only older clients, and may be gone from the CDN.
        files.push({ path: `${host}-${platform}-${version}.js`.toLowerCase(), required: version === versions[versions.length - 1] });
      }
    }
  }
  let wanted = locales === 'all' ? Object.keys(supported || {}) : locales.map((locale) => locale.toLowerCase());
  if (locales === 'all' && wanted.length === 0) {
    throw new UsageError('未能从 office.js 中读出语言列表，请用 --locales 逐个列出 / could not read the languages from office.js; list them with --locales');
  }
  if (!wanted.includes(FALLBACK_LOCALE)) wanted = [...wanted, FALLBACK_LOCALE];
  for (const locale of wanted) {
    if (supported && !supported[locale]) notes.push(`office.js 不支持语言 ${locale}，Office 将改用 ${FALLBACK_LOCALE} / office.js does not support ${locale}`);
    files.push({ path: `${locale}/office_strings.js`, required: !supported || Boolean(supported[locale]) });
  }
  files.push({ path: TELEMETRY, required: false });
  return { files, notes };
}

function normaliseBase(raw) {
  let url;
  try {
    url = new URL(raw.endsWith('/') ? raw : `${raw}/`);
  } catch {
    throw new UsageError(`--base 不是有效的地址：“${raw}” / --base is not a URL: "${raw}"`);
  }
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(
      `--base 必须是 https 地址（http 仅限本机测试），现为“${raw}” / --base must be https (http only on this machine, for tests); found "${raw}"`,
    );
  }
  return url.href;
}

/** One file: its bytes, or why not. */
async function download(url, fetchImpl) {
  let response;
  try {
    response = await fetchImpl(url, { redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { error: `无法连接（${(error && error.cause && error.cause.code) || (error && error.name) || error}） / cannot connect` };
  }
  if (response.status !== 200) return { error: `服务器返回 HTTP ${response.status} / HTTP ${response.status}` };
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length === 0) return { error: '文件为空 / empty file' };
  const head = bytes
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<')) return { error: '收到的是网页而不是脚本（可能是代理服务器的拦截页） / got an HTML page, not a script (a proxy refusal?)' };
  return { bytes };
}

/**
 * Fetches office.js and the files it loads into `folder`. Returns what was written and what was
 * left out; throws UsageError for wrong options, and an Error with `missing` when a required file
 * could not be had (then nothing is written).
 */
async function fetchOfficeJs({ folder, base = CDN_BASE, hosts = DEFAULT_HOSTS, locales = DEFAULT_LOCALES, fetchImpl = globalThis.fetch, log = () => {} }) {
  const root = normaliseBase(base);
  const officeUrl = new URL('office.js', root).href;
  log(`下载 / fetching ${officeUrl}`);
  const office = await download(officeUrl, fetchImpl);
  if (office.error) {
    const error = new Error(`无法下载 office.js：${office.error}（${officeUrl}）`);
    error.missing = [{ path: 'office.js', url: officeUrl, reason: office.error }];
    throw error;
  }
  const officeText = office.bytes.toString('utf8');
  const { files, notes } = plan(officeText, { hosts, locales });
  notes.forEach((note) => log(`注意 / note: ${note}`));

  const got = [{ path: 'office.js', url: officeUrl, bytes: office.bytes }];
  const missing = [];
  const skipped = [];
  for (const file of files) {
    const url = new URL(file.path, root).href;
    log(`下载 / fetching ${url}`);
    const result = await download(url, fetchImpl);
    if (result.bytes) got.push({ path: file.path, url, bytes: result.bytes });
    else (file.required ? missing : skipped).push({ path: file.path, url, reason: result.error });
  }
  if (missing.length > 0) {
    const error = new Error(
      `有 ${missing.length} 个必需的文件未能下载，未写入任何文件 / ${missing.length} required file(s) could not be fetched; nothing was written`,
    );
    error.missing = missing;
    throw error;
  }

  const record = {
    source: root,
    fetchedAt: new Date().toISOString(),
    officeJsVersion: fileVersion(officeText) || null,
    hosts,
    locales,
    files: got.map((file) => ({ path: file.path, bytes: file.bytes.length, sha256: crypto.createHash('sha256').update(file.bytes).digest('hex') })),
    notFetched: skipped.map((file) => ({ path: file.path, reason: file.reason })),
  };
  const outputs = [
    ...got.map((file) => ({ path: file.path, bytes: file.bytes })),
    { path: RECORD, bytes: Buffer.from(`${JSON.stringify(record, null, 2)}\n`) },
  ];
  writeAll(path.resolve(folder), outputs);
  return { written: outputs.map((file) => file.path), skipped, record };
}

/** Writes each file through a temporary name; on any failure removes the temporary files and throws. */
function writeAll(folder, outputs) {
  const temps = [];
  try {
    for (const output of outputs) {
      const target = path.join(folder, ...output.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temp, output.bytes);
      temps.push([temp, target]);
    }
    for (const [temp, target] of temps) fs.renameSync(temp, target);
  } catch (error) {
    for (const [temp] of temps) fs.rmSync(temp, { force: true });
    const failure = new Error(`无法写入文件夹 ${folder}：${error.message} / cannot write to ${folder}`);
    failure.write = true;
    throw failure;
  }
}

/** The addresses --list prints: office.js, then what the built-in table says it loads (office.js is not fetched). */
function listAddresses({ base = CDN_BASE, hosts = DEFAULT_HOSTS, locales = DEFAULT_LOCALES }) {
  const root = normaliseBase(base);
  if (locales === 'all') throw new UsageError('--list 不能与 --locales all 同用，请逐个列出语言 / --list needs the languages listed');
  const { files } = plan('', { hosts, locales });
  return [{ path: 'office.js', required: true }, ...files].map((file) => ({ ...file, url: new URL(file.path, root).href }));
}

function parseCommandLine(argv) {
  const { values, positionals } = scriptArgs(
    argv,
    { base: { type: 'string' }, hosts: { type: 'string' }, locales: { type: 'string' }, list: { type: 'boolean' } },
    1,
  );
  const list = (raw) =>
    raw
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean);
  const locales = values.locales === undefined ? DEFAULT_LOCALES : values.locales.trim().toLowerCase() === 'all' ? 'all' : list(values.locales);
  return {
    hosts: values.hosts === undefined ? DEFAULT_HOSTS : list(values.hosts),
    locales,
    base: values.base ?? CDN_BASE,
    list: values.list === true,
    help: values.help === true,
    folder: positionals[0],
  };
}

const USAGE = `用法 / usage: npm run fetch-office-js -- <文件夹> [--base 地址] [--hosts excel,word] [--locales zh-cn,en-us|all] [--list]
  在能访问互联网的电脑上，从微软 CDN 下载 office.js 及其随后加载的文件到 <文件夹>，供复制到内网服务器。
  --base     下载来源（默认 ${CDN_BASE}）
  --hosts    宿主（默认 excel,word）
  --locales  语言（默认 zh-cn,en-us；all 为 office.js 支持的全部语言）
  --list     只列出要下载的地址，不下载（需经代理下载时用其他工具下载到相同的相对路径）`;

async function main(argv) {
  let options;
  try {
    options = parseCommandLine(argv);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    if (options.list) {
      for (const file of listAddresses(options)) console.log(`${file.url}\t${file.path}${file.required ? '' : '\t（可选 / optional）'}`);
      return 0;
    }
    if (!options.folder) throw new UsageError('请指定保存 office.js 的文件夹 / name the folder to fetch into');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    console.error(USAGE);
    return 2;
  }
  try {
    const result = await fetchOfficeJs({ ...options, log: (line) => console.log(line) });
    const folder = path.resolve(options.folder);
    console.log(`已下载 ${result.written.length - 1} 个文件到 ${folder}（office.js 版本 ${result.record.officeJsVersion || '未知'}），清单见 ${RECORD}。`);
    for (const file of result.skipped) console.log(`  未下载（可选）/ not fetched (optional): ${file.path}：${file.reason}`);
    console.log(`把该文件夹整个复制到内网服务器上，并用 ADDIN_OFFICE_JS_URL=https://服务器/路径/office.js npm run build 构建加载项（见 docs/deploy.md）。`);
    console.log(
      `Fetched ${result.written.length - 1} files into ${folder}; copy the whole folder to the intranet server and build with ADDIN_OFFICE_JS_URL pointing at its office.js.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    console.error(error.message);
    for (const file of error.missing || []) console.error(`  ✗ ${file.url}：${file.reason}`);
    return error.write ? 2 : 1;
  }
}

module.exports = { fetchOfficeJs, plan, readTable, listAddresses, CDN_BASE };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
