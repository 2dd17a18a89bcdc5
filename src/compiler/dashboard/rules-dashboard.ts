/**
 * The dashboard derived from the rules: a row per rule group, a panel per alert drawing what its
 * condition compares (one side of its comparison) against the threshold, so on-call can see how
 * close each alert is to firing.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { dashboard, row, type Dashboard } from '../../sdk/dashboard/dashboard.ts';
import { panel, type PanelSpec } from '../../sdk/dashboard/panels.ts';
import { query } from '../../sdk/dashboard/query.ts';
import type { Color } from '../../sdk/dashboard/thresholds.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { Severity } from '../../sdk/severity.ts';
import type { AnalyzedGroup } from '../project.ts';

export const RULES_DASHBOARD_UID = 'alertforge-rules';

/** Each comparison and the one that says the same with its sides swapped. */
const MIRRORED: Readonly<Record<string, string>> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };

export interface AlertCondition {
  /** The expression the alert watches. */
  readonly value: string;
  readonly op: string;
  readonly threshold: number;
}

/**
 * `lhs > 0.05` → lhs, `>`, 0.05 (and `0.05 < lhs` alike); undefined when the condition is not a
 * comparison with a number. Of `a > 1 and b > 0`, the first condition is what the alert is about.
 */
export function splitThreshold(expr: string): AlertCondition | undefined {
  let node: SyntaxNode | null = parser.parse(expr).topNode.firstChild;
  const operator = (n: SyntaxNode) => expr.slice(n.firstChild!.to, n.lastChild!.from).trim().split(/\s/)[0]!.toLowerCase();
  while (node?.name === 'BinaryExpr' && (operator(node) === 'and' || operator(node) === 'unless')) node = node.firstChild;
  while (node?.name === 'ParenExpr') node = node.firstChild;
  if (node?.name !== 'BinaryExpr') return undefined;
  const op = operator(node);
  if (!(op in MIRRORED)) return undefined;
  const [left, right] = [node.firstChild!, node.lastChild!];
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);
  if (right.name === 'NumberDurationLiteral') return { value: text(left), op, threshold: Number(text(right)) };
  if (left.name === 'NumberDurationLiteral') return { value: text(right), op: MIRRORED[op]!, threshold: Number(text(left)) };
  return undefined;
}

const SEVERITY_COLOR: Readonly<Record<Severity, Color>> = { info: 'blue', warning: 'orange', critical: 'red', emergency: 'dark-red' };

function alertPanel(alert: AlertRule, title: string): PanelSpec {
  const condition = splitThreshold(alert.expr);
  const color = SEVERITY_COLOR[alert.severity];
  // Above a `>` threshold is the firing side; below a `<` one, so the colours swap.
  const firesBelow = condition && condition.op.startsWith('<');
  return panel.timeseries({
    title,
    description: condition ? `${alert.summary} Fires when ${condition.op} ${condition.threshold} for ${alert.for}.` : `${alert.summary} (the whole condition: it has no threshold to draw)`,
    width: 8,
    queries: [query(condition?.value ?? alert.expr)],
    ...(condition
      ? { thresholds: firesBelow ? { base: color, steps: [{ value: condition.threshold, color: 'green' }] } : { base: 'green', steps: [{ value: condition.threshold, color }] }, thresholdLines: true }
      : {}),
  });
}

/** A row per rule group with alerts; a panel per alert, titled by name and severity. Undefined without alerts. */
export function rulesDashboard(groups: readonly AnalyzedGroup[]): Dashboard | undefined {
  const used = new Set<string>();
  const rows = groups.flatMap(({ group, rules }) => {
    const alerts = rules.flatMap((r) => (r.rule.kind === 'alert' ? [r.rule] : []));
    if (alerts.length === 0) return [];
    return [
      row(`Group ${group.name}`, alerts.map((alert) => {
        // Alert names are unique within a group; a name reused in another group gets the group added.
        const plain = `${alert.name} (${alert.severity})`;
        const title = used.has(plain) ? `${plain} in ${group.name}` : plain;
        used.add(title);
        return alertPanel(alert, title);
      })),
    ];
  });
  if (rows.length === 0) return undefined;
  return dashboard({
    uid: RULES_DASHBOARD_UID,
    title: 'Alert rules: conditions against thresholds',
    tags: ['alertforge', 'rules'],
    description: 'Each alert rule’s condition drawn against its threshold, a row per rule group.',
    rows,
  });
}
