/**
 * The pipeline end to end in one process: routing, grouping, dedup, escalation, acknowledgement,
 * resolution, inhibition, silences, retries and restart, with time driven by a manual clock and
 * notifications delivered over HTTP to a local sink through the real webhook channel.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseJson } from '../../../src/runtime/api/read-body.ts';
import { notifierConfigSchema, type NotifierConfigInput } from '../../../src/runtime/config/schema.ts';
import { postableAlertsBody, readPostableAlerts } from '../../../src/runtime/model/postable-alerts.ts';
import { mkdir, readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../../src/runtime/store/sqlite-store.ts';
import type { NotifierState } from '../../../src/runtime/store/store.ts';
import { HttpSink } from '../../e2e/support/http-sink.ts';
import type { Notifier } from '../../../src/runtime/notifier.ts';
import { Scheduler } from '../../../src/runtime/scheduler.ts';
import { startNotifier, type NotifierFixture } from './notifier-fixture.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function config(sink: string): NotifierConfigInput {
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: `${sink}/${name}` }] });
  return {
    receivers: [hook('team'), hook('oncall'), hook('manager')],
    escalation_policies: [
      {
        name: 'critical',
        steps: [
          { after: '0s', receivers: ['team'] },
          { after: '10m', receivers: ['oncall'] },
          { after: '30m', receivers: ['manager'] },
        ],
      },
    ],
    inhibit_rules: [{ source_matchers: [{ label: 'severity', op: '=', value: 'critical' }], target_matchers: [{ label: 'severity', op: '=', value: 'warning' }], equal: ['connector'] }],
    route: {
      receiver: 'team',
      group_by: ['alertname', 'connector'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [{ matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'critical' }],
    },
  };
}

/** Prometheus re-sends firing alerts with an endsAt ahead; these stand for such a stream. */
const DAY = 24 * 3_600_000;
const warning = (connector: string, extra: Record<string, string> = {}) => ({
  endsAt: f.clock.now() + DAY,
  labels: { alertname: 'SyncErrorRateElevated', severity: 'warning', connector, ...extra },
  annotations: { summary: `Connector ${connector} fails 2% of its sync operations` },
});
const critical = (connector: string) => ({
  endsAt: f.clock.now() + DAY,
  labels: { alertname: 'SyncErrorRateHigh', severity: 'critical', connector },
  annotations: { summary: `Connector ${connector} fails 50% of its sync operations`, runbook_url: 'https://runbooks.example/sync' },
});

let sink: HttpSink;
let f: NotifierFixture;

beforeEach(async () => {
  sink = await HttpSink.start();
  f = await startNotifier(config(sink.url));
});
afterEach(async () => {
  await f.close();
  await sink.close();
});

describe('grouping and dedup', () => {
  it('notifies a group once after group_wait, and again at group_interval when a second alert joins', async () => {
    f.notifier.ingest([warning('crm', { operation: 'read' })]);
    await f.after(29 * SECOND);
    expect(sink.posts).toHaveLength(0);
    expect(f.notifier.nextDueAt()).toBe(f.clock.now() + 1 * SECOND);
    await f.after(1 * SECOND);
    expect(sink.to('/team')).toHaveLength(1);
    const first = sink.posts[0]!.body;
    expect(first).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'team',
      groupKey: '{}:{alertname="SyncErrorRateElevated", connector="crm"}',
      groupLabels: { alertname: 'SyncErrorRateElevated', connector: 'crm' },
      commonAnnotations: { summary: 'Connector crm fails 2% of its sync operations' },
      externalURL: 'http://notifier.test',
      truncatedAlerts: 0,
    });
    expect(first.alerts).toHaveLength(1);

    f.notifier.ingest([warning('crm', { operation: 'write' })]);
    await f.after(1 * MINUTE);
    expect(sink.posts).toHaveLength(1);
    await f.after(4 * MINUTE);
    expect(sink.posts).toHaveLength(2);
    expect(sink.posts[1]!.body.alerts.map((a: any) => a.labels.operation).sort()).toEqual(['read', 'write']);

    // Nothing new: the notification log keeps the next flushes quiet until repeat_interval.
    await f.after(5 * MINUTE);
    await f.after(5 * MINUTE);
    expect(sink.posts).toHaveLength(2);
  });

  it('resolves an alert Prometheus stops sending once resolve_timeout has passed', async () => {
    f.notifier.ingest([{ labels: { alertname: 'Gone', connector: 'crm' } }]);
    await f.after(30 * SECOND);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => p.body.status)).toEqual(['firing', 'resolved']);
    expect(f.notifier.listGroups()).toHaveLength(0);
  });

  it('keeps groups of different group_by values apart', async () => {
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.connector).sort()).toEqual(['crm', 'erp']);
  });

  it('flushes a burst of groups due together a slice a tick, the first delivered while the rest wait, none lost', async () => {
    f.notifier.ingest(Array.from({ length: 150 }, (_, i) => warning(`connector-${i}`)));
    await f.after(30 * SECOND);
    expect(sink.posts).toHaveLength(64);
    expect(f.notifier.nextDueAt()).toBeLessThanOrEqual(f.clock.now());
    await f.after(0);
    await f.after(0);
    expect(new Set(sink.posts.map((p) => p.body.groupLabels.connector)).size).toBe(150);
    // Nothing more is due until group_interval: the scheduler must sleep, not spin.
    expect(f.notifier.nextDueAt()).toBe(f.clock.now() + 5 * MINUTE);
  });

  it('tries a group whose flush threw again later, and flushes the groups due with it meanwhile', async () => {
    const flush = vi.spyOn(f.notifier as unknown as { flush: (...args: unknown[]) => void }, 'flush');
    flush.mockImplementationOnce(() => {
      throw new Error('a fault in one group');
    });
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.connector)).toEqual(['erp']);
    expect(f.log.join('\n')).toMatch(/flush failed, tried again in 10s: Error: a fault in one group/);
    expect(await f.notifier.metrics.registry.getSingleMetricAsString('alertforge_notifier_pipeline_errors_total')).toMatch(/_total 1$/m);
    await f.after(10 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.connector)).toEqual(['erp', 'crm']);
  });

  it('has ingest wait while a burst of due groups is flushed, for 250 ms at most', async () => {
    /** `groups` new groups, come due and their first slice flushed; whether ingest's wait has ended. */
    const burst = async (prefix: string, groups: number) => {
      f.notifier.ingest(Array.from({ length: groups }, (_, i) => warning(`${prefix}-${i}`)));
      await f.after(30 * SECOND);
      const wait = { settled: false };
      void f.notifier.dueGroupsFlushed()?.then(() => (wait.settled = true));
      return wait;
    };
    expect(f.notifier.dueGroupsFlushed()).toBeUndefined();
    // 64 flushed, 36 to go: ingest waits for them.
    const first = await burst('connector', 100);
    await f.after(0);
    expect(first.settled).toBe(true);
    expect(f.notifier.dueGroupsFlushed()).toBeUndefined();

    // A burst that takes longer: after 250 ms ingest waits no more, though groups are still due.
    const second = await burst('other', 200);
    await f.after(249);
    expect(second.settled).toBe(false);
    await f.after(1);
    expect(second.settled).toBe(true);
    expect(f.notifier.dueGroupsFlushed()).toBeUndefined();
    expect(f.notifier.nextDueAt()).toBeLessThanOrEqual(f.clock.now());
  });

  it('puts an alert that fires again back into a group it left resolved while another group still held it', async () => {
    await f.close();
    const base = config(sink.url);
    // Two routes, the first continuing: the alert is in two groups, flushed at different intervals.
    f = await startNotifier({
      ...base,
      route: {
        receiver: 'team',
        group_by: ['alertname', 'connector'],
        group_wait: '30s',
        group_interval: '5m',
        routes: [
          { matchers: [{ label: 'severity', op: '=', value: 'warning' }], receiver: 'oncall', continue: true, group_interval: '1m' },
          { matchers: [], receiver: 'team' },
        ],
      },
    });
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    expect([sink.to('/oncall').length, sink.to('/team').length]).toEqual([1, 1]);
    f.notifier.ingest([{ ...warning('crm'), endsAt: f.clock.now() }]);
    // The one-minute group tells the resolution and lets the alert go; the five-minute one still holds it.
    await f.after(1 * MINUTE);
    expect(sink.to('/oncall').map((p) => p.body.status)).toEqual(['firing', 'resolved']);
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    expect(sink.to('/oncall').map((p) => p.body.status)).toEqual(['firing', 'resolved', 'firing']);
  });

  it('keeps the start of an alert re-sent while it fires, and starts it anew when it fires again after resolving', async () => {
    const startOf = () => f.notifier.listAlerts().map(({ alert }) => new Date(alert.startsAt).toISOString());
    const firstAt = new Date(f.clock.now()).toISOString();
    f.notifier.ingest([warning('crm')]);
    await f.after(10 * SECOND);
    // Re-sent without a start: received now, but firing since firstAt.
    f.notifier.ingest([warning('crm')]);
    await f.after(20 * SECOND);
    expect(sink.posts.map((p) => p.body.alerts[0].startsAt)).toEqual([firstAt]);
    expect(startOf()).toEqual([firstAt]);
    // Resolved, and firing again before the group told anyone of the resolution: a new occurrence.
    f.notifier.ingest([{ ...warning('crm'), endsAt: f.clock.now() }]);
    await f.after(1 * MINUTE);
    const againAt = new Date(f.clock.now()).toISOString();
    f.notifier.ingest([warning('crm')]);
    expect(startOf()).toEqual([againAt]);
  });

  it('continues a resolved alert that an update overlaps, keeping its start, as Alertmanager merges them', async () => {
    const startOf = () => f.notifier.listAlerts().map(({ alert }) => alert.startsAt);
    // One Prometheus of an HA pair resolves the alert; the other, a moment behind, still sends it firing since a later start.
    const firstAt = f.clock.now() - 5 * MINUTE;
    f.notifier.ingest([{ ...warning('crm'), startsAt: firstAt }]);
    await f.after(10 * SECOND);
    f.notifier.ingest([{ ...warning('crm'), startsAt: firstAt, endsAt: f.clock.now() }]);
    await f.after(1 * SECOND);
    f.notifier.ingest([{ ...warning('crm'), startsAt: firstAt + 30 * SECOND, endsAt: f.clock.now() + 4 * MINUTE }]);
    expect(startOf()).toEqual([firstAt]);
    // One that starts after the held alert ended is another occurrence.
    f.notifier.ingest([{ ...warning('crm'), startsAt: firstAt, endsAt: f.clock.now() }]);
    await f.after(1 * MINUTE);
    const againAt = f.clock.now() - 10 * SECOND;
    f.notifier.ingest([{ ...warning('crm'), startsAt: againAt }]);
    expect(startOf()).toEqual([againAt]);
  });

  it('keeps the later end a sender gave over one from resolve_timeout, and takes an earlier one given over resolve_timeout, across a restart too', async () => {
    const endOf = (notifier: Notifier, connector: string) => notifier.listAlerts().find(({ alert }) => alert.labels.connector === connector)!.alert.endsAt;
    const { labels } = warning('crm');
    const startsAt = f.clock.now();
    f.notifier.ingest([{ labels, startsAt, endsAt: startsAt + 60 * MINUTE }]);
    await f.after(10 * SECOND);
    // Re-sent by a sender that gives no end: it would end in resolve_timeout (5m); the given hour stands.
    f.notifier.ingest([{ labels, startsAt }]);
    expect(endOf(f.notifier, 'crm')).toBe(startsAt + 60 * MINUTE);
    // Without an end from its sender, an earlier end given later replaces resolve_timeout's, also after a restart.
    const erp = { labels: warning('erp').labels, startsAt: f.clock.now() };
    f.notifier.ingest([erp]);
    await f.after(1 * MINUTE);
    const restarted = await f.restart();
    restarted.ingest([{ ...erp, endsAt: f.clock.now() + MINUTE }]);
    expect(endOf(restarted, 'erp')).toBe(f.clock.now() + MINUTE);
  });

  it('reminds at repeat_interval while a group keeps firing', async () => {
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    for (let i = 0; i < 48; i++) await f.after(5 * MINUTE);
    expect(sink.posts).toHaveLength(2);
  });
});

