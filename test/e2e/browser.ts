/**
 * Debian's chromium driven by playwright-core, closed to the outside world: every request that
 * does not go to our localhost server is answered by a stub (office.js) or aborted.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// playwright gives each launch a fresh, empty profile directory of its own.

/**
 * The browser in a user's language. On Linux, Chromium takes its UI language, which decides how a
 * date box shows its date (2026/12/04 or 12/04/2026), from the LANGUAGE environment variable, not
 * from --lang or a context's locale; the zh_CN language pack comes with Debian's chromium-l10n.
 */
export async function launchChromium(language: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium（${CHROMIUM}）。请先安装：apt-get install -y chromium chromium-l10n（npm test 会自动安装）`);
  }
  const env = { ...process.env, LANGUAGE: language.replace('-', '_') } as Record<string, string>;
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, env });
}

/** The URL production pages load office.js from; the tests answer it with the fake host. */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
