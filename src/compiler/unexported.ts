/**
 * What the build would leave out without a word: an SDK object the sources declare but no export
 * reaches (a forgotten `export`), and a rule in no rule group (a helper's result left unused).
 */
import { relative, sep } from 'node:path';
import type { SourceLocation } from '../sdk/source-location.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { LoadedModule } from './load.ts';

interface DeclaredObject {
  readonly kind: string;
  readonly source?: SourceLocation | undefined;
  readonly [field: string]: unknown;
}

/** The kinds the build takes from the sources' exports, each with how a message names one. */
const TAKEN_FROM_EXPORTS: Readonly<Record<string, (o: DeclaredObject) => string>> = {
  metric: (o) => `metric "${String(o['name'])}"`,
  'rule-group': (o) => `ruleGroup "${String(o['name'])}"`,
  slo: (o) => `slo "${String(o['name'])}" of "${String(o['service'])}"`,
  dashboard: (o) => `dashboard "${String(o['uid'])}"`,
  'notify-config': () => 'notifyConfig',
  'prometheus-config': () => 'prometheusConfig',
  'rule-test': (o) => `rule test "${String(o['name'])}"`,
};

const RULE_KINDS: Readonly<Record<string, string>> = { alert: 'alert', recording: 'recording rule' };

const isDeclared = (value: unknown): value is DeclaredObject =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';

/** Reports every declaration of the project's own files that the build would silently drop. */
export function checkUnexported(root: string, modules: readonly LoadedModule[], diagnostics: Diagnostics): void {
  const declared = modules.flatMap((m) => m.declared).filter(isDeclared);
  const exported = new Set(modules.flatMap((m) => m.exports));
  // An unexported group is reported itself; its rules are not reported again.
  const grouped = new Set([...declared, ...exported].filter(isDeclared).flatMap((o) => (o.kind === 'rule-group' ? (o['rules'] as readonly unknown[]) : [])));
  for (const object of declared) {
    // Declarations of packages the sources import are theirs to use or not.
    if (!object.source || !ownFile(root, object.source.file)) continue;
    const subject = TAKEN_FROM_EXPORTS[object.kind];
    if (subject && !exported.has(object)) {
      diagnostics.error(object.source, subject(object), 'is declared but not exported, so the build leaves it out', 'export it (from a file in rules/ or dashboards/), or delete it');
    }
    const rule = RULE_KINDS[object.kind];
    if (rule && !grouped.has(object)) {
      diagnostics.error(object.source, `${rule} "${String(object['name'])}"`, 'is in no rule group, so the build leaves it out', "add it to a ruleGroup's rules; if a helper makes it, check that the helper returns it and its caller uses it");
    }
  }
}

function ownFile(root: string, file: string): boolean {
  const path = relative(root, file);
  return !path.startsWith('..') && !path.split(sep).includes('node_modules');
}
