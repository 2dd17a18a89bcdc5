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

const CHECKS_RULES = `import { alert, promql, ruleGroup } from 'alertforge';

export const g = ruleGroup({ name: 'queues', rules: [
  alert({
    name: 'QueueDeeperThanOps', expr: promql('queue_depth > on(connector) group_left rate(ops_total[5m])'), for: '2m', severity: 'warning',
    summary: 'deep', description: (t) => \`Queue of \${t.labels.connector} is deeper than ops.\`,
  }),
] });
`;

// Failures promtool reports without naming the test, after a test that passes.
const CHECKS_TESTS = `import { ruleTest, series } from 'alertforge';
import { depth, ops } from './metrics.ts';

export const three = ruleTest({
  name: 'depth is 3 at 90s',
  series: [series(depth, { connector: 'crm' }, '3x10')],
  values: [{ at: '90s', expr: 'queue_depth', samples: [{ labels: { __name__: 'queue_depth', connector: 'crm' }, value: 3 }] }],
});

export const four = ruleTest({
  name: 'depth is 4 at 90s',
  series: [series(depth, { connector: 'crm' }, '3x10')],
  values: [{ at: '90s', expr: 'queue_depth', samples: [{ labels: { __name__: 'queue_depth', connector: 'crm' }, value: 4 }] }],
});

export const unevaluable = ruleTest({
  name: 'rule that cannot be evaluated',
  series: [series(depth, { connector: 'crm' }, '1x10'), series(ops, { connector: 'crm', status: 'ok' }, '1x10'), series(ops, { connector: 'crm', status: 'failed' }, '1x10')],
  alerts: [{ at: '1m', alert: 'QueueDeeperThanOps', firing: [] }],
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
    expect(stderr).toMatch(/^rules\/ops\.test\.ts:12: FAILED test "OpsFast stays quiet at 2 ops\/s": alert OpsFast at 15m\n {6}exp:\[\],\n {6}got:\[/m);
    expect(stderr).toContain('summary="crm runs 2 ops/s"');
    expect(stderr).toContain('1 failure in 2 tests in 1 file\n');
  });

  itPromtool('names the test of every failure: a value checked by several tests, a rule that cannot be evaluated', async () => {
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/queues.rules.ts': CHECKS_RULES, 'rules/queues.test.ts': CHECKS_TESTS });
    const { code, stderr } = await runCli(['test'], fixture.root);
    expect(code).toBe(1);
    const failures = stderr.split('\n').filter((l) => l.startsWith('rules/'));
    expect(failures).toEqual([
      'rules/queues.test.ts:10: FAILED test "depth is 4 at 90s": value of queue_depth at 1m30s',
      expect.stringMatching(/^rules\/queues\.test\.ts:16: FAILED test "rule that cannot be evaluated": rule: QueueDeeperThanOps, time: \S+, err: .*many-to-many matching not allowed/),
    ]);
    expect(stderr).toMatch(/value of queue_depth at 1m30s\n {6}exp: \{__name__="queue_depth", connector="crm"\} 4E\+00\n {6}got: /);
    expect(stderr).toContain('2 failures in 3 tests in 1 file\n');
  });
});
