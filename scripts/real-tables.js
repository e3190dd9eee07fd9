/**
 * The corpus of real published 自评表 (test/fixtures/real/*.json, issue 8): each table transcribed
 * cell by cell as its unit published it, with its source address and the results worked out by hand
 * from the rules. This turns a transcription into an .xlsx the way a unit keeps it: the same cells,
 * merges and line breaks, text wrapped. The golden test builds the workbooks in memory the same way.
 *
 * Run: node scripts/real-tables.js [OUT_DIR]   (default test/output/real-tables/; one .xlsx per table)
 */
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');

const CORPUS = path.join(__dirname, '..', 'test', 'fixtures', 'real');

/** Every transcription in the corpus, in file-name order. */
function readCorpus(dir = CORPUS) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: name, table: JSON.parse(readFileSync(path.join(dir, name), 'utf8')) }));
}

/** The transcription as a workbook: one sheet, cells from A1, its merges. */
async function workbookFromTranscription(table) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet || 'Sheet1');
  table.cells.forEach((line, r) => {
    line.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = value;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
  });
  for (const range of table.merges || []) sheet.mergeCells(range);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

module.exports = { CORPUS, readCorpus, workbookFromTranscription };

if (require.main === module) {
  const out = process.argv[2] || path.join(__dirname, '..', 'test', 'output', 'real-tables');
  mkdirSync(out, { recursive: true });
  (async () => {
    for (const { file, table } of readCorpus()) {
      const target = path.join(out, file.replace(/\.json$/, '.xlsx'));
      writeFileSync(target, await workbookFromTranscription(table));
      console.log(`${target}  ← ${table.source}`);
    }
  })();
}
