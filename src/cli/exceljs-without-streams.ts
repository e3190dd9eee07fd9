/**
 * exceljs's main module loads its stream reader and writer along with the in-memory Workbook, and
 * with them unzipper and its helpers: about 100 ms of a 600 ms single-file run, for code that run
 * never uses. Imported first by the command line and by its worker threads, this module puts in
 * Node's module cache, under exceljs's own name, the same exports with the streams loaded on first
 * use (only a batch's streamed summary uses them). It mirrors lib/exceljs.nodejs.js of the pinned
 * exceljs 4.4; test/cli/exceljs-without-streams.test.ts fails if the two ever differ.
 */
import { createRequire, Module } from 'node:module';
import path from 'node:path';

const load = createRequire(__filename);
const main = load.resolve('exceljs');

if (load.cache[main] === undefined) {
  const lib = path.join(path.dirname(main), 'lib');
  const parts: Record<string, unknown> = {
    Workbook: load(path.join(lib, 'doc', 'workbook')),
    ModelContainer: load(path.join(lib, 'doc', 'modelcontainer')),
  };
  let streams: unknown;
  Object.defineProperty(parts, 'stream', {
    enumerable: true,
    get: () =>
      (streams ??= {
        xlsx: {
          WorkbookWriter: load(path.join(lib, 'stream', 'xlsx', 'workbook-writer')),
          WorkbookReader: load(path.join(lib, 'stream', 'xlsx', 'workbook-reader')),
        },
      }),
  });
  Object.assign(parts, load(path.join(lib, 'doc', 'enums')));
  const entry = new Module(main);
  entry.filename = main;
  entry.loaded = true;
  entry.exports = parts;
  load.cache[main] = entry;
}
