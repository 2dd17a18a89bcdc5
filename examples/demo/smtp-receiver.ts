/**
 * A local SMTP server (the smtp-server package) that the notifier's email channel delivers to
 * through nodemailer, plainly: no TLS, no auth. Each message becomes a delivery for the receiver
 * named by its recipient's local part (the demo addresses each receiver as <name>@alertforge.demo).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { findAckLink, oneLine, statusOf, type DeliveryLog } from './deliveries.ts';

export const DEMO_MAIL_DOMAIN = 'alertforge.demo';

/** Undoes quoted-printable soft breaks and escapes, so links and words can be found in the body. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=), as nodemailer writes non-ASCII subjects. */
function decodeHeader(value: string): string {
  return value.replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=\s*/g, (_m, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(decodeQuotedPrintable(data.replace(/_/g, ' ')), 'latin1').toString('utf8'),
  );
}

function header(raw: string, name: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = headers.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeHeader(line.slice(name.length + 1).trim()) : '';
}

export interface SmtpReceiver {
  readonly port: number;
  close(): Promise<void>;
}

export async function startSmtpReceiver(log: DeliveryLog): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = header(raw, 'subject');
        const body = decodeQuotedPrintable(raw);
        for (const recipient of session.envelope.rcptTo) {
          log.add({ channel: 'email', receiver: recipient.address.split('@')[0]!, status: statusOf(subject), summary: oneLine(subject), ackLink: findAckLink(body), at: new Date() });
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