describe('escalation', () => {
  it('tells each step after its delay, stops at acknowledgement, and tells everyone told of the resolution', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    const ackLink: string = sink.posts[0]!.body.links.ack;
    expect(ackLink).toMatch(/^http:\/\/notifier\.test\/api\/v1\/groups\/[0-9a-f]+\/ack\?incident=\d+&expires=\d+&signature=/);

    await f.after(9 * MINUTE);
    expect(sink.to('/oncall')).toHaveLength(0);
    await f.after(1 * MINUTE);
    expect(sink.to('/oncall')).toHaveLength(1);

    const [group] = f.notifier.listGroups();
    expect(group!.escalation).toMatchObject({ lastStep: 2, run: 1, nextStep: 3, told: ['team', 'oncall'] });
    f.notifier.acknowledge(group!.id, 'alice', 'token');
    await f.after(25 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(0);
    expect(f.notifier.listGroups()[0]!.acknowledged).toMatchObject({ by: 'alice' });

    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    const resolved = sink.posts.filter((p) => p.body.status === 'resolved');
    expect(resolved.map((p) => p.path).sort()).toEqual(['/oncall', '/team']);
    expect(resolved[0]!.body.links.ack).toBeUndefined();
    expect(f.notifier.listGroups()).toHaveLength(0);
  });

  it('after an acknowledgement is withdrawn, goes on at its next step now and the later one after its delay, across a restart too', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    const id = f.notifier.listGroups()[0]!.id;
    f.notifier.acknowledge(id, 'alice', 'token');
    // Acknowledged past both later steps (oncall at 10 minutes, manager at 30).
    await f.after(40 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    expect(f.notifier.withdrawAcknowledgement(id, 'alice')).toMatchObject({ acknowledged: null });
    const restarted = await f.restart();
    await f.after(1 * SECOND);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/oncall']);
    expect(restarted.listGroups()[0]).toMatchObject({ acknowledged: null, escalation: { lastStep: 2, nextStep: 3 } });
    await f.after(19 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(0);
    await f.after(1 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(1);
    // Withdrawing what is not there changes nothing.
    expect(restarted.withdrawAcknowledgement(id, 'bob')).toMatchObject({ acknowledged: null });
  });

  it('after an acknowledgement that stops a step due before the next flush, still flushes: the resolution is told', async () => {
    await f.close();
    f = await startNotifier({
      ...config(sink.url),
      escalation_policies: [{ name: 'critical', steps: [{ after: '0s', receivers: ['team'] }, { after: '1m', receivers: ['oncall'] }] }],
    });
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    await f.after(30 * SECOND);
    f.notifier.acknowledge(f.notifier.listGroups()[0]!.id, 'alice', 'token');
    await f.after(1 * MINUTE);
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(4 * MINUTE);
    expect(sink.posts.map((p) => `${p.path} ${p.body.status}`)).toEqual(['/team firing', '/team resolved']);
  });

  it('acknowledged before its first flush, still tells the first step, as a plain receiver is told, and then its resolution', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(10 * SECOND);
    f.notifier.acknowledge(f.notifier.listGroups()[0]!.id, 'alice', 'token');
    await f.after(20 * SECOND);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    expect(f.notifier.listGroups()[0]!.escalation).toMatchObject({ told: ['team'], nextStepAt: null });
    await f.after(60 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => `${p.path} ${p.body.status}`)).toEqual(['/team firing', '/team resolved']);
  });

  it('after the notifier was down past two steps, goes on at its next step, and the later one after its delay', async () => {
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() + DAY }]);
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    // Down for 40 minutes, past the on-call's step (10 minutes) and the manager's (30).
    const restarted = await f.restart();
    await f.after(40 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/oncall']);
    expect(restarted.listGroups()[0]!.escalation).toMatchObject({ lastStep: 2, nextStep: 3 });
    await f.after(19 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(0);
    await f.after(1 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(1);
  });

  it('reaches the last step when nobody acknowledges, and runs the chain once', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    await f.after(10 * MINUTE);
    await f.after(20 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/oncall', '/manager']);
    expect(sink.posts.map((p) => p.body.alerts.length)).toEqual([1, 1, 1]);
    await f.after(2 * 3_600_000);
    expect(sink.posts.filter((p) => p.path === '/manager')).toHaveLength(1);
  });

  it('holds the next step while the group is silenced, and takes it once the silence ends', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    const silence = f.notifier.putSilence({ matchers: [{ label: 'connector', op: '=', value: 'crm' }], startsAt: f.clock.now(), endsAt: f.clock.now() + DAY, createdBy: 'alice', comment: 'fixing it' });
    await f.after(10 * MINUTE);
    expect(sink.to('/oncall')).toHaveLength(0);
    // Held, not due: nothing to do until the group's next flush; the groups view says why, and when.
    expect(f.notifier.nextDueAt()).toBeGreaterThan(f.clock.now());
    const [held] = f.notifier.listGroups();
    expect(held!.alerts[0]).toMatchObject({ status: 'firing', silencedBy: [silence.id], inhibitedBy: [] });
    expect(Date.parse(held!.escalation!.nextStepAt!)).toBeGreaterThan(f.clock.now());
    expect(held!.escalation).toMatchObject({ lastStep: 1, run: 1, nextStep: 2 });
    // Silenced for 40 minutes, past the manager's step too: the chain resumes at its next step,
    // and the manager's comes 20 minutes after it, as the policy spaces them, not with it.
    await f.after(30 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(0);
    f.notifier.expireSilence(silence.id);
    await f.after(5 * MINUTE);
    expect(sink.to('/oncall')).toHaveLength(1);
    expect(sink.to('/manager')).toHaveLength(0);
    await f.after(14 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(0);
    await f.after(6 * MINUTE);
    expect(sink.to('/manager')).toHaveLength(1);
  });

  it('starts a new silence no earlier than it is put, unless put with the instant its times were taken at', () => {
    const matchers = [{ label: 'connector', op: '=' as const, value: 'crm' }];
    const taken = f.clock.now();
    // A request handled across a millisecond: its "now" is past when the silence is put.
    f.clock.advance(1);
    const moved = f.notifier.putSilence({ matchers, startsAt: taken, endsAt: taken + 4 * 60 * MINUTE, createdBy: 'alice', comment: 'as Alertmanager' });
    expect(moved.startsAt).toBe(taken + 1);
    const kept = f.notifier.putSilence({ matchers, startsAt: taken, endsAt: taken + 4 * 60 * MINUTE, createdBy: 'bob', comment: 'four hours, as asked' }, taken);
    expect(kept.endsAt - kept.startsAt).toBe(4 * 60 * MINUTE);
  });

  it('ends the escalation when the group resolves before the next step', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    await f.after(10 * MINUTE);
    expect(sink.posts.map((p) => `${p.path} ${p.body.status}`)).toEqual(['/team firing', '/team resolved']);
  });
});

