/**
 * Message text: a receiver's templates over the placeholders of TEMPLATE_PLACEHOLDERS, or the
 * defaults, which read like Alertmanager's (`[FIRING:2] SyncErrorRateHigh ...`).
 */
import type { Channel } from './config/schema.ts';
import { renderPlaceholders } from './config/template-placeholders.ts';
import type { Notification, NotificationAlert } from './notification.ts';
import { formatLabels, labelValue } from './model/labels.ts';

export interface RenderedMessage {
  readonly title: string;
  readonly body: string;
}

/**
 * Alerts a message lists, at most; the rest are counted. An outage of hundreds of alerts made a
 * Slack message of 70,000 characters, past the 40,000 at which Slack cuts it, and the cut fell on
 * the links after the list.
 */
export const LISTED_ALERTS_MAX = 50;

/**
 * An alert: its summary and labels, then each other annotation on a line of its own (the
 * description a rule gives is for the reader of the message, as Alertmanager's mails show it).
 */
function alertText(alert: NotificationAlert): string {
  const summary = alert.annotations.summary ?? alert.labels.alertname ?? '';
  const lines = [`[${alert.status}] ${summary} ${formatLabels(alert.labels)}`.trim()];
  for (const [name, value] of Object.entries(alert.annotations)) if (name !== 'summary' && value !== '') lines.push(`  ${name}: ${value.replaceAll('\n', '\n    ')}`);
  return lines.join('\n');
}

/** The alerts, what fires before what resolved, as Alertmanager's default templates list them; at most LISTED_ALERTS_MAX. */
function alertsText(n: Notification): string {
  const ordered = [...n.alerts.filter((a) => a.status === 'firing'), ...n.alerts.filter((a) => a.status !== 'firing')];
  const listed = ordered.slice(0, LISTED_ALERTS_MAX).map(alertText);
  if (ordered.length > LISTED_ALERTS_MAX) listed.push(`… and ${ordered.length - LISTED_ALERTS_MAX} more alert(s)`);
  return listed.join('\n');
}

function firingCount(n: Notification): number {
  return n.alerts.filter((a) => a.status === 'firing').length;
}

function lookup(n: Notification): (name: string) => string {
  // Made when asked: a title needs no list of the alerts.
  const fields: Record<string, () => string> = {
    status: () => n.status,
    receiver: () => n.receiver,
    groupKey: () => n.groupKey,
    alertCount: () => String(n.alerts.length),
    firingCount: () => String(firingCount(n)),
    resolvedCount: () => String(n.alerts.length - firingCount(n)),
    alerts: () => alertsText(n),
    escalationStep: () => (n.escalationStep === undefined ? '' : String(n.escalationStep)),
    externalURL: () => n.externalURL,
    'links.ack': () => n.links.ack ?? '',
    'links.source': () => n.links.source ?? '',
    'links.runbook': () => n.links.runbook ?? '',
    'links.silence': () => n.links.silence ?? '',
  };
  return (name) => {
    if (Object.hasOwn(fields, name)) return fields[name]!();
    const dot = name.indexOf('.');
    const [map, key] = [name.slice(0, dot), name.slice(dot + 1)];
    if (map === 'groupLabels') return labelValue(n.groupLabels, key);
    if (map === 'commonLabels') return labelValue(n.commonLabels, key);
    if (map === 'commonAnnotations') return labelValue(n.commonAnnotations, key);
    return '';
  };
}

function alertNames(n: Notification): string {
  const names = [...new Set(n.alerts.map((a) => a.labels.alertname).filter((name) => name !== undefined))].sort();
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function defaultTitle(n: Notification): string {
  const status = n.status === 'firing' ? `FIRING:${firingCount(n)}` : 'RESOLVED';
  const { alertname, ...rest } = n.groupLabels;
  // A digest (or a group by no alertname) of several: the names it tells, so the subject says what.
  const name = alertname ?? n.commonLabels.alertname ?? alertNames(n);
  const labels = Object.keys(rest).length > 0 ? ` ${formatLabels(rest)}` : '';
  const summary = n.commonAnnotations.summary ? `: ${n.commonAnnotations.summary}` : '';
  return `[${status}] ${name}${labels}${summary}`;
}

function defaultBody(n: Notification): string {
  const lines = [alertsText(n)];
  if (n.escalationStep !== undefined) lines.push(`Escalation step ${n.escalationStep}.`);
  if (n.links.ack) lines.push(`Acknowledge: ${n.links.ack}`);
  if (n.links.runbook) lines.push(`Runbook: ${n.links.runbook}`);
  if (n.links.source) lines.push(`Source: ${n.links.source}`);
  if (n.links.silence) lines.push(`Silence: ${n.links.silence}`);
  return lines.join('\n\n');
}

/**
 * `escape` is applied to what comes from alerts (every placeholder's value, the whole of a default
 * text), never to a template's own text, so markup a receiver writes in its template stays markup.
 */
export function renderMessage(n: Notification, template: Channel['template'], escape: Escape = unescaped): RenderedMessage {
  return { title: renderTitle(n, template, escape), body: renderBody(n, template, escape) };
}

type Escape = (text: string) => string;
const unescaped: Escape = (text) => text;

/** The placeholders' values, escaped. */
const escapedLookup = (n: Notification, escape: Escape) => {
  const fromAlerts = lookup(n);
  return (name: string) => escape(fromAlerts(name));
};

/** The title alone (a Slack message's plain-text fallback needs no body). */
export function renderTitle(n: Notification, template: Channel['template'], escape: Escape = unescaped): string {
  return template?.title !== undefined ? renderPlaceholders(template.title, escapedLookup(n, escape)) : escape(defaultTitle(n));
}

function renderBody(n: Notification, template: Channel['template'], escape: Escape): string {
  return template?.body !== undefined ? renderPlaceholders(template.body, escapedLookup(n, escape)) : escape(defaultBody(n));
}
