#!/usr/bin/env node
/**
 * Writes the registry file that makes a network share a trusted add-in catalog for Office on
 * Windows (issue 16, docs/deploy.md), for a PC without Microsoft 365's central deployment:
 *
 *   npm run catalog-reg -- \\server\share [--out file.reg] [--guid GUID] [--remove]
 *
 * The keys and values follow Microsoft's "Sideload Office Add-ins on Windows from a network share",
 * section "Configure the trust with a Registry script"
 * (https://learn.microsoft.com/office/dev/add-ins/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins;
 * source: github.com/OfficeDev/office-js-docs-pr, docs/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins.md):
 *
 *   Windows Registry Editor Version 5.00
 *
 *   [HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\WEF\TrustedCatalogs\{GUID}]
 *   "Id"="{GUID}"                         the same GUID as the key's name, with its braces (REG_SZ)
 *   "Url"="\\\\server\\share"             the share's full network path, every \ doubled (REG_SZ)
 *   "Flags"=dword:00000001                (REG_DWORD 1)
 *
 * The page asks for "a random GUID". Here the GUID is, by default, derived from the share path
 * (a name-based UUID, RFC 4122 version 5, of the path in lower case without a trailing \): still a
 * valid GUID, but the same share always gives the same key, so importing the file again, or a
 * newer copy of it, updates the one entry instead of adding a second catalog with the same
 * address; another share gives another key. `--guid` sets one explicitly (e.g. to match an entry
 * made by hand), and `--remove` writes the file that deletes the entry again.
 *
 * The file is UTF-16LE with a byte order mark and CRLF line ends: what "Windows Registry Editor
 * Version 5.00" files are when regedit exports them, and what regedit and `reg import` read
 * (UTF-16 keeps a share name with Chinese characters intact; an ANSI file would depend on the PC's
 * code page).
 *
 * Exit code: 0 written, 2 wrong usage or the file cannot be written.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { scriptArgs, UsageError } = require('./script-args');

/** The documented key, under HKEY_CURRENT_USER. 16.0 is Office 2016 and every later version (2019, 2021, 2024, LTSC, Microsoft 365). */
const CATALOGS_KEY = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs';
const HEADER = 'Windows Registry Editor Version 5.00';
/** Namespace of the name-based GUIDs (a fixed, random UUID of this project's own). */
const NAMESPACE = '3b0c5e8a-6f0d-4d1e-9a57-1c2f7e4b9d60';
const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/**
 * A UNC path as \\server\share[\folder…], without a trailing backslash; forward slashes are taken
 * as backslashes (a shell may have eaten or turned them). Anything else is refused.
 */
function normaliseShare(raw) {
  const share = String(raw || '')
    .trim()
    .replace(/\//g, '\\')
    .replace(/\\+$/, '');
  const part = '[^\\\\/:*?"<>|\\r\\n]+';
  if (!new RegExp(`^\\\\\\\\${part}(\\\\${part})+$`).test(share) || /\\ | \\/.test(share)) {
    throw new UsageError(
      `共享文件夹须写成完整的网络路径，如 \\\\服务器名\\共享名，现为“${raw}” / the share must be a full network path such as \\\\server\\share; found "${raw}"`,
    );
  }
  return share;
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID of `name` in `namespace`. */
function uuidV5(name, namespace = NAMESPACE) {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = crypto.createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The catalog's GUID, in braces: the given one, or the one derived from the share. */
function catalogGuid(share, guid) {
  if (guid !== undefined) {
    const match = GUID.exec(String(guid).trim());
    if (!match) throw new UsageError(`--guid 不是 GUID：“${guid}” / --guid is not a GUID: "${guid}"`);
    return `{${match[1].toLowerCase()}}`;
  }
  return `{${uuidV5(normaliseShare(share).toLowerCase())}}`;
}

/** A .reg string value: backslashes and quotes escaped. */
const regString = (value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The .reg file's text (lines joined with CRLF, ending with an empty line). */
function catalogRegText(rawShare, { guid, remove = false } = {}) {
  const share = normaliseShare(rawShare);
  const id = catalogGuid(share, guid);
  const key = `${CATALOGS_KEY}\\${id}`;
  const lines = remove
    ? [HEADER, '', `; 绩效自评助手：取消信任加载项目录 ${share} / remove the trusted add-in catalog`, `[-${key}]`, '']
    : [
        HEADER,
        '',
        `; 绩效自评助手：把 ${share} 设为受信任的加载项目录 / trust the add-in catalog on this share`,
        '; https://learn.microsoft.com/office/dev/add-ins/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins',
        `[${key}]`,
        `"Id"=${regString(id)}`,
        `"Url"=${regString(share)}`,
        '"Flags"=dword:00000001',
        '',
      ];
  return { text: lines.join('\r\n') + '\r\n', share, guid: id, key };
}

/** The text as regedit writes and reads it: UTF-16LE with a byte order mark. */
function encodeReg(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function parseCommandLine(argv) {
  const { values, positionals } = scriptArgs(argv, { out: { type: 'string' }, guid: { type: 'string' }, remove: { type: 'boolean' } }, 1);
  return { share: positionals[0], out: values.out, guid: values.guid, remove: values.remove === true, help: values.help === true };
}

const USAGE = `用法 / usage: npm run catalog-reg -- \\\\服务器名\\共享名 [--out 文件.reg] [--guid GUID] [--remove]
  生成把该共享文件夹设为 Office 受信任加载项目录的注册表文件（当前用户，HKEY_CURRENT_USER）。
  --out     输出文件（默认 trust-catalog.reg，--remove 时为 untrust-catalog.reg）
  --guid    指定目录的 GUID（默认由共享路径算出，同一路径总是同一个 GUID）
  --remove  生成删除该目录设置的注册表文件
  在 bash 中请给路径加引号：npm run catalog-reg -- '\\\\server\\share'`;

function main(argv) {
  let options;
  try {
    options = parseCommandLine(argv);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    if (!options.share) throw new UsageError('请指定共享文件夹的网络路径 / name the share');
    const result = catalogRegText(options.share, { guid: options.guid, remove: options.remove });
    const out = path.resolve(options.out || (options.remove ? 'untrust-catalog.reg' : 'trust-catalog.reg'));
    try {
      fs.writeFileSync(out, encodeReg(result.text));
    } catch (error) {
      console.error(`无法写入 ${out}：${error.message} / cannot write ${out}`);
      return 2;
    }
    console.log(`已生成 ${out}`);
    console.log(`  键 / key: ${result.key}`);
    if (!options.remove) console.log(`  Id = ${result.guid}，Url = ${result.share}，Flags = 1`);
    console.log('关闭所有 Office 程序后双击导入，或在命令行运行 reg import（见 docs/deploy.md）。');
    console.log('Close every Office application, then import it (double-click, or `reg import`).');
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    console.error(USAGE);
    return 2;
  }
}

module.exports = { catalogRegText, encodeReg, normaliseShare, catalogGuid, uuidV5, CATALOGS_KEY };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
