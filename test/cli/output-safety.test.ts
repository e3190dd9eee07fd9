/**
 * The command line's files: the input is never written, every output is complete or absent, input
 * that is not a regular file is refused at once, and file-system failures read as plain words.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describeFileError } from '../../src/cli/file-errors';
import { MAX_INPUT_BYTES } from '../../src/cli/input-files';
import { nodeOutputFileSystem, writeAllOrNothing, type OutputFileSystem } from '../../src/cli/output-files';
import { reportFileNames } from '../../src/cli/report-files';
import { CliError } from '../../src/cli/cli-error';
import { run } from './run-main';

const ROOT = path.join(__dirname, '..', '..');
const SEED = path.join(ROOT, 'test', 'fixtures', 'seed-standard-form.xlsx');
const BIN = path.join(ROOT, 'bin', 'perf-self-eval.js');
const RAW_CODE = /\bE[A-Z]{3,}\b|意外问题|unexpected failure/;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'perf-self-eval-files-'));
}

function seedCopy(dir: string): string {
  const input = path.join(dir, 'seed.xlsx');
  copyFileSync(SEED, input);
  return input;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const firstLine = (text: string) => text.split('\n')[0];

/** The built command in a child, held to 1.5 GB of address space so a runaway read cannot hurt the machine. */
function runBin(args: string[], limits = 'ulimit -v 1500000'): { status: number | null; stderr: string; ms: number } {
  const started = Date.now();
  const child = spawnSync('bash', ['-c', `${limits}; exec "$@"`, 'bash', process.execPath, BIN, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { status: child.status, stderr: child.stderr, ms: Date.now() - started };
}

async function workbookWithSheets(file: string, sheets: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const name of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
    ws.addRow(['产出指标', '数量指标', '培训人数', '≥100人', '120人', 100]);
  }
  await wb.xlsx.writeFile(file);
}

describe('no output may be the input or another output (issue 15, defect 1)', () => {
  async function expectRefused(args: string[], input: string, names: string[], absent: string[]): Promise<string> {
    const before = sha(input);
    const { code, err } = await run(args);
    expect(code).toBe(1);
    const line = firstLine(err);
    expect(line).toMatch(/^错误：.+ \/ Error: .+/);
    for (const name of names) expect(line).toContain(name);
    expect(sha(input)).toBe(before);
    for (const file of absent) expect(existsSync(file)).toBe(false);
    return line;
  }

  test('--out as a hard link to the input', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    const link = path.join(dir, 'link.xlsx');
    linkSync(input, link);
    const line = await expectRefused(['score', input, '--out', link], input, ['--out', '原文件'], []);
    expect(line).toContain('硬链接');
  });

  test('--json or --report naming the input, directly or through a symbolic link', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    const out = path.join(dir, 'out.xlsx');
    await expectRefused(['score', input, '--out', out, '--json', input], input, ['--json', '原文件'], [out]);
    await expectRefused(['score', input, '--out', out, '--report', input], input, ['--report', '原文件'], [out]);
    const alias = path.join(dir, 'alias.json');
    symlinkSync(input, alias);
    await expectRefused(['score', input, '--out', out, '--json', alias], input, ['--json', '原文件'], [out]);
  });

  test('--json naming the same file as --out, spelled two ways or hard-linked', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    const out = path.join(dir, 'out.xlsx');
    const sameOut = path.join(dir, 'sub', '..', 'out.xlsx');
    mkdirSync(path.join(dir, 'sub'));
    await expectRefused(['score', input, '--out', out, '--json', sameOut], input, ['--json', '--out'], [out]);

    writeFileSync(out, 'an earlier scored copy');
    const linked = path.join(dir, 'linked.json');
    linkSync(out, linked);
    await expectRefused(['score', input, '--out', out, '--json', linked], input, ['--json', '--out'], []);
    expect(readFileSync(out, 'utf8')).toBe('an earlier scored copy');
  });

  test('the default scored copy, and a per-sheet report of --all, colliding with another output', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    await expectRefused(['score', input, '--json', path.join(dir, 'seed.scored.xlsx')], input, ['--json', '评分副本'], []);

    const two = path.join(dir, 'two.xlsx');
    await workbookWithSheets(two, ['甲项目', '乙项目']);
    const report = path.join(dir, 'r.docx');
    const clash = path.join(dir, 'r-乙项目.docx');
    await expectRefused(
      ['score', two, '--all', '--report', report, '--out', clash],
      two,
      ['--out', '--report', '乙项目'],
      [clash, path.join(dir, 'r-甲项目.docx')],
    );
  });

  test('--report writing over its own --template', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    const template = path.join(dir, 't.docx');
    copyFileSync(path.join(ROOT, 'examples', 'templates', 'bureau-template.docx'), template);
    await expectRefused(
      ['score', input, '--report', template, '--template', template],
      template,
      ['--report', '--template'],
      [path.join(dir, 'seed.scored.xlsx')],
    );
  });
});

