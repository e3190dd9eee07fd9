/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // Type errors are caught by `npm run typecheck`; here we only strip types, which is much faster.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // Component tests opt into jsdom with a `@jest-environment jsdom` docblock; this runs in both.
  setupFiles: ['<rootDir>/test/setup-jsdom.ts'],
  // `npm test` runs with --coverage: the engine, and only the engine, must stay well covered.
  collectCoverageFrom: ['src/engine/**/*.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: {
    './src/engine/': { statements: 95, branches: 88, functions: 96, lines: 97 },
  },
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.js',
  },
};
