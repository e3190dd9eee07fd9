/** Every error the product raises for a user has one shape: code, Chinese, English, retryable, cause. */
import { HostError } from '../../src/app/ports';
import { CliError } from '../../src/cli/cli-error';
import { ProductError } from '../../src/engine/product-error';
import { ReportError } from '../../src/engine/report/errors';
import { DialogOpenError } from '../../src/office/dialog';
import { WorkbookFileError } from '../../src/report-service/word-report';
import { tooLarge, XlsxInputError } from '../../src/xlsx/errors';

test('each product error is a ProductError with its texts in both languages', () => {
  const errors: ProductError[] = [
    new HostError('busy', '忙', 'busy'),
    new ReportError('bad-date', '日期无效', 'Invalid date'),
    new CliError('参数有误', 'Bad option', 1),
    new DialogOpenError(12009, '被拦截', 'Blocked'),
    new WorkbookFileError('xls', '旧版文件', 'Old file'),
    new XlsxInputError('xls'),
    tooLarge('超过一百万行', 'over a million rows'),
  ];
  for (const error of errors) {
    expect(error).toBeInstanceOf(ProductError);
    expect(error.text('zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(error.text('en')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(error.text('en')).toBe(error.messageEn);
  }
  expect(tooLarge('超过一百万行', 'over a million rows').text('zh')).toBe('工作簿太大：超过一百万行，无法读取');
});

test('what the command line prints is kept: one line, Chinese / English', () => {
  expect(new XlsxInputError('empty').message).toBe('文件是空的（0 字节） / The file is empty (0 bytes)');
  expect(new CliError('参数有误', 'Bad option', 1).message).toBe('参数有误 / Bad option');
});

test('retryable: a busy Excel or a cell being edited, and an unknown failure; not a protected sheet', () => {
  expect(['busy', 'editing', 'unknown', 'protected', 'stale'].map((code) => new HostError(code as HostError['code'], '甲', 'a').retryable)).toEqual([
    true,
    true,
    true,
    false,
    false,
  ]);
  expect(new DialogOpenError(12007, '已打开', 'Open').retryable).toBe(true);
});

test('the cause is kept', () => {
  const office = new Error('RichApi.Error');
  expect(new HostError('unknown', '甲', 'a', { cause: office }).cause).toBe(office);
});
