/**
 * Programs a test starts (the notifier CLI, prometheus): spawned with their output kept, awaited
 * until ready, and always stopped, also when the test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface StartOptions {
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The folder it runs in; default this process's. */
  readonly cwd?: string;
  /** A line of output that says the program is ready, or a URL that answers 2xx once it is. */
  readonly ready: RegExp | URL;
  readonly timeoutMs?: number;
}

export class RunningProcess {
  private output = '';
  readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then SIGKILL if it has not exited within 5s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: no chance to clean up, as a crash or the OOM killer. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Every process started and not yet stopped, so an afterEach can stop them all. */
const started = new Set<RunningProcess>();

export async function startProcess(name: string, command: string, options: StartOptions): Promise<RunningProcess> {
  const child = spawn(command, options.args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd && { cwd: options.cwd }) });
  const running = new RunningProcess(name, child);
  started.add(running);
  void running.exited.then(() => started.delete(running));
  const { ready } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (!running.running) throw new Error(`${name} exited before it was ready:\n${running.log}`);
    if (ready instanceof RegExp ? ready.test(running.log) : await fetch(ready).then((r) => r.ok, () => false)) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await running.stop();
  throw new Error(`${name} did not become ready in time:\n${running.log}`);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...started].map((p) => p.stop()));
}
