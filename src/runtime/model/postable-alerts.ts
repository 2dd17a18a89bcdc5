/**
 * Alerts as senders post them: Alertmanager's v2 `postableAlerts`, what Prometheus and amtool send.
 * As in Alertmanager, each alert of a request is checked on its own: one with a problem is left
 * out and its problem named, and the rest are taken in. The API reads requests with this, and the
 * notifier reads its ingest log back with it, so both leave out the same alerts.
 */
import { z } from 'zod';
import { isoTime } from '../clock.ts';
import { parseRfc3339 } from '../rfc3339.ts';
import { endsAtOrTimeout, startsAtOrDefault } from './alert.ts';
import { LABEL_NAME, type Labels } from './labels.ts';

const MAX_ALERTS_PER_REQUEST = 10_000;

/**
 * Bounds on one alert, far above what rules make (Mimir refuses series of more than 30 labels, or
 * values over 2,048 characters). Alertmanager has none, but it serves each request on a goroutine
 * of its own; here one request of 150,000 labels, or a value of 4 million characters, held the
 * event loop for seconds: nothing taken in, nothing sent, health checks failing.
 */
export const ALERT_LIMITS = { entries: 128, nameLength: 1024, labelValueLength: 16 * 1024, annotationValueLength: 64 * 1024 } as const;

/** The problem with the size of a set's `count`-th entry, if any: `field` is `[3].labels`. */
function sizeProblem(field: string, count: number, name: string, text: string, valueLength: number): string | undefined {
  if (count > ALERT_LIMITS.entries) return `${field}: at most ${ALERT_LIMITS.entries} entries`;
  if (name.length > ALERT_LIMITS.nameLength) return `${field}.${name.slice(0, 40)}…: a name of at most ${ALERT_LIMITS.nameLength} characters`;
  if (text.length > valueLength) return `${field}.${name}: at most ${valueLength} characters, not ${text.length}`;
  return undefined;
}

/** A request's body: an array of at most MAX_ALERTS_PER_REQUEST items, each read by readPostableAlerts. */
export const postableAlertsBody = z
  .custom<unknown[]>((value) => Array.isArray(value), 'an array of alerts')
  .refine((alerts) => alerts.length <= MAX_ALERTS_PER_REQUEST, `at most ${MAX_ALERTS_PER_REQUEST} alerts in one request`);

/**
 * Go's zero time is how amtool and others say "not set". The last time parsed is remembered: the
 * alerts of one Prometheus evaluation share their times.
 */
