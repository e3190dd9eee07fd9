/** One rule for the product's language: Chinese for any Chinese display language and for none, English otherwise. */
import { productLanguage } from '../../src/app/language';
import { messageLanguage, readPageQuery } from '../../src/commands/message';
import { dialogStrings } from '../../src/report-dialog/strings';
import { stringsFor } from '../../src/taskpane/strings';

test.each([
  ['zh-CN', 'zh-CN'],
  ['zh-TW', 'zh-CN'],
  ['ZH', 'zh-CN'],
  ['zh_Hans', 'zh-CN'],
  [undefined, 'zh-CN'],
  ['', 'zh-CN'],
  [null, 'zh-CN'],
  ['en-US', 'en-US'],
  ['fr-FR', 'en-US'],
  ['zhx', 'en-US'],
] as const)('%s → %s', (display, language) => {
  expect(productLanguage(display)).toBe(language);
});

test('the pane, the report dialog, the message box and its page query all follow it, with the same default', () => {
  for (const display of ['zh-CN', 'en-US', 'de-DE', undefined]) {
    const zh = productLanguage(display) === 'zh-CN';
    expect(stringsFor(display).lang).toBe(zh ? 'zh' : 'en');
    expect(dialogStrings(display)).toBe(dialogStrings(zh ? 'zh-CN' : 'en-US'));
    expect(messageLanguage(display)).toBe(productLanguage(display));
  }
  expect(readPageQuery('').lang).toBe('zh-CN');
  expect(readPageQuery('?lang=en-US').lang).toBe('en-US');
});
