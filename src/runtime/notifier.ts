/**
 * The notifier's pipeline: alerts come in, are routed into groups, and every due group is
 * flushed through inhibit, silence and dedup into the outbox, which the deliver stage drains;
 * escalation steps add receivers to a group over time. Every state change is written to the store
 * in the same transaction as the change it belongs to. Time comes from the injected clock and
 * nothing runs by itself: `tick()` does what is due, so tests drive time step by step.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AlertSnapshots, type SnapshotHeld } from './alert-snapshots.ts';
import { GroupLinks } from './group-links.ts';
import type { Channels } from './channels/channels.ts';
import { isoTime, type Clock } from './clock.ts';
import { channelIdOfIndex, channelIds, type ChannelId } from './config/channel-ids.ts';
import { escalationRouteReceivers } from './config/alertmanager-form.ts';
import { ROUTE_DEFAULTS } from './config/route-match.ts';
import type { EscalationPolicy, NotifierConfig } from './config/schema.ts';
import { durationMs } from './duration.ts';
import { NotifierMetrics } from './metrics.ts';
import { awaitsResend, continuesHeld, endedByEstimate, endsAtOrTimeout, isResolved, mergedEndsAt, startsAtOrDefault, type Alert } from './model/alert.ts';
import { parseJsonAsGo } from './model/go-json.ts';
import { fingerprint, type Labels } from './model/labels.ts';
import { StringPool } from './model/string-pool.ts';
import { encodePostableAlerts, readPostableAlerts, type IncomingAlert } from './model/postable-alerts.ts';
import { buildNotification } from './notification.ts';
import { DEFAULT_BACKOFF } from './pipeline/backoff.ts';
import { DEFAULT_BREAKER } from './pipeline/circuit-breaker.ts';
import { needsNotification, type NotificationLogEntry } from './pipeline/dedup.ts';
import { Deliverer, type ChannelHealth, type DeliveryPolicy } from './pipeline/deliver.ts';
import { DueQueue } from './pipeline/due-queue.ts';
import { escalationProgress, nextStepDueAt, resumeAt, startEscalation, stoppedBy, takeDueSteps, type EscalationState } from './pipeline/escalate.ts';
import { Inhibitor } from './pipeline/inhibit.ts';
import { Router, type GroupAssignment, type GroupTarget } from './pipeline/route.ts';
import { superseding } from './pipeline/supersede.ts';
import { canUpdateSilence, expireSilence, silenceOutlived, silencedBy, silenceState, type Silence } from './pipeline/silence.ts';
import { TimeIntervals } from './pipeline/time-intervals.ts';
import type { AckRecord, GroupRecord, IngestLogEntry, NotifierState, NotifierStore, OutboxEntry } from './store/store.ts';

export interface NotifierOptions {
  readonly config: NotifierConfig;
  readonly store: NotifierStore;
  readonly channels: Channels;
  readonly clock: Clock;
  /** Base of every link in messages, e.g. https://notifier.example.com. */
  readonly externalURL: string;
  readonly ids?: () => string;
  readonly random?: () => number;
  readonly delivery?: Partial<DeliveryPolicy>;
  readonly log?: (line: string) => void;
  /** Alerts a snapshot writes a slice (default ALERTS_PER_SNAPSHOT_SLICE): tests make slices small. */
  readonly snapshotSlice?: number;
}

/** An alert held, with the groups it is in and whether the store's snapshot has it as it is. */
interface Held extends SnapshotHeld {
  alert: Alert;
  groups: readonly string[];
}

const NO_GROUPS: readonly string[] = [];

/** The string pool's name for generator URLs: no label can have it, as it has a space. */
const GENERATOR_URL = 'generator URL';

/** A group's alerts at a flush or step: firing ones to tell, resolved ones, and firing ones muted (silenced, inhibited, or awaiting a re-send). */
interface Partition {
  readonly firing: readonly Alert[];
  readonly resolved: readonly Alert[];
  readonly muted: readonly Alert[];
}

interface Group extends GroupRecord {
  readonly id: string;
  readonly assignment: GroupAssignment;
  /**
   * Its alerts' entries, not their fingerprints: a flush reads them with no lookup, and adding one
   * is a push, where a Set's add cost ingest a microsecond an alert. Joining skips the groups an
   * alert is in, so none is here twice.
   */
  readonly members: Held[];
}

export type AlertState = 'active' | 'suppressed';

export interface AlertStatus {
  readonly state: AlertState;
  readonly silencedBy: string[];
  readonly inhibitedBy: string[];
  /** Receivers (or the escalation policy) of the groups it is in. */
  readonly receivers: string[];
}

export interface GroupView {
  readonly key: string;
  readonly id: string;
  readonly labels: Labels;
  readonly receiver?: string;
  readonly escalationPolicy?: string;
  /**
   * Each alert, and for a firing one what keeps it from being told, as /api/v2/alerts says it; and
   * until when one awaits its sender's re-send after a restart (see awaitsResend).
   */
  readonly alerts: { fingerprint: string; labels: Labels; status: 'firing' | 'resolved'; startsAt: string; silencedBy?: string[]; inhibitedBy?: string[]; awaitingResendUntil?: string }[];
  /**
   * What each receiver's channel was told of the group: when the message was made (it goes to the
   * outbox then), how many alerts it told firing and resolved, and whether every message about the
   * group to it has arrived; `undelivered` counts those that have not (held back, failing, in flight).
   */
  readonly notified: { receiver: string; channel: ChannelId; sentAt: string; firing: number; resolved: number; delivered: boolean; undelivered?: number }[];
  /**
   * The escalation: the last step taken (1-based; 0 before the first) and the run it was of, the
   * next step (null once the policy is done), when it is due (null when none is, or the group is
   * acknowledged; later than the step's delay while the group's alerts are muted), and everyone told.
   */
  readonly escalation?: { lastStep: number; run: number; nextStep: number | null; told: readonly string[]; nextStepAt: string | null };
  readonly acknowledged: { by: string; at: string } | null;
  readonly nextFlushAt: string;
  readonly delivery: ChannelHealth[];
}

/**
 * Deliveries in flight at once. Alertmanager flushes every group in its own goroutine; with one
 * event loop shared with ingest, many concurrent requests keep delivery from queueing behind it.
 */
const DELIVERY_CONCURRENCY = 64;

