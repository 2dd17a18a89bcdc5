/** Signed acknowledge links: they acknowledge their own group, until they expire, and nothing else. */
import { expect, it } from 'vitest';
import { ACK_LINK_LIFETIME_MS, AckLinks } from '../../../src/runtime/ack-links.ts';

const links = new AckLinks(Buffer.from('a key of thirty-two bytes, maybe'), 'https://notifier.example.com');
const now = Date.UTC(2026, 0, 5, 9, 0);

function params(link: string): [string | null, string | null] {
  const url = new URL(link);
  return [url.searchParams.get('expires'), url.searchParams.get('signature')];
}

it('accepts its own link within its lifetime', () => {
  const link = links.link('abc123', now);
  expect(link).toMatch(/^https:\/\/notifier\.example\.com\/api\/v1\/groups\/abc123\/ack\?expires=\d+&signature=[\w-]+$/);
  expect(links.refusal('abc123', ...params(link), now + ACK_LINK_LIFETIME_MS - 1000)).toBeUndefined();
});

it('refuses it for another group, once expired, with a changed expiry, or signed with another key', () => {
  const [expires, signature] = params(links.link('abc123', now));
  expect(links.refusal('other', expires, signature, now)).toBe('signature: does not match');
  expect(links.refusal('abc123', expires, signature, now + ACK_LINK_LIFETIME_MS + 1000)).toBe('the link has expired');
  expect(links.refusal('abc123', String(Number(expires) + 3600), signature, now)).toBe('signature: does not match');
  const stranger = new AckLinks(Buffer.from('another key entirely, 32 bytes!'), 'https://notifier.example.com');
  expect(stranger.refusal('abc123', expires, signature, now)).toBe('signature: does not match');
  expect(links.refusal('abc123', null, null, now)).toMatch(/no expires or signature/);
});
