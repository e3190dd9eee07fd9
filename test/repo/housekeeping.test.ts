/**
 * The tree stays clean and the scripts behave on every system (issue 9, smaller points): what a
 * run leaves is ignored, regenerated examples are byte for byte the same, and the desktop-only
 * scripts stop at once, with a message, where desktop Office cannot run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';

const ROOT = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withFixedTimes } = require('../../scripts/fixed-times') as { withFixedTimes: (bytes: Uint8Array) => Promise<Buffer> };

describe('what a run leaves behind is ignored by git', () => {
  test.each(['示例-绩效自评报告.docx', 'examples/示例-专项资金自评表.scored.xlsx', '示例-专项资金自评表.scored.xlsx'])('%s', (file) => {
    expect(spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: ROOT }).status).toBe(0);
  });

  test('the examples themselves are not', () => {
    for (const file of ['examples/示例-专项资金自评表.xlsx', 'examples/templates/bureau-template.docx']) {
      expect(spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: ROOT }).status).toBe(1);
    }
  });
});

describe('generated examples carry fixed times', () => {
  async function workbookMadeAt(when: Date): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.created = when;
    wb.modified = when;
    wb.addWorksheet('表').getCell('A1').value = '项目支出绩效自评表';
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('the same content made at two times gives the same bytes', async () => {
    const a = await workbookMadeAt(new Date('2024-03-01T08:00:00Z'));
    const b = await workbookMadeAt(new Date('2026-11-30T17:45:00Z'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect((await withFixedTimes(a)).equals(await withFixedTimes(b))).toBe(true);
  });

  test('and the bytes still open as the same workbook', async () => {
    const fixed = await withFixedTimes(await workbookMadeAt(new Date()));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fixed as unknown as ArrayBuffer);
    expect(wb.getWorksheet('表')?.getCell('A1').value).toBe('项目支出绩效自评表');
  });
});

describe('npm start and npm run stop on a system without desktop Office', () => {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  test.each(['start', 'stop'])('%s checks the system before fetching office-addin-debugging', (name) => {
    expect(scripts[name].startsWith('node scripts/desktop-office-only.js && ')).toBe(true);
  });

  const runAs = (platform: string) =>
    spawnSync(process.execPath, ['-e', `Object.defineProperty(process, 'platform', { value: '${platform}' }); require('./scripts/desktop-office-only.js')`], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  test('on Linux the check fails at once and says what to do instead', () => {
    const result = runAs('linux');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run dev-server');
  });

  test.each(['win32', 'darwin'])('on %s it lets the script go on', (platform) => {
    expect(runAs(platform).status).toBe(0);
  });
});
