/**
 * Acknowledge links as an on-call engineer taps them, from a phone, through a proxy that serves
 * the notifier under a path: the link of an incident that ended does not acknowledge the next one
 * of the same group (its id is the same), and the page records who acknowledged.
 */
import { expect, it } from 'vitest';
import type { GroupView } from '../../src/runtime/notifier.ts';
import { freePort, notifierGroups, startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
import { notifierWorkspace } from './support/notifier-workspace.ts';

const workspace = notifierWorkspace('ack-links');

/** What Prometheus posts for one evaluation of the alert: firing, or resolved as of now. */
async function post(url: string, firing: boolean): Promise<void> {
  const alert = { labels: { alertname: 'QueueBacklog', connector: 'crm', severity: 'critical' }, ...(!firing && { endsAt: new Date().toISOString() }) };
  const response = await fetch(`${url}/api/v2/alerts`, { method: 'POST', body: JSON.stringify([alert]), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(200);
}

it('a link acknowledges its own incident only, under the external URL’s path, and names who tapped it', async () => {
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
  expect(((await stale.json()) as { error: string }).error).toMatch(/an earlier incident of this group .* nothing acknowledged/);
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
});
