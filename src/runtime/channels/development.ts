/**
 * The `development` preset's channel: every message, whatever its configured channel, is printed
 * to the console and appended to a local file as one JSON line, so the notifier runs with no SMTP
 * server or Slack and what it would have sent can be read back.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';
import { renderMessage } from '../render.ts';
import type { ChannelSender, DeliveryOutcome } from './channel.ts';

export class DevelopmentSender implements ChannelSender {
  constructor(
    private readonly file: string,
    private readonly print: (text: string) => void,
  ) {}

  async send(n: Notification, channel: Channel): Promise<DeliveryOutcome> {
    const message = renderMessage(n, channel.template);
    this.print(`--- ${channel.type} to ${n.receiver}: ${message.title}\n${message.body}\n`);
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify({ channel: channel.type, receiver: n.receiver, title: message.title, body: message.body, notification: n })}\n`);
    return { kind: 'delivered' };
  }

  async close(): Promise<void> {}
}
