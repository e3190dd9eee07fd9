/**
 * The settings the add-in saved in an .xlsx (xl/webextensions/webextension*.xml), read back from
 * the file as the Word pane and the command line read them: ours only, sanitised as in Excel, and
 * nothing (never an error) for a file without them or with a damaged part.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addCustomXmlPart, addSavedSettings, FIXTURE, FIXTURE_SETTINGS, SEED, webExtensionXml } from '../../scripts/make-saved-settings-fixture';
import { sanitiseSettings, withProfile } from '../../src/app/settings';
import { propertyValue, readSavedAddinSettings } from '../../src/xlsx/addin-settings';
import { prepareWorkbook } from '../../src/xlsx/prepare';
import { addinDataXml, ADDIN_DATA_NAMESPACES } from '../../src/app/addin-data-parts';

const seed = () => new Uint8Array(readFileSync(SEED));
const jsonAttr = (value: unknown) => JSON.stringify(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

test('the committed fixture holds the settings the script saves, read back as saved', async () => {
  const settings = await readSavedAddinSettings(new Uint8Array(readFileSync(FIXTURE)));
  expect(settings).toEqual({ ...FIXTURE_SETTINGS, judgements: { 自评表: { 20: 0.5 } } });
  expect(path.basename(FIXTURE)).toBe('saved-settings.xlsx');
});

test('every field: profile, overrides, judgements per row, table choice, keepExistingScores', async () => {
  const saved = {
    profileId: 'mof-2020',
    overrides: {
      reverseFormula: 'linear',
      grades: [
        { min: 90, label: '甲' },
        { min: 0, label: '乙' },
      ],
    },
    keepExistingScores: true,
    judgements: { 自评表: { 20: 0.75, 14: { tier: 'failed' } }, 'Sheet "2"': { 9: { tier: 'achieved', share: 1 } } },
    tableRows: { 自评表: 12 },
  };
  expect(await readSavedAddinSettings(await addSavedSettings(seed(), saved))).toEqual(sanitiseSettings(saved));
});

test('sanitised with the parser the Excel host uses: unknown fields dropped, wrong types defaulted', async () => {
  const saved = {
    profileId: 'hunan-nanyue',
    keepExistingScores: 'yes',
    judgements: { 自评表: { 20: 7, x: 0.5, 14: 0.5 } },
    tableRows: { 自评表: -1 },
    extra: 1,
  };
  expect(await readSavedAddinSettings(await addSavedSettings(seed(), saved))).toEqual({
    profileId: 'hunan-nanyue',
    overrides: {},
    keepExistingScores: false,
    judgements: { 自评表: { 14: 0.5 } },
    tableRows: {},
  });
});

test('a workbook without web extensions, or whose add-ins are others, has none', async () => {
  expect(await readSavedAddinSettings(seed())).toBeUndefined();
  const other = await addSavedSettings(seed(), undefined, {
    part: webExtensionXml([
      ['Office.AutoShowTaskpaneWithDocument', 'true'],
      ['other.settings', jsonAttr({ profileId: 'yunnan' })],
    ]),
  });
  expect(await readSavedAddinSettings(other)).toBeUndefined();
});

test("our part is found by its key among other add-ins' parts", async () => {
  const bytes = await addSavedSettings(seed(), { profileId: 'yunnan' }, { otherAddin: true });
  expect((await readSavedAddinSettings(bytes))?.profileId).toBe('yunnan');
});

test('a double-encoded value (a JSON string of JSON) is read too', async () => {
  const bytes = await addSavedSettings(seed(), jsonAttr(JSON.stringify({ profileId: 'yunnan' })), { raw: true });
  expect((await readSavedAddinSettings(bytes))?.profileId).toBe('yunnan');
});

test.each([
  ['a value that is no JSON', '{&quot;profileId&quot;:'],
  ['a JSON value that is no object', '[1,2]'],
  ['a JSON string that is no JSON', '&quot;mof-2020&quot;'],
  ['JSON null', 'null'],
  ['a bare ampersand', '{&quot;profileId&quot;:&quot;a&b&quot;}'],
  ['an unknown entity', '{&quot;profileId&quot;:&quot;&nbsp;&quot;}'],
])('%s: none, no error', async (_, raw) => {
  expect(await readSavedAddinSettings(await addSavedSettings(seed(), raw, { raw: true }))).toBeUndefined();
});

test.each([
  ['cut off', (xml: string) => xml.slice(0, xml.indexOf('value=') + 20)],
  ['no web extension root', (xml: string) => xml.replace(/webextension /, 'somethingelse ').replace(/<\/we:webextension>/, '</we:somethingelse>')],
  ['a broken attribute', (xml: string) => xml.replace('name="perfSelfEval.settings"', 'name="perfSelfEval.settings" value')],
  ['not XML at all', () => '\u0000\u0001garbage'],
])('a damaged part (%s): none, no error', async (_, damage) => {
  const good = webExtensionXml([['perfSelfEval.settings', jsonAttr({ profileId: 'yunnan' })]]);
  expect(propertyValue(good, 'perfSelfEval.settings')).toBe(JSON.stringify({ profileId: 'yunnan' }));
  const bytes = await addSavedSettings(seed(), undefined, { part: damage(good) });
  expect(await readSavedAddinSettings(bytes)).toBeUndefined();
});

test('single quotes, numeric references and whitespace are XML too', () => {
  const xml = `<we:webextension xmlns:we="x"><we:properties><we:property  value='{"profileId":"&#x79;unnan","n":"&#20013;"}'\n name = 'perfSelfEval.settings' /></we:properties></we:webextension>\n`;
  expect(propertyValue(xml, 'perfSelfEval.settings')).toBe('{"profileId":"yunnan","n":"中"}');
});

test('bytes that are no zip, or an empty file: none, no error', async () => {
  expect(await readSavedAddinSettings(new TextEncoder().encode('not a zip'))).toBeUndefined();
  expect(await readSavedAddinSettings(new Uint8Array(0))).toBeUndefined();
});

test('withProfile: another profile drops the adjustments and keeps the rest; the same one changes nothing', () => {
  const saved = sanitiseSettings({
    profileId: 'hunan-nanyue',
    overrides: { rebaseTo100: true },
    judgements: { a: { 3: 0.5 } },
    tableRows: { a: 2 },
    keepExistingScores: true,
  });
  expect(withProfile(saved, 'hunan-nanyue')).toBe(saved);
  expect(withProfile(saved, 'mof-2020')).toEqual({ ...saved, profileId: 'mof-2020', overrides: {} });
});

describe('the settings part (customXml/item*.xml), as the add-in saves now', () => {
  test('is read from the file, sanitised as in Excel', async () => {
    const saved = { profileId: 'yunnan', keepExistingScores: true, judgements: { 自评表: { 20: 0.5 } }, extra: 1 };
    const bytes = await addCustomXmlPart(seed(), addinDataXml('settings', saved));
    expect(await readSavedAddinSettings(bytes)).toEqual(sanitiseSettings(saved));
  });

  test('wins over what an earlier build left in the web extension part', async () => {
    const legacy = await addSavedSettings(seed(), { profileId: 'hunan-nanyue' });
    const both = await addCustomXmlPart(legacy, addinDataXml('settings', { profileId: 'yunnan' }));
    expect((await readSavedAddinSettings(both))?.profileId).toBe('yunnan');
    expect((await readSavedAddinSettings(legacy))?.profileId).toBe('hunan-nanyue');
  });

  test("is found among other parts: another add-in's, our undo records, an XML declaration and a prefix", async () => {
    let bytes = await addCustomXmlPart(seed(), '<data xmlns="urn:another-addin">{"profileId":"yunnan"}</data>');
    bytes = await addCustomXmlPart(bytes, addinDataXml('lastRuns', []));
    bytes = await addCustomXmlPart(
      bytes,
      `<?xml version="1.0" encoding="UTF-8"?>\r\n<p:settings xmlns:p="${ADDIN_DATA_NAMESPACES.settings}">{&quot;profileId&quot;:&quot;mof-2020&quot;}</p:settings>`,
    );
    expect((await readSavedAddinSettings(bytes))?.profileId).toBe('mof-2020');
  });

  test('in UTF-16, as Office may write a custom XML part, it is read the same', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>${addinDataXml('settings', { profileId: 'yunnan' })}`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    expect((await readSavedAddinSettings(await addCustomXmlPart(seed(), utf16)))?.profileId).toBe('yunnan');
  });

  test('read from the archive the reader has just checked, when it has', async () => {
    const bytes = await addCustomXmlPart(seed(), addinDataXml('settings', { profileId: 'yunnan' }));
    prepareWorkbook(bytes); // as readWorkbookGrids does first
    expect((await readSavedAddinSettings(bytes))?.profileId).toBe('yunnan');
  });

  test.each([
    ['text that is no JSON', `<settings xmlns="${ADDIN_DATA_NAMESPACES.settings}">{"profileId":</settings>`],
    ['a value that is no object', addinDataXml('settings', [1, 2])],
    ['another namespace', '<settings xmlns="urn:perf-self-eval:settings:2">{"profileId":"yunnan"}</settings>'],
    ['child elements', `<settings xmlns="${ADDIN_DATA_NAMESPACES.settings}"><profileId>yunnan</profileId></settings>`],
    ['a stray ampersand', `<settings xmlns="${ADDIN_DATA_NAMESPACES.settings}">{"profileId":"a&b"}</settings>`],
  ])('%s: no saved settings, never an error', async (_, xml) => {
    expect(await readSavedAddinSettings(await addCustomXmlPart(seed(), xml))).toBeUndefined();
  });
});
