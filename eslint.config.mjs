import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

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
};

/** One block per layer folder: core no-restricted-imports with the folders it must not reach. */
const layerBlocks = Object.entries(LAYERS).map(([folder, layer]) => {
  const above = Object.entries(LAYERS)
    .filter(([other, level]) => other !== folder && level >= layer)
    .map(([other]) => other);
  const patterns = [
    {
      regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
      message: `src/${folder} (layer ${layer}) imports only from layers below it: see README, 结构.`,
    },
  ];
  // The engine and the use cases run in the browser and in Node alike.
  if (layer <= 2) patterns.push({ regex: '^node:', message: `src/${folder} is pure: no Node modules.` });
  return {
    files: [`src/${folder}/**/*.{ts,tsx,js}`],
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      ...(layer <= 2 ? { 'no-restricted-globals': ['error', { name: 'Buffer', message: `src/${folder} is pure: use Uint8Array.` }] } : {}),
    },
  };
});

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
    files: ['src/**/*.tsx', 'src/taskpane/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...layerBlocks,
  {
    // The .xlsx reader the Word pane (and the 网页版) run in the browser: no Node here either.
    files: ['src/xlsx/read.ts', 'src/xlsx/addin-settings.ts', 'src/xlsx/errors.ts', 'src/xlsx/xml.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(office|render|report-service|taskpane|commands|report-dialog|cli|boot)(/|$)',
              message: 'src/xlsx imports only from layers below it: see README, 结构.',
            },
            { regex: '^node:', message: 'This part of src/xlsx runs in the browser: no Node modules.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'This part of src/xlsx runs in the browser: use Uint8Array.' }],
    },
  },
);
