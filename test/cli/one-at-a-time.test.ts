import { oneAtATime } from '../../src/cli/batch-file';

describe('oneAtATime: a thread reads and scores one file at a time', () => {
  test('work given together runs one piece after another, in the order given', async () => {
    const inTurn = oneAtATime();
    const log: string[] = [];
    let running = 0;
    const piece = (name: string, ms: number) => async () => {
      running++;
      log.push(`${name} starts with ${running} running`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return name;
    };
    const results = await Promise.all([inTurn(piece('a', 20)), inTurn(piece('b', 1)), inTurn(piece('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts with 1 running', 'b starts with 1 running', 'c starts with 1 running']);
  });

  test('a piece that fails gives its caller the failure and does not hold up the next', async () => {
    const inTurn = oneAtATime();
    const failing = inTurn(async () => {
      throw new Error('damaged file');
    });
    const next = inTurn(async () => 'scored');
    await expect(failing).rejects.toThrow('damaged file');
    await expect(next).resolves.toBe('scored');
  });
});
