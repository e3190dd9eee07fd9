/** Bundles test/e2e/office-stub.ts for the browser with the same loader settings as the add-in. */
import path from 'node:path';
import webpack from 'webpack';

const ROOT = path.resolve(__dirname, '../..');

export async function bundleOfficeStub(outDir: string): Promise<string> {
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    target: 'web',
    entry: path.join(__dirname, 'office-stub.ts'),
    output: { path: outDir, filename: 'office-stub.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.json'), compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } },
        },
      ],
    },
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('webpack gave no result')) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return path.join(outDir, 'office-stub.js');
}
