/**
 * The build refuses exactly the expressions Prometheus refuses: each expression of the corpus in a
 * rule of its own, judged by the build's PromQL checks (every metric known, its labels not) and by
 * `promtool check rules`. A disagreement is either a build that passes with a file Prometheus will
 * not load, or a valid expression refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { stringify } from 'yaml';
import { analyzePromql } from '../../src/compiler/promql/analyze.ts';
import { itWithTools } from '../support/tools.ts';
import { PROMQL_CORPUS } from './support/promql-corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'alertforge-promql-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The indexes of the corpus's expressions promtool refuses: one file, a group per expression. */
function refusedByPromtool(expressions: readonly string[]): Set<number> {
  const file = join(dir, 'corpus.yml');
  writeFileSync(file, stringify({ groups: expressions.map((expr, i) => ({ name: `e${i}`, rules: [{ record: 'corpus:expr', expr }] })) }));
  let output = '';
  try {
    execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    output = stdout + stderr;
  }
  return new Set([...output.matchAll(/group "e(\d+)", rule 1/g)].map((m) => Number(m[1])));
}

itWithTools(['promtool'])('the build refuses a PromQL expression exactly when promtool does', () => {
  const refused = refusedByPromtool(PROMQL_CORPUS);
  const verdicts = PROMQL_CORPUS.map((expr, i) => {
    const problems = analyzePromql(expr, () => ({ labels: null, kind: undefined })).problems.map((p) => p.message);
    return { expr, promtool: refused.has(i) ? 'refuses' : 'accepts', build: problems.length > 0 ? 'refuses' : 'accepts', problems };
  });
  expect(refused.size).toBeGreaterThan(10);
  expect(verdicts.filter((v) => v.promtool !== v.build)).toEqual([]);
});