/**
 * How long what a group was told, its escalation and acknowledgement outlive the group once a
 * reload ended it: Alertmanager's default --data.retention, which its notification log outlives
 * its groups by.
 */
const ENDED_GROUP_RETENTION_MS = 120 * 3_600_000;

/** Groups flushed a tick: as many as may deliver at once. */
const FLUSH_SLICE = DELIVERY_CONCURRENCY;

/**
 * How long ingest waits, at most, for a burst of groups that came due to be flushed (see
 * `dueGroupsFlushed`): about what a thousand groups take here.
 */
const INGEST_WAITS_FOR_FLUSH_MS = 250;

/** When a group whose flush threw is tried again. */
const GROUP_RETRY_MS = 10_000;

const groupId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);
const logKey = (receiver: string, channel: ChannelId) => `${receiver}\u0000${channel}`;

export class Notifier {
  private config: NotifierConfig;
  private router: Router;
  private timeIntervals: TimeIntervals;
  /** By fingerprint: one map for the alert and its bookkeeping, one lookup per alert received. */
  private readonly alerts = new Map<string, Held>();
  private readonly groups = new Map<string, Group>();
  private readonly groupsById = new Map<string, Group>();
  /** Per group, per receiver and channel: forgetting or describing a group touches only its own. */
  private readonly notificationLog = new Map<string, Map<string, NotificationLogEntry>>();
  /**
   * Group keys by their next flush or escalation step, so that a tick finds the groups due without
   * walking them all. A group is pushed when it is formed and each time it has been flushed; an
   * item may be early (an acknowledgement stops a step) and is then pushed again at the group's
   * time, never late.
   */
  private readonly groupsDue = new DueQueue<string>();
  /** Keys of the groups found due and not yet flushed: each tick flushes FLUSH_SLICE of them. */
  private dueGroups: string[] = [];
  /** When the groups in `dueGroups` were found due. */
  private dueGroupsSince = -Infinity;
  /** What ingest waits on while `dueGroups` are flushed; settled by the tick that ends the wait. */
  private flushWait: { readonly promise: Promise<void>; readonly settle: () => void } | undefined;
  /** When expired silences were last looked through for ones past their retention. */
  private silencesCollectedAt = -Infinity;
  private readonly escalations = new Map<string, EscalationState>();
  private readonly acks = new Map<string, AckRecord>();
  private readonly silences = new Map<string, Silence>();
  /** Label values and generator URLs, one string for each held alert that has it. */
  private readonly strings = new StringPool();
  private readonly groupKeyLists = new WeakMap<readonly GroupAssignment[], readonly string[]>();
  private readonly snapshots: AlertSnapshots<Held>;
  /** Groups whose due step waits for a muted or resolved group's next flush. */
  private readonly escalationHeldUntil = new Map<string, number>();
  private readonly deliverer: Deliverer;
  private readonly store: NotifierStore;
  private readonly clock: Clock;
  private readonly ids: () => string;
  private readonly log: (line: string) => void;
  private readonly links: GroupLinks;
  readonly metrics: NotifierMetrics;
  readonly externalURL: string;
  /** Called whenever something may have become due sooner; the scheduler listens. */
  onChange: () => void = () => {};

  constructor(options: NotifierOptions) {
    this.config = options.config;
    this.router = new Router(options.config);
    this.timeIntervals = new TimeIntervals(options.config.time_intervals);
    this.store = options.store;
    this.clock = options.clock;
    this.ids = options.ids ?? randomUUID;
    this.log = options.log ?? (() => {});
    this.externalURL = options.externalURL.replace(/\/+$/, '');
    this.metrics = new NotifierMetrics({
      activeAlerts: () => this.firingAlerts(this.clock.now()).length,
      awaitingResend: () => {
        const now = this.clock.now();
        let awaiting = 0;
        for (const { alert } of this.alerts.values()) if (awaitsResend(alert, now)) awaiting++;
        return awaiting;
      },
      groups: () => this.groups.size,
      outboxDepth: () => this.deliverer.depth(),
      outboxOldestAgeSeconds: () => {
        const oldest = this.deliverer.oldestCreatedAt();
        return oldest === undefined ? 0 : Math.max(0, (this.clock.now() - oldest) / 1000);
      },
      openCircuits: () => this.deliverer.openCircuits(this.clock.now()),
    });
    this.deliverer = new Deliverer(
      {
        store: this.store,
        channels: options.channels,
        clock: this.clock,
        metrics: this.metrics,
        policy: { backoff: DEFAULT_BACKOFF, breaker: DEFAULT_BREAKER, concurrency: DELIVERY_CONCURRENCY, ...options.delivery },
        random: options.random ?? Math.random,
        log: this.log,
        refusedRetryAt: (entry, now) => now + (this.groups.get(entry.groupKey)?.assignment.groupIntervalMs ?? durationMs(this.config.route.group_interval ?? ROUTE_DEFAULTS.group_interval)),
        changed: () => this.onChange(),
      },
      this.config,
    );
    this.snapshots = new AlertSnapshots<Held>({
      store: this.store,
      isHeld: (held) => this.alerts.get(held.alert.fingerprint) === held,
      log: this.log,
      ready: () => this.onChange(),
      ...(options.snapshotSlice !== undefined && { sliceSize: options.snapshotSlice }),
    });
    this.links = new GroupLinks(Buffer.from(this.store.secret('ack-link-key', () => randomBytes(32).toString('base64')), 'base64'), this.externalURL);
    this.restore();
  }

  get currentConfig(): NotifierConfig {
    return this.config;
  }

  get groupLinks(): GroupLinks {
    return this.links;
  }

  private restore(): void {
    const state = this.store.load();
    for (const alert of state.alerts) {
      // Read back from the state file, so as fresh as posted ones: their values join the pool too.
      this.strings.internValues(alert.labels as Record<string, string>);
      this.alerts.set(alert.fingerprint, { alert: { ...alert, generatorURL: this.strings.intern(GENERATOR_URL, alert.generatorURL) }, groups: NO_GROUPS, snapshotted: true });
    }
    for (const entry of state.ingestLog) this.replay(entry);
    this.awaitResends();
    const { notificationLog, outbox } = this.withChannelIds(state);
    for (const entry of notificationLog) this.logOf(entry.groupKey).set(logKey(entry.receiver, entry.channel), entry);
    for (const escalation of state.escalations) this.escalations.set(escalation.groupKey, escalation);
    for (const ack of state.acks) this.acks.set(ack.groupKey, ack);
    for (const silence of state.silences) this.silences.set(silence.id, silence);
    this.deliverer.restore(outbox);
    this.regroup(new Map(state.groups.map((g) => [g.key, g])));
  }

