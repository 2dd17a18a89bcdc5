/**
 * Alerts as senders post them: Alertmanager's v2 `postableAlerts`, what Prometheus and amtool send.
 * The API validates requests with this schema, and the notifier reads its ingest log back with it.
 */
import { z } from 'zod';
import { isoTime } from '../clock.ts';
import { parseRfc3339 } from '../rfc3339.ts';
import type { Labels } from './labels.ts';

const MAX_ALERTS_PER_REQUEST = 10_000;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** One alert as posted, once checked: what JSON.parse made of it, untouched. */
interface PostableAlert {
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly generatorURL?: string;
}

/**
 * Go's zero time is how amtool and others say "not set". The last time parsed is remembered: the
 * alerts of one Prometheus evaluation share their times, and each is read twice (check, convert).
 */
let lastTime = '';
let lastMs: number | undefined;
function epochMs(time: string): number | undefined {
  if (time !== lastTime) {
    lastMs = time.startsWith('0001-01-01') ? undefined : parseRfc3339(time);
    lastTime = time;
  }
  return lastMs;
}

type Issue = { code: 'custom'; message: string; input: unknown; path: PropertyKey[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Names to string values; for labels, at least one with a value (an empty one is no label), each a label name. */
function checkStringMap(value: unknown, path: PropertyKey[], labelNames: boolean, issues: Issue[]): void {
  if (!isObject(value)) {
    issues.push({ code: 'custom', message: 'an object of names to string values', input: value, path });
    return;
  }
  const names = Object.keys(value);
  if (labelNames && names.every((name) => value[name] === '')) issues.push({ code: 'custom', message: 'at least one label is required', input: value, path });
  for (const name of names) {
    if (labelNames && !LABEL_NAME.test(name)) issues.push({ code: 'custom', message: 'a label name such as alertname', input: name, path: [...path, name] });
    else if (typeof value[name] !== 'string') issues.push({ code: 'custom', message: 'a string', input: value[name], path: [...path, name] });
  }
}

function checkTime(value: unknown, path: PropertyKey[], issues: Issue[]): void {
  if (value !== undefined && (typeof value !== 'string' || Number.isNaN(epochMs(value)))) {
    issues.push({ code: 'custom', message: 'an RFC 3339 time such as 2024-05-01T12:00:00Z', input: value, path });
  }
}

function checkAlert(alert: unknown, i: number, issues: Issue[]): void {
  if (!isObject(alert)) {
    issues.push({ code: 'custom', message: 'an alert: an object with labels', input: alert, path: [i] });
    return;
  }
  checkStringMap(alert.labels, [i, 'labels'], true, issues);
  if (alert.annotations !== undefined) checkStringMap(alert.annotations, [i, 'annotations'], false, issues);
  checkTime(alert.startsAt, [i, 'startsAt'], issues);
  checkTime(alert.endsAt, [i, 'endsAt'], issues);
  if (alert.generatorURL !== undefined && typeof alert.generatorURL !== 'string') {
    issues.push({ code: 'custom', message: 'a string', input: alert.generatorURL, path: [i, 'generatorURL'] });
  }
}

/**
 * Alertmanager's postableAlerts, checked by hand in one pass inside one zod schema: zod's object,
 * record and string schemas ran a schema on every field and copied every alert, which was a
 * quarter of the event loop's work on ingest. Issues still name the field: `[3].labels.alertname`.
 */
export const postableAlerts = z
  .custom<PostableAlert[]>((value) => Array.isArray(value), 'an array of alerts')
  .check((ctx) => {
    const alerts: unknown[] = ctx.value;
    if (alerts.length > MAX_ALERTS_PER_REQUEST) {
      ctx.issues.push({ code: 'custom', message: `at most ${MAX_ALERTS_PER_REQUEST} alerts in one request`, input: alerts.length });
      return;
    }
    for (let i = 0; i < alerts.length; i++) checkAlert(alerts[i], i, ctx.issues as Issue[]);
  });

/** An alert as a sender posts it, times in epoch milliseconds; missing ones are filled in on receipt. */
export interface IncomingAlert {
  readonly labels: Labels;
  readonly annotations?: Labels | undefined;
  readonly startsAt?: number | undefined;
  readonly endsAt?: number | undefined;
  readonly generatorURL?: string | undefined;
}

/**
 * The labels without those whose value is empty, as Alertmanager drops them: `{team=""}` is no
 * team label, so the alert is the one posted without it. The set itself when none is empty.
 */
function withoutEmptyValues(labels: Record<string, string>): Record<string, string> {
  for (const name in labels) {
    if (labels[name] === '') return Object.fromEntries(Object.entries(labels).filter(([, value]) => value !== ''));
  }
  return labels;
}

export function toIncoming(alerts: readonly PostableAlert[]): IncomingAlert[] {
  return alerts.map((a) => ({
    labels: withoutEmptyValues(a.labels),
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
      startsAt: a.startsAt === undefined ? undefined : isoTime(a.startsAt),
      endsAt: a.endsAt === undefined ? undefined : isoTime(a.endsAt),
      generatorURL: a.generatorURL,
    })),
  );
}
