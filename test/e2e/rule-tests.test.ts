import { afterEach, describe, expect } from 'vitest';
import { compile } from '../../src/compiler/build.ts';
import { runRuleTests } from '../../src/compiler/rule-tests/promtool.ts';
import { createProject, FIXTURE_METRICS, REPO_ROOT, type ProjectFixture } from '../support/project-fixture.ts';
import { runCli } from '../support/run-cli.ts';
import { itWithTools } from '../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

const RULES = `import { alert, record, ruleGroup, sum, rate } from 'alertforge';
import { ops } from './metrics.ts';

export const g = ruleGroup({ name: 'ops', rules: [
  record({ name: 'connector:ops:rate5m', expr: sum(rate(ops.range('5m')), { by: ['connector'] }) }),
  alert({
    name: 'OpsFast', expr: sum(rate(ops.range('5m')), { by: ['connector'] }).gt(1), for: '5m', severity: 'critical',
    summary: (t) => \`\${t.labels.connector} runs \${t.valueHumanized} ops/s\`, description: (t) => \`Connector \${t.labels.connector} is busy.\`,
  }),
] });
`;

const TESTS = `import { ruleTest, series } from 'alertforge';
import { ops } from './metrics.ts';

const busy = [series(ops, { connector: 'crm', status: 'ok' }, '0+120x20')];

export const fires = ruleTest({
  name: 'OpsFast fires at 2 ops/s',
  series: busy,
  alerts: [{ at: '15m', alert: 'OpsFast', firing: [{ value: 2 }] }],
});

export const quiet = ruleTest({
  name: 'OpsFast stays quiet at 2 ops/s',
  series: busy,
  alerts: [{ at: '15m', alert: 'OpsFast', firing: [] }],
});
`;

describe('alertforge test', () => {
  itPromtool('passes the example project\'s tests under promtool', async () => {
    const result = await compile(REPO_ROOT, { typecheck: false });
    expect(result.diagnostics.errors).toEqual([]);
    const run = await runRuleTests(result.files, result.project!.ruleTests);
    expect(run.failures).toEqual([]);
    expect(run.tests).toBeGreaterThanOrEqual(38);
  });

  itPromtool('reports a failing test at its file and line, by name, with what was expected and got; lists untested rules', async () => {
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/ops.rules.ts': RULES, 'rules/ops.test.ts': TESTS });
    const { code, stdout, stderr } = await runCli(['test', '--coverage'], fixture.root);
    expect(code).toBe(1);
    expect(stdout).toBe('1 rule no test exercises:\n  rules/ops.rules.ts:5: group "ops" recording rule "connector:ops:rate5m"\n');
    // The expectation that names only the value passes: labels and annotations were completed from the rule.
    expect(stderr).not.toContain('OpsFast fires at 2 ops/s');
    expect(stderr).toMatch(/^rules\/ops\.test\.ts:12: FAILED test "OpsFast stays quiet at 2 ops\/s": alert OpsFast at 15m\n {4}exp:\[\],\n {4}got:\[/m);
    expect(stderr).toContain('summary="crm runs 2 ops/s"');
    expect(stderr).toContain('1 failure in 2 tests in 1 file\n');
  });
});