describe('every output is complete or absent (issue 15, defect 2)', () => {
  function expectNothingWritten(dir: string, keep: string[]): void {
    expect(readdirSync(dir).sort()).toEqual([...keep].sort());
  }

  async function expectWriteRefused(args: string[], reason: string, file: string): Promise<void> {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^错误：.+ \/ Error: .+/);
    expect(err).toContain(reason);
    expect(err).toContain(file);
    expect(err).not.toMatch(RAW_CODE);
  }

  test('a later output in a missing folder leaves no earlier output behind', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    const json = path.join(dir, 'missing', 'r.json');
    await expectWriteRefused(['score', input, '--out', path.join(dir, 'a.xlsx'), '--json', json], '文件夹不存在', json);
    expectNothingWritten(dir, ['seed.xlsx']);
  });

  test('a report under a regular file, an output that is a folder, and a name too long', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    writeFileSync(path.join(dir, 'plain.txt'), 'x');
    mkdirSync(path.join(dir, 'folder'));
    const keep = ['seed.xlsx', 'plain.txt', 'folder'];

    const underFile = path.join(dir, 'plain.txt', 'r.docx');
    await expectWriteRefused(['score', input, '--out', path.join(dir, 'a.xlsx'), '--report', underFile], '不是文件夹', underFile);
    expectNothingWritten(dir, keep);

    await expectWriteRefused(
      ['score', input, '--out', path.join(dir, 'a.xlsx'), '--json', path.join(dir, 'folder')],
      '路径是一个文件夹',
      path.join(dir, 'folder'),
    );
    expectNothingWritten(dir, keep);
    expect(readdirSync(path.join(dir, 'folder'))).toEqual([]);

    const long = path.join(dir, `${'很'.repeat(100)}.json`);
    await expectWriteRefused(['score', input, '--out', path.join(dir, 'a.xlsx'), '--json', long], '文件名太长', long);
    expectNothingWritten(dir, keep);
  });

  test('a write cut short by the system (file-size limit) leaves no output and no temporary', () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    // bash counts ulimit -f in KiB: the scored copy and the JSON fit in 12 KiB, the report does not.
    const outputs = [path.join(dir, 'a.xlsx'), path.join(dir, 'a.json'), path.join(dir, 'r.docx')];
    const { status, stderr } = runBin(['score', input, '--out', outputs[0], '--json', outputs[1], '--report', outputs[2]], 'ulimit -f 12');
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('超过了系统允许的大小');
    expect(outputs.some((file) => stderr.includes(file))).toBe(true);
    expect(stderr).not.toMatch(RAW_CODE);
    expectNothingWritten(dir, ['seed.xlsx']);
  });
});

