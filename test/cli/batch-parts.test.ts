/**
 * The pieces of the batch command: the summaries of its files merged into the summary of the whole
 * (as summariseBatch over everything), output names that never land on an input or on one another,
 * and the progress line drawn on a terminal.
 */
import { copyFileSync, linkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeSummaries, summariseBatch, type BatchItem } from '../../src/app/batch-summary';
import { numbered, OutputNames } from '../../src/cli/batch';
import { BatchProgress, fitWidth, type Terminal } from '../../src/cli/batch-progress';
import { batchOfEverything } from '../helpers/batch-items';
import { EXAMPLES, makeBatchFolder, tempDir } from './batch-folder';
import { run } from './run-main';

describe('mergeSummaries', () => {
  let items: BatchItem[];
  beforeAll(async () => {
    items = await batchOfEverything();
  }, 60_000);

  test('the summaries of each file, merged, are the summary of all the files at once', () => {
    const byFile = new Map<string, BatchItem[]>();
    for (const item of items) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
    expect(byFile.size).toBeGreaterThan(10);
    const merged = mergeSummaries([...byFile.values()].map((part) => summariseBatch(part)));
    expect(merged).toEqual(summariseBatch(items));
    expect(merged.tables.map((t) => t.index)).toEqual(merged.tables.map((_, i) => i + 1));
  });

  test('nothing merged is an empty summary', () => {
    expect(mergeSummaries([])).toEqual(summariseBatch([]));
  });
});

describe('output names', () => {
  test('numbered keeps .scored.xlsx whole', () => {
    expect(numbered('/x/a.scored.xlsx', 2)).toBe('/x/a (2).scored.xlsx');
    expect(numbered('/x/报告.docx', 3)).toBe('/x/报告 (3).docx');
  });

  test('a name that is an input (by path, or as a hard link to it), reserved, or claimed before gets the next number', () => {
    const dir = tempDir();
    const input = path.join(dir, 'a.xlsx');
    copyFileSync(path.join(EXAMPLES, '示例-专项资金自评表.xlsx'), input);
    linkSync(input, path.join(dir, 'linked.scored.xlsx'));
    writeFileSync(path.join(dir, 'old.scored.xlsx'), 'an earlier copy, not an input: replaced as the single-file command does');
    const names = new OutputNames([input], [path.join(dir, 's.xlsx')]);
    expect(names.claim([input])).toEqual([path.join(dir, 'a (2).xlsx')]);
    expect(names.claim([path.join(dir, 'linked.scored.xlsx')])).toEqual([path.join(dir, 'linked (2).scored.xlsx')]);
    expect(names.claim([path.join(dir, 's.xlsx')])).toEqual([path.join(dir, 's (2).xlsx')]);
    expect(names.claim([path.join(dir, 'old.scored.xlsx'), path.join(dir, 'old.scored.xlsx')])).toEqual([
      path.join(dir, 'old.scored.xlsx'),
      path.join(dir, 'old (2).scored.xlsx'),
    ]);
  });
});

describe('progress on a terminal', () => {
  function fakeTerminal(columns = 60): Terminal & { text: string } {
    const terminal = { columns, text: '', write: (t: string) => (terminal.text += t) };
    return terminal;
  }

  test('one line rewritten in place (done/total, errors so far, current file), cleared at the end, no per-file lines', async () => {
    const folder = await makeBatchFolder();
    const terminal = fakeTerminal(200);
    const { code, err, out } = await run(['score', folder.dir, '--out-dir', tempDir()], terminal);
    expect(code).toBe(3);
    expect(err).toBe('');
    const n = folder.workbooks.length;
    const draws = terminal.text.split('\r').filter(Boolean);
    expect(draws[0]).toBe(`评分中：0/${n}\x1b[K`);
    expect(draws[draws.length - 2]).toMatch(new RegExp(`^评分中：${n}/${n}，3个文件未能全部评分  .+\\.xlsx\\x1b\\[K$`));
    expect(draws[draws.length - 1]).toBe('\x1b[K');
    expect(terminal.text).not.toContain('\n');
    expect(out).toContain(`共${n}个工作簿`);
  }, 60_000);

  test('the line fits the terminal, keeping the counts and the file name at the end of a long path', () => {
    const line = `评分中：3/10  ${'很长的文件夹名/'.repeat(10)}项目A.xlsx`;
    const cut = fitWidth(line, 40);
    expect(cut.startsWith('评分中：3/10  …')).toBe(true);
    expect(cut.endsWith('项目A.xlsx')).toBe(true);
    const width = Array.from(cut).reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) && c !== '…' ? 2 : 1), 0);
    expect(width).toBeLessThanOrEqual(40);
  });

  test('redraws at most every 100 ms, but always at the last file', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const progress = new BatchProgress(
      3,
      terminal,
      () => undefined,
      () => now,
    );
    const result = (label: string) => ({ index: 0, label, summary: summariseBatch([]), evaluations: [], written: [], savedSettings: false });
    progress.start();
    now = 50;
    progress.finished(result('a.xlsx'));
    now = 60;
    progress.finished(result('b.xlsx'));
    now = 70;
    progress.finished(result('c.xlsx'));
    progress.end();
    expect(terminal.text).toBe('\r评分中：0/3\x1b[K\r评分中：3/3  c.xlsx\x1b[K\r\x1b[K');
  });
});
