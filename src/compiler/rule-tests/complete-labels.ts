/**
 * Completes the labels a test names into the full label set promtool compares: the labels the
 * expression keeps take their value from the expression's own equality matchers or, failing that,
 * from the test's input series, when exactly one value is possible; the rule's labels are added,
 * an alert's rendered as Prometheus renders them (recording rules' labels are not templates).
 */
import type { InputSeries } from '../../sdk/rule-test.ts';
import type { Analysis } from '../promql/analyze.ts';
import { labelMatchers } from '../promql/tree.ts';
import { renderGoTemplate, UnrenderableTemplate } from './go-template.ts';

export interface CompletedLabels {
  /** The labels the expression's result carries: what annotation templates see as $labels. */
  readonly expression: Readonly<Record<string, string>>;
  /** The alert's or sample's labels: the expression's, then the rule's. */
  readonly all: Readonly<Record<string, string>>;
  /** Labels the test must name because several values are possible, with those values. */
  readonly ambiguous: readonly { readonly label: string; readonly values: readonly string[] }[];
  /** Labels the test names that neither the expression nor the rule can carry. */
  readonly impossible: readonly string[];
  /** An alert's labels the test must name because their templates cannot be rendered here, with why. */
  readonly unrenderable: readonly { readonly label: string; readonly reason: string }[];
}

export function completeLabels(
  expr: string,
  analysis: Analysis,
  ruleLabels: Readonly<Record<string, string>>,
  inputs: readonly InputSeries[],
  named: Readonly<Record<string, string>>,
  /** Given for an alert: its labels are templates, rendered with this value (undefined: unknown). */
  alert?: { readonly value: number | undefined },
): CompletedLabels {
  const expression: Record<string, string> = {};
  const ambiguous: { label: string; values: string[] }[] = [];
  const matchers = labelMatchers(expr);
  for (const label of [...(analysis.labels ?? [])].sort()) {
    // A label the rule sets over the expression's is named by its value after that: the
    // expression's value, which templates read, comes from the expression alone.
    const overridden = label in ruleLabels;
    if (label in named && !overridden) continue;
    const pinned = matchers.filter((m) => m.label === label && m.op === '=').map((m) => m.value);
    const candidates = [...new Set(pinned.length ? pinned : inputs.map((s) => s.labels[label]).filter((v): v is string => v !== undefined))].sort();
    if (candidates.length === 1) expression[label] = candidates[0]!;
    else if (candidates.length > 1 && !overridden) ambiguous.push({ label, values: candidates });
  }
  for (const [label, value] of Object.entries(named)) if (!(label in ruleLabels)) expression[label] = value;
  const kept = analysis.labels;
  const impossible = kept === null ? [] : Object.keys(named).filter((label) => !kept.has(label) && !(label in ruleLabels)).sort();
  const own = alert ? renderLabels(ruleLabels, expression, named, alert.value) : { labels: ruleLabels, unrenderable: [] };
  const all: Record<string, string> = { ...expression, ...own.labels, ...named };
  // A rule label that renders empty removes the label, the expression's too.
  for (const label of Object.keys(ruleLabels)) if (!(label in own.labels) && !(label in named)) delete all[label];
  return { expression, all, ambiguous, impossible, unrenderable: own.unrenderable };
}

/** The alert's labels as Prometheus renders them, but for those the test names; one rendering empty is dropped, as Prometheus drops it. */
function renderLabels(ruleLabels: Readonly<Record<string, string>>, expression: Readonly<Record<string, string>>, named: Readonly<Record<string, string>>, value: number | undefined) {
  const labels: Record<string, string> = {};
  const unrenderable: { label: string; reason: string }[] = [];
  for (const [label, template] of Object.entries(ruleLabels)) {
    if (label in named) continue;
    try {
      const rendered = renderGoTemplate(template, expression, value);
      if (rendered !== '') labels[label] = rendered;
    } catch (error) {
      if (!(error instanceof UnrenderableTemplate)) throw error;
      unrenderable.push({ label, reason: error.message });
    }
  }
  return { labels, unrenderable };
}
