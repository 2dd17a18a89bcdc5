import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../../support/project-fixture.ts';

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

const RULES = `import { alert, ruleGroup } from 'alertforge';
export const g = ruleGroup({ name: 'queue', rules: [
  alert({ name: 'QueueDeep', expr: 'sum by (connector) (queue_depth) > 10', for: '5m', severity: 'critical', labels: { team: 'sync' },
    summary: 'Queue of {{ $labels.connector }} holds {{ $value }}', description: 'Connector {{ $labels.connector }} is behind.' }),
] });
`;

async function compileTests(tests: string, extra: Record<string, string> = {}) {
  fixture = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'rules/queue.rules.ts': RULES,
    'rules/queue.test.ts': `import { ruleTest, series } from 'alertforge';\nimport { depth } from './metrics.ts';\n${tests}`,
    ...extra,
  });
  const result = await compile(fixture.root, { typecheck: false });
  return {
    errors: result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root)),
    file: result.files.find((f) => f.path === 'generated/prometheus/tests/queue.yml')?.content,
  };
}

describe('rule tests compile into promtool test files', () => {
  it('completes the labels and annotations a test leaves out from the rule and the input series', async () => {
    const { errors, file } = await compileTests(`export const t = ruleTest({
  name: 'deep', series: [series(depth, { connector: 'crm' }, '20x10')],
  alerts: [{ at: '10m', alert: 'QueueDeep', firing: [{ value: 20 }] }],
});`);
    expect(errors).toEqual([]);
    expect(file).toContain(`rule_files:
  - ../rules/queue.yml
evaluation_interval: 1m
tests:
  - name: deep
    interval: 1m
    input_series:
      - series: queue_depth{connector="crm"}
        values: 20x10
    alert_rule_test:
      - eval_time: 10m
        alertname: QueueDeep
        exp_alerts:
          - exp_labels:
              connector: crm
              severity: critical
              team: sync
            exp_annotations:
              description: Connector crm is behind.
              summary: Queue of crm holds 20
`);
  });

  it('asks for a label the input series give several values, and for a value the summary prints', async () => {
    const { errors } = await compileTests(`export const t = ruleTest({
  name: 'two connectors', series: [series(depth, { connector: 'crm' }, '20x10'), series(depth, { connector: 'erp' }, '20x10')],
  alerts: [{ at: '10m', alert: 'QueueDeep', firing: [{}] }],
});`);
    expect(errors).toEqual([
      expect.stringMatching(/^rules\/queue\.test\.ts:3: error: rule test "two connectors": alert QueueDeep at 10m: label "connector" could be "crm" or "erp"\n\s+name it in the expectation: labels: \{ connector: 'crm' \}/),
      expect.stringMatching(/rule test "two connectors": alert QueueDeep at 10m: the summary annotation cannot be completed: it prints the value\n\s+give the alert's value \(value: \.\.\.\) or the annotation itself/),
    ]);
  });

  it('rejects a label the alert can never carry', async () => {
    const { errors } = await compileTests(`export const t = ruleTest({
  name: 'wrong label', series: [series(depth, { connector: 'crm', instance: 'a:1' }, '20x10')],
  alerts: [{ at: '10m', alert: 'QueueDeep', firing: [{ labels: { instance: 'a:1' }, value: 20 }] }],
});`);
    expect(errors).toEqual([expect.stringContaining('rule test "wrong label": alert QueueDeep at 10m: names label "instance", which the rule\'s result never carries\n    it carries: connector, severity, team')]);
  });

  it('rejects an alert no group declares, suggesting the closest name', async () => {
    const { errors } = await compileTests(`export const t = ruleTest({ name: 'typo', series: [], alerts: [{ at: '1m', alert: 'QueueDepp', firing: [] }] });`);
    expect(errors).toEqual([expect.stringContaining('rule test "typo": expects alert QueueDepp, which no rule group declares\n    did you mean QueueDeep?')]);
  });

  it('fails the build for an untested critical alert when the project\'s testPolicy requires it', async () => {
    const { errors } = await compileTests('', { 'rules/policy.ts': `import { testPolicy } from 'alertforge';\nexport const p = testPolicy({ requireTestsFor: ['critical'] });\n` });
    expect(errors).toEqual([expect.stringMatching(/^rules\/queue\.rules\.ts:3: error: group "queue" alert "QueueDeep": is critical and no rule test exercises it\n\s+the project's testPolicy \(rules\/policy\.ts\) requires a test of every critical alert/)]);
  });
});
