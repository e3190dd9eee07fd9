/** The CLI run in-process, its printed lines collected: what the CLI tests check. */
import { main } from '../../src/cli/main';
import type { Terminal } from '../../src/cli/batch-progress';

/** `terminal`: where a batch draws its progress line; none (as when stderr is not a terminal) unless given. */
export async function run(args: string[], terminal?: Terminal): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
    terminal,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