describe('inhibition and silences', () => {
  it('mutes a warning while a critical alert fires on the same connector, and silenced alerts', async () => {
    f.notifier.ingest([critical('crm'), warning('crm'), warning('erp')]);
    const silence = f.notifier.putSilence({
      matchers: [{ label: 'connector', op: '=', value: 'erp' }],
      startsAt: f.clock.now(),
      endsAt: f.clock.now() + 3_600_000,
      createdBy: 'alice',
      comment: 'erp maintenance',
    });
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels)).toEqual([{ alertname: 'SyncErrorRateHigh', connector: 'crm' }]);

    const byConnector = Object.fromEntries(f.notifier.listAlerts().map(({ alert, status }) => [`${alert.labels.severity}/${alert.labels.connector}`, status]));
    expect(byConnector['critical/crm']).toMatchObject({ state: 'active', silencedBy: [], inhibitedBy: [] });
    expect(byConnector['warning/crm']).toMatchObject({ state: 'suppressed', inhibitedBy: [expect.any(String)] });
    expect(byConnector['warning/erp']).toMatchObject({ state: 'suppressed', silencedBy: [silence.id] });

    // Expired, the silence lets the erp warning through at the next flush.
    f.notifier.expireSilence(silence.id);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => p.body.groupLabels.connector)).toContain('erp');
  });

  it('tells nothing while every alert of a told group is silenced, and tells the resolution of one that resolves under the silence', async () => {
    f.notifier.ingest([warning('crm', { operation: 'read' }), warning('crm', { operation: 'write' })]);
    await f.after(30 * SECOND);
    f.notifier.putSilence({ matchers: [{ label: 'connector', op: '=', value: 'crm' }], startsAt: f.clock.now(), endsAt: f.clock.now() + DAY, createdBy: 'alice', comment: 'crm maintenance' });
    await f.after(5 * MINUTE);
    // Before: a message with no alerts, which said the group resolved, and the log forgot both.
    expect(sink.posts).toHaveLength(1);

    f.notifier.ingest([{ ...warning('crm', { operation: 'read' }), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    f.notifier.ingest([{ ...warning('crm', { operation: 'write' }), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    // Each resolution told once, though the silence still covers the alerts.
    const told = sink.posts.map((p) => p.body.alerts.map((a: { labels: { operation: string }; status: string }) => `${a.labels.operation} ${a.status}`));
    expect(told).toEqual([['read firing', 'write firing'], ['read resolved'], ['write resolved']]);
    expect(f.notifier.listGroups()).toEqual([]);
  });

  it('reads a silence on a label named like an object property as Alertmanager does: an alert without it is not muted, and is told', async () => {
    for (const label of ['valueOf', 'constructor', '__proto__']) {
      f.notifier.putSilence({ matchers: [{ label, op: '=~', value: '.+' }], startsAt: f.clock.now(), endsAt: f.clock.now() + DAY, createdBy: 'alice', comment: 'odd' });
    }
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels)).toEqual([{ alertname: 'SyncErrorRateElevated', connector: 'crm' }]);
    expect(f.notifier.listAlerts().map(({ status }) => status.state)).toEqual(['active']);
  });

  it('lists a silence for 120h after it expired, then forgets it, across a restart too', async () => {
    const HOUR = 60 * MINUTE;
    const silence = f.notifier.putSilence({ matchers: [{ label: 'connector', op: '=', value: 'erp' }], startsAt: f.clock.now(), endsAt: f.clock.now() + HOUR, createdBy: 'alice', comment: 'erp maintenance' });
    f.notifier.expireSilence(silence.id);
    await f.after(119 * HOUR);
    expect(f.notifier.getSilence(silence.id)).toMatchObject({ createdBy: 'alice' });
    await f.after(1 * HOUR);
    expect(f.notifier.listSilences()).toEqual([]);
    expect((await f.restart()).listSilences()).toEqual([]);
  });
});

describe('time intervals', () => {
  it('sends nothing for a muted route in its muted time, then what waited, resolutions of alerts told before it included', async () => {
    await f.close();
    f = await startNotifier({
      ...config(sink.url),
      route: {
        receiver: 'team',
        group_by: ['alertname', 'connector'],
        group_wait: '30s',
        group_interval: '5m',
        routes: [{ matchers: [{ label: 'severity', op: '=', value: 'warning' }], receiver: 'team', mute_time_intervals: ['standup'] }],
      },
      time_intervals: [{ name: 'standup', time_intervals: [{ times: [{ start_time: '09:30', end_time: '10:00' }] }] }],
    });
    // The clock starts at 09:00 UTC.
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    await f.after(34 * MINUTE);
    f.notifier.ingest([{ ...warning('crm'), endsAt: f.clock.now() }, warning('erp')]);
    for (let i = 0; i < 5; i++) await f.after(5 * MINUTE);
    const told = () => sink.posts.map((p) => `${p.body.groupLabels.connector} ${p.body.status}`);
    expect(told()).toEqual(['crm firing']);
    await f.after(5 * MINUTE);
    expect(told().sort()).toEqual(['crm firing', 'crm resolved', 'erp firing']);
  });
});

describe('delivery', () => {
  it('retries a receiver that is down and delivers once it is back, losing nothing', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(30 * SECOND);
    for (let i = 0; i < 20; i++) await f.after(15 * SECOND);
    expect(sink.refused).toBeGreaterThanOrEqual(5);
    // Pending counts the channel's waiting messages, of every group.
    for (const group of f.notifier.listGroups()) {
      expect(group.delivery).toEqual([expect.objectContaining({ receiver: 'team', circuit: expect.stringMatching(/open/), lastError: expect.stringContaining('HTTP 503'), pending: 2 })]);
    }
    const metrics = await f.notifier.metrics.registry.metrics();
    expect(metrics).toMatch(/alertforge_notifier_notifications_total\{receiver="team",channel="webhook",outcome="retry"\} \d+/);

    sink.recover();
    for (let i = 0; i < 40 && sink.posts.length < 2; i++) await f.after(15 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.connector).sort()).toEqual(['crm', 'erp']);
    expect(sink.posts.every((p) => p.body.alerts.length === 1)).toBe(true);
    for (const group of f.notifier.listGroups()) expect(group.delivery[0]).toMatchObject({ circuit: 'closed', pending: 0 });
  });

  it('once a trial gets through the open breaker, sends what waited for the receiver at once, not a cooldown later', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm'), warning('erp'), warning('hr')]);
    await f.after(30 * SECOND);
    // Down long enough for the breaker's cooldown and the messages' backoff to grow.
    for (let i = 0; i < 40; i++) await f.after(15 * SECOND);
    sink.recover();
    for (let i = 0; i < 600 && sink.posts.length === 0; i++) await f.after(1 * SECOND);
    expect(sink.posts).toHaveLength(1);
    await f.after(1 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.connector).sort()).toEqual(['crm', 'erp', 'hr']);
  });

  it('offers a message its receiver refused (a 4xx) again at the group\'s next flush, as Alertmanager does, not sooner, and loses nothing', async () => {
    sink.fail({ status: 400 });
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    expect(sink.refused).toBe(1);
    for (let i = 0; i < 4; i++) await f.after(MINUTE);
    await f.after(59 * SECOND);
    expect(sink.refused).toBe(1);
    expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 1, lastError: expect.stringContaining('HTTP 400') });
    await f.after(1 * SECOND);
    expect(sink.refused).toBe(2);
    // Fixed meanwhile (a Slack channel unarchived, a webhook's deploy rolled back): it gets the group as it is now.
    f.notifier.ingest([warning('crm', { instance: 'b' })]);
    sink.recover();
    await f.after(5 * MINUTE);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => p.body.alerts.length)).toEqual([2]);
  });

  it('a restart on the same state file resumes the escalation without repeating what was sent', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    await f.restart();
    await f.after(10 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/oncall']);
    expect(f.notifier.listGroups()[0]!.escalation).toMatchObject({ told: ['team', 'oncall'] });
  });

  it('a restart delivers what was queued but not yet delivered', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    sink.recover();
    await f.restart();
    await f.after(2 * SECOND);
    expect(sink.posts).toHaveLength(1);
  });
});

