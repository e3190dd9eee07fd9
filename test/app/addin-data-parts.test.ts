/**
 * The custom XML part the add-in keeps its data in: any JSON value goes in and comes back out
 * unchanged, whatever its text holds; anything that is not our part reads as nothing.
 */
import fc from 'fast-check';
import { addinDataValue, addinDataXml, ADDIN_DATA_NAMESPACES } from '../../src/app/addin-data-parts';

test('any JSON value survives the part, text with markup, quotes, control characters and any Unicode included', () => {
  const text = fc.string({ unit: 'binary' });
  const value = fc.oneof(
    fc.json().map((j) => JSON.parse(j) as unknown),
    fc.dictionary(text, text),
    fc.array(text),
  );
  fc.assert(
    fc.property(value, fc.constantFrom('settings' as const, 'lastRuns' as const), (v, kind) => {
      const xml = addinDataXml(kind, v);
      // one element, no control character XML 1.0 forbids
      // eslint-disable-next-line no-control-regex -- the characters XML cannot hold are the point
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      expect(addinDataValue(kind, xml)).toEqual(JSON.parse(JSON.stringify(v)));
    }),
  );
});

test('a part of the other kind, or of no kind of ours, is not read as this kind', () => {
  const runs = addinDataXml('lastRuns', []);
  expect(addinDataValue('settings', runs)).toBeUndefined();
  expect(addinDataValue('lastRuns', runs)).toEqual([]);
  expect(addinDataValue('settings', `<settings xmlns="${ADDIN_DATA_NAMESPACES.lastRuns}">{}</settings>`)).toBeUndefined();
  expect(addinDataValue('settings', `<settings>{}</settings>`)).toBeUndefined();
  expect(addinDataValue('settings', `<a:settings xmlns:b="${ADDIN_DATA_NAMESPACES.settings}">{}</a:settings>`)).toBeUndefined();
  expect(addinDataValue('settings', `<a:settings xmlns:a="${ADDIN_DATA_NAMESPACES.settings}">{}</b:settings>`)).toBeUndefined();
});

test('as Office may hand it back: with a declaration, a byte-order mark, whitespace and single quotes', () => {
  const xml = `\uFEFF<?xml version="1.0" encoding="utf-8" standalone="no"?>\n<settings xmlns='${ADDIN_DATA_NAMESPACES.settings}' >{&quot;a&quot;:1}</settings >\n`;
  expect(addinDataValue('settings', xml)).toEqual({ a: 1 });
});
