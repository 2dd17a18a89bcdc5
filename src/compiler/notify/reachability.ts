/**
 * Every alert must reach someone, and a page must reach an escalation policy: each alert rule's
 * labels (its own, severity and alertname) are routed as the notifier will route them.
 */
import { PAGING_SEVERITIES } from '../../sdk/severity.ts';
import { SEVERITY_LABEL } from '../../sdk/conventions.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import { formatMatcher, matchRoutes, type MatchedRoute } from '../../runtime/config/route-match.ts';
import type { NotifierConfig } from '../../runtime/config/schema.ts';
import type { Diagnostics } from '../diagnostics.ts';

/**
 * The labels an alert is sent with whose values the build knows: its rule's own, alertname and
 * severity, and the prometheusConfig's external labels, which Prometheus adds where the alert has
 * no such label. One the expression keeps (`kept`) comes from the series unless it is empty there,
 * so it is not known; an expression whose labels cannot be told (null) is taken to keep none.
 */
export function staticLabels(alert: AlertRule, external: Readonly<Record<string, string>>, kept: ReadonlySet<string> | null): Record<string, string> {
  const added = Object.entries(external).filter(([name]) => kept === null || !kept.has(name));
  return { ...Object.fromEntries(added), ...alert.labels, alertname: alert.name, [SEVERITY_LABEL]: alert.severity };
}

/** `root > severity="critical"`: a matched route's path, for messages. */
export function describePath(match: MatchedRoute): string {
  return match.path
    .map((route, i) => route.name ?? (i === 0 ? 'root' : route.matchers.map(formatMatcher).join(', ') || '(any)'))
    .join(' > ');
}

/** Receivers a match tells, every escalation step included, in order (as amtool lists them). */
export function receiversOf(config: NotifierConfig, match: MatchedRoute): string[] {
  if (!match.escalation) return match.receiver ? [match.receiver] : [];
  return config.escalation_policies.find((p) => p.name === match.escalation)?.steps.flatMap((s) => s.receivers) ?? [];
}

/** A receiver without channels takes messages and tells no one, so it does not count as reached. */
function tellsSomeone(config: NotifierConfig, match: MatchedRoute): boolean {
  return receiversOf(config, match).some((name) => (config.receivers.find((r) => r.name === name)?.channels.length ?? 0) > 0);
}

export function checkReachability(config: NotifierConfig, alerts: readonly { group: string; alert: AlertRule; labels: Record<string, string> }[], diagnostics: Diagnostics): void {
  for (const { group, alert, labels } of alerts) {
    const subject = `group "${group}" alert "${alert.name}"`;
    const matches = matchRoutes(config.route, labels);
    const targets = matches.filter((m) => tellsSomeone(config, m));
    if (targets.length === 0) {
      const reached = [...new Set(matches.flatMap((m) => receiversOf(config, m)))];
      diagnostics.error(
        alert.source,
        subject,
        `reaches no receiver with a channel (routes: ${matches.map(describePath).join('; ')}; receivers: ${reached.join(', ') || 'none'})`,
        'give the matching route a receiver with an email, slack or webhook channel in rules/notify.ts',
      );
      continue;
    }
    if (PAGING_SEVERITIES.includes(alert.severity) && !targets.some((m) => m.escalation !== undefined) && !alert.withoutEscalation?.trim()) {
      diagnostics.error(
        alert.source,
        subject,
        `is ${alert.severity} but reaches no escalation policy (routes: ${targets.map(describePath).join('; ')})`,
        "route it to an escalation policy in rules/notify.ts, or set withoutEscalation: '<why no one needs paging>' on the alert",
      );
    }
  }
}
