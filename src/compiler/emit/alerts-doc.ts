/**
 * generated/ALERTS.md: every alert for the people it pages: when it fires as an EARS sentence,
 * severity, summary, runbook and expression, grouped as the rule files are.
 */
import { relative } from 'node:path';
import { ALERTS_DOC } from '../../sdk/conventions.ts';
import { describeDuration, parseDuration } from '../../sdk/duration.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import { describeAlertRouting } from '../notify/describe-routing.ts';
import { staticLabels } from '../notify/reachability.ts';
import { alertsOf, type Project } from '../project.ts';
import { generatedNotice, type GeneratedFile } from './generated-file.ts';

/** "When <condition> for 5 minutes, the system shall raise X (critical)." */
export function earsSentence(alert: AlertRule): string {
  const condition = alert.when ?? `\`${alert.expr}\` returns a series`;
  const lasting = parseDuration(alert.for) ? ` for ${describeDuration(alert.for)}` : '';
  return `When ${condition}${lasting}, the system shall raise ${alert.name} (${alert.severity}).`;
}

/** GitHub-style heading anchor. */
function anchor(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function alertSection(alert: AlertRule, file: string, line: number | undefined, routing: readonly string[]): string[] {
  const lines = [`### ${alert.name}`, '', earsSentence(alert), '', `- Severity: **${alert.severity}**`, `- Summary: ${alert.summary}`];
  if (alert.description) lines.push(`- Description: ${alert.description}`);
  lines.push(`- Runbook: ${alert.runbook ? `<${alert.runbook}>` : '(none)'}`);
  const labels = Object.entries(alert.labels).sort(([a], [b]) => a.localeCompare(b));
  if (labels.length) lines.push(`- Labels: ${labels.map(([k, v]) => `\`${k}=${v}\``).join(', ')}`);
  for (const route of routing) lines.push(`- Notifies: ${route}`);
  lines.push(`- Source: \`${file}${line ? `:${line}` : ''}\``, '', '```promql', alert.expr, '```', '');
  return lines;
}

export function emitAlertsDoc(project: Project): GeneratedFile[] {
  const alerts = alertsOf(project);
  const bySeverity = new Map<string, number>();
  for (const { alert } of alerts) bySeverity.set(alert.rule.severity, (bySeverity.get(alert.rule.severity) ?? 0) + 1);
  const out = [`<!-- ${generatedNotice(project.root, project.groups.map((g) => g.file))} -->`, '', '# Alerts', ''];
  out.push(`${alerts.length} alerts in ${project.groups.length} rule groups: ${[...bySeverity].sort().map(([s, n]) => `${n} ${s}`).join(', ')}.`, '');
  const byGroup = new Map<(typeof alerts)[number]['group'], typeof alerts>();
  for (const a of alerts) {
    const list = byGroup.get(a.group);
    if (list) list.push(a);
    else byGroup.set(a.group, [a]);
  }
  for (const group of project.groups) {
    const groupAlerts = byGroup.get(group) ?? [];
    if (groupAlerts.length === 0) continue;
    out.push(`- [${group.group.name}](#${anchor(`group ${group.group.name}`)}): ${groupAlerts.map((a) => `[${a.alert.rule.name}](#${anchor(a.alert.rule.name)})`).join(', ')}`);
  }
  out.push('');
  // Every alert of a file names it: one relative path per file, not per alert.
  const paths = new Map<string, string>();
  const relativePath = (file: string) => paths.get(file) ?? paths.set(file, relative(project.root, file)).get(file)!;
  for (const group of project.groups) {
    const groupAlerts = byGroup.get(group) ?? [];
    if (groupAlerts.length === 0) continue;
    out.push(`## Group ${group.group.name}`, '', `Defined in \`${relative(project.root, group.file)}\`${group.group.interval ? `, evaluated every ${group.group.interval}` : ''}.`, '');
    for (const { alert } of groupAlerts) {
      const { notify } = project;
      const routing = notify ? describeAlertRouting(notify.parsed, alert.rule, staticLabels(alert.rule, notify.externalLabels, alert.analysis.labels)) : [];
      out.push(...alertSection(alert.rule, relativePath(alert.rule.source?.file ?? group.file), alert.rule.source?.line, routing));
    }
  }
  return [{ path: ALERTS_DOC, content: `${out.join('\n').trimEnd()}\n` }];
}
