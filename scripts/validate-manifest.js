#!/usr/bin/env node
/**
 * Offline check of the add-in only (XML) manifest: `npm run validate` (or
 * `node scripts/validate-manifest.js [manifest.xml]`). `office-addin-manifest validate` sends the
 * file to an online service; this one reads it locally and checks what breaks sideloading most
 * often:
 *   - the file is well-formed XML with an <OfficeApp> root;
 *   - the required elements are there: Id (a GUID), Version (four numeric parts), ProviderName,
 *     DefaultLocale, DisplayName, Description, IconUrl, HighResolutionIconUrl, Hosts,
 *     DefaultSettings/SourceLocation, Permissions;
 *   - every URL is https;
 *   - in <VersionOverrides>: every resid names a resource of the right kind (images, URLs, short or
 *     long strings), resource ids are unique and strings within Office's length limits, control
 *     ids are unique, icons come in 16/32/80, ExecuteFunction has a FunctionName and a FunctionFile;
 *   - what Microsoft's XSD schemas (and so Office) reject although the file looks fine (issue 11,
 *     item 11): child elements out of the schema's order or repeated, unknown children of
 *     <OfficeApp>, resource ids and resids over 32 characters, ShortStrings over 125 and
 *     LongStrings over 250 characters (base manifest and resources, defaults and overrides), URLs
 *     over 2048 characters. Each rule below names the documentation it follows.
 * It is not a full schema validation: element types, attribute types and the mail and content
 * add-in schemas are not checked.
 *
 * Exit code: 0 when the manifest passes, 1 when it has problems, 2 when the file cannot be read.
 * Messages are in Chinese, then English.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { DOMParser } = require('@xmldom/xmldom');

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
};

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;
const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const PERMISSIONS = ['Restricted', 'ReadDocument', 'ReadAllDocument', 'WriteDocument', 'ReadWriteDocument'];

/** Resource kinds: the <bt:…> collection a resid must point into. */
const KINDS = {
  images: { collection: 'Images', item: 'Image', label: 'bt:Images' },
  urls: { collection: 'Urls', item: 'Url', label: 'bt:Urls' },
  short: { collection: 'ShortStrings', item: 'String', label: 'bt:ShortStrings', max: 125 },
  long: { collection: 'LongStrings', item: 'String', label: 'bt:LongStrings', max: 250 },
};

/** Which kind of resource each element with a resid refers to. */
const RESID_KIND = {
  Image: 'images',
  FunctionFile: 'urls',
  SourceLocation: 'urls',
  LearnMoreUrl: 'urls',
  Url: 'urls',
  Label: 'short',
  Title: 'short',
  Description: 'long',
  Tooltip: 'long',
};

// ───────────────────────────── schema rules ─────────────────────────────
//
// Sources (Microsoft's own):
//   [ORDER]  "How to find the proper order of manifest elements",
//            https://learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering : the
//            children of an element must follow the <xs:sequence> of its type in the XSD schemas;
//            "your add-in will not load, if any element is in the wrong order".
//   [XSD]    the schemas that page points to, OfficeDev/office-js-docs-pr,
//            docs/overview/schemas/taskpane/: OfficeAppManifestV1_1.xsd (complex types OfficeApp and
//            its extension TaskPaneApp, Requirements, TaskPaneAppSettings),
//            TaskPaneAppVersionOverridesV1_0.xsd (VersionOverridesV1_0, Host/Workbook/Document,
//            FormFactor, GetStarted, Group, UIControl/Button/Menu, Supertip, ShowTaskpane,
//            ExecuteFunction) and OfficeAppBasicTypesV1_0.xsd (Resources; ReferenceId maxLength 32;
//            ShortString 125; LongString 250; URL 2048).
//   [RES]    "Resources element", https://learn.microsoft.com/javascript/api/manifest/resources :
//            "An id must be unique within the manifest and can have a maximum of 32 characters";
//            URLs at most 2048 characters, ShortStrings 125, LongStrings 250.
//   [STR]    "String element", https://learn.microsoft.com/javascript/api/manifest/string : 125
//            characters under <ShortStrings>, 250 under <LongStrings>.
//   [NAME]   "DisplayName element", https://learn.microsoft.com/javascript/api/manifest/displayname
//            (ShortLocaleAwareSetting: 125) and "Description element",
//            https://learn.microsoft.com/javascript/api/manifest/description (250).

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const OV11 = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides/1.1';

/** ReferenceId in OfficeAppBasicTypesV1_0.xsd [XSD]; [RES]. */
const MAX_ID = 32;
/** ShortString, LongString and URL in the schemas [XSD]; [RES], [STR], [NAME]. */
const MAX_SHORT = 125;
const MAX_LONG = 250;
const MAX_URL = 2048;

/**
 * The order of children, per parent, from the schemas' <xs:sequence> [ORDER], [XSD]. Each entry is
 * [namespace, localName, repeatable?]. For <OfficeApp> (a TaskPaneApp) the list is complete: any
 * other child is rejected. For the elements of <VersionOverrides>, newer schema versions add
 * children this list does not know (OverriddenByRibbonApi, Enabled…), so unknown children are
 * left alone there and only the known ones are held to their order.
 */
