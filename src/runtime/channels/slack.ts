/**
 * Slack channel: an incoming webhook, at most one message a second per webhook (Slack's limit),
 * and a 429's Retry-After honoured before the next one.
 */
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';
import { renderMessage, renderTitle } from '../render.ts';
import { missingSecret, secretFrom, urlSecret, type ChannelSender, type DeliveryOutcome } from './channel.ts';
import type { HttpPoster } from './http-post.ts';

type SlackChannel = Extract<Channel, { type: 'slack' }>;

const SLACK_INTERVAL_MS = 1000;

/**
 * Slack reads `<...>` in a message as a link or a mention and `&` as the start of an entity, so
 * these three are escaped as Slack's formatting reference asks: an annotation `latency <200ms`
 * vanished and `<!channel>` in one pinged everyone. Slack decodes them back, in links too.
 */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function slackPayload(n: Notification, slack: SlackChannel) {
  const message = renderMessage(n, slack.template, slackEscape);
  return {
    text: message.title,
    ...(slack.channel && { channel: slack.channel }),
    ...(slack.username && { username: slack.username }),
    ...(slack.icon_emoji && { icon_emoji: slack.icon_emoji }),
    ...(slack.icon_url && { icon_url: slack.icon_url }),
    // The title once, as the message's text: as the attachment's title too, Slack showed it twice.
    // The fallback is plain text (push notifications), where nothing is decoded.
    attachments: [{ color: n.status === 'firing' ? 'danger' : 'good', text: message.body, fallback: renderTitle(n, slack.template) }],
  };
}

export class SlackSender implements ChannelSender {
  /** Per webhook URL: when the next message may go. */
  private readonly nextAllowed = new Map<string, number>();

  constructor(
    private readonly http: HttpPoster,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async send(n: Notification, channel: Channel, now: number): Promise<DeliveryOutcome> {
    const slack = channel as SlackChannel;
    const url = secretFrom(this.env, urlSecret(slack.webhook_url));
    if (typeof url !== 'string') return missingSecret(url);
    const allowedAt = this.nextAllowed.get(url) ?? 0;
    if (now < allowedAt) return { kind: 'deferred', afterMs: allowedAt - now, reason: 'one message a second per Slack webhook' };
    this.nextAllowed.set(url, now + SLACK_INTERVAL_MS);
    const outcome = await this.http.postJson(url, slackPayload(n, slack), {}, now);
    if (outcome.kind === 'deferred') this.nextAllowed.set(url, now + outcome.afterMs);
    return outcome;
  }

  async close(): Promise<void> {}
}
