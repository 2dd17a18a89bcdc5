import type { Duration } from '../duration.ts';
import { declared, type Declared } from '../declared.ts';
import { requireEntries } from '../entries.ts';
import type { Channel } from './channels.ts';

export interface RateLimit {
  /** Messages allowed per period, sustained. */
  readonly messages: number;
  /** The period, e.g. `1m`. */
  readonly per: Duration;
  /** Messages that may go at once after a quiet spell. Default: `messages`. */
  readonly burst?: number;
}

export interface Digest {
  /** The period collected into one message, e.g. `1h`; the message goes at its end. */
  readonly every: Duration;
  /**
   * The time of day (HH:MM, in `location`) periods are counted from each day, so that
   * `{ every: '24h', at: '09:00', location: 'Europe/Berlin' }` sends each morning at nine, Berlin
   * time, summer and winter; a day's last period ends at the next day's `at`. `every` is then at
   * most 24h. Default: periods counted from the Unix epoch (in UTC).
   */
  readonly at?: string;
  /** IANA time zone of `at`, e.g. `Europe/Berlin`. Default: `UTC`. */
  readonly location?: string;
}

export interface ReceiverProps {
  /** Unique name, used in routes, logs, metrics and the groups API. */
  readonly name: string;
  /** Where each message goes; every channel gets every message. */
  readonly channels: readonly Channel[];
  /** At most this many messages; the rest wait their turn (never dropped). Default: unlimited. */
  readonly rateLimit?: RateLimit;
  /** Collect everything of a period into one message, for low-priority receivers. Default: off. */
  readonly digest?: Digest;
}

export type Receiver = Declared<'receiver', ReceiverProps>;

/** Declares who is told, and how. */
export function receiver(props: ReceiverProps): Receiver {
  requireEntries(`receiver ${JSON.stringify(props.name)}`, 'channels', props.channels);
  return declared('receiver', props);
}
