/**
 * Run first by `npm test`: the end-to-end tests drive Debian's chromium (playwright-core never
 * downloads a browser here), so a fresh machine with only Node gets it from Debian's packages,
 * with its language packs (chromium-l10n): Debian's chromium ships only en-US, and without the
 * zh-CN pack a date box shows 12/08/2026 even in a zh-CN page. Nothing is done when both are
 * there (or CHROMIUM_PATH names another browser).
 */
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ZH_CN_PACK = '/usr/lib/chromium/locales/zh-CN.pak';
const needed = process.env.CHROMIUM_PATH ? [CHROMIUM] : [CHROMIUM, ZH_CN_PACK];

function run(command, args) {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (needed.some((file) => !existsSync(file))) {
  const asRoot = process.getuid && process.getuid() === 0 ? [] : ['sudo', '-n'];
  const apt = (...args) => (asRoot.length ? run(asRoot[0], [...asRoot.slice(1), 'apt-get', ...args]) : run('apt-get', args));
  try {
    console.log('正在安装端到端测试所需的 Chromium（Debian 软件包）… / Installing chromium for the end-to-end tests…');
    apt('update', '-qq');
    apt('install', '-y', '-qq', '--no-install-recommends', 'chromium', 'chromium-l10n');
  } catch {
    console.error(
      `错误：无法自动安装 Chromium，请以管理员身份运行 apt-get install -y chromium chromium-l10n 后再运行 npm test / ` +
        `Error: could not install chromium; run apt-get install -y chromium chromium-l10n as root, then npm test again`,
    );
    process.exit(1);
  }
}
