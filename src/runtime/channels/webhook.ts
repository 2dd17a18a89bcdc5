/**
 * Webhook channel: Alertmanager's webhook payload (version "4"), so existing consumers work
 * unchanged. `links` is ours: the signed acknowledge link and friends, which consumers may ignore.
 */
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';
import { secretFrom, type ChannelSender, type DeliveryOutcome } from './channel.ts';
import type { HttpPoster } from './http-post.ts';

type WebhookChannel = Extract<Channel, { type: 'webhook' }>;

export function webhookPayload(n: Notification, maxAlerts: number) {
  const alerts = maxAlerts > 0 ? n.alerts.slice(0, maxAlerts) : n.alerts;
  return {
    version: '4',
    groupKey: n.groupKey,
    truncatedAlerts: n.alerts.length - alerts.length,
    status: n.status,
    receiver: n.receiver,
    groupLabels: n.groupLabels,
    commonLabels: n.commonLabels,
    commonAnnotations: n.commonAnnotations,
    externalURL: n.externalURL,
    alerts,
    links: n.links,
  };
}

export class WebhookSender implements ChannelSender {
  constructor(
    private readonly http: HttpPoster,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async send(n: Notification, channel: Channel, now: number): Promise<DeliveryOutcome> {
    const webhook = channel as WebhookChannel;
    const url = typeof webhook.url === 'string' ? webhook.url : secretFrom(this.env, webhook.url);
    if (typeof url !== 'string') return { kind: 'failed', error: url.error };
    const headers: Record<string, string> = {};
    if (webhook.bearer_token) {
      const token = secretFrom(this.env, webhook.bearer_token);
      if (typeof token !== 'string') return { kind: 'failed', error: token.error };
      headers.authorization = `Bearer ${token}`;
    }
    return this.http.postJson(url, webhookPayload(n, webhook.max_alerts), headers, now);
  }

  async close(): Promise<void> {}
}