  /**
   * At startup: alerts whose end was their sender's estimate and has passed (mostly while the
   * notifier was down) await a re-send (see awaitsResend), rather than all being told resolved at
   * the first flush and paged again as new when their sender re-sends them. They wait
   * resolve_timeout, or as long as the sender's estimate reached ahead if longer: Prometheus dates
   * an end four evaluations ahead and re-sends at each, so a rule group evaluated every 10 minutes
   * re-sends up to 10 minutes after the restart. Written at once, with the ingest log forgotten, so
   * that a restart before then does not wait again.
   */
  private awaitResends(): void {
    const now = this.clock.now();
    const resolveTimeout = durationMs(this.config.global.resolve_timeout);
    let awaiting = 0;
    let last = now;
    for (const held of this.alerts.values()) {
      const { alert } = held;
      if (!endedByEstimate(alert, now)) continue;
      const until = now + Math.max(resolveTimeout, alert.endsAt - alert.updatedAt);
      held.alert = { ...alert, awaitingUntil: until };
      awaiting++;
      last = Math.max(last, until);
      this.snapshots.changed(held);
    }
    if (awaiting === 0) return;
    this.log(`${awaiting} alert(s) ended, by their senders' estimate, while the notifier was down: each is neither told resolved nor paged until its sender re-sends it, or, not re-sent by ${isoTime(last)} at the latest, told resolved`);
    this.snapshots.writeAll();
  }

  /** A state file's notification log and outbox, channels keyed by index (before ids) rewritten by id. */
  private withChannelIds(state: Pick<NotifierState, 'notificationLog' | 'outbox'>): Pick<NotifierState, 'notificationLog' | 'outbox'> {
    const receiver = (name: string) => this.config.receivers.find((r) => r.name === name);
    const rewritten = <T extends { receiver: string; channel: ChannelId }>(entry: T) => {
      const id = channelIdOfIndex(receiver(entry.receiver), entry.channel);
      return id === undefined ? entry : { ...entry, channel: id };
    };
    const notificationLog = state.notificationLog.map(rewritten);
    const outbox = state.outbox.map(rewritten);
    this.store.transaction(() => {
      state.notificationLog.forEach((entry, i) => {
        if (notificationLog[i] === entry) return;
        this.store.deleteLogEntry(entry);
        this.store.putLogEntry(notificationLog[i]!);
      });
      outbox.forEach((entry, i) => entry !== state.outbox[i] && this.store.putOutbox(entry));
    });
    return { notificationLog, outbox };
  }

  /**
   * Routes every held alert again (at startup and after a reload): a group that still exists keeps
   * its timing and state; a new one waits group_wait; one no alert routes to any more ends. An
   * escalation ends when its group is routed elsewhere (a receiver, or another policy), as in
   * Alertmanager a receiver that a route no longer names hears no more of the group.
   */
  private regroup(records: ReadonlyMap<string, GroupRecord>): void {
    const now = this.clock.now();
    const previous = new Set([...records.keys(), ...this.groups.keys()]);
    this.groups.clear();
    this.groupsById.clear();
    this.groupsDue.clear();
    for (const held of this.alerts.values()) {
      held.groups = NO_GROUPS;
      this.join(held, now, records);
    }
    this.store.transaction(() => {
      for (const key of previous) if (!this.groups.has(key)) this.endGroup(key);
      this.settleEndedGroups(previous, now);
      for (const group of this.groups.values()) {
        this.store.putGroup(group);
        const escalation = this.escalations.get(group.key);
        const { target } = group.assignment;
        if (escalation && (target.kind !== 'escalation' || target.name !== escalation.policy)) this.endEscalation(group.key);
      }
    });
  }

  /** Puts an alert into the groups its labels route to that it is not in yet; returns the groups it created. */
  private join(held: Held, now: number, records?: ReadonlyMap<string, GroupRecord>): Group[] {
    const created: Group[] = [];
    const assignments = this.router.assign(held.alert.labels);
    for (const assignment of assignments) {
      // Still in it: it fired again before this group let it go.
      if (held.groups.includes(assignment.key)) continue;
      let group = this.groups.get(assignment.key);
      if (!group) {
        const record = records?.get(assignment.key);
        group = {
          key: assignment.key,
          id: groupId(assignment.key),
          assignment,
          members: [],
          createdAt: record?.createdAt ?? now,
          nextFlushAt: record?.nextFlushAt ?? now + assignment.groupWaitMs,
          firstNotifiedAt: record?.firstNotifiedAt,
        };
        this.groups.set(group.key, group);
        this.groupsById.set(group.id, group);
        this.groupsDue.push(this.groupDueAt(group), group.key);
        created.push(group);
      }
      group.members.push(held);
    }
    held.groups = this.groupKeysOf(assignments);
    return created;
  }

  /** The keys of these groups, one array for all the alerts routed alike (the router caches their assignments). */
  private groupKeysOf(assignments: readonly GroupAssignment[]): readonly string[] {
    let keys = this.groupKeyLists.get(assignments);
    if (!keys) {
      keys = assignments.map((a) => a.key);
      this.groupKeyLists.set(assignments, keys);
    }
    return keys;
  }

  private logOf(groupKey: string): Map<string, NotificationLogEntry> {
    let log = this.notificationLog.get(groupKey);
    if (!log) {
      log = new Map();
      this.notificationLog.set(groupKey, log);
    }
    return log;
  }

  private endEscalation(key: string): void {
    this.escalations.delete(key);
    this.escalationHeldUntil.delete(key);
    this.store.deleteEscalation(key);
  }

  /** A group with nothing left to tell: it goes, and so does what it was told. */
  private forgetGroup(key: string): void {
    this.endGroup(key);
    this.forgetGroupState(key);
  }

  /** A group no alert routes to any more: it goes; what it was told, its escalation and acknowledgement stay (settleEndedGroups). */
  private endGroup(key: string): void {
    const group = this.groups.get(key);
    if (group) this.groupsById.delete(group.id);
    this.groups.delete(key);
    this.escalationHeldUntil.delete(key);
    this.store.deleteGroup(key);
  }

