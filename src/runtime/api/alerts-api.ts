/** GET /api/v2/alerts, as Alertmanager's v2 API, so amtool works unchanged (the posted form is model/postable-alerts.ts). */
import { isoTime } from '../clock.ts';
import { regexError, regexMatches } from '../config/matcher-regex.ts';
import { matchersMatch } from '../config/route-match.ts';
import type { Notifier } from '../notifier.ts';
import { HttpError } from './http-error.ts';
import { boolParam, parseFilters } from './matcher-filter.ts';

/** GET /api/v2/alerts with Alertmanager's filters: filter, receiver, active, silenced, inhibited. */
export function gettableAlerts(notifier: Notifier, params: URLSearchParams): unknown[] {
  const filters = parseFilters(params);
  const active = boolParam(params, 'active', true);
  const silenced = boolParam(params, 'silenced', true);
  const inhibited = boolParam(params, 'inhibited', true);
  const receiver = params.get('receiver') || undefined;
  const receiverError = receiver === undefined ? undefined : regexError(receiver);
  if (receiverError) throw new HttpError(400, `receiver: not a regular expression (${receiverError})`);
  return notifier
    .listAlerts()
    .filter(({ alert, status }) => {
      if (!matchersMatch(filters, alert.labels)) return false;
      if (receiver !== undefined && !status.receivers.some((r) => regexMatches(receiver, r))) return false;
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
