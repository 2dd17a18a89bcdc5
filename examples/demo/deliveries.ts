/** What the local receivers got from the notifier. */
import { EventLog } from './event-log.ts';

export type ChannelType = 'email' | 'slack' | 'webhook';

export interface Delivery {
  readonly channel: ChannelType;
  /** The notifier receiver it was addressed to (the demo gives each its own address). */
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  /** One line: the subject, the first line of the text, or the summary annotation. */
  readonly summary: string;
  /** The signed acknowledge link in the message, if any. */
  readonly ackLink: string | undefined;
  readonly at: Date;
}

/** A URL in text, HTML or Slack mrkdwn (`<url|label>`). */
const URL_RE = /https?:\/\/[^\s"'<>|\\)\]]+/g;

/** The first link in `text` that acknowledges (the notifier's signed ack link). */
export function findAckLink(text: string): string | undefined {
  return [...text.replaceAll('&amp;', '&').matchAll(URL_RE)].map((m) => m[0]).find((url) => /ack/i.test(new URL(url).pathname));
}

/** firing or resolved, as a message that does not say so structurally reads. */
export function statusOf(text: string): Delivery['status'] {
  return /\bresolved\b/i.test(text) ? 'resolved' : 'firing';
}

export function oneLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > 140 ? `${line.slice(0, 137)}...` : line;
}

/** The deliveries the local receivers got. */
export class DeliveryLog extends EventLog<Delivery> {
  constructor() {
    super((d) => `${d.channel}/${d.receiver}/${d.status}`);
  }
}
