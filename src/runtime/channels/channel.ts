/** What a channel does with one notification, and what came of it. */
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';

export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  /** A transient failure (5xx, connection refused, timeout): retried with backoff. */
  | { readonly kind: 'retry'; readonly error: string }
  /** A permanent failure (other 4xx, a missing secret): reported, not retried. */
  | { readonly kind: 'failed'; readonly error: string }
  /** Not sent, and not a failure: the receiver asked us to wait (429, a pace limit). */
  | { readonly kind: 'deferred'; readonly afterMs: number; readonly reason: string };

export interface ChannelSender {
  send(notification: Notification, channel: Channel, now: number): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

/** A secret from the environment; the error names the variable, never a value. */
export function secretFrom(env: NodeJS.ProcessEnv, ref: { env: string }): string | { error: string } {
  const value = env[ref.env];
  return value ? value : { error: `environment variable ${ref.env} is not set` };
}
