/**
 * The notifier's routing and inhibition against Debian's Alertmanager: random routing trees
 * (matchers of every operator, continue, group_by inherited, set, empty or '...') and inhibit
 * rules, in a notifier config and in the alertmanager.yml written from it, the same random alerts
 * posted to both, and the same receivers, groups and inhibitions asked of each.
 */
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { alertmanagerForm } from '../../src/runtime/config/alertmanager-form.ts';
import { notifierConfigSchema, type NotifierConfigInput } from '../../src/runtime/config/schema.ts';
import { itWithTools } from '../support/tools.ts';
import { startAlertmanagerProcess } from './support/alertmanager-process.ts';
import { caseDirs } from './support/case-dirs.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
const newCaseDir = caseDirs('routing');

/** Nothing is sent while the test runs: the groups wait an hour. */
const HOOK = 'http://127.0.0.1:9/hook';
// Values with what a matcher's quoting must carry: quotes, backslashes, commas, braces, a tab.
const LABELS: Record<string, string[]> = { alertname: ['A', 'B', 'C'], team: ['x', 'y', 'a"b', 'c\\d', 'e,f}', 'g\th'], severity: ['critical', 'warning'], env: ['prod', 'dev'] };
const RECEIVERS = ['r0', 'r1', 'r2', 'r3'];

/** A route as both configs write it but for the matchers' form. */
interface Node {
  receiver?: string;
  matchers: { label: string; op: string; value: string }[];
  continue: boolean;
  group_by?: string[];
  routes: Node[];
}

// Among them: an empty group_by (tree 6), which inherits; two routes to one receiver (tree 20).
itWithTools(['alertmanager']).each([1, 2, 3, 4, 5, 6, 7, 8, 20, 23])('routes, groups and inhibits 40 random alerts as Alertmanager does, random config %i', async (seed) => {
  const random = seededRandom(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
  const matcher = () => {
    const label = pick([...Object.keys(LABELS), 'missing']);
    const op = pick(['=', '!=', '=~', '!~']);
    const value = op.includes('~') ? pick(['x|y', '.*', 'pr.*', 'A', '', '(?i)a']) : pick([...(LABELS[label] ?? ['z']), '']);
    return { label, op, value };
  };
  const node = (depth: number, root: boolean): Node => {
    const matchers = root ? [] : Array.from({ length: Math.floor(random() * 3) }, matcher);
    return {
      ...(root || random() < 0.6 ? { receiver: pick(RECEIVERS) } : {}),
      matchers,
      continue: !root && random() < 0.4,
      ...(random() < 0.4 ? { group_by: random() < 0.2 ? ['...'] : Object.keys(LABELS).filter(() => random() < 0.5) } : {}),
      routes: depth < 3 ? Array.from({ length: Math.floor(random() * (4 - depth)) }, () => node(depth + 1, false)) : [],
    };
  };
  const tree = node(0, true);
  tree.group_by ??= ['alertname'];
  const inhibitions = Array.from({ length: Math.floor(random() * 4) }, () => ({
    source_matchers: Array.from({ length: 1 + Math.floor(random() * 2) }, matcher),
    target_matchers: Array.from({ length: 1 + Math.floor(random() * 2) }, matcher),
    equal: [...Object.keys(LABELS), 'missing'].filter(() => random() < 0.3),
  }));
  // One notifier config; Alertmanager's written from it by the emitter of alertmanager.yml.
  const caseDir = await newCaseDir();
  const input: NotifierConfigInput = {
    receivers: RECEIVERS.map((name) => ({ name, channels: [{ type: 'webhook', url: HOOK }] })),
    route: { ...tree, group_wait: '1h' } as NotifierConfigInput['route'],
    inhibit_rules: inhibitions as NotifierConfigInput['inhibit_rules'],
  };
  const amUrl = await startAlertmanagerProcess(caseDir, stringify(alertmanagerForm(notifierConfigSchema.parse(input)).document));
  const nf = (await startNotifierProcess(caseDir, await writeNotifierConfig(caseDir, input))).url;
  const endsAt = new Date(Date.now() + 3600_000).toISOString();
  const alerts = Array.from({ length: 40 }, () => ({ labels: Object.fromEntries(Object.entries(LABELS).filter(([k]) => k === 'alertname' || random() < 0.7).map(([k, v]) => [k, pick(v)])), endsAt }));
  for (const url of [amUrl, nf]) expect((await fetch(`${url}/api/v2/alerts`, { method: 'POST', body: JSON.stringify(alerts), headers: { 'content-type': 'application/json' } })).status).toBe(200);
  const receivers = async (url: string) =>
    Object.fromEntries(
      ((await (await fetch(`${url}/api/v2/alerts`)).json()) as { fingerprint: string; receivers: { name: string }[]; status: { state: string; inhibitedBy: string[] } }[]).map((a) => [
        a.fingerprint,
        `${a.receivers.map((r) => r.name).join(',')} ${a.status.state} inhibited by ${a.status.inhibitedBy.length}`,
      ]),
    );
  const groups = async (url: string) => ((await (await fetch(`${url}/api/v2/alerts/groups`)).json()) as { labels: Record<string, string>; receiver: { name: string }; alerts: { fingerprint: string }[] }[]).map((g) => `${g.receiver.name} ${JSON.stringify(Object.fromEntries(Object.entries(g.labels).sort()))} ${g.alerts.map((a) => a.fingerprint).sort().join(',')}`).sort();
  // Receivers one a route taken, duplicates included, and inhibition; groups by receiver, labels and alerts.
  expect(await receivers(nf)).toEqual(await receivers(amUrl));
  expect(await groups(nf)).toEqual(await groups(amUrl));
}, 60_000);
