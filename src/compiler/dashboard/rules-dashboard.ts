/**
 * The dashboard derived from the rules: a row per rule group, a panel per alert drawing what its
 * condition compares (one side of its comparison) against the threshold, so on-call can see how
 * close each alert is to firing.
 */
import type { SyntaxNode } from '@lezer/common';
import { parsePromql } from '../promql/parse.ts';
import { dashboard, row, type Dashboard } from '../../sdk/dashboard/dashboard.ts';
import { panel, type PanelSpec } from '../../sdk/dashboard/panels.ts';
import { query } from '../../sdk/dashboard/query.ts';
import type { Color } from '../../sdk/dashboard/thresholds.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import { SEVERITIES, type Severity } from '../../sdk/severity.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { AnalyzedGroup } from '../project.ts';

const RULES_DASHBOARD_UID = 'alertforge-rules';
/** More alerts than this, and the dashboard opens with its rows collapsed. */
const OPEN_PANELS_AT_MOST = 60;
/**
 * Most alerts the dashboard draws. Grafana slows to a crawl long before this many panels, even in
 * collapsed rows (it parses and lays out the whole model when the dashboard opens), and at 10,000
 * alerts the JSON alone is 20 MB; past it the most severe alerts are drawn and the build says so.
 */
export const RULES_DASHBOARD_MAX_PANELS = 500;

/** Comparison nodes of the grammar: the operator as written, and as it reads with the sides swapped. */
const COMPARISONS: Readonly<Record<string, { op: string; mirrored: string }>> = {
  Gtr: { op: '>', mirrored: '<' },
  Lss: { op: '<', mirrored: '>' },
  Gte: { op: '>=', mirrored: '<=' },
  Lte: { op: '<=', mirrored: '>=' },
  Eql: { op: '==', mirrored: '==' },
  Neq: { op: '!=', mirrored: '!=' },
};
const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = { Add: (a, b) => a + b, Sub: (a, b) => a - b, Mul: (a, b) => a * b, Div: (a, b) => a / b };

export interface AlertCondition {
  /** The expression the alert watches. */
  readonly value: string;
  /** How it is compared, as if the value were on the left. */
  readonly op: string;
  readonly threshold: number;
}

const children = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};

