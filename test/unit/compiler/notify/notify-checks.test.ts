import { afterEach, describe, expect, it } from 'vitest';
import { compile, succeeded } from '../../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, removeProjects, type ProjectFixture } from '../../../support/project-fixture.ts';

const ALERTS = `import { alert, ruleGroup } from 'alertforge';
export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'QueueDeep', expr: 'queue_depth > 10', for: '5m', severity: 'warning', summary: 'deep', labels: { team: 'sync' } }),
  alert({ name: 'QueueStuck', expr: 'queue_depth > 1000', for: '5m', severity: 'critical', summary: 'stuck', labels: { team: 'sync' } }),
] });
`;

/** A valid notify.ts; each test breaks one thing in it. */
const NOTIFY = `import { email, env, escalationPolicy, inhibit, notifyConfig, re, receiver, route, slack, timeInterval } from 'alertforge';
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
afterEach(removeProjects);

/** Compiles the project with this notify.ts; returns the warnings about it (no errors expected). */
async function notifyWarningsOf(notify: string, alerts = ALERTS): Promise<string[]> {
  fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/alerts.rules.ts': alerts, 'rules/notify.ts': notify });
  const { diagnostics } = await compile(fixture.root, { typecheck: false });
  expect(diagnostics.errors).toEqual([]);
  return diagnostics.warnings.map((d) => formatDiagnostic(d, fixture!.root)).filter((w) => w.startsWith('rules/notify.ts'));
}

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
    expect(await errorsOf(noPager, ALERTS.replace("summary: 'stuck',", "summary: 'stuck', withoutEscalation: ' ',"))).toHaveLength(1);
  });

  it('reports a receiver named but not declared, and lists those declared', async () => {
    const errors = await errorsOf(NOTIFY.replace('receiver: team, activeDuring', "receiver: 'teem', activeDuring"));
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:9: error: route {"severity":"warning"}: names receiver "teem", which is not declared\n    declared: boss, team')]);
  });

  it('reports two receivers with one name once, however often they are used, with a project path', async () => {
    const errors = await errorsOf(NOTIFY.replace("name: 'boss'", "name: 'team'"));
    expect(errors).toEqual(['rules/notify.ts:3: error: receiver "team": is declared twice\n    the other is at rules/notify.ts:2; give each its own name']);
  });

  // A label no alert carries reads as "" in Alertmanager: each of these typos routes or mutes wrongly.
  // Warnings: Prometheus may add labels the build cannot see (external_labels).
  /** What the hint lists as the labels of the alerts declared, and why it is only a warning. */
  const CARRIED = 'alertname, connector, instance, job, severity, team; if Prometheus adds it as an external label, declare it in prometheusConfig\'s externalLabels; if alert relabelling adds it, this is fine';
  const typos: readonly (readonly [string, string, string, string])[] = [
    // Missing on both sides, 'conector' is equal: every critical alert would mute every warning.
    ['an inhibition equal label', 'export const notify = notifyConfig({', "export const notify = notifyConfig({\n  inhibitions: [inhibit({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['conector'] })],", 'rules/notify.ts:7: warning: inhibition: equal names "conector", which no alert matched by its source or target carries: missing on both sides, it is equal, so any source alert mutes every target alert\n    did you mean "connector"? those alerts carry: ' + CARRIED],
    ['an inhibition matcher label', 'export const notify = notifyConfig({', "export const notify = notifyConfig({\n  inhibitions: [inhibit({ sourceMatchers: { sevrity: 'critical' }, targetMatchers: { severity: 'warning' } })],", 'rules/notify.ts:7: warning: inhibition: matches on label "sevrity", which no alert declared here carries (a missing label reads as "")\n    did you mean "severity"? alerts carry: ' + CARRIED],
    ['a route matcher label', "match: { severity: 'warning' }", "match: { sevrity: 'warning' }", 'rules/notify.ts:9: warning: route {"sevrity":"warning"}: matches on label "sevrity", which no alert declared here carries (a missing label reads as "")\n    did you mean "severity"? alerts carry: ' + CARRIED],
    // A route for alerts yet to come: what is under it is checked all the same.
    ['a route under one no alert reaches', "routes: [\n", "routes: [\n    route({ name: 'later', match: { team: 'billing' }, receiver: team, routes: [route({ match: { sevrity: 'critical' }, receiver: team })] }),\n", 'rules/notify.ts:8: warning: route {"sevrity":"critical"}: matches on label "sevrity", which no alert declared here carries (a missing label reads as "")\n    did you mean "severity"? alerts carry: ' + CARRIED],
    ['an alert name in a route', "routes: [\n", "routes: [\n    route({ name: 'deep', match: { alertname: 'QueueDepp' }, receiver: team }),\n", 'rules/notify.ts:8: warning: route "deep": matches alertname="QueueDepp", which no alert has, so no alert reaches it\n    did you mean "QueueDeep"?'],
  ];
  it("warns of a time interval in Local time, valid to Alertmanager too, but the host's", async () => {
    expect(await notifyWarningsOf(NOTIFY.replace("location: 'Europe/Berlin'", "location: 'Local'"))).toEqual([
      'rules/notify.ts:5: warning: time interval "hours": location "Local" is the time zone of the host the notifier (or Alertmanager) runs on, often UTC in a container\n    name the zone, e.g. Europe/Berlin, so the times mean the same wherever it runs',
    ]);
  });

  it("warns of an email server Alertmanager would connect to otherwise: TLS from the start on port 465 only", async () => {
    const host = "host: 'smtp.example.com',";
    expect(await notifyWarningsOf(NOTIFY.replace(host, `${host} tls: 'tls',`))).toEqual([
      "rules/notify.ts:3: warning: receiver \"boss\": email tls 'tls' on port 587: Alertmanager takes TLS from the start on port 465 only, and would use STARTTLS (alertmanager.yml says so at its top)\n    use tls: \"tls\" with port 465, or \"starttls\" with 587, and both connect alike",
    ]);
    expect(await notifyWarningsOf(NOTIFY.replace(host, `${host} port: 465,`))).toEqual([expect.stringContaining("email tls 'starttls' on port 465: Alertmanager takes TLS from the start on port 465, whatever tls says")]);
    expect(await notifyWarningsOf(NOTIFY.replace(host, `${host} tls: 'tls', port: 465,`))).toEqual([]);
  });

  it.each(typos)('warns of a typo in %s, with a did-you-mean', async (_what, from, to, message) => {
    expect(NOTIFY).toContain(from);
    expect(await notifyWarningsOf(NOTIFY.replace(from, to))).toEqual([message]);
  });

  it('warns of a groupBy label no alert routed there carries, not of one the target adds', async () => {
    expect(await notifyWarningsOf(NOTIFY.replace("groupBy: ['alertname'],", "groupBy: ['alertname', 'conector', 'instance', 'job'],"))).toEqual([
      'rules/notify.ts:7: warning: root route: groups by "conector", which no alert routed here carries\n    did you mean "connector"? they carry: alertname, connector, instance, job, severity, team',
    ]);
  });

  it('warns of a groupBy label the alerts routed there aggregated away', async () => {
    const aggregated = ALERTS.replace("expr: 'queue_depth > 1000'", "expr: 'sum by (connector) (queue_depth) > 1000'");
    expect(await notifyWarningsOf(NOTIFY.replace('escalation: pager }', "escalation: pager, groupBy: ['instance'] }"), aggregated)).toEqual([expect.stringContaining('rules/notify.ts:8: warning: route {"severity":"critical"}: groups by "instance", which no alert routed here carries\n    they carry: alertname, connector, severity, team')]);
  });

  it('routes alerts with the external labels the prometheusConfig declares, as Prometheus sends them', async () => {
    const prometheus = (external: string) => `import { prometheusConfig } from 'alertforge';
