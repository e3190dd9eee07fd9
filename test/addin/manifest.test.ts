/**
 * The manifest and its offline checker (scripts/validate-manifest.js): the real manifest passes,
 * and each kind of breakage that stops sideloading is caught with a message that says what is wrong.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { validateManifest, type ManifestCheck } from '../../scripts/validate-manifest';

const ROOT = path.join(__dirname, '..', '..');
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
/** Line of the <OfficeApp> start tag: where a missing child element is reported. */
const ROOT_LINE = MANIFEST.split('\n').findIndex((line) => line.startsWith('<OfficeApp')) + 1;

/** The real manifest with one exact piece of text replaced (the piece must be there). */
function variant(from: string | RegExp, to: string): string {
  const changed = MANIFEST.replace(from, to);
  expect(changed).not.toBe(MANIFEST);
  return changed;
}

function codes(check: ManifestCheck): string[] {
  return check.issues.map((i) => i.code);
}

describe('the real manifest', () => {
  it('passes the offline check', () => {
    const check = validateManifest(MANIFEST);
    expect(check.issues).toEqual([]);
    expect(check.ok).toBe(true);
  });

  const doc = new DOMParser().parseFromString(MANIFEST, 'text/xml');
  const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';

  it('has an en-US override for the display name, the description and every resource string', () => {
    for (const name of ['DisplayName', 'Description']) {
      const element = doc.getElementsByTagName(name)[0];
      const override = Array.from(element.getElementsByTagName('Override')).find((o) => o.getAttribute('Locale') === 'en-US');
      expect(override?.getAttribute('Value')).toBeTruthy();
    }
    const strings = Array.from(doc.getElementsByTagNameNS(BT, 'String'));
    expect(strings.length).toBeGreaterThanOrEqual(8);
    for (const s of strings) {
      const overrides = Array.from(s.getElementsByTagNameNS(BT, 'Override')).filter((o) => o.getAttribute('Locale') === 'en-US');
      expect([s.getAttribute('id'), overrides.length]).toEqual([s.getAttribute('id'), 1]);
      // zh-CN is the default: the default text is Chinese, the override is not.
      expect(s.getAttribute('DefaultValue')).toMatch(/[\u4e00-\u9fff]/);
      expect(overrides[0].getAttribute('Value')).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names the ribbon as the issue asks: 一键评分 runs scoreActiveSheet, 打开助手 shows the pane, in Excel and Word', () => {
    expect(MANIFEST).toContain('<FunctionName>scoreActiveSheet</FunctionName>');
    expect(MANIFEST).toMatch(
      /<Host xsi:type="Workbook">[\s\S]*<OfficeTab id="TabHome">[\s\S]*ExecuteFunction[\s\S]*ShowTaskpane[\s\S]*<\/Host>\s*<!--[^]*?-->\s*<Host xsi:type="Document">[\s\S]*ShowTaskpane/,
    );
    expect(MANIFEST).toContain('DefaultValue="一键评分"');
    expect(MANIFEST).toContain('DefaultValue="打开助手"');
    expect(MANIFEST).toContain('DefaultValue="绩效自评"');
    expect(MANIFEST).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    expect(MANIFEST).toContain('<Permissions>ReadWriteDocument</Permissions>');
  });

  it('declares no application-specific requirement set, which would shut out the other host', () => {
    expect(MANIFEST).not.toMatch(/<Set Name="(ExcelApi|WordApi)/);
  });

  it('points only at icons that exist in assets/, each of the size its name says', () => {
    const urls = [...MANIFEST.matchAll(/"https:\/\/localhost:3000\/assets\/([^"]+\.png)"/g)].map((m) => m[1]);
    expect(new Set(urls)).toEqual(new Set(['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']));
    for (const file of new Set(urls)) {
      const png = fs.readFileSync(path.join(ROOT, 'assets', file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const size = Number(/icon-(\d+)/.exec(file)![1]);
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(fs.existsSync(path.join(ROOT, 'assets', 'help.html'))).toBe(true);
  });
});

describe('the checker catches a broken manifest', () => {
  it('not well-formed XML', () => {
    const check = validateManifest(variant('<ProviderName>绩效自评助手</ProviderName>', '<ProviderName>绩效自评助手</Provider>'));
    expect(check.ok).toBe(false);
    expect(codes(check)).toEqual(['xml']);
    expect(check.issues[0].message).toMatch(/^清单不是格式正确的 XML（第\d+行）/);
    expect(check.issues[0].messageEn).toMatch(/not well-formed XML/);
  });

  it('an unquoted attribute, which a lenient parser would let through', () => {
    const check = validateManifest(variant('<Set Name="DialogApi" MinVersion="1.1"/>', '<Set Name="DialogApi" MinVersion=1.1/>'));
    expect(codes(check)).toEqual(['xml']);
  });

  it('a Version with three parts', () => {
    const check = validateManifest(variant('<Version>0.1.0.0</Version>', '<Version>0.1.0</Version>'));
    expect(codes(check)).toEqual(['version']);
    expect(check.issues[0].message).toMatch(/^第\d+行：<Version> 必须由四段数字组成（如 1\.0\.0\.0），现为“0\.1\.0”$/);
    expect(check.issues[0].messageEn).toContain('four numeric parts');
  });

  it('an Id that is not a GUID', () => {
    const check = validateManifest(variant(/<Id>[^<]+<\/Id>/, '<Id>my-add-in</Id>'));
    expect(codes(check)).toEqual(['id-not-guid']);
    expect(check.issues[0].message).toContain('<Id> 必须是 GUID');
  });

  it('an http URL, in the base manifest or among the resources', () => {
    const base = validateManifest(variant('<SourceLocation DefaultValue="https://', '<SourceLocation DefaultValue="http://'));
    expect(codes(base)).toEqual(['not-https']);
    expect(base.issues[0].message).toMatch(/<SourceLocation> 的地址必须以 https:\/\/ 开头，现为“http:\/\/localhost:3000\/taskpane\.html”/);

    const resource = validateManifest(variant('<bt:Url id="Commands.Url" DefaultValue="https://', '<bt:Url id="Commands.Url" DefaultValue="http://'));
    expect(codes(resource)).toEqual(['not-https']);
    expect(resource.issues[0].message).toContain('<bt:Url id="Commands.Url">');
    expect(resource.issues[0].messageEn).toContain('must be an https:// URL');
  });

  it('a resid that names no resource', () => {
    const check = validateManifest(variant('<Description resid="Score.Tooltip"/>', '<Description resid="Score.Tooltipp"/>'));
    expect(codes(check)).toEqual(['dangling-resid']);
    expect(check.issues[0].message).toMatch(/^第\d+行：<Description resid="Score\.Tooltipp"> 引用的资源“Score\.Tooltipp”在 <Resources> 中不存在$/);
  });

  it('a resid that names a resource of the wrong kind', () => {
    const check = validateManifest(variant('<Description resid="Score.Tooltip"/>', '<Description resid="Score.Label"/>'));
    expect(codes(check)).toEqual(['resid-kind']);
    expect(check.issues[0].message).toContain('应引用 bt:LongStrings 中的资源，“Score.Label”却在 bt:ShortStrings 中');
  });

  it('a missing IconUrl', () => {
    const check = validateManifest(variant(/\s*<IconUrl [^>]+\/>/, ''));
    expect(codes(check)).toEqual(['missing-element']);
    expect(check.issues[0].message).toBe(`第${ROOT_LINE}行：缺少必需的元素 <IconUrl>`);
    expect(check.issues[0].messageEn).toBe(`line ${ROOT_LINE}: required element <IconUrl> is missing`);
  });

  it('a missing DefaultSettings/SourceLocation', () => {
    const check = validateManifest(variant(/\n {2}<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, ''));
    expect(check.issues.map((i) => i.message)).toEqual([`第${ROOT_LINE}行：缺少必需的元素 <DefaultSettings/SourceLocation>`]);
  });

  it('the same control id twice', () => {
    const check = validateManifest(variant('id="PerfEval.Word.Open"', 'id="PerfEval.Excel.Open"'));
    expect(codes(check)).toEqual(['duplicate-id']);
    expect(check.issues[0].message).toMatch(/^第\d+行：控件 id“PerfEval\.Excel\.Open”重复（第\d+行已使用）$/);
  });

  it('the same resource id twice, an over-long label, an icon without its 80 px image', () => {
    expect(
      codes(validateManifest(variant('</bt:Urls>', '  <bt:Url id="Help.Url" DefaultValue="https://localhost:3000/other.html"/>\n      </bt:Urls>'))),
    ).toEqual(['duplicate-resource']);
    expect(codes(validateManifest(variant('DefaultValue="一键评分"', `DefaultValue="${'评'.repeat(126)}"`)))).toEqual(['string-too-long']);
    expect(codes(validateManifest(variant(/\s*<bt:Image size="80" resid="Icon.80x80"\/>/, '')))).toEqual(['icon-sizes']);
  });

  it('an ExecuteFunction without its FunctionName', () => {
    const check = validateManifest(variant('<FunctionName>scoreActiveSheet</FunctionName>', ''));
    expect(codes(check)).toEqual(['function-name']);
  });

  it('a file that is not an OfficeApp manifest at all', () => {
    expect(codes(validateManifest('<?xml version="1.0"?><html/>'))).toEqual(['root']);
    expect(codes(validateManifest(''))).toEqual(['xml']);
  });
});

/**
 * Rules from Microsoft's XSD schemas that the checker once let through (issue 11, item 11): each
 * broken manifest below is rejected, with a message that names the element. The rules and their
 * sources are listed in scripts/validate-manifest.js ("schema rules").
 */
describe('the checker enforces the schema rules Office applies', () => {
  /**
   * The real manifest with one top-level line moved: `piece` is cut out and put back on its own line
   * before the line that starts with `before` (the file's leading comment names elements too).
   */
  function moved(piece: string | RegExp, before: string): string {
    const found = typeof piece === 'string' ? piece : piece.exec(MANIFEST)?.[0];
    expect(found).toBeTruthy();
    const without = MANIFEST.replace(`\n  ${found!}`, '');
    expect(without).not.toBe(MANIFEST);
    const anchor = `\n  ${before}`;
    expect(without.split(anchor)).toHaveLength(2);
    return without.replace(anchor, `\n  ${found}${anchor}`);
  }

  const only = (check: ManifestCheck, code: string) => {
    expect(codes(check)).toEqual([code]);
    return check.issues[0];
  };

  it('OfficeApp children out of the schema sequence: SupportUrl after Hosts', () => {
    const issue = only(validateManifest(moved(/<SupportUrl [^>]+\/>/, '<Requirements>')), 'element-order');
    expect(issue.message).toMatch(
      /^第\d+行：<SupportUrl> 应放在 <Hosts> 之前：<OfficeApp> 的子元素须按微软清单架构规定的顺序排列（<Id>、<AlternateId>、<Version>、<ProviderName>、<DefaultLocale>、<DisplayName>、<Description>、<IconUrl>、<HighResolutionIconUrl>、<SupportUrl>、<AppDomains>、<Hosts>、<Requirements>、<DefaultSettings>、<Permissions>/,
    );
    expect(issue.messageEn).toContain('<SupportUrl> must come before <Hosts>');
  });

  it('OfficeApp children out of the schema sequence: Permissions before DefaultSettings, Version before Id', () => {
    const permissions = only(validateManifest(moved('<Permissions>ReadWriteDocument</Permissions>', '<DefaultSettings>')), 'element-order');
    expect(permissions.message).toContain('<DefaultSettings> 应放在 <Permissions> 之前');
    const version = only(validateManifest(moved('<Version>0.1.0.0</Version>', '<Id>')), 'element-order');
    expect(version.message).toContain('<Id> 应放在 <Version> 之前');
  });

  it("VersionOverrides children out of order: a control's Supertip before its Label, LongStrings before ShortStrings", () => {
    const control = validateManifest(
      variant(
        '<Label resid="Score.Label"/>\n                  <Supertip>\n                    <Title resid="Score.Label"/>\n                    <Description resid="Score.Tooltip"/>\n                  </Supertip>',
        '<Supertip>\n                    <Title resid="Score.Label"/>\n                    <Description resid="Score.Tooltip"/>\n                  </Supertip>\n                  <Label resid="Score.Label"/>',
      ),
    );
    expect(only(control, 'element-order').message).toContain('<Label> 应放在 <Supertip> 之前：<Control> 的子元素');
    const strings = /\s*<bt:LongStrings>[\s\S]*<\/bt:LongStrings>/.exec(MANIFEST)![0];
    const resources = validateManifest(MANIFEST.replace(strings, '').replace('<bt:ShortStrings>', `${strings.trim()}\n      <bt:ShortStrings>`));
    expect(only(resources, 'element-order').message).toContain('<bt:ShortStrings> 应放在 <bt:LongStrings> 之前：<Resources> 的子元素');
  });

  it('an element the schema allows once, twice', () => {
    const issue = only(validateManifest(variant('<Version>0.1.0.0</Version>', '<Version>0.1.0.0</Version>\n  <Version>0.2.0.0</Version>')), 'element-repeated');
    expect(issue.message).toMatch(/^第\d+行：<OfficeApp> 中 <Version> 只能出现一次$/);
  });

  it('a child the task pane schema does not have: RequestedWidth (content add-ins only), an unknown element', () => {
    const width = only(
      validateManifest(
        variant(
          '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
          '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>\n    <RequestedWidth>300</RequestedWidth>',
        ),
      ),
      'element-unknown',
    );
    expect(width.message).toBe(
      `第${MANIFEST.split('\n').findIndex((l) => l.includes('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>')) + 2}行：<RequestedWidth> 不是 <DefaultSettings> 的有效子元素（<DefaultSettings> 的子元素依次为：<SourceLocation>）`,
    );
    const unknown = only(
      validateManifest(variant('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteDocument</Permissions>\n  <Theme>dark</Theme>')),
      'element-unknown',
    );
    expect(unknown.message).toContain('<Theme> 不是 <OfficeApp> 的有效子元素');
  });

  it('a resource id over 32 characters, and the resid that names it', () => {
    const id33 = 'Score.Tooltip.' + 'x'.repeat(19);
    expect(id33).toHaveLength(33);
    const check = validateManifest(MANIFEST.split('"Score.Tooltip"').join(`"${id33}"`));
    expect(codes(check)).toEqual(['id-too-long', 'id-too-long']);
    const messages = check.issues.map((i) => i.message);
    expect(messages.find((m) => m.includes('resid'))).toMatch(
      new RegExp(`^第\\d+行：<Description resid="${id33}"> 的 resid 长 33 个字符，超过上限 32 个字符$`),
    );
    expect(messages.find((m) => m.includes('资源'))).toMatch(new RegExp(`^第\\d+行：资源 <bt:String id="${id33}"> 的 id 长 33 个字符，超过上限 32 个字符$`));
    // 32 is allowed.
    expect(validateManifest(MANIFEST.split('"Score.Tooltip"').join(`"${id33.slice(0, 32)}"`)).issues).toEqual([]);
  });

  it('ShortStrings over 125 characters: a resource override, the DisplayName, the ProviderName', () => {
    const override = only(
      validateManifest(variant('<bt:Override Locale="en-US" Value="Score"/>', `<bt:Override Locale="en-US" Value="${'S'.repeat(126)}"/>`)),
      'string-too-long',
    );
    expect(override.message).toContain('资源“Score.Label”的文字长 126 字，超过 bt:ShortStrings 的上限 125 字');
    expect(validateManifest(variant('<bt:Override Locale="en-US" Value="Score"/>', `<bt:Override Locale="en-US" Value="${'S'.repeat(125)}"/>`)).ok).toBe(true);

    const display = only(
      validateManifest(variant('<DisplayName DefaultValue="绩效自评助手">', `<DisplayName DefaultValue="${'绩'.repeat(126)}">`)),
      'string-too-long',
    );
    expect(display.message).toMatch(/^第\d+行：<DisplayName> 的 DefaultValue 长 126 个字符，超过上限 125 个字符$/);
    const displayEn = only(validateManifest(variant('Value="Performance Self-Evaluation Assistant"', `Value="${'P'.repeat(126)}"`)), 'string-too-long');
    expect(displayEn.message).toContain('<DisplayName> 的 en-US 译文长 126 个字符');
    const provider = only(
      validateManifest(variant('<ProviderName>绩效自评助手</ProviderName>', `<ProviderName>${'绩'.repeat(126)}</ProviderName>`)),
      'string-too-long',
    );
    expect(provider.message).toContain('<ProviderName> 长 126 个字符，超过上限 125 个字符');
  });

  it('LongStrings over 250 characters: a resource, the Description', () => {
    const long = only(validateManifest(variant(/(<bt:String id="Score.Tooltip" DefaultValue=")[^"]+"/, `$1${'评'.repeat(251)}"`)), 'string-too-long');
    expect(long.message).toContain('资源“Score.Tooltip”的文字长 251 字，超过 bt:LongStrings 的上限 250 字');
    expect(validateManifest(variant(/(<bt:String id="Score.Tooltip" DefaultValue=")[^"]+"/, `$1${'评'.repeat(250)}"`)).ok).toBe(true);
    const description = only(validateManifest(variant(/(<Description DefaultValue=")[^"]+"/, `$1${'识'.repeat(251)}"`)), 'string-too-long');
    expect(description.message).toContain('<Description> 的 DefaultValue 长 251 个字符，超过上限 250 个字符');
  });

  it('a URL over 2048 characters, in the base manifest or among the resources', () => {
    const long = `https://localhost:3000/assets/help.html?${'q'.repeat(2048)}`;
    const support = only(
      validateManifest(variant('<SupportUrl DefaultValue="https://localhost:3000/assets/help.html"/>', `<SupportUrl DefaultValue="${long}"/>`)),
      'url-too-long',
    );
    expect(support.message).toContain(`<SupportUrl> 的 DefaultValue 长 ${long.length} 个字符，超过上限 2048 个字符`);
    const resource = only(
      validateManifest(
        variant('<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/assets/help.html"/>', `<bt:Url id="Help.Url" DefaultValue="${long}"/>`),
      ),
      'url-too-long',
    );
    expect(resource.message).toContain('<bt:Url id="Help.Url"> 的 DefaultValue 长');
  });
});

describe('npm run validate (scripts/validate-manifest.js)', () => {
  it('exits 1 for a manifest out of the schema order and names the element, in Chinese and English; 0 for the real one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    try {
      const broken = path.join(dir, 'manifest.xml');
      fs.writeFileSync(
        broken,
        MANIFEST.replace('\n  <Version>0.1.0.0</Version>', '').replace('\n  <DefaultLocale>', '\n  <Version>0.1.0.0</Version>\n  <DefaultLocale>'),
      );
      const script = path.join(ROOT, 'scripts', 'validate-manifest.js');
      const bad = spawnSync(process.execPath, [script, broken], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('<Version> 应放在 <ProviderName> 之前');
      expect(bad.stderr).toContain('<Version> must come before <ProviderName>');
      const good = spawnSync(process.execPath, [script, path.join(ROOT, 'manifest.xml')], { encoding: 'utf8' });
      expect(good.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
