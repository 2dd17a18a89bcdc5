/**
 * The config the notifier loads at startup and on reload, broken at random a field at a time from
 * the generated one: each is either refused with a ConfigError naming where the problem is, or
 * taken and then runs (routes alerts, reads its time intervals, renders for every channel); nothing
 * throws anything else, which on reload would have left a half-applied config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, parseNotifierConfig } from '../../../../src/runtime/config/load-config.ts';
import type { Labels } from '../../../../src/runtime/model/labels.ts';
import { buildNotification } from '../../../../src/runtime/notification.ts';
import { renderMessage } from '../../../../src/runtime/render.ts';
import { Router } from '../../../../src/runtime/pipeline/route.ts';
import { TimeIntervals } from '../../../../src/runtime/pipeline/time-intervals.ts';
import { seededRandom } from '../../../support/seeded-random.ts';
import { REPO_ROOT } from '../../../support/project-fixture.ts';

const CONFIGS = 500;
const base: unknown = parse(readFileSync(join(REPO_ROOT, 'generated/notifier/notifier.yaml'), 'utf8'));

const random = seededRandom(5);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const ALERTS: Labels[] = [{ alertname: 'SyncErrorRateHigh', connector: 'crm', severity: 'critical', team: 'sync' }, { alertname: 'Watchdog' }, { x: 'y' }];
const VALUES: unknown[] = [null, true, 0, -1, 1.5, 1e9, '', 'x', '0s', '-1m', '1h', '25:00', '09:00', 'monday:friday', '...', '__proto__', '.*', '(', [], {}, [''], { env: '' }];

/** Every path to a value in `value`, objects and arrays included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const own = [at];
  if (Array.isArray(value)) return [...own, ...value.flatMap((item, i) => paths(item, [...at, i]))];
  if (value && typeof value === 'object') return [...own, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key]))];
  return own;
}

/** A copy of `config` with the value at one random path replaced, removed, or given a stray sibling. */
function mutate(config: unknown): unknown {
  const copy = structuredClone(config) as Record<string, unknown>;
  const path = pick(paths(copy).filter((p) => p.length > 0));
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  const key = path.at(-1)!;
  const roll = random();
  if (roll < 0.6) parent[key] = pick(VALUES);
  else if (roll < 0.8) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
  else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  else parent[`${String(key)}_x`] = pick(VALUES);
  return copy;
}

it('refuses a broken config with a ConfigError naming where, or takes it and runs it; never throws anything else', () => {
  const outcomes = { taken: 0, refused: 0 };
  const unexpected: string[] = [];
  for (let i = 0; i < CONFIGS; i++) {
    let config = base;
    for (let n = 1 + Math.floor(random() * 2); n > 0; n--) config = mutate(config);
    const text = stringify(config);
    try {
      const parsed = parseNotifierConfig(text);
      const router = new Router(parsed);
      const intervals = new TimeIntervals(parsed.time_intervals);
      const now = Date.UTC(2026, 0, 5, 9);
      for (const labels of ALERTS) {
        for (const assignment of router.assign(labels)) intervals.mayNotify(assignment.muteTimeIntervals, assignment.activeTimeIntervals, now);
      }
      const alert = { fingerprint: '0', labels: ALERTS[0]!, annotations: { summary: 's' }, startsAt: now, endsAt: now + 60_000, timeout: false, generatorURL: '', updatedAt: now };
      for (const receiver of parsed.receivers) {
        const n = buildNotification({ groupKey: 'k', groupId: 'g', receiver: receiver.name, groupLabels: {}, firing: [alert], resolved: [], externalURL: 'http://x', links: {}, now });
        for (const channel of receiver.channels) renderMessage(n, channel.template);
      }
      outcomes.taken++;
    } catch (error) {
      if (error instanceof ConfigError && /\S/.test(error.message)) outcomes.refused++;
      else unexpected.push(`${String(error)}\n${text}`);
    }
  }
  expect(unexpected.slice(0, 3)).toEqual([]);
  expect(outcomes.taken).toBeGreaterThan(CONFIGS / 10);
  expect(outcomes.refused).toBeGreaterThan(CONFIGS / 10);
});
