/**
 * Alertmanager's postable alerts as the API reads them: what Prometheus and amtool post is
 * accepted as is, and every refusal names the field, as Alertmanager's own API would refuse it.
 */
import { expect, it } from 'vitest';
import { parseJson } from '../../../src/runtime/api/read-body.ts';
import { postableAlerts, toIncoming } from '../../../src/runtime/model/postable-alerts.ts';

const read = (body: unknown) => toIncoming(parseJson(JSON.stringify(body), postableAlerts));
const refusal = (body: unknown) => {
  try {
    read(body);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
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
  expect(refusal([{ labels: { team: '' } }])).toBe('[0].labels: at least one label is required');
});

it('refuses what is not postable alerts, naming the field', () => {
  expect(refusal({ labels: { alertname: 'A' } })).toBe('body: an array of alerts');
  expect(refusal(['A'])).toBe('[0]: an alert: an object with labels');
  expect(refusal([{ annotations: {} }])).toBe('[0].labels: an object of names to string values');
  expect(refusal([{ labels: {} }])).toBe('[0].labels: at least one label is required');
  expect(refusal([{ labels: { alertname: 'A' } }, { labels: { '1x': 'a' } }])).toBe('[1].labels.1x: a label name such as alertname');
  expect(refusal([{ labels: { a: 1 } }])).toBe('[0].labels.a: a string');
  expect(refusal([{ labels: { a: 'b' }, annotations: [] }])).toBe('[0].annotations: an object of names to string values');
  expect(refusal([{ labels: { a: 'b' }, annotations: { summary: null } }])).toBe('[0].annotations.summary: a string');
  expect(refusal([{ labels: { a: 'b' }, startsAt: 'yesterday' }])).toBe('[0].startsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z');
  expect(refusal([{ labels: { a: 'b' }, endsAt: 1714564800 }])).toBe('[0].endsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z');
  // Date.parse reads each of these as some time; Alertmanager refuses them.
  for (const time of ['1', '2024', '2024-02-31T00:00:00Z', '2024-05-01 12:00:00Z']) {
    expect(refusal([{ labels: { a: 'b' }, startsAt: time }])).toBe('[0].startsAt: an RFC 3339 time such as 2024-05-01T12:00:00Z');
  }
  expect(refusal([{ labels: { a: 'b' }, generatorURL: false }])).toBe('[0].generatorURL: a string');
  expect(refusal(Array.from({ length: 10_001 }, () => ({ labels: { a: 'b' } })))).toBe('body: at most 10000 alerts in one request');
});
