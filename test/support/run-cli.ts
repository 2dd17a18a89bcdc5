/** Runs `alertforge` in-process with captured output, as a user's shell would see it. */
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, env, out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
