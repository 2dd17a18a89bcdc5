import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { writeGenerated } from '../../../../src/compiler/drift.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../../support/project-fixture.ts';
import { itWithTools } from '../../../support/tools.ts';

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
    /** Writes generated/ and runs promtool on the test file; throws with promtool's output when a test fails. */
    promtool: async () => {
      await writeGenerated(fixture!.root, result.files);
      return execFileSync('promtool', ['test', 'rules', 'generated/prometheus/tests/queue.yml'], { cwd: fixture!.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    },
  };
}

/** Two groups recording the same name, told apart by a label, as SLOs' groups do. */
function shardGroups(): Record<string, string> {
  const group = (shard: string) => `import { record, ruleGroup } from 'alertforge';
export const g = ruleGroup({ name: 'shard-${shard}', rules: [record({ name: 'connector:queue_depth:max', expr: 'max by (connector) (queue_depth)', labels: { shard: '${shard}' } })] });
`;
  return { 'rules/shard-a.rules.ts': group('a'), 'rules/shard-b.rules.ts': group('b') };
}

const OTHER_RULES = `import { alert, ruleGroup } from 'alertforge';
export const g = ruleGroup({ name: 'other', rules: [
  alert({ name: 'OtherDeep', expr: 'queue_depth > 100', for: '5m', severity: 'warning', summary: 'Deep', description: 'Deep.' }),
] });
`;

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

  it('rejects input series values promtool cannot read, pointing into the string', async () => {
    const { errors } = await compileTests(`export const t = ruleTest({
  name: 'spaced', series: [series(depth, { connector: 'crm' }, '0+10 x40')],
  alerts: [{ at: '10m', alert: 'QueueDeep', firing: [] }],
});`);
    expect(errors).toEqual([
      expect.stringMatching(/^rules\/queue\.test\.ts:3: error: rule test "spaced": series queue_depth\{connector="crm"\}: values at character 5: expected "x" and how many steps, found a space\n {4}0\+10 x40\n {4} {4}\^\n {4}values are separated by spaces/),
    ]);
  });

  itWithTools(['promtool'])("completes an alert's templated labels as Prometheus renders them, or asks for the value they need", async () => {
    const templated = { 'rules/queue.rules.ts': RULES.replace("labels: { team: 'sync' }", "labels: { team: 'sync', queue: '{{ $labels.connector }}-queue', size: '{{ $value }}' }") };
    const { errors, file, promtool } = await compileTests(`export const t = ruleTest({
  name: 'deep', series: [series(depth, { connector: 'crm' }, '20x10')],
  alerts: [{ at: '6m', alert: 'QueueDeep', firing: [{ value: 20 }] }],
});`, templated);
    expect(errors).toEqual([]);
    expect(file).toContain('queue: crm-queue');
    expect(await promtool()).toContain('SUCCESS');
    const unknown = await compileTests(`export const t = ruleTest({
  name: 'deep', series: [series(depth, { connector: 'crm' }, '20x10')],
  alerts: [{ at: '6m', alert: 'QueueDeep', firing: [{ labels: { connector: 'crm' }, annotations: { summary: 'x' } }] }],
});`, templated);
    expect(unknown.errors).toEqual([expect.stringContaining('rules/queue.test.ts:3: error: rule test "deep": alert QueueDeep at 6m: label "size" cannot be completed')]);
  });

  itWithTools(['promtool'])('loads the group of the alert an ALERTS query names, so its pending state can be checked', async () => {
    const { errors, file, promtool } = await compileTests(`export const t = ruleTest({
  name: 'pending', series: [series(depth, { connector: 'crm' }, '20x10')],
  values: [{ at: '3m', expr: 'ALERTS{alertname="QueueDeep", alertstate="pending"}', samples: [{ labels: { __name__: 'ALERTS', alertname: 'QueueDeep', alertstate: 'pending', connector: 'crm', severity: 'critical', team: 'sync' }, value: 1 }] }],
});`, { 'rules/other.rules.ts': OTHER_RULES });
    expect(errors).toEqual([]);
    expect(file).toContain('rule_files:\n  - ../rules/queue.yml\nevaluation_interval');
    expect(await promtool()).toContain('SUCCESS');
  });

  it('loads every alert group for an ALERTS query that names no alert', async () => {
    const { errors, file } = await compileTests(`export const t = ruleTest({
  name: 'any pending', series: [series(depth, { connector: 'crm' }, '200x10')],
  values: [{ at: '3m', expr: 'count(ALERTS{alertstate="pending"})', samples: [{ value: 2 }] }],
});`, { 'rules/other.rules.ts': OTHER_RULES });
    expect(errors).toEqual([]);
    expect(file).toContain('rule_files:\n  - ../rules/other.yml\n  - ../rules/queue.yml\nevaluation_interval');
  });

  it('asks which group a recording of a name several groups record is expected from', async () => {
    const { errors } = await compileTests(`export const t = ruleTest({
  name: 'shared name', series: [series(depth, { connector: 'crm' }, '20x10')],
  values: [{ at: '1m', expr: 'connector:queue_depth:max', samples: [{ value: 20 }] }],
});`, shardGroups());
    expect(errors).toEqual([
      expect.stringMatching(/^rules\/queue\.test\.ts:3: error: rule test "shared name": connector:queue_depth:max at 1m: label "shard" could be "a" or "b"\n\s+name it in the expectation: labels: \{ shard: 'a' \}/),
    ]);
  });

  itWithTools(['promtool'])('completes each sample of a shared recording name from the group its named labels select', async () => {
    const { errors, file, promtool } = await compileTests(`export const t = ruleTest({
  name: 'both shards', series: [series(depth, { connector: 'crm' }, '20x10')],
  values: [{ at: '1m', expr: 'connector:queue_depth:max', samples: [{ labels: { shard: 'a' }, value: 20 }, { labels: { shard: 'b' }, value: 20 }] }],
});`, shardGroups());
    expect(errors).toEqual([]);
    expect(file).toContain(`labels: connector:queue_depth:max{connector="crm", shard="a"}`);
    expect(file).toContain(`labels: connector:queue_depth:max{connector="crm", shard="b"}`);
    expect(await promtool()).toContain('SUCCESS');
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
