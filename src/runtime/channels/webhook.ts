/**
 * Webhook channel: Alertmanager's webhook payload (version "4"), so existing consumers work
 * unchanged.
 */
import type { Channel } from '../config/schema.ts';
import { commonLabels } from '../model/labels.ts';
import type { Notification } from '../notification.ts';
import { notificationJson } from '../notification-json.ts';
import { missingSecret, secretFrom, urlSecret, type ChannelSender, type DeliveryOutcome } from './channel.ts';
import type { HttpPoster } from './http-post.ts';

type WebhookChannel = Extract<Channel, { type: 'webhook' }>;

/**
 * The body: the notification's own JSON, whose field names follow Alertmanager's payload, with the
 * two fields it lacks put in front; so a message is serialized once, for the outbox and the
 * webhook alike. Besides Alertmanager's fields it carries ours (groupId, links, escalationStep),
 * which consumers ignore. `maxAlerts` keeps the first alerts and counts the rest as truncated; the
 * common labels and annotations are then those of the alerts kept, as Alertmanager's are, while
 * the status stays the group's: firing while any alert fires, also one left out.
 */
function webhookBody(n: Notification, maxAlerts: number): string {
  let kept = n;
  if (maxAlerts > 0 && n.alerts.length > maxAlerts) {
    const alerts = n.alerts.slice(0, maxAlerts);
    kept = { ...n, commonLabels: commonLabels(alerts.map((a) => a.labels)), commonAnnotations: commonLabels(alerts.map((a) => a.annotations)), alerts };
  }
  return `{"version":"4","truncatedAlerts":${n.alerts.length - kept.alerts.length},${notificationJson(kept).slice(1)}`;
}

export class WebhookSender implements ChannelSender {
  constructor(
    private readonly http: HttpPoster,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async send(n: Notification, channel: Channel, now: number): Promise<DeliveryOutcome> {
    const webhook = channel as WebhookChannel;
    const url = typeof webhook.url === 'string' ? webhook.url : secretFrom(this.env, urlSecret(webhook.url));
    if (typeof url !== 'string') return missingSecret(url);
    const headers: Record<string, string> = {};
    if (webhook.bearer_token) {
      const token = secretFrom(this.env, webhook.bearer_token);
      if (typeof token !== 'string') return missingSecret(token);
      headers.authorization = `Bearer ${token}`;
    }
    return this.http.post(url, webhookBody(n, webhook.max_alerts), headers, now);
  }

  async close(): Promise<void> {}
}
