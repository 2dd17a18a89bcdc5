/**
 * Alertmanager's postable alerts as the API reads them: what Prometheus and amtool post is
 * accepted as is, and each alert with a problem is left out with the problem named, as
 * Alertmanager's own API leaves it out; the rest of the request is taken in.
 */
import { expect, it } from 'vitest';
import { parseJson } from '../../../src/runtime/api/read-body.ts';
import { ALERT_LIMITS, postableAlertsBody, readPostableAlerts } from '../../../src/runtime/model/postable-alerts.ts';

const RECEIVED_AT = Date.UTC(2024, 4, 1, 12, 30);
const RESOLVE_TIMEOUT_MS = 5 * 60_000;
const readAll = (body: unknown) => readPostableAlerts(parseJson(JSON.stringify(body), postableAlertsBody), RECEIVED_AT, RESOLVE_TIMEOUT_MS);
const read = (body: unknown) => {
  const { alerts, problems } = readAll(body);
  expect(problems).toEqual([]);
  return alerts;
};
/** The problem of a body whose one alert is left out, or of a body refused whole. */
const refusal = (body: unknown) => {
  try {
    const { alerts, problems } = readAll(body);
    expect(alerts).toEqual([]);
    return problems.join('; ');
  } catch (error) {
    return (error as Error).message;
  }
};

it('accepts what Prometheus posts, times in epoch milliseconds, Go zero time as not set', () => {
  const posted = [
    {
      labels: { alertname: 'SyncStalled', connector: 'crm' },
      annotations: { summary: 'crm stalled' },
      startsAt: '2024-05-01T12:00:00.000Z',
      endsAt: '2024-05-01T12:04:00Z',
      generatorURL: 'http://prometheus:9090/graph',
    },
    { labels: { alertname: 'Bare' }, startsAt: '0001-01-01T00:00:00Z', status: 'ignored, as Alertmanager ignores it' },
  ];
  expect(read(posted)).toEqual([
    {
      labels: { alertname: 'SyncStalled', connector: 'crm' },
      annotations: { summary: 'crm stalled' },
      startsAt: Date.UTC(2024, 4, 1, 12),
      endsAt: Date.UTC(2024, 4, 1, 12, 4),
      generatorURL: 'http://prometheus:9090/graph',
    },
    { labels: { alertname: 'Bare' }, annotations: undefined, startsAt: undefined, endsAt: undefined, generatorURL: undefined },
  ]);
  expect(read([])).toEqual([]);
});

it('drops labels with an empty value, as Alertmanager does: the alert is the one posted without them', () => {
  expect(read([{ labels: { alertname: 'DiskFull', team: '', connector: 'crm' } }])[0]!.labels).toEqual({ alertname: 'DiskFull', connector: 'crm' });
  // JSON's null is Go's empty string, whatever the name.
  expect(read([{ labels: { alertname: 'DiskFull', 'on-call': null, connector: 'crm' } }])[0]!.labels).toEqual({ alertname: 'DiskFull', connector: 'crm' });
  expect(refusal([{ labels: { team: '' } }])).toBe('[0].labels: at least one label is required');
});

