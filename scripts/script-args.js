/**
 * The command lines of the project's own scripts (fetch-office-js, catalog-reg): parsed by Node's
 * util.parseArgs, its refusals said in Chinese and English as the scripts say everything else.
 */
'use strict';

const { parseArgs } = require('node:util');

/** A mistake in how the script was called: its message is shown with the usage text. */
class UsageError extends Error {}

/**
 * The options' values and the positional arguments (at most `positionals` of them); -h/--help is
 * always an option. A missing value, an unknown option or an extra argument throws UsageError.
 */
function scriptArgs(argv, options, positionals) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(refusal(error));
  }
  if (parsed.positionals.length > positionals) {
    const extra = parsed.positionals[positionals];
    throw new UsageError(`多余的参数 ${extra} / unexpected argument ${extra}`);
  }
  return parsed;
}

function refusal(error) {
  // parseArgs names the option in quotes: '--base <value>', '--foo'
  const option = (/'([^' ]+)/.exec(error.message) || [])[1] || '';
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option} 后面缺少取值 / ${option} needs a value`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的选项 ${option} / unknown option ${option}`;
  return error.message;
}

module.exports = { scriptArgs, UsageError };
