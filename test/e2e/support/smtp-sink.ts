/** A local SMTP server that keeps every message the notifier sends, for assertions. */
import { startLocalSmtp, type LocalSmtp, type ReceivedMail } from '../../../examples/demo/local-smtp.ts';

export type { ReceivedMail };

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: LocalSmtp | undefined;

  get port(): number {
    return this.server!.port;
  }

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.server = await startLocalSmtp((mail) => sink.mails.push(mail));
    return sink;
  }

  close(): Promise<void> {
    return this.server!.close();
  }
}
