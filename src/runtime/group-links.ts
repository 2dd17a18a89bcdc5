/**
 * Signed links in messages, to acknowledge or silence a group: an HMAC over the action, the group
 * id, the incident and an expiry, so a link works for a while from a phone with no API token, for
 * that action on that incident of that group only.
 *
 * The incident is when the group was formed. A group's id is the same every time its alerts fire
 * again after it ended, so a link bound to the id alone, tapped in the morning's message, would
 * acknowledge the afternoon's outage and stop its escalation unseen.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const GROUP_LINK_LIFETIME_MS = 24 * 3_600_000;

export type GroupLinkAction = 'ack' | 'silence';

/** A link that does not act, with the status to answer: 403 not ours or expired, 410 for an incident that ended. */
export interface GroupLinkRefusal {
  readonly status: 403 | 410;
  readonly reason: string;
}

export class GroupLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly externalURL: string,
  ) {}

  private signature(action: GroupLinkAction, groupId: string, incident: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`${action}\n${groupId}\n${incident}\n${expires}`).digest('base64url');
  }

  /** `incident`: when the group was formed, in epoch milliseconds. */
  link(action: GroupLinkAction, groupId: string, incident: number, now: number): string {
    const expires = Math.floor((now + GROUP_LINK_LIFETIME_MS) / 1000);
    return `${this.externalURL}/api/v1/groups/${groupId}/${action}?incident=${incident}&expires=${expires}&signature=${this.signature(action, groupId, incident, expires)}`;
  }

  /**
   * Why the link's parameters do not do `action` to this group now, or undefined when they do.
   * `incident` is when the group held now was formed; undefined when there is none (the caller
   * answers that the group is gone).
   */
  refusal(action: GroupLinkAction, groupId: string, params: URLSearchParams, incident: number | undefined, now: number): GroupLinkRefusal | undefined {
    const [linkIncident, expires, signature] = ['incident', 'expires', 'signature'].map((name) => params.get(name));
    if (!linkIncident || !expires || !signature) return { status: 403, reason: 'the link has no incident, expires or signature parameter: use the link of a newer message, or the API with a token' };
    const [since, expiry] = [Number(linkIncident), Number(expires)];
    if (!Number.isInteger(since)) return { status: 403, reason: 'incident: not a time' };
    if (!Number.isInteger(expiry)) return { status: 403, reason: 'expires: not a Unix time' };
    const expected = Buffer.from(this.signature(action, groupId, since, expiry));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 403, reason: 'signature: does not match' };
    if (expiry * 1000 < now) return { status: 403, reason: 'the link has expired' };
    if (incident !== undefined && incident !== since) {
      return {
        status: 410,
        reason: `the link is for an earlier incident of this group (formed ${new Date(since).toISOString()}), which has ended; this one was formed ${new Date(incident).toISOString()}: nothing done, use the link of its own message`,
      };
    }
    return undefined;
  }
}
