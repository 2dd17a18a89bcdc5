/**
 * What the build would leave out without a word: an SDK object the sources declare but no export
 * reaches (a forgotten `export`), and one the build takes only as part of another that holds none
 * (a rule in no rule group, a route in no routing tree, an inhibition the notifyConfig does not
 * list): a helper's result left unused, or a line forgotten.
 */
import { relative, sep } from 'node:path';
import type { Route } from '../sdk/notify/route.ts';
import { selectorText, type MatcherValue } from '../sdk/promql/selector.ts';
import type { SourceLocation } from '../sdk/source-location.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { LoadedModule } from './load.ts';
import { routeSubject } from './notify/resolve.ts';

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

interface Part {
  readonly subject: (o: DeclaredObject) => string;
  /** What holds it: `is in no ${holder}`. */
  readonly holder: string;
  readonly hint: string;
}

const RULE_HINT = "add it to a ruleGroup's rules; if a helper makes it, check that the helper returns it and its caller uses it";
const matchers = (m: unknown): string => selectorText('', m as Readonly<Record<string, MatcherValue>>) || '{}';

/**
 * The kinds the build takes only through the object holding them, exported or not. An inhibition
 * or route does something by itself, so one left out changes what the notifier does; a receiver,
 * escalation policy or time interval does nothing until referenced, so an unused one is only
 * warned of (resolve.ts), as dead configuration.
 */
const PARTS: Readonly<Record<string, Part>> = {
  alert: { subject: (o) => `alert "${String(o['name'])}"`, holder: 'rule group', hint: RULE_HINT },
  recording: { subject: (o) => `recording rule "${String(o['name'])}"`, holder: 'rule group', hint: RULE_HINT },
  route: { subject: (o) => routeSubject(o as unknown as Route, false), holder: "notifyConfig's routing tree", hint: "add it to the routes of the notifyConfig's route or of a route under it, or delete it" },
  inhibition: { subject: (o) => `inhibition ${matchers(o['sourceMatchers'])} mutes ${matchers(o['targetMatchers'])}`, holder: "notifyConfig's inhibitions", hint: 'add it to notifyConfig({ inhibitions: [...] }), or delete it' },
};

/** The parts an object holds itself (a route's child routes, not their children). */
function partsOf(o: DeclaredObject): readonly unknown[] {
  if (o.kind === 'rule-group') return o['rules'] as readonly unknown[];
  if (o.kind === 'notify-config') return [o['route'], ...((o['inhibitions'] as readonly unknown[] | undefined) ?? [])];
  if (o.kind === 'route') return (o['routes'] as readonly unknown[] | undefined) ?? [];
  return [];
}

const isDeclared = (value: unknown): value is DeclaredObject =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';

/** Reports every declaration of the project's own files that the build would silently drop. */
export function checkUnexported(root: string, modules: readonly LoadedModule[], diagnostics: Diagnostics): void {
  const declared = modules.flatMap((m) => m.declared).filter(isDeclared);
  const exported = new Set(modules.flatMap((m) => m.exports));
  // A holder left out is reported itself (an unexported group, a route in no tree); its parts are not reported again.
  const held = new Set([...declared, ...exported].filter(isDeclared).flatMap(partsOf));
  for (const object of declared) {
    // Declarations of packages the sources import are theirs to use or not.
    if (!object.source || !ownFile(root, object.source.file)) continue;
    const subject = TAKEN_FROM_EXPORTS[object.kind];
    if (subject && !exported.has(object)) {
      diagnostics.error(object.source, subject(object), 'is declared but not exported, so the build leaves it out', 'export it (from a file in rules/ or dashboards/), or delete it');
    }
    const part = PARTS[object.kind];
    if (part && !held.has(object)) diagnostics.error(object.source, part.subject(object), `is in no ${part.holder}, so the build leaves it out`, part.hint);
  }
}

function ownFile(root: string, file: string): boolean {
  const path = relative(root, file);
  return !path.startsWith('..') && !path.split(sep).includes('node_modules');
}