  private forgetGroupState(key: string): void {
    if (!this.notificationLog.has(key) && !this.escalations.has(key) && !this.acks.has(key)) return;
    this.notificationLog.delete(key);
    this.escalations.delete(key);
    this.acks.delete(key);
    this.store.deleteGroupState(key);
  }

  /**
   * What groups a reload ended were told, their escalations and acknowledgements, as Alertmanager's
   * notification log outlives its groups: a reload rolled back makes the group again as it was, and
   * it tells nothing again, pages no step again, and stays acknowledged. An alert of it that
   * resolved and fired again meanwhile (it started after the group told it) is a new firing, and
   * told; made again with only such alerts, or with none it told, the group is another incident
   * and starts afresh. Never made again, it is forgotten ENDED_GROUP_RETENTION_MS after it last
   * told anything. `previous` are the groups before this regroup, whose state is their own.
   */
  private settleEndedGroups(previous: ReadonlySet<string>, now: number): void {
    for (const key of new Set([...this.notificationLog.keys(), ...this.escalations.keys(), ...this.acks.keys()])) {
      if (previous.has(key)) continue;
      const told = [...(this.notificationLog.get(key)?.values() ?? [])];
      const lastToldAt = Math.max(0, ...told.map((e) => e.sentAt), this.acks.get(key)?.at ?? 0, this.escalations.get(key)?.startedAt ?? 0);
      if (now - lastToldAt >= ENDED_GROUP_RETENTION_MS) {
        this.forgetGroupState(key);
        continue;
      }
      const group = this.groups.get(key);
      if (!group) continue;
      const startsAt = new Map(group.members.map(({ alert }) => [alert.fingerprint, alert.startsAt]));
      const firedAnew = (entry: NotificationLogEntry, fp: string) => (startsAt.get(fp) ?? -Infinity) > entry.sentAt;
      if (!told.some((entry) => entry.firing.some((fp) => startsAt.has(fp) && !firedAnew(entry, fp)))) {
        this.forgetGroupState(key);
        continue;
      }
      for (const entry of told) {
        if (!entry.firing.some((fp) => firedAnew(entry, fp))) continue;
        const rewritten = { ...entry, firing: entry.firing.filter((fp) => !firedAnew(entry, fp)) };
        this.logOf(key).set(logKey(entry.receiver, entry.channel), rewritten);
        this.store.putLogEntry(rewritten);
      }
    }
  }

  /**
   * Ingest: appends the request to the store's ingest log, so an alert the API acknowledged
   * survives a crash, then merges its alerts into those held and routes new ones. The rest (groups
   * it created) may land later: a restart routes the replayed alerts again. `payload` is the body
   * as posted, which the log keeps as it is. The alerts' label sets are kept as given, their values
   * pooled in place: pass sets of your own, not frozen ones. Throws, having changed nothing, when
   * the log refuses the append (a full disk): the sender is answered with an error and sends again.
   */
  ingest(incoming: readonly IncomingAlert[], payload: string | Uint8Array = encodePostableAlerts(incoming)): void {
    const now = this.clock.now();
    if (incoming.length > 0) this.snapshots.logged(this.store.appendIngest(now, payload), incoming.length, now);
    // Only a new group, or an alert re-sent after a restart, brings a flush sooner; an alert
    // joining a group that waits does not.
    let sooner = false;
    const { joining, resent, firing } = this.merge(incoming, now);
    this.metrics.alertsReceived.inc({ status: 'firing' }, firing);
    this.metrics.alertsReceived.inc({ status: 'resolved' }, incoming.length - firing);
    for (const held of joining) {
      for (const group of this.join(held, now)) {
        // No held alert routed here, or the group would have been: what an ended group of this
        // key was told is of another incident (settleEndedGroups keeps it for a reload's groups).
        this.forgetGroupState(group.key);
        this.store.putGroup(group);
        sooner = true;
      }
    }
    for (const held of resent) sooner = this.flushSoon(held.groups, now) || sooner;
    if (sooner) this.onChange();
  }

  /**
   * Brings the flush of an alert's groups forward to now (not before their group_wait): it was
   * re-sent after a restart, and what waited for it (a group's first message, an escalation step
   * that came due) goes now, not a group_interval on.
   */
  private flushSoon(keys: readonly string[], now: number): boolean {
    let sooner = false;
    for (const key of keys) {
      const group = this.groups.get(key);
      if (!group) continue;
      const at = Math.max(now, group.createdAt + group.assignment.groupWaitMs);
      if (at >= group.nextFlushAt) continue;
      this.updateGroup({ ...group, nextFlushAt: at });
      this.escalationHeldUntil.delete(key);
      this.groupsDue.push(at, key);
      sooner = true;
    }
    return sooner;
  }

  /**
   * Merges alerts received at `now` into those held; returns how many fire, and the ones to route:
   * new alerts, and alerts firing again after they resolved, which may have left some of their
   * groups meanwhile (told resolved there while another group still held them).
   */
  private merge(incoming: readonly IncomingAlert[], now: number): { joining: Held[]; resent: Held[]; firing: number } {
    const resolveTimeout = durationMs(this.config.global.resolve_timeout);
    let firing = 0;
    const joining: Held[] = [];
    const resent: Held[] = [];
    for (const item of incoming) {
      const fp = fingerprint(item.labels);
      const held = this.alerts.get(fp);
      const postedEndsAt = endsAtOrTimeout(item.endsAt, now, resolveTimeout);
      if (postedEndsAt > now) firing++;
      // A resolution of an alert never held tells nobody anything.
      else if (!held) continue;
      // A re-sent alert keeps the fingerprint and labels held (the same strings); a new one's values are pooled.
      if (!held) this.strings.internValues(item.labels as Record<string, string>);
      const postedStartsAt = startsAtOrDefault(item.startsAt, item.endsAt, now);
      const continues = held !== undefined && continuesHeld(held.alert, postedStartsAt, postedEndsAt);
      const endsAt = continues ? mergedEndsAt(held.alert, postedEndsAt, now) : postedEndsAt;
      const alert: Alert = {
        fingerprint: held ? held.alert.fingerprint : fp,
        labels: held ? held.alert.labels : item.labels,
        annotations: item.annotations ?? {},
        startsAt: continues ? Math.min(held.alert.startsAt, postedStartsAt) : postedStartsAt,
        endsAt,
        // As Alertmanager's merge: the update's, whichever end was kept.
        timeout: item.endsAt === undefined,
        generatorURL: this.strings.intern(GENERATOR_URL, item.generatorURL ?? ''),
        updatedAt: now,
      };
      const entry = held ?? { alert, groups: NO_GROUPS, snapshotted: true };
      if (!held || (isResolved(held.alert, now) && endsAt > now)) joining.push(entry);
      else if (awaitsResend(held.alert, now) && endsAt > now) resent.push(held);
      if (held) held.alert = alert;
      else this.alerts.set(fp, entry);
      this.snapshots.changed(entry);
    }
    return { joining, resent, firing };
  }

