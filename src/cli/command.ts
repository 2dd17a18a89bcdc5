/** One subcommand of `alertforge`. */
export interface Command {
  /** The word after `alertforge`, e.g. `build`. */
  readonly name: string;
  /** One line for `alertforge --help`. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs the command; resolves to the exit code (0 ok, 1 a finding, 2 misuse). */
  run(args: readonly string[], io: CommandIO): Promise<number>;
}

/** Where a command writes and which directory it works in; injected so tests can capture output. */
export interface CommandIO {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, finding: 1, misuse: 2 } as const;

/** Thrown for a misused command line; main prints it with the command's help hint. */
export class UsageError extends Error {}

/** The process's own directory, environment and output. */
export const processIO: CommandIO = {
  cwd: process.cwd(),
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Runs a command on the arguments after its name: its --help, or the run, a usage error printed with a hint. */
export async function runCommand(command: Command, args: readonly string[], io: CommandIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`alertforge ${command.name}: ${error.message}\nRun \`alertforge ${command.name} --help\` for usage.\n`);
      return EXIT.misuse;
    }
    throw error;
  }
}
