/**
 * A bureau's template receives the report as plain text in its tags, so the 【请填写…】 and
 * 【请核实：…】 marks would lose the yellow they have in our own layout. After the template is
 * filled, each mark is cut out of its run into a run of its own, highlighted, with the run's other
 * formatting kept: the marks look the same in either mode (docs/report.md, "What the draft marks").
 */

const RUN = /<w:r>((?:(?!<\/w:r>)[\s\S])*)<\/w:r>/g;
const RUN_PROPERTIES = /^<w:rPr>([\s\S]*?)<\/w:rPr>/;
/** A run's content: text, line breaks and tabs, the parts docxtemplater writes. */
const CONTENT = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g;
const MARK = /(【[^】]*】)/;

/**
 * rPr children that come after w:highlight in the schema's sequence (ECMA-376 §17.3.2.28,
 * CT_RPr): the highlight goes before the first of them, so that Word reads the run as valid.
 */
const AFTER_HIGHLIGHT = /<w:(?:u|effect|bdr|shd|fitText|vertAlign|rtl|cs|em|lang|eastAsianLayout|specVanish|oMath)\b/;

function withHighlight(properties: string): string {
  const inner = properties.replace(/<w:highlight\b[^>]*\/>/g, '');
  const at = inner.search(AFTER_HIGHLIGHT);
  const highlight = '<w:highlight w:val="yellow"/>';
  return `<w:rPr>${at < 0 ? inner + highlight : inner.slice(0, at) + highlight + inner.slice(at)}</w:rPr>`;
}

const textRun = (properties: string, text: string) => `<w:r>${properties}<w:t xml:space="preserve">${text}</w:t></w:r>`;

/** document.xml (or a header's) with every 【…】 in a highlighted run of its own. */
export function highlightPlaceholders(xml: string): string {
  return xml.replace(RUN, (whole: string, body: string) => {
    if (!body.includes('【')) return whole;
    const found = RUN_PROPERTIES.exec(body);
    const properties = found?.[0] ?? '';
    const marked = withHighlight(found?.[1] ?? '');
    const rest = body.slice(properties.length);
    // Only runs made of text, breaks and tabs are split; anything else (a field, a drawing) stays whole.
    if (rest.replace(CONTENT, '').trim() !== '') return whole;
    let out = '';
    for (const m of rest.matchAll(CONTENT)) {
      if (m[1] === undefined) {
        out += `<w:r>${properties}${m[0]}</w:r>`;
        continue;
      }
      for (const part of m[1].split(MARK)) {
        if (part !== '') out += textRun(MARK.test(part) ? marked : properties, part);
      }
    }
    return out;
  });
}
