/** What every lint check produces and reads. */
import type { LINT_CHECKS } from '../../sdk/conventions.ts';
import type { Analysis } from '../promql/analyze.ts';
import type { AnalyzedRule } from '../project.ts';

export type LintCheck = (typeof LINT_CHECKS)[number];

/** One thing a rule should do differently: what is wrong, and the one-line fix. */
export interface LintFinding {
  readonly check: LintCheck;
  readonly message: string;
  readonly fix: string;
}

/** What a rule check knows besides the rule: the intervals it runs at. */
export interface LintContext {
  /** How often the group is evaluated, in milliseconds. */
  readonly evaluationMs: number;
  /** The longest scrape interval of the project, in milliseconds: a range must span a few scrapes of any job. */
  readonly scrapeMs: number;
  /** Names of the project's recording rules: their samples come at the evaluation interval, not the scrape interval. */
  readonly recordings: ReadonlySet<string>;
}

export type RuleCheck = (rule: AnalyzedRule, context: LintContext) => LintFinding[];

/** A PromQL expression as checked: a rule's, or a dashboard panel's query. */
export interface CheckedExpression {
  readonly expr: string;
  readonly analysis: Analysis;
}

export type ExpressionCheck = (expression: CheckedExpression, context: LintContext) => LintFinding[];
