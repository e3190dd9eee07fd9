/**
 * `npm run validate` on the built manifest (scripts/validate-manifest.js, issue 16): dist/web's
 * manifest.xml as a release. Every URL under ADDIN_PUBLIC_URL, none on this machine, a fresh
 * version (the source's, and above every released one), the same Id; each refusal says why in
 * Chinese first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readReleasedList, validateBuiltManifest, type BuiltManifestCheck } from '../../scripts/validate-manifest';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'validate-manifest.js');
const SOURCE = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const PUBLIC = 'https://jxzp.example.gov.cn/jxzp/';
const VERSION = /<Version>([^<]+)<\/Version>/.exec(SOURCE)![1];
const ID = /<Id>([^<]+)<\/Id>/.exec(SOURCE)![1];

/** The manifest as `ADDIN_PUBLIC_URL=… npm run build` writes it. */
const built = (publicUrl = PUBLIC) => SOURCE.split('https://localhost:3000/').join(publicUrl);
const codes = (check: BuiltManifestCheck) => check.issues.map((issue) => issue.code);

describe('a release build', () => {
  it('passes: every URL under the public URL, the source version, nothing released yet', () => {
    const check = validateBuiltManifest(built(), { publicUrl: PUBLIC, source: SOURCE, released: [] });
    expect(check.issues).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.publicUrl).toBe(PUBLIC);
  });

  it('without ADDIN_PUBLIC_URL, takes the folder of <SourceLocation> as the public URL', () => {
    const check = validateBuiltManifest(built(), { source: SOURCE });
    expect(check).toMatchObject({ ok: true, publicUrl: PUBLIC, inferred: true });
  });
});

describe('refused, with a clear message', () => {
  it('a build for this machine (a plain npm run build): one message, counting the localhost URLs and saying how to rebuild', () => {
    const check = validateBuiltManifest(SOURCE, { source: SOURCE });
    expect(codes(check)).toEqual(['url-localhost']);
    expect(check.issues[0].message).toMatch(/^第\d+行：清单中有 \d+ 个地址指向本机（localhost），如 <IconUrl>“https:\/\/localhost:3000\/assets\/icon-32\.png”/);
    expect(check.issues[0].message).toContain('请用 ADDIN_PUBLIC_URL=https://服务器地址/路径/ npm run build 重新构建后再发布');
    expect(check.issues[0].messageEn).toContain('point at this machine');
  });

  it('127.0.0.1 counts as this machine too', () => {
    expect(codes(validateBuiltManifest(built('https://127.0.0.1:8443/'), { source: SOURCE }))).toEqual(['url-localhost']);
  });

  it('a URL outside the public URL: names the element and both addresses', () => {
    const xml = built().replace(`<SupportUrl DefaultValue="${PUBLIC}assets/help.html"/>`, '<SupportUrl DefaultValue="https://oa.example.gov.cn/help.html"/>');
    expect(xml).not.toBe(built());
    const check = validateBuiltManifest(xml, { publicUrl: PUBLIC, source: SOURCE });
    expect(codes(check)).toEqual(['url-outside-public']);
    expect(check.issues[0].message).toMatch(
      /^第\d+行：<SupportUrl> 的地址“https:\/\/oa\.example\.gov\.cn\/help\.html”不在发布地址 https:\/\/jxzp\.example\.gov\.cn\/jxzp\/ 之下$/,
    );
  });

  it('built for another public URL than the one given', () => {
    const check = validateBuiltManifest(built('https://old.example.gov.cn/'), { publicUrl: PUBLIC, source: SOURCE });
    expect(new Set(codes(check))).toEqual(new Set(['url-outside-public']));
    expect(check.issues.length).toBeGreaterThan(5);
  });

  it('a stale build (built before <Version> was raised in manifest.xml)', () => {
    const raised = SOURCE.replace(`<Version>${VERSION}</Version>`, '<Version>9.9.9.9</Version>');
    const check = validateBuiltManifest(built(), { publicUrl: PUBLIC, source: raised });
    expect(codes(check)).toEqual(['version-stale-build']);
    expect(check.issues[0].message).toContain(`构建出的清单版本为 ${VERSION}，而 manifest.xml 的版本为 9.9.9.9`);
    expect(check.issues[0].message).toContain('请重新运行 npm run build');
  });

  it('a version not above one already released (equal, or lower), saying where that was read and what to raise it to', () => {
    for (const released of [VERSION, '99.0.0.0']) {
      const check = validateBuiltManifest(built(), {
        publicUrl: PUBLIC,
        source: SOURCE,
        released: [{ version: released, from: '\\\\jxzp-fs01\\加载项目录\\manifest.xml' }],
      });
      expect(codes(check)).toEqual(['version-not-newer']);
      expect(check.issues[0].message).toContain(`<Version> ${VERSION} 不高于已发布的版本 ${released}（\\\\jxzp-fs01\\加载项目录\\manifest.xml）`);
      expect(check.issues[0].message).toContain('Office 只在版本号升高时更新已安装的加载项');
      expect(check.issues[0].message).toContain('请先提高 manifest.xml 中的 <Version>');
    }
    // Compared as numbers, part by part: 0.1.0.0 is above 0.0.10.0.
    expect(validateBuiltManifest(built(), { publicUrl: PUBLIC, source: SOURCE, released: [{ version: '0.0.10.0', from: 'x' }] }).ok).toBe(true);
  });

  it('an <Id> other than the released one', () => {
    const check = validateBuiltManifest(built(), {
      publicUrl: PUBLIC,
      source: SOURCE,
      released: [{ version: '0.0.1.0', id: '11111111-2222-3333-4444-555555555555', from: 'released.xml' }],
    });
    expect(codes(check)).toEqual(['id-changed']);
    expect(check.issues[0].message).toContain('Office 会把它当作另一个加载项。更新时须保持 <Id> 不变');
  });
});

