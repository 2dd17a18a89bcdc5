import type { EnvRef } from './env.ts';

/**
 * A message template: text with `{{ placeholder }}`s from the notifier's fixed set (status,
 * commonLabels.x, commonAnnotations.x, alerts, links.ack, ...). An unknown placeholder fails the build.
 */
export interface MessageTemplate {
  /** Subject or first line. Default: the notifier's, `[{{ status }}] {{ commonLabels.alertname }}`. */
  readonly title?: string;
  /** The message. Default: the notifier's, listing the alerts with their links. */
  readonly body?: string;
}

interface ChannelProps {
  /** Also tell this channel when the group resolves. Default true. */
  readonly sendResolved?: boolean;
  /** Message templates. Default: the notifier's. */
  readonly template?: MessageTemplate;
}

export interface EmailProps extends ChannelProps {
  /** Recipients. */
  readonly to: readonly string[];
  /** Sender address. */
  readonly from: string;
  /** SMTP server host. */
  readonly host: string;
  /** SMTP port. Default 587. */
  readonly port?: number;
  /** `starttls` upgrades (587), `tls` from the start (465), `none` for local relays. Default starttls. */
  readonly tls?: 'tls' | 'starttls' | 'none';
  /** SMTP user. Default: no authentication. */
  readonly user?: string;
  /** SMTP password, from the environment only. */
  readonly password?: EnvRef;
}

export interface SlackProps extends ChannelProps {
  /** The incoming webhook's URL, from the environment only: it is a credential. */
  readonly webhookUrl: EnvRef;
  /** Channel override, e.g. `#sync-alerts`. Default: the webhook's own channel. */
  readonly channel?: string;
  /** Sender name. Default: the webhook's. */
  readonly username?: string;
  /** Emoji icon, e.g. `:rotating_light:`. Default: the webhook's. */
  readonly iconEmoji?: string;
  /** Image icon URL, used when no iconEmoji is set. Default: the webhook's. */
  readonly iconUrl?: string;
}

export interface WebhookProps extends ChannelProps {
  /** Where to POST the Alertmanager-format payload; an EnvRef when the URL itself is secret. */
  readonly url: string | EnvRef;
  /** Bearer token, from the environment only. Default: none. */
  readonly bearerToken?: EnvRef;
  /** Most alerts in one message (the rest counted in truncatedAlerts); 0 for all. Default 0. */
  readonly maxAlerts?: number;
}

export type Channel =
  | ({ readonly type: 'email' } & EmailProps)
  | ({ readonly type: 'slack' } & SlackProps)
  | ({ readonly type: 'webhook' } & WebhookProps);

/** Email through an SMTP server. */
export const email = (props: EmailProps): Channel => ({ type: 'email', ...props });
/** A Slack incoming webhook. */
export const slack = (props: SlackProps): Channel => ({ type: 'slack', ...props });
/** An HTTP endpoint receiving Alertmanager's webhook payload (version 4). */
export const webhook = (props: WebhookProps): Channel => ({ type: 'webhook', ...props });
