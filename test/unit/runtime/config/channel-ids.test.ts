/** Channel ids: a channel's type and its place among its receiver's channels of that type. */
import { expect, it } from 'vitest';
import { channelById, channelIdOfIndex, channelIds } from '../../../../src/runtime/config/channel-ids.ts';
import { receiverSchema } from '../../../../src/runtime/config/schema.ts';

const receiver = receiverSchema.parse({
  name: 'team',
  channels: [
    { type: 'slack', webhook_url: { env: 'SLACK_URL' } },
    { type: 'webhook', url: 'http://a.example/' },
    { type: 'slack', webhook_url: { env: 'SLACK_URL_2' } },
  ],
});

it('numbers each type apart, as Alertmanager names integrations', () => {
  expect(channelIds(receiver)).toEqual(['slack[0]', 'webhook[0]', 'slack[1]']);
  expect(channelById(receiver, 'slack[1]')).toBe(receiver.channels[2]);
  expect(channelById(receiver, 'email[0]')).toBeUndefined();
});

it('reads the index a state file from before ids kept as the id of the channel there now', () => {
  expect(channelIdOfIndex(receiver, '2')).toBe('slack[1]');
  expect(channelIdOfIndex(receiver, '7')).toBe('7');
  expect(channelIdOfIndex(undefined, '0')).toBe('0');
  expect(channelIdOfIndex(receiver, 'webhook[0]')).toBeUndefined();
});
