/** Signed links in messages: each does its own action to its own incident of its own group, until it expires, and nothing else. */
import { expect, it } from 'vitest';
import { GROUP_LINK_LIFETIME_MS, GroupLinks } from '../../../src/runtime/group-links.ts';

const links = new GroupLinks(Buffer.from('a key of thirty-two bytes, maybe'), 'https://notifier.example.com');
const now = Date.UTC(2026, 0, 5, 9, 0);
/** When the group was formed: the incident the link is for. */
const formed = now - 60_000;

const params = (link: string) => new URL(link).searchParams;
const withParam = (link: string, name: string, value: string) => {
  const changed = params(link);
  changed.set(name, value);
  return changed;
};

it('accepts its own link within its lifetime', () => {
  const link = links.link('ack', 'abc123', formed, now);
  expect(link).toMatch(/^https:\/\/notifier\.example\.com\/api\/v1\/groups\/abc123\/ack\?incident=\d+&expires=\d+&signature=[\w-]+$/);
  expect(links.refusal('ack', 'abc123', params(link), formed, now + GROUP_LINK_LIFETIME_MS - 1000)).toBeUndefined();
});

it('refuses it for another group, once expired, with a changed expiry or incident, or signed with another key', () => {
  const link = links.link('ack', 'abc123', formed, now);
  const forbidden = (reason: string | RegExp) => ({ status: 403, reason: expect.stringMatching(reason) });
  expect(links.refusal('ack', 'other', params(link), formed, now)).toEqual(forbidden('signature: does not match'));
  expect(links.refusal('ack', 'abc123', params(link), formed, now + GROUP_LINK_LIFETIME_MS + 1000)).toEqual(forbidden('the link has expired'));
  expect(links.refusal('ack', 'abc123', withParam(link, 'expires', String(Number(params(link).get('expires')) + 3600)), formed, now)).toEqual(forbidden('signature: does not match'));
  expect(links.refusal('ack', 'abc123', withParam(link, 'incident', String(formed + 1)), formed + 1, now)).toEqual(forbidden('signature: does not match'));
  const stranger = new GroupLinks(Buffer.from('another key entirely, 32 bytes!'), 'https://notifier.example.com');
  expect(stranger.refusal('ack', 'abc123', params(link), formed, now)).toEqual(forbidden('signature: does not match'));
  // An acknowledge link does not silence, nor a silence link acknowledge.
  expect(links.refusal('silence', 'abc123', params(link), formed, now)).toEqual(forbidden('signature: does not match'));
  const silence = links.link('silence', 'abc123', formed, now);
  expect(silence).toMatch(/^https:\/\/notifier\.example\.com\/api\/v1\/groups\/abc123\/silence\?incident=/);
  expect(links.refusal('silence', 'abc123', params(silence), formed, now)).toBeUndefined();
  expect(links.refusal('ack', 'abc123', params(silence), formed, now)).toEqual(forbidden('signature: does not match'));
});

it('refuses a link of an incident that ended once the group is formed again: its id is the same', () => {
  const morning = links.link('ack', 'abc123', formed, now);
  const afternoon = now + 6 * 3_600_000;
  expect(links.refusal('ack', 'abc123', params(morning), afternoon, afternoon + 60_000)).toEqual({
    status: 410,
    reason: expect.stringMatching(/^the link is for an earlier incident of this group \(formed 2026-01-05T08:59:00\.000Z\), which has ended; this one was formed 2026-01-05T15:00:00\.000Z/),
  });
});

it('refuses a link without its parameters, such as one from before links named their incident', () => {
  const old = new URLSearchParams({ expires: String(Math.floor(now / 1000) + 3600), signature: 'x' });
  expect(links.refusal('ack', 'abc123', old, formed, now)).toEqual({ status: 403, reason: expect.stringMatching(/no incident, expires or signature parameter: use the link of a newer message/) });
  expect(links.refusal('ack', 'abc123', withParam(links.link('ack', 'abc123', formed, now), 'incident', 'soon'), formed, now)).toEqual({ status: 403, reason: 'incident: not a time' });
});
