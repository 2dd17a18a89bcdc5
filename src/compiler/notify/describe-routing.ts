/** Who an alert reaches and how it escalates, in words: for ALERTS.md and `routes test`. */
import { parseDuration } from '../../sdk/duration.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import { matchRoutes, type MatchedRoute } from '../../runtime/config/route-match.ts';
import type { Channel, NotifierConfig } from '../../runtime/config/schema.ts';
import { describePath } from './reachability.ts';

function channelText(channel: Channel): string {
  switch (channel.type) {
    case 'email':
      return `email ${channel.to.join(', ')}`;
    case 'slack':
      return `Slack ${channel.channel ?? `($${channel.webhook_url.env})`}`;
    case 'webhook':
      return `webhook ${typeof channel.url === 'string' ? channel.url : `$${channel.url.env}`}`;
  }
}

/** When an escalation step runs: `at once`, `after 10m unacknowledged`. */
export function stepWhen(after: string): string {
  return parseDuration(after) === 0 ? 'at once' : `after ${after} unacknowledged`;
}

/** `sync-team (Slack #sync-alerts, email sync-team@example.com)` */
export function receiverText(config: NotifierConfig, name: string): string {
  const receiver = config.receivers.find((r) => r.name === name);
  return receiver ? `${name} (${receiver.channels.map(channelText).join(', ') || 'no channels'})` : name;
}

/** `; only during business-hours; not during company-holidays`, or nothing for a route that always notifies. */
function whenText(match: MatchedRoute): string {
  const only = match.activeTimeIntervals.length > 0 ? `; only during ${match.activeTimeIntervals.join(' or ')}` : '';
  const not = match.muteTimeIntervals.length > 0 ? `; not during ${match.muteTimeIntervals.join(' or ')}` : '';
  return only + not;
}

/** One line per matched route: its path, then the receiver or the escalation steps, and when it may notify. */
function describeMatch(config: NotifierConfig, match: MatchedRoute): string {
  const via = `via ${describePath(match)}${whenText(match)}`;
  if (match.escalation) {
    const policy = config.escalation_policies.find((p) => p.name === match.escalation);
    if (!policy) return `escalation ${match.escalation} ${via}`;
    const steps = policy.steps.map((s) => `${s.receivers.map((r) => receiverText(config, r)).join(' and ')} ${stepWhen(s.after)}`);
    const repeat = policy.repeat > 1 ? `; the chain runs ${policy.repeat} times` : '';
    return `escalation ${policy.name} ${via}: ${steps.join(', then ')}${repeat}`;
  }
  return `${receiverText(config, match.receiver ?? '(none)')} ${via}`;
}

/** Each route the alert takes, and why it is not escalated when its rule opted out. */
export function describeAlertRouting(config: NotifierConfig, alert: AlertRule, labels: Readonly<Record<string, string>>): string[] {
  return matchRoutes(config.route, labels).map((m) => {
    const text = describeMatch(config, m);
    return alert.withoutEscalation && !m.escalation ? `${text}; not escalated: ${alert.withoutEscalation}` : text;
  });
}
