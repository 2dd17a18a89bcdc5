/**
 * Runs `promtool test rules` over compiled test files and maps each failure back to the test's
 * source file, line and name. promtool names the test of a failed alert expectation; a failed
 * value expectation is found by its expression and time.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { GeneratedFile } from '../emit/generated-file.ts';
import type { RuleTestFile } from './compile.ts';

export interface RuleTestFailure {
  /** The test's declaration, or its file when promtool could not say which test. */
  readonly source: SourceLocation;
  /** The test's name, when known. */
  readonly test: string | undefined;
  /** promtool's account: which expectation, expected and got. */
  readonly message: string;
}

export interface RuleTestRun {
  readonly tests: number;
  readonly failures: readonly RuleTestFailure[];
}

/** Thrown when promtool cannot be run at all. */
export class PromtoolMissing extends Error {}

function promtool(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile('promtool', args, { cwd }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new PromtoolMissing('promtool is not installed: install the Debian package prometheus (apt-get install prometheus)'));
      else resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const NAME = /^\s*name: (.*),\s*$/;
const ALERT = /^\s*alertname: (\S+), time: (\S+),/;
const EXPR = /^\s*expr: (".*"), time: (\S+),/;

function dedent(lines: readonly string[]): string[] {
  const indent = Math.min(...lines.map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent));
}

/** Splits promtool's report of one file into failures, each attributed to a test of `tests`. */
export function parseFailures(output: string, tests: RuleTestFile): RuleTestFailure[] {
  const fileSource = { file: tests.file, line: 1 };
  const byName = (name: string | undefined) => tests.tests.find((t) => t.name === name);
  const failures: { test: string | undefined; lines: string[] }[] = [];
  let current: string | undefined;
  const lines = output.slice(output.indexOf('FAILED:') + 'FAILED:'.length).split('\n');
  for (const line of lines) {
    const name = NAME.exec(line);
    const alert = ALERT.exec(line);
    const expr = EXPR.exec(line);
    if (name) current = name[1];
    else if (alert) failures.push({ test: current, lines: [`alert ${alert[1]} at ${alert[2]}`] });
    else if (expr) {
      const text = JSON.parse(expr[1]!) as string;
      const owner = tests.tests.find((t) => t.values.some((v) => v.expr === text && v.at === expr[2]));
      failures.push({ test: owner?.name, lines: [`value of ${text} at ${expr[2]}`] });
    } else if (failures.length && line.trim()) failures.at(-1)!.lines.push(line.trimEnd());
  }
  if (failures.length === 0) return [{ source: fileSource, test: undefined, message: output.trim() }];
  return failures.map(({ test, lines: [what, ...details] }) => ({ source: byName(test)?.source ?? fileSource, test, message: [what, ...dedent(details)].join('\n') }));
}

/**
 * Writes the build's output to a scratch directory (so the working tree is not touched) and runs
 * promtool over each test file there.
 */
export async function runRuleTests(files: readonly GeneratedFile[], testFiles: readonly RuleTestFile[]): Promise<RuleTestRun> {
  const dir = await mkdtemp(join(tmpdir(), 'alertforge-test-'));
  try {
    for (const file of files) {
      await mkdir(dirname(join(dir, file.path)), { recursive: true });
      await writeFile(join(dir, file.path), file.content);
    }
    const failures: RuleTestFailure[] = [];
    for (const tests of testFiles) {
      const { code, output } = await promtool(['test', 'rules', tests.path], dir);
      if (code !== 0) failures.push(...parseFailures(output, tests));
    }
    return { tests: testFiles.reduce((n, f) => n + f.tests.length, 0), failures };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