it('the released-versions record: the first word of each line that is not a comment', () => {
  expect(readReleasedList('# 注释\n0.1.0.0  2026-09-01  首次发布\n\n  0.2.0.0 # 第二次\nnot-a-version\n', 'docs/released-versions.txt')).toEqual([
    { version: '0.1.0.0', from: 'docs/released-versions.txt' },
    { version: '0.2.0.0', from: 'docs/released-versions.txt' },
  ]);
  // The record in the repository reads, whatever it holds.
  const record = fs.readFileSync(path.join(ROOT, 'docs/released-versions.txt'), 'utf8');
  for (const entry of readReleasedList(record, 'docs')) expect(entry.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
});

describe('npm run validate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-built-'));
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [SCRIPT, path.join(ROOT, 'manifest.xml'), ...args], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, ADDIN_PUBLIC_URL: '', ...env },
    });
  const emptyRecord = path.join(dir, 'released.txt');
  fs.writeFileSync(emptyRecord, '# none yet\n');

  it('no build yet: checks the source only, and says so', () => {
    const result = run(['--built', path.join(dir, 'missing', 'manifest.xml')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('尚未构建');
  });

  it('a release build with ADDIN_PUBLIC_URL: passes', () => {
    const file = path.join(dir, 'release.xml');
    fs.writeFileSync(file, built());
    const result = run(['--built', file, '--released-list', emptyRecord], { ADDIN_PUBLIC_URL: PUBLIC });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`发布地址 / public URL: ${PUBLIC}`);
  });

  it('a localhost build: exit 1, the message on stderr', () => {
    const file = path.join(dir, 'local.xml');
    fs.writeFileSync(file, SOURCE);
    const result = run(['--built', file, '--released-list', emptyRecord]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('指向本机（localhost）');
  });

  it('--released with the manifest now on the share, or a version: a version not above it is refused', () => {
    const file = path.join(dir, 'release.xml');
    fs.writeFileSync(file, built());
    const onShare = path.join(dir, 'on-share.xml');
    fs.writeFileSync(onShare, built());
    const result = run(['--built', file, '--released-list', emptyRecord, '--released', onShare], { ADDIN_PUBLIC_URL: PUBLIC });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`不高于已发布的版本 ${VERSION}（on-share.xml）`);
    expect(run(['--built', file, '--released-list', emptyRecord, '--released', '0.0.0.1'], { ADDIN_PUBLIC_URL: PUBLIC }).status).toBe(0);
  });

  it('the record file lists a released version: the same version is refused', () => {
    const file = path.join(dir, 'release.xml');
    fs.writeFileSync(file, built());
    const record = path.join(dir, 'record.txt');
    fs.writeFileSync(record, `${VERSION} 2026-09-01 首次发布\n`);
    const result = run(['--built', file, '--released-list', record], { ADDIN_PUBLIC_URL: PUBLIC });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('record.txt');
  });

  it(`keeps the manifest's Id (${ID}) as the one the checks compare`, () => {
    expect(ID).toMatch(/^[0-9a-f-]{36}$/);
  });
});