const A = (name, many) => [NS.app, name, Boolean(many)];
const O = (name, many) => [NS.ov, name, Boolean(many)];
const B = (name, many) => [NS.bt, name, Boolean(many)];
const SEQUENCES = {
  // OfficeApp, then its TaskPaneApp extension (extension children come after the base's).
  // ExtendedOverrides follows VersionOverrides in the ordering page's TaskPaneApp list [ORDER].
  OfficeApp: {
    complete: true,
    children: [
      A('Id'),
      A('AlternateId'),
      A('Version'),
      A('ProviderName'),
      A('DefaultLocale'),
      A('DisplayName'),
      A('Description'),
      A('IconUrl'),
      A('HighResolutionIconUrl'),
      A('SupportUrl'),
      A('AppDomains'),
      A('Hosts'),
      A('Requirements'),
      A('DefaultSettings'),
      A('Permissions'),
      A('Dictionary'),
      O('VersionOverrides'),
      A('ExtendedOverrides'),
      [DSIG, 'Signature', false],
    ],
  },
  'app:Requirements': { children: [A('Sets'), A('Methods')] },
  // TaskPaneAppSettings: only SourceLocation (RequestedWidth/Height belong to content add-ins).
  'app:DefaultSettings': { complete: true, children: [A('SourceLocation')] },
  VersionOverrides: {
    children: [
      O('Description'),
      O('Requirements'),
      O('Hosts'),
      O('Resources'),
      O('WebApplicationInfo'),
      O('EquivalentAddins'),
      [OV11, 'VersionOverrides', false],
    ],
  },
  'ov:Host': { children: [O('AllFormFactors'), O('DesktopFormFactor')] },
  DesktopFormFactor: { children: [O('GetStarted'), O('FunctionFile'), O('ExtensionPoint', true)] },
  GetStarted: { children: [O('Title'), O('Description'), O('LearnMoreUrl')] },
  Group: { children: [O('Label'), O('Icon'), O('Control', true)] },
  'Control:Button': { children: [O('Label'), O('Supertip'), O('Icon'), O('Action')] },
  'Control:Menu': { children: [O('Label'), O('Supertip'), O('Icon'), O('Items')] },
  Supertip: { children: [O('Title'), O('Description')] },
  'Action:ShowTaskpane': { children: [O('TaskpaneId'), O('SourceLocation'), O('Title')] },
  Resources: { children: [B('Images'), B('Urls'), B('ShortStrings'), B('LongStrings')] },
};

/** Which entry of SEQUENCES governs an element's children, if any. */
function sequenceFor(element) {
  const name = element.localName;
  const ns = element.namespaceURI;
  const type = xsiType(element);
  if (ns === NS.app) {
    if (name === 'OfficeApp') return SEQUENCES.OfficeApp;
    if (name === 'Requirements' || name === 'DefaultSettings') {
      return element.parentNode && element.parentNode.localName === 'OfficeApp' ? SEQUENCES[`app:${name}`] : undefined;
    }
    return undefined;
  }
  if (ns !== NS.ov) return undefined;
  if (name === 'Host')
    return element.parentNode && element.parentNode.parentNode && element.parentNode.parentNode.localName === 'VersionOverrides'
      ? SEQUENCES['ov:Host']
      : undefined;
  if (name === 'Control' || name === 'Action') return SEQUENCES[`${name}:${type}`];
  if (name === 'VersionOverrides' || name === 'DesktopFormFactor' || name === 'GetStarted' || name === 'Group' || name === 'Supertip' || name === 'Resources') {
    return SEQUENCES[name];
  }
  return undefined;
}

function xsiType(element) {
  const value = element.getAttributeNS(XSI, 'type') || element.getAttribute('xsi:type') || '';
  return value.replace(/^.*:/, '');
}

const label = (element) => (element.prefix ? `${element.prefix}:${element.localName}` : element.localName);

/** Children in the schema's order, each at most once unless repeatable [ORDER], [XSD]. */
function checkOrder(root, add) {
  for (const element of [root, ...allElements(root)]) {
    const sequence = sequenceFor(element);
    if (!sequence) continue;
    const position = (child) => sequence.children.findIndex(([ns, name]) => child.namespaceURI === ns && child.localName === name);
    const expected = sequence.children.map(([, name, many]) => `<${name}>${many ? '…' : ''}`).join('、');
    const expectedEn = sequence.children.map(([, name]) => `<${name}>`).join(', ');
    const parent = `<${label(element)}>`;
    let furthest = -1;
    let furthestChild;
    const seen = new Set();
    for (const child of Array.from(element.childNodes || [])) {
      if (child.nodeType !== 1) continue;
      const index = position(child);
      if (index < 0) {
        if (sequence.complete) {
          add(
            'element-unknown',
            child,
            `<${label(child)}> 不是 ${parent} 的有效子元素（${parent} 的子元素依次为：${expected}）`,
            `<${label(child)}> is not a valid child of ${parent} (its children are, in order: ${expectedEn})`,
          );
        }
        continue;
      }
      if (seen.has(index) && !sequence.children[index][2]) {
        add('element-repeated', child, `${parent} 中 <${label(child)}> 只能出现一次`, `<${label(child)}> may appear only once in ${parent}`);
        continue;
      }
      seen.add(index);
      if (index < furthest) {
        add(
          'element-order',
          child,
          `<${label(child)}> 应放在 <${label(furthestChild)}> 之前：${parent} 的子元素须按微软清单架构规定的顺序排列（${expected}）`,
          `<${label(child)}> must come before <${label(furthestChild)}>: the children of ${parent} must follow the order of Microsoft's manifest schema (${expectedEn})`,
        );
      } else {
        furthest = index;
        furthestChild = child;
      }
    }
  }
}

