/** The senders of every channel type, or the development preset's one sender for all of them. */
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';
import type { ChannelSender, DeliveryOutcome } from './channel.ts';
import { DevelopmentSender } from './development.ts';
import { EmailSender } from './email.ts';
import { HttpPoster } from './http-post.ts';
import { SlackSender } from './slack.ts';
import { WebhookSender } from './webhook.ts';

export type ChannelSenders = Record<Channel['type'], ChannelSender>;

export interface ChannelOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Set by the development preset: deliver to the console and this file instead. */
  readonly developmentFile?: string;
  readonly print: (text: string) => void;
}

export class Channels {
  private readonly senders: ChannelSenders;
  private readonly http = new HttpPoster();

  constructor(options: ChannelOptions) {
    if (options.developmentFile !== undefined) {
      const development = new DevelopmentSender(options.developmentFile, options.print);
      this.senders = { email: development, slack: development, webhook: development };
    } else {
      this.senders = { email: new EmailSender(options.env), slack: new SlackSender(this.http, options.env), webhook: new WebhookSender(this.http, options.env) };
    }
  }

  send(notification: Notification, channel: Channel, now: number): Promise<DeliveryOutcome> {
    return this.senders[channel.type].send(notification, channel, now);
  }

  /** See HttpPoster.warmUp: the HTTP channels' client readied against the notifier's own API. */
  warmUp(healthURL: string): Promise<void> {
    return this.http.warmUp(healthURL);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.senders).map((s) => s.close()));
    await this.http.close();
  }
}
