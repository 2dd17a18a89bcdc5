/**
 * The placeholders a receiver's message template may use, as `{{ name }}`. The compiler rejects a
 * template naming anything else; the runtime renders exactly these. `.*` entries take any label or
 * annotation name after the dot (`{{ commonLabels.connector }}`).
 */
export const TEMPLATE_PLACEHOLDERS = [
  'status', // firing or resolved
  'receiver',
  'groupKey',
  'alertCount',
  'firingCount',
  'resolvedCount',
  'groupLabels.*',
  'commonLabels.*',
  'commonAnnotations.*',
  'alerts', // each alert: status, summary and labels, then its other annotations; at most 50, the rest counted
  'escalationStep', // 1-based step of the escalation policy, empty outside one
  'externalURL',
  'links.ack', // signed acknowledge link
  'links.source', // the first alert's generatorURL
  'links.runbook', // the common runbook_url annotation
  'links.silence', // a signed link to silence the group's labels for a while
] as const;

const PLACEHOLDER_RE = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Replaces each placeholder with its value; the compiler has already rejected unknown names. */
export function renderPlaceholders(template: string, lookup: (name: string) => string): string {
  return template.replace(PLACEHOLDER_RE, (_all, name: string) => lookup(name));
}