/** Lengths the schemas allow for text, ids and URLs [XSD], [RES], [STR], [NAME]. */
function checkLengths(root, add) {
  const tooLong = (code, element, what, whatEn, value, max) => {
    if (value.length <= max) return;
    add(code, element, `${what}长 ${value.length} 个字符，超过上限 ${max} 个字符`, `${whatEn} is ${value.length} characters long, over the limit of ${max}`);
  };
  const withOverrides = (element, name, max, code) => {
    tooLong(code, element, `<${name}> 的 DefaultValue `, `the DefaultValue of <${name}>`, attr(element, 'DefaultValue'), max);
    for (const override of Array.from(element.childNodes || [])) {
      if (override.nodeType !== 1 || override.localName !== 'Override') continue;
      const locale = attr(override, 'Locale');
      tooLong(code, override, `<${name}> 的 ${locale} 译文`, `the ${locale} override of <${name}>`, attr(override, 'Value'), max);
    }
  };
  const one = (name) => children(root, NS.app, name)[0];

  const provider = one('ProviderName');
  if (provider) tooLong('string-too-long', provider, '<ProviderName> ', '<ProviderName>', text(provider), MAX_SHORT);
  if (one('DisplayName')) withOverrides(one('DisplayName'), 'DisplayName', MAX_SHORT, 'string-too-long');
  if (one('Description')) withOverrides(one('Description'), 'Description', MAX_LONG, 'string-too-long');
  for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
    if (one(name)) withOverrides(one(name), name, MAX_URL, 'url-too-long');
  }
  for (const settings of children(root, NS.app, 'DefaultSettings')) {
    for (const source of children(settings, NS.app, 'SourceLocation')) withOverrides(source, 'SourceLocation', MAX_URL, 'url-too-long');
  }
  for (const domains of children(root, NS.app, 'AppDomains')) {
    for (const domain of children(domains, NS.app, 'AppDomain')) tooLong('string-too-long', domain, '<AppDomain> ', '<AppDomain>', text(domain), MAX_LONG);
  }

  for (const vo of children(root, NS.ov, 'VersionOverrides')) {
    for (const element of allElements(vo)) {
      // Resource ids (bt:Image, bt:Url, bt:String) and every resid: ReferenceId, 32 at most.
      if (element.namespaceURI === NS.bt && ['Image', 'Url', 'String'].includes(element.localName) && element.hasAttribute('id')) {
        const id = attr(element, 'id');
        tooLong(
          'id-too-long',
          element,
          `资源 <bt:${element.localName} id="${id}"> 的 id `,
          `the id of resource <bt:${element.localName} id="${id}">`,
          id,
          MAX_ID,
        );
        if (element.localName !== 'String') withOverrides(element, `bt:${element.localName} id="${id}"`, MAX_URL, 'url-too-long');
      }
      if (element.hasAttribute('resid')) {
        const resid = attr(element, 'resid');
        tooLong('id-too-long', element, `<${label(element)} resid="${resid}"> 的 resid `, `the resid of <${label(element)} resid="${resid}">`, resid, MAX_ID);
      }
      // Group, tab and control ids, TaskpaneId: ShortString; FunctionName: LongString.
      if (
        element.namespaceURI === NS.ov &&
        ['Group', 'Control', 'OfficeTab', 'CustomTab', 'Item', 'Menu'].includes(element.localName) &&
        element.hasAttribute('id')
      ) {
        const id = attr(element, 'id');
        tooLong('string-too-long', element, `<${element.localName} id="${id}"> 的 id `, `the id of <${element.localName} id="${id}">`, id, MAX_SHORT);
      }
      if (element.namespaceURI === NS.ov && element.localName === 'TaskpaneId')
        tooLong('string-too-long', element, '<TaskpaneId> ', '<TaskpaneId>', text(element), MAX_SHORT);
      if (element.namespaceURI === NS.ov && element.localName === 'FunctionName')
        tooLong('string-too-long', element, '<FunctionName> ', '<FunctionName>', text(element), MAX_LONG);
    }
  }
}

/** Elements of <VersionOverrides> whose `id` must be unique (OfficeTab ids name built-in tabs and may repeat per host). */
const ID_ELEMENTS = new Set(['CustomTab', 'Group', 'Control', 'Item', 'Menu']);

/**
 * @typedef {object} ManifestIssue
 * @property {string} code     stable code, e.g. "dangling-resid"
 * @property {string} message  zh-CN
 * @property {string} messageEn
 * @property {number} [line]   1-based line in the file
 */

