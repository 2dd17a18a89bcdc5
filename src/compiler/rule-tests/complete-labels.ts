/**
 * Completes the labels a test names into the full label set promtool compares: the labels the
 * expression keeps take their value from the expression's own equality matchers or, failing that,
 * from the test's input series, when exactly one value is possible; the rule's labels are added.
 */
import type { InputSeries } from '../../sdk/rule-test.ts';
import type { Analysis } from '../promql/analyze.ts';
import { labelMatchers } from '../promql/tree.ts';

export interface CompletedLabels {
  /** The labels the expression's result carries: what annotation templates see as $labels. */
  readonly expression: Readonly<Record<string, string>>;
  /** The alert's or sample's labels: the expression's, then the rule's. */
  readonly all: Readonly<Record<string, string>>;
  /** Labels the test must name because several values are possible, with those values. */
  readonly ambiguous: readonly { readonly label: string; readonly values: readonly string[] }[];
  /** Labels the test names that neither the expression nor the rule can carry. */
  readonly impossible: readonly string[];
}

export function completeLabels(
  expr: string,
  analysis: Analysis,
  ruleLabels: Readonly<Record<string, string>>,
  inputs: readonly InputSeries[],
  named: Readonly<Record<string, string>>,
): CompletedLabels {
  const expression: Record<string, string> = {};
  const ambiguous: { label: string; values: string[] }[] = [];
  const matchers = labelMatchers(expr);
  for (const label of [...(analysis.labels ?? [])].sort()) {
    if (label in named || label in ruleLabels) continue;
    const pinned = matchers.filter((m) => m.label === label && m.op === '=').map((m) => m.value);
    const candidates = [...new Set(pinned.length ? pinned : inputs.map((s) => s.labels[label]).filter((v): v is string => v !== undefined))].sort();
    if (candidates.length === 1) expression[label] = candidates[0]!;
    else if (candidates.length > 1) ambiguous.push({ label, values: candidates });
  }
  for (const [label, value] of Object.entries(named)) if (!(label in ruleLabels)) expression[label] = value;
  const kept = analysis.labels;
  const impossible = kept === null ? [] : Object.keys(named).filter((label) => !kept.has(label) && !(label in ruleLabels)).sort();
  return { expression, all: { ...expression, ...ruleLabels, ...named }, ambiguous, impossible };
}
