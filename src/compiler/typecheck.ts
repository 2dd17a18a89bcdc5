/**
 * Type-checks the project's sources with the project's own TypeScript (tsc), so a wrong label or
 * a dropped one fails the build with TypeScript's own diagnostic. Runs as a child process,
 * alongside loading and validation.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { constants, setPriority, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DASHBOARDS_DIR, RULES_DIR } from '../sdk/conventions.ts';
import { cacheDir } from './load.ts';

export interface TypecheckResult {
  readonly ok: boolean;
  /** tsc's diagnostics, as it prints them. */
  readonly output: string;
}

/** The directory of the project's own TypeScript, else the compiler's. */
function typescriptDir(root: string): string {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json'));
  } catch {
    return dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
  }
}

/**
 * How to start tsc. TypeScript 7's bin/tsc is a Node script that only finds the native compiler
 * (lib/getExePath.js) and runs it: a Node process of its own, 0.15 s of CPU before the check
 * starts. Started directly, the compiler saves that; an older TypeScript's bin/tsc runs on Node.
 */
async function tscCommand(root: string): Promise<readonly [string, ...string[]]> {
  const dir = typescriptDir(root);
  const findNative = join(dir, 'lib', 'getExePath.js');
  if (!existsSync(findNative)) return [process.execPath, join(dir, 'bin', 'tsc')];
  const { default: getExePath } = (await import(pathToFileURL(findNative).href)) as { default: () => string };
  return [getExePath()];
}

/**
 * TypeScript 7's tsc is a Go program. Its default garbage collector target (GOGC=100) spends about a
 * fifth of a cold check collecting, on the cores the rest of the build needs; collecting only near
 * a quarter of the machine's memory costs it nothing in a check that peaks at a few hundred MB. A
 * GOGC or GOMEMLIMIT the user set wins; a JavaScript tsc ignores both.
 */
export function tscEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.GOGC !== undefined || env.GOMEMLIMIT !== undefined) return env;
  return { ...env, GOGC: 'off', GOMEMLIMIT: `${Math.floor(totalmem() / 4 / 2 ** 20)}MiB` };
}

/**
 * tsc runs below the build's own priority: loading, analysing and emitting is the longer path of a
 * large build, and on a machine with few cores tsc's threads would otherwise take turns with it
 * rather than use what it leaves idle. Linux keeps a priority per thread, so each thread tsc has
 * started already is lowered (those it starts later inherit it). A priority that cannot be set
 * (the child already gone, a platform that refuses) only costs time, so it is not an error.
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  let threads: number[];
  try {
    threads = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    threads = [pid];
  }
  for (const thread of threads) {
    try {
      setPriority(thread, constants.priority.PRIORITY_BELOW_NORMAL);
    } catch {
      // See above: a scheduling preference, nothing depends on it.
    }
  }
}

export async function typecheck(root: string): Promise<TypecheckResult> {
  const dir = cacheDir(root);
  await mkdir(dir, { recursive: true });
  const config = join(dir, 'tsconfig.build.json');
  const include = [RULES_DIR, DASHBOARDS_DIR].map((d) => join(root, d, '**', '*.ts'));
  await writeFile(config, `${JSON.stringify({ extends: join(root, 'tsconfig.json'), include, compilerOptions: { noEmit: true } }, null, 2)}\n`);
  const [command, ...leading] = await tscCommand(root);
  return new Promise((resolve, reject) => {
    // Incremental: a rebuild re-checks only what changed since the last build of this project.
    const args = [...leading, '-p', config, '--pretty', 'false', '--incremental', '--tsBuildInfoFile', join(dir, 'tsbuildinfo')];
    const child = spawn(command, args, { cwd: root, env: tscEnvironment(process.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    lowerPriority(child.pid);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ok: code === 0, output: output.trim() }));
  });
}
