import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../../support/project-fixture.ts';

const ALERTS = `import { alert, ruleGroup } from 'alertforge';
export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'QueueDeep', expr: 'queue_depth > 10', for: '5m', severity: 'warning', summary: 'deep', labels: { team: 'sync' } }),
  alert({ name: 'QueueStuck', expr: 'queue_depth > 1000', for: '5m', severity: 'critical', summary: 'stuck', labels: { team: 'sync' } }),
] });
`;

/** A valid notify.ts; each test breaks one thing in it. */
const NOTIFY = `import { email, env, escalationPolicy, notifyConfig, receiver, route, slack, timeInterval } from 'alertforge';
const team = receiver({ name: 'team', channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });
const boss = receiver({ name: 'boss', channels: [email({ to: ['boss@example.com'], from: 'af@example.com', host: 'smtp.example.com', password: env('SMTP_PASSWORD') })] });
export const pager = escalationPolicy({ name: 'pager', steps: [{ after: '0s', notify: [team] }, { after: '10m', notify: [boss] }] });
export const hours = timeInterval({ name: 'hours', weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }], location: 'Europe/Berlin' });
export const notify = notifyConfig({
  route: route({ receiver: team, groupBy: ['alertname'], routes: [
    route({ match: { severity: 'critical' }, escalation: pager }),
    route({ match: { severity: 'warning' }, receiver: team, activeDuring: [hours] }),
  ] }),
});
`;

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

async function errorsOf(notify: string, alerts = ALERTS): Promise<string[]> {
  fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/alerts.rules.ts': alerts, 'rules/notify.ts': notify });
  const result = await compile(fixture.root, { typecheck: false });
  return result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
}

describe('routing checks fail the build with file, object and fix', () => {
  it('accepts the valid setup', async () => {
    expect(await errorsOf(NOTIFY)).toEqual([]);
  });

  it('reports an alert that reaches no receiver', async () => {
    const errors = await errorsOf(NOTIFY.replace("route: route({ receiver: team, groupBy", "route: route({ groupBy"));
    expect(errors).toContain(
      'rules/notify.ts:7: error: root route: names no receiver or escalation policy\n    the root route is where unmatched alerts go: give it a receiver',
    );
  });

  it('reports a critical alert that reaches no escalation policy, unless the rule says why', async () => {
    const noPager = NOTIFY.replace("escalation: pager }", "receiver: team }");
    expect(await errorsOf(noPager)).toEqual([
      expect.stringMatching(/^rules\/alerts\.rules\.ts:4: error: group "g" alert "QueueStuck": is critical but reaches no escalation policy \(routes: root > severity="critical"\)\n {4}route it to an escalation policy/),
    ]);
    expect(await errorsOf(noPager, ALERTS.replace("summary: 'stuck',", "summary: 'stuck', withoutEscalation: 'a batch job retries it within the hour',"))).toEqual([]);
  });

  it('reports a receiver named but not declared, and lists those declared', async () => {
    const errors = await errorsOf(NOTIFY.replace('receiver: team, activeDuring', "receiver: 'teem', activeDuring"));
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:9: error: route {"severity":"warning"}: names receiver "teem", which is not declared\n    declared: boss, team')]);
  });

  it('reports two receivers with one name', async () => {
    const errors = await errorsOf(NOTIFY.replace("name: 'boss'", "name: 'team'"));
    expect(errors[0]).toMatch(/^rules\/notify\.ts:3: error: receiver "team": is declared twice/);
  });

  it('reports a bad duration in a policy', async () => {
    const errors = await errorsOf(NOTIFY.replace("after: '10m'", "after: '10 min' as '10m'"));
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:4: error: escalation policy "pager": step 2 after "10 min" is not a valid duration')]);
  });

  it('reports an invalid time interval', async () => {
    const errors = await errorsOf(NOTIFY.replace("end: '17:00' }], location: 'Europe/Berlin'", "end: '8:00' }], location: 'Europe/Berlinn'"));
    expect(errors).toEqual([
      expect.stringContaining('rules/notify.ts:5: error: time interval "hours": times 09:00 to 8:00 must be HH:MM'),
      expect.stringContaining('rules/notify.ts:5: error: time interval "hours": location "Europe/Berlinn" is not a time zone'),
    ]);
  });

  it('reports an unknown placeholder in a message template', async () => {
    const errors = await errorsOf(NOTIFY.replace("channel: '#team' }", "channel: '#team', template: { title: '{{ status }} {{ alertName }}' } }"));
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:2: error: receiver "team": slack template title uses unknown placeholder {{ alertName }}')]);
  });

  it('reports a literal secret anywhere in the sources, with its line', async () => {
    const hook = ['https://hooks.slack.com', 'services', 'T000', 'B000', 'XXXXXXXX'].join('/');
    const errors = await errorsOf(`${NOTIFY}\nexport const leaked = '${hook}';\n`);
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:13: error: source rules/notify.ts: holds a Slack webhook URL; secrets are environment references only')]);
    const password = await errorsOf(NOTIFY.replace("password: env('SMTP_PASSWORD')", "password: 'hunter22' as never"));
    expect(password).toContain("rules/notify.ts:3: error: source rules/notify.ts: holds a literal password, token or key; secrets are environment references only\n    use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed");
    expect(password).toContain("rules/notify.ts:3: error: receiver \"boss\": email password is a literal value; secrets are environment references only\n    use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed");
  });
});
