import { EXIT, processIO, runCommand, type CommandIO } from './command.ts';
import { COMMANDS } from './commands/index.ts';

/** The command list; loads every command for its summary, which only --help and mistakes need. */
async function usage(): Promise<string> {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `alertforge: monitoring as typed TypeScript\n\nUsage: alertforge <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`alertforge <command> --help\` for a command's options.\n`;
}

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  // Asked for, the usage is the answer (stdout); without a command it is an error's explanation (stderr).
  if (name === undefined) {
    io.err(await usage());
    return EXIT.misuse;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(await usage());
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`alertforge: unknown command "${name}".\n\n${await usage()}`);
    return EXIT.misuse;
  }
  return runCommand(await entry.load(), rest, io);
}
