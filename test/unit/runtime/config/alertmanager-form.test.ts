/** What alertmanager.yml and the status API say in comments of what Alertmanager cannot do. */
import { expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { alertmanagerForm } from '../../../../src/runtime/config/alertmanager-form.ts';
import { notifierConfigSchema } from '../../../../src/runtime/config/schema.ts';

it('quotes names in its comments, so that no name ends a comment line or reads as YAML', () => {
  const name = 'on-call "night" \\ #2: x';
  const config = notifierConfigSchema.parse({
    receivers: [{ name, channels: [{ type: 'webhook', url: 'http://127.0.0.1:1/hook' }], rate_limit: { messages: 1, per: '1m', burst: 1 } }],
    escalation_policies: [{ name, steps: [{ after: '0s', receivers: [name] }] }],
    route: { escalation: name },
  });
  const { document, comments } = alertmanagerForm(config);
  expect(comments).toEqual([
    expect.stringMatching(/^# escalation "on-call \\"night\\" \\\\ #2: x": on-call "night" \\ #2: x after 0s\. Alertmanager has no escalation/),
    '# receiver "on-call \\"night\\" \\\\ #2: x": its rate limit (1 per 1m) is dropped: every message is sent.',
  ]);
  expect(comments.every((comment) => !comment.includes('\n'))).toBe(true);
  expect(parse(`${comments.join('\n')}\n${stringify(document)}`)).toEqual(document);
});

it("cuts a step's group_wait (the route's plus the step's delay) to the longest duration Go holds: both mean never", () => {
  const config = notifierConfigSchema.parse({
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: 'http://127.0.0.1:1/hook' }] }],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }, { after: '200y', receivers: ['team'] }] }],
    route: { escalation: 'page', group_wait: '200y' },
  });
  const route = alertmanagerForm(config).document as { route: { routes: { group_wait: string }[] } };
  // 2^63 - 1 ns is 292y24w3d23h47m16s854ms and some; amtool check-config takes this and refuses a millisecond more.
  expect(route.route.routes.map((step) => step.group_wait)).toEqual(['200y', '292y24w3d23h47m16s854ms']);
});

it('writes an IPv6 SMTP host in brackets before its port, as Go reads host:port', () => {
  const config = notifierConfigSchema.parse({
    receivers: [{ name: 'mail', channels: [{ type: 'email', to: ['a@x.org'], from: 'b@x.org', smarthost: { host: '::1', port: 25 } }, { type: 'email', to: ['a@x.org'], from: 'b@x.org', smarthost: { host: 'smtp.x.org', port: 587 } }] }],
    route: { receiver: 'mail' },
  });
  const { receivers } = alertmanagerForm(config).document as { receivers: { email_configs: { smarthost: string }[] }[] };
  expect(receivers[0]!.email_configs.map((c) => c.smarthost)).toEqual(['[::1]:25', 'smtp.x.org:587']);
});

it("says at the top where Alertmanager would connect to an SMTP server otherwise: TLS from the start on port 465 only", () => {
  const email = (tls: string, port: number) => ({ type: 'email', to: ['a@x.org'], from: 'b@x.org', smarthost: { host: 'smtp.x.org', port }, tls });
  const config = notifierConfigSchema.parse({ receivers: [{ name: 'mail', channels: [email('tls', 2465), email('tls', 465), email('none', 465)] }], route: { receiver: 'mail' } });
  const { document, comments } = alertmanagerForm(config);
  expect(comments).toEqual([
    `# receiver "mail": email tls 'tls' on port 2465: Alertmanager takes TLS from the start on port 465 only, and would use STARTTLS; email tls 'none' on port 465: Alertmanager takes TLS from the start on port 465, whatever tls says.`,
  ]);
  // On 465 Alertmanager 0.25 would ask the server for STARTTLS after TLS, and none offers it: require_tls off there.
  const { receivers } = document as { receivers: { email_configs: { require_tls: boolean }[] }[] };
  expect(receivers[0]!.email_configs.map((c) => c.require_tls)).toEqual([true, false, false]);
});
