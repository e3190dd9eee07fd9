import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';
import compat from 'eslint-plugin-compat';

/**
 * The layers of src/ (README, 结构): a folder imports only from layers below its own, and folders of
 * one layer do not import one another. The engine imports only itself.
 */
const LAYERS = {
  engine: 1,
  app: 2,
  office: 3,
  xlsx: 3,
  render: 3,
  'report-service': 4,
  taskpane: 5,
  commands: 5,
  'report-dialog': 5,
  cli: 5,
  boot: 5,
  // The 网页版 is a page made of the task pane's components (src/taskpane): one layer above them.
  web: 6,
};

/**
 * The rules for files of `folder`: core no-restricted-imports with the folders it must not reach,
 * and, where the code must run in the browser and in Node alike (`pure` says why), no Node modules
 * and no Buffer.
 */
function layerRules(folder, pure) {
  const layer = LAYERS[folder];
  const above = Object.entries(LAYERS)
    .filter(([other, level]) => other !== folder && level >= layer)
    .map(([other]) => other);
  const patterns = [
    { regex: `^(\\.\\./)+(${above.join('|')})(/|$)`, message: `src/${folder} (layer ${layer}) imports only from layers below it: see README, 结构.` },
  ];
  if (!pure) return { 'no-restricted-imports': ['error', { patterns }] };
  return {
    'no-restricted-imports': ['error', { patterns: [...patterns, { regex: '^node:', message: `${pure}: no Node modules.` }] }],
    'no-restricted-globals': ['error', { name: 'Buffer', message: `${pure}: use Uint8Array.` }],
  };
}

/** One block per layer folder. The engine and the use cases run in the browser and in Node alike. */
const layerBlocks = Object.entries(LAYERS).map(([folder, layer]) => ({
  files: [`src/${folder}/**/*.{ts,tsx,js}`],
  rules: layerRules(folder, layer <= 2 ? `src/${folder} is pure` : folder === 'web' ? 'src/web is a page in the browser' : undefined),
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'scratch/**', 'test/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // React's rules of hooks, and complete effect dependencies
    files: ['src/**/*.tsx', 'src/taskpane/**/*.ts', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Microsoft's rules for Office.js code: loads before reads, syncs before reads, no sync in a loop
    files: ['src/office/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
    },
  },
  {
    // Everything the 网页版 bundles runs in the browsers of package.json's browserslist (信创 Chromium 80 kernels,
    // Firefox 78, Safari 14): web APIs they lack are flagged. The command line's Node-only files are left out.
    files: ['src/{engine,app,xlsx,render,report-service,taskpane,web}/**/*.{ts,tsx}'],
    ignores: ['src/xlsx/file.ts', 'src/xlsx/node-compression.ts', 'src/xlsx/summary-stream.ts'],
    plugins: { compat },
    rules: { 'compat/compat': 'error' },
  },
  ...layerBlocks,
  {
    // The .xlsx codec runs in the browser too (the Word pane, the 网页版): no Node but at the command line's door.
    files: ['src/xlsx/**/*.ts'],
    ignores: ['src/xlsx/file.ts', 'src/xlsx/node-compression.ts', 'src/xlsx/summary-stream.ts'],
    rules: layerRules('xlsx', 'This part of src/xlsx runs in the browser'),
  },
);
