/** A write endpoint's answer waits for its change to be in the state file, and says so when the file refuses it. */
import { afterEach, expect, it } from 'vitest';
import { saved } from '../../../src/runtime/api/saved.ts';
import { startNotifier, type NotifierFixture } from './notifier-fixture.ts';

let f: NotifierFixture | undefined;
afterEach(async () => {
  await f?.close();
});

const config = { receivers: [{ name: 'team', channels: [{ type: 'webhook' as const, url: 'http://127.0.0.1:9/hook' }] }], route: { receiver: 'team' } };
const silence = (value: string) => ({ matchers: [{ label: 'connector', op: '=' as const, value }], startsAt: Date.UTC(2026, 0, 5), endsAt: Date.UTC(2026, 0, 6), createdBy: 'alice', comment: 'maintenance' });

it('resolves once the change is committed: it is there after a restart', async () => {
  f = await startNotifier(config);
  const { id } = f.notifier.putSilence(silence('crm'));
  await saved(f.notifier);
  expect(f.store.load().silences.map((s) => s.id)).toEqual([id]);
});

it('answers 503 when the state file refuses the change, saying it is in effect but not saved', async () => {
  f = await startNotifier(config);
  const { id } = f.notifier.putSilence(silence('crm'));
  // A row the schema refuses (acked_by is NOT NULL) in the same batch: the batch is refused whole.
  f.store.putAck({ groupKey: 'refused', by: null as unknown as string, at: 0 });
  await expect(saved(f.notifier)).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/^in effect but not saved, so lost when the notifier restarts: .*NOT NULL constraint failed/) });
  expect(f.notifier.getSilence(id)).toBeDefined();
  expect(f.store.load().silences).toEqual([]);
});
