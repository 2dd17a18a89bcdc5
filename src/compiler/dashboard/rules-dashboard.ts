/**
 * The dashboard derived from the rules: a row per rule group, a panel per alert drawing what its
 * condition compares (the left side of its final comparison) against the threshold, so on-call can
 * see how close each alert is to firing.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { dashboard, row, type Dashboard } from '../../sdk/dashboard/dashboard.ts';
import { panel } from '../../sdk/dashboard/panels.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { AnalyzedGroup } from '../project.ts';

export const RULES_DASHBOARD_UID = 'alertforge-rules';

const COMPARISONS = new Set(['>', '<', '>=', '<=', '==', '!=']);

/** `lhs > 0.05` → the lhs and 0.05; undefined when the condition is not a comparison with a number. */
export function splitThreshold(expr: string): { value: string; threshold: number } | undefined {
  let node: SyntaxNode | null = parser.parse(expr).topNode.firstChild;
  // `a > 1 and b > 0`: the first condition is what the alert is about.
  while (node?.name === 'BinaryExpr' && /^\s*(and|unless)\b/i.test(expr.slice(node.firstChild!.to, node.lastChild!.from))) node = node.firstChild;
  while (node?.name === 'ParenExpr') node = node.firstChild;
  if (node?.name !== 'BinaryExpr') return undefined;
  const left = node.firstChild!;
  const right = node.lastChild!;
  const op = expr.slice(left.to, right.from).trim();
  if (!COMPARISONS.has(op) || right.name !== 'NumberDurationLiteral') return undefined;
  return { value: expr.slice(left.from, left.to), threshold: Number(expr.slice(right.from, right.to)) };
}

function alertPanel(alert: AlertRule) {
  const split = splitThreshold(alert.expr);
  return panel.timeseries({
    title: `${alert.name} (${alert.severity})`,
    description: alert.summary,
    width: 8,
    queries: [{ kind: 'query', expr: split?.value ?? alert.expr, legend: undefined, instant: false, format: 'time_series' }],
    thresholds: split ? [{ value: null, color: 'green' }, { value: split.threshold, color: alert.severity === 'warning' || alert.severity === 'info' ? 'orange' : 'red' }] : undefined,
    thresholdLines: split !== undefined,
  });
}

export function rulesDashboard(groups: readonly AnalyzedGroup[]): Dashboard {
  return dashboard({
    uid: RULES_DASHBOARD_UID,
    title: 'Alert rules: conditions against thresholds',
    tags: ['alertforge', 'rules'],
    description: 'Each alert rule’s condition drawn against its threshold, a row per rule group.',
    rows: groups
      .map((g) => ({ name: g.group.name, alerts: g.rules.flatMap((r) => (r.rule.kind === 'alert' ? [r.rule] : [])) }))
      .filter((g) => g.alerts.length)
      .map((g) => row(`Group ${g.name}`, g.alerts.map(alertPanel))),
  });
}