  /** At startup: what the ingest log holds since the last snapshot is merged again, in order. */
  private replay(entry: IngestLogEntry): void {
    let incoming: IncomingAlert[];
    try {
      const items = parseJsonAsGo(entry.payload);
      if (!Array.isArray(items)) throw new Error('not an array of alerts');
      // Left out as the API left them out when it answered.
      incoming = readPostableAlerts(items, entry.receivedAt, durationMs(this.config.global.resolve_timeout)).alerts;
    } catch (error) {
      this.log(`ingest log entry ${entry.id} is unreadable and skipped: ${String(error)}`);
      return;
    }
    this.merge(incoming, entry.receivedAt);
    this.snapshots.logged(entry.id, incoming.length, entry.receivedAt);
  }

  /** Resolves when everything so far is in the store; a clean stop waits for it. */
  flushed(): Promise<void> {
    return this.store.committed();
  }

  /** Runs everything due now: group flushes and escalation steps, then deliveries. */
  tick(): Promise<void> {
    const now = this.clock.now();
    let inhibitor: Inhibitor | undefined;
    const rules = this.config.inhibit_rules;
    const muting = () => (inhibitor ??= new Inhibitor(rules, rules.length > 0 ? this.firingAlerts(now) : []));
    if (this.dueGroups.length === 0 && (this.groupsDue.peek()?.at ?? Infinity) <= now) {
      this.dueGroups = this.takeDueGroups(now);
      this.dueGroupsSince = now;
    }
    if (this.dueGroups.length > 0) {
      // A slice a tick, so that the first groups' deliveries are under way while the rest flush.
      const slice = this.dueGroups.splice(0, FLUSH_SLICE);
      this.store.transaction(() => {
        for (const key of slice) this.runDueGroup(key, now, muting);
      });
    }
    if (this.flushWait && !this.ingestWaitsForFlush(now)) {
      this.flushWait.settle();
      this.flushWait = undefined;
    }
    this.collectSilences(now);
    this.snapshots.writeDue(now);
    return this.deliverer.deliverDue(now);
  }

  /**
   * Flushes a due group and takes its escalation step, then puts it back in the queue at its next
   * due time. Should that throw, the group is tried again later, not dropped from the queue for
   * good: one group's fault must not stop its pages, nor those of the groups after it.
   */
  private runDueGroup(key: string, now: number, muting: () => Inhibitor): void {
    try {
      const group = this.groups.get(key);
      if (group && group.nextFlushAt <= now) this.flush(group, now, muting);
      const flushed = this.groups.get(key);
      if (flushed) this.escalate(flushed, now, muting);
      const after = this.groups.get(key);
      if (after) this.groupsDue.push(this.groupDueAt(after), key);
    } catch (error) {
      this.metrics.pipelineErrors.inc();
      this.log(`group ${groupId(key)}: flush failed, tried again in ${GROUP_RETRY_MS / 1000}s: ${(error as Error).stack ?? String(error)}`);
      if (this.groups.has(key)) this.groupsDue.push(now + GROUP_RETRY_MS, key);
    }
  }

  /** The keys of the groups due at `now`, in the order they came due; an early item is pushed again at its group's time. */
  private takeDueGroups(now: number): string[] {
    const due = new Set<string>();
    for (let top = this.groupsDue.peek(); top && top.at <= now; top = this.groupsDue.peek()) {
      this.groupsDue.pop();
      const group = this.groups.get(top.item);
      if (!group) continue;
      const at = this.groupDueAt(group);
      if (at <= now) due.add(group.key);
      else this.groupsDue.push(at, group.key);
    }
    return [...due];
  }

  /** When the group has something to do: its next flush or escalation step. */
  private groupDueAt(group: Group): number {
    return Math.min(group.nextFlushAt, this.escalationDueAt(group));
  }

  /** Forgets silences expired longer than the retention ago, looking once a minute at most. */
  private collectSilences(now: number): void {
    if (now - this.silencesCollectedAt < 60_000) return;
    this.silencesCollectedAt = now;
    const outlived = [...this.silences.values()].filter((s) => silenceOutlived(s, now));
    if (outlived.length === 0) return;
    this.store.transaction(() => {
      for (const silence of outlived) {
        this.silences.delete(silence.id);
        this.store.deleteSilence(silence.id);
      }
    });
  }

  private firingAlerts(now: number): Alert[] {
    const firing: Alert[] = [];
    for (const { alert } of this.alerts.values()) if (!isResolved(alert, now)) firing.push(alert);
    return firing;
  }

  /**
   * While a burst of groups that came due is being flushed, a slice a tick, a promise that
   * resolves once all are flushed or INGEST_WAITS_FOR_FLUSH_MS after they came due; otherwise
   * undefined. The API waits for it before it takes in alerts: each group's first message then
   * goes at its due time with the alerts received by then, as group_wait says, instead of
   * sharing the event loop with the rest of a burst of alerts.
   */
  dueGroupsFlushed(): Promise<void> | undefined {
    if (!this.ingestWaitsForFlush(this.clock.now())) return undefined;
    if (!this.flushWait) {
      let settle = () => {};
      const promise = new Promise<void>((resolve) => (settle = resolve));
      this.flushWait = { promise, settle };
    }
    return this.flushWait.promise;
  }

  private ingestWaitsForFlush(now: number): boolean {
    return this.dueGroups.length > 0 && now - this.dueGroupsSince < INGEST_WAITS_FOR_FLUSH_MS;
  }

  /** When `tick()` next has something to do. */
  nextDueAt(): number {
    if (this.dueGroups.length > 0 || this.snapshots.sliceReady) return this.clock.now();
    return Math.min(this.deliverer.nextDueAt(), this.groupsDue.peek()?.at ?? Infinity);
  }

