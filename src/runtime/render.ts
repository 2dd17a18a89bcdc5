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

function alertLine(alert: NotificationAlert): string {
  const summary = alert.annotations.summary ?? alert.labels.alertname ?? '';
  return `[${alert.status}] ${summary} ${formatLabels(alert.labels)}`.trim();
}

/** One line an alert, what fires before what resolved, as Alertmanager's default templates list them. */
function alertLines(n: Notification): string {
  return [...n.alerts.filter((a) => a.status === 'firing'), ...n.alerts.filter((a) => a.status !== 'firing')].map(alertLine).join('\n');
}

function firingCount(n: Notification): number {
  return n.alerts.filter((a) => a.status === 'firing').length;
}

function lookup(n: Notification): (name: string) => string {
  const fields: Record<string, string> = {
    status: n.status,
    receiver: n.receiver,
    groupKey: n.groupKey,
    alertCount: String(n.alerts.length),
    firingCount: String(firingCount(n)),
    resolvedCount: String(n.alerts.length - firingCount(n)),
    alerts: alertLines(n),
    escalationStep: n.escalationStep === undefined ? '' : String(n.escalationStep),
    externalURL: n.externalURL,
    'links.ack': n.links.ack ?? '',
    'links.source': n.links.source ?? '',
    'links.runbook': n.links.runbook ?? '',
    'links.silence': n.links.silence ?? '',
  };
  return (name) => {
    if (Object.hasOwn(fields, name)) return fields[name]!;
    const dot = name.indexOf('.');
    const [map, key] = [name.slice(0, dot), name.slice(dot + 1)];
    if (map === 'groupLabels') return labelValue(n.groupLabels, key);
    if (map === 'commonLabels') return labelValue(n.commonLabels, key);
    if (map === 'commonAnnotations') return labelValue(n.commonAnnotations, key);
    return '';
  };
}

function defaultTitle(n: Notification): string {
  const status = n.status === 'firing' ? `FIRING:${firingCount(n)}` : 'RESOLVED';
  const { alertname, ...rest } = n.groupLabels;
  const name = alertname ?? n.commonLabels.alertname ?? '';
  const labels = Object.keys(rest).length > 0 ? ` ${formatLabels(rest)}` : '';
  const summary = n.commonAnnotations.summary ? `: ${n.commonAnnotations.summary}` : '';
  return `[${status}] ${name}${labels}${summary}`;
}

function defaultBody(n: Notification): string {
  const lines = [alertLines(n)];
  if (n.escalationStep !== undefined) lines.push(`Escalation step ${n.escalationStep}.`);
  if (n.links.ack) lines.push(`Acknowledge: ${n.links.ack}`);
  if (n.links.runbook) lines.push(`Runbook: ${n.links.runbook}`);
  if (n.links.source) lines.push(`Source: ${n.links.source}`);
  if (n.links.silence) lines.push(`Silence: ${n.links.silence}`);
  return lines.join('\n\n');
}

export function renderMessage(n: Notification, template: Channel['template']): RenderedMessage {
  const value = lookup(n);
  return {
    title: template?.title !== undefined ? renderPlaceholders(template.title, value) : defaultTitle(n),
    body: template?.body !== undefined ? renderPlaceholders(template.body, value) : defaultBody(n),
  };
}