describe('state across restarts', () => {
  it('reads a state file that keyed channels by their index: the message waiting goes, and what was told is not told again', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(30 * SECOND);
    await f.notifier.flushed();
    const file = new Database(join(f.dir, 'state.sqlite'));
    file.exec('UPDATE outbox SET channel = 0, told_before = NULL; UPDATE notification_log SET channel = 0');
    file.close();
    await f.restart();
    sink.recover();
    await f.after(1 * MINUTE);
    const told = () => sink.to('/team').map((p) => p.body.groupLabels.connector).sort();
    expect(told()).toEqual(['crm', 'erp']);
    await f.after(10 * MINUTE);
    expect(told()).toEqual(['crm', 'erp']);
    await f.notifier.flushed();
    expect(f.store.load().notificationLog.map((e) => e.channel)).toEqual(['webhook[0]', 'webhook[0]']);
  });

  it("reads a state file from before fingerprints were Alertmanager's: the alerts re-sent are the ones held, and nothing is told again", async () => {
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(30 * SECOND);
    expect(sink.to('/team')).toHaveLength(2);
    await f.notifier.flushed();
    // What an earlier version wrote: ids of its own, for the alerts and in what each channel was told.
    const file = new Database(join(f.dir, 'state.sqlite'));
    const held = file.prepare('SELECT id, fingerprint FROM alerts').all() as { id: number; fingerprint: string }[];
    expect(held).toHaveLength(2);
    for (const { id, fingerprint } of held) {
      file.prepare('UPDATE alerts SET fingerprint = ? WHERE id = ?').run(`old-${id}`, id);
      file.prepare('UPDATE notification_log SET firing = replace(firing, ?, ?)').run(fingerprint, `old-${id}`);
    }
    const told = file.prepare('SELECT firing FROM notification_log').pluck().all() as string[];
    expect(told.sort()).toEqual(held.map(({ id }) => JSON.stringify([`old-${id}`])).sort());
    file.prepare("DELETE FROM meta WHERE name = 'fingerprints'").run();
    file.close();

    await f.restart();
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(10 * MINUTE);
    expect(f.notifier.listAlerts()).toHaveLength(2);
    expect(sink.to('/team')).toHaveLength(2);
  });

  it('replays the alerts received since the last snapshot, keeping their start and the group timing', async () => {
    const startedAt = f.clock.now();
    f.notifier.ingest([warning('crm')]);
    await f.after(10 * SECOND);
    // Prometheus re-sends the alert; the notifier then dies before any snapshot.
    f.notifier.ingest([warning('crm')]);
    const restarted = await f.restart();
    expect(restarted.listAlerts().map(({ alert }) => [alert.labels.connector, alert.startsAt])).toEqual([['crm', startedAt]]);
    await f.after(19 * SECOND);
    expect(sink.posts).toHaveLength(0);
    await f.after(1 * SECOND);
    expect(sink.to('/team')).toHaveLength(1);
    expect(sink.posts[0]!.body.alerts).toHaveLength(1);
  });

  it('replays a request whose alerts were taken in but one, leaving out the one the API left out', async () => {
    // As the API passes it: the body as posted, and the alerts it took in.
    const body = JSON.stringify([warning('crm').labels, { '1x': 'a' }].map((labels) => ({ labels })));
    f.notifier.ingest([warning('crm')], body);
    const restarted = await f.restart();
    expect(restarted.listAlerts().map(({ alert }) => alert.labels)).toEqual([warning('crm').labels]);
    expect(f.log.filter((line) => line.includes('unreadable'))).toEqual([]);
  });

  it('replays an escaped lone surrogate as the API read it: U+FFFD, as Alertmanager reads it', async () => {
    const body = String.raw`[{"labels":{"alertname":"SyncFailing","severity":"warning","connector":"crm\ud800"}}]`;
    f.notifier.ingest(readPostableAlerts(parseJson(body, postableAlertsBody), f.clock.now(), 5 * MINUTE).alerts, body);
    const held = f.notifier.listAlerts().map(({ alert }) => alert.labels);
    expect(held).toEqual([{ alertname: 'SyncFailing', severity: 'warning', connector: 'crm\ufffd' }]);
    const restarted = await f.restart();
    expect(restarted.listAlerts().map(({ alert }) => alert.labels)).toEqual(held);
  });

  it('does not bring back after a restart an alert whose resolution was told and let go', async () => {
    f.notifier.ingest([warning('crm', { operation: 'read' }), warning('crm', { operation: 'write' })]);
    await f.after(30 * SECOND);
    f.notifier.ingest([{ ...warning('crm', { operation: 'read' }), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    // In Alertmanager's order, by label set: read before write.
    expect(sink.posts.map((p) => p.body.alerts.map((a: { status: string }) => a.status))).toEqual([['firing', 'firing'], ['resolved', 'firing']]);
    // Killed and restarted: the snapshot written with that flush keeps the alert gone.
    const restarted = await f.restart();
    expect(restarted.listGroups()[0]!.alerts.map((a) => a.labels.operation)).toEqual(['write']);
    await f.after(5 * MINUTE);
    expect(sink.posts).toHaveLength(2);
  });

  /** Prometheus' stream for one alert: its start kept, its end an estimate four minutes ahead. */
  const streamed = (alert: ReturnType<typeof critical>, startsAt: number) => ({ ...alert, startsAt, endsAt: f.clock.now() + 4 * MINUTE });
  const statuses = () => sink.posts.map((p) => `${p.path} ${p.body.status}`);

  it('down past the end Prometheus estimated, tells no false all-clear: the alert re-sent goes on as told, its escalation at its next step', async () => {
    const startsAt = f.clock.now();
    f.notifier.ingest([streamed(critical('crm'), startsAt)]);
    await f.after(30 * SECOND);
    expect(statuses()).toEqual(['/team firing']);
    // Down 20 minutes: past the estimate (4 minutes) and the on-call's step (10).
    await f.notifier.flushed();
    f.clock.advance(20 * MINUTE);
    const restarted = await f.restart();
    await f.after(0);
    await f.after(1 * MINUTE);
    expect(statuses()).toEqual(['/team firing']);
    expect(restarted.listGroups()[0]!.alerts).toEqual([expect.objectContaining({ status: 'firing', awaitingResendUntil: new Date(f.clock.now() - 1 * MINUTE + 5 * MINUTE).toISOString() })]);
    expect(f.log).toContainEqual(expect.stringMatching(/^1 alert\(s\) ended, by their senders' estimate, while the notifier was down/));
    const awaiting = async () => (await restarted.metrics.registry.getSingleMetricAsString('alertforge_notifier_alerts_awaiting_resend')).split('\n').at(-1);
    expect(await awaiting()).toBe('alertforge_notifier_alerts_awaiting_resend 1');

    // Re-sent: nothing new for the team; the on-call's step, overdue, is taken at once.
    restarted.ingest([streamed(critical('crm'), startsAt)]);
    await f.after(0);
    expect(statuses()).toEqual(['/team firing', '/oncall firing']);
    expect(restarted.listGroups()[0]!.alerts[0]).not.toHaveProperty('awaitingResendUntil');
    expect(await awaiting()).toBe('alertforge_notifier_alerts_awaiting_resend 0');
    for (let minute = 0; minute < 10; minute++) {
      await f.after(1 * MINUTE);
      restarted.ingest([streamed(critical('crm'), startsAt)]);
    }
    expect(statuses()).toEqual(['/team firing', '/oncall firing']);
  });

  it('down past the estimate before a new group told anything, tells it as soon as the alert is re-sent', async () => {
    const startsAt = f.clock.now();
    f.notifier.ingest([streamed(critical('crm'), startsAt)]);
    await f.after(10 * SECOND);
    await f.notifier.flushed();
    f.clock.advance(5 * MINUTE);
    const restarted = await f.restart();
    await f.after(0);
    expect(statuses()).toEqual([]);
    await f.after(1 * MINUTE);
    restarted.ingest([streamed(critical('crm'), startsAt)]);
    await f.after(0);
    expect(statuses()).toEqual(['/team firing']);
  });

  it('waits as long as the estimate reached ahead when that is longer than resolve_timeout: a rule group evaluated every 10 minutes', async () => {
    const startsAt = f.clock.now();
    // Prometheus dates the end four evaluations ahead, and re-sends at each.
    f.notifier.ingest([{ ...critical('crm'), startsAt, endsAt: f.clock.now() + 40 * MINUTE }]);
    await f.after(30 * SECOND);
    await f.notifier.flushed();
    f.clock.advance(41 * MINUTE);
    const restarted = await f.restart();
    await f.after(0);
    for (let minute = 0; minute < 9; minute++) await f.after(1 * MINUTE);
    restarted.ingest([{ ...critical('crm'), startsAt, endsAt: f.clock.now() + 40 * MINUTE }]);
    await f.after(5 * MINUTE);
    expect(statuses()).toEqual(['/team firing', '/oncall firing']);
  });

  it('keeps what the ingest log covers when only alerts awaiting a re-send are written at startup', async () => {
    f.notifier.ingest([streamed(critical('crm'), f.clock.now())]);
    await f.after(30 * SECOND);
    await f.notifier.flushed();
    const upTo = () => {
      const file = new Database(join(f.dir, 'state.sqlite'), { readonly: true });
      const value = file.prepare("SELECT value FROM meta WHERE name = 'ingest-log-up-to'").pluck().get();
      file.close();
      return value;
    };
    const before = upTo();
    expect(Number(before)).toBeGreaterThan(0);
    f.clock.advance(20 * MINUTE);
    await f.restart();
    await f.notifier.flushed();
    expect(upTo()).toBe(before);
  });

  it('down past the estimate, an alert not re-sent is told resolved when the wait ends, dated by its estimate; a restart meanwhile waits no longer', async () => {
    const startsAt = f.clock.now();
    f.notifier.ingest([streamed(critical('crm'), startsAt)]);
    await f.after(30 * SECOND);
    const estimatedEnd = startsAt + 4 * MINUTE;
    await f.notifier.flushed();
    f.clock.advance(20 * MINUTE);
    await f.restart();
    await f.after(0);
    // Restarted again two minutes on (a crash loop): the wait still ends five minutes after the first restart.
    await f.notifier.flushed();
    f.clock.advance(2 * MINUTE);
    await f.restart();
    await f.after(0);
    expect(statuses()).toEqual(['/team firing']);
    await f.after(3 * MINUTE);
    expect(statuses()).toEqual(['/team firing', '/team resolved']);
    expect(sink.posts[1]!.body.alerts[0]).toMatchObject({ status: 'resolved', endsAt: new Date(estimatedEnd).toISOString() });
    expect(f.notifier.listGroups()).toEqual([]);
  });

  it('after a restart, tells resolved at once an alert its sender resolved before the notifier went down', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.notifier.flushed();
    f.clock.advance(20 * MINUTE);
    await f.restart();
    await f.after(0);
    expect(statuses()).toEqual(['/team firing', '/team resolved']);
  });

  /** What a restart would read: the state file, once the notifier's writes have landed. */
  async function stateOnDisk(): Promise<NotifierState> {
    await f.notifier.flushed();
    const store = new SqliteStore(join(f.dir, 'state.sqlite'));
    const state = store.load();
    await store.close();
    return state;
  }

  it('writes a snapshot of the alerts every 30 seconds and forgets the ingest log it covers', async () => {
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(29 * SECOND);
    const logged = await stateOnDisk();
    expect([logged.alerts.length, logged.ingestLog.length]).toEqual([0, 1]);

    await f.after(1 * SECOND);
    const snapshot = await stateOnDisk();
    expect(snapshot.ingestLog).toEqual([]);
    expect(snapshot.alerts.map((a) => a.labels.connector).sort()).toEqual(['crm', 'erp']);
    expect((await f.restart()).listAlerts()).toHaveLength(2);
  });

  it('writes the alerts of a snapshot the state file refused with the next one, and loses none of them', async () => {
    f.notifier.ingest([warning('crm'), warning('erp')]);
    await f.after(29 * SECOND);
    await f.notifier.flushed();
    // A row the schema refuses (acked_by is NOT NULL) in the batch that carries the snapshot: the batch is refused whole.
    f.store.putAck({ groupKey: 'refused', by: null as unknown as string, at: 0 });
    await f.after(1 * SECOND);
    await expect.poll(() => f.log).toContainEqual(expect.stringMatching(/^snapshot of 2 alert\(s\) not written, .*NOT NULL constraint failed/));

    // Tried again a snapshot interval later, with nothing new received.
    await f.after(30 * SECOND);
    const snapshot = await stateOnDisk();
    expect(snapshot.ingestLog).toEqual([]);
    expect(snapshot.alerts.map((a) => a.labels.connector).sort()).toEqual(['crm', 'erp']);
  });

  describe('a snapshot of more alerts than a slice', () => {
    const connectors = ['a', 'b', 'c', 'd', 'e'];
    const held = (state: NotifierState) => state.alerts.map((a) => [a.labels.connector, a.annotations.summary]).sort();
    /** Ticks, each slice once the one before is committed, until the snapshot under way has written its last. */
    const finishSnapshot = async () => {
      for (await f.notifier.flushed(); f.notifier.nextDueAt() <= f.clock.now(); await f.notifier.flushed()) await f.after(0);
    };

    beforeEach(async () => {
      await f.close();
      f = await startNotifier(config(sink.url), { snapshotSlice: 2 });
      f.notifier.ingest(connectors.map((c) => warning(c)));
      // The groups' first flush, and the snapshot's first slice.
      await f.after(30 * SECOND);
    });

    it('is written a slice a tick; until the last, the state file holds the snapshot before and the log', async () => {
      const partWay = await stateOnDisk();
      expect([partWay.alerts.length, partWay.ingestLog.length]).toEqual([0, 1]);
      expect(f.notifier.nextDueAt()).toBe(f.clock.now());
      // Received while the snapshot is written: in the log segment begun with it, which outlives it.
      f.notifier.ingest([warning('f')]);

      await finishSnapshot();
      const written = await stateOnDisk();
      expect(held(written)).toEqual(connectors.map((c) => [c, warning(c).annotations.summary]));
      expect(written.ingestLog.map((entry) => JSON.parse(entry.payload)[0].labels.connector)).toEqual(['f']);
      const segments = (await readdir(f.dir)).filter((name) => name.includes('-ingest-'));
      expect(segments).toEqual([`state.sqlite-ingest-${written.ingestLog[0]!.id}.log`]);
    });

    it('is driven by the scheduler, each slice as soon as the one before is committed', async () => {
      // Into a group told already: no delivery wakes the scheduler meanwhile.
      const more = Array.from({ length: 36 }, (_, i) => warning('a', { operation: `op${i}` }));
      f.notifier.ingest(more);
      await finishSnapshot();
      // The next snapshot, of 18 slices, is due: the scheduler's wake-up once a second would take 18 s.
      f.clock.advance(30 * SECOND);
      const scheduler = new Scheduler(f.notifier, f.clock, (line) => f.log.push(line));
      scheduler.start();
      try {
        await expect.poll(async () => (await stateOnDisk()).alerts.length, { timeout: 5_000 }).toBe(connectors.length + more.length);
      } finally {
        scheduler.stop();
      }
    });

    it('killed part-way, leaves nothing staged to come back: the next snapshot writes what is held then', async () => {
      // Killed after the second slice: a to d staged.
      await f.notifier.flushed();
      await f.after(0);
      await f.notifier.flushed();
      const restarted = await f.restart();
      expect(restarted.listAlerts()).toHaveLength(5);
      // Resolved, told, and let go: staged before the kill, they must not come back.
      restarted.ingest(['a', 'b', 'c'].map((c) => ({ ...warning(c), endsAt: f.clock.now() })));
      await f.after(5 * MINUTE);
      expect(sink.posts.slice(-3).map((p) => p.body.status)).toEqual(['resolved', 'resolved', 'resolved']);
      await finishSnapshot();
      expect(held(await stateOnDisk()).map(([c]) => c)).toEqual(['d', 'e']);
    });

    it('writes each alert as the log it forgets left it, and none let go meanwhile', async () => {
      // After the first slice (a and b): e, in the last, changes; a, staged, and d, not yet, resolve.
      const resolved = ['a', 'd'].map((c) => ({ ...warning(c), endsAt: f.clock.now() }));
      f.notifier.ingest([{ ...warning('e'), annotations: { summary: 'changed' } }, ...resolved]);
      await f.notifier.flushed();
      // Their groups' next flush tells them resolved and lets them go, between two slices.
      await f.after(5 * MINUTE);
      const told = sink.posts.slice(-2).flatMap((p) => p.body.alerts.map((a: { status: string; labels: Record<string, string> }) => `${a.labels.connector} ${a.status}`));
      expect(told.sort()).toEqual(['a resolved', 'd resolved']);
      await finishSnapshot();
      const written = await stateOnDisk();
      expect(held(written)).toEqual(['b', 'c', 'e'].map((c) => [c, warning(c).annotations.summary]));
      // What came after the snapshot began stays in the log, and a restart replays it.
      expect(written.ingestLog).toHaveLength(1);
      const restarted = await f.restart();
      expect(restarted.listAlerts().find(({ alert }) => alert.labels.connector === 'e')!.alert.annotations).toEqual({ summary: 'changed' });
    });
  });

  it('takes in nothing of a request the ingest log refuses, and the same request once it is written', async () => {
    // The file the first append would create is taken: the append fails, as on a full disk.
    const blocker = join(f.dir, 'state.sqlite-ingest-1.log');
    await mkdir(blocker);
    expect(() => f.notifier.ingest([warning('crm')])).toThrow(/EEXIST/);
    expect(f.notifier.listAlerts()).toEqual([]);
    await f.after(30 * SECOND);
    expect(sink.posts).toEqual([]);

    // The sender, answered with an error, sends again.
    await rmdir(blocker);
    f.notifier.ingest([warning('crm')]);
    expect((await f.restart()).listAlerts().map(({ alert }) => alert.labels.connector)).toEqual(['crm']);
  });
});

describe('rate limits and digests', () => {
  async function withReceiver(receiver: Record<string, unknown>): Promise<NotifierFixture> {
    await f.close();
    f = await startNotifier({
      receivers: [{ name: 'low', channels: [{ type: 'webhook', url: `${sink.url}/low` }], ...receiver }],
      route: { receiver: 'low', group_by: ['alertname'], group_wait: '30s', group_interval: '5m' },
    });
    return f;
  }

  it('holds messages over the rate limit until the bucket has a token, and loses none', async () => {
    await withReceiver({ rate_limit: { messages: 1, per: '1m', burst: 1 } });
    f.notifier.ingest(['A', 'B', 'C'].map((name) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY })));
    await f.after(30 * SECOND);
    expect(sink.posts).toHaveLength(1);
    await f.after(1 * MINUTE);
    expect(sink.posts).toHaveLength(2);
    await f.after(1 * MINUTE);
    expect(sink.posts.map((p) => p.body.groupLabels.alertname).sort()).toEqual(['A', 'B', 'C']);
  });

  it('keeps the rate limit across a reload that keeps it: a reload is no way past it', async () => {
    const receiver = { rate_limit: { messages: 1, per: '1m', burst: 2 } };
    await withReceiver(receiver);
    f.notifier.ingest(['A', 'B', 'C', 'D', 'E'].map((name) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY })));
    await f.after(30 * SECOND);
    expect(sink.posts).toHaveLength(2);
    f.notifier.reload(notifierConfigSchema.parse({ receivers: [{ name: 'low', channels: [{ type: 'webhook', url: `${sink.url}/low` }], ...receiver }], route: { receiver: 'low', group_by: ['alertname'], group_wait: '30s', group_interval: '5m' } }));
    await f.after(1 * MINUTE);
    // One token a minute: a bucket refilled by the reload would have let two go.
    expect(sink.posts).toHaveLength(3);
  });

  it('gets everything to a rate-limited receiver back after an outage: a breaker trial the rate limit held back does not hold the channel', async () => {
    await withReceiver({ rate_limit: { messages: 1, per: '1m', burst: 1 } });
    sink.fail({ status: 503 });
    f.notifier.ingest(['A', 'B', 'C'].map((name) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY })));
    await f.after(30 * SECOND);
    for (let i = 0; i < 40; i++) await f.after(15 * SECOND);
    expect(sink.refused).toBeGreaterThanOrEqual(5);
    sink.recover();
    for (let i = 0; i < 40 && sink.posts.length < 3; i++) await f.after(15 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.alertname).sort()).toEqual(['A', 'B', 'C']);
  });

  it('gets everything to a receiver whose breaker trial was answered 429: the deferral gives no verdict, the next message tries', async () => {
    await withReceiver({});
    sink.fail({ status: 503 });
    f.notifier.ingest(['A', 'B'].map((name) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY })));
    await f.after(30 * SECOND);
    for (let i = 0; i < 10; i++) await f.after(15 * SECOND);
    expect(sink.refused).toBeGreaterThanOrEqual(5);
    sink.fail({ status: 429, retryAfter: '5' });
    const refused = sink.refused;
    for (let i = 0; i < 10 && sink.refused === refused; i++) await f.after(15 * SECOND);
    sink.recover();
    for (let i = 0; i < 20 && sink.posts.length < 2; i++) await f.after(15 * SECOND);
    expect(sink.posts.map((p) => p.body.groupLabels.alertname).sort()).toEqual(['A', 'B']);
  });

  it('sends a digest receiver everything of a period in one message at its end', async () => {
    await withReceiver({ digest: { every: '1h' } });
    f.notifier.ingest(['A', 'B', 'C'].map((name) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY })));
    await f.after(30 * SECOND);
    await f.after(30 * MINUTE);
    expect(sink.posts).toHaveLength(0);
    await f.after(30 * MINUTE);
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0]!.body.alerts.map((a: any) => a.labels.alertname).sort()).toEqual(['A', 'B', 'C']);
  });

  it('sends a daily digest at its time of day in its time zone', async () => {
    await withReceiver({ digest: { every: '24h', at: '09:00', location: 'Europe/Berlin' } });
    // 09:00 UTC on 5 January is 10:00 in Berlin: the digest goes at 09:00 Berlin time the next day.
    f.notifier.ingest([{ labels: { alertname: 'A' }, endsAt: f.clock.now() + 2 * DAY }]);
    await f.after(30 * SECOND);
    for (let hour = 0; hour < 22; hour++) await f.after(60 * MINUTE);
    await f.after(59 * MINUTE);
    expect(sink.posts).toHaveLength(0);
    await f.after(30 * SECOND);
    expect(new Date(f.clock.now()).toISOString()).toBe('2026-01-06T08:00:00.000Z');
    expect(sink.posts).toHaveLength(1);
  });

  it('keeps a digest receiver back to its period when it comes back after being down', async () => {
    await withReceiver({ digest: { every: '1h' } });
    sink.fail({ status: 503 });
    const alert = (name: string) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY });
    f.notifier.ingest([alert('A'), alert('B')]);
    await f.after(30 * SECOND);
    // The period ends, and its digest fails often enough to open the breaker.
    for (let i = 0; i < 66; i++) await f.after(1 * MINUTE);
    expect(sink.refused).toBeGreaterThanOrEqual(5);
    f.notifier.ingest([alert('C')]);
    await f.after(30 * SECOND);
    sink.recover();
    for (let i = 0; i < 10 && sink.posts.length === 0; i++) await f.after(15 * SECOND);
    expect(sink.posts.map((p) => p.body.alerts.map((a: any) => a.labels.alertname).sort())).toEqual([['A', 'B']]);
    await f.after(1 * SECOND);
    await f.after(30 * MINUTE);
    expect(sink.posts).toHaveLength(1);
    await f.after(30 * MINUTE);
    expect(sink.posts.map((p) => p.body.alerts.map((a: any) => a.labels.alertname).sort())).toEqual([['A', 'B'], ['C']]);
  });
});

