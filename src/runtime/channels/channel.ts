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

/** Where a channel reads a secret: an environment variable, and whether it holds a URL to post to. */
export interface SecretRef {
  readonly env: string;
  readonly url?: boolean;
}

/** A secret that is the URL a channel posts to. */
export const urlSecret = (ref: { env: string }): SecretRef => ({ ...ref, url: true });

/** What is wrong with the secret in the environment, naming the variable, never its value; undefined when nothing is. */
function secretProblem(env: NodeJS.ProcessEnv, ref: SecretRef): string | undefined {
  const value = env[ref.env];
  if (!value) return `environment variable ${ref.env} is not set`;
  // Caught here, a URL that cannot be posted to names its variable; from the HTTP client it would not.
  if (ref.url && !URL.canParse(value)) return `environment variable ${ref.env} is not a URL`;
  if (ref.url && !/^https?:$/.test(new URL(value).protocol)) return `environment variable ${ref.env} is not an http or https URL`;
  return undefined;
}

/** A secret from the environment, or what is wrong with it. */
export function secretFrom(env: NodeJS.ProcessEnv, ref: SecretRef): string | { error: string } {
  const problem = secretProblem(env, ref);
  return problem === undefined ? env[ref.env]! : { error: problem };
}

/** The secrets a channel reads from the environment; those of its URL are URLs. */
export function channelSecrets(channel: Channel): SecretRef[] {
  switch (channel.type) {
    case 'email':
      return channel.password ? [channel.password] : [];
    case 'slack':
      return [urlSecret(channel.webhook_url)];
    case 'webhook':
      return [...(typeof channel.url === 'string' ? [] : [urlSecret(channel.url)]), ...(channel.bearer_token ? [channel.bearer_token] : [])];
  }
}

/** Each secret of the channel the environment lacks or holds wrong: what is wrong with it. */
export function secretProblems(env: NodeJS.ProcessEnv, channel: Channel): string[] {
  return channelSecrets(channel).flatMap((ref) => secretProblem(env, ref) ?? []);
}

/**
 * A secret missing from the environment (or not what it must be), as an outcome: kept and retried,
 * so that its messages are sent once the notifier runs with it, rather than lost to a deployment
 * mistake.
 */
export const missingSecret = (missing: { error: string }): DeliveryOutcome => ({ kind: 'retry', error: missing.error });
