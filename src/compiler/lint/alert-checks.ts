/** Checks of an alert's metadata: a description that says more than the summary, and a `for` that can hold. */
import { describeDuration, formatDuration, parseDuration } from '../../sdk/duration.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { LintFinding, RuleCheck } from './finding.ts';

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
