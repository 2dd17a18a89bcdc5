/**
 * Signed acknowledge links: an HMAC over the group id and an expiry, so a link in a message
 * acknowledges that group, for a while, from a phone with no API token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const ACK_LINK_LIFETIME_MS = 24 * 3_600_000;

export class AckLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly externalURL: string,
  ) {}

  private signature(groupId: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`ack\n${groupId}\n${expires}`).digest('base64url');
  }

  link(groupId: string, now: number): string {
    const expires = Math.floor((now + ACK_LINK_LIFETIME_MS) / 1000);
    return `${this.externalURL}/api/v1/groups/${groupId}/ack?expires=${expires}&signature=${this.signature(groupId, expires)}`;
  }

  /** Why the signature does not acknowledge this group now, or undefined when it does. */
  refusal(groupId: string, expires: string | null, signature: string | null, now: number): string | undefined {
    if (!expires || !signature) return 'the link has no expires or signature parameter';
    const expiry = Number(expires);
    if (!Number.isInteger(expiry)) return 'expires: not a Unix time';
    const expected = Buffer.from(this.signature(groupId, expiry));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature: does not match';
    if (expiry * 1000 < now) return 'the link has expired';
    return undefined;
  }
}
