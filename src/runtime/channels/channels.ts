/** The senders of every channel type, or the development preset's one sender for all of them. */
import type { Channel, NotifierConfig } from '../config/schema.ts';
import type { Notification } from '../notification.ts';
import { secretProblems, type ChannelSender, type DeliveryOutcome } from './channel.ts';
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
  private readonly env: NodeJS.ProcessEnv | undefined;

  constructor(options: ChannelOptions) {
    // The development preset sends nothing, so it needs no secret.
    this.env = options.developmentFile === undefined ? options.env : undefined;
    if (options.developmentFile !== undefined) {
      const development = new DevelopmentSender(options.developmentFile, options.print);
      this.senders = { email: development, slack: development, webhook: development };
    } else {
      this.senders = { email: new EmailSender(options.env), slack: new SlackSender(this.http, options.env), webhook: new WebhookSender(this.http, options.env) };
    }
  }

  /** One line for each secret of the config's channels the environment lacks or holds wrong. */
  missingSecrets(config: NotifierConfig): string[] {
    const env = this.env;
    if (!env) return [];
    return config.receivers.flatMap((receiver) =>
      receiver.channels.flatMap((channel, index) =>
        secretProblems(env, channel).map((problem) => `receiver ${receiver.name}, channel ${index} (${channel.type}): ${problem}; its messages wait in the outbox until the notifier runs with it`),
      ),
    );
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
