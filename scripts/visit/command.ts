/** One subcommand of `npm run visit -- <command> VISIT_ID [options]`, in a file of its own. */
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface VisitCommand<O extends Options = Options> {
  /** The word after `npm run visit --`. */
  readonly name: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** Arguments and options after the command name, e.g. `VISIT_ID --reason TEXT [--json]`. */
  readonly usage: string;
  readonly options: O;
  /** Positional arguments after the command name (usually just VISIT_ID). */
  readonly positionals: { readonly names: readonly string[]; readonly required: number };
  /** Returns the exit code. Throw CliError for a problem the user can fix. */
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>;
}
