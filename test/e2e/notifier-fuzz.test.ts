/**
 * `alertforge notifier` fed requests made at random from valid ones, broken a field at a time
 * (wrong types, odd label names and values, prototype keys, bad times, bad matchers, unknown ids
 * and forged links), on every endpoint: each is answered with a 2xx or with a 4xx whose message
 * says what is wrong, never a 5xx, and the process keeps serving what it took in.
 */
import { expect, it } from 'vitest';
import { seededRandom } from '../support/seeded-random.ts';
import { errorMessage, startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
import { notifierWorkspace } from './support/notifier-workspace.ts';

const REQUESTS = 1_500;
const TOKEN = 'fuzz-token-41c2';

const workspace = notifierWorkspace('fuzz');

const random = seededRandom(20261127);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;

const TEXTS = ['', 'a', 'Fuzz', '__proto__', 'constructor', 'toString', '\u0000', 'é🔥', '1x', 'a-b', 'x'.repeat(3000), '2024-05-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '=~', '.*', '(', '"', '\\', '{}', '[]', 'null', ' '];
const NAMES = ['alertname', 'instance', 'severity', 'team', '__proto__', 'constructor', '__name__', '_', '1x', '', 'a.b', 'le', 'hasOwnProperty'];

function value(depth: number): unknown {
  switch (Math.floor(random() * (depth > 2 ? 5 : 7))) {
    case 0:
      return null;
    case 1:
      return chance(0.5);
    case 2:
      return pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 1_800_000_000_000]);
    case 3:
    case 4:
      return pick(TEXTS);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(NAMES), value(depth + 1)]));
  }
}

/** `item` with one field replaced, dropped or added, at the top or one level down. */
function mutate(item: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(item));
  const keys = Object.keys(copy);
  const key = chance(0.8) && keys.length > 0 ? pick(keys) : pick(NAMES);
  const inner = copy[key];
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && chance(0.6)) copy[key] = mutate(inner as Record<string, unknown>);
  else if (Array.isArray(inner) && inner.length > 0 && chance(0.6)) copy[key] = inner.map((x) => (x && typeof x === 'object' && chance(0.5) ? mutate(x as Record<string, unknown>) : x));
  else if (chance(0.2)) delete copy[key];
  else copy[key] = value(1);
  return copy;
}

const validAlert = () => ({
  labels: { alertname: 'Fuzz', instance: `host-${Math.floor(random() * 20)}`, severity: pick(['warning', 'critical']) },
  annotations: { summary: 'fuzzed' },
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + (chance(0.8) ? 3_600_000 : -1_000)).toISOString(),
  generatorURL: 'http://prometheus.example/graph',
});

const validSilence = () => ({
  matchers: [{ name: 'instance', value: `host-${Math.floor(random() * 20)}`, isRegex: false, isEqual: true }],
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  createdBy: 'fuzz',
  comment: 'fuzzed',
});

const FILTERS = ['alertname="Fuzz"', 'instance=~"host-1.*"', 'severity!="warning"', 'a!~"("', '"', 'alertname', '=', '{}', 'x="\\u0000"', '__proto__="a"', 'alertname=~"(?!a)"'];

interface Request {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const json = (body: unknown, token = true): Pick<Request, 'body' | 'headers'> => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${TOKEN}` }) },
});

function request(silences: readonly string[], groups: readonly string[]): Request {
  const id = () => (chance(0.5) && silences.length > 0 ? pick(silences) : chance(0.5) && groups.length > 0 ? pick(groups) : encodeURIComponent(pick(TEXTS) || 'x'));
  const query = (name: string) => `${name}=${encodeURIComponent(pick(FILTERS))}`;
  switch (Math.floor(random() * 9)) {
    case 0:
    case 1:
    case 2: {
      const alerts = Array.from({ length: 1 + Math.floor(random() * 4) }, () => (chance(0.3) ? validAlert() : mutate(validAlert())));
      const body = chance(0.9) ? alerts : chance(0.5) ? value(0) : '[{"labels":{"a":"b"}';
      return { method: 'POST', path: '/api/v2/alerts', ...json(body, false) };
    }
    case 3:
      return { method: 'POST', path: '/api/v2/silences', ...json(chance(0.2) ? validSilence() : mutate(validSilence()), chance(0.95)) };
    case 4:
      return { method: 'GET', path: `/api/v2/${pick(['alerts', 'alerts/groups', 'silences'])}?${query('filter')}&${pick(['silenced', 'inhibited', 'active', 'receiver'])}=${encodeURIComponent(pick(TEXTS))}` };
    case 5:
      return { method: pick(['GET', 'DELETE']), path: `/api/v2/silence/${id()}`, headers: { authorization: `Bearer ${TOKEN}` } };
    case 6:
      return { method: 'GET', path: `/api/v1/groups/${id()}` };
    case 7:
      return { method: 'POST', path: `/api/v1/groups/${id()}/ack`, ...json(chance(0.5) ? { by: value(1) } : value(0)) };
    default:
      return { method: pick(['GET', 'POST']), path: `/api/v1/groups/${id()}/ack?expires=${encodeURIComponent(pick(TEXTS))}&signature=${encodeURIComponent(pick(TEXTS))}` };
  }
}

it('answers every request made at random from valid ones with a 2xx or a 4xx naming the problem, and keeps serving', async () => {
  const configFile = await writeNotifierConfig(workspace.dir, {
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: `${workspace.sink.url}/team` }] }],
    route: { receiver: 'team', group_by: ['alertname', 'instance'], group_wait: '100ms', group_interval: '1s' },
  });
  const notifier = await startNotifierProcess(workspace.dir, configFile, { env: { ALERTFORGE_API_TOKEN: TOKEN } });
  const silences: string[] = [];
  const groups: string[] = [];
  const unexpected: string[] = [];
  let refused = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const r = request(silences, groups);
    const response = await fetch(`${notifier.url}${r.path}`, { method: r.method, ...(r.body !== undefined && { body: r.body }), ...(r.headers && { headers: r.headers }) });
    const text = await response.text();
    const what = `${r.method} ${r.path.slice(0, 200)} ${r.body?.slice(0, 300) ?? ''} -> ${response.status} ${text.slice(0, 300)}`;
    if (response.status >= 500 || response.status < 200) unexpected.push(what);
    else if (response.status >= 400) {
      refused++;
      const error = errorMessage(JSON.parse(text));
      if (!error) unexpected.push(`${what}: no error message`);
    } else if (r.path === '/api/v2/silences') silences.push((JSON.parse(text) as { silenceID: string }).silenceID);
    if (i % 100 === 99) groups.splice(0, groups.length, ...((await (await fetch(`${notifier.url}/api/v1/groups`)).json()) as { id: string }[]).map((g) => g.id));
  }
  expect(unexpected).toEqual([]);
  // Both kinds were made: requests taken in and requests refused.
  expect(refused).toBeGreaterThan(REQUESTS / 10);
  expect(refused).toBeLessThan(REQUESTS * 0.9);
  expect(silences.length).toBeGreaterThan(0);
  expect(groups.length).toBeGreaterThan(0);
  expect(notifier.process.running).toBe(true);
  expect(notifier.process.log).not.toMatch(/internal error|uncaught|unhandled/i);
  const held = (await (await fetch(`${notifier.url}/api/v2/alerts`)).json()) as { labels: Record<string, string> }[];
  expect(held.length).toBeGreaterThan(0);
  await workspace.sink.waitFor('a notification of a fuzzed alert', (posts) => posts.some((p) => p.path === '/team'));
});
