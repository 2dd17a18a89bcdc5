/**
 * Runs `promtool test rules` over compiled test files and maps each failure back to the test's
 * source file, line and name. promtool names the test only of a failed alert expectation, and
 * reports the failures of a file's tests together, unnumbered; so each test is given to promtool
 * as a file of its own, and every failure is the test's whose file promtool was testing.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { GeneratedFile } from '../emit/generated-file.ts';
import { toYaml, type YamlValue } from '../emit/yaml-writer.ts';
import type { RuleTestFile } from './compile.ts';

export interface RuleTestFailure {
  /** The test's declaration, or its file when promtool could not say which test. */
  readonly source: SourceLocation;
  /** The test's name, when known. */
  readonly test: string | undefined;
  /** promtool's account: each failed expectation or error, with what was expected and got. */
  readonly message: string;
}

export interface RuleTestRun {
  readonly tests: number;
  /** One per failing test (and one per file promtool could not report on). */
  readonly failures: readonly RuleTestFailure[];
}

/** Thrown when promtool cannot be run at all. */
export class PromtoolMissing extends Error {}

/**
 * promtool's stdout and stderr in the order written: it names the file under test on stdout and
 * reports that file's failures on stderr, so both go to one file (separate pipes lose the order).
 */
async function promtool(args: readonly string[], cwd: string, outputPath: string): Promise<{ code: number; output: string }> {
  const out = await open(outputPath, 'w');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn('promtool', args, { cwd, stdio: ['ignore', out.fd, out.fd] });
      child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new PromtoolMissing('promtool is not installed: install the Debian package prometheus (apt-get install prometheus)') : error));
      child.on('close', (status) => resolve(status ?? 1));
    });
    return { code, output: await readFile(outputPath, 'utf8') };
  } finally {
    await out.close();
  }
}

const NAME = /^\s*name: .*,\s*$/;
const ALERT = /^\s*alertname: (\S+), time: (\S+),/;
const EXPR = /^\s*expr: (".*"), time: (\S+),/;

const indentOf = (line: string) => /^ */.exec(line)![0].length;

function dedent(lines: readonly string[]): string[] {
  const indent = Math.min(...lines.map(indentOf));
  return lines.map((l) => l.slice(indent));
}

/**
 * promtool's report of one test's file (what follows "FAILED:") as one entry per failed
 * expectation or error: a headline, then its details indented by two.
 */
export function describeFailure(report: string): string {
  const entries: { head: string; indent: number; details: string[] }[] = [];
  for (const line of report.split('\n')) {
    if (!line.trim() || NAME.test(line)) continue;
    const alert = ALERT.exec(line);
    const expr = EXPR.exec(line);
    const head = alert ? `alert ${alert[1]} at ${alert[2]}` : expr ? `value of ${JSON.parse(expr[1]!) as string} at ${expr[2]}` : undefined;
    const last = entries.at(-1);
    // An input that does not load or a rule that fails to evaluate is a line of its own, not a detail.
    if (head === undefined && last && indentOf(line) > last.indent) last.details.push(line.trimEnd());
    else entries.push({ head: head ?? line.trim(), indent: indentOf(line), details: [] });
  }
  return entries.map(({ head, details }) => [head, ...(details.length ? dedent(details) : []).map((d) => `  ${d}`)].join('\n')).join('\n');
}

interface SingleTest {
  /** The test's own promtool file, relative to where promtool runs. */
  readonly path: string;
  /** Its rules/*.test.ts. */
  readonly file: string;
  readonly source: SourceLocation;
  readonly name: string;
}

/**
 * Splits promtool's report of many files at its "Unit Testing:  <file>" headers, which come in the
 * order the files were given: one failure per test whose part says FAILED; when promtool failed
 * without reporting a failed test, one with its whole output at the first test it did not report.
 */
export function parseReport(output: string, code: number, tests: readonly SingleTest[]): RuleTestFailure[] {
  const starts = tests.map((t) => `Unit Testing:  ${t.path}\n`);
  const failures: RuleTestFailure[] = [];
  let at = output.indexOf(starts[0] ?? '');
  let reported = 0;
  for (const [i, test] of tests.entries()) {
    if (at < 0) break;
    reported = i + 1;
    const next = i + 1 < tests.length ? output.indexOf(starts[i + 1]!, at + starts[i]!.length) : output.length;
    const part = output.slice(at + starts[i]!.length, next < 0 ? output.length : next);
    const failed = part.indexOf('FAILED:');
    if (failed >= 0) failures.push({ source: test.source, test: test.name, message: describeFailure(part.slice(failed + 'FAILED:'.length)) });
    at = next;
  }
  const unreported = tests[Math.min(reported, tests.length - 1)];
  if (code !== 0 && failures.length === 0 && unreported) failures.push({ source: { file: unreported.file, line: 1 }, test: undefined, message: output.trim() });
  return failures;
}

/**
 * Writes the build's output to a scratch directory (so the working tree is not touched), each
 * test file split into one file per test beside it, and runs promtool once over all of them.
 */
export async function runRuleTests(files: readonly GeneratedFile[], testFiles: readonly RuleTestFile[]): Promise<RuleTestRun> {
  const dir = await mkdtemp(join(tmpdir(), 'alertforge-test-'));
  try {
    // The whole test files are not written: a split's name (sync.1.yml) could be another's (rules/sync.1.test.ts).
    const testPaths = new Set(testFiles.map((t) => t.path));
    const singles: SingleTest[] = [];
    const written = files.filter((f) => !testPaths.has(f.path));
    for (const file of testFiles) {
      const { tests, ...shared } = file.document as { readonly tests: readonly YamlValue[] };
      file.tests.forEach((test, i) => {
        const path = `${file.path.slice(0, -'.yml'.length)}.${i}.yml`;
        written.push({ path, content: toYaml({ ...shared, tests: [tests[i]] }) });
        singles.push({ path, file: file.file, source: test.source ?? { file: file.file, line: 1 }, name: test.name });
      });
    }
    for (const file of written) {
      await mkdir(dirname(join(dir, file.path)), { recursive: true });
      await writeFile(join(dir, file.path), file.content);
    }
    const failures: RuleTestFailure[] = [];
    if (singles.length) {
      const { code, output } = await promtool(['test', 'rules', ...singles.map((t) => t.path)], dir, join(dir, 'promtool.out'));
      failures.push(...parseReport(output, code, singles));
    }
    return { tests: singles.length, failures };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
