/**
 * Runs the built CLI in a child process held to the bounds: killed past the time limit or
 * when its resident memory passes the cap, so a runaway case cannot take the test machine down.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const TIME_LIMIT_MS = 20_000;
export const MEMORY_LIMIT_KB = 1.5 * 1024 * 1024;

const CHILD = path.join(__dirname, 'cli-child.js');
const POLL_MS = 50;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in kB: the child's own figure, else the highest seen while polling. */
  peakKb: number;
  /** Why the harness stopped it, if it did. */
  killed?: 'time' | 'memory';
}

function residentKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0; // already gone
  }
}

export function runCli(args: string[], options: { cwd?: string; fileSizeLimit?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const command = [process.execPath, CHILD, ...args];
    if (options.fileSizeLimit !== undefined) command.unshift('prlimit', `--fsize=${options.fileSizeLimit}`, '--');
    const child = spawn(command[0], command.slice(1), { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const usage: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (d: Buffer) => usage.push(d));
    let polledKb = 0;
    let killed: CliRun['killed'];
    const stop = (why: 'time' | 'memory') => {
      killed ??= why;
      child.kill('SIGKILL');
    };
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const kb = residentKb(child.pid);
      polledKb = Math.max(polledKb, kb);
      if (kb > MEMORY_LIMIT_KB) stop('memory');
    }, POLL_MS);
    const timer = setTimeout(() => stop('time'), TIME_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      // the child's own figures when it ended normally: the parent's clock also counts the time
      // its event loop spent preparing other cases
      const [reportedKb, reportedMs] = Buffer.concat(usage).toString('utf8').split(' ').map(Number);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: reportedMs > 0 ? reportedMs : Date.now() - started,
        peakKb: Math.max(polledKb, reportedKb > 0 ? reportedKb : 0),
        killed,
      });
    });
  });
}