it('leaves out what is not a postable alert, naming the field, and refuses a body that is not an array of them', () => {
  expect(refusal({ labels: { alertname: 'A' } })).toBe('body: an array of alerts');
  expect(refusal(['A'])).toBe('[0]: an alert: an object with labels');
  expect(refusal([{ annotations: {} }])).toBe('[0].labels: an object of names to string values');
  expect(refusal([{ labels: {} }])).toBe('[0].labels: at least one label is required');
  expect(refusal([{ labels: { '1x': 'a' } }])).toBe('[0].labels.1x: a label name such as alertname');
  expect(refusal([{ labels: { a: 1 } }])).toBe('[0].labels.a: a string');
  expect(refusal([{ labels: { a: 'b' }, annotations: [] }])).toBe('[0].annotations: an object of names to string values');
  expect(refusal([{ labels: { a: 'b' }, annotations: { summary: 5 } }])).toBe('[0].annotations.summary: a string');
  // null is Go's empty string, or "not set" for a time or the generator URL.
  expect(read([{ labels: { a: 'b' }, annotations: { summary: null }, startsAt: null, endsAt: null, generatorURL: null }])).toEqual([
    { labels: { a: 'b' }, annotations: { summary: '' }, startsAt: undefined, endsAt: undefined, generatorURL: undefined },
  ]);
  // An empty time is the Unix epoch, as Alertmanager reads it: this alert ended long ago.
  expect(read([{ labels: { a: 'b' }, startsAt: '', endsAt: '' }])[0]).toMatchObject({ startsAt: 0, endsAt: 0 });
  // Alertmanager checks annotation names as label names ("invalid annotations: invalid name").
  expect(refusal([{ labels: { a: 'b' }, annotations: { 'runbook-url': 'x' } }])).toBe('[0].annotations.runbook-url: a label name such as summary');
  expect(refusal([{ labels: { a: 'b' }, startsAt: 'yesterday' }])).toBe('[0].startsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z');
  expect(refusal([{ labels: { a: 'b' }, endsAt: 1714564800 }])).toBe('[0].endsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z');
  // Date.parse reads each of these as some time; Alertmanager refuses them.
  for (const time of ['1', '2024', '2024-02-31T00:00:00Z', '2024-05-01 12:00:00Z']) {
    expect(refusal([{ labels: { a: 'b' }, startsAt: time }])).toBe('[0].startsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z');
  }
  expect(refusal([{ labels: { a: 'b' }, generatorURL: false }])).toBe('[0].generatorURL: a string');
  // Alertmanager's "start time must be before end time", with a missing endsAt filled in as on receipt.
  expect(refusal([{ labels: { a: 'b' }, startsAt: '2024-05-01T12:00:00Z', endsAt: '2024-05-01T11:00:00Z' }])).toBe('[0].startsAt: after endsAt (an alert starts before it ends)');
  expect(refusal([{ labels: { a: 'b' }, startsAt: '2024-05-01T12:36:00Z' }])).toBe('[0].startsAt: after endsAt (an alert starts before it ends)');
  expect(read([{ labels: { a: 'b' }, startsAt: '2024-05-01T12:34:00Z' }])).toHaveLength(1);
  // A resolution posted without a start starts when it ends, as in Alertmanager: it is taken.
  expect(read([{ labels: { a: 'b' }, endsAt: '2024-05-01T12:00:00Z' }])).toHaveLength(1);
  expect(refusal(Array.from({ length: 10_001 }, () => ({ labels: { a: 'b' } })))).toBe('body: at most 10000 alerts in one request');
});

it('leaves out an alert past the bounds on its size, which hold far above what rules make', () => {
  const many = (n: number, value = 'v') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, value]));
  expect(read([{ labels: many(ALERT_LIMITS.entries), annotations: many(ALERT_LIMITS.entries) }])).toHaveLength(1);
  expect(refusal([{ labels: many(150_000) }])).toBe('[0].labels: at most 128 entries');
  // Empty values count too: they are read before they are dropped.
  expect(refusal([{ labels: { alertname: 'A', ...many(200, '') } }])).toBe('[0].labels: at most 128 entries');
  expect(refusal([{ labels: { a: 'b' }, annotations: many(129) }])).toBe('[0].annotations: at most 128 entries');
  expect(refusal([{ labels: { [`n${'x'.repeat(1024)}`]: 'v' } }])).toBe(`[0].labels.n${'x'.repeat(39)}…: a name of at most 1024 characters`);
  expect(read([{ labels: { a: 'x'.repeat(16 * 1024) }, annotations: { description: 'y'.repeat(64 * 1024) } }])).toHaveLength(1);
  expect(refusal([{ labels: { a: 'x'.repeat(4_000_000) } }])).toBe('[0].labels.a: at most 16384 characters, not 4000000');
  expect(refusal([{ labels: { a: 'b' }, annotations: { description: 'y'.repeat(64 * 1024 + 1) } }])).toBe('[0].annotations.description: at most 65536 characters, not 65537');
});

it('takes in the alerts of a request that have no problem, and names the problem of each of the others', () => {
  const { alerts, problems } = readAll([{ labels: { alertname: 'A' } }, { labels: { '1x': 'a' } }, { labels: { alertname: 'B' }, endsAt: 'soon' }, { labels: { alertname: 'C' } }]);
  expect(alerts.map((a) => a.labels.alertname)).toEqual(['A', 'C']);
  expect(problems).toEqual(['[1].labels.1x: a label name such as alertname', '[2].endsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z']);
});

it('reads an escaped lone surrogate as U+FFFD, as Alertmanager (Go) does, and leaves escaped pairs and backslashes as they are', () => {
  const body = String.raw`[{"labels":{"alertname":"A","connector":"crm\ud800"},"annotations":{"summary":"\uDFFF \ud83d\ude00 \\ud800 \u0026"},"generatorURL":"http://p/\udbff"}]`;
  const [alert] = readPostableAlerts(parseJson(body, postableAlertsBody), RECEIVED_AT, RESOLVE_TIMEOUT_MS).alerts;
  expect(alert!.labels).toEqual({ alertname: 'A', connector: 'crm\ufffd' });
  expect(alert!.annotations).toEqual({ summary: '\ufffd \u{1f600} \\ud800 &' });
  expect(alert!.generatorURL).toBe('http://p/\ufffd');
});
