/**
 * Deliver stage: drains the outbox. Each entry is one notification for one channel of one
 * receiver; it leaves the outbox only once the channel has it, or a newer message about its group
 * supersedes it (supersede.ts), so a crash resends at most the deliveries in flight. Transient
 * failures retry with backoff and jitter, refusals at the group's next flush; a channel that keeps
 * failing is held by its circuit breaker; rate limits and digests only move an entry's next attempt.
 */
import type { Channels } from '../channels/channels.ts';
import { isoTime, type Clock } from '../clock.ts';
import { channelById, channelIds, type ChannelId } from '../config/channel-ids.ts';
import type { NotifierConfig, Receiver } from '../config/schema.ts';
import type { NotifierMetrics } from '../metrics.ts';
import type { NotifierStore, OutboxEntry } from '../store/store.ts';
import { backoffMs, type BackoffPolicy } from './backoff.ts';
import { CircuitBreaker, type BreakerPolicy } from './circuit-breaker.ts';
import { digestDueAt, digestNotification } from './digest.ts';
import { DueQueue } from './due-queue.ts';
import { TokenBucket } from './rate-limit.ts';

export interface DeliveryPolicy {
  readonly backoff: BackoffPolicy;
  readonly breaker: BreakerPolicy;
  /** Deliveries in flight at once, over all receivers. */
  readonly concurrency: number;
}

export interface ChannelHealth {
  readonly receiver: string;
  readonly channel: ChannelId;
  readonly type: string;
  readonly consecutiveFailures: number;
  readonly circuit: string;
  readonly lastError: string | undefined;
  readonly pending: number;
  /** While the receiver's rate limit holds messages for this channel back: when the next is tried. */
  readonly rateLimitedUntil: string | null;
}

/** A channel whose messages its receiver's rate limit holds back: which, and when the next is tried. */
interface RateLimited {
  readonly held: Set<string>;
  until: number;
}

export interface DelivererDeps {
  readonly store: NotifierStore;
  readonly channels: Channels;
  readonly clock: Clock;
  readonly metrics: NotifierMetrics;
  readonly policy: DeliveryPolicy;
  readonly random: () => number;
  readonly log: (line: string) => void;
  /** When a message its channel refused is offered again: its group's next flush. */
  readonly refusedRetryAt: (entry: OutboxEntry, now: number) => number;
  /** Called when a delivery settles, so the scheduler looks at the outbox again. */
  readonly changed: () => void;
}

const NONE_WAITING: readonly OutboxEntry[] = [];
const channelKey = (receiver: string, channel: ChannelId) => `${receiver}\u0000${channel}`;
const streamKey = ({ groupKey, receiver, channel }: Pick<OutboxEntry, 'groupKey' | 'receiver' | 'channel'>) => `${groupKey}\u0000${channelKey(receiver, channel)}`;

export class Deliverer {
  private readonly outbox = new Map<string, OutboxEntry>();
  /**
   * The ids of each group's stream of messages to one channel, oldest first: only the oldest may
   * go, so that a resolution never overtakes the firing message still being retried.
   */
  private readonly streams = new Map<string, string[]>();
  /**
   * The id of each stream's oldest entry, by its next attempt: pushed when an entry becomes the
   * oldest or is moved. Entries only leave a stream, so one pushed as the oldest stays so until it
   * goes; an item whose entry has since gone, gone in flight or moved is stale, and dropped when it
   * comes to the top.
   */
  private readonly waiting = new DueQueue<string>();
  private readonly inFlight = new Set<string>();
  /** Entries waiting for each channel, counted as they come and go: the groups API asks for every group. */
  private readonly pendingByChannel = new Map<string, number>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly lastErrors = new Map<string, string>();
  /** By channel, while its rate limit holds messages back: logged as it starts, not for every message. */
  private readonly rateLimited = new Map<string, RateLimited>();
  private receivers = new Map<string, Receiver>();

  constructor(
    private readonly deps: DelivererDeps,
    config: NotifierConfig,
  ) {
    this.configure(config);
  }

