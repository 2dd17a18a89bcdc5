import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, removeProjects } from '../../support/project-fixture.ts';

afterEach(removeProjects);

/** The build's error lines for a project, as the user reads them. */
async function errors(files: Record<string, string>): Promise<string[]> {
  const fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, ...files });
  const result = await compile(fixture.root, { typecheck: false });
  return result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture.root));
}

const DEEP = "alert({ name: 'Deep', expr: depth.select().gt(100), for: '5m', severity: 'warning', summary: 'deep' })";

describe('declarations the build would leave out', () => {
  it('a rule group without `export` fails the build at its line, its rules not reported again', async () => {
    const found = await errors({
      'rules/q.rules.ts': `import { alert, ruleGroup } from 'alertforge';
import { depth } from './metrics.ts';

const q = ruleGroup({ name: 'q', rules: [${DEEP}] });
`,
    });
    expect(found).toEqual(['rules/q.rules.ts:4: error: ruleGroup "q": is declared but not exported, so the build leaves it out\n    export it (from a file in rules/ or dashboards/), or delete it']);
  });

  it('a dashboard, metric, SLO, notifyConfig or rule test without `export` fails the build', async () => {
    const found = await errors({
      'rules/more.ts': `import { counter, notifyConfig, receiver, route, slo, webhook } from 'alertforge';
import { ops } from './metrics.ts';
const extra = counter({ name: 'extra_total', help: 'Extra.' });
const objective = slo({ service: 'api', name: 'success', objective: 99.9, sli: { bad: ops, total: ops } });
const notify = notifyConfig({ route: route({ receiver: receiver({ name: 'ops', channels: [webhook({ url: 'http://127.0.0.1:9/hook' })] }) }) });
`,
      'rules/more.test.ts': `import { ruleTest } from 'alertforge';
const quiet = ruleTest({ name: 'nothing fires', series: [] });
`,
      'dashboards/d.ts': `import { dashboard } from 'alertforge';
const d = dashboard({ uid: 'd', title: 'D' });
`,
    });
    expect(found.map((line) => line.split('\n')[0])).toEqual([
      'dashboards/d.ts:2: error: dashboard "d": is declared but not exported, so the build leaves it out',
      'rules/more.ts:3: error: metric "extra_total": is declared but not exported, so the build leaves it out',
      'rules/more.ts:4: error: slo "success" of "api": is declared but not exported, so the build leaves it out',
      'rules/more.ts:5: error: notifyConfig: is declared but not exported, so the build leaves it out',
      'rules/more.test.ts:2: error: rule test "nothing fires": is declared but not exported, so the build leaves it out',
    ]);
  });

  it('an alert or recording rule in no rule group fails the build, even when exported', async () => {
    const found = await errors({
      'rules/q.rules.ts': `import { alert, record } from 'alertforge';
import { depth } from './metrics.ts';

export const lonely = ${DEEP};
export const recorded = record({ name: 'connector:queue_depth:max', expr: depth.select() });
`,
    });
    expect(found).toEqual([
      'rules/q.rules.ts:4: error: alert "Deep": is in no rule group, so the build leaves it out\n    add it to a ruleGroup\'s rules; if a helper makes it, check that the helper returns it and its caller uses it',
      'rules/q.rules.ts:5: error: recording rule "connector:queue_depth:max": is in no rule group, so the build leaves it out\n    add it to a ruleGroup\'s rules; if a helper makes it, check that the helper returns it and its caller uses it',
    ]);
  });

  it('an inhibition the notifyConfig does not list, or a route in no routing tree, fails the build, even when exported', async () => {
    const found = await errors({
      'rules/notify.ts': `import { inhibit, notifyConfig, re, receiver, route, webhook } from 'alertforge';
const team = receiver({ name: 'team', channels: [webhook({ url: 'http://127.0.0.1:9/hook' })] });
export const criticalMutesWarning = inhibit({ sourceMatchers: { severity: 'critical', connector: re('.+') }, targetMatchers: { severity: 'warning' }, equal: ['connector'] });
const absentMutesAll = inhibit({ sourceMatchers: { alertname: 'SyncServiceAbsent' }, targetMatchers: { connector: re('.+') } });
export const db = route({ name: 'db', match: { team: 'db' }, receiver: team, routes: [route({ match: { severity: 'critical' } })] });
export const notify = notifyConfig({
  route: route({ receiver: team, routes: [route({ match: { team: 'sync' } })] }),
  inhibitions: [inhibit({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'info' } })],
});
`,
    });
    expect(found).toEqual([
      'rules/notify.ts:3: error: inhibition {severity="critical", connector=~".+"} mutes {severity="warning"}: is in no notifyConfig\'s inhibitions, so the build leaves it out\n    add it to notifyConfig({ inhibitions: [...] }), or delete it',
      'rules/notify.ts:4: error: inhibition {alertname="SyncServiceAbsent"} mutes {connector=~".+"}: is in no notifyConfig\'s inhibitions, so the build leaves it out\n    add it to notifyConfig({ inhibitions: [...] }), or delete it',
      // Its child route is in db's routes: db is reported, the child is not again.
      'rules/notify.ts:5: error: route "db": is in no notifyConfig\'s routing tree, so the build leaves it out\n    add it to the routes of the notifyConfig\'s route or of a route under it, or delete it',
    ]);
  });

  it('refuses nothing legitimate: helpers, groups in exported arrays, SLOs, rule tests, shared modules, routing by helpers', async () => {
    const found = await errors({
      'rules/notify.ts': `import { escalationPolicy, notifyConfig, receiver, route, sloInhibitions, webhook } from 'alertforge';
import { objective } from './q.rules.ts';
const team = receiver({ name: 'team', channels: [webhook({ url: 'http://127.0.0.1:9/hook' })] });
const forTeam = (name: string) => route({ match: { team: name }, receiver: team });
export const notify = notifyConfig({
  route: route({ escalation: escalationPolicy({ name: 'page', steps: [{ after: '0s', notify: [team] }] }), routes: [forTeam('db')] }),
  inhibitions: sloInhibitions(objective),
});
`,
      'rules/helpers.ts': `import { alert, type Severity } from 'alertforge';
import { depth } from './metrics.ts';
/** Never called: declares nothing. */
export const unused = (above: number) => alert({ name: 'Unused', expr: depth.select().gt(above), for: '5m', severity: 'info', summary: 'x' });
export function deep(name: string, above: number, severity: Severity) {
  return alert({ name, expr: depth.select().gt(above), for: '5m', severity, summary: 'deep' });
}
`,
      'rules/q.rules.ts': `import { ruleGroup, slo } from 'alertforge';
import { deep } from './helpers.ts';
import { ops } from './metrics.ts';
const warn = deep('DeepWarning', 100, 'warning');
export const groups = [
  ruleGroup({ name: 'q1', rules: [warn] }),
  ruleGroup({ name: 'q2', rules: [deep('DeepInfo', 10, 'info')] }),
];
export const objective = slo({ service: 'api', name: 'success', objective: 99.9, sli: { bad: ops, total: ops } });
`,
      'rules/q.test.ts': `import { ruleTest, series } from 'alertforge';
import { depth } from './metrics.ts';
export const t = ruleTest({ name: 'DeepWarning fires', series: [series(depth, { connector: 'a' }, '200x20')], alerts: [{ at: '10m', alert: 'DeepWarning', firing: [{ labels: { connector: 'a' } }] }] });
`,
    });
    expect(found).toEqual([]);
  });
});
