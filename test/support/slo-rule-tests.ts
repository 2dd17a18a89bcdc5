/** Runs the rule tests of a throwaway project holding one SLO under real promtool, for SLO behaviour tests. */
import { compile } from '../../src/compiler/build.ts';
import { runRuleTests } from '../../src/compiler/rule-tests/promtool.ts';
import { createProject, FIXTURE_METRICS } from './project-fixture.ts';

export async function runSloRuleTests(slo: string, tests: string) {
  const fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/slo.ts': slo, 'rules/slo.test.ts': tests });
  try {
    const result = await compile(fixture.root, { typecheck: false });
    const run = result.diagnostics.errors.length ? undefined : await runRuleTests(result.files, result.project!.ruleTests);
    return { errors: result.diagnostics.errors, run };
  } finally {
    fixture.remove();
  }
}
