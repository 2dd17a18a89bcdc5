/**
 * A label name in the routing that no alert carries is a typo until shown otherwise: Alertmanager
 * reads a missing label as "", so `equal: ['conector']` holds for every pair of alerts (a critical
 * alert mutes every warning), `match: { sevrity: 'warning' }` matches nothing, and grouping by it
 * groups by nothing. The build knows each alert's labels: those its rule fixes and the external
 * labels Prometheus adds (staticLabels, reachability.ts), and those its expression keeps, the
 * target's job and instance included.
 */
import type { Route } from '../../sdk/notify/index.ts';
import { GROUP_BY_ALL, matcherMatches } from '../../runtime/config/route-match.ts';
import type { Matcher, NotifierConfig, Route as ConfigRoute } from '../../runtime/config/schema.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Analysis } from '../promql/analyze.ts';
import { closest } from '../../runtime/config/closest.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import { routeSubject } from './resolve.ts';

/**
 * Warnings, not errors: Prometheus may add labels the build cannot see (alert_relabel_configs), and
 * routing on them is common practice. The external labels it adds are declared and seen.
 */
const ADDED_ELSEWHERE = "; if Prometheus adds it as an external label, declare it in prometheusConfig's externalLabels; if alert relabelling adds it, this is fine";

/** What the build knows of the labels an alert is sent with. */
interface AlertLabels {
  /** Labels the rule fixes, with their values. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Labels the expression keeps, whose values vary; undefined when the analysis cannot tell (any label). */
  readonly varying: ReadonlySet<string> | undefined;
}

/** `fixed`: the alert's staticLabels. */
export function alertLabels(fixed: Readonly<Record<string, string>>, analysis: Analysis): AlertLabels {
  return { fixed, varying: analysis.labels === null ? undefined : new Set([...analysis.labels].filter((l) => l !== '__name__')) };
}

const carries = (alert: AlertLabels, label: string): boolean => Object.hasOwn(alert.fixed, label) || alert.varying === undefined || alert.varying.has(label);

/** Whether an alert may match: a fixed label decides, a varying one may hold any value, a missing one is "". */
function mayMatch(alert: AlertLabels, matchers: readonly Matcher[]): boolean {
  return matchers.every((m) => (Object.hasOwn(alert.fixed, m.label) ? matcherMatches(m, alert.fixed) : carries(alert, m.label) || matcherMatches(m, {})));
}

/** The label names some alert is known to carry: the names a typo is measured against. */
function knownLabels(alerts: readonly AlertLabels[]): Set<string> {
  return new Set(alerts.flatMap((a) => [...Object.keys(a.fixed), ...(a.varying ?? [])]));
}

/** Whether some alert may carry the label; one whose labels cannot be told may carry any. */
const someCarries = (alerts: readonly AlertLabels[], label: string): boolean => alerts.some((a) => carries(a, label));

function hint(label: string, known: Iterable<string>, among: string): string {
  const suggestion = closest(label, known);
  return `${suggestion ? `did you mean "${suggestion}"? ` : ''}${among}: ${[...known].sort().join(', ') || '(none)'}`;
}

export function checkRoutingLabels(config: NotifierConfig, route: Route, inhibitions: readonly { readonly source?: SourceLocation | undefined }[], alerts: readonly AlertLabels[], diagnostics: Diagnostics): void {
  if (alerts.length === 0) return;
  const known = knownLabels(alerts);
  /** Reports matchers on labels no alert carries; false when there were any. */
  const checkMatchers = (matchers: readonly Matcher[], source: SourceLocation | undefined, subject: string): boolean => {
    const unknown = matchers.filter((m) => !someCarries(alerts, m.label));
    for (const m of unknown) diagnostics.warn(source, subject, `matches on label "${m.label}", which no alert declared here carries (a missing label reads as "")`, `${hint(m.label, known, 'alerts carry')}${ADDED_ELSEWHERE}`);
    return unknown.length === 0;
  };

  /** Routes under one no alert reaches: only their label names can be checked. */
  const checkNamesUnder = (sdk: Route, built: ConfigRoute): void =>
    (built.routes ?? []).forEach((child, i) => {
      const childSdk = sdk.routes![i]!;
      checkMatchers(child.matchers ?? [], childSdk.source, routeSubject(childSdk, false));
      checkNamesUnder(childSdk, child);
    });

  const walk = (sdk: Route, built: ConfigRoute, reaching: readonly AlertLabels[], isRoot: boolean): void => {
    const subject = routeSubject(sdk, isRoot);
    const labelsKnown = checkMatchers(built.matchers ?? [], sdk.source, subject);
    const here = reaching.filter((a) => mayMatch(a, built.matchers ?? []));
    if (here.length === 0) {
      checkNamesUnder(sdk, built);
      if (!labelsKnown) return;
      // A route for alerts yet to come is fine; one a letter away from an alert's value is a typo.
      const value = (built.matchers ?? []).find((m) => m.op === '=' && someCarries(alerts, m.label) && !alerts.some((a) => mayMatch(a, [m])));
      const values = value ? [...new Set(alerts.flatMap((a) => (Object.hasOwn(a.fixed, value.label) ? [a.fixed[value.label]!] : [])))] : [];
      const suggestion = value ? closest(value.value, values) : undefined;
      if (value && suggestion) diagnostics.warn(sdk.source, subject, `matches ${value.label}="${value.value}", which no alert has, so no alert reaches it`, `did you mean "${suggestion}"?`);
      return;
    }
    const groupBy = built.group_by ?? [];
    if (!groupBy.includes(GROUP_BY_ALL)) {
      for (const label of groupBy) {
        if (!someCarries(here, label)) diagnostics.warn(sdk.source, subject, `groups by "${label}", which no alert routed here carries`, hint(label, knownLabels(here), 'they carry'));
      }
    }
    (built.routes ?? []).forEach((child, i) => walk(sdk.routes![i]!, child, here, false));
  };
  walk(route, config.route, alerts, true);

  config.inhibit_rules.forEach((rule, i) => {
    const source = inhibitions[i]?.source;
    checkMatchers([...rule.source_matchers, ...rule.target_matchers], source, 'inhibition');
    const matched = alerts.filter((a) => mayMatch(a, rule.source_matchers) || mayMatch(a, rule.target_matchers));
    for (const label of rule.equal) {
      if (!someCarries(matched, label)) {
        diagnostics.warn(source, 'inhibition', `equal names "${label}", which no alert matched by its source or target carries: missing on both sides, it is equal, so any source alert mutes every target alert`, `${hint(label, knownLabels(matched), 'those alerts carry')}${ADDED_ELSEWHERE}`);
      }
    }
  });
}
