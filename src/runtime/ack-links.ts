/**
 * Signed acknowledge links: an HMAC over the group id, the incident and an expiry, so a link in a
 * message acknowledges that incident of that group, for a while, from a phone with no API token.
 *
 * The incident is when the group was formed. A group's id is the same every time its alerts fire
 * again after it ended, so a link bound to the id alone, tapped in the morning's message, would
 * acknowledge the afternoon's outage and stop its escalation unseen.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const ACK_LINK_LIFETIME_MS = 24 * 3_600_000;

/** A link that does not acknowledge, with the status to answer: 403 not ours or expired, 410 for an incident that ended. */
export interface AckLinkRefusal {
  readonly status: 403 | 410;
  readonly reason: string;
}

export class AckLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly externalURL: string,
  ) {}

  private signature(groupId: string, incident: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`ack\n${groupId}\n${incident}\n${expires}`).digest('base64url');
  }

  /** `incident`: when the group was formed, in epoch milliseconds. */
  link(groupId: string, incident: number, now: number): string {
    const expires = Math.floor((now + ACK_LINK_LIFETIME_MS) / 1000);
    return `${this.externalURL}/api/v1/groups/${groupId}/ack?incident=${incident}&expires=${expires}&signature=${this.signature(groupId, incident, expires)}`;
  }

  /**
   * Why the link's parameters do not acknowledge this group now, or undefined when they do.
   * `incident` is when the group held now was formed; undefined when there is none (the caller
   * answers that the group is gone).
   */
  refusal(groupId: string, params: URLSearchParams, incident: number | undefined, now: number): AckLinkRefusal | undefined {
    const [linkIncident, expires, signature] = ['incident', 'expires', 'signature'].map((name) => params.get(name));
    if (!linkIncident || !expires || !signature) return { status: 403, reason: 'the link has no incident, expires or signature parameter: use the link of a newer message, or the API with a token' };
    const [since, expiry] = [Number(linkIncident), Number(expires)];
    if (!Number.isInteger(since)) return { status: 403, reason: 'incident: not a time' };
    if (!Number.isInteger(expiry)) return { status: 403, reason: 'expires: not a Unix time' };
    const expected = Buffer.from(this.signature(groupId, since, expiry));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 403, reason: 'signature: does not match' };
    if (expiry * 1000 < now) return { status: 403, reason: 'the link has expired' };
    if (incident !== undefined && incident !== since) {
      return {
        status: 410,
        reason: `the link is for an earlier incident of this group (formed ${new Date(since).toISOString()}), which has ended; this one was formed ${new Date(incident).toISOString()}: nothing acknowledged, use the link of its own message`,
      };
    }
    return undefined;
  }
}
