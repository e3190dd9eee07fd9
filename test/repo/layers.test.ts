/**
 * The layers of src/ are enforced by ESLint (eslint.config.mjs): an import that runs up a layer,
 * or across to a sibling of the same layer, fails the lint (and so do React hooks called out of turn, and a context.sync() in a loop in src/office). Checked on imports written for the
 * purpose, in files placed in each folder of a scratch copy of the project's lint setup, linted by
 * one run of the ESLint command line (ESLint loads its config with a dynamic import, which Jest's
 * module system cannot do in-process).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

const refused: [string, string][] = [
  ['src/engine', '../app/scoring-run'],
  ['src/engine/report', '../../office/excel/host'],
  ['src/engine', 'node:fs'],
  ['src/app', '../office/excel/host'],
  ['src/app', '../xlsx/read'],
  ['src/app', '../render/docx'],
  ['src/office', '../xlsx/read'],
  ['src/office/excel', '../../xlsx/addin-settings'],
  ['src/xlsx', '../office/word'],
  ['src/xlsx/patch', '../../render/docx'],
  ['src/render', '../xlsx/read'],
  ['src/office', '../report-service/word-report'],
  ['src/report-service', '../taskpane/strings'],
  ['src/taskpane/excel', '../../commands/message'],
  ['src/cli', '../taskpane/strings'],
];
const allowed: [string, string][] = [
  ['src/engine/report', '../evaluation'],
  ['src/app', '../engine/evaluate'],
  ['src/office/excel', '../../app/ports'],
  ['src/xlsx/zip', '../../engine/text'],
  ['src/xlsx/patch', '../xml'],
  ['src/render', '../engine/report/model'],
  ['src/report-service', '../office/delivery'],
  ['src/report-service', '../xlsx/addin-settings'],
  ['src/taskpane/excel', '../../report-service/excel-report'],
  ['src/cli', '../xlsx/file'],
  ['src/cli', 'node:fs'],
];

let messages: Map<string, string[]>;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  copyFileSync(path.join(ROOT, 'eslint.config.mjs'), path.join(scratch, 'eslint.config.mjs'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(scratch, 'package.json')); // its browserslist
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  const probe = (folder: string, name: string, code: string) => {
    mkdirSync(path.join(scratch, folder), { recursive: true });
    writeFileSync(path.join(scratch, folder, name), code);
  };
  [...refused, ...allowed].forEach(([folder, specifier], i) => probe(folder, `probe-${i}.ts`, `import { x } from '${specifier}';\nexport const y = x;\n`));
  probe('src/app', 'probe-buffer.ts', 'export const b = Buffer.from("x");\n');
  probe('src/xlsx', 'read.ts', "import { TextDecoder } from 'node:util';\nimport { x } from '../office/word';\nexport const d = [new TextDecoder(), x];\n");
  probe(
    'src/office',
    'probe-sync-loop.ts',
    'export async function probe(context: Excel.RequestContext, names: string[]) {\n  for (const name of names) {\n    const sheet = context.workbook.worksheets.getItem(name);\n    sheet.load("name");\n    await context.sync();\n  }\n}\n',
  );
  probe('src/taskpane', 'probe-compat.ts', "export const copy = structuredClone({ a: 1 });\nexport const last = ['a'].at(-1);\n");
  probe('src/xlsx/zip', 'probe-zlib.ts', "import { crc32 } from 'node:zlib';\nexport const c = crc32('x');\n");
  probe('src/xlsx/patch', 'probe-buffer.ts', 'export const b = Buffer.from("x");\n');
  probe('src/xlsx', 'node-compression.ts', "import { crc32 } from 'node:zlib';\nexport const c = crc32('x');\n");
  probe(
    'src/taskpane',
    'probe-hooks.tsx',
    "import { useState } from 'react';\nexport function Probe({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n",
  );
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'src'], {
      cwd: scratch,
      encoding: 'utf8',
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit code 1: there are lint errors, as intended
  }
  const results = JSON.parse(out) as { filePath: string; messages: { ruleId: string | null }[] }[];
  messages = new Map(results.map((r) => [path.relative(scratch, r.filePath), r.messages.map((m) => m.ruleId ?? 'fatal')]));
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test.each(refused.map(([folder, specifier], i) => [folder, specifier, i] as const))('%s may not import %s', (folder, _, i) => {
  expect(messages.get(path.join(folder, `probe-${i}.ts`))).toEqual(['no-restricted-imports']);
});

test.each(allowed.map(([folder, specifier], i) => [folder, specifier, refused.length + i] as const))('%s may import %s', (folder, _, i) => {
  expect(messages.get(path.join(folder, `probe-${i}.ts`))).toEqual([]);
});

test('the .xlsx reader may import no Node module (and the layer rule still holds there)', () => {
  expect(messages.get(path.join('src/xlsx', 'read.ts'))).toEqual(['no-restricted-imports', 'no-restricted-imports']);
});

test('the .xlsx codec runs in the browser: Node only at the command line door (node-compression.ts)', () => {
  expect(messages.get(path.join('src/xlsx/zip', 'probe-zlib.ts'))).toEqual(['no-restricted-imports']);
  expect(messages.get(path.join('src/xlsx/patch', 'probe-buffer.ts'))).toEqual(['no-restricted-globals']);
  expect(messages.get(path.join('src/xlsx', 'node-compression.ts'))).toEqual([]);
});

test("Microsoft's Office.js rules hold in src/office: no context.sync() in a loop", () => {
  expect(messages.get(path.join('src/office', 'probe-sync-loop.ts'))).toEqual(['office-addins/no-context-sync-in-loop']);
});

test("web APIs the 网页版's browsers lack (package.json's browserslist) are refused in the code it bundles", () => {
  expect(messages.get(path.join('src/taskpane', 'probe-compat.ts'))).toEqual(['compat/compat', 'compat/compat']);
});

test("React's rules of hooks are checked in the pane", () => {
  expect(messages.get(path.join('src/taskpane', 'probe-hooks.tsx'))).toEqual(['react-hooks/rules-of-hooks']);
});

test("the engine and the use cases do not use Node's Buffer", () => {
  expect(messages.get(path.join('src/app', 'probe-buffer.ts'))).toEqual(['no-restricted-globals']);
});
