import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export function scriptArgs(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  positionals: number,
): { values: Record<string, string | boolean | undefined>; positionals: string[] };