/** @returns {{ ok: boolean, issues: ManifestIssue[] }} */
function validateManifest(xml) {
  /** @type {ManifestIssue[]} */
  const issues = [];
  const add = (code, node, zh, en) => {
    const line = node && typeof node.lineNumber === 'number' ? node.lineNumber : undefined;
    issues.push({
      code,
      message: line ? `第${line}行：${zh}` : zh,
      messageEn: line ? `line ${line}: ${en}` : en,
      ...(line ? { line } : {}),
    });
  };

  const doc = parse(xml, issues);
  if (!doc) return { ok: false, issues };

  const root = doc.documentElement;
  if (!root || root.localName !== 'OfficeApp' || root.namespaceURI !== NS.app) {
    add('root', root, `根元素必须是命名空间 ${NS.app} 中的 <OfficeApp>`, `the root element must be <OfficeApp> in namespace ${NS.app}`);
    return { ok: false, issues };
  }

  checkBase(root, add);
  checkOrder(root, add);
  checkLengths(root, add);
  checkUrls(root, add);
  const overrides = children(root, NS.ov, 'VersionOverrides');
  for (const vo of overrides) checkVersionOverrides(vo, add);

  return { ok: issues.length === 0, issues };
}

function parse(xml, issues) {
  const problems = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        // Warnings too: xmldom "recovers" from things such as unquoted attributes that Office rejects.
        problems.push(String(message).split('\n')[0]);
      },
    }).parseFromString(String(xml), 'text/xml');
  } catch (error) {
    const line = error && error.locator ? error.locator.lineNumber : undefined;
    const message = String((error && error.message) || error).split('\n')[0];
    issues.push({
      code: 'xml',
      message: `清单不是格式正确的 XML${line ? `（第${line}行）` : ''}：${message}`,
      messageEn: `the manifest is not well-formed XML${line ? ` (line ${line})` : ''}: ${message}`,
      ...(line ? { line } : {}),
    });
    return undefined;
  }
  if (problems.length > 0) {
    for (const message of problems) {
      issues.push({ code: 'xml', message: `清单不是格式正确的 XML：${message}`, messageEn: `the manifest is not well-formed XML: ${message}` });
    }
    return undefined;
  }
  return doc;
}

// ───────────────────────────── base manifest ─────────────────────────────

function checkBase(root, add) {
  const one = (name) => children(root, NS.app, name)[0];
  const missing = (name, en = name) => add('missing-element', root, `缺少必需的元素 <${name}>`, `required element <${en}> is missing`);

  const id = one('Id');
  if (!id) missing('Id');
  else if (!GUID.test(text(id)))
    add('id-not-guid', id, `<Id> 必须是 GUID（如 6f1d7a52-3c1e-4b8e-9a55-2f0c4d9e8a71），现为“${text(id)}”`, `<Id> must be a GUID; found "${text(id)}"`);

  const version = one('Version');
  if (!version) missing('Version');
  else if (!VERSION.test(text(version))) {
    add(
      'version',
      version,
      `<Version> 必须由四段数字组成（如 1.0.0.0），现为“${text(version)}”`,
      `<Version> must have four numeric parts (e.g. 1.0.0.0); found "${text(version)}"`,
    );
  }

  const provider = one('ProviderName');
  if (!provider) missing('ProviderName');
  else if (!text(provider)) add('empty-value', provider, '<ProviderName> 不能为空', '<ProviderName> must not be empty');

  const locale = one('DefaultLocale');
  if (!locale) missing('DefaultLocale');
  else if (!LOCALE.test(text(locale)))
    add(
      'locale',
      locale,
      `<DefaultLocale> 应为语言区域代码（如 zh-CN），现为“${text(locale)}”`,
      `<DefaultLocale> must be a locale such as zh-CN; found "${text(locale)}"`,
    );

  for (const name of ['DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl']) {
    const element = one(name);
    if (!element) missing(name);
    else if (!attr(element, 'DefaultValue')) add('empty-value', element, `<${name}> 缺少 DefaultValue`, `<${name}> has no DefaultValue`);
  }

  const hosts = one('Hosts');
  if (!hosts) missing('Hosts');
  else if (!children(hosts, NS.app, 'Host').some((h) => attr(h, 'Name'))) {
    add('missing-element', hosts, '<Hosts> 中至少要有一个带 Name 的 <Host>', '<Hosts> needs at least one <Host Name="…">');
  }

  const settings = one('DefaultSettings');
  const source = settings && children(settings, NS.app, 'SourceLocation')[0];
  if (!settings || !source) missing('DefaultSettings/SourceLocation');
  else if (!attr(source, 'DefaultValue'))
    add('empty-value', source, '<DefaultSettings><SourceLocation> 缺少 DefaultValue', '<DefaultSettings><SourceLocation> has no DefaultValue');

  const permissions = one('Permissions');
  if (!permissions) missing('Permissions');
  else if (!PERMISSIONS.includes(text(permissions))) {
    add(
      'permissions',
      permissions,
      `<Permissions> 应为 ${PERMISSIONS.join('、')} 之一，现为“${text(permissions)}”`,
      `<Permissions> must be one of ${PERMISSIONS.join(', ')}; found "${text(permissions)}"`,
    );
  }
}