describe('delivery order', () => {
  it('never lets a resolution overtake the firing message still being retried', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    f.notifier.ingest([{ ...warning('crm'), endsAt: f.clock.now() }]);
    sink.answerAfter(500);
    sink.recover();
    // The firing message's retry is in flight when the group's next flush makes the resolution.
    const retrying = f.after(1 * SECOND);
    await f.after(5 * MINUTE);
    await retrying;
    for (let i = 0; i < 20 && sink.posts.length < 2; i++) await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.body.status)).toEqual(['firing', 'resolved']);
  });

  it('replaces the messages waiting for a receiver that is down with its group as it is: one message once back, with every resolution', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm', { instance: 'a' }), warning('crm', { instance: 'b' })]);
    await f.after(30 * SECOND);
    f.notifier.ingest([{ ...warning('crm', { instance: 'a' }), endsAt: f.clock.now() }, warning('crm', { instance: 'c' })]);
    await f.after(5 * MINUTE);
    f.notifier.ingest([warning('crm', { instance: 'd' })]);
    await f.after(5 * MINUTE);
    expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 1 });
    sink.recover();
    for (let i = 0; i < 20 && sink.posts.length === 0; i++) await f.after(30 * SECOND);
    await f.after(5 * MINUTE);
    expect(sink.posts).toHaveLength(1);
    const told = sink.posts[0]!.body.alerts.map((a: { labels: { instance: string }; status: string }) => `${a.labels.instance} ${a.status}`).sort();
    expect(told).toEqual(['a resolved', 'b firing', 'c firing', 'd firing']);
    expect(await f.notifier.metrics.registry.getSingleMetricAsString('alertforge_notifier_notifications_superseded_total')).toContain('alertforge_notifier_notifications_superseded_total{receiver="team",channel="webhook"} 2');
  });

  it('drops what was waiting for a receiver that is down once the group is back to what it last got', async () => {
    f.notifier.ingest([warning('crm', { instance: 'a' })]);
    await f.after(30 * SECOND);
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm', { instance: 'b' })]);
    await f.after(5 * MINUTE);
    f.notifier.putSilence({ matchers: [{ label: 'instance', op: '=', value: 'b' }], startsAt: f.clock.now(), endsAt: f.clock.now() + DAY, createdBy: 'alice', comment: 'noise' });
    await f.after(5 * MINUTE);
    expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 0 });
    sink.recover();
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => p.body.alerts.length)).toEqual([1]);
  });

  it('tells an alert that fired and resolved while its receiver was down as resolved, once back', async () => {
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    f.notifier.ingest([{ ...warning('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    sink.recover();
    for (let i = 0; i < 20 && sink.posts.length === 0; i++) await f.after(30 * SECOND);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => p.body.status)).toEqual(['resolved']);
    expect(f.notifier.listGroups()).toHaveLength(0);
  });
});

