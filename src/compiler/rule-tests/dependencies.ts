/** Which rules a test reaches: those it names, and every recording rule they read, transitively. */
import { regexError } from '../../runtime/config/matcher-regex.ts';
import { matcherMatches } from '../../runtime/config/route-match.ts';
import { analyzePromql } from '../promql/analyze.ts';
import { labelMatchers } from '../promql/tree.ts';
import type { AnalyzedGroup, AnalyzedRule } from '../project.ts';

/** Series Prometheus writes of each alert's state, labelled with its name. */
const ALERT_STATE_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

export interface GroupedRule {
  readonly group: AnalyzedGroup;
  readonly rule: AnalyzedRule;
}

/** The rules named `names` (alerts or recording rules, in any group) and the recording rules they read. */
export function rulesReachedFrom(groups: readonly AnalyzedGroup[], names: Iterable<string>): GroupedRule[] {
  const byName = new Map<string, GroupedRule[]>();
  for (const group of groups) for (const rule of group.rules) byName.set(rule.rule.name, [...(byName.get(rule.rule.name) ?? []), { group, rule }]);
  const reached: GroupedRule[] = [];
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const found of byName.get(name) ?? []) {
      reached.push(found);
      queue.push(...found.rule.analysis.selectors.map((s) => s.name));
    }
  }
  return reached;
}

/**
 * The rule and series names an expression a test queries reads. ALERTS and ALERTS_FOR_STATE exist
 * only while an alert's group is loaded: a selector of them reads the alerts its alertname matchers
 * select (every alert, when it has none).
 */
export function namesRead(groups: readonly AnalyzedGroup[], expr: string): string[] {
  const alerts = groups.flatMap((g) => g.rules.filter((r) => r.rule.kind === 'alert').map((r) => r.rule.name));
  return analyzePromql(expr, () => undefined).selectors.flatMap(({ name, from, to }) => {
    if (!ALERT_STATE_SERIES.has(name)) return [name];
    // A bad regex is left out, so it cannot throw here: promtool reports the query.
    const matchers = labelMatchers(expr.slice(from, to)).filter((m) => m.label === 'alertname' && !(m.op.endsWith('~') && regexError(m.value)));
    return [name, ...alerts.filter((alert) => matchers.every((m) => matcherMatches(m, { alertname: alert })))];
  });
}