  /** When the group's next escalation step is due; Infinity when none is, or an acknowledgement stopped it. */
  private escalationDueAt(group: Group): number {
    const escalation = this.escalations.get(group.key);
    const policy = escalation && !stoppedBy(this.acks.has(group.key), escalation) ? this.policy(escalation.policy) : undefined;
    const due = (escalation && policy && nextStepDueAt(policy, escalation, group.assignment.repeatIntervalMs)) ?? Infinity;
    return Math.max(due, this.escalationHeldUntil.get(group.key) ?? 0);
  }

  private policy(name: string): EscalationPolicy | undefined {
    return this.config.escalation_policies.find((p) => p.name === name);
  }

  private isMuted(alert: Alert, now: number, muting: () => Inhibitor): boolean {
    return silencedBy(this.silences.values(), alert.labels, now).length > 0 || muting().inhibitedBy(alert).length > 0;
  }

  /** The group's alerts: firing ones to tell, resolved ones, and firing ones muted (silenced, inhibited, or awaiting a re-send). */
  private partition(group: Group, now: number, muting: () => Inhibitor): Partition {
    const firing: Alert[] = [];
    const resolved: Alert[] = [];
    const muted: Alert[] = [];
    for (const { alert } of group.members) {
      if (isResolved(alert, now)) resolved.push(alert);
      // Awaiting a re-send, it is held back as a muted one is: the log keeps it told firing.
      else if (awaitsResend(alert, now) || this.isMuted(alert, now, muting)) muted.push(alert);
      else firing.push(alert);
    }
    return { firing, resolved, muted };
  }

  /** Who hears about the group now: its receiver, or everyone its escalation has told. */
  private engaged(group: Group): readonly string[] {
    const target = group.assignment.target;
    return target.kind === 'receiver' ? [target.name] : (this.escalations.get(group.key)?.told ?? []);
  }

  private flush(group: Group, now: number, muting: () => Inhibitor): void {
    const alerts = this.partition(group, now, muting);
    const { firing, resolved } = alerts;
    const target = group.assignment.target;
    if (target.kind === 'escalation' && !this.escalations.has(group.key) && firing.length > 0) {
      const policy = this.policy(target.name);
      if (policy) {
        const started = startEscalation(group.key, policy, now);
        this.escalations.set(group.key, started);
        this.store.putEscalation(started);
      }
    }
    const { muteTimeIntervals, activeTimeIntervals } = group.assignment;
    let notified = false;
    const mayNotify = this.timeIntervals.mayNotify(muteTimeIntervals, activeTimeIntervals, now);
    if (mayNotify) {
      for (const receiver of this.engaged(group)) notified = this.notify(group, receiver, alerts, now, undefined) || notified;
    }
    // Told about, resolved alerts leave the group, and the notifier once in no group. In a muted
    // time they stay, so that the first flush after it tells whoever was told they fire.
    const gone: string[] = [];
    const members =
      resolved.length === 0 || !mayNotify
        ? group.members
        : group.members.filter((held) => {
            if (!isResolved(held.alert, now)) return true;
            held.groups = held.groups.filter((key) => key !== group.key);
            if (held.groups.length === 0) {
              this.alerts.delete(held.alert.fingerprint);
              gone.push(held.alert.fingerprint);
            }
            return false;
          });
    this.store.deleteAlerts(gone);
    if (members.length === 0) {
      this.forgetGroup(group.key);
      return;
    }
    this.updateGroup({ ...group, members, nextFlushAt: now + group.assignment.groupIntervalMs, firstNotifiedAt: group.firstNotifiedAt ?? (notified ? now : undefined) });
  }

  /** Puts a group's new state in place of the old, under its key and id, and in the store. */
  private updateGroup(next: Group): void {
    this.groups.set(next.key, next);
    this.groupsById.set(next.id, next);
    this.store.putGroup(next);
  }

  private escalate(group: Group, now: number, muting: () => Inhibitor): void {
    const state = this.escalations.get(group.key);
    const policy = state && this.policy(state.policy);
    const acknowledged = this.acks.has(group.key);
    if (!state || !policy || stoppedBy(acknowledged, state)) return;
    const due = nextStepDueAt(policy, state, group.assignment.repeatIntervalMs);
    if (due === undefined || due > now) return;
    // Resolution ends the escalation; a muted group pages nobody; a muted route's steps wait.
    // Either may change by the next flush, which looks again.
    const { firing, muted } = this.partition(group, now, muting);
    const { muteTimeIntervals, activeTimeIntervals } = group.assignment;
    if (firing.length === 0 || !this.timeIntervals.mayNotify(muteTimeIntervals, activeTimeIntervals, now)) {
      this.escalationHeldUntil.set(group.key, this.groups.get(group.key)!.nextFlushAt);
      return;
    }
    // Late (held while muted, acknowledged then withdrawn, or the notifier down), the chain goes on
    // at its next step: not every step that came due meanwhile at once.
    this.escalationHeldUntil.delete(group.key);
    const taken = takeDueSteps(policy, resumeAt(state, due, now), group.assignment.repeatIntervalMs, now, acknowledged);
    this.escalations.set(group.key, taken.state);
    this.store.putEscalation(taken.state);
    for (const step of taken.steps) {
      this.metrics.escalationSteps.inc({ policy: policy.name });
      this.log(`group ${group.id} escalation ${policy.name}: step ${step.step} tells ${step.receivers.join(', ')}`);
      for (const receiver of step.receivers) this.notify(group, receiver, { firing, resolved: [], muted }, now, step.step);
    }
    const current = this.groups.get(group.key)!;
    if (current.firstNotifiedAt === undefined) this.updateGroup({ ...current, firstNotifiedAt: now });
  }