// ───────────────────────────── URLs ─────────────────────────────

/**
 * Every URL in the file: the base manifest's URL elements, AppDomains (marked `domain`), and the
 * bt:Images / bt:Urls resources.
 */
function manifestUrls(root) {
  const urls = [];
  const collect = (element, label) => {
    const value = attr(element, 'DefaultValue');
    if (value) urls.push({ element, label, value });
    for (const override of element.childNodes ? Array.from(element.childNodes) : []) {
      if (override.nodeType === 1 && override.localName === 'Override' && attr(override, 'Value')) {
        urls.push({ element: override, label: `${label} (${attr(override, 'Locale') || 'Override'})`, value: attr(override, 'Value') });
      }
    }
  };
  for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
    for (const element of children(root, NS.app, name)) collect(element, `<${name}>`);
  }
  for (const settings of children(root, NS.app, 'DefaultSettings')) {
    for (const element of children(settings, NS.app, 'SourceLocation')) collect(element, '<SourceLocation>');
  }
  for (const domains of children(root, NS.app, 'AppDomains')) {
    for (const element of children(domains, NS.app, 'AppDomain')) urls.push({ element, label: '<AppDomain>', value: text(element), domain: true });
  }
  for (const kind of [KINDS.images, KINDS.urls]) {
    for (const element of descendants(root, NS.bt, kind.item)) {
      if (element.parentNode && element.parentNode.localName === kind.collection) collect(element, `<bt:${kind.item} id="${attr(element, 'id')}">`);
    }
  }
  return urls;
}

function checkUrls(root, add) {
  const urls = manifestUrls(root);
  for (const { element, label, value } of urls) {
    if (!/^https:\/\/[^\s/]+/i.test(value)) {
      add('not-https', element, `${label} 的地址必须以 https:// 开头，现为“${value}”`, `${label} must be an https:// URL; found "${value}"`);
    }
  }
}

// ───────────────────────────── VersionOverrides ─────────────────────────────

function checkVersionOverrides(vo, add) {
  // Resources, by id, with their kind.
  const resources = new Map();
  const resourcesElement = children(vo, NS.ov, 'Resources')[0];
  for (const [kindName, kind] of Object.entries(KINDS)) {
    const collections = resourcesElement ? children(resourcesElement, NS.bt, kind.collection) : [];
    for (const collection of collections) {
      for (const item of children(collection, NS.bt, kind.item)) {
        const id = attr(item, 'id');
        if (!id) {
          add('missing-id', item, `${kind.label} 中有资源缺少 id`, `a resource in ${kind.label} has no id`);
          continue;
        }
        if (resources.has(id)) {
          add('duplicate-resource', item, `资源 id“${id}”重复定义`, `resource id "${id}" is defined more than once`);
          continue;
        }
        resources.set(id, kindName);
        if (!attr(item, 'DefaultValue')) add('empty-value', item, `资源“${id}”缺少 DefaultValue`, `resource "${id}" has no DefaultValue`);
        if (kind.max) {
          const values = [attr(item, 'DefaultValue') || '', ...children(item, NS.bt, 'Override').map((o) => attr(o, 'Value') || '')];
          for (const value of values) {
            if (value.length > kind.max) {
              add(
                'string-too-long',
                item,
                `资源“${id}”的文字长 ${value.length} 字，超过 ${kind.label} 的上限 ${kind.max} 字`,
                `resource "${id}" is ${value.length} characters long, over the ${kind.max}-character limit of ${kind.label}`,
              );
            }
          }
        }
      }
    }
  }

  // Every resid resolves to a resource of the kind its element needs.
  for (const element of allElements(vo)) {
    if (!element.hasAttribute || !element.hasAttribute('resid')) continue;
    const resid = element.getAttribute('resid');
    const name = element.localName;
    const found = resources.get(resid);
    const expected = RESID_KIND[name];
    if (!found) {
      add(
        'dangling-resid',
        element,
        `<${name} resid="${resid}"> 引用的资源“${resid}”在 <Resources> 中不存在`,
        `<${name} resid="${resid}"> refers to a resource that <Resources> does not define`,
      );
    } else if (expected && expected !== found) {
      add(
        'resid-kind',
        element,
        `<${name} resid="${resid}"> 应引用 ${KINDS[expected].label} 中的资源，“${resid}”却在 ${KINDS[found].label} 中`,
        `<${name} resid="${resid}"> must refer to ${KINDS[expected].label}, but "${resid}" is in ${KINDS[found].label}`,
      );
    }
  }

  // Control ids are unique across the whole manifest.
  const seen = new Map();
  for (const element of allElements(vo)) {
    if (element.namespaceURI !== NS.ov || !ID_ELEMENTS.has(element.localName)) continue;
    const id = attr(element, 'id');
    if (!id) {
      add('missing-id', element, `<${element.localName}> 缺少 id`, `<${element.localName}> has no id`);
      continue;
    }
    if (seen.has(id)) {
      add(
        'duplicate-id',
        element,
        `控件 id“${id}”重复（第${seen.get(id)}行已使用）`,
        `control id "${id}" is used more than once (first on line ${seen.get(id)})`,
      );
    } else {
      seen.set(id, element.lineNumber);
    }
  }

  // Icons in the sizes the ribbon needs.
  for (const icon of descendants(vo, NS.ov, 'Icon')) {
    const sizes = children(icon, NS.bt, 'Image').map((image) => attr(image, 'size'));
    const lacking = ['16', '32', '80'].filter((size) => !sizes.includes(size));
    if (lacking.length > 0) {
      add('icon-sizes', icon, `<Icon> 缺少 ${lacking.join('、')} 像素的图标`, `<Icon> lacks the ${lacking.join(', ')} px image(s)`);
    }
  }

  // Actions.
  for (const host of descendants(vo, NS.ov, 'Host')) {
    for (const formFactor of children(host, NS.ov, 'DesktopFormFactor')) {
      const hasFunctionFile = children(formFactor, NS.ov, 'FunctionFile').length > 0;
      for (const action of descendants(formFactor, NS.ov, 'Action')) {
        const type = attr(action, 'xsi:type') || action.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type');
        if (type === 'ExecuteFunction') {
          const fn = children(action, NS.ov, 'FunctionName')[0];
          if (!fn || !text(fn)) add('function-name', action, 'ExecuteFunction 操作缺少 <FunctionName>', 'an ExecuteFunction action has no <FunctionName>');
          if (!hasFunctionFile)
            add(
              'function-file',
              action,
              'ExecuteFunction 操作所在的 <DesktopFormFactor> 缺少 <FunctionFile>',
              'the <DesktopFormFactor> of an ExecuteFunction action has no <FunctionFile>',
            );
        } else if (type === 'ShowTaskpane' && children(action, NS.ov, 'SourceLocation').length === 0) {
          add('taskpane-source', action, 'ShowTaskpane 操作缺少 <SourceLocation>', 'a ShowTaskpane action has no <SourceLocation>');
        }
      }
    }
  }
}

