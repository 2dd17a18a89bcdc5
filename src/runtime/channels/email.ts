/**
 * Email channel: nodemailer with a pooled SMTP transport per smarthost and user, so a burst of
 * notifications reuses a few connections. SMTP 5xx answers are permanent; the rest is retried.
 */
import type { Transporter } from 'nodemailer';
import type { Channel } from '../config/schema.ts';
import type { Notification } from '../notification.ts';
import { renderMessage } from '../render.ts';
import { missingSecret, secretFrom, type ChannelSender, type DeliveryOutcome } from './channel.ts';

type Nodemailer = (typeof import('nodemailer'))['default'];

type EmailChannel = Extract<Channel, { type: 'email' }>;

const SMTP_TIMEOUT_MS = 10_000;

export class EmailSender implements ChannelSender {
  private readonly transports = new Map<string, Transporter>();
  /** Loaded with the first message: a notifier with no email channel never holds it (about 6 MiB). */
  private nodemailer: Promise<Nodemailer> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private transport(nodemailer: Nodemailer, email: EmailChannel): Transporter | { error: string } {
    const key = JSON.stringify([email.smarthost, email.tls, email.username, email.password?.env]);
    const existing = this.transports.get(key);
    if (existing) return existing;
    let pass: string | undefined;
    if (email.password) {
      const secret = secretFrom(this.env, email.password);
      if (typeof secret !== 'string') return secret;
      pass = secret;
    }
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 3,
      host: email.smarthost.host,
      port: email.smarthost.port,
      secure: email.tls === 'tls',
      requireTLS: email.tls === 'starttls',
      ignoreTLS: email.tls === 'none',
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      ...(email.username !== undefined && { auth: { user: email.username, pass } }),
    });
    this.transports.set(key, transport);
    return transport;
  }

  async send(n: Notification, channel: Channel): Promise<DeliveryOutcome> {
    const email = channel as EmailChannel;
    this.nodemailer ??= import('nodemailer').then((module) => module.default);
    const transport = this.transport(await this.nodemailer, email);
    if ('error' in transport) return missingSecret(transport);
    const message = renderMessage(n, email.template);
    try {
      await transport.sendMail({ from: email.from, to: email.to, subject: message.title, text: message.body });
      return { kind: 'delivered' };
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; message?: string };
      const detail = `${e.code ?? 'SMTP'}: ${e.message ?? String(error)}`;
      return e.responseCode !== undefined && e.responseCode >= 500 ? { kind: 'failed', error: detail } : { kind: 'retry', error: detail };
    }
  }

  async close(): Promise<void> {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
