/**
 * Lets the benchmarks require TypeScript sources that the CLI build does not compile (the Office
 * host, its fake, the end-to-end stub), by transpiling them on load. Types are not checked here:
 * `npm test` does that.
 */
const { readFileSync } = require('node:fs');
const ts = require('typescript');

for (const extension of ['.ts', '.tsx']) {
  require.extensions[extension] = (module, filename) => {
    const source = readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, jsx: ts.JsxEmit.ReactJSX, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
}
