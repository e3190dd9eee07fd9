import { scriptArgs, UsageError } from '../../scripts/script-args';

const options = { out: { type: 'string' as const }, remove: { type: 'boolean' as const } };

test('values, flags, -h and the positional arguments', () => {
  expect(scriptArgs(['\\\\srv\\share', '--out', 'a.reg', '--remove'], options, 1)).toEqual({
    values: { out: 'a.reg', remove: true },
    positionals: ['\\\\srv\\share'],
  });
  expect(scriptArgs(['-h'], options, 1).values.help).toBe(true);
});

test.each([
  [['--bogus'], '不认识的选项 --bogus / unknown option --bogus'],
  [['--out'], '--out 后面缺少取值 / --out needs a value'],
  [['a', 'b'], '多余的参数 b / unexpected argument b'],
])('%j is refused in Chinese and English', (argv, message) => {
  expect(() => scriptArgs(argv, options, 1)).toThrow(UsageError);
  expect(() => scriptArgs(argv, options, 1)).toThrow(message);
});
