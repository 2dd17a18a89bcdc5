/**
 * GET /api/v2/alerts and /api/v2/alerts/groups, as Alertmanager's v2 API, so amtool, Grafana's
 * Alertmanager data source and dashboards such as karma work unchanged (the posted form is
 * model/postable-alerts.ts).
 */
import type { ServerResponse } from 'node:http';
import { isoTime } from '../clock.ts';
import { regexError, regexMatches } from '../config/matcher-regex.ts';
import { matchersMatch } from '../config/route-match.ts';
import { resolvesAt, type Alert } from '../model/alert.ts';
import { compareAlertLabels, compareLabelSets, compareText } from '../model/labels.ts';
import type { AlertStatus, Notifier } from '../notifier.ts';
import { HttpError } from './http-error.ts';
import { boolParam, parseFilters } from './matcher-filter.ts';
import { sendJsonArray } from './responses.ts';

interface AlertWithStatus {
  readonly alert: Alert;
  readonly status: AlertStatus;
}

/** Alertmanager's query parameters: filter, receiver (a regex), active, silenced, inhibited. */
interface AlertQuery {
  readonly matches: (entry: AlertWithStatus) => boolean;
  /** Undefined when the query names no receiver. */
  readonly receiver: ((name: string) => boolean) | undefined;
}

function alertQuery(params: URLSearchParams): AlertQuery {
  const filters = parseFilters(params);
  const active = boolParam(params, 'active', true);
  const silenced = boolParam(params, 'silenced', true);
  const inhibited = boolParam(params, 'inhibited', true);
  const receiver = params.get('receiver') || undefined;
  const receiverError = receiver === undefined ? undefined : regexError(receiver);
  if (receiverError) throw new HttpError(400, `receiver: not a regular expression (${receiverError})`);
  return {
    matches: ({ alert, status }) => {
      if (!matchersMatch(filters, alert.labels)) return false;
      if (!silenced && status.silencedBy.length > 0) return false;
      if (!inhibited && status.inhibitedBy.length > 0) return false;
      return active || status.state !== 'active';
    },
    receiver: receiver === undefined ? undefined : (name) => regexMatches(receiver, name),
  };
}

function gettableAlert({ alert, status }: AlertWithStatus) {
  return {
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: isoTime(alert.startsAt),
    endsAt: isoTime(resolvesAt(alert)),
    updatedAt: isoTime(alert.updatedAt),
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint,
    receivers: status.receivers.map((name) => ({ name })),
    status: { state: status.state, silencedBy: status.silencedBy, inhibitedBy: status.inhibitedBy },
  };
}

/** GET /api/v2/alerts: the firing alerts the query selects, with a receiver it matches, in fingerprint order as Alertmanager lists them. */
export function sendGettableAlerts(response: ServerResponse, notifier: Notifier, params: URLSearchParams): Promise<void> {
  const query = alertQuery(params);
  const selected = notifier
    .listAlerts()
    .filter((entry) => query.matches(entry) && (query.receiver === undefined || entry.status.receivers.some(query.receiver)))
    .sort((a, b) => compareText(a.alert.fingerprint, b.alert.fingerprint));
  return sendJsonArray(response, selected, gettableAlert);
}

/**
 * GET /api/v2/alerts/groups: each group whose receiver (or escalation policy) the query's
 * receiver matches, with the firing alerts it selects; a group left with none is not listed.
 * In Alertmanager's order: groups by label set, then receiver; alerts by compareAlertLabels.
 */
export function sendGettableAlertGroups(response: ServerResponse, notifier: Notifier, params: URLSearchParams): Promise<void> {
  const query = alertQuery(params);
  // Here Alertmanager lists an alert's receivers sorted, and only those the query's receiver matches.
  const listed = ({ alert, status }: AlertWithStatus) => gettableAlert({ alert, status: { ...status, receivers: status.receivers.filter(query.receiver ?? (() => true)).sort(compareText) } });
  const groups = notifier.listAlertGroups().sort((a, b) => compareLabelSets(a.labels, b.labels) || compareText(a.receiver, b.receiver));
  return sendJsonArray(response, groups, (group) => {
    const alerts = query.receiver === undefined || query.receiver(group.receiver) ? group.alerts.filter(query.matches) : [];
    return alerts.length === 0 ? undefined : { labels: group.labels, receiver: { name: group.receiver }, alerts: alerts.sort((a, b) => compareAlertLabels(a.alert.labels, b.alert.labels)).map(listed) };
  });
}