describe('a receiver that is down', () => {
  it('holds up no other receiver, however many messages wait for it, and gets them all once back', async () => {
    const down = await HttpSink.start();
    try {
      await f.close();
      f = await startNotifier({
        receivers: [
          { name: 'payments', channels: [{ type: 'webhook', url: `${down.url}/payments` }] },
          { name: 'team', channels: [{ type: 'webhook', url: `${sink.url}/team` }] },
        ],
        route: { receiver: 'team', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', routes: [{ matchers: [{ label: 'team', op: '=', value: 'payments' }], receiver: 'payments' }] },
      });
      down.fail({ status: 503 });
      const alert = (name: string, team: string) => ({ labels: { alertname: name, team }, endsAt: f.clock.now() + DAY });
      f.notifier.ingest(Array.from({ length: 200 }, (_, i) => alert(`Payments${i}`, 'payments')));
      await f.after(30 * SECOND);
      for (let i = 0; i < 10; i++) await f.after(15 * SECOND);
      expect(down.refused).toBeGreaterThan(0);

      f.notifier.ingest([alert('Other', 'platform')]);
      await f.after(30 * SECOND);
      expect(sink.to('/team').map((p) => p.body.groupLabels.alertname)).toEqual(['Other']);

      down.recover();
      for (let i = 0; i < 40 && down.posts.length < 200; i++) await f.after(30 * SECOND);
      expect(new Set(down.posts.map((p) => p.body.groupLabels.alertname)).size).toBe(200);
      expect(down.posts).toHaveLength(200);
    } finally {
      await down.close();
    }
  });
});

describe('reload', () => {
  it('keeps alerts, groups and escalations, and routes by the new config from then on', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    const next = notifierConfigSchema.parse(config(sink.url));
    next.receivers.push({ name: 'warnings', channels: [{ type: 'webhook', url: `${sink.url}/warnings`, send_resolved: true, max_alerts: 0 }] });
    next.route.routes.push({ matchers: [{ label: 'severity', op: '=', value: 'warning' }], receiver: 'warnings', continue: false, mute_time_intervals: [], active_time_intervals: [], routes: [] });
    f.notifier.reload(next);
    f.notifier.ingest([warning('erp')]);
    await f.after(30 * SECOND);
    expect(sink.to('/warnings')).toHaveLength(1);
    await f.after(10 * MINUTE);
    // The escalation carried on from where it was, and told the first step nothing again.
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/warnings', '/oncall']);
  });

  /** The critical route escalating by `policy`, or sending to the team. */
  function routedTo(target: { escalation: string } | { receiver: string }) {
    const next = notifierConfigSchema.parse({
      ...config(sink.url),
      escalation_policies: [...config(sink.url).escalation_policies!, { name: 'managers', steps: [{ after: '0s', receivers: ['manager'] }] }],
    });
    next.route.routes[0] = { ...next.route.routes[0]!, escalation: undefined, receiver: undefined, ...target };
    return next;
  }

  it('ends an escalation whose group a reload routes to a receiver: its next step pages nobody', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    f.notifier.reload(routedTo({ receiver: 'team' }));
    await f.after(30 * MINUTE);
    const [group] = f.notifier.listGroups();
    expect([group!.receiver, group!.escalation]).toEqual(['team', undefined]);
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => `${p.path} ${p.body.status}`)).toEqual(['/team firing', '/team resolved']);
  });

  it('keys a receiver\'s channels by type and place (as Alertmanager): a channel added before another leaves it its pending message and its history', async () => {
    await f.close();
    f = await startNotifier(config(sink.url), { env: { SLACK_URL: `${sink.url}/team-slack` } });
    sink.fail({ status: 503 });
    f.notifier.ingest([warning('crm')]);
    await f.after(30 * SECOND);
    const next = config(sink.url);
    next.receivers![0] = { name: 'team', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_URL' } }, ...next.receivers![0]!.channels] };
    f.notifier.reload(notifierConfigSchema.parse(next));
    sink.recover();
    await f.after(1 * MINUTE);
    // The message waiting for the webhook goes to the webhook; the Slack channel, new, hears of the group at its next flush.
    expect(sink.posts.map((p) => p.path)).toEqual(['/team']);
    await f.after(4 * MINUTE);
    await f.after(5 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/team-slack']);
    expect(f.notifier.listGroups()[0]!.notified.map((n) => n.channel).sort()).toEqual(['slack[0]', 'webhook[0]']);
  });

  it('starts the policy a reload routes an escalating group to, from its first step', async () => {
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    f.notifier.reload(routedTo({ escalation: 'managers' }));
    await f.after(5 * MINUTE);
    await f.after(30 * MINUTE);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/manager']);
    expect(f.notifier.listGroups()[0]!.escalation).toMatchObject({ told: ['manager'] });
  });

  /** The original routing, but grouped by alertname alone: every group of the original ends. */
  const regrouped = () => notifierConfigSchema.parse({ ...config(sink.url), route: { ...config(sink.url).route!, group_by: ['alertname'] } });
  const criticalGroup = () => f.notifier.listGroups().find((g) => g.escalationPolicy === 'critical' && g.labels.connector === 'crm');

  /** Both groups told, the critical one acknowledged, then a reload that groups them otherwise, whose groups tell /team too. */
  async function acknowledgedThenRegrouped(): Promise<void> {
    f.notifier.ingest([critical('crm'), warning('erp')]);
    await f.after(30 * SECOND);
    f.notifier.acknowledge(criticalGroup()!.id, 'alice', 'token');
    f.notifier.reload(regrouped());
    await f.after(30 * SECOND);
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/team', '/team', '/team']);
    expect(criticalGroup()).toBeUndefined();
  }

  it.each(['a reload', 'a restart on the earlier config'])('makes the groups a reload ended again as they were once %s rolls it back: nothing told or paged again, still acknowledged', async (rollback) => {
    await acknowledgedThenRegrouped();
    if (rollback === 'a reload') f.notifier.reload(notifierConfigSchema.parse(config(sink.url)));
    else await f.restart();
    await f.after(30 * SECOND);
    await f.after(40 * MINUTE);
    // Without what they were told, both groups would tell /team again, and the escalation page /oncall and /manager.
    expect(sink.posts).toHaveLength(4);
    expect(criticalGroup()!.acknowledged).toMatchObject({ by: 'alice' });
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }, { ...warning('erp'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    expect(sink.posts.slice(4).map((p) => `${p.path} ${p.body.status} ${p.body.commonLabels.alertname}`).sort()).toEqual(['/team resolved SyncErrorRateElevated', '/team resolved SyncErrorRateHigh']);
  });

  it('starts afresh a group made again with an alert that fired anew meanwhile: another incident, not acknowledged', async () => {
    await acknowledgedThenRegrouped();
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    const before = sink.posts.length;
    f.notifier.reload(notifierConfigSchema.parse(config(sink.url)));
    await f.after(30 * SECOND);
    expect(criticalGroup()!.acknowledged).toBeNull();
    await f.after(10 * MINUTE);
    expect(sink.posts.slice(before).map((p) => `${p.path} ${p.body.commonLabels.alertname}`)).toEqual(['/team SyncErrorRateHigh', '/oncall SyncErrorRateHigh']);
  });

  it('starts afresh a group an alert received after the rollback makes again: another incident, told and not acknowledged', async () => {
    await acknowledgedThenRegrouped();
    f.notifier.ingest([{ ...critical('crm'), endsAt: f.clock.now() }]);
    await f.after(5 * MINUTE);
    const before = sink.posts.length;
    f.notifier.reload(notifierConfigSchema.parse(config(sink.url)));
    await f.after(1 * MINUTE);
    expect(criticalGroup()).toBeUndefined();
    f.notifier.ingest([critical('crm')]);
    await f.after(30 * SECOND);
    expect(criticalGroup()!.acknowledged).toBeNull();
    await f.after(10 * MINUTE);
    expect(sink.posts.slice(before).map((p) => `${p.path} ${p.body.commonLabels.alertname}`)).toEqual(['/team SyncErrorRateHigh', '/oncall SyncErrorRateHigh']);
  });

  it('tells the group made again an alert of it that resolved and fired again meanwhile, and nothing else', async () => {
    const instance = (name: string) => ({ ...critical('crm'), labels: { ...critical('crm').labels, instance: name } });
    f.notifier.ingest([instance('a'), instance('b')]);
    await f.after(30 * SECOND);
    f.notifier.acknowledge(criticalGroup()!.id, 'alice', 'token');
    f.notifier.reload(regrouped());
    f.notifier.ingest([{ ...instance('a'), endsAt: f.clock.now() }]);
    await f.after(1 * SECOND);
    f.notifier.ingest([instance('a')]);
    f.notifier.reload(notifierConfigSchema.parse(config(sink.url)));
    await f.after(30 * SECOND);
    await f.after(40 * MINUTE);
    const startsAt = (i: number) => Object.fromEntries((sink.posts[i]!.body.alerts as { labels: { instance: string }; startsAt: string }[]).map((a) => [a.labels.instance, Date.parse(a.startsAt)]));
    expect(sink.posts.map((p) => p.path)).toEqual(['/team', '/team']);
    expect(startsAt(1).b).toBe(startsAt(0).b);
    expect(startsAt(1).a).toBeGreaterThan(startsAt(0).a!);
    expect(criticalGroup()!.acknowledged).toMatchObject({ by: 'alice' });
  });

  it('forgets what a group a reload ended was told five days after it last told anything', async () => {
    await acknowledgedThenRegrouped();
    // Firing all along, as Prometheus re-sends them.
    for (let halfDay = 0; halfDay < 10; halfDay++) {
      f.notifier.ingest([critical('crm'), warning('erp')]);
      await f.after(DAY / 2);
    }
    f.notifier.ingest([critical('crm'), warning('erp')]);
    await f.after(1 * MINUTE);
    await f.notifier.flushed();
    const groupKey = (connector: string) => (k: { groupKey: string }) => k.groupKey.endsWith(`connector="${connector}"}`);
    expect(f.store.load().acks.filter(groupKey('crm'))).toHaveLength(1);
    f.notifier.reload(notifierConfigSchema.parse(config(sink.url)));
    await f.notifier.flushed();
    const state = f.store.load();
    expect([...state.acks, ...state.escalations, ...state.notificationLog].filter((k) => groupKey('crm')(k) || groupKey('erp')(k))).toEqual([]);
    expect(criticalGroup()!.acknowledged).toBeNull();
  });
});