describe('the staged writer', () => {
  function failing(code: string, when: (call: string, file: string) => boolean): OutputFileSystem {
    const fail = (call: string, file: string) => {
      if (when(call, file)) throw Object.assign(new Error(`${code}: simulated`), { code });
    };
    const fds = new Map<number, string>();
    return {
      ...nodeOutputFileSystem,
      open: async (file, flags, mode) => {
        fail('open', file);
        const fd = await nodeOutputFileSystem.open(file, flags, mode);
        fds.set(fd, file);
        return fd;
      },
      write: async (fd, bytes, offset, length) => {
        fail('write', fds.get(fd) ?? '');
        return nodeOutputFileSystem.write(fd, bytes, offset, length);
      },
      rename: async (from, to) => {
        fail('rename', to);
        await nodeOutputFileSystem.rename(from, to);
      },
    };
  }

  const label = (name: string) => ({ zh: name, en: name });

  function outputs(dir: string) {
    return [
      { label: label('--out'), file: path.join(dir, 'a.xlsx'), bytes: Buffer.from('scored copy') },
      { label: label('--json'), file: path.join(dir, 'b.json'), bytes: Buffer.from('{"json": true}') },
      { label: label('--report'), file: path.join(dir, 'c.docx'), bytes: Buffer.from('report') },
    ];
  }

  async function thrown(action: () => Promise<void>): Promise<CliError> {
    try {
      await action();
    } catch (error) {
      if (error instanceof CliError) return error;
      throw error;
    }
    throw new Error('nothing was thrown');
  }

  test.each([
    ['ENOSPC', 'write', '磁盘空间不足', 'the disk is full'],
    ['EROFS', 'open', '文件夹是只读的', 'read-only'],
    ['EACCES', 'open', '没有写入权限', 'no permission'],
    ['EDQUOT', 'write', '磁盘配额已用完', 'quota'],
  ])('%s on the second output: a plain message, the earlier file as it was, no temporaries', async (code, call, zh, en) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.xlsx'), 'an earlier scored copy');
    const error = await thrown(() =>
      writeAllOrNothing(
        outputs(dir),
        failing(code, (c, file) => c === call && path.basename(file).includes('b.json')),
      ),
    );
    expect(error.exitCode).toBe(2);
    expect(error.zh).toContain(zh);
    expect(error.zh).toContain(path.join(dir, 'b.json'));
    expect(error.en).toContain(en);
    expect(error.message).not.toMatch(RAW_CODE);
    expect(readdirSync(dir)).toEqual(['a.xlsx']);
    expect(readFileSync(path.join(dir, 'a.xlsx'), 'utf8')).toBe('an earlier scored copy');
  });

  test('a rename failing midway removes the outputs renamed before it', async () => {
    const dir = tempDir();
    const error = await thrown(() =>
      writeAllOrNothing(
        outputs(dir),
        failing('EBUSY', (c, file) => c === 'rename' && file.endsWith('c.docx')),
      ),
    );
    expect(error.zh).toContain('正被其他程序占用');
    expect(error.zh).toContain(path.join(dir, 'c.docx'));
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a rename failing after earlier files were replaced puts every earlier file back', async () => {
    // a report from the last run still open in Word on Windows: it cannot be moved (EPERM)
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.xlsx'), 'the scored copy of the last run, edited since');
    writeFileSync(path.join(dir, 'c.docx'), 'the report of the last run');
    const locked = (c: string, file: string) => c === 'rename' && path.basename(file).startsWith('.c.docx.old-');
    const error = await thrown(() => writeAllOrNothing(outputs(dir), failing('EPERM', locked)));
    expect(error.exitCode).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['a.xlsx', 'c.docx']);
    expect(readFileSync(path.join(dir, 'a.xlsx'), 'utf8')).toBe('the scored copy of the last run, edited since');
    expect(readFileSync(path.join(dir, 'c.docx'), 'utf8')).toBe('the report of the last run');
  });

  test('success: each file complete, an earlier one replaced, a symbolic link written through', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real', 'b.json'), 'old');
    symlinkSync(path.join(dir, 'real', 'b.json'), path.join(dir, 'b.json'));
    writeFileSync(path.join(dir, 'a.xlsx'), 'an earlier scored copy');
    await writeAllOrNothing(outputs(dir), nodeOutputFileSystem);
    expect(readdirSync(dir).sort()).toEqual(['a.xlsx', 'b.json', 'c.docx', 'real']);
    expect(readFileSync(path.join(dir, 'a.xlsx'), 'utf8')).toBe('scored copy');
    expect(lstatSync(path.join(dir, 'b.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real', 'b.json'), 'utf8')).toBe('{"json": true}');
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['b.json']);
  });
});

