/**
 * The entry of the notifier's bundle (notifier-bundle.js): the CLI with `alertforge notifier`
 * alone. Bundled from main.ts, it held every command, and the packages those import (Grafana's
 * schema, the PromQL parser, esbuild) loaded into a process that runs for days and uses none.
 */
import { processIO, runCommand } from './command.ts';
import { notifierCommand } from './commands/notifier.ts';

/** `argv` as bin/alertforge.js passes it: `notifier` and its arguments. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(notifierCommand, argv.slice(1), processIO);
}
