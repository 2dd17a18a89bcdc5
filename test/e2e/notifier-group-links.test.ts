/**
 * The links in messages as an on-call engineer taps them, from a phone, through a proxy that
 * serves the notifier under a path: the link of an incident that ended does nothing to the next
 * one of the same group (its id is the same), the acknowledge page records who acknowledged, and
 * the silence page silences the group's labels for the time chosen.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { GroupView } from '../../src/runtime/notifier.ts';
import { freePort, notifierGroups, startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
import { notifierWorkspace } from './support/notifier-workspace.ts';

const workspace = notifierWorkspace('group-links');

/** What Prometheus posts for one evaluation of the alert: firing, or resolved as of now. */
async function post(url: string, firing: boolean): Promise<void> {
  const alert = { labels: { alertname: 'QueueBacklog', connector: 'crm', severity: 'critical' }, ...(!firing && { endsAt: new Date().toISOString() }) };
  const response = await fetch(`${url}/api/v2/alerts`, { method: 'POST', body: JSON.stringify([alert]), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(200);
}

it('a link acknowledges or silences its own incident only, under the external URL’s path, and names who tapped it', async () => {
  const { sink } = workspace;
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: `${sink.url}/${name}` }] });
  const config = await writeNotifierConfig(workspace.dir, {
    receivers: [hook('team'), hook('oncall')],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }, { after: '4s', receivers: ['oncall'] }] }],
    route: { receiver: 'team', group_by: ['alertname', 'connector'], group_wait: '200ms', group_interval: '1s', routes: [{ matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'page' }] },
  });
  const port = await freePort();
  const external = `http://127.0.0.1:${port}/alertforge`;
  const notifier = await startNotifierProcess(workspace.dir, config, { port, args: ['--external-url', external] });
  expect((await fetch(`${external}/-/healthy`)).status).toBe(200);

  // The morning's incident: paged, then resolved, and its group gone.
  await post(notifier.url, true);
  await sink.waitFor('the first page', (posts) => posts.some((p) => p.path === '/team' && p.body.status === 'firing'));
  const morning: string = sink.to('/team')[0]!.body.links.ack;
  expect(morning.startsWith(`${external}/api/v1/groups/`)).toBe(true);
  await post(notifier.url, false);
  await sink.waitFor('the resolved message', (posts) => posts.some((p) => p.path === '/team' && p.body.status === 'resolved'));
  await expect.poll(() => notifierGroups(notifier.url), { timeout: 10_000 }).toHaveLength(0);

  // The afternoon's: the same group, formed again.
  await post(notifier.url, true);
  await sink.waitFor('the second page', (posts) => posts.filter((p) => p.path === '/team' && p.body.status === 'firing').length === 2);
  const afternoon: string = sink.to('/team').filter((p) => p.body.status === 'firing')[1]!.body.links.ack;
  expect(new URL(afternoon).pathname).toBe(new URL(morning).pathname);

  const stale = await fetch(morning, { method: 'POST' });
  expect(stale.status).toBe(410);
  expect(((await stale.json()) as { error: string }).error).toMatch(/an earlier incident of this group .* nothing done/);
  expect((await fetch(morning)).status).toBe(410);
  expect((await notifierGroups(notifier.url))[0]!.acknowledged).toBeNull();

  // The page asks, with a field for a name; its form posts back to the page's own URL.
  const page = await (await fetch(afternoon)).text();
  expect(page).toMatch(/<h1>Acknowledge alertname=QueueBacklog, connector=crm\?<\/h1><form method="post"><p><label>Your name <input name="by"/);
  const tapped = await fetch(afternoon, { method: 'POST', body: new URLSearchParams({ by: 'alice' }), headers: { accept: 'text/html' } });
  expect(tapped.status).toBe(200);
  expect(await tapped.text()).toMatch(/<h1>Acknowledged<\/h1><p>alertname=QueueBacklog, connector=crm: acknowledged by alice at /);
  const [group] = await notifierGroups(notifier.url);
  expect(group).toMatchObject<Partial<GroupView>>({ acknowledged: { by: 'alice', at: expect.any(String) }, escalation: expect.objectContaining({ nextStepAt: null }) });
  expect(await (await fetch(afternoon)).text()).toMatch(/Already acknowledged by alice at /);

  // The message's silence link: its own incident only too; the page silences the group's labels.
  const silenceLinks = sink.to('/team').filter((p) => p.body.status === 'firing').map((p) => p.body.links.silence as string);
  expect((await fetch(silenceLinks[0]!, { method: 'POST' })).status).toBe(410);
  expect(await (await fetch(silenceLinks[1]!)).text()).toMatch(/<h1>Silence alertname=QueueBacklog, connector=crm\?<\/h1>.*<select name="duration"><option>1h<\/option>/);
  const silenced = await fetch(silenceLinks[1]!, { method: 'POST', body: new URLSearchParams({ duration: '4h', comment: 'known, fixing', by: 'bob' }), headers: { accept: 'text/html' } });
  expect(await silenced.text()).toMatch(/<h1>Silenced<\/h1><p>alertname=QueueBacklog, connector=crm: silenced by bob until /);
  const [silence] = (await (await fetch(`${notifier.url}/api/v2/silences`)).json()) as { id: string; matchers: unknown[]; createdBy: string; comment: string; startsAt: string; endsAt: string }[];
  expect(silence).toMatchObject({ createdBy: 'bob', comment: 'known, fixing' });
  expect(silence!.matchers).toEqual([
    { name: 'alertname', value: 'QueueBacklog', isRegex: false, isEqual: true },
    { name: 'connector', value: 'crm', isRegex: false, isEqual: true },
  ]);
  expect(Date.parse(silence!.endsAt) - Date.parse(silence!.startsAt)).toBe(4 * 3_600_000);
  const [alert] = (await (await fetch(`${notifier.url}/api/v2/alerts`)).json()) as { status: { state: string } }[];
  expect(alert!.status.state).toBe('suppressed');
  // Tapped again by the same person: their silence is extended, never shortened, no other added.
  const listed = async () => (await (await fetch(`${notifier.url}/api/v2/silences`)).json()) as { id: string; createdBy: string; comment: string; startsAt: string; endsAt: string }[];
  await fetch(silenceLinks[1]!, { method: 'POST', body: new URLSearchParams({ duration: '1h', by: 'bob' }) });
  expect(await listed()).toEqual([expect.objectContaining({ id: silence!.id, endsAt: silence!.endsAt, comment: 'known, fixing' })]);
  await fetch(silenceLinks[1]!, { method: 'POST', body: new URLSearchParams({ duration: '24h', by: 'bob' }) });
  const [extended, ...more] = await listed();
  expect(more).toEqual([]);
  expect(extended).toMatchObject({ id: silence!.id, startsAt: silence!.startsAt });
  expect(Date.parse(extended!.endsAt) - Date.parse(extended!.startsAt)).toBeGreaterThan(23 * 3_600_000);
  // Unnamed, a tap is nobody in particular: it adds a silence of its own, and changes none.
  await fetch(silenceLinks[1]!, { method: 'POST', body: new URLSearchParams({ duration: '1h' }) });
  expect((await listed()).map((s) => s.createdBy).sort()).toEqual(['bob', 'signed link']);
  const refused = await fetch(silenceLinks[1]!, { method: 'POST', body: new URLSearchParams({ duration: 'forever' }) });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toMatch(/duration: /);
  // A field it does not know is named, not dropped: `byy` would have acknowledged as nobody.
  const misspelt = await fetch(afternoon, { method: 'POST', body: JSON.stringify({ byy: 'carol' }), headers: { 'content-type': 'application/json' } });
  expect(misspelt.status).toBe(400);
  expect(await misspelt.text()).toMatch(/byy/);
  // A name is logged as given: a line break in it would forge a log line of its own.
  const forged = await fetch(afternoon, { method: 'POST', body: new URLSearchParams({ by: 'bob\n2026-01-01T00:00:00.000Z config reloaded from /etc/evil.yaml' }) });
  expect(forged.status).toBe(400);
  expect(await forged.text()).toMatch(/by: a name on one line, without control characters/);
  for (const name of ['bob\u2028config reloaded', 'bob\u202Eolleh']) expect((await fetch(afternoon, { method: 'POST', body: new URLSearchParams({ by: name }) })).status).toBe(400);
  expect(notifier.process.log).not.toMatch(/evil|config reloaded|olleh/);
});

