/**
 * Compile benchmark: a synthetic project of 10,000 alerting rules in 200 files over a 200-metric
 * catalog. Times `alertforge build` end to end (type-check, load, validate, emit, write), then
 * `promtool check rules` on the same output, in the same run; and the example project's build.
 *
 *   npx tsx bench/compile.ts [--runs 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/support/project-fixture.ts';
import { writeSyntheticProject } from '../test/support/synthetic-project.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const CLI = join(REPO_ROOT, 'bin', 'alertforge.js');

/** Wall-clock seconds of a command, failing loudly if it fails. */
function time(command: string, args: readonly string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

try {
  execFileSync('promtool', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('promtool is not installed: apt-get install prometheus');
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), 'alertforge-bench-'));
try {
  const alerts = writeSyntheticProject(root, { metrics: 200, files: 200, alertsPerFile: 50 });
  const ruleFiles = () => readdirSync(join(root, 'generated/prometheus/rules')).map((f) => join('generated/prometheus/rules', f));
  const colds: number[] = [];
  const build: number[] = [];
  const promtool: number[] = [];
  const example: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Cold: no generated/ and no compiler cache (tsc's incremental state), as on a fresh clone.
    for (const dir of ['generated', 'node_modules/.cache']) rmSync(join(root, dir), { recursive: true, force: true });
    colds.push(time(process.execPath, [CLI, 'build'], root));
    rmSync(join(root, 'generated'), { recursive: true, force: true });
    build.push(time(process.execPath, [CLI, 'build'], root));
    promtool.push(time('promtool', ['check', 'rules', ...ruleFiles()], root));
    example.push(time(process.execPath, [CLI, 'build', '--check'], REPO_ROOT));
  }
  const cold = median(colds);
  const ours = median(build);
  const theirs = median(promtool);
  console.log(`machine: ${cpus().length} cores, node ${process.version}; median of ${runs} runs`);
  console.log(`synthetic project: ${alerts} alerting rules, 200 files, 200 metrics`);
  console.log(`  alertforge build, cold (fresh clone, no compiler cache):    ${cold.toFixed(2)} s (${(cold / theirs).toFixed(2)}x promtool)`);
  console.log(`  alertforge build, rebuild (tsc incremental state kept):     ${ours.toFixed(2)} s (${(ours / theirs).toFixed(2)}x promtool)`);
  console.log(`  promtool check rules on the same output:                    ${theirs.toFixed(2)} s`);
  console.log('  goal: the build within 1.5x of promtool');
  console.log(`example project: alertforge build --check: ${median(example).toFixed(2)} s (goal: under 1.5 s)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
