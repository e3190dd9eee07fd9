/**
 * Builds test/fixtures/saved-settings.xlsx: the seed example (examples/示例-专项资金自评表.xlsx)
 * with settings saved by the add-in, as Excel saves an add-in's Office.context.document.settings:
 * a web extension part, xl/webextensions/webextension1.xml, holding
 * <we:property name="perfSelfEval.settings" value="JSON"/>, linked from
 * xl/webextensions/taskpanes.xml (the workbook's relationship), with their content types.
 * Tests use addSavedSettings for variations (other settings, a damaged part).
 * Run: node scripts/make-saved-settings-fixture.js
 */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const JSZip = require('jszip');

const ROOT = path.join(__dirname, '..');
const SEED = path.join(ROOT, 'examples', '示例-专项资金自评表.xlsx');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'saved-settings.xlsx');
const SETTINGS_KEY = 'perfSelfEval.settings';

/** What the fixture saves: the Hunan (Nanyue) rules, and the qualitative row 20 judged half achieved. */
const FIXTURE_SETTINGS = {
  profileId: 'hunan-nanyue',
  overrides: {},
  keepExistingScores: false,
  judgements: { 自评表: { 20: 0.5 } },
  tableRows: {},
};

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One web extension part as Excel writes it; `properties` are [name, raw attribute value] pairs. */
function webExtensionXml(properties) {
  const props = properties.map(([name, value]) => `<we:property name="${escapeXml(name)}" value="${value}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{6C1F2A4E-7B3D-4E55-9A0B-2D4C8E1F3A57}">' +
    '<we:reference id="wa200000000" version="0.1.0.0" store="developer" storeType="Registry"/><we:alternateReferences/>' +
    `<we:properties>${props}</we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`
  );
}

/**
 * The workbook `bytes` with a web extension part holding `settings` under our key. `settings` is
 * JSON-encoded and XML-escaped, as Office does; with { raw: true } it is a string put into the
 * attribute as it is (for damaged values). `otherAddin` adds a second add-in's part first.
 */
async function addSavedSettings(bytes, settings, options = {}) {
  const zip = await JSZip.loadAsync(bytes);
  const parts = [];
  if (options.otherAddin)
    parts.push(
      webExtensionXml([
        ['Office.AutoShowTaskpaneWithDocument', 'true'],
        ['other.settings', escapeXml(JSON.stringify({ profileId: 'yunnan' }))],
      ]),
    );
  const value = () => (options.raw ? settings : escapeXml(JSON.stringify(settings)));
  parts.push(
    options.part ??
      webExtensionXml([
        [SETTINGS_KEY, value()],
        ['Office.AutoShowTaskpaneWithDocument', 'true'],
      ]),
  );
  const taskpanes = parts
    .map(
      (_, i) =>
        `<wetp:taskpane dockstate="right" visibility="0" width="350" row="${i + 1}"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId${i + 1}"/></wetp:taskpane>`,
    )
    .join('');
  parts.forEach((xml, i) => zip.file(`xl/webextensions/webextension${i + 1}.xml`, xml));
  zip.file(
    'xl/webextensions/taskpanes.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">${taskpanes}</wetp:taskpanes>`,
  );
  zip.file(
    'xl/webextensions/_rels/taskpanes.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      parts
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension${i + 1}.xml"/>`,
        )
        .join('') +
      '</Relationships>',
  );
  const rels = await zip.file('_rels/.rels').async('string');
  zip.file(
    '_rels/.rels',
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdWe1" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>',
    ),
  );
  const types = await zip.file('[Content_Types].xml').async('string');
  const overrides =
    '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>' +
    parts.map((_, i) => `<Override PartName="/xl/webextensions/webextension${i + 1}.xml" ContentType="application/vnd.ms-office.webextension+xml"/>`).join('');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides}</Types>`));
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/**
 * The workbook `bytes` with a custom XML part holding `xml`, laid out as Excel saves the parts an
 * add-in adds (Excel.CustomXmlPartCollection.add): customXml/itemN.xml with its itemPropsN.xml
 * (the part's id), the item's relationship to its properties, the workbook's relationship to the
 * item, and the properties' content type (the item itself is covered by the xml default).
 */
async function addCustomXmlPart(bytes, xml) {
  const zip = await JSZip.loadAsync(bytes);
  const n = Object.keys(zip.files).filter((name) => /^customXml\/item\d+\.xml$/.test(name)).length + 1;
  zip.file(`customXml/item${n}.xml`, xml);
  zip.file(
    `customXml/itemProps${n}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem ds:itemID="{5A1C0000-0000-4000-8000-00000000000${n}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  zip.file(
    `customXml/_rels/item${n}.xml.rels`,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps${n}.xml"/></Relationships>`,
  );
  const rels = await zip.file('xl/_rels/workbook.xml.rels').async('string');
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdCx${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item${n}.xml"/></Relationships>`,
    ),
  );
  const types = await zip.file('[Content_Types].xml').async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      `<Override PartName="/customXml/itemProps${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>`,
    ),
  );
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

module.exports = { addSavedSettings, addCustomXmlPart, webExtensionXml, FIXTURE_SETTINGS, SEED, FIXTURE };

if (require.main === module) {
  addSavedSettings(new Uint8Array(readFileSync(SEED)), FIXTURE_SETTINGS).then((bytes) => {
    writeFileSync(FIXTURE, bytes);
    console.log(`written: ${path.relative(ROOT, FIXTURE)}`);
  });
}
