/** POST and GET /api/v2/alerts, as Alertmanager's v2 API, so Prometheus and amtool work unchanged. */
import { isoTime } from '../clock.ts';
import { z } from 'zod';
import { matchersMatch } from '../config/route-match.ts';
import type { IncomingAlert, Notifier } from '../notifier.ts';
import { HttpError } from './http-error.ts';
import { boolParam, parseFilters } from './matcher-filter.ts';

export const MAX_ALERTS_PER_REQUEST = 10_000;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Checked in one pass over the names: a key schema per label cost a quarter of validation. */
const labels = z.record(z.string(), z.string()).check((ctx) => {
  const names = Object.keys(ctx.value);
  if (names.length === 0) ctx.issues.push({ code: 'custom', message: 'at least one label is required', input: ctx.value });
  for (const name of names) {
    if (!LABEL_NAME.test(name)) ctx.issues.push({ code: 'custom', message: 'a label name such as alertname', input: name, path: [name] });
  }
});

/** Go's zero time is how amtool and others say "not set". */
const time = z.string().transform((s, ctx) => {
  if (s.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'an RFC 3339 time such as 2024-05-01T12:00:00Z' });
  return ms;
});

const postableAlert = z.object({
  labels,
  annotations: z.record(z.string(), z.string()).optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  generatorURL: z.string().optional(),
});

export const postableAlerts = z.array(postableAlert).max(MAX_ALERTS_PER_REQUEST, `at most ${MAX_ALERTS_PER_REQUEST} alerts in one request`);

export function toIncoming(alerts: z.infer<typeof postableAlerts>): IncomingAlert[] {
  return alerts.map((a) => ({
    labels: a.labels,
    ...(a.annotations && { annotations: a.annotations }),
    ...(a.startsAt !== undefined && { startsAt: a.startsAt }),
    ...(a.endsAt !== undefined && { endsAt: a.endsAt }),
    ...(a.generatorURL !== undefined && { generatorURL: a.generatorURL }),
  }));
}


/** GET /api/v2/alerts with Alertmanager's filters: filter, receiver, active, silenced, inhibited. */
export function gettableAlerts(notifier: Notifier, params: URLSearchParams): unknown[] {
  const filters = parseFilters(params);
  const active = boolParam(params, 'active', true);
  const silenced = boolParam(params, 'silenced', true);
  const inhibited = boolParam(params, 'inhibited', true);
  let receiver: RegExp | undefined;
  const receiverParam = params.get('receiver');
  if (receiverParam) {
    try {
      receiver = new RegExp(`^(?:${receiverParam})$`);
    } catch {
      throw new HttpError(400, 'receiver: not a regular expression');
    }
  }
  return notifier
    .listAlerts()
    .filter(({ alert, status }) => {
      if (!matchersMatch(filters, alert.labels)) return false;
      if (receiver && !status.receivers.some((r) => receiver.test(r))) return false;
      if (!silenced && status.silencedBy.length > 0) return false;
      if (!inhibited && status.inhibitedBy.length > 0) return false;
      return active || status.state !== 'active';
    })
    .map(({ alert, status }) => ({
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: isoTime(alert.startsAt),
      endsAt: isoTime(alert.endsAt),
      updatedAt: isoTime(alert.updatedAt),
      generatorURL: alert.generatorURL,
      fingerprint: alert.fingerprint,
      receivers: status.receivers.map((name) => ({ name })),
      status: { state: status.state, silencedBy: status.silencedBy, inhibitedBy: status.inhibitedBy },
    }));
}
