/**
 * The programs the demo starts: each spawned with its output kept in a log file, awaited until it
 * says it is ready, and stopped (SIGTERM, then SIGKILL) with all the others on every way out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StartOptions {
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** A line of output that says the program is ready (its match is returned), or a URL that answers 2xx once it is. */
  readonly ready: RegExp | URL;
  readonly timeoutMs: number;
}

export interface Started {
  readonly child: ChildProcess;
  /** The ready line's match; empty when readiness was probed by URL. */
  readonly match: RegExpMatchArray | [];
  /** The program's output so far. */
  log(): Promise<string>;
}

const STOP_GRACE_MS = 3000;

export class Processes {
  private readonly running = new Map<string, ChildProcess>();

  constructor(private readonly logDir: string) {}

  /** Starts `command` and resolves once `ready` matches its output; rejects with its last output if it exits or times out first. */
  async start(name: string, command: string, options: StartOptions): Promise<Started> {
    const logFile = join(this.logDir, `${name}.log`);
    const sink = createWriteStream(logFile);
    const child = spawn(command, options.args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.running.set(name, child);
    const log = async () => readFile(logFile, 'utf8').catch(() => '');
    let seen = '';
    const { ready } = options;
    const match = await new Promise<RegExpMatchArray | []>((resolve, reject) => {
      let settled = false;
      const settle = (result: RegExpMatchArray | [] | Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const fail = (why: string) => settle(new Error(`${name} ${why}. Its last output:\n${tail(seen)}`));
      const timer = setTimeout(() => fail(`did not become ready within ${options.timeoutMs / 1000}s`), options.timeoutMs);
      const onData = (chunk: Buffer) => {
        sink.write(chunk);
        seen += chunk.toString();
        const found = ready instanceof RegExp ? ready.exec(seen) : null;
        if (found) settle(found);
      };
      if (ready instanceof URL) {
        const probe = async () => {
          const ok = await fetch(ready).then((r) => r.ok, () => false);
          if (ok) settle([]);
          else if (!settled) setTimeout(probe, 200);
        };
        void probe();
      }
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => fail(`could not be started: ${error.message}`));
      child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
    });
    // Once ready, output keeps going to the log only.
    child.stdout!.removeAllListeners('data').on('data', (c: Buffer) => sink.write(c));
    child.stderr!.removeAllListeners('data').on('data', (c: Buffer) => sink.write(c));
    child.removeAllListeners('exit').once('exit', () => {
      this.running.delete(name);
      sink.end();
    });
    return { child, match, log };
  }

  /** True while the named program runs. */
  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Stops one program: SIGTERM, then SIGKILL after a grace period. */
  async stop(name: string): Promise<void> {
    const child = this.running.get(name);
    if (!child) return;
    this.running.delete(name);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Stops everything still running, most recently started first. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].reverse().map((name) => this.stop(name)));
  }
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).map((l) => `  | ${l}`).join('\n');
}
