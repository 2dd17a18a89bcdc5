/**
 * A channel's identity within its receiver: its type and its place among the receiver's channels
 * of that type (`slack[0]`), as Alertmanager keys a receiver's integrations in its notification
 * log. The notification log and the outbox key channels by it, so a reload that adds, removes or
 * reorders a receiver's channels of different types leaves each its own history and pending
 * messages, and a changed URL or address keeps them.
 */
import type { Channel, Receiver } from './schema.ts';

export type ChannelId = string;

const ids = new WeakMap<Receiver, readonly ChannelId[]>();

/** The ids of the receiver's channels, in its order. */
export function channelIds(receiver: Receiver): readonly ChannelId[] {
  let list = ids.get(receiver);
  if (!list) {
    const seen = new Map<string, number>();
    list = receiver.channels.map((channel) => {
      const ordinal = seen.get(channel.type) ?? 0;
      seen.set(channel.type, ordinal + 1);
      return `${channel.type}[${ordinal}]`;
    });
    ids.set(receiver, list);
  }
  return list;
}

export function channelById(receiver: Receiver, id: ChannelId): Channel | undefined {
  const index = channelIds(receiver).indexOf(id);
  return index < 0 ? undefined : receiver.channels[index];
}

/**
 * State files written before channels had ids keyed them by their index in the receiver: the id
 * of the channel at that index now, or undefined when `id` is not such an index.
 */
export function channelIdOfIndex(receiver: Receiver | undefined, id: string): ChannelId | undefined {
  if (!/^\d+$/.test(id)) return undefined;
  return receiver ? (channelIds(receiver)[Number(id)] ?? id) : id;
}
