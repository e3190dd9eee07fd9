/**
 * The report file of each sheet under `--all --report r.docx`: r-<sheet>.docx. A sheet name is
 * workbook data, so it is made safe as a file name and kept literal (no String.replace patterns:
 * a sheet named a$&b must not become r-a.docxb.docx), and two sheets never share a file.
 */

// Not allowed in Windows file names (and / nowhere); control characters confuse every system.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;
const DOCX = '.docx';
/** Keeps the names within every file system's 255-byte limit, whatever the sheet is called. */
const MAX_SHEET_PART = 64;

export function reportFileNames(target: string, sheets: string[]): string[] {
  if (sheets.length === 1) return [target];
  const stem = target.toLowerCase().endsWith(DOCX) ? target.slice(0, -DOCX.length) : target;
  const taken = new Set<string>();
  return sheets.map((sheet) => {
    const base = `${stem}-${safeFileNamePart(sheet)}`;
    let name = `${base}${DOCX}`;
    for (let n = 2; taken.has(sameFileKey(name)); n++) name = `${base}-${n}${DOCX}`;
    taken.add(sameFileKey(name));
    return name;
  });
}

function safeFileNamePart(text: string): string {
  return Array.from(text.replace(UNSAFE_IN_FILE_NAME, '_')).slice(0, MAX_SHEET_PART).join('');
}

/** Names that Windows and macOS treat as one file: same letters regardless of case or Unicode form. */
function sameFileKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