/** The number a constant expression (`0.05`, `(14.4 * 0.05)`, `-1`) stands for; undefined otherwise. */
function constant(node: SyntaxNode, expr: string): number | undefined {
  const [first, second, third] = children(node);
  switch (node.name) {
    case 'NumberDurationLiteral': {
      const n = Number(expr.slice(node.from, node.to));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'ParenExpr':
      return first && constant(first, expr);
    case 'UnaryExpr': {
      const n = second && constant(second, expr);
      return n === undefined ? undefined : first?.name === 'Sub' ? -n : n;
    }
    case 'BinaryExpr': {
      const [a, b, fn] = [first && constant(first, expr), third && constant(third, expr), second && ARITHMETIC[second.name]];
      return a === undefined || b === undefined || !fn ? undefined : fn(a, b);
    }
    default:
      return undefined;
  }
}

/** The comparison an alert is about: through parentheses and aggregations, and the first side of and, or, unless. */
function comparisonOf(node: SyntaxNode | null): SyntaxNode | undefined {
  if (!node) return undefined;
  const parts = children(node);
  switch (node.name) {
    case 'ParenExpr':
      return comparisonOf(parts[0] ?? null);
    case 'AggregateExpr': {
      const args = children(parts.at(-1)!);
      return args.length === 1 ? comparisonOf(args[0]!) : undefined;
    }
    case 'BinaryExpr': {
      const op = parts[1]?.name ?? '';
      if (op === 'And' || op === 'Or' || op === 'Unless') return comparisonOf(parts[0]!);
      return op in COMPARISONS ? node : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `lhs > 0.05` → lhs, `>`, 0.05 (and `0.05 < lhs` alike); undefined when the condition is not a
 * comparison with a constant. Of `a > 1 and b > 0`, the first condition is what the alert is about.
 */
export function splitThreshold(expr: string): AlertCondition | undefined {
  const comparison = comparisonOf(parsePromql(expr).topNode.firstChild);
  if (!comparison) return undefined;
  const parts = children(comparison);
  const [left, operator, right] = [parts[0]!, parts[1]!, parts.at(-1)!];
  const { op, mirrored } = COMPARISONS[operator.name]!;
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);
  const [l, r] = [constant(left, expr), constant(right, expr)];
  // Rounded, so 14.4 * 0.05 reads 0.72 and not as binary floating point has it.
  const round = (n: number) => Number(n.toPrecision(12));
  if (r !== undefined && l === undefined) return { value: text(left), op, threshold: round(r) };
  if (l !== undefined && r === undefined) return { value: text(right), op: mirrored, threshold: round(l) };
  return undefined;
}

const SEVERITY_COLOR: Readonly<Record<Severity, Color>> = { info: 'blue', warning: 'orange', critical: 'red', emergency: 'dark-red' };

function alertPanel(alert: AlertRule, title: string): PanelSpec {
  const condition = splitThreshold(alert.expr);
  const color = SEVERITY_COLOR[alert.severity];
  // Above a `>` threshold is the firing side and below a `<` one; `==` and `!=` colour no side.
  const side = condition?.op.startsWith('>') ? 'above' : condition?.op.startsWith('<') ? 'below' : undefined;
  return panel.timeseries({
    title,
    description: `${condition ? `Fires when ${condition.op} ${condition.threshold} for ${alert.for}.` : 'The whole condition: it compares with no constant to draw.'} Summary: ${alert.summary}`,
    width: 8,
    queries: [query(condition?.value ?? alert.expr)],
    ...(condition && side
      ? { thresholds: side === 'below' ? { base: color, steps: [{ value: condition.threshold, color: 'green' }] } : { base: 'green', steps: [{ value: condition.threshold, color }] }, thresholdLines: true }
      : {}),
  });
}

/**
 * The alerts to draw, at most `RULES_DASHBOARD_MAX_PANELS`: all of them, or the most severe first
 * (emergency, critical, warning, info), each severity in declaration order.
 */
function drawn(groups: readonly AnalyzedGroup[]): { alerts: Set<AlertRule>[]; total: number } {
  const all = groups.flatMap(({ rules }, g) => rules.flatMap((r) => (r.rule.kind === 'alert' ? [{ g, alert: r.rule }] : [])));
  const kept = all.length <= RULES_DASHBOARD_MAX_PANELS ? all : [...SEVERITIES].reverse().flatMap((s) => all.filter((a) => a.alert.severity === s)).slice(0, RULES_DASHBOARD_MAX_PANELS);
  const alerts = groups.map(() => new Set<AlertRule>());
  for (const { g, alert } of kept) alerts[g]!.add(alert);
  return { alerts, total: all.length };
}

/**
 * A row per rule group with alerts; a panel per alert, titled by name and severity. Undefined
 * without alerts. Past `RULES_DASHBOARD_MAX_PANELS` alerts it draws the most severe, says so in its
 * description, and warns.
 */
export function rulesDashboard(groups: readonly AnalyzedGroup[], diagnostics: Diagnostics): Dashboard | undefined {
  const { alerts: drawnIn, total } = drawn(groups);
  const count = Math.min(total, RULES_DASHBOARD_MAX_PANELS);
  const used = new Set<string>();
  // With many alerts, rows start collapsed: Grafana then draws a group's panels only when it is opened.
  const collapsed = count > OPEN_PANELS_AT_MOST;
  const rows = groups.flatMap(({ group, rules }, g) => {
    const alerts = rules.flatMap((r) => (r.rule.kind === 'alert' && drawnIn[g]!.has(r.rule) ? [r.rule] : []));
    if (alerts.length === 0) return [];
    return [
      row(`Group ${group.name}`, alerts.map((alert) => {
        // Alert names are unique within a group; a name reused in another group gets the group added.
        const plain = `${alert.name} (${alert.severity})`;
        const title = used.has(plain) ? `${plain} in ${group.name}` : plain;
        used.add(title);
        return alertPanel(alert, title);
      }), { collapsed }),
    ];
  });
  if (rows.length === 0) return undefined;
  const capped = total > count;
  if (capped) {
    diagnostics.warn(
      undefined,
      `dashboard "${RULES_DASHBOARD_UID}"`,
      `draws the ${count} most severe of the ${total} alerts: Grafana crawls with more panels than that`,
      'every alert is still in the rule files; draw the ones a team watches in a dashboard of its own (dashboards/*.ts)',
    );
  }
  return dashboard({
    uid: RULES_DASHBOARD_UID,
    title: 'Alert rules: conditions against thresholds',
    tags: ['alertforge', 'rules'],
    description: `Each alert rule’s condition drawn against its threshold, a row per rule group.${capped ? ` The ${count} most severe of the ${total} alerts.` : ''}`,
    rows,
  });
}