// ───────────────────────────── DOM helpers ─────────────────────────────

function children(element, ns, localName) {
  const out = [];
  for (const node of Array.from(element.childNodes || [])) {
    if (node.nodeType === 1 && node.namespaceURI === ns && node.localName === localName) out.push(node);
  }
  return out;
}

function descendants(element, ns, localName) {
  return Array.from(element.getElementsByTagNameNS(ns, localName));
}

function allElements(element) {
  return Array.from(element.getElementsByTagName('*'));
}

function attr(element, name) {
  const value = element.getAttribute(name);
  return value === null || value === undefined ? '' : value.trim();
}

function text(element) {
  return (element.textContent || '').trim();
}

// ───────────────────────────── the built manifest (issue 16) ─────────────────────────────
//
// dist/web/manifest.xml is what an administrator puts on the catalog share or uploads: besides the
// checks above, it must be ready to leave this machine.
//   - Every URL lies under the address the add-in is published at (ADDIN_PUBLIC_URL; when it is
//     not given, the folder of <DefaultSettings><SourceLocation>, which the build derives from it).
//   - No URL points at this machine (localhost, 127.x, [::1]): another PC would look for the add-in
//     on itself. A plain `npm run build` (no ADDIN_PUBLIC_URL) gives such a build, for sideloading
//     here only.
//   - The version is fresh:
//       * it is the source manifest's <Version> (the build copies it): otherwise dist/web was built
//         before manifest.xml was last changed, and is stale;
//       * it is greater than every version already released: those in docs/released-versions.txt
//         and that of any manifest passed with --released (e.g. the copy now on the catalog share).
//         Office updates an add-in it has seen only when <Version> goes up;
//     and the <Id> is the source's and the released one's: a new Id is a second add-in to Office.

/** Loopback hosts: an add-in served from one of them can only be reached from the machine itself. */
const LOOPBACK = /^(localhost|localhost\.localdomain|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

function hostOf(value) {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** -1, 0 or 1; versions of four numeric parts (malformed ones are reported by checkBase). */
function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) < (pb[i] || 0) ? -1 : 1;
  }
  return 0;
}

/** Id and Version of a manifest's text, or undefined when it cannot be read. */
function identity(xml) {
  let doc;
  try {
    doc = new DOMParser({ onError: () => {} }).parseFromString(String(xml), 'text/xml');
  } catch {
    return undefined;
  }
  const root = doc && doc.documentElement;
  if (!root || root.localName !== 'OfficeApp') return undefined;
  const one = (name) => children(root, NS.app, name)[0];
  return { id: one('Id') ? text(one('Id')).toLowerCase() : '', version: one('Version') ? text(one('Version')) : '' };
}

