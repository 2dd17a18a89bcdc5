/**
 * A local SMTP server (the smtp-server package) that the notifier's email channel delivers to
 * through nodemailer, plainly: no TLS, no auth. Each message becomes a delivery for the receiver
 * named by its recipient's local part (the demo addresses each receiver as <name>@alertforge.demo).
 */
import { findAckLink, oneLine, statusOf, type DeliveryLog } from './deliveries.ts';
import { startLocalSmtp, type LocalSmtp } from './local-smtp.ts';

export const DEMO_MAIL_DOMAIN = 'alertforge.demo';

export type SmtpReceiver = LocalSmtp;

export function startSmtpReceiver(log: DeliveryLog): Promise<SmtpReceiver> {
  return startLocalSmtp((mail) => {
    for (const recipient of mail.to) {
      log.add({ channel: 'email', receiver: recipient.split('@')[0]!, status: statusOf(mail.subject), summary: oneLine(mail.subject), ackLink: findAckLink(mail.body), at: new Date() });
    }
  });
}
