#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch {
  console.error('错误：命令行尚未编译，请先运行 npm run build:cli / Error: the CLI is not built; run npm run build:cli');
  process.exit(1);
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