/** The versions listed in a released-versions file: the first word of each line that is not a comment. */
function readReleasedList(content, from) {
  const out = [];
  for (const line of String(content).split(/\r?\n/)) {
    const word = line.replace(/#.*$/, '').trim().split(/\s+/)[0];
    if (word && VERSION.test(word)) out.push({ version: word, from });
  }
  return out;
}

/**
 * @param {string} xml the built manifest
 * @param {{ publicUrl?: string, source?: string, released?: { version: string, id?: string, from: string }[] }} [options]
 *   source: the source manifest's text; released: versions already released, with where each was read
 * @returns {{ ok: boolean, issues: ManifestIssue[], publicUrl: string | undefined, inferred: boolean }}
 */
function validateBuiltManifest(xml, options = {}) {
  const base = validateManifest(xml);
  const issues = [...base.issues];
  const add = (code, node, zh, en) => {
    const line = node && typeof node.lineNumber === 'number' ? node.lineNumber : undefined;
    issues.push({ code, message: line ? `第${line}行：${zh}` : zh, messageEn: line ? `line ${line}: ${en}` : en, ...(line ? { line } : {}) });
  };
  const doc = new DOMParser({ onError: () => {} }).parseFromString(String(xml), 'text/xml');
  const root = doc && doc.documentElement;
  if (!root || root.localName !== 'OfficeApp' || root.namespaceURI !== NS.app) return { ok: false, issues, publicUrl: options.publicUrl, inferred: false };

  // Where it is published.
  let publicUrl = options.publicUrl ? String(options.publicUrl).trim() : '';
  let inferred = false;
  if (publicUrl) {
    if (!publicUrl.endsWith('/')) publicUrl += '/';
    if (!/^https:\/\/[^/\s]+\//i.test(publicUrl)) {
      add('public-url', undefined, `发布地址必须是 https 地址，现为“${options.publicUrl}”`, `the public URL must be https; found "${options.publicUrl}"`);
      publicUrl = '';
    }
  } else {
    const settings = children(root, NS.app, 'DefaultSettings')[0];
    const source = settings && children(settings, NS.app, 'SourceLocation')[0];
    const value = source ? attr(source, 'DefaultValue') : '';
    if (/^https:\/\/[^/\s]+\//i.test(value)) {
      publicUrl = value.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
      inferred = true;
    }
  }

  const urls = manifestUrls(root);
  const local = urls.filter((url) => LOOPBACK.test(hostOf(url.value)));
  if (local.length > 0) {
    const first = local[0];
    add(
      'url-localhost',
      first.element,
      `清单中有 ${local.length} 个地址指向本机（${hostOf(first.value)}），如 ${first.label}“${first.value}”：这是只供本机旁加载的构建，其他电脑无法访问。请用 ADDIN_PUBLIC_URL=https://服务器地址/路径/ npm run build 重新构建后再发布`,
      `${local.length} URL(s) point at this machine (${hostOf(first.value)}), e.g. ${first.label} "${first.value}": this build is for sideloading here only. Rebuild with ADDIN_PUBLIC_URL=https://server/path/ npm run build before releasing it`,
    );
  }
  if (publicUrl) {
    const prefix = publicUrl.toLowerCase();
    for (const url of urls) {
      if (url.domain || LOOPBACK.test(hostOf(url.value)) || url.value.toLowerCase().startsWith(prefix)) continue;
      add(
        'url-outside-public',
        url.element,
        `${url.label} 的地址“${url.value}”不在发布地址 ${publicUrl} 之下`,
        `${url.label} "${url.value}" is not under the public URL ${publicUrl}`,
      );
    }
  }

  // A fresh version, and the same Id.
  const built = identity(xml);
  if (built && VERSION.test(built.version)) {
    const source = options.source !== undefined ? identity(options.source) : undefined;
    const versionElement = children(root, NS.app, 'Version')[0];
    const idElement = children(root, NS.app, 'Id')[0];
    if (source && source.version && source.version !== built.version) {
      add(
        'version-stale-build',
        versionElement,
        `构建出的清单版本为 ${built.version}，而 manifest.xml 的版本为 ${source.version}：dist/web 是在修改 manifest.xml 之前构建的，已经过时。请重新运行 npm run build`,
        `the built manifest has version ${built.version} but manifest.xml has ${source.version}: dist/web was built before manifest.xml last changed. Run npm run build again`,
      );
    }
    if (source && source.id && built.id && source.id !== built.id) {
      add(
        'id-changed',
        idElement,
        `构建出的清单 <Id> 与 manifest.xml 的不同（${built.id} / ${source.id}）`,
        `the built manifest's <Id> differs from manifest.xml's (${built.id} / ${source.id})`,
      );
    }
    for (const release of options.released || []) {
      if (release.version && VERSION.test(release.version) && compareVersions(built.version, release.version) <= 0) {
        add(
          'version-not-newer',
          versionElement,
          `<Version> ${built.version} 不高于已发布的版本 ${release.version}（${release.from}）：Office 只在版本号升高时更新已安装的加载项。请先提高 manifest.xml 中的 <Version>（如 ${nextVersion(release.version)}），再重新构建`,
          `<Version> ${built.version} is not greater than the released version ${release.version} (${release.from}): Office updates an installed add-in only when the version goes up. Raise <Version> in manifest.xml (e.g. to ${nextVersion(release.version)}) and build again`,
        );
      }
      if (release.id && built.id && release.id.toLowerCase() !== built.id) {
        add(
          'id-changed',
          idElement,
          `<Id> ${built.id} 与已发布版本的 <Id> ${release.id}（${release.from}）不同：Office 会把它当作另一个加载项。更新时须保持 <Id> 不变`,
          `<Id> ${built.id} differs from the released one, ${release.id} (${release.from}): Office would take it for another add-in. Keep the <Id> when updating`,
        );
      }
    }
  }
  return { ok: issues.length === 0, issues, publicUrl: publicUrl || undefined, inferred };
}

/** The version with its third part raised: a suggestion for the message. */
function nextVersion(version) {
  const parts = version.split('.').map(Number);
  parts[2] = (parts[2] || 0) + 1;
  parts[3] = 0;
  return parts.join('.');
}

// ───────────────────────────── command line ─────────────────────────────

function validateManifestFile(file) {
  return validateManifest(fs.readFileSync(file, 'utf8'));
}

/** The record of released versions that `npm run validate` reads by default. */
const RELEASED_LIST = path.join(__dirname, '..', 'docs', 'released-versions.txt');

function parseArgs(argv) {
  const options = { source: undefined, built: undefined, publicUrl: process.env.ADDIN_PUBLIC_URL || undefined, released: [], releasedList: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} 后面缺少取值 / ${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--built') options.built = value();
    else if (arg === '--public-url') options.publicUrl = value();
    else if (arg === '--released') options.released.push(value());
    else if (arg === '--released-list') options.releasedList = value();
    else if (arg.startsWith('--')) throw new Error(`不认识的选项 ${arg} / unknown option ${arg}`);
    else if (options.source === undefined) options.source = arg;
    else throw new Error(`多余的参数 ${arg} / unexpected argument ${arg}`);
  }
  return options;
}

function report(name, result) {
  if (result.ok) {
    console.log(`${name}：检查通过。`);
    console.log(`${name}: the manifest passes the offline checks.`);
    return 0;
  }
  console.error(`${name}：发现 ${result.issues.length} 个问题 / ${result.issues.length} problem(s) found`);
  for (const issue of result.issues) {
    console.error(`  ✗ ${issue.message}`);
    console.error(`    ${issue.messageEn}`);
  }
  return 1;
}

/**
 * node scripts/validate-manifest.js [manifest.xml] [--built dist/web/manifest.xml] [--public-url URL]
 *   [--released manifest.xml|VERSION]… [--released-list FILE]
 * The source manifest is checked as always; the built one, when given and present, also as a
 * release (see above). --public-url defaults to ADDIN_PUBLIC_URL; --released-list to
 * docs/released-versions.txt.
 */
function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const file = path.resolve(options.source || 'manifest.xml');
  let sourceText;
  try {
    sourceText = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`无法读取清单文件 ${file}：${error.message}`);
    console.error(`Cannot read the manifest ${file}: ${error.message}`);
    return 2;
  }
  let code = report(path.relative(process.cwd(), file) || file, validateManifest(sourceText));
  if (!options.built) return code;

  const builtFile = path.resolve(options.built);
  const builtName = path.relative(process.cwd(), builtFile) || builtFile;
  if (!fs.existsSync(builtFile)) {
    console.log(`未找到 ${builtName}（尚未构建），只检查了源清单。`);
    console.log(`${builtName} not found (not built yet): only the source manifest was checked.`);
    return code;
  }
  const released = [];
  const listFile = path.resolve(options.releasedList || RELEASED_LIST);
  if (fs.existsSync(listFile)) released.push(...readReleasedList(fs.readFileSync(listFile, 'utf8'), path.relative(process.cwd(), listFile) || listFile));
  else if (options.releasedList) {
    console.error(`无法读取已发布版本记录 ${listFile} / cannot read ${listFile}`);
    return 2;
  }
  for (const entry of options.released) {
    if (VERSION.test(entry)) {
      released.push({ version: entry, from: '--released' });
      continue;
    }
    const releasedFile = path.resolve(entry);
    let info;
    try {
      info = identity(fs.readFileSync(releasedFile, 'utf8'));
    } catch (error) {
      console.error(`无法读取已发布的清单 ${releasedFile}：${error.message} / cannot read ${releasedFile}`);
      return 2;
    }
    if (!info || !VERSION.test(info.version)) {
      console.error(`${releasedFile} 不是可读取版本号的清单 / ${releasedFile} is not a manifest with a version`);
      return 2;
    }
    released.push({ ...info, from: path.relative(process.cwd(), releasedFile) || releasedFile });
  }
  const result = validateBuiltManifest(fs.readFileSync(builtFile, 'utf8'), { publicUrl: options.publicUrl, source: sourceText, released });
  if (result.publicUrl) {
    console.log(
      result.inferred
        ? `发布地址（由 <SourceLocation> 推定；可用 ADDIN_PUBLIC_URL 指定）/ public URL (from <SourceLocation>): ${result.publicUrl}`
        : `发布地址 / public URL: ${result.publicUrl}`,
    );
  }
  code = Math.max(code, report(`${builtName}（发布检查 / release checks）`, result));
  return code;
}

module.exports = { validateManifest, validateManifestFile, validateBuiltManifest, readReleasedList, compareVersions };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
