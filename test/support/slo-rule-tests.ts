/** The rule tests of a throwaway project holding one SLO, run under real promtool, for SLO behaviour tests. */
import { expect } from 'vitest';
import { compile } from '../../src/compiler/build.ts';
import { runRuleTests } from '../../src/compiler/rule-tests/promtool.ts';
import { createProject, FIXTURE_METRICS } from './project-fixture.ts';

async function runSloRuleTests(slo: string, tests: string) {
  const fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/slo.ts': slo, 'rules/slo.test.ts': tests });
  try {
    const result = await compile(fixture.root, { typecheck: false });
    const run = result.diagnostics.errors.length ? undefined : await runRuleTests(result.files, result.project!.ruleTests);
    return { errors: result.diagnostics.errors, run };
  } finally {
    fixture.remove();
  }
}

/** Asserts that the SLO compiles and all `count` of its rule tests pass under promtool. */
export async function expectSloRuleTestsPass(slo: string, tests: string, count: number): Promise<void> {
  const { errors, run } = await runSloRuleTests(slo, tests);
  expect(errors).toEqual([]);
  expect(run?.failures).toEqual([]);
  expect(run?.tests).toBe(count);
}