it('an acknowledgement given by mistake is withdrawn from its page or the API, and the escalation goes on', async () => {
  const { sink } = workspace;
  const dir = join(workspace.dir, 'withdraw');
  await mkdir(dir);
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: `${sink.url}/withdraw-${name}` }] });
  const config = await writeNotifierConfig(dir, {
    receivers: [hook('team'), hook('oncall')],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }, { after: '2s', receivers: ['oncall'] }], repeat: 2 }],
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '200ms', group_interval: '1s', routes: [{ matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'page' }] },
  });
  const token = 'withdraw-test-token';
  const notifier = await startNotifierProcess(dir, config, { env: { ...process.env, ALERTFORGE_API_TOKEN: token } });
  await post(notifier.url, true);
  await sink.waitFor('the first page', (posts) => posts.some((p) => p.path === '/withdraw-team'));
  const link: string = sink.to('/withdraw-team')[0]!.body.links.ack;
  expect((await fetch(link, { method: 'POST', body: new URLSearchParams({ by: 'alice' }) })).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(sink.to('/withdraw-oncall')).toHaveLength(0);

  // The page of an acknowledged group offers to hand it back; the tap does, and the next step pages.
  expect(await (await fetch(link)).text()).toMatch(/Already acknowledged by alice at .*<form method="post"><input type="hidden" name="withdraw" value="yes">.*<button>Withdraw the acknowledgement<\/button>/);
  const withdrawn = await fetch(link, { method: 'POST', body: new URLSearchParams({ withdraw: 'yes', by: 'alice' }), headers: { accept: 'text/html' } });
  expect(await withdrawn.text()).toMatch(/<h1>Acknowledgement withdrawn<\/h1><p>alertname=QueueBacklog: withdrawn by alice\./);
  await sink.waitFor('the next step', (posts) => posts.some((p) => p.path === '/withdraw-oncall'));
  expect((await notifierGroups(notifier.url))[0]!.acknowledged).toBeNull();

  // From the API: the token, as for acknowledging.
  const api = `${notifier.url}/api/v1/groups/${(await notifierGroups(notifier.url))[0]!.id}/ack`;
  const auth = { authorization: `Bearer ${token}` };
  expect((await fetch(api, { method: 'POST', headers: auth })).status).toBe(200);
  expect((await fetch(api, { method: 'DELETE' })).status).toBe(401);
  expect((await notifierGroups(notifier.url))[0]!.acknowledged).toMatchObject({ by: 'api' });
  const deleted = await fetch(api, { method: 'DELETE', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ by: 'bob' }) });
  expect(deleted.status).toBe(200);
  expect(((await deleted.json()) as GroupView).acknowledged).toBeNull();
  // Nothing to withdraw is said, not answered as done.
  const again = await fetch(api, { method: 'DELETE', headers: auth });
  expect(again.status).toBe(409);
  expect(await again.text()).toMatch(/is not acknowledged: nothing to withdraw/);
  // A body that does not say it is JSON is refused, not read as no fields.
  const untyped = await fetch(api, { method: 'POST', headers: auth, body: new Blob([JSON.stringify({ by: 'carol' })]) });
  expect(untyped.status).toBe(415);
  expect((await notifierGroups(notifier.url))[0]!.acknowledged).toBeNull();
});
