import type { LINT_CHECKS } from './conventions.ts';
import type { Duration } from './duration.ts';
import type { InstantVector, RangeVector } from './promql/expression.ts';
import { select, type Matchers, type Selector } from './promql/selector.ts';
import type { Severity } from './severity.ts';
import { noteDeclared } from './declarations.ts';
import { requireEntries } from './entries.ts';
import { callSite, type SourceLocation } from './source-location.ts';
import { renderTemplate, type Template } from './template.ts';

/** An alerting rule as written: the expression's labels L type its templates. */
export interface AlertProps<L extends string> {
  /** CamelCase alert name, e.g. `SyncErrorRateHigh`; unique within its group. */
  readonly name: string;
  /** The condition: the alert fires for every series this returns. Typed, or raw PromQL. */
  readonly expr: InstantVector<L> | string;
  /** How long the condition must hold before the alert fires. Required: without it, every blip pages. */
  readonly for: Duration;
  /** Keep firing this long after the condition clears, to ride out flapping. Default: stop at once. */
  readonly keepFiringFor?: Duration;
  /** How urgent: info, warning, critical or emergency. */
  readonly severity: Severity;
  /** One line for the notification title. May name only labels the expression keeps. */
  readonly summary: Template<NoInfer<L>>;
  /** What is happening and what it means; templated with labels and value. Default: none (lint warns). */
  readonly description?: Template<NoInfer<L>>;
  /**
   * The condition in plain words for ALERTS.md: "When <when> for 5 minutes, the system shall raise
   * ...". Default: the expression itself.
   */
  readonly when?: string;
  /** Where the on-call engineer reads what to do. Default: none. */
  readonly runbook?: string;
  /** Extra labels for routing (team, service, ...); `severity` is set from `severity`. Default: none. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Further annotations beyond summary, description and runbook. Default: none. */
  readonly annotations?: Readonly<Record<string, Template<NoInfer<L>>>>;
  /** For a critical or emergency alert that deliberately reaches no escalation policy: why. Default: none. */
  readonly withoutEscalation?: string;
  /** Lint checks this alert deliberately fails, each with the reason (e.g. `{ 'group-size': 'generated per tenant' }`). Default: none. */
  readonly waive?: LintWaivers;
}

/** Lint check names, each with why the rule may fail it. */
export type LintWaivers = { readonly [C in (typeof LINT_CHECKS)[number]]?: string };

/** An alerting rule, templates rendered to Go template text. */
export interface AlertRule {
  readonly kind: 'alert';
  readonly name: string;
  readonly expr: string;
  readonly for: string;
  readonly keepFiringFor: string | undefined;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string | undefined;
  readonly when: string | undefined;
  readonly runbook: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly withoutEscalation: string | undefined;
  readonly waive: LintWaivers;
  readonly source: SourceLocation | undefined;
}

/** Declare an alerting rule. */
export function alert<L extends string>(props: AlertProps<L>): AlertRule {
  const annotations: Record<string, string> = {};
  for (const [key, template] of Object.entries(props.annotations ?? {})) annotations[key] = renderTemplate(template as Template<string>);
  return noteDeclared({
    kind: 'alert',
    name: props.name,
    expr: typeof props.expr === 'string' ? props.expr.trim() : props.expr.text,
    for: props.for,
    keepFiringFor: props.keepFiringFor,
    severity: props.severity,
    summary: renderTemplate(props.summary as Template<string>),
    description: props.description === undefined ? undefined : renderTemplate(props.description as Template<string>),
    when: props.when,
    runbook: props.runbook,
    labels: props.labels ?? {},
    annotations,
    withoutEscalation: props.withoutEscalation,
    waive: props.waive ?? {},
    source: callSite(),
  });
}

/** A recording rule as written. */
export interface RecordProps<N extends string, L extends string, S extends string> {
  /** `level:metric:operations`, e.g. `connector:sync_operations:rate5m`. */
  readonly name: N;
  /** What to precompute. Typed, or raw PromQL. */
  readonly expr: InstantVector<L> | string;
  /** Labels added to every recorded series. Default: none. */
  readonly labels?: Readonly<Record<S, string>>;
}

/**
 * A recording rule; it can be selected in later expressions like a catalog metric, its labels
 * typed from its expression.
 */
export class RecordingRule<N extends string = string, L extends string = string> {
  readonly kind = 'recording' as const;
  readonly source: SourceLocation | undefined;

  constructor(
    readonly name: N,
    readonly expr: string,
    readonly labels: Readonly<Record<string, string>>,
    source: SourceLocation | undefined,
  ) {
    this.source = source;
  }

  /** Select the recorded series, optionally narrowed by label matchers. */
  select(matchers?: Matchers<L>): Selector<L, 'gauge'> {
    return select(this.name, matchers);
  }

  /** The recorded samples over the last `duration`. */
  range(duration: Duration): RangeVector<L, 'gauge'> {
    return select<L, 'gauge'>(this.name).range(duration);
  }
}

/** Declare a recording rule. */
export function record<const N extends string, L extends string, const S extends string = never>(props: RecordProps<N, L, S>): RecordingRule<N, L | S> {
  const expr = typeof props.expr === 'string' ? props.expr.trim() : props.expr.text;
  return noteDeclared(new RecordingRule<N, L | S>(props.name, expr, props.labels ?? {}, callSite()));
}

export type Rule = AlertRule | RecordingRule;

/** A rule group as written. */
export interface RuleGroupProps {
  /** Group name, unique in the project; also the generated file's name (`<name>.yml`). */
  readonly name: string;
  /** How often the group is evaluated. Default: Prometheus' global evaluation_interval. */
  readonly interval?: Duration;
  /** Most alerts or series one evaluation may produce before the group fails. Default: no limit. */
  readonly limit?: number;
  /** Rules, evaluated in order; a recording rule is available to the rules after it. */
  readonly rules: readonly Rule[];
}

export interface RuleGroup {
  readonly kind: 'rule-group';
  readonly name: string;
  readonly interval: string | undefined;
  readonly limit: number | undefined;
  readonly rules: readonly Rule[];
  readonly source: SourceLocation | undefined;
}

/** Declare a rule group: the unit Prometheus evaluates together. */
export function ruleGroup(props: RuleGroupProps): RuleGroup {
  requireEntries(`ruleGroup "${props.name}"`, 'rules', props.rules);
  return noteDeclared({ kind: 'rule-group', name: props.name, interval: props.interval, limit: props.limit, rules: props.rules, source: callSite() });
}
