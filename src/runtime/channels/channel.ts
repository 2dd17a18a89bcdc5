/** What a channel does with one notification, and what came of it. */
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';

export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  /**
   * A failure that may pass (5xx, connection refused, timeout, a secret missing from the
   * environment until the notifier is restarted with it): retried with backoff, the message kept.
   */
  | { readonly kind: 'retry'; readonly error: string }
  /**
   * A refusal (other 4xx, an SMTP 5xx): reported, not retried with backoff; the message is offered
   * again at its group's next flush, as Alertmanager tells a group again after a refusal.
   */
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

/** The environment variables a channel reads its secrets from. */
export function channelSecrets(channel: Channel): { env: string }[] {
  switch (channel.type) {
    case 'email':
      return channel.password ? [channel.password] : [];
    case 'slack':
      return [channel.webhook_url];
    case 'webhook':
      return [...(typeof channel.url === 'string' ? [] : [channel.url]), ...(channel.bearer_token ? [channel.bearer_token] : [])];
  }
}

/**
 * A secret missing from the environment, as an outcome: kept and retried, so that its messages are
 * sent once the notifier runs with it, rather than lost to a deployment mistake.
 */
export const missingSecret = (missing: { error: string }): DeliveryOutcome => ({ kind: 'retry', error: missing.error });
