/**
 * Browser build. For now it bundles the pure engine (proof that it needs no Node or Office APIs);
 * the task pane and ribbon commands are added with the add-in issue.
 */
const path = require('node:path');

module.exports = (_env, argv) => ({
  mode: argv.mode ?? 'production',
  entry: { engine: './src/engine/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist/web'),
    filename: '[name].js',
    library: { name: 'PerfSelfEval', type: 'umd' },
    clean: true,
  },
  resolve: { extensions: ['.ts', '.tsx', '.js'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        // commonjs (for Jest and the CLI) would defeat tree-shaking in the bundle.
        options: { compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false }, onlyCompileBundledFiles: true },
      },
    ],
  },
  devtool: argv.mode === 'development' ? 'source-map' : false,
});
