/**
 * npm run visit -- COMMAND VISIT_ID [options]
 * Ops commands on one visit (its lifecycle and its findings' publication). Run with no command to
 * list them. Each command is a file under scripts/visit/, listed in scripts/visit/commands.ts.
 */
import { CliError, runCli, type CliSpec } from './lib/cli';
import { visitCommands } from './visit/commands';

const [name, ...rest] = process.argv.slice(2);
const list = visitCommands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n');
const command = visitCommands.find((c) => c.name === name);

if (!command) {
  const spec: CliSpec<Record<string, never>> = {
    command: 'npm run visit --',
    usage: `COMMAND VISIT_ID [options]\n\nCommands:\n${list}`,
    options: {},
    positionals: { names: ['COMMAND'], variadic: true },
  };
  await runCli(spec, () =>
    Promise.reject(
      new CliError(`${name ? `Unknown command "${name}".` : 'Name a command.'}\nUsage: npm run visit -- COMMAND VISIT_ID [options]\n\nCommands:\n${list}`),
    ),
  );
} else {
  process.argv.splice(2, process.argv.length - 2, ...rest);
  await runCli({ command: `npm run visit -- ${command.name}`, usage: command.usage, options: command.options, positionals: command.positionals }, (args) =>
    command.run({ values: args.values as Record<string, string | boolean | undefined>, positionals: args.positionals }),
  );
}