  configure(config: NotifierConfig): void {
    const before = this.receivers;
    this.receivers = new Map(config.receivers.map((r) => [r.name, r]));
    // A bucket outlives a reload that keeps its receiver's limit, so that a reload is no way past
    // the limit; a changed limit starts a fresh one.
    for (const name of [...this.buckets.keys()]) {
      const [was, is] = [before.get(name)?.rate_limit, this.receivers.get(name)?.rate_limit];
      if (!was || !is || was.messages !== is.messages || was.per !== is.per || was.burst !== is.burst) this.buckets.delete(name);
    }
  }

  /** Entries read back from the store at startup. */
  restore(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) this.add(entry);
  }

  /** When an entry for this receiver, queued now, should first be tried. */
  firstAttemptAt(receiver: string, now: number): number {
    const digest = this.receivers.get(receiver)?.digest;
    return digest ? digestDueAt(digest, now) : now;
  }

  /** The entries about the group waiting for this channel, not in flight, oldest first. */
  waitingMessages(groupKey: string, receiver: string, channel: ChannelId): readonly OutboxEntry[] {
    // Asked for every message made: most channels have nothing waiting, and then nothing is made.
    const stream = this.streams.get(streamKey({ groupKey, receiver, channel }));
    if (!stream) return NONE_WAITING;
    return stream.filter((id) => !this.inFlight.has(id)).map((id) => this.outbox.get(id)!);
  }

  /** How many messages about the group to this receiver's channel are not delivered yet, those in flight too. */
  undelivered(groupKey: string, receiver: string, channel: ChannelId): number {
    return this.streams.get(streamKey({ groupKey, receiver, channel }))?.length ?? 0;
  }

  /** Adds an entry; the caller has written it to the store. */
  add(entry: OutboxEntry): void {
    this.outbox.set(entry.id, entry);
    const key = streamKey(entry);
    const stream = this.streams.get(key);
    if (stream) stream.push(entry.id);
    else {
      this.streams.set(key, [entry.id]);
      this.waiting.push(entry.nextAttemptAt, entry.id);
    }
    this.countPending(entry, 1);
  }

  depth(): number {
    return this.outbox.size;
  }

  oldestCreatedAt(): number | undefined {
    let oldest: number | undefined;
    for (const entry of this.outbox.values()) if (oldest === undefined || entry.createdAt < oldest) oldest = entry.createdAt;
    return oldest;
  }

  /** The earliest next attempt of an entry that may go, while there is room for one. */
  nextDueAt(): number {
    if (this.inFlight.size >= this.deps.policy.concurrency) return Infinity;
    return this.nextWaiting()?.nextAttemptAt ?? Infinity;
  }

  /** The oldest entry of a stream, not in flight, with the earliest next attempt; stale items are dropped. */
  private nextWaiting(): OutboxEntry | undefined {
    for (let top = this.waiting.peek(); top; top = this.waiting.peek()) {
      const entry = this.outbox.get(top.item);
      if (entry && entry.nextAttemptAt === top.at && !this.inFlight.has(entry.id)) return entry;
      this.waiting.pop();
    }
    return undefined;
  }

  /** Starts every due delivery there is room for, earliest first; resolves when they have settled. */
  deliverDue(now: number): Promise<void> {
    const started: Promise<void>[] = [];
    for (let entry = this.nextWaiting(); entry && entry.nextAttemptAt <= now && this.inFlight.size < this.deps.policy.concurrency; entry = this.nextWaiting()) {
      this.waiting.pop();
      // Held back (a breaker, a rate limit), a batch is moved, and pushed again at its new time.
      started.push(this.deliver(this.receivers.get(entry.receiver)?.digest ? this.dueDigestEntries(entry, now) : [entry], now));
    }
    return Promise.all(started).then(() => undefined);
  }

  /**
   * The channel is back (a trial got through its open breaker): the messages that waited out its
   * cooldown or their backoff while it was down go now, not a cooldown later. A digest receiver's
   * wait for the end of its period is its own, and kept.
   */
  private releaseHeld(receiver: Receiver, channel: ChannelId, now: number): void {
    if (receiver.digest) return;
    const held = [...this.outbox.values()].filter((e) => e.receiver === receiver.name && e.channel === channel && e.nextAttemptAt > now && !this.inFlight.has(e.id));
    this.reschedule(held, now, undefined);
  }

  private dueDigestEntries(first: OutboxEntry, now: number): OutboxEntry[] {
    return [...this.outbox.values()].filter((e) => e.receiver === first.receiver && e.channel === first.channel && e.nextAttemptAt <= now && !this.inFlight.has(e.id));
  }

  private breaker(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(this.deps.policy.breaker);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  private reschedule(batch: readonly OutboxEntry[], at: number, persist: { attempts: number; lastError: string } | undefined): void {
    for (const entry of batch) {
      const next: OutboxEntry = persist ? { ...entry, nextAttemptAt: at, attempts: persist.attempts, lastError: persist.lastError } : { ...entry, nextAttemptAt: at };
      this.outbox.set(entry.id, next);
      if (this.streams.get(streamKey(entry))![0] === entry.id) this.waiting.push(at, entry.id);
      if (persist) this.deps.store.putOutbox(next);
    }
  }

  /**
   * Takes entries out: delivered, dropped, or superseded by a newer message about their group.
   * Until the store has committed an entry's removal, a crash sends it again: it counts as in flight.
   */
  remove(batch: readonly OutboxEntry[]): void {
    for (const entry of batch) {
      this.outbox.delete(entry.id);
      const key = streamKey(entry);
      const stream = this.streams.get(key)!;
      const index = stream.indexOf(entry.id);
      stream.splice(index, 1);
      if (stream.length === 0) this.streams.delete(key);
      else if (index === 0) this.waiting.push(this.outbox.get(stream[0]!)!.nextAttemptAt, stream[0]!);
      this.countPending(entry, -1);
      this.letThrough(channelKey(entry.receiver, entry.channel), [entry]);
      this.deps.store.deleteOutbox(entry.id);
    }
  }

  private countPending(entry: OutboxEntry, change: 1 | -1): void {
    const key = channelKey(entry.receiver, entry.channel);
    const count = (this.pendingByChannel.get(key) ?? 0) + change;
    if (count === 0) this.pendingByChannel.delete(key);
    else this.pendingByChannel.set(key, count);
  }

  /** Resolves when every settled delivery is recorded in the store. */
  flushed(): Promise<void> {
    return this.deps.store.committed().catch((error: unknown) => {
      this.deps.log(`delivered notification(s) not recorded as delivered, so sent again after a restart: ${String(error)}`);
    });
  }

  private async deliver(batch: readonly OutboxEntry[], now: number): Promise<void> {
    const first = batch[0]!;
    const receiver = this.receivers.get(first.receiver);
    const channel = receiver && channelById(receiver, first.channel);
    if (!receiver || !channel) {
      this.deps.log(`dropping ${batch.length} notification(s) for ${first.receiver}: the receiver or its channel ${first.channel} is no longer configured`);
      this.remove(batch);
      return this.flushed();
    }
    const key = channelKey(receiver.name, first.channel);
    const breaker = this.breaker(key);
    const wait = breaker.waitMs(now);
    if (wait > 0) return this.reschedule(batch, now + wait, undefined);
    if (receiver.rate_limit) {
      let bucket = this.buckets.get(receiver.name);
      if (!bucket) {
        bucket = new TokenBucket(receiver.rate_limit, now);
        this.buckets.set(receiver.name, bucket);
      }
      const tokenWait = bucket.take(now);
      if (tokenWait > 0) {
        this.holdForRateLimit(receiver, channel.type, key, batch, now + tokenWait);
        return this.reschedule(batch, now + tokenWait, undefined);
      }
    }
    this.letThrough(key, batch);
    breaker.starting(now);
    for (const entry of batch) this.inFlight.add(entry.id);
    const started = performance.now();
    const notification = digestNotification(batch.map((e) => e.notification));
    const outcome = await this.deps.channels.send(notification, channel, now).catch((error: unknown) => ({ kind: 'retry' as const, error: String(error) }));
    const settledAt = this.deps.clock.now();
    for (const entry of batch) this.inFlight.delete(entry.id);
    this.deps.metrics.notifications.inc({ receiver: receiver.name, channel: channel.type, outcome: outcome.kind });
    switch (outcome.kind) {
      case 'delivered':
        this.deps.metrics.deliveryDuration.observe({ channel: channel.type }, (performance.now() - started) / 1000);
        this.lastErrors.delete(key);
        this.remove(batch);
        if (breaker.succeeded()) this.releaseHeld(receiver, first.channel, settledAt);
        break;
      case 'deferred':
        breaker.deferred();
        this.reschedule(batch, settledAt + outcome.afterMs, undefined);
        break;
      case 'retry':
      case 'failed': {
        breaker.failed(settledAt);
        this.lastErrors.set(key, outcome.error);
        const attempts = first.attempts + 1;
        // A refusal is no reason to lose the page: as Alertmanager, which logs a group as told only
        // once a message got through, the notifier tells it again at the group's next flush.
        const refused = outcome.kind === 'failed';
        const at = refused ? this.deps.refusedRetryAt(first, settledAt) : settledAt + backoffMs(this.deps.policy.backoff, attempts, this.deps.random());
        this.deps.store.transaction(() => this.reschedule(batch, at, { attempts, lastError: outcome.error }));
        this.deps.log(`delivery to ${receiver.name} (${channel.type}) ${refused ? 'refused' : 'failed'}, tried again in ${Math.round((at - settledAt) / 1000)} s: ${outcome.error}`);
        break;
      }
    }
    this.deps.changed();
    await this.flushed();
  }

  /** Counts what the rate limit newly holds back, and says so when it starts holding the channel's messages back. */
  private holdForRateLimit(receiver: Receiver, type: string, key: string, batch: readonly OutboxEntry[], until: number): void {
    let limited = this.rateLimited.get(key);
    const starting = !limited;
    if (!limited) {
      limited = { held: new Set(), until };
      this.rateLimited.set(key, limited);
    }
    limited.until = until;
    const before = limited.held.size;
    for (const entry of batch) limited.held.add(entry.id);
    if (limited.held.size > before) this.deps.metrics.notificationsRateLimited.inc({ receiver: receiver.name, channel: type }, limited.held.size - before);
    if (!starting) return;
    const { messages, per } = receiver.rate_limit!;
    this.deps.log(`receiver ${receiver.name} (${type}): rate limit ${messages} per ${per} reached, ${this.waitingFor(key)} message(s) wait, next at ${isoTime(until)}`);
  }

  /** These entries go on (or leave): once none is held back, the channel's next hold is logged again. */
  private letThrough(key: string, batch: readonly OutboxEntry[]): void {
    const limited = this.rateLimited.get(key);
    if (!limited) return;
    for (const entry of batch) limited.held.delete(entry.id);
    if (limited.held.size === 0) this.rateLimited.delete(key);
  }

  /** The channel's messages not in flight. */
  private waitingFor(key: string): number {
    let inFlight = 0;
    for (const id of this.inFlight) {
      const entry = this.outbox.get(id);
      if (entry && channelKey(entry.receiver, entry.channel) === key) inFlight++;
    }
    return (this.pendingByChannel.get(key) ?? 0) - inFlight;
  }

  /** Delivery health of each channel of these receivers, for the groups API. */
  health(receivers: Iterable<string>, now: number): ChannelHealth[] {
    const result: ChannelHealth[] = [];
    for (const name of receivers) {
      const receiver = this.receivers.get(name);
      if (!receiver) continue;
      const ids = channelIds(receiver);
      receiver.channels.forEach((channel, index) => {
        const key = channelKey(name, ids[index]!);
        const breaker = this.breakers.get(key);
        const limitedUntil = this.rateLimited.get(key)?.until;
        result.push({
          receiver: name,
          channel: ids[index]!,
          type: channel.type,
          consecutiveFailures: breaker?.consecutiveFailures() ?? 0,
          circuit: breaker?.state(now) ?? 'closed',
          lastError: this.lastErrors.get(key),
          pending: this.pendingByChannel.get(key) ?? 0,
          rateLimitedUntil: limitedUntil !== undefined && limitedUntil > now ? isoTime(limitedUntil) : null,
        });
      });
    }
    return result;
  }

  openCircuits(now: number): { receiver: string; channel: string }[] {
    const open: { receiver: string; channel: string }[] = [];
    for (const [key, breaker] of this.breakers) {
      if (breaker.state(now) === 'closed') continue;
      const [name, id] = key.split('\u0000') as [string, ChannelId];
      const receiver = this.receivers.get(name);
      open.push({ receiver: name, channel: (receiver && channelById(receiver, id)?.type) ?? 'unknown' });
    }
    return open;
  }
}
