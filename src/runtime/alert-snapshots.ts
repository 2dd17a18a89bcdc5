/**
 * Snapshots of the held alerts: the ingest log keeps every request until a snapshot of the alerts
 * covers it, so a restart reads the last snapshot and replays what came after. A snapshot of a
 * few hundred thousand alerts takes the event loop over a second to serialize, so a large one is
 * written a slice at a time, each once the one before is committed, with ingest and deliveries
 * between them. The slices go to a staging table; the last one puts the staged alerts in place
 * and forgets the log in one transaction, so a crash part-way leaves the last snapshot whole.
 */
import type { Alert } from './model/alert.ts';
import type { NotifierStore } from './store/store.ts';

/** Snapshots of the alerts: at least this often while alerts come in (see writeDue). */
const SNAPSHOT_INTERVAL_MS = 30_000;
/** And once the ingest log holds this many alerts: replaying it at startup takes seconds. */
const SNAPSHOT_MAX_LOGGED_ALERTS = 500_000;
/** Alerts serialized a slice: about 15 ms of the event loop here (some 4 µs an alert). */
export const ALERTS_PER_SNAPSHOT_SLICE = 4_000;

/** An alert held, as far as snapshots are concerned: whether the store's snapshot has it as it is. */
export interface SnapshotHeld {
  readonly alert: Alert;
  snapshotted: boolean;
}

/** The ingest log since the last snapshot: its last entry, its alert count, when it began. */
interface LogSpan {
  readonly upTo: number;
  readonly alerts: number;
  readonly since: number;
}

const EMPTY_SPAN: Omit<LogSpan, 'upTo'> = { alerts: 0, since: Infinity };

/** A snapshot being written: the alerts as they were when it began, and how far it has got. */
interface Writing<H> {
  readonly helds: readonly H[];
  /** Each one's alert when the snapshot began: what the log up to `span.upTo` made of it. */
  readonly alerts: readonly Alert[];
  readonly span: LogSpan;
  next: number;
  /** A slice is on its way to the store: the next waits for it. */
  waiting: boolean;
}

export interface AlertSnapshotsDeps<H> {
  readonly store: NotifierStore;
  /** Whether `held` is still the entry held for its alert: one let go since is not written. */
  isHeld(held: H): boolean;
  log(line: string): void;
  /** Called when the next slice may be written. */
  ready(): void;
  readonly sliceSize?: number;
}

export class AlertSnapshots<H extends SnapshotHeld> {
  /** Alerts changed since the last snapshot began: only the ingest log has them. */
  private changedHelds: H[] = [];
  private span: LogSpan = { upTo: 0, ...EMPTY_SPAN };
  private writing: Writing<H> | undefined;
  private readonly sliceSize: number;

  constructor(private readonly deps: AlertSnapshotsDeps<H>) {
    this.sliceSize = deps.sliceSize ?? ALERTS_PER_SNAPSHOT_SLICE;
  }

  /** `held`'s alert has changed: the next snapshot writes it. */
  changed(held: H): void {
    if (!held.snapshotted) return;
    held.snapshotted = false;
    this.changedHelds.push(held);
  }

  /** The ingest log gained entry `id`, of `alerts` alerts received at `at`. */
  logged(id: number, alerts: number, at: number): void {
    this.span = { upTo: id, alerts: this.span.alerts + alerts, since: Math.min(this.span.since, at) };
  }

  /**
   * Writes the next slice of the snapshot under way, or begins one: every SNAPSHOT_INTERVAL_MS, or
   * sooner once the log would take long to replay. A sender re-posts firing alerts every minute,
   * so each alert is written once a snapshot, not on every receipt.
   */
  writeDue(now: number): void {
    if (!this.writing) {
      const { alerts, since } = this.span;
      if (alerts === 0 || (now - since < SNAPSHOT_INTERVAL_MS && alerts < SNAPSHOT_MAX_LOGGED_ALERTS)) return;
      this.begin();
    }
    if (!this.writing!.waiting) this.writeSlice(this.sliceSize);
  }

  /** Writes a snapshot whole, now (at startup, before anything else runs). */
  writeAll(): void {
    this.begin();
    this.writeSlice(Infinity);
  }

  /** Whether a slice of a snapshot under way may be written now. */
  get sliceReady(): boolean {
    return this.writing !== undefined && !this.writing.waiting;
  }

  private begin(): void {
    // One let go since it changed is no longer held, and not written.
    const helds = this.changedHelds.filter((held) => this.deps.isHeld(held));
    for (const held of helds) held.snapshotted = true;
    this.changedHelds = [];
    this.writing = { helds, alerts: helds.map((held) => held.alert), span: this.span, next: 0, waiting: false };
    this.span = { upTo: this.span.upTo, ...EMPTY_SPAN };
    // What comes from now on goes to a segment of its own, which the snapshot does not cover.
    this.deps.store.rotateIngest();
  }

  private writeSlice(size: number): void {
    const writing = this.writing!;
    const { helds, alerts, span } = writing;
    const slice: Alert[] = [];
    // `size` alerts still held: a slice of alerts all let go would wait on others' commits for nothing.
    let end = writing.next;
    for (; end < helds.length && slice.length < size; end++) if (this.deps.isHeld(helds[end]!)) slice.push(alerts[end]!);
    const first = writing.next === 0;
    const last = end === helds.length;
    writing.next = end;
    writing.waiting = true;
    this.deps.store.transaction(() => {
      // What a snapshot given up left staged is not this one's.
      if (first) this.deps.store.clearStagedAlerts();
      this.deps.store.stageAlerts(slice);
      if (!last) return;
      this.deps.store.commitStagedAlerts();
      // Nothing logged since startup (a snapshot of alerts awaiting a re-send): nothing to forget.
      if (span.upTo > 0) this.deps.store.truncateIngest(span.upTo);
    });
    this.deps.store.committed().then(
      () => {
        writing.waiting = false;
        if (!last) return this.deps.ready();
        if (this.writing === writing) this.writing = undefined;
      },
      (error: unknown) => this.giveUp(writing, error),
    );
  }

  /** Refused (a full disk): the ingest log still covers these alerts, and the next snapshot writes them. */
  private giveUp(writing: Writing<H>, error: unknown): void {
    if (this.writing === writing) this.writing = undefined;
    this.deps.log(`snapshot of ${writing.helds.length} alert(s) not written, to be written with the next: ${String(error)}`);
    for (const held of writing.helds) if (this.deps.isHeld(held)) this.changed(held);
    const { span } = writing;
    this.span = { upTo: this.span.upTo, alerts: this.span.alerts + span.alerts, since: Math.min(this.span.since, span.since) };
  }
}
