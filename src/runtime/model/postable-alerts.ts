/**
 * Alerts as senders post them: Alertmanager's v2 `postableAlerts`, what Prometheus and amtool send.
 * The API validates requests with this schema, and the notifier reads its ingest log back with it.
 */
import { z } from 'zod';
import type { Labels } from './labels.ts';

const MAX_ALERTS_PER_REQUEST = 10_000;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A map of names to string values, checked in one pass: zod's record schema runs a schema on every
 * name and value, which was most of the cost of ingest's validation.
 */
const stringMap = z
  .custom<Record<string, string>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'an object of names to string values')
  .check((ctx) => {
    for (const [name, value] of Object.entries(ctx.value)) {
      if (typeof value !== 'string') ctx.issues.push({ code: 'custom', message: 'a string', input: value, path: [name] });
    }
  });

const labels = stringMap.check((ctx) => {
  const names = Object.keys(ctx.value);
  if (names.length === 0) ctx.issues.push({ code: 'custom', message: 'at least one label is required', input: ctx.value });
  for (const name of names) {
    if (!LABEL_NAME.test(name)) ctx.issues.push({ code: 'custom', message: 'a label name such as alertname', input: name, path: [name] });
  }
});

/**
 * Go's zero time is how amtool and others say "not set". The last time parsed is remembered: the
 * alerts of one Prometheus evaluation share their times, and each is read twice (check, convert).
 */
let lastTime = '';
let lastMs: number | undefined;
function epochMs(time: string): number | undefined {
  if (time !== lastTime) {
    lastMs = time.startsWith('0001-01-01') ? undefined : Date.parse(time);
    lastTime = time;
  }
  return lastMs;
}

/** Checked here and converted in toIncoming: a zod transform cost more than the rest of the alert. */
const time = z.string().check((ctx) => {
  if (Number.isNaN(epochMs(ctx.value))) ctx.issues.push({ code: 'custom', message: 'an RFC 3339 time such as 2024-05-01T12:00:00Z', input: ctx.value });
});

const postableAlert = z.object({
  labels,
  annotations: stringMap.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  generatorURL: z.string().optional(),
});

export const postableAlerts = z.array(postableAlert).max(MAX_ALERTS_PER_REQUEST, `at most ${MAX_ALERTS_PER_REQUEST} alerts in one request`);

/** An alert as a sender posts it, times in epoch milliseconds; missing ones are filled in on receipt. */
export interface IncomingAlert {
  readonly labels: Labels;
  readonly annotations?: Labels | undefined;
  readonly startsAt?: number | undefined;
  readonly endsAt?: number | undefined;
  readonly generatorURL?: string | undefined;
}

export function toIncoming(alerts: z.infer<typeof postableAlerts>): IncomingAlert[] {
  return alerts.map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt === undefined ? undefined : epochMs(a.startsAt),
    endsAt: a.endsAt === undefined ? undefined : epochMs(a.endsAt),
    generatorURL: a.generatorURL,
  }));
}

/** The JSON body that posts these alerts: what the ingest log keeps of alerts not posted as JSON. */
export function encodePostableAlerts(alerts: readonly IncomingAlert[]): string {
  return JSON.stringify(
    alerts.map((a) => ({
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt === undefined ? undefined : new Date(a.startsAt).toISOString(),
      endsAt: a.endsAt === undefined ? undefined : new Date(a.endsAt).toISOString(),
      generatorURL: a.generatorURL,
    })),
  );
}