  /**
   * Dedup and enqueue for each channel of one receiver, the new message superseding those still
   * waiting for the channel (supersede.ts). An escalation step (`step` set) always tells its
   * receivers; otherwise the notification log decides. Returns whether anything was queued.
   */
  private notify(group: Group, receiverName: string, { firing, resolved, muted }: Partition, now: number, step: number | undefined): boolean {
    const receiver = this.config.receivers.find((r) => r.name === receiverName);
    if (!receiver) return false;
    const target = group.assignment.target;
    const policyResolved = target.kind === 'escalation' ? (this.policy(target.name)?.notify_resolved ?? true) : true;
    const firingSet = new Set(firing.map((a) => a.fingerprint));
    const resolvedSet = new Set(resolved.map((a) => a.fingerprint));
    let queued = false;
    const acknowledged = this.acks.has(group.key);
    const ids = channelIds(receiver);
    receiver.channels.forEach((channel, index) => {
      const id = ids[index]!;
      const log = this.logOf(group.key);
      const key = logKey(receiver.name, id);
      const sendResolved = channel.send_resolved && policyResolved;
      const waiting = this.deliverer.waitingMessages(group.key, receiver.name, id);
      const { superseded, before: entry, carried, owesResolution } = superseding(waiting, log.get(key), firingSet, resolvedSet);
      const resolvedNow = carried.length === 0 ? resolvedSet : new Set([...resolvedSet, ...carried.map((a) => a.fingerprint)]);
      const needed =
        step !== undefined ||
        needsNotification({ entry, firing: firingSet, resolved: resolvedNow, sendResolved, repeatIntervalMs: group.assignment.repeatIntervalMs, acknowledged, now }) ||
        (sendResolved && owesResolution);
      const supersede = () => {
        if (superseded.length === 0) return;
        this.deliverer.remove(superseded);
        this.metrics.notificationsSuperseded.inc({ receiver: receiver.name, channel: channel.type }, superseded.length);
      };
      if (!needed) {
        if (superseded.length === 0) return;
        // What they would have told is no news: the channel knows what it knew before them.
        const current = log.get(key);
        if (entry) {
          log.set(key, entry);
          this.store.putLogEntry(entry);
        } else if (current) {
          log.delete(key);
          this.store.deleteLogEntry(current);
        }
        supersede();
        return;
      }
      // What the receiver was told fires and is muted now it still believes fires: kept in the
      // log, its resolution is told when it resolves, silenced or not.
      const stillBelieved = entry && muted.length > 0 ? muted.filter((a) => entry.firing.includes(a.fingerprint)).map((a) => a.fingerprint) : [];
      const logged: NotificationLogEntry = { groupKey: group.key, receiver: receiver.name, channel: id, firing: [...firingSet, ...stillBelieved], resolved: [...resolvedNow], sentAt: now };
      log.set(key, logged);
      this.store.putLogEntry(logged);
      if (firing.length === 0 && !sendResolved) {
        supersede();
        return;
      }
      const steps = [step, ...superseded.map((e) => e.notification.escalationStep)].filter((s) => s !== undefined);
      const notification = buildNotification({
        groupKey: group.assignment.groupKey,
        groupId: group.id,
        receiver: receiver.name,
        groupLabels: group.assignment.labels,
        firing,
        resolved: sendResolved ? resolved : [],
        carried: sendResolved ? carried : [],
        ...(steps.length > 0 && { escalationStep: Math.max(...steps) }),
        externalURL: this.externalURL,
        links: { ack: this.links.link('ack', group.id, group.createdAt, now), silence: this.links.link('silence', group.id, group.createdAt, now) },
        now,
      });
      // In the place of the oldest it supersedes: a receiver down or refusing is tried no sooner.
      const oldest = superseded[0];
      const outboxEntry: OutboxEntry = {
        id: this.ids(),
        groupKey: group.key,
        receiver: receiver.name,
        channel: id,
        notification,
        attempts: oldest?.attempts ?? 0,
        nextAttemptAt: oldest?.nextAttemptAt ?? this.deliverer.firstAttemptAt(receiver.name, now),
        createdAt: oldest?.createdAt ?? now,
        lastError: oldest?.lastError,
        toldBefore: entry ?? null,
      };
      supersede();
      // Sent without waiting for the commit: a crash before it lands finds the group not yet
      // told and tells it again, so what was in flight may go twice and nothing is lost.
      this.store.putOutbox(outboxEntry);
      this.deliverer.add(outboxEntry);
      queued = true;
    });
    return queued;
  }

  /** Acknowledges a group (by id or key): its escalation stops and reminders cease. */
  acknowledge(idOrKey: string, by: string, via: 'token' | 'link'): GroupView | undefined {
    const group = this.groupsById.get(idOrKey) ?? this.groups.get(idOrKey);
    if (!group) return undefined;
    if (!this.acks.has(group.key)) {
      const ack: AckRecord = { groupKey: group.key, by, at: this.clock.now() };
      this.acks.set(group.key, ack);
      this.store.putAck(ack);
      this.metrics.acknowledgements.inc({ via });
      this.log(`group ${group.id} acknowledged by ${by}`);
    }
    return this.describeGroup(group, this.mutingNow());
  }

  /**
   * Withdraws a group's acknowledgement (given by mistake, or handed back): its reminders resume,
   * and its escalation at its next step, now if that came due while it was acknowledged.
   */
  withdrawAcknowledgement(idOrKey: string, by: string): GroupView | undefined {
    const group = this.groupsById.get(idOrKey) ?? this.groups.get(idOrKey);
    if (!group) return undefined;
    const ack = this.acks.get(group.key);
    if (ack) {
      this.acks.delete(group.key);
      this.store.deleteAck(group.key);
      this.groupsDue.push(this.groupDueAt(group), group.key);
      this.log(`group ${group.id}: acknowledgement by ${ack.by} withdrawn by ${by}`);
      this.onChange();
    }
    return this.describeGroup(group, this.mutingNow());
  }

  /** Applies a new, already validated config; state is kept and groups re-formed. */
  reload(config: NotifierConfig): void {
    this.config = config;
    this.router = new Router(config);
    this.timeIntervals = new TimeIntervals(config.time_intervals);
    this.deliverer.configure(config);
    this.regroup(new Map([...this.groups.values()].map((g) => [g.key, g])));
    this.onChange();
  }

  // --- Silences -----------------------------------------------------------------------------

  /**
   * Creates a silence, or updates the one with `silence.id` as Alertmanager does: in place when
   * canUpdateSilence allows it; otherwise the old one is expired (kept as history) and the update
   * is a new silence with an id of its own. `now` is the instant its times were computed from, when
   * the caller took one: read again here, a millisecond later, it would move a start of "now" and
   * shorten the silence asked for.
   */
  putSilence(silence: Omit<Silence, 'id' | 'updatedAt'> & { id?: string }, now = this.clock.now()): Silence {
    const existing = silence.id !== undefined ? this.silences.get(silence.id) : undefined;
    const inPlace = existing !== undefined && canUpdateSilence(existing, silence, now);
    // A new silence starts no earlier than now, as in Alertmanager: one imported or re-posted
    // with its old start would otherwise read as having muted what it never saw.
    const startsAt = inPlace ? silence.startsAt : Math.max(silence.startsAt, now);
    const saved: Silence = { ...silence, startsAt, id: inPlace ? existing.id : this.ids(), updatedAt: now };
    this.store.transaction(() => {
      if (existing && !inPlace && silenceState(existing, now) !== 'expired') this.expireSilence(existing.id);
      this.silences.set(saved.id, saved);
      this.store.putSilence(saved);
    });
    return saved;
  }