let lastTime: string | undefined;
let lastMs: number | undefined;
function epochMs(time: string): number | undefined {
  if (time !== lastTime) {
    lastMs = time.startsWith('0001-01-01') ? undefined : parseRfc3339(time);
    lastTime = time;
  }
  return lastMs;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const TIME = 'an RFC 3339 time such as 2024-05-01T12:00:00Z';

const STRING_MAP = 'an object of names to string values';

/**
 * The labels, or the problem with them: each name a label name, and at least one. A label whose
 * value is empty is dropped first, as Alertmanager drops it: `{team=""}` is no team label, so the
 * alert is the one posted without it. The set itself when no value is empty.
 */
function readLabels(value: unknown, i: number): Labels | string {
  // The field's name is written out only for a problem: this runs for every alert received.
  if (!isObject(value)) return `[${i}].labels: ${STRING_MAP}`;
  let named = false;
  let empty = false;
  let count = 0;
  for (const name in value) {
    const text = value[name];
    if (text !== null && typeof text !== 'string') return `[${i}].labels.${name}: a string`;
    const tooLarge = sizeProblem(`[${i}].labels`, ++count, name, text ?? '', ALERT_LIMITS.labelValueLength);
    if (tooLarge) return tooLarge;
    // null is Go's empty string: no label either.
    if (text === '' || text === null) {
      empty = true;
      continue;
    }
    if (!LABEL_NAME.test(name)) return `[${i}].labels.${name}: a label name such as alertname`;
    named = true;
  }
  if (!named) return `[${i}].labels: at least one label is required`;
  return empty ? (Object.fromEntries(Object.entries(value).filter(([, text]) => text !== '' && text !== null)) as Labels) : (value as Labels);
}

/**
 * The annotations, or the problem with them: label names to string values, as Alertmanager checks
 * them; a null value is Go's empty string. The set itself when no value is null.
 */
function readAnnotations(value: unknown, i: number): Labels | string {
  if (!isObject(value)) return `[${i}].annotations: ${STRING_MAP}`;
  let nulls = false;
  let count = 0;
  for (const name in value) {
    const text = value[name];
    if (text === null) nulls = true;
    else if (typeof text !== 'string') return `[${i}].annotations.${name}: a string`;
    const tooLarge = sizeProblem(`[${i}].annotations`, ++count, name, text ?? '', ALERT_LIMITS.annotationValueLength);
    if (tooLarge) return tooLarge;
    if (!LABEL_NAME.test(name)) return `[${i}].annotations.${name}: a label name such as summary`;
  }
  return nulls ? (Object.fromEntries(Object.entries(value).map(([name, text]) => [name, text ?? ''])) as Labels) : (value as Labels);
}

/** An alert as a sender posts it, times in epoch milliseconds; missing ones are filled in on receipt. */
export interface IncomingAlert {
  readonly labels: Labels;
  readonly annotations?: Labels | undefined;
  readonly startsAt?: number | undefined;
  readonly endsAt?: number | undefined;
  readonly generatorURL?: string | undefined;
}

/** One item of a body as an alert, or the problem with it, naming the field: `[3].labels.1x: ...`. */
function readAlert(item: unknown, i: number, receivedAt: number, resolveTimeoutMs: number): IncomingAlert | string {
  if (!isObject(item)) return `[${i}]: an alert: an object with labels`;
  // null is "not set", as Go reads it into a time or a string.
  const startsAt = item.startsAt ?? undefined;
  const endsAt = item.endsAt ?? undefined;
  const generatorURL = item.generatorURL ?? undefined;
  const labels = readLabels(item.labels, i);
  if (typeof labels === 'string') return labels;
  const annotations = item.annotations === undefined || item.annotations === null ? undefined : readAnnotations(item.annotations, i);
  if (typeof annotations === 'string') return annotations;
  const problem =
    (startsAt !== undefined && (typeof startsAt !== 'string' || Number.isNaN(epochMs(startsAt))) ? `[${i}].startsAt: ${TIME}` : undefined) ??
    (endsAt !== undefined && (typeof endsAt !== 'string' || Number.isNaN(epochMs(endsAt))) ? `[${i}].endsAt: ${TIME}` : undefined) ??
    (generatorURL !== undefined && typeof generatorURL !== 'string' ? `[${i}].generatorURL: a string` : undefined);
  if (problem) return problem;
  const alert: IncomingAlert = {
    labels,
    annotations,
    startsAt: startsAt === undefined ? undefined : epochMs(startsAt as string),
    endsAt: endsAt === undefined ? undefined : epochMs(endsAt as string),
    generatorURL: generatorURL as string | undefined,
  };
  // Alertmanager's check, with the times as they will be filled in.
  if (startsAtOrDefault(alert.startsAt, alert.endsAt, receivedAt) > endsAtOrTimeout(alert.endsAt, receivedAt, resolveTimeoutMs)) return `[${i}].startsAt: after endsAt (an alert starts before it ends)`;
  return alert;
}

/** A request's alerts, received at `receivedAt`: those taken in, and the problem of each left out. */
export function readPostableAlerts(items: readonly unknown[], receivedAt: number, resolveTimeoutMs: number): { alerts: IncomingAlert[]; problems: string[] } {
  const alerts: IncomingAlert[] = [];
  const problems: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const read = readAlert(items[i], i, receivedAt, resolveTimeoutMs);
    if (typeof read === 'string') problems.push(read);
    else alerts.push(read);
  }
  return { alerts, problems };
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