describe('input that is not a regular workbook file (issue 15, defects 6 and 7)', () => {
  function expectPlainRefusal(result: { code: number | null; err: string }, words: string[]): void {
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/^错误：.+ \/ Error: .+/);
    for (const word of words) expect(result.err).toContain(word);
    expect(result.err).not.toMatch(RAW_CODE);
  }

  test('a FIFO is answered at once, without being opened', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe.xlsx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const { status, stderr, ms } = runBin(['score', fifo]);
    expectPlainRefusal({ code: status, err: stderr }, ['命名管道', fifo]);
    expect(ms).toBeLessThan(5_000);
  });

  test('/dev/zero is answered at once, without reading it', () => {
    const { status, stderr, ms } = runBin(['score', '/dev/zero']);
    expectPlainRefusal({ code: status, err: stderr }, ['设备', '/dev/zero']);
    expect(ms).toBeLessThan(5_000);
  });

  test('a folder, a socket, a path through a file, a symbolic-link loop, a name too long', async () => {
    const dir = tempDir();
    expectPlainRefusal(await run(['score', dir]), ['文件夹', dir]);

    const socketPath = path.join(dir, 's.xlsx');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      expectPlainRefusal(await run(['score', socketPath]), ['套接字', socketPath]);
    } finally {
      server.close();
    }

    writeFileSync(path.join(dir, 'plain.txt'), 'x');
    expectPlainRefusal(await run(['score', path.join(dir, 'plain.txt', 'in.xlsx')]), ['找不到文件']);

    symlinkSync(path.join(dir, 'loop-b.xlsx'), path.join(dir, 'loop-a.xlsx'));
    symlinkSync(path.join(dir, 'loop-a.xlsx'), path.join(dir, 'loop-b.xlsx'));
    expectPlainRefusal(await run(['score', path.join(dir, 'loop-a.xlsx')]), ['循环']);

    expectPlainRefusal(await run(['score', path.join(dir, `${'很'.repeat(100)}.xlsx`)]), ['文件名太长']);
  });

  test('a file far too large for a workbook is refused before it is read, naming its size', async () => {
    const dir = tempDir();
    const huge = path.join(dir, 'huge.xlsx');
    writeFileSync(huge, '');
    truncateSync(huge, 300 * 1024 * 1024); // sparse: no disk space used
    const started = Date.now();
    const result = await run(['score', huge]);
    expectPlainRefusal(result, ['300 MB', `${MAX_INPUT_BYTES / 1024 / 1024} MB`]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test('--template: a folder, /dev/zero and a missing file are plain refusals before any work', async () => {
    const dir = tempDir();
    const input = seedCopy(dir);
    const report = path.join(dir, 'r.docx');
    expectPlainRefusal(await run(['score', input, '--report', report, '--template', dir]), ['报告模板', '文件夹']);
    expectPlainRefusal(await run(['score', input, '--report', report, '--template', '/dev/zero']), ['报告模板', '设备']);
    expectPlainRefusal(await run(['score', input, '--report', report, '--template', path.join(dir, 'none.docx')]), ['找不到报告模板']);
    expect(readdirSync(dir)).toEqual(['seed.xlsx']);
  });
});

describe('file-system errors in plain words (issue 15, defect 7)', () => {
  const codes = [
    'ENOSPC',
    'EDQUOT',
    'EFBIG',
    'ENOENT',
    'ENOTDIR',
    'EACCES',
    'EPERM',
    'EROFS',
    'EISDIR',
    'ENAMETOOLONG',
    'ELOOP',
    'EBUSY',
    'EIO',
    'EMFILE',
    'EINVAL',
  ];

  test.each(codes)('%s has its own plain reason, reading and writing', (code) => {
    const error = Object.assign(new Error(`${code}: raw text`), { code });
    for (const action of ['read', 'write'] as const) {
      const reason = describeFileError(error, action);
      expect(`${reason.zh} ${reason.en}`).not.toMatch(RAW_CODE);
      expect(reason).not.toEqual(describeFileError(new Error('no code'), action));
    }
  });

  test('an unknown failure still reads as plain words', () => {
    const reason = describeFileError(Object.assign(new Error('EWHATEVER: raw'), { code: 'EWHATEVER' }), 'write');
    expect(`${reason.zh} ${reason.en}`).not.toMatch(RAW_CODE);
  });
});

describe('report file names under --all (issue 15, defect 4)', () => {
  test('replacement patterns, forbidden characters and names that clean to the same file', () => {
    expect(reportFileNames('r.docx', ["a$'b", 'ab', 'a$&b', 'x<y', 'x>y'])).toEqual(["r-a$'b.docx", 'r-ab.docx', 'r-a$&b.docx', 'r-x_y.docx', 'r-x_y-2.docx']);
    expect(reportFileNames('out/R.DOCX', ['a/b\\c:d*e?f"g<h>i|j\u0001k', 'z'])).toEqual(['out/R-a_b_c_d_e_f_g_h_i_j_k.docx', 'out/R-z.docx']);
    expect(reportFileNames('plain', ['甲', '乙'])).toEqual(['plain-甲.docx', 'plain-乙.docx']);
    expect(reportFileNames('r.docx', ['Ab', 'aB'])).toEqual(['r-Ab.docx', 'r-aB-2.docx']);
    expect(reportFileNames('r.docx', ['x_y-2', 'x<y', 'x>y'])).toEqual(['r-x_y-2.docx', 'r-x_y.docx', 'r-x_y-3.docx']);
    expect(reportFileNames('r.docx', ['only'])).toEqual(['r.docx']);
  });

  test('each sheet gets its own report, none overwritten', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'sheets.xlsx');
    const sheets = ["a$'b", 'ab', 'a$&b', 'x<y', 'x>y'];
    await workbookWithSheets(input, sheets);
    const { code, out, err } = await run(['score', input, '--all', '--out', path.join(dir, 'o.xlsx'), '--report', path.join(dir, 'r.docx')]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const expected = ["r-a$'b.docx", 'r-ab.docx', 'r-a$&b.docx', 'r-x_y.docx', 'r-x_y-2.docx'];
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.docx'))
        .sort(),
    ).toEqual([...expected].sort());
    for (const name of expected) expect(out).toContain(`绩效自评报告已写入：${path.join(dir, name)}`);
  }, 30_000);
});
