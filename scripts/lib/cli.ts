/**
 * One way for every script to read its options and to fail: a wrong option, a missing argument or
 * a bad value prints a one-line error and the usage, and exits 1; an error the script expects
 * (`CliError`) prints its message and exits with its code; anything else prints one line (the
 * stack only with DEBUG=1). A person running a script never sees a raw Node stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseUkDate } from '../../shared/domain/dates';
import { exitAfterOutput } from './local-env';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** How the script is run, e.g. `npm run visit-link --`. */
  readonly command: string;
  /** Usage lines after the command (arguments and options), and a sentence or two of help. */
  readonly usage: string;
  readonly options: O;
  /** Positional arguments: names for the usage check, how many are required. */
  readonly positionals?: { readonly names: readonly string[]; readonly required?: number; readonly variadic?: boolean };
}

/** An error the user can fix: its message is the whole story (what, where, how to fix). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage error: the message and then the usage are printed. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'UsageError';
  }
}

export function usageText<O extends Options>(spec: CliSpec<O>): string {
  return `Usage: ${spec.command} ${spec.usage}`.trim();
}

/** Parse argv against the spec; a problem throws UsageError with a one-line message. */
export function parseCli<O extends Options>(spec: CliSpec<O>, argv: readonly string[] = process.argv.slice(2)) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, spec.options), options: spec.options, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages carry a long hint after the first sentence: keep the sentence.
    throw new UsageError(oneLine((err as Error).message).replace(/^(.*?\.)\s.*$/, '$1'));
  }
  const names = spec.positionals?.names ?? [];
  const required = spec.positionals?.required ?? 0;
  if (parsed.positionals.length < required) throw new UsageError(`Missing ${names[parsed.positionals.length] ?? 'argument'}.`);
  if (!spec.positionals?.variadic && parsed.positionals.length > names.length) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[names.length]}".`);
  }
  return parsed;
}

/** A whole or decimal number greater than zero, from an option's text. */
export function positiveNumber(text: string | undefined, option: string, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${option} is required.`);
    return fallback;
  }
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${option} must be a number greater than 0 (got "${text}").`);
  return n;
}

/** A real calendar date written YYYY-MM-DD (or dd/mm/yyyy), returned as YYYY-MM-DD. */
export function dateOption(text: string | undefined, option: string): string | undefined {
  if (text === undefined) return undefined;
  const d = parseUkDate(text);
  if (!d) throw new UsageError(`--${option} must be a real date written YYYY-MM-DD (got "${text}").`);
  return d;
}

/** `--days -1` reads as two options to parseArgs: join a number that starts with '-' to its option. */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function oneLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/**
 * Run a script's main function: its return value is the exit code. Errors never show a stack
 * trace unless DEBUG is set.
 */
export async function runCli<O extends Options>(spec: CliSpec<O>, main: (args: ReturnType<typeof parseCli<O>>) => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main(parseCli(spec));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`Error: ${err.message}\n${usageText(spec)}\n`);
      code = err.exitCode;
    } else if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      code = err.exitCode;
    } else {
      const e = err as Error;
      process.stderr.write(`${spec.command.replace(/ --$/, '')} failed: ${e?.name ?? 'Error'}: ${oneLine(e?.message ?? String(err))}\n`);
      if (process.env.DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
      code = 1;
    }
  }
  return exitAfterOutput(code);
}