export const p = prometheusConfig({ scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:8080'] }], alertmanagers: ['127.0.0.1:9093'], externalLabels: ${external} });`;
    const byCluster = (cluster: string) => NOTIFY.replace("route({ match: { severity: 'critical' }", `route({ match: { severity: 'critical', cluster: '${cluster}' }`);
    const compileWith = async (notify: string, external: string) => {
      fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/alerts.rules.ts': ALERTS, 'rules/notify.ts': notify, 'rules/prometheus.ts': prometheus(external) });
      const result = await compile(fixture.root, { typecheck: false });
      const messages = (list: typeof result.diagnostics.errors) => list.map((d) => formatDiagnostic(d, fixture!.root));
      return { errors: messages(result.diagnostics.errors), warnings: messages(result.diagnostics.warnings), alertsDoc: result.files.find((f) => f.path === 'generated/ALERTS.md')?.content ?? '' };
    };

    const routed = await compileWith(byCluster('eu-1'), "{ cluster: 'eu-1' }");
    expect(routed.errors).toEqual([]);
    expect(routed.warnings.filter((w) => w.includes('cluster'))).toEqual([]);
    expect(routed.alertsDoc).toContain('escalation pager via root > severity="critical", cluster="eu-1"');

    // A value the cluster's alerts do not have: the critical alert misses its escalation, and the route is reached by none.
    const missed = await compileWith(byCluster('eu1'), "{ cluster: 'eu-1' }");
    expect(missed.errors).toEqual([expect.stringContaining('group "g" alert "QueueStuck": is critical but reaches no escalation policy (routes: root)')]);
    expect(missed.warnings.filter((w) => w.includes('cluster'))).toEqual([expect.stringContaining('matches cluster="eu1", which no alert has, so no alert reaches it\n    did you mean "eu-1"?')]);

  });

  it('reports a bad duration in a policy', async () => {
    const errors = await errorsOf(NOTIFY.replace("after: '10m'", "after: '10 min' as '10m'"));
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:4: error: escalation policy "pager": step 2 after "10 min" is not a valid duration')]);
  });

  it('reports a zero group or repeat interval, which would re-send without pause', async () => {
    const errors = await errorsOf(NOTIFY.replace("route({ match: { severity: 'critical' }, escalation: pager })", "route({ match: { severity: 'critical' }, escalation: pager, repeatInterval: '0s' })"));
    expect(errors).toEqual([expect.stringContaining('error: route {"severity":"critical"}: repeatInterval must be longer than 0s')]);
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

  // Alertmanager, given these verbatim, fails every message of the receiver; the notifier would send them raw.
  const badTemplates: readonly (readonly [string, string, string, string])[] = [
    ['an unclosed placeholder', '{{ status }} {{ firingCount firing', 'slack template title has an unclosed {{ at "{{ firingCount firing"', 'close each placeholder with }}; placeholders: status, receiver, groupKey,'],
    ['a Go template pipe after a label', '{{ commonLabels.alertname | upper }} firing', 'slack template title uses {{ commonLabels.alertname | upper }}: "alertname | upper" is not a label or annotation name', 'a placeholder is a name alone, without Go template functions or pipes'],
    ['an unknown placeholder, with a did-you-mean', '{{ firingcount }} firing', 'slack template title uses unknown placeholder {{ firingcount }}', 'did you mean {{ firingCount }}? placeholders: status, receiver, groupKey, alertCount, firingCount, resolvedCount, groupLabels.<name>, commonLabels.<name>, commonAnnotations.<name>, alerts,'],
  ];
  it.each(badTemplates)('reports %s in a message template, naming receiver and field', async (_what, title, message, hint) => {
    const errors = await errorsOf(NOTIFY.replace("channel: '#team' }", `channel: '#team', template: { title: '${title}' } }`));
    expect(errors).toEqual([expect.stringContaining(`rules/notify.ts:2: error: receiver "team": ${message}\n    ${hint}`)]);
  });

  it('accepts every placeholder the runtime renders', async () => {
    const all = '{{ status }} {{receiver}} {{ groupKey }} {{ alertCount }}/{{ firingCount }}/{{ resolvedCount }} {{ groupLabels.connector }} {{ commonLabels.alertname }} {{ commonAnnotations.summary }} {{ alerts }} {{ escalationStep }} {{ externalURL }} {{ links.ack }} {{ links.source }} {{ links.runbook }} {{ links.silence }}';
    expect(await errorsOf(NOTIFY.replace("channel: '#team' }", `channel: '#team', template: { title: '${all}' } }`))).toEqual([]);
  });

  it('refuses a project whose alerts have no notifyConfig, at its first alert, and not one without alerts', async () => {
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/alerts.rules.ts': ALERTS }, { notify: false });
    const result = await compile(fixture.root, { typecheck: false });
    expect(succeeded(result)).toBe(false);
    expect(result.diagnostics.items.filter((d) => d.subject === 'notify').map((d) => formatDiagnostic(d, fixture!.root))).toEqual([
      'rules/alerts.rules.ts:3: error: notify: no notifyConfig is exported, so the project\'s 2 alerts (group "g" alert "QueueDeep", ...) reach no receiver, and no notifier or Alertmanager config is written\n    export one from rules/notify.ts: export const notify = notifyConfig({ route: route({ receiver: someReceiver }) })',
    ]);
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS }, { notify: false });
    const withoutAlerts = await compile(fixture.root, { typecheck: false });
    expect(withoutAlerts.diagnostics.items).toEqual([]);
    expect(succeeded(withoutAlerts)).toBe(true);
  });

  it('reports an alert whose receiver tells no one', async () => {
    const errors = await errorsOf(NOTIFY.replace("route({ match: { severity: 'warning' }, receiver: team", "route({ match: { severity: 'warning' }, receiver: receiver({ name: 'void', channels: [] })"));
    expect(errors).toEqual([
      expect.stringContaining('rules/alerts.rules.ts:3: error: group "g" alert "QueueDeep": reaches no receiver with a channel (routes: root > severity="warning"; receivers: void)\n    give the matching route a receiver'),
    ]);
  });

  // Each row breaks NOTIFY in one way; the build names the file, line and object, and says why.
  const broken: readonly (readonly [string, string, string, string])[] = [
    ['a duplicate route name', "route({ match: { severity: 'critical' }", "route({ name: 'r', match: { severity: 'critical' } }), route({ name: 'r', match: { severity: 'critical' }", 'rules/notify.ts:8: error: route "r": is declared twice'],
    ['two escalation policies with one name', 'export const hours', "export const pager2 = escalationPolicy({ name: 'pager', steps: [{ after: '0s', notify: [team] }] });\nexport const hours", 'rules/notify.ts:5: error: escalation policy "pager": is declared twice'],
    ['an escalation policy named but not declared', 'escalation: pager }', "escalation: 'pagr' }", 'rules/notify.ts:8: error: route {"severity":"critical"}: names escalation policy "pagr", which is not declared\n    declared: pager'],
    ['a time interval named but not declared', 'activeDuring: [hours]', "activeDuring: ['office']", 'rules/notify.ts:9: error: route {"severity":"warning"}: names time interval "office", which is not declared\n    declared: hours'],
    ['a route with both a receiver and a policy', 'escalation: pager }', 'escalation: pager, receiver: team }', 'rules/notify.ts:8: error: route {"severity":"critical"}: names both a receiver and an escalation policy'],
    ['a group wait past 292 years', "groupBy: ['alertname'],", "groupBy: ['alertname'], groupWait: '300y',", 'rules/notify.ts:7: error: root route: groupWait "300y" is out of range: Prometheus and Alertmanager take durations short of 292 years'],
    ['a bad group wait', "groupBy: ['alertname'],", "groupBy: ['alertname'], groupWait: '30 s' as '30s',", 'rules/notify.ts:7: error: root route: groupWait "30 s" is not a valid duration'],
    ['escalation steps out of order', "{ after: '10m', notify: [boss] }", "{ after: '10m', notify: [boss] }, { after: '5m', notify: [team] }", 'rules/notify.ts:4: error: escalation policy "pager": step 3 comes before step 2'],
    ['a rate limit that is not a rate', "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });", "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })], rateLimit: { messages: 0, per: '1m' } });", 'rules/notify.ts:2: error: receiver "team": rateLimit 0 per 1m is not a rate'],
    ['a rate limit per 0s', "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });", "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })], rateLimit: { messages: 5, per: '0s' } });", 'rules/notify.ts:2: error: receiver "team": rateLimit 5 per 0s is not a rate'],
    ['a digest of 0s', "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });", "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })], digest: { every: '0s' } });", 'rules/notify.ts:2: error: receiver "team": digest every must be longer than 0s'],
    ['a digest at no time of day', "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });", "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })], digest: { every: '24h', at: '9:00' } });", 'rules/notify.ts:2: error: receiver "team": digest at "9:00" is not a time of day'],
    ['a digest in no time zone', "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });", "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })], digest: { every: '24h', at: '09:00', location: 'Europe/Berln' } });", 'rules/notify.ts:2: error: receiver "team": digest location "Europe/Berln" is not a time zone'],
    ['a digest longer than a day at a time of day', "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })] });", "channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' })], digest: { every: '1w', at: '09:00' } });", 'rules/notify.ts:2: error: receiver "team": digest every "1w" is longer than the day its at/location count it in'],
    ['a regex that does not compile', 'export const notify = notifyConfig({', "export const notify = notifyConfig({\n  inhibitions: [inhibit({ sourceMatchers: { severity: 'critical' }, targetMatchers: { connector: re('db(') } })],", 'rules/notify.ts:7: error: inhibition: regex connector=~"db(" does not compile: error parsing regexp: missing closing ): `^(?:db()$`'],
    // JavaScript would take a lookahead; Alertmanager's RE2 refuses it, so amtool check-config would.
    ['a regex in JavaScript syntax only', 'export const notify = notifyConfig({', "export const notify = notifyConfig({\n  inhibitions: [inhibit({ sourceMatchers: { severity: 'critical' }, targetMatchers: { connector: re('db(?!-test)') } })],", 'rules/notify.ts:7: error: inhibition: regex connector=~"db(?!-test)" does not compile: error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
    ['a root route with time intervals', "route: route({ receiver: team,", "route: route({ receiver: team, muteDuring: [hours],", 'rules/notify.ts:7: error: root route: sets continue or time intervals'],
    ["grouping by '...' and more", "groupBy: ['alertname'],", "groupBy: ['...', 'alertname'],", "rules/notify.ts:7: error: root route: groups by '...' and other labels"],
    // Alertmanager reads it as inherit; a reader would take it for one group of everything.
    ['a child route grouping by an empty list', 'escalation: pager }', 'escalation: pager, groupBy: [] }', 'rules/notify.ts:8: error: route {"severity":"critical"}: groups by an empty list, which inherits the parent\'s labels'],
    ['a channel the notifier would refuse', "to: ['boss@example.com']", 'to: []', 'rules/notify.ts:3: error: receiver "boss": receivers.0.channels.0.to: Too small'],
    ['a time interval ending before it starts', "end: '17:00'", "end: '08:00'", 'rules/notify.ts:5: error: time interval "hours": starts at 09:00, not before its end 08:00'],
    // Alertmanager refuses these too: amtool check-config would fail on alertmanager.yml.
    ['a weekday range that wraps', "weekdays: ['monday:friday']", "weekdays: ['friday:monday']", 'rules/notify.ts:5: error: time interval "hours": weekdays "friday:monday": starts after it ends (a week runs sunday to saturday)'],
    ['days of the month that count back into a forward range', "weekdays: ['monday:friday']", "weekdays: ['monday:friday'], daysOfMonth: ['-3:5']", 'rules/notify.ts:5: error: time interval "hours": daysOfMonth "-3:5": a range that starts counted back from the month\'s end must end so too'],
    ['a day of the month 0', "weekdays: ['monday:friday']", "weekdays: ['monday:friday'], daysOfMonth: [0]", 'rules/notify.ts:5: error: time interval "hours": daysOfMonth "0": a day of the month is 1 to 31, or -1 to -31 counted back from its end'],
    // amtool check-config refuses these: `duplicated label "alertname" in group_by`, `too many colons in address`.
    ['a label grouped by twice on a child route', 'escalation: pager }', "escalation: pager, groupBy: ['alertname', 'alertname'] }", 'rules/notify.ts:8: error: route {"severity":"critical"}: groups by "alertname" more than once\n    list each label once'],
    ['a label grouped by twice on the root', "groupBy: ['alertname'],", "groupBy: ['alertname', 'alertname'],", 'rules/notify.ts:7: error: root route: groups by "alertname" more than once'],
    ['an IPv6 SMTP host in brackets', "host: 'smtp.example.com',", "host: '[::1]',", "rules/notify.ts:3: error: receiver \"boss\": email host \"[::1]\" is in brackets\n    write an IPv6 address bare, host: '::1': alertmanager.yml brackets it before the port"],
    ['an SMTP host with the port in it', "host: 'smtp.example.com',", "host: 'smtp.example.com:587', port: 587,", 'rules/notify.ts:3: error: receiver "boss": email host "smtp.example.com:587" holds a colon, so Alertmanager\'s smarthost would be "smtp.example.com:587:587"\n    give the port in port, not host: host: \'smtp.example.com\', port: 587'],
    ['months out of order', "weekdays: ['monday:friday']", "weekdays: ['monday:friday'], months: ['march:january']", 'rules/notify.ts:5: error: time interval "hours": months "march:january": starts after it ends'],
    // amtool check-config: `unknown time zone Europe/berlin`; an icon URL Alertmanager passes on unread, and Slack fetches it over HTTP.
    ['a time zone in the wrong case', "location: 'Europe/Berlin'", "location: 'Europe/berlin'", 'rules/notify.ts:5: error: time interval "hours": location "Europe/berlin" is not a time zone\n    use an IANA time zone spelled as in the tz database (Alertmanager minds the case)'],
    // A name's line break ended a comment line of alertmanager.yml: the rest was YAML, a key amtool took.
    ['a line break in an escalation policy\'s name', "name: 'pager'", "name: 'pager\\ntemplates: [x]\\n#'", 'rules/notify.ts:4: error: escalation policy "pager\\ntemplates: [x]\\n#": escalation_policies.0.name: character 6 is U+000A, a line break or control character'],
    // Found by the schema, reported at the route, not at notifyConfig.
    ['a group_by entry that is no label name', 'escalation: pager }', "escalation: pager, groupBy: ['cluster name'] }", 'rules/notify.ts:8: error: route {"severity":"critical"}: route.routes.0.group_by.0: "cluster name" is not a label name'],
    ['half of a surrogate pair alone in a matcher', "match: { severity: 'critical' }", "match: { severity: 'critical\\ud800' }", "rules/notify.ts:8: error: route {\"severity\":\"critical\\ud800\"}: route.routes.0.matchers.0.value holds U+D800, half of a surrogate pair alone, which UTF-8 cannot write (Go's readers refuse it): write the whole character"],
    ['an icon URL that is not http', "channel: '#team' })] });", "channel: '#team', iconUrl: 'ftp://example.com/icon.png' })] });", 'rules/notify.ts:2: error: receiver "team": receivers.1.channels.0.icon_url: not an http or https URL'],
  ];
  it.each(broken)('reports %s', async (_what, from, to, message) => {
    expect(NOTIFY).toContain(from);
    const errors = await errorsOf(NOTIFY.replace(from, to));
    expect(errors).toEqual([expect.stringContaining(message)]);
  });

  it('warns where alertmanager.yml would escalate what the notifier does not', async () => {
    fixture = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'rules/alerts.rules.ts': ALERTS,
      'rules/notify.ts': NOTIFY.replace("escalation: pager }", "escalation: pager, routes: [route({ match: { team: 'db' }, receiver: boss, continue: true })] }").replace('const boss', 'export const boss'),
    });
    const { diagnostics } = await compile(fixture.root, { typecheck: false });
    expect(diagnostics.errors).toEqual([]);
    expect(diagnostics.warnings.map((d) => formatDiagnostic(d, fixture!.root)).filter((w) => w.startsWith('rules/notify.ts'))).toEqual([
      expect.stringContaining('rules/notify.ts:8: warning: route {"team":"db"}: continues under a route that escalates'),
    ]);
  });

  it('warns of a receiver nothing routes to', async () => {
    fixture = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'rules/alerts.rules.ts': ALERTS,
      'rules/notify.ts': `${NOTIFY}export const spare = receiver({ name: 'spare', channels: [slack({ webhookUrl: env('SPARE_URL') })] });\n`,
    });
    const { diagnostics } = await compile(fixture.root, { typecheck: false });
    expect(diagnostics.warnings.map((d) => formatDiagnostic(d, fixture!.root)).filter((w) => w.startsWith('rules/notify.ts'))).toEqual([
      "rules/notify.ts:12: warning: receiver \"spare\": is declared, but nothing in the routing tree uses it\n    use it in a route of rules/notify.ts, or delete it",
    ]);
  });

  it('reports a secret in a dashboard source and one assembled while building', async () => {
    const hook = ['https://hooks.slack.com', 'services', 'T000', 'B000', 'XXXXXXXX'].join('/');
    fixture = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'rules/alerts.rules.ts': ALERTS,
      'rules/notify.ts': NOTIFY.replace("channel: '#team'", "channel: '#team', username: ['https://hooks.slack.com', 'services', 'T1', 'B1', 'YYYY'].join('/')"),
      'dashboards/notes.ts': `// our hook: ${hook}\nexport {};\n`,
    });
    const errors = (await compile(fixture.root, { typecheck: false })).diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
    expect(errors).toEqual([
      expect.stringContaining('dashboards/notes.ts:1: error: source dashboards/notes.ts: holds a Slack webhook URL; secrets are environment references only'),
      expect.stringContaining('rules/notify.ts:2: error: receiver "team": holds a Slack webhook URL, though no source file spells it out (built or read while building?); secrets are environment references only'),
    ]);
  });

  it('reports a literal secret anywhere in the sources, with its line', async () => {
    const hook = ['https://hooks.slack.com', 'services', 'T000', 'B000', 'XXXXXXXX'].join('/');
    const errors = await errorsOf(`${NOTIFY}\nexport const leaked = '${hook}';\n`);
    expect(errors).toEqual([expect.stringContaining('rules/notify.ts:13: error: source rules/notify.ts: holds a Slack webhook URL; secrets are environment references only')]);
    // A token in a URL's query string is as much a secret as one in a field of its own.
    const query = await errorsOf(NOTIFY.replace("const team =", "export const hook = receiver({ name: 'hook', channels: [webhook({ url: 'https://oncall.example.com/hooks/alertforge?token=s3cr3tvalue123' })] });\nconst team =").replace('timeInterval }', 'timeInterval, webhook }'));
    expect(query).toContain("rules/notify.ts:2: error: source rules/notify.ts: holds a credential in a URL query; secrets are environment references only\n    use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed");
    const password = await errorsOf(NOTIFY.replace("password: env('SMTP_PASSWORD')", "password: 'hunter22' as never"));
    expect(password).toContain("rules/notify.ts:3: error: source rules/notify.ts: holds a literal password, token or key; secrets are environment references only\n    use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed");
    expect(password).toContain("rules/notify.ts:3: error: receiver \"boss\": email password is a literal value; secrets are environment references only\n    use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed");
  });
});
