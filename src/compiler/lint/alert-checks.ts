/**
 * Checks of an alert: a condition that picks the series it fires for, over a counter's rate rather
 * than its count, labels that do not change with the value, a description that says more than the
 * summary, and a `for` that can hold.
 */
import { describeDuration, formatDuration, parseDuration } from '../../sdk/duration.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import { seriesFilter, valueReadSelectors } from '../promql/tree.ts';
import { readGoTemplate } from '../validate/go-template-syntax.ts';
import type { LintFinding, RuleCheck } from './finding.ts';

/**
 * Prometheus fires an alert for every series its expression returns: one that compares nothing
 * (`rate(errors_total[5m])`) fires for every series, at every value, 0 included (pint's
 * alerts/comparison). An expression that does not parse is already an error.
 */
export const conditionCheck: RuleCheck = ({ rule, analysis }) => {
  if (rule.kind !== 'alert' || analysis.problems.length > 0) return [];
  const filter = seriesFilter(rule.expr);
  if (filter === 'compares') return [];
  return [
    filter === 'bool'
      ? { check: 'alert-condition', message: 'compares with bool, which keeps every series, as 0 or 1: the alert fires for all of them', fix: 'drop bool, so that the comparison keeps only the series past the threshold' }
      : {
          check: 'alert-condition',
          message: 'compares nothing, so it fires for every series the expression returns, whatever its value',
          fix: "compare it with a threshold (.gt(0.05) in the builder, > 0.05 in PromQL); an alert meant to fire always (a watchdog) waives alert-condition saying so",
        },
  ];
};

/**
 * An alert's labels are its identity: one printing the value makes a new alert at every
 * evaluation that sees another value, so `for` never holds and every change pages anew (pint's
 * alerts/template). The value belongs in an annotation.
 */
export const labelValueCheck: RuleCheck = ({ rule }) => {
  if (rule.kind !== 'alert') return [];
  return Object.entries((rule as AlertRule).labels)
    .filter(([, template]) => readGoTemplate(template).readsValue)
    .map(([label]) => ({
      check: 'alert-label-value' as const,
      message: `label "${label}" prints the value, so every evaluation that sees another value makes another alert: for never holds, and each change pages anew`,
      fix: `print the value in an annotation (the description); keep labels to what names the alert`,
    }));
};

/**
 * A counter's value is a count since its process started: an alert on it (`errors_total > 5`)
 * fires once the count passes the threshold and stays firing until the process restarts, however
 * long ago the errors were (pint's promql/counter).
 */
export const counterValueCheck: RuleCheck = ({ rule, analysis }) => {
  if (rule.kind !== 'alert') return [];
  const raw = valueReadSelectors(rule.expr);
  return analysis.selectors
    .filter((s) => s.kind === 'counter' && raw.some((r) => r.from === s.from && r.to === s.to))
    .map((s) => ({
      check: 'counter-value' as const,
      message: `reads ${s.name}, a counter, by its value: a count since the process started, which only grows`,
      fix: `alert on how fast it grows instead: rate(${s.name}[5m]) or increase(${s.name}[1h])`,
    }));
};

export const descriptionChecks: RuleCheck = ({ rule }) => {
  if (rule.kind !== 'alert') return [];
  if (rule.description === undefined || rule.description.trim() === '') {
    return [{ check: 'description-present', message: 'has no description', fix: 'add description: what is happening, with its labels and value, and what it means for users' }];
  }
  if (!rule.description.includes('{{')) {
    return [{ check: 'description-templated', message: 'the description names no label or value', fix: 'use the template context, e.g. (t) => `... ${t.labels.connector} ... ${t.valueHumanized}`, so each notification says which series and how bad' }];
  }
  return [];
};

/**
 * A `for` shorter than two evaluations fires on the first or second evaluation that sees the
 * condition: one unlucky evaluation pages.
 */
export const forCheck: RuleCheck = ({ rule }, { evaluationMs }) => {
  if (rule.kind !== 'alert') return [];
  const forMs = parseDuration((rule as AlertRule).for);
  if (forMs === undefined || forMs >= 2 * evaluationMs) return [];
  const finding: LintFinding = {
    check: 'for-vs-evaluation-interval',
    message: `for ${rule.for} is shorter than two evaluation intervals (${describeDuration(formatDuration(evaluationMs))} each)`,
    fix: `set for to at least ${formatDuration(2 * evaluationMs)}, or evaluate the group more often`,
  };
  return [finding];
};