  getSilence(id: string): Silence | undefined {
    return this.silences.get(id);
  }

  listSilences(): Silence[] {
    return [...this.silences.values()];
  }

  expireSilence(id: string): Silence | undefined {
    const silence = this.silences.get(id);
    if (!silence) return undefined;
    const expired = expireSilence(silence, this.clock.now());
    this.silences.set(id, expired);
    this.store.putSilence(expired);
    return expired;
  }

  // --- Views ----------------------------------------------------------------------------------

  /** The alerts still firing, with why each is or is not being told. */
  listAlerts(): { alert: Alert; status: AlertStatus }[] {
    const now = this.clock.now();
    const active = this.firingAlerts(now);
    const muting = this.mutingNow(active);
    return active.map((alert) => {
      const { silencedBy: silenced, inhibitedBy: inhibited } = muting(alert);
      // One a route it took, as Alertmanager lists them: two routes to one receiver list it twice.
      const receivers = this.alerts.get(alert.fingerprint)!.groups.flatMap((key) => this.routeReceivers(this.groups.get(key)!.assignment.target));
      return { alert, status: { state: silenced.length + inhibited.length > 0 ? 'suppressed' : 'active', silencedBy: silenced, inhibitedBy: inhibited, receivers } };
    });
  }

  /**
   * Every group with its firing alerts, each with why it is or is not being told: Alertmanager's
   * alert groups, one a route's receiver; a group that escalates is listed once for each receiver
   * of its policy, as Alertmanager lists the steps' routes of the routing's Alertmanager form.
   */
  listAlertGroups(): { labels: Labels; receiver: string; alerts: { alert: Alert; status: AlertStatus }[] }[] {
    const firing = new Map(this.listAlerts().map((entry) => [entry.alert.fingerprint, entry]));
    return [...this.groups.values()].flatMap((group) => {
      const alerts = group.members.flatMap(({ alert }) => firing.get(alert.fingerprint) ?? []);
      return this.routeReceivers(group.assignment.target).map((receiver) => ({ labels: group.assignment.labels, receiver, alerts }));
    });
  }

  /** The receivers of a route to `target`, as Alertmanager names them (see escalationRouteReceivers). */
  private routeReceivers(target: GroupTarget): string[] {
    if (target.kind === 'receiver') return [target.name];
    const policy = this.policy(target.name);
    return policy ? escalationRouteReceivers(policy) : [target.name];
  }

  listGroups(): GroupView[] {
    const { ids, view } = this.groupViews();
    return ids.map((id) => view(id)!);
  }

  /**
   * The groups' ids now, and each one's view when asked: the API makes a long list a slice at a
   * time (api/responses.ts sendJsonArray), and a group gone by then is left out (undefined).
   */
  groupViews(): { ids: string[]; view: (id: string) => GroupView | undefined } {
    const muting = this.mutingNow();
    return {
      ids: [...this.groups.values()].map((g) => g.id),
      view: (id) => {
        const group = this.groupsById.get(id);
        return group && this.describeGroup(group, muting);
      },
    };
  }

  /** When the group held now under this id or key was formed: the incident its links name. */
  groupFormedAt(idOrKey: string): number | undefined {
    return (this.groupsById.get(idOrKey) ?? this.groups.get(idOrKey))?.createdAt;
  }

  /** One group, by id or key. */
  group(idOrKey: string): GroupView | undefined {
    const group = this.groupsById.get(idOrKey) ?? this.groups.get(idOrKey);
    return group && this.describeGroup(group, this.mutingNow());
  }

  /** What mutes each firing alert now: made once for a view of many groups. */
  private mutingNow(firing?: readonly Alert[]): (alert: Alert) => { silencedBy: string[]; inhibitedBy: string[] } {
    const now = this.clock.now();
    const rules = this.config.inhibit_rules;
    const inhibitor = new Inhibitor(rules, rules.length > 0 ? (firing ?? this.firingAlerts(now)) : []);
    return (alert) => ({ silencedBy: silencedBy(this.silences.values(), alert.labels, now), inhibitedBy: inhibitor.inhibitedBy(alert) });
  }

  private describeGroup(group: Group, muting: (alert: Alert) => { silencedBy: string[]; inhibitedBy: string[] }): GroupView {
    const now = this.clock.now();
    const target = group.assignment.target;
    const escalation = this.escalations.get(group.key);
    const policy = escalation && this.policy(escalation.policy);
    const ack = this.acks.get(group.key);
    const notified = [...(this.notificationLog.get(group.key)?.values() ?? [])];
    const nextStepAt = escalation ? this.escalationDueAt(group) : Infinity;
    return {
      key: group.key,
      id: group.id,
      labels: group.assignment.labels,
      ...(target.kind === 'receiver' ? { receiver: target.name } : { escalationPolicy: target.name }),
      alerts: group.members.map(({ alert }) => {
        const resolved = isResolved(alert, now);
        const awaiting = awaitsResend(alert, now) && { awaitingResendUntil: isoTime(alert.awaitingUntil!) };
        return { fingerprint: alert.fingerprint, labels: alert.labels, status: resolved ? 'resolved' : 'firing', startsAt: isoTime(alert.startsAt), ...(!resolved && muting(alert)), ...awaiting };
      }),
      notified: notified.map((e) => {
        const undelivered = this.deliverer.undelivered(group.key, e.receiver, e.channel);
        return { receiver: e.receiver, channel: e.channel, sentAt: isoTime(e.sentAt), firing: e.firing.length, resolved: e.resolved.length, delivered: undelivered === 0, ...(undelivered > 0 && { undelivered }) };
      }),
      ...(escalation && policy && { escalation: { ...escalationProgress(policy, escalation), told: escalation.told, nextStepAt: Number.isFinite(nextStepAt) ? isoTime(nextStepAt) : null } }),
      acknowledged: ack ? { by: ack.by, at: isoTime(ack.at) } : null,
      nextFlushAt: isoTime(group.nextFlushAt),
      delivery: this.deliverer.health(target.kind === 'receiver' ? [target.name] : (escalation?.told ?? []), now),
    };
  }

}
